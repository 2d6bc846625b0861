/**
 * The one batched observer feeding the live blog: a live insertion is found without a full detection,
 * and a burst of thousands of mutations costs exactly one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as liveblog from '../../src/liveblog';
import * as could from '../../src/liveblog/could';
import { LiveBlogWatch } from '../../src/page/liveblog-watch';
import type { LiveBlogDetector } from '../../src/page/more';
import { watchDom, type DomBatch } from '../../src/page/observer';

vi.mock('../../src/liveblog', async (original) => {
  const real = await original<typeof import('../../src/liveblog')>();
  return { ...real, detectLiveBlog: vi.fn(real.detectLiveBlog) };
});
vi.mock('../../src/liveblog/could', async (original) => {
  const real = await original<typeof import('../../src/liveblog/could')>();
  return { ...real, couldBeLiveBlog: vi.fn(real.couldBeLiveBlog) };
});
const detections = vi.mocked(liveblog.detectLiveBlog);
/** Each look at a page not (yet) known as a live blog begins with couldBeLiveBlog. */
const looks = vi.mocked(could.couldBeLiveBlog);

/** The detector as src/page/more.ts puts it into a page, here from the module itself. */
const loadDetector = vi.fn(async (): Promise<LiveBlogDetector> => liveblog);
const watching = (doc: Document, onChange: (blog: liveblog.LiveBlog | null) => void, signal: AbortSignal) =>
  new LiveBlogWatch(doc, onChange, signal, () => undefined, loadDetector);

const norkon = readFileSync(resolve(__dirname, '../fixtures/platforms/sky-norkon.html'), 'utf8');

/** A live document in the test window (MutationObserver needs one). */
function live(html: string): Document {
  document.documentElement.innerHTML = html.replace(/^<!doctype html>\s*<html[^>]*>|<\/html>\s*$/gi, '');
  return document;
}

function post(id: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'ncpost-list-post';
  el.innerHTML = `<div class="ncpost-container" data-ncpost-id="${id}"><div class="ncpost-header"><time datetime="2023-06-21T12:0${id.length % 10}:00+01:00" class="ncpost-timestamp">12:00</time></div><h3 class="ncpost-title">Post ${id}</h3><div class="ncpost-content"><p>Words of post ${id}.</p></div></div>`;
  return el;
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  detections.mockClear();
  looks.mockClear();
  loadDetector.mockClear();
});

describe('watchDom', () => {
  it('hands over one batch per burst, flagged as overflow, instead of thousands of records', async () => {
    const doc = live('<body><div id="list"></div></body>');
    const batches: DomBatch[] = [];
    const ctl = new AbortController();
    watchDom(doc.documentElement, (b) => batches.push(b), ctl.signal, { delay: 20, burst: 2000 });
    const list = doc.getElementById('list')!;
    for (let i = 0; i < 5000; i++) list.append(doc.createElement('span'));
    // On a loaded machine the batch may take longer than its 20 ms: wait for it, then for any stragglers.
    await vi.waitFor(() => expect(batches.length).toBeGreaterThan(0), { timeout: 5000, interval: 10 });
    await settle(100);
    ctl.abort();
    expect(batches).toHaveLength(1);
    expect(batches[0].overflow).toBe(true);
  });

  it('tells edited text nodes as the records come, before their batch (even past a burst)', async () => {
    const doc = live('<body><p id="p">before</p></body>');
    const batches: DomBatch[] = [];
    const told: Text[][] = [];
    const ctl = new AbortController();
    watchDom(doc.documentElement, (b) => batches.push(b), ctl.signal, {
      delay: 20,
      burst: 3,
      onText: (nodes) => told.push(nodes),
    });
    const text = doc.getElementById('p')!.firstChild as Text;
    text.data = 'after';
    await Promise.resolve();
    // Told in the microtask after the change: the batch itself waits for its window.
    expect(told).toEqual([[text]]);
    expect(batches).toHaveLength(0);
    for (let i = 0; i < 10; i++) doc.body.append(doc.createElement('span'));
    await Promise.resolve();
    text.data = 'again';
    await Promise.resolve();
    expect(told.at(-1)).toEqual([text]);
    ctl.abort();
  });

  it('reports where nodes were added and removed', async () => {
    const doc = live('<body><div id="a"><p id="gone">x</p></div><div id="b"></div></body>');
    const batches: DomBatch[] = [];
    const ctl = new AbortController();
    watchDom(doc.documentElement, (b) => batches.push(b), ctl.signal, { delay: 20 });
    doc.getElementById('gone')!.remove();
    const p = doc.createElement('p');
    doc.getElementById('b')!.append(p);
    await settle(80);
    ctl.abort();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({
      added: [p],
      removed: true,
      removedFrom: [doc.getElementById('a')],
      overflow: false,
    });
  });
});

