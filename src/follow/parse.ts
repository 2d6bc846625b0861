/**
 * A fetched live blog's HTML → its updates, with the project's own live-blog code, on the device. Runs
 * where a DOM parser exists outside any web page: Chrome's offscreen document, Firefox's background page.
 * A page that has no updates in its HTML says why when it can: a login or consent wall, a page its
 * scripts render, or simply none found.
 */
import { walkBlocks } from '../dom/blocks';
import { detectLiveBlog, type LiveUpdate } from '../liveblog';
import type { Steps } from '../liveblog/extract';
import { toEntry } from './diff';
import type { CantCheckReason, ParseResult, WatchRecord } from './types';
import { matchWatches } from './watch';
import walls from './walls.json';

/** A task's budget before it yields (the work runs on no page's thread, but the document stays responsive). */
const SLICE_MS = 8;
/** The most update text read for watched names. */
const WATCH_TEXT_MAX = 5000;

export interface ParseRequest {
  html: string;
  /** The followed URL, and the URL that answered (after redirects). */
  url: string;
  finalUrl: string;
  /** Ids already known: watched names are looked for in the other updates only. */
  known: string[];
  watches: Pick<WatchRecord, 'key' | 'aliases'>[];
  now: number;
}

async function sliced<T>(steps: Steps<T>): Promise<T> {
  let start = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - start > SLICE_MS) {
      await new Promise((res) => setTimeout(res, 0));
      start = performance.now();
    }
  }
}

const pathHas = (url: URL, words: readonly string[]) =>
  url.pathname
    .toLowerCase()
    .split(/[/_.-]+/)
    .some((part) => words.includes(part)) || words.some((w) => url.pathname.toLowerCase().includes(`/${w}`));

/** A redirect away from the blog to a login or consent page. */
export function redirectWall(
  url: string,
  finalUrl: string,
): { reason: CantCheckReason; detail: string } | null {
  if (!URL.canParse(url) || !URL.canParse(finalUrl)) return null;
  const from = new URL(url);
  const to = new URL(finalUrl);
  if (from.host === to.host && from.pathname === to.pathname) return null;
  if (walls.consent.hosts.some((h) => to.hostname.startsWith(h)) || pathHas(to, walls.consent.paths))
    return { reason: 'consent-wall', detail: to.host };
  if (pathHas(to, walls.login.paths)) return { reason: 'login-wall', detail: to.host };
  return null;
}

/** Why a parsed page without updates has none, as far as its markup tells. */
export function whyNoEntries(doc: Document): { reason: CantCheckReason; detail?: string } {
  const any = (selectors: readonly string[]) => selectors.some((s) => doc.querySelector(s));
  if (any(walls.consent.selectors)) return { reason: 'consent-wall' };
  if (any(walls.login.selectors)) return { reason: 'login-wall' };
  const body = doc.body;
  const text = (body?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const scripts = doc.querySelectorAll('script[src], script:not([type]), script[type=module]').length;
  const mount = walls.script.mounts.some((s) => {
    const el = doc.querySelector(s);
    return el && (el.textContent ?? '').trim().length < walls.script.minText;
  });
  if (scripts && (mount || text.length < walls.script.minText)) return { reason: 'script-rendered' };
  return { reason: 'no-entries' };
}

/** The update's text, for watched names: every block, as far as `WATCH_TEXT_MAX`. */
function fullText(u: LiveUpdate): string {
  const lines: string[] = [];
  let length = 0;
  for (const el of u.elements) {
    for (const block of walkBlocks(el, el.ownerDocument)) {
      const line = block.text.replace(/\s+/g, ' ').trim();
      if (!line) continue;
      lines.push(line);
      length += line.length;
      if (length >= WATCH_TEXT_MAX) return lines.join('\n');
    }
  }
  return lines.join('\n');
}

export async function parsePage(
  req: ParseRequest,
  parser: DOMParser = new DOMParser(),
): Promise<ParseResult> {
  const wall = redirectWall(req.url, req.finalUrl);
  if (wall) return { ok: false, ...wall };
  const doc = parser.parseFromString(req.html, 'text/html');
  // Relative links (permalinks, ids in `?p=` parameters) resolve against the page, as they do in a tab.
  const base = doc.createElement('base');
  base.href = req.finalUrl;
  doc.head?.prepend(base);
  // The reader chose to follow this blog: a thin (borderline) one counts too.
  const blog = await sliced(detectLiveBlog(doc, req.now, { borderline: true }));
  if (!blog || !blog.updates.length) return { ok: false, ...whyNoEntries(doc) };
  const known = new Set(req.known);
  const hits = req.watches.length
    ? blog.updates
        .filter((u) => !known.has(u.id))
        .flatMap((u) => matchWatches(u.id, fullText(u), req.watches))
    : [];
  // Oldest-first blogs are turned round: entries are kept newest first, like the popup shows them.
  const updates = blog.newestFirst ? blog.updates : [...blog.updates].reverse();
  return {
    ok: true,
    title: (doc.title || '').trim(),
    entries: updates.map(toEntry),
    hits,
  };
}
