/**
 * The features of the page's second script, as the content script starts them (src/page/features/later.ts):
 * an ordinary article read without hovering never asks for the script; a live blog, a name under the
 * pointer, the keyboard's card command and a connecting side panel each ask once, and what they asked
 * for happens once it is in.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DetectService } from '../../src/background/detect';
import type { BackgroundProtocol } from '../../src/messaging/protocol';
import { listen } from '../../src/messaging/router';
import { PageRuntime, type PageSession } from '../../src/page/session';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { PANEL_PORT, type PanelMessage } from '../../src/story/types';
import { more } from '../../src/page/features/more';
import { giveMoreHere, takeMore } from './more';
import { until } from '../helpers';

const ARTICLE = `<main><article><h1>Talks in Moscow</h1><p>Vladimir Putin received the delegation in Moscow on Tuesday, the Kremlin said.</p><p>Vladimir Putin said the talks in Moscow had been useful and that more would follow next month.</p></article></main>`;
const post = (n: number, time: string, text: string) =>
  `<div class="ncpost-list-post"><div class="ncpost-container" data-ncpost-id="${n}"><div class="ncpost-header"><time datetime="2023-06-21T${time}:00Z" class="ncpost-timestamp">${time}</time></div><h3 class="ncpost-title">Post ${n}</h3><div class="ncpost-content"><p>${text}</p></div></div></div>`;
const BLOG = `<main><h1>Live</h1><div class="ncpost-list-container">${[
  post(2, '11:00', 'Angela Merkel arrived in Berlin on Tuesday evening after the summit.'),
  post(1, '10:00', 'Angela Merkel said the talks in Berlin would go on for another day.'),
].join('')}</div></main>`;

const detection = new DetectService();
let ctl: AbortController;
let stopBackground: () => void;
/** How often the content script asked for its second script, and whether the answer waits. */
let asked: number;
let hold: Promise<void>;

async function start(html: string): Promise<PageSession> {
  document.body.innerHTML = html;
  const runtime = new PageRuntime(document, { ...DEFAULT_SETTINGS }, ctl.signal, {
    urls: { pollMs: 30, navigationApi: false },
  });
  runtime.start();
  await runtime.ready;
  const s = runtime.session!;
  await until(() => s.names.entities.size && s.liveBlogLooked, 'names and the live-blog check');
  return s;
}

beforeEach(() => {
  history.replaceState(null, '', '/later');
  takeMore();
  asked = 0;
  hold = Promise.resolve();
  ctl = new AbortController();
  stopBackground = listen<BackgroundProtocol>({
    'page:more': async (req) => {
      // The features' script is counted and held; the live-blog detector's is given at once.
      if (req.part === 'more') {
        asked++;
        await hold;
      }
      return giveMoreHere['page:more'](req);
    },
    'names:detect': (req, sender) => detection.handle(req, `${sender.tab?.id ?? 'none'}:0`),
    'page:report': () => ({ url: location.href, updates: {}, newCount: 0, seenCount: 0 }) as never,
  });
});

afterEach(() => {
  delete (document as { caretPositionFromPoint?: unknown }).caretPositionFromPoint;
  ctl.abort();
  stopBackground();
  vi.restoreAllMocks();
  for (const h of document.querySelectorAll('[data-backstory-host]')) h.remove();
  takeMore();
});

/** The caret and the line boxes happy-dom does not lay out: the point (10, 10) is at `offset` in `node`. */
function pointAt(node: Node, offset = 1) {
  (document as { caretPositionFromPoint?: unknown }).caretPositionFromPoint = () => ({
    offsetNode: node,
    offset,
  });
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(
    () => [new DOMRect(0, 0, 100, 20)] as unknown as DOMRectList,
  );
}

const move = () =>
  document.dispatchEvent(
    new PointerEvent('pointermove', { clientX: 10, clientY: 10, pointerType: 'mouse', bubbles: true }),
  );