describe('watchDom under a page that keeps mutating', () => {
  it('hands over a change after a quiet spell in the next task, and the changes that follow it after a window', async () => {
    const doc = live('<body><p id="p">x</p></body>');
    const batches: DomBatch[] = [];
    const ctl = new AbortController();
    // A window far longer than the test: only a batch that does not wait for it can arrive.
    watchDom(doc.documentElement, (b) => batches.push(b), ctl.signal, { delay: 60_000 });
    const text = doc.getElementById('p')!.firstChild as Text;
    text.data = 'a live insertion';
    await vi.waitFor(() => expect(batches).toHaveLength(1), { timeout: 5000, interval: 5 });
    expect(batches[0].changed).toEqual([text]);
    // The page goes on changing: this one waits for the window.
    text.data = 'and again';
    await settle(300);
    ctl.abort();
    expect(batches).toHaveLength(1);
  });

  it('widens its window while the page mutates (each node once per batch) and narrows it once quiet', async () => {
    const doc = live('<body><p id="p">x</p></body>');
    const batches: DomBatch[] = [];
    const ctl = new AbortController();
    watchDom(doc.documentElement, (b) => batches.push(b), ctl.signal, { delay: 20, maxDelay: 400 });
    const text = doc.getElementById('p')!.firstChild as Text;
    // A line rewritten every 10 ms for a second and a half: a 20 ms window would hand over ~60 batches.
    const t0 = performance.now();
    for (let k = 0; performance.now() - t0 < 1500; k++) {
      text.data = `edit ${k}`;
      await settle(10);
    }
    await settle(500);
    const busy = batches.length;
    expect(busy).toBeLessThanOrEqual(12);
    expect(batches.every((b) => b.changed.length === 1 && b.changed[0] === text)).toBe(true);
    // Quiet again: the next change is handed over at once, not after the widest window.
    const t1 = performance.now();
    text.data = 'one more';
    await vi.waitFor(() => expect(batches.length).toBe(busy + 1), { timeout: 2000, interval: 5 });
    ctl.abort();
    expect(performance.now() - t1).toBeLessThan(300);
  });
});

