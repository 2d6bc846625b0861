/**
 * The story feature: serves the side panel of this tab. The content script's stand-in (./later.ts) listens
 * for the panel's port and hands it here; while no panel is connected nothing runs, so a closed panel costs
 * the page nothing. While one is, it sends the
 * page's cast and updates when names or updates change (at most every half second), and draws the
 * panel's selection as its own highlight, stepping through the selected name's mentions.
 */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { firstLine } from '../../liveblog';
import {
  PANEL_PORT,
  SELECTED_HIGHLIGHT,
  STORY_LIMITS,
  type PanelMessage,
  type PanelRequest,
  type Story,
  type StoryEntity,
} from '../../story/types';
import type { PageContext } from '../context';
import { highlightsSupported } from '../highlights';
import { forEachSliced } from '../schedule';
import type { PageMention } from '../names';
import { SelectionDrawer } from './story/selection';

const clip = (s: string, n: number = STORY_LIMITS.text) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/**
 * The story for the panel, built in slices that yield to the page (a 2,000-update page has tens of
 * thousands of mentions): each mention's update found through its block's element, once per block.
 * Null when `signal` aborted on the way.
 */
export async function buildStory(ctx: PageContext, signal?: AbortSignal): Promise<Story | null> {
  const live = ctx.liveblog;
  const source = (live?.updates ?? []).slice(0, STORY_LIMITS.updates);
  const updates: Story['updates'] = [];
  const owner = new Map<Element, number>();
  const ok = await forEachSliced(
    source,
    (u, i) => {
      updates.push({
        id: clip(u.id),
        label: clip(u.label),
        time: u.time ? clip(u.time, 40) : undefined,
        firstLine: clip(firstLine(u.text)),
      });
      for (const el of u.elements) owner.set(el, i);
    },
    signal,
  );
  if (!ok) return null;
  const mentions = ctx.names.ordered();
  const byBlock = new Map<number, number | undefined>();
  const seen = new Map<string, Set<number>>();
  const done = await forEachSliced(
    mentions,
    (m: PageMention) => {
      let u = byBlock.get(m.block);
      if (!byBlock.has(m.block)) {
        for (let el: Element | null = m.node.parentElement; el && u === undefined; el = el.parentElement)
          u = owner.get(el);
        byBlock.set(m.block, u);
      }
      if (u === undefined) return;
      let set = seen.get(m.key);
      if (!set) seen.set(m.key, (set = new Set()));
      set.add(u);
    },
    signal,
  );
  if (!done) return null;
  const entities: StoryEntity[] = [...ctx.names.entities.values()]
    .sort((a, b) => b.count - a.count)
    .slice(0, STORY_LIMITS.entities)
    .map((e) => ({
      key: clip(e.key),
      name: clip(e.name),
      kind: e.kind,
      subkind: e.subkind,
      role: e.roles[0] ? clip(e.roles[0]) : undefined,
      count: e.count,
      geo: e.geo ? { lat: e.geo.lat, lon: e.geo.lon } : undefined,
      updates: [...(seen.get(e.key) ?? [])].sort((a, b) => a - b).slice(0, STORY_LIMITS.updatesPerEntity),
    }));
  const lang = ctx.names.language.language;
  return {
    url: ctx.url,
    title: clip(ctx.doc.title, 300),
    liveBlog: !!live,
    updates,
    newestFirst: live?.newestFirst ?? true,
    entities,
    names:
      lang !== 'en'
        ? 'off-language'
        : Object.values(ctx.settings.kinds).some(Boolean)
          ? 'on'
          : 'off-settings',
  };
}

/** A port from this extension's own pages only (the side panel); never a page or another extension. */
function trusted(port: Browser.runtime.Port): boolean {
  const sender = port.sender;
  // Only extension pages can open a port to a content script (tabs.connect); a panel opened in a tab has a `tab`.
  if (port.name !== PANEL_PORT || !sender || sender.id !== browser.runtime.id) return false;
  return !!sender.url && sender.url.startsWith(browser.runtime.getURL('/'));
}

/** What the panel may ask, checked like every other message: strict objects, bounded strings. */
const PANEL_REQUEST = v.variant('type', [
  v.strictObject({ type: v.literal('clear') }),
  v.strictObject({ type: v.literal('jump'), id: v.pipe(v.string(), v.maxLength(300)) }),
  v.strictObject({
    type: v.literal('select'),
    key: v.pipe(v.string(), v.maxLength(300)),
    index: v.pipe(v.number(), v.integer()),
  }),
]);

