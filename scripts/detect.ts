/**
 * The detect command: what the content script finds in a saved page or a text, as JSON for tools, or as a
 * table for people. Runs the content script's own code: the page is parsed with happy-dom, the live blog
 * found by src/liveblog's findLiveBlog, the text read by src/dom's scanRoot + walkBlocks, names found by
 * src/detect through the background's detection session (src/background/detect-session.ts).
 *
 *   npm run --silent detect -- FILE.html            {"liveBlog","updates":[{id,label,time,text}],"mentions":[{text,kind,entity,update}]}
 *   npm run --silent detect -- --text A.txt [B.txt]  one {"mentions":[{start,end,text,kind,entity}]} per file and line
 *   --table     the entities as a table (with --blocks: each block's mentions first)
 *   --all-languages   look for names in every block (by default only the English blocks of an English page,
 *               as src/detect/language.ts decides: a page in another language has no mentions)
 *
 * Text files are split into blocks at blank lines; offsets are JavaScript string offsets into the file.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Window } from 'happy-dom';
import { detectBlocks } from '../src/background/detect-session';
import type { EntitySummary, Kind, Mention } from '../src/detect';
import { pageLanguage, type PageLanguage } from '../src/detect/language';
import { findLiveBlog } from '../src/liveblog';
import { locate, walkBlocks, type TextBlock } from '../src/dom/blocks';
import { scanRoot } from '../src/dom/scope';

export interface PageMentionOut {
  text: string;
  kind: Kind;
  entity: string;
  /** The id of the live-blog update that contains the mention, or null. */
  update: string | null;
}
export interface PageOut {
  liveBlog: boolean;
  updates: Array<{ id: string; label: string; time: string | null; text: string }>;
  mentions: PageMentionOut[];
}
export interface TextMentionOut {
  start: number;
  end: number;
  text: string;
  kind: Kind;
  entity: string;
}
/** What the table needs besides the JSON. */
interface Detail {
  blocks: string[];
  mentions: Mention[][];
  entities: Map<string, EntitySummary>;
  language: PageLanguage;
}

/** A saved page as an inert document: no script runs, nothing is fetched. */
function parse(html: string, url: string): { doc: Document; close: () => void } {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: { disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  // <link rel=preload> elements make happy-dom resolve URLs; they carry no text.
  window.document.write(html.replace(/<link\b[^>]*>/gi, ''));
  return { doc: window.document as unknown as Document, close: () => void window.close() };
}

/** A page as the content script reads it: its live blog, its blocks and their names. */
export function detectPage(
  html: string,
  options: { url?: string; now?: number; allLanguages?: boolean } = {},
): PageOut & { detail: Detail } {
  const { doc, close } = parse(html, options.url ?? 'https://example.org/');
  try {
    const blog = findLiveBlog(doc, options.now ?? Date.now());
    const root = scanRoot(doc);
    const blocks: TextBlock[] = root ? [...walkBlocks(root, doc)] : [];
    const page = pageLanguage(
      doc.documentElement.getAttribute('lang'),
      blocks.map((b) => b.text),
    );
    const nearestLang = (b: TextBlock) => b.nodes[0].parentElement?.closest('[lang]')?.getAttribute('lang');
    // The background's own detection (the content script sends it the same blocks).
    const { blocks: found, entities } = detectBlocks(
      blocks.map((b) => ({ text: b.text, lang: nearestLang(b) })),
      page,
      { allLanguages: options.allLanguages },
    );
    const updates = blog?.updates ?? [];
    const updateOf = (node: Node): string | null =>
      updates.find((u) => u.elements.some((el) => el.contains(node)))?.id ?? null;
    const mentions: PageMentionOut[] = [];
    found.forEach((ms, i) => {
      for (const m of ms) {
        mentions.push({
          text: blocks[i].text.slice(m.start, m.end),
          kind: m.kind,
          entity: m.key,
          update: updateOf(locate(blocks[i], m.start, false).node),
        });
      }
    });
    return {
      liveBlog: !!blog,
      updates: updates.map((u) => ({ id: u.id, label: u.label, time: u.time ?? null, text: u.text })),
      mentions,
      detail: { blocks: blocks.map((b) => b.text), mentions: found, entities, language: page },
    };
  } finally {
    close();
  }
}

/** Blocks of a plain text: runs between blank lines, trimmed, with their offsets in the text. */
export function textBlocks(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  const re = /\S(?:[^\n]|\n(?![ \t\r]*\n))*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, text: m[0].trimEnd() });
  return out;
}

