/**
 * The reading feature in a page: reports, the dwell rule fed by real geometry, marks kept until the
 * background acknowledges them, and what gets flagged (not the backlog of a first visit; live insertions).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findLiveBlog } from '../../src/liveblog';
import type { BackgroundProtocol } from '../../src/messaging/protocol';
import { listen } from '../../src/messaging/router';
import { runReading } from '../../src/page/features/reading';
import { markersFeature } from '../../src/page/features/markers';
import { PageSession } from '../../src/page/session';
import { clearReading, markUpdates, pageState, recordReport } from '../../src/reading/store';
import { openStore, type DB } from '../../src/storage';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

const ENTRY_HEIGHT = 300;
const PAGE = `<main><div class="ncpost-list-container">${[4, 3, 2, 1]
  .map(
    (n) =>
      `<div class="ncpost-list-post"><div class="ncpost-container" data-ncpost-id="${n}"><div class="ncpost-header"><time datetime="2023-06-21T1${n}:00:00Z" class="ncpost-timestamp">1${n}:00</time></div><h3 class="ncpost-title">Post ${n}</h3><div class="ncpost-content"><p>Words of post ${n}.</p></div></div></div>`,
  )
  .join('')}</div></main>`;

let db: DB;
let failMarks = 0;
let markCalls = 0;
let stop: () => void;
let dbCount = 0;
let roots: ShadowRoot[];

/** Lays the entries out one under the other, `scroll` px scrolled, in an 800 px window. */
function layout(scroll: number) {
  Object.defineProperty(window, 'innerHeight', { value: 800, configurable: true });
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const posts = [...document.querySelectorAll('.ncpost-list-post')];
    const i = posts.indexOf(this);
    // A post the page keeps hidden (Guardian's pending updates) takes no room.
    const hidden = i >= 0 && (this as HTMLElement).hidden;
    const top =
      i < 0 ? 0 : posts.slice(0, i).filter((p) => !(p as HTMLElement).hidden).length * ENTRY_HEIGHT - scroll;
    const height = i < 0 || hidden ? 0 : ENTRY_HEIGHT;
    return {
      top,
      bottom: top + height,
      left: 100,
      right: 700,
      width: 600,
      height,
      x: 100,
      y: top,
      toJSON: () => ({}),
    } as DOMRect;
  });
}

/** A real user's input: trusted, as the browser sets it. */
function userInput(type = 'wheel') {
  const e = new Event(type);
  Object.defineProperty(e, 'isTrusted', { value: true });
  window.dispatchEvent(e);
}

/**
 * Lets `ms` of page time pass. IndexedDB (fake-indexeddb) answers on real macrotasks, which fake timers
 * do not run: give it some between the steps.
 */
async function pass(ms: number) {
  for (let t = 0; t < ms; t += 50) {
    await vi.advanceTimersByTimeAsync(50);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  }
}

/** A page's session with no features started but the markers, which draw what reading says. */
const ctl = () => new AbortController();
let live: AbortController;
function session(): PageSession {
  live = ctl();
  const s = new PageSession(document, { ...DEFAULT_SETTINGS }, live.signal, []);
  s.liveblog = findLiveBlog(document);
  void markersFeature.init(s, live.signal);
  return s;
}

beforeEach(async () => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'setInterval', 'clearInterval', 'clearTimeout', 'performance', 'Date'],
  });
  document.body.innerHTML = PAGE;
  db = await openStore(`reading-${dbCount++}`);
  failMarks = 0;
  markCalls = 0;
  stop = listen<BackgroundProtocol>({
    'page:report': (report) => recordReport(db, report),
    'updates:mark': ({ url, ids, state, manual }) => {
      markCalls++;
      if (failMarks-- > 0) throw new Error('service worker stopped');
      return markUpdates(db, url, ids, state, manual);
    },
  });
  roots = [];
  const attach = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (
    this: HTMLElement,
    init: ShadowRootInit,
  ) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
});

afterEach(() => {
  live?.abort();
  stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const h of document.querySelectorAll('[data-backstory-host]')) h.remove();
});

const states = async () => (await pageState(db, location.href))!.updates.map((u) => `${u.id}:${u.state}`);

