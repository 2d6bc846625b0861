/**
 * The story feature: serves the side panel of this tab. It only listens for the panel's port; while no
 * panel is connected it does nothing, so a closed panel costs the page nothing. While one is, it sends the
 * page's cast and updates when names or updates change (at most every half second), and draws the
 * panel's selection as its own highlight, stepping through the selected name's mentions.
 */
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
import type { Feature, PageContext } from '../context';
import { highlightsSupported } from '../highlights';
import type { PageMention } from '../names';

const clip = (s: string, n: number = STORY_LIMITS.text) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/** The update (index into the live blog's updates) each mention sits in, via its block. */
function updateOfMentions(ctx: PageContext, mentions: readonly PageMention[]): Array<number | undefined> {
  const updates = ctx.liveblog?.updates ?? [];
  const owner = new Map<Element, number>();
  updates.forEach((u, i) => u.elements.forEach((el) => owner.set(el, i)));
  const byBlock = new Map<number, number | undefined>();
  return mentions.map((m) => {
    if (byBlock.has(m.block)) return byBlock.get(m.block);
    let el: Element | null = m.node.parentElement;
    let found: number | undefined;
    while (el && found === undefined) {
      found = owner.get(el);
      el = el.parentElement;
    }
    byBlock.set(m.block, found);
    return found;
  });
}

export function buildStory(ctx: PageContext): Story {
  const live = ctx.liveblog;
  const updates = (live?.updates ?? []).slice(0, STORY_LIMITS.updates).map((u) => ({
    id: clip(u.id),
    label: clip(u.label),
    time: u.time ? clip(u.time, 40) : undefined,
    firstLine: clip(firstLine(u.text)),
  }));
  const mentions = ctx.names.ordered();
  const owners = updateOfMentions(ctx, mentions);
  const seen = new Map<string, Set<number>>();
  mentions.forEach((m, i) => {
    const u = owners[i];
    if (u === undefined || u >= updates.length) return;
    let set = seen.get(m.key);
    if (!set) seen.set(m.key, (set = new Set()));
    set.add(u);
  });
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

function parseRequest(raw: unknown): PanelRequest | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const keys = Object.keys(r).sort().join(',');
  if (r.type === 'clear' && keys === 'type') return { type: 'clear' };
  if (r.type === 'jump' && keys === 'id,type' && typeof r.id === 'string' && r.id.length <= 300)
    return { type: 'jump', id: r.id };
  if (
    r.type === 'select' &&
    keys === 'index,key,type' &&
    typeof r.key === 'string' &&
    r.key.length <= 300 &&
    Number.isInteger(r.index)
  )
    return { type: 'select', key: r.key, index: r.index as number };
  return null;
}

/** One connected panel: sends the story on change, answers selections. */
function servePanel(ctx: PageContext, port: Browser.runtime.Port, signal: AbortSignal): void {
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
  const push = () => {
    if (ended.signal.aborted || timer) return;
    const wait = Math.max(0, last + 500 - Date.now());
    timer = setTimeout(() => {
      timer = undefined;
      if (ended.signal.aborted) return;
      last = Date.now();
      send({ type: 'story', story: buildStory(ctx) });
    }, wait);
  };
  const highlight = highlightsSupported() ? new Highlight() : null;
  let selected: string | null = null;
  const select = (key: string, index: number) => {
    const mentions = ctx.names.mentionsOf(key);
    selected = key;
    if (highlight) {
      highlight.clear();
      for (const m of mentions) highlight.add(m.range);
      CSS.highlights.set(SELECTED_HIGHLIGHT, highlight);
    }
    if (!mentions.length) return send({ type: 'selected', key, index: 0, total: 0 });
    const i = ((index % mentions.length) + mentions.length) % mentions.length;
    const target = mentions[i].range.startContainer.parentElement;
    target?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    send({ type: 'selected', key, index: i, total: mentions.length });
  };
  const clear = () => {
    selected = null;
    highlight?.clear();
    if (highlight) CSS.highlights.delete(SELECTED_HIGHLIGHT);
  };
  port.onMessage.addListener((raw: unknown) => {
    const req = parseRequest(raw);
    if (!req || ended.signal.aborted) return;
    if (req.type === 'select') select(req.key, req.index);
    else if (req.type === 'clear') clear();
    else ctx.jump(req.id);
  });
  ended.signal.addEventListener('abort', () => {
    clearTimeout(timer);
    clear();
  });
  ctx.on(
    'names',
    () => {
      push();
      // The selection's ranges belong to the old index: draw them again from the new one.
      if (selected && highlight) {
        highlight.clear();
        for (const m of ctx.names.mentionsOf(selected)) highlight.add(m.range);
      }
    },
    ended.signal,
  );
  ctx.on('liveblog', push, ended.signal);
  ctx.on('overlay', push, ended.signal);
  send({ type: 'story', story: buildStory(ctx) });
  last = Date.now();
}

export const storyFeature: Feature = {
  id: 'story',
  init(ctx, signal) {
    const onConnect = (port: Browser.runtime.Port) => {
      if (!trusted(port)) return;
      servePanel(ctx, port, signal);
    };
    browser.runtime.onConnect.addListener(onConnect);
    signal.addEventListener('abort', () => browser.runtime.onConnect.removeListener(onConnect), {
      once: true,
    });
  },
};