describe('LiveBlogWatch', () => {
  it('finds a live insertion in the next batch by re-reading entries, with no new detection', async () => {
    const doc = live(norkon);
    const ctl = new AbortController();
    const changes: number[] = [];
    const watch = watching(doc, (blog) => changes.push(blog?.updates.length ?? 0), ctl.signal);
    expect((await watch.start())?.updates).toHaveLength(4);
    detections.mockClear();
    const t0 = performance.now();
    watchDom(doc.documentElement, (b) => watch.onBatch(b), ctl.signal);
    doc.querySelector('.ncpost-list-container')!.prepend(post('88123999'));
    await vi.waitFor(() => expect(changes).toEqual([5]), { timeout: 1000, interval: 10 });
    const latency = performance.now() - t0;
    ctl.abort();
    expect(latency).toBeLessThan(1000);
    expect(watch.blog!.updates[0].id).toBe('88123999');
    // Read from the batch's kinds of change: the new entry alone, handed on as the delta.
    expect(watch.blog!.delta?.added.map((u) => u.id)).toEqual(['88123999']);
    expect(detections).not.toHaveBeenCalled();
  });

  it('rescans once for a burst of thousands of mutations, and still ends with every update', async () => {
    const doc = live(norkon);
    const ctl = new AbortController();
    const watch = watching(doc, () => undefined, ctl.signal);
    await watch.start();
    detections.mockClear();
    watchDom(doc.documentElement, (b) => watch.onBatch(b), ctl.signal, { delay: 20 });
    const list = doc.querySelector('.ncpost-list-container')!;
    for (let i = 0; i < 3000; i++) list.prepend(post(String(90000000 + i)));
    // The detection runs in slices that yield to the page: wait for it to finish.
    await vi.waitFor(() => expect(watch.blog!.updates).toHaveLength(3004), { timeout: 20_000, interval: 50 });
    ctl.abort();
    expect(detections).toHaveBeenCalledTimes(1);
    // The wait above may take most of 20 s on a loaded machine: the test's own limit must allow it.
  }, 30_000);

  it('re-reads a hundred insertions in slices that yield to the page, not in one task', async () => {
    const doc = live(norkon);
    const ctl = new AbortController();
    const changes: number[] = [];
    const watch = watching(doc, (blog) => changes.push(blog?.updates.length ?? 0), ctl.signal);
    await watch.start();
    detections.mockClear();
    const list = doc.querySelector('.ncpost-list-container')!;
    const added = Array.from({ length: 100 }, (_, i) => list.appendChild(post(String(91000000 + i))));
    // A clock that moves 1 ms per reading: each 8 ms slice reads a few entries, then yields.
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    watch.onBatch({ added, changed: [], removed: false, removedFrom: [], removedNodes: [], overflow: false });
    expect(changes).toEqual([]);
    await vi.waitFor(() => expect(changes).toEqual([104]), { timeout: 5000, interval: 10 });
    const yielded = ticks;
    clearInterval(ticker);
    now.mockRestore();
    ctl.abort();
    expect(yielded).toBeGreaterThan(2);
    expect(detections).not.toHaveBeenCalled();
  });

  it('patches an edited entry at once, without a read of the list', async () => {
    const doc = live(norkon);
    const ctl = new AbortController();
    const changes: string[] = [];
    const text = doc.querySelectorAll('.ncpost-title')[1].firstChild as Text;
    const edited = (u: { elements: Element[] }) => u.elements.some((el) => el.contains(text));
    const blogs: Array<import('../../src/liveblog').LiveBlog> = [];
    const watch = watching(
      doc,
      (blog) => {
        blogs.push(blog!);
        changes.push(blog!.updates.find(edited)!.text);
      },
      ctl.signal,
    );
    const before = (await watch.start())!;
    detections.mockClear();
    text.data = 'A corrected line.';
    watch.onBatch({
      added: [],
      changed: [text],
      removed: false,
      removedFrom: [],
      removedNodes: [],
      overflow: false,
    });
    ctl.abort();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toContain('A corrected line.');
    // Patched in place: no detection, and the entries not edited are the very records read before
    // (a read of the list builds every record again).
    expect(detections).not.toHaveBeenCalled();
    const after = blogs[0].updates;
    expect(after).toHaveLength(before.updates.length);
    after.forEach((u, i) => {
      if (edited(u)) expect(u).not.toBe(before.updates[i]);
      else expect(u).toBe(before.updates[i]);
    });
  });

  it('ignores changes elsewhere on a live blog: banners added and removed around the list', async () => {
    const doc = live(norkon);
    const ctl = new AbortController();
    const onChange = vi.fn();
    const watch = watching(doc, onChange, ctl.signal);
    await watch.start();
    detections.mockClear();
    watchDom(doc.documentElement, (b) => watch.onBatch(b), ctl.signal, { delay: 10 });
    for (let i = 0; i < 20; i++) {
      const banner = doc.body.appendChild(doc.createElement('aside'));
      await settle(15);
      // Removed from <body>, an ancestor of the list: still nothing to do with the updates.
      banner.remove();
      await settle(15);
    }
    ctl.abort();
    expect(onChange).not.toHaveBeenCalled();
    expect(detections).not.toHaveBeenCalled();
  });

  it('on an ordinary page that keeps adding elements, looks half as often after each look that finds none', async () => {
    const doc = live('<body><main><p>An ordinary article.</p></main></body>');
    const ctl = new AbortController();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const watch = watching(doc, () => undefined, ctl.signal);
      expect(await watch.start()).toBeNull();
      looks.mockClear();
      // 20 s of a page adding a paragraph every 100 ms (a ticker): once a second would be 20 looks.
      for (let t = 0; t < 20_000; t += 100) {
        const p = doc.querySelector('main')!.appendChild(doc.createElement('p'));
        watch.onBatch({
          added: [p],
          changed: [],
          removed: false,
          removedFrom: [],
          removedNodes: [],
          overflow: false,
        });
        await vi.advanceTimersByTimeAsync(100);
      }
      ctl.abort();
      // After 1, 2, 4 and 8 s (then every 8 s), each a first look only: the page never could be one.
      expect(looks.mock.calls.length).toBeGreaterThanOrEqual(3);
      expect(looks.mock.calls.length).toBeLessThanOrEqual(5);
      expect(detections).not.toHaveBeenCalled();
      expect(loadDetector).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('on an ordinary page, looks again at most once a second, and notices when it becomes a live blog', async () => {
    const doc = live('<body><main><p>An ordinary article.</p></main></body>');
    const ctl = new AbortController();
    const onChange = vi.fn();
    const watch = watching(doc, onChange, ctl.signal);
    expect(await watch.start()).toBeNull();
    looks.mockClear();
    watchDom(doc.documentElement, (b) => watch.onBatch(b), ctl.signal, { delay: 10 });
    for (let i = 0; i < 30; i++) {
      doc.querySelector('main')!.append(doc.createElement('p'));
      await settle(20);
    }
    expect(looks.mock.calls.length).toBeLessThanOrEqual(1);
    expect(loadDetector).not.toHaveBeenCalled();
    doc.querySelector('main')!.innerHTML = norkon.replace(/^[\s\S]*<body>|<\/body>[\s\S]*$/g, '');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 2500, interval: 20 });
    ctl.abort();
    expect(watch.blog?.via).toBe('platform:norkon');
  });

  it('puts the detector in only for a page that could be a live blog, and once', async () => {
    const ordinary = watching(
      live('<body><main><p>An ordinary article.</p></main></body>'),
      vi.fn(),
      new AbortController().signal,
    );
    expect(await ordinary.start()).toBeNull();
    expect(looks).toHaveBeenCalledTimes(1);
    expect(loadDetector).not.toHaveBeenCalled();
    expect(detections).not.toHaveBeenCalled();

    const doc = live(norkon);
    const ctl = new AbortController();
    const watch = watching(doc, vi.fn(), ctl.signal);
    expect((await watch.start())?.updates).toHaveLength(4);
    expect(loadDetector).toHaveBeenCalledTimes(1);
    // A burst asks for a detection from scratch: the detector already in the page serves it.
    watch.onBatch({
      added: [],
      changed: [],
      removed: false,
      removedFrom: [],
      removedNodes: [],
      overflow: true,
    });
    await vi.waitFor(() => expect(detections).toHaveBeenCalledTimes(2), { timeout: 2000, interval: 10 });
    ctl.abort();
    expect(loadDetector).toHaveBeenCalledTimes(1);
  });

  it('looks again a while later when the detector could not be put in (the worker restarting), and finds the live blog', async () => {
    const doc = live(norkon);
    const ctl = new AbortController();
    const onChange = vi.fn();
    let refuse = true;
    const flaky = vi.fn(async (): Promise<LiveBlogDetector> => {
      if (refuse) throw new Error('the page could not be given its liveblog script');
      return liveblog;
    });
    const watch = new LiveBlogWatch(doc, onChange, ctl.signal, () => undefined, flaky);
    await expect(watch.start()).rejects.toThrow('liveblog script');
    refuse = false;
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 3000, interval: 20 });
    ctl.abort();
    expect(onChange.mock.calls[0][0]?.updates).toHaveLength(4);
    expect(flaky).toHaveBeenCalledTimes(2);
  });
});