describe('reading in the page', () => {
  it('reports the updates, then marks nothing without input from the reader (a restored scroll)', async () => {
    layout(0);
    const ctl = new AbortController();
    runReading(session(), ctl.signal);
    await pass(3000);
    expect(await states()).toEqual(['4:new', '3:new', '2:new', '1:new']);
    ctl.abort();
  });

  it('marks what stayed on screen a second once the reader scrolled, and keeps marks the background did not take', async () => {
    layout(300); // posts 3 and 2 fill the window, 4 is above it, 1 half below
    const ctl = new AbortController();
    runReading(session(), ctl.signal);
    await pass(100);
    failMarks = 2; // the worker is stopped for the first two attempts
    userInput('wheel');
    await pass(1500);
    expect(await states()).toEqual(['4:new', '3:new', '2:new', '1:new']);
    await pass(1500);
    expect(markCalls).toBeGreaterThanOrEqual(3);
    expect(await states()).toEqual(['4:new', '3:seen', '2:seen', '1:seen']);
    ctl.abort();
  });

  it('does not count time the tab spent hidden: a glance before switching away marks nothing on return', async () => {
    layout(300);
    const shown = { value: 'visible' as DocumentVisibilityState };
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => shown.value);
    const ctl = new AbortController();
    runReading(session(), ctl.signal);
    await pass(100);
    userInput('wheel');
    await pass(400);
    shown.value = 'hidden';
    await pass(5000);
    shown.value = 'visible';
    await pass(500);
    expect(await states()).toEqual(['4:new', '3:new', '2:new', '1:new']);
    await pass(1500);
    expect(await states()).toEqual(['4:new', '3:seen', '2:seen', '1:seen']);
    ctl.abort();
  });

  it('does not mark while the reader has turned marking off', async () => {
    layout(300);
    const s = session();
    s.settings.autoSeen = false;
    const ctl = new AbortController();
    runReading(s, ctl.signal);
    userInput('keydown');
    await pass(3000);
    expect(await states()).toEqual(['4:new', '3:new', '2:new', '1:new']);
    ctl.abort();
  });

  it('flags nothing on a first visit, then flags a live insertion and offers the pill', async () => {
    layout(600);
    const s = session();
    const ctl = new AbortController();
    const reading = runReading(s, ctl.signal);
    await pass(500);
    // The reading layer is there from the start, as on every page, with nothing drawn in it.
    expect(roots.flatMap((r) => [...r.querySelectorAll('.marker')])).toEqual([]);
    expect(roots.every((r) => (r.querySelector('.pill') as HTMLElement | null)?.hidden ?? true)).toBe(true);
    const post = document.querySelector('.ncpost-list-post')!.cloneNode(true) as Element;
    post.querySelector('[data-ncpost-id]')!.setAttribute('data-ncpost-id', '5');
    post.querySelector('.ncpost-title')!.textContent = 'Post 5';
    document.querySelector('.ncpost-list-container')!.prepend(post);
    s.liveblog = findLiveBlog(document);
    reading.updatesChanged();
    await pass(300);
    const root = roots.at(-1)!;
    expect([...root.querySelectorAll('.marker')].map((m) => m.className)).toEqual(['marker new']);
    expect(root.querySelector('button')!.textContent).toBe('1 new ↑');
    expect(root.querySelector('[role="status"]')!.textContent).toBe('1 new update');
    expect((await pageState(db, location.href))!.unseen).toBe(5);
    ctl.abort();
  });

  it("ignores another page's state (a tab that has moved on may still be told about its old page)", async () => {
    layout(0);
    const ctl = new AbortController();
    const reading = runReading(session(), ctl.signal);
    await pass(300);
    const mine = reading.state()!;
    reading.apply({
      ...mine,
      url: 'http://elsewhere.example/live',
      updates: mine.updates.map((u) => ({ ...u, state: 'seen' })),
      unseen: 0,
    });
    expect(reading.state()).toBe(mine);
    ctl.abort();
  });

  it('counts an update the page keeps hidden as new, and never as seen while it stays hidden', async () => {
    await recordReport(db, {
      url: location.href,
      visit: 'earlier',
      title: 't',
      isLiveBlog: true,
      updates: ['3', '2', '1'].map((id) => ({ id, label: '', firstLine: '' })),
    });
    (document.querySelector('.ncpost-list-post') as HTMLElement).hidden = true; // post 4, inserted but pending
    layout(0);
    const ctl = new AbortController();
    runReading(session(), ctl.signal);
    userInput('wheel');
    await pass(2500);
    expect(await states()).toEqual(['4:new', '3:seen', '2:seen', '1:seen']);
    const root = roots.at(-1)!;
    expect(root.querySelector('button')!.textContent).toBe('1 new ↑');
    expect(root.querySelectorAll('.marker')).toHaveLength(0); // nothing to draw beside
    ctl.abort();
  });

  it('flags, on a later visit, what arrived while the reader was away, until it is seen', async () => {
    await recordReport(db, {
      url: location.href,
      visit: 'earlier',
      title: 't',
      isLiveBlog: true,
      updates: ['3', '2', '1'].map((id) => ({ id, label: '', firstLine: '' })),
    });
    layout(0);
    const ctl = new AbortController();
    runReading(session(), ctl.signal);
    await pass(300);
    const root = roots.at(-1)!;
    expect([...root.querySelectorAll('.marker')].map((m) => m.className)).toEqual(['marker new']);
    userInput('pointerdown');
    await pass(2000);
    // Seen now: its marker turns hollow, and the pill goes.
    expect([...root.querySelectorAll('.marker')].map((m) => m.className)).toEqual(['marker seen']);
    expect(root.querySelector('button')!.hidden).toBe(true);
    ctl.abort();
  });

  it('starts over after the reader clears their data: everything new, and marks count again', async () => {
    layout(300);
    const ctl = new AbortController();
    const reading = runReading(session(), ctl.signal);
    userInput('wheel');
    await pass(2500);
    expect(await states()).toEqual(['4:new', '3:seen', '2:seen', '1:seen']);
    await clearReading(db);
    reading.reset();
    await pass(200);
    expect(reading.state()!.unseen).toBe(4);
    // The same updates, still on screen, are seen again after another second of reading.
    userInput('wheel');
    await pass(2500);
    expect(await states()).toEqual(['4:new', '3:seen', '2:seen', '1:seen']);
    ctl.abort();
  });
});