function parseRequest(raw: unknown): PanelRequest | null {
  const r = v.safeParse(PANEL_REQUEST, raw);
  return r.success ? r.output : null;
}

/** A side panel's port, if it is this extension's panel; `early`: what it sent before this ran (src/page/features/later.ts). */
export function serveTrustedPanel(
  ctx: PageContext,
  port: Browser.runtime.Port,
  signal: AbortSignal,
  early: readonly unknown[],
): void {
  if (trusted(port)) servePanel(ctx, port, signal, early);
}

/** One connected panel: sends the story on change, answers selections. */
function servePanel(
  ctx: PageContext,
  port: Browser.runtime.Port,
  signal: AbortSignal,
  early: readonly unknown[],
): void {
  const ended = new AbortController();
  const stop = () => ended.abort();
  // The page's session ended (soft navigation): the panel reconnects and meets the next one.
  signal.addEventListener(
    'abort',
    () => {
      stop();
      try {
        port.disconnect();
      } catch {
        // Already gone.
      }
    },
    { once: true },
  );
  port.onDisconnect.addListener(stop);
  const send = (msg: PanelMessage) => {
    try {
      port.postMessage(msg);
    } catch {
      stop();
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  let building = false;
  let again = false;
  /** Builds and sends the story; a change during a build sends once more after it. */
  const build = async () => {
    if (building) return void (again = true);
    building = true;
    last = Date.now();
    const story = await buildStory(ctx, ended.signal);
    building = false;
    if (story && !ended.signal.aborted) send({ type: 'story', story });
    if (again) {
      again = false;
      push();
    }
  };
  const push = () => {
    if (ended.signal.aborted || timer) return;
    const wait = Math.max(0, last + 500 - Date.now());
    timer = setTimeout(() => {
      timer = undefined;
      if (!ended.signal.aborted) void build();
    }, wait);
  };
  const highlight = highlightsSupported() ? new Highlight() : null;
  const drawer = highlight ? new SelectionDrawer(highlight) : null;
  let selected: string | null = null;
  const select = (key: string, index: number) => {
    const mentions = ctx.names.mentionsOf(key);
    const i = mentions.length ? ((index % mentions.length) + mentions.length) % mentions.length : 0;
    const fresh = key !== selected;
    selected = key;
    if (!mentions.length) {
      drawer?.clear();
      return send({ type: 'selected', key, index: 0, total: 0 });
    }
    // The highlight and the scroll in one task of their own, so that one frame repaints for both (each
    // change to a highlight costs the browser a repaint pass over the page).
    const target = mentions[i].node.parentElement;
    ctx.doc.defaultView?.setTimeout(() => {
      if (ended.signal.aborted || selected !== key) return;
      if (fresh) drawer?.show(mentions, mentions[i]);
      else drawer?.step(mentions[i]);
      target?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      send({ type: 'selected', key, index: i, total: mentions.length });
    }, 0);
  };
  const clear = () => {
    selected = null;
    drawer?.clear();
  };
  // Registered once while the panel is connected (a page can see that a panel is open, never what it shows
  // until the reader selects): registering a highlight name restyles the page, which selections then avoid.
  if (highlight) CSS.highlights.set(SELECTED_HIGHLIGHT, highlight);
  const answer = (raw: unknown) => {
    const req = parseRequest(raw);
    if (!req || ended.signal.aborted) return;
    if (req.type === 'select') select(req.key, req.index);
    else if (req.type === 'clear') clear();
    else ctx.jump(req.id);
  };
  port.onMessage.addListener(answer);
  for (const raw of early) answer(raw);
  ended.signal.addEventListener('abort', () => {
    if (highlight) CSS.highlights.delete(SELECTED_HIGHLIGHT);
    clearTimeout(timer);
    clear();
  });
  ctx.on(
    'names',
    () => {
      push();
      // The selection's ranges may belong to changed blocks: draw them again from the index.
      if (selected) drawer?.show(ctx.names.mentionsOf(selected));
    },
    ended.signal,
  );
  ctx.on('liveblog', push, ended.signal);
  ctx.on('overlay', push, ended.signal);
  void build();
}