/** A text as one page: mentions with offsets into the whole text. */
export function detectText(
  text: string,
  options: { allLanguages?: boolean } = {},
): { mentions: TextMentionOut[]; detail: Detail } {
  const blocks = textBlocks(text);
  const page = pageLanguage(
    null,
    blocks.map((b) => b.text),
  );
  const { blocks: found, entities } = detectBlocks(blocks, page, { allLanguages: options.allLanguages });
  const mentions: TextMentionOut[] = [];
  found.forEach((ms, i) => {
    const base = blocks[i].start;
    for (const m of ms)
      mentions.push({
        start: base + m.start,
        end: base + m.end,
        text: text.slice(base + m.start, base + m.end),
        kind: m.kind,
        entity: m.key,
      });
  });
  return {
    mentions,
    detail: { blocks: blocks.map((b) => b.text), mentions: found, entities, language: page },
  };
}

function table({ blocks, mentions, entities, language }: Detail, withBlocks: boolean): string {
  const lines: string[] = [];
  if (withBlocks) {
    mentions.forEach((ms, i) => {
      if (!ms.length) return;
      lines.push(`[${i}] ${blocks[i].slice(0, 100).replace(/\s+/g, ' ')}`);
      for (const m of ms) lines.push(`     ${blocks[i].slice(m.start, m.end)}  ${m.kind}  ${m.key}`);
    });
    lines.push('');
  }
  const sorted = [...entities.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  for (const e of sorted) {
    const extras = [
      e.subkind,
      e.aliases.length > 1 ? `aliases: ${e.aliases.join(', ')}` : '',
      e.roles.length ? `roles: ${e.roles.join(' | ')}` : '',
      e.geo
        ? `geo: ${e.geo.lat},${e.geo.lon}${e.geo.country ? ` ${e.geo.country}` : ''}${e.geo.population ? ` pop ${e.geo.population}` : ''}`
        : '',
      e.wikiTitle ? `wiki: ${e.wikiTitle}` : '',
    ].filter(Boolean);
    lines.push(
      `${String(e.count).padStart(3)}  ${e.kind.padEnd(12)} ${e.name}  [${e.key}]${extras.length ? `  ${extras.join('; ')}` : ''}`,
    );
  }
  const lang = `page language ${language.language}${language.declared ? ` (declared ${language.declared})` : ''}`;
  lines.push(
    '',
    `${blocks.length} blocks, ${mentions.flat().length} mentions, ${entities.size} entities; ${lang}`,
  );
  return lines.join('\n');
}

const USAGE =
  'usage: npm run --silent detect -- [--table [--blocks]] [--all-languages] FILE.html | --text FILE.txt [FILE.txt ...]';

function main(argv: string[]): number {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const files = argv.filter((a) => !a.startsWith('--'));
  const known = new Set(['--text', '--table', '--blocks', '--all-languages']);
  const unknown = [...flags].filter((f) => !known.has(f));
  if (!files.length || unknown.length || (!flags.has('--text') && files.length > 1)) {
    console.error(unknown.length ? `unknown option ${unknown.join(' ')}\n${USAGE}` : USAGE);
    return 2;
  }
  const out: string[] = [];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    if (flags.has('--text')) {
      const { mentions, detail } = detectText(source, { allLanguages: flags.has('--all-languages') });
      out.push(flags.has('--table') ? table(detail, flags.has('--blocks')) : JSON.stringify({ mentions }));
    } else {
      const { detail, ...page } = detectPage(source, { allLanguages: flags.has('--all-languages') });
      out.push(flags.has('--table') ? table(detail, flags.has('--blocks')) : JSON.stringify(page));
    }
  }
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = main(process.argv.slice(2));
