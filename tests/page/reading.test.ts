/**
 * The reading feature in a page: reports, the dwell rule fed by real geometry, marks kept until the
 * background acknowledges them, and what gets flagged (not the backlog of a first visit; live insertions).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findLiveBlog, rereadLiveBlog } from '../../src/liveblog';
import type { BackgroundProtocol } from '../../src/messaging/protocol';
import { listen } from '../../src/messaging/router';
import { runReading } from '../../src/page/features/reading';
import { markersFeature } from '../../src/page/features/markers';
import { SeenWatch } from '../../src/page/reading/seen';
import { Reporter } from '../../src/page/reading/sync';
import { PageSession } from '../../src/page/session';
import {
  changeOf,
  clearReading,
  markUpdates,
  pageState,
  recordDelta,
  recordReport,
} from '../../src/reading/store';
import { openStore, type DB } from '../../src/storage';
import type { PageChange, PageDelta } from '../../src/reading/types';
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
/** What the page sent the background, and what a mark was answered. */
let sent: Array<{ type: string; payload: unknown; answer?: unknown }>;

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
 * An IntersectionObserver over the mocked layout (happy-dom's does nothing): it reports a target as it
 * starts to be observed, and again whenever the layout moves it in or out of the window.
 */
class FakeIO {
  static all = new Set<FakeIO>();
  private targets = new Map<Element, boolean | undefined>();
  constructor(private callback: IntersectionObserverCallback) {
    FakeIO.all.add(this);
  }
  observe(el: Element) {
    this.targets.set(el, undefined);
    setTimeout(() => FakeIO.update(), 0);
  }
  unobserve(el: Element) {
    this.targets.delete(el);
  }
  disconnect() {
    this.targets.clear();
    FakeIO.all.delete(this);
  }
  takeRecords() {
    return [];
  }
  /** Every observer's targets that went in or out of view since it last said. */
  static update() {
    for (const io of FakeIO.all) {
      const entries: IntersectionObserverEntry[] = [];
      for (const [target, was] of io.targets) {
        const r = target.getBoundingClientRect();
        const now = r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
        if (now === was) continue;
        io.targets.set(target, now);
        entries.push({
          target,
          isIntersecting: now,
          boundingClientRect: r,
          rootBounds: { height: window.innerHeight } as DOMRectReadOnly,
        } as IntersectionObserverEntry);
      }
      if (entries.length) io.callback(entries, io as unknown as IntersectionObserver);
    }
  }
  /** Observers and targets alive now. */
  static get observed(): number {
    return [...FakeIO.all].reduce((n, io) => n + io.targets.size, 0);
  }
}

/** The reader scrolls to `scroll` px: the layout moves, the observers and scroll listeners hear of it. */
function scrollTo(scroll: number) {
  layout(scroll);
  FakeIO.update();
  window.dispatchEvent(new Event('scroll'));
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
  FakeIO.all.clear();
  vi.stubGlobal('IntersectionObserver', FakeIO);
  vi.useFakeTimers({
    toFake: ['setTimeout', 'setInterval', 'clearInterval', 'clearTimeout', 'performance', 'Date'],
  });
  document.body.innerHTML = PAGE;
  db = await openStore(`reading-${dbCount++}`);
  failMarks = 0;
  markCalls = 0;
  sent = [];
  stop = listen<BackgroundProtocol>({
    'page:report': (report) => {
      sent.push({ type: 'page:report', payload: report });
      return recordReport(db, report);
    },
    'page:update': async (delta) => {
      sent.push({ type: 'page:update', payload: delta });
      return (await recordDelta(db, delta))?.change ?? { resync: true };
    },
    'updates:seen': async ({ url, ids }) => {
      markCalls++;
      if (failMarks-- > 0) throw new Error('service worker stopped');
      const state = await markUpdates(db, url, ids, 'seen', false);
      const change = state && changeOf(state, ids);
      sent.push({ type: 'updates:seen', payload: { ids }, answer: change });
      return change;
    },
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
  vi.unstubAllGlobals();
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

  it('starts in two tasks: the updates are observed for the seen-marking in a task after the start', async () => {
    layout(0);
    const ctl = new AbortController();
    const reading = runReading(session(), ctl.signal);
    expect(reading.watching().targets).toBe(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(reading.watching().targets).toBe(4);
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
    // As a browser does: the state changes, and the document hears of it.
    shown.value = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    await pass(5000);
    shown.value = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
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

  it("follows a live insertion and a removal by the live blog's delta, asking nothing of the other updates", async () => {
    layout(600);
    const s = session();
    const ctl = new AbortController();
    const reading = runReading(s, ctl.signal);
    await pass(500);
    const watched = reading.watching().targets;
    const sync = vi.spyOn(SeenWatch.prototype, 'sync');
    const post = document.querySelector('.ncpost-list-post')!.cloneNode(true) as Element;
    post.querySelector('[data-ncpost-id]')!.setAttribute('data-ncpost-id', '5');
    post.querySelector('.ncpost-title')!.textContent = 'Post 5';
    const list = document.querySelector('.ncpost-list-container')!;
    list.prepend(post);
    s.liveblog = rereadLiveBlog(s.liveblog!, { added: [post], changed: [], removedFrom: [] })!.blog;
    expect(s.liveblog.delta?.added.map((u) => u.id)).toEqual(['5']);
    reading.updatesChanged();
    await pass(300);
    // The new update alone joined what the seen-marking watches; the list was not gone through again.
    expect(sync).not.toHaveBeenCalled();
    expect(reading.watching().targets).toBe(watched + 1);
    const root = roots.at(-1)!;
    expect([...root.querySelectorAll('.marker')].map((m) => m.className)).toEqual(['marker new']);
    expect(root.querySelector('button')!.textContent).toBe('1 new ↑');
    expect(reading.state()!.updates.map((u) => u.id)).toEqual(['5', '4', '3', '2', '1']);
    post.remove();
    s.liveblog = rereadLiveBlog(s.liveblog, { added: [], changed: [], removedFrom: [list] })!.blog;
    reading.updatesChanged();
    await pass(300);
    expect(sync).not.toHaveBeenCalled();
    expect(reading.watching().targets).toBe(watched);
    expect(root.querySelectorAll('.marker')).toHaveLength(0);
    expect(reading.state()!.updates.map((u) => u.id)).toEqual(['4', '3', '2', '1']);
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
    expect(reading.state()).toEqual(mine);
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

describe('reading at the cost of what changes', () => {
  it('costs nothing at rest: no timer and no write to the page once what is on screen is seen, one update flagged', async () => {
    await recordReport(db, {
      url: location.href,
      visit: 'earlier',
      title: 't',
      isLiveBlog: true,
      updates: ['3', '2', '1'].map((id) => ({ id, label: '', firstLine: '' })),
    });
    layout(300); // post 4, new since the last visit, is above the window
    const ctl = new AbortController();
    const reading = runReading(session(), ctl.signal);
    userInput('wheel');
    await pass(2500);
    expect(await states()).toEqual(['4:new', '3:seen', '2:seen', '1:seen']);
    const root = roots.at(-1)!;
    expect(root.querySelector('button')!.textContent).toBe('1 new ↑');
    // Only the one unseen update is watched, it is off screen, and no dwell or retry timer runs.
    expect(reading.watching()).toEqual({ targets: 1, onScreen: 0, timer: false });
    expect(vi.getTimerCount()).toBe(0);
    const writes: MutationRecord[] = [];
    const mo = new MutationObserver((r) => writes.push(...r));
    mo.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    const reports = sent.length;
    await pass(5000);
    await Promise.resolve();
    expect(writes.concat(mo.takeRecords())).toEqual([]);
    expect(sent.length).toBe(reports);
    mo.disconnect();
    ctl.abort();
  });

  it('starts a dwell clock only for an update on screen, and stops it when the reader scrolls it away fast', async () => {
    layout(1000); // only post 1 on screen (two thirds of it)
    const ctl = new AbortController();
    const reading = runReading(session(), ctl.signal);
    userInput('wheel');
    await pass(100);
    expect(reading.watching()).toMatchObject({ onScreen: 1, timer: true });
    scrollTo(0); // posts 4, 3 and two thirds of 2; 1 gone before its second
    await pass(600);
    scrollTo(1000);
    await pass(600);
    scrollTo(0);
    await pass(1200);
    expect(await states()).toEqual(['4:seen', '3:seen', '2:seen', '1:new']);
    ctl.abort();
  });

  it('re-reports a live insertion as a delta, and a mark is answered with what changed only', async () => {
    layout(0);
    const s = session();
    const ctl = new AbortController();
    const reading = runReading(s, ctl.signal);
    await pass(300);
    expect(sent.map((m) => m.type)).toEqual(['page:report']);
    const post = document.querySelector('.ncpost-list-post')!.cloneNode(true) as Element;
    post.querySelector('[data-ncpost-id]')!.setAttribute('data-ncpost-id', '5');
    post.querySelector('.ncpost-title')!.textContent = 'Post 5';
    document.querySelector('.ncpost-list-container')!.append(post);
    document.querySelector('.ncpost-title')!.textContent = 'Post 4, edited';
    s.liveblog = findLiveBlog(document);
    reading.updatesChanged();
    await pass(300);
    const delta = sent[1].payload as PageDelta;
    expect(sent[1].type).toBe('page:update');
    expect(delta.added.map((u) => [u.id, u.at])).toEqual([['5', 4]]);
    expect(delta.changed.map((u) => [u.id, u.firstLine])).toEqual([['4', 'Post 4, edited']]);
    expect([delta.removed, delta.count]).toEqual([[], 5]);
    // Nothing changed: nothing sent.
    reading.updatesChanged();
    await pass(300);
    expect(sent).toHaveLength(2);
    // Edits again and again (a line rewritten every 200 ms): one delta per two seconds, with the last text,
    // and the list is diffed for that report only, not once per edit.
    const sends = vi.spyOn(Reporter.prototype, 'send');
    for (let k = 0; k < 5; k++) {
      document.querySelector('.ncpost-title')!.textContent = `Post 4, edit ${k}`;
      s.liveblog = findLiveBlog(document);
      reading.updatesChanged();
      await pass(200);
    }
    expect(sent).toHaveLength(2);
    await pass(1200);
    expect(sent).toHaveLength(3);
    expect((sent[2].payload as PageDelta).changed.map((u) => u.firstLine)).toEqual(['Post 4, edit 4']);
    expect(sends).toHaveBeenCalledTimes(1);
    sends.mockRestore();
    userInput('wheel');
    await pass(1500);
    const mark = sent.find((m) => m.type === 'updates:seen')!;
    expect((mark.answer as PageChange).updates.map((u) => `${u.id}:${u.state}`)).toEqual([
      '4:seen',
      '3:seen',
      '2:seen',
    ]);
    expect(reading.state()!.updates.map((u) => `${u.id}:${u.state}`)).toEqual([
      '4:seen',
      '3:seen',
      '2:seen',
      '1:new',
      '5:new',
    ]);
    ctl.abort();
  });
});