describe('the second script, loaded when first needed', () => {
  it('an ordinary article read without hovering a name never asks for it', async () => {
    const s = await start(ARTICLE);
    expect(s.liveblog).toBeNull();
    // The pointer over text that is no name.
    pointAt(document.querySelector('h1')!.firstChild!);
    move();
    await new Promise((r) => setTimeout(r, 50));
    expect(asked).toBe(0);
    expect(window.__backstoryMore).toBeUndefined();
    expect(s.reading).toBeNull();
  });

  it('a live blog has it put in once, and reading then runs', async () => {
    const s = await start(BLOG);
    expect(s.liveblog?.updates.length).toBe(2);
    await until(() => s.reading, 'reading started');
    // Reading and markers asked at once: one request.
    expect(asked).toBe(1);
  });

  it('a feature of the second script that fails as it starts is reported, and what it started goes with it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let started: AbortSignal | null = null;
    window.__backstoryMore = {
      ...more,
      reading: {
        id: 'reading',
        init(_ctx, signal) {
          started = signal;
          throw new Error('reading broke');
        },
      },
    };
    const s = await start(BLOG);
    await until(() => started, 'reading started');
    expect(started!.aborted).toBe(true);
    // Counted as the session counts its own features' failures.
    expect(s.failed).toEqual(['reading']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('reading'), expect.any(Error));
    // The session goes on: its names are still there, and the other feature of the second script runs.
    expect(s.names.entities.size).toBeGreaterThan(0);
    await until(() => document.querySelector('backstory-reading'), 'the markers’ layer');
  });

  it('a name under the pointer asks once, and its card opens once the script is in', async () => {
    const s = await start(ARTICLE);
    let release!: () => void;
    hold = new Promise((r) => (release = r));
    const mention = s.names.ordered()[0];
    pointAt(mention.range.startContainer, mention.range.startOffset + 1);
    move();
    move();
    await until(() => asked, 'the request');
    release();
    const host = await until(
      () =>
        [...document.querySelectorAll('[data-backstory-host]')].find((h) =>
          h.shadowRoot?.querySelector('[role="dialog"]'),
        ),
      'the card',
    );
    expect(host.shadowRoot!.querySelector('[role="dialog"]')!.textContent).toContain(mention.text);
    expect(asked).toBe(1);
  });

  it('the keyboard command asks for it and opens the first name when it is in', async () => {
    const s = await start(ARTICLE);
    s.cards!.step(1);
    await until(
      () =>
        [...document.querySelectorAll('[data-backstory-host]')].some((h) =>
          h.shadowRoot?.querySelector('[role="dialog"]'),
        ),
      'the card',
    );
    expect(asked).toBe(1);
  });

  it('a side panel that connects has it put in, and what it sent meanwhile is answered', async () => {
    const s = await start(ARTICLE);
    let release!: () => void;
    hold = new Promise((r) => (release = r));
    const sent: PanelMessage[] = [];
    let listeners: Array<(m: unknown) => void> = [];
    const port = {
      name: PANEL_PORT,
      sender: { id: browser.runtime.id, url: browser.runtime.getURL('/sidepanel.html') },
      postMessage: (m: PanelMessage) => sent.push(m),
      disconnect: vi.fn(),
      onMessage: {
        addListener: (f: (m: unknown) => void) => listeners.push(f),
        removeListener: (f: (m: unknown) => void) => (listeners = listeners.filter((g) => g !== f)),
      },
      onDisconnect: { addListener: () => undefined },
    };
    await (fakeBrowser.runtime.onConnect as unknown as { trigger(p: unknown): Promise<void> }).trigger(
      port as never,
    );
    const key = [...s.names.entities.values()].find((e) => e.name === 'Vladimir Putin')!.key;
    for (const f of listeners) f({ type: 'select', key, index: 1 });
    expect(window.__backstoryMore).toBeUndefined();
    release();
    await until(() => sent.some((m) => m.type === 'selected'), 'the early selection answered');
    expect(sent.find((m) => m.type === 'selected')).toEqual({ type: 'selected', key, index: 1, total: 2 });
    expect(sent.some((m) => m.type === 'story')).toBe(true);
  });
});
