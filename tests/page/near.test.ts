/**
 * NearObserver: an IntersectionObserver over thousands of targets that makes the browser observe only a
 * window of them, within a few screens of the viewport (the browser computes every observed target's
 * intersection on each frame whose layout changed). Layout is mocked: targets are 20 px tall, one under
 * the other, in an 800 px window.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NearObserver, SMALL, type NearEntry } from '../../src/page/near';
import { SeenWatch } from '../../src/page/reading/seen';
import { DwellTracker } from '../../src/reading/dwell';
import { FakeIO } from './fake-io';

const ROW = 20;
let scroll = 0;

function rows(n: number, into = document.body): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (let i = 0; i < n; i++) {
    const p = document.createElement('p');
    into.append(p);
    out.push(p);
  }
  return out;
}

const frame = () => new Promise((r) => setTimeout(r, 60));

beforeEach(() => {
  document.body.innerHTML = '';
  scroll = 0;
  Object.defineProperty(window, 'innerHeight', { value: 800, configurable: true });
  Object.defineProperty(window, 'scrollY', { get: () => scroll, configurable: true });
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const i = [...document.body.children].indexOf(this);
    const top = i * ROW - scroll;
    return { top, bottom: top + ROW, left: 0, right: 600, width: 600, height: ROW } as DOMRect;
  });
  vi.stubGlobal('IntersectionObserver', FakeIO);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('NearObserver', () => {
  it('observes every target while there are few, as a plain IntersectionObserver would', () => {
    const near = new NearObserver(() => undefined);
    const els = rows(SMALL);
    for (const el of els) near.observe(el);
    expect(FakeIO.last.targets.size).toBe(SMALL);
    near.disconnect();
  });

  it('has the browser observe only the targets within a few screens of the viewport, on a page of 2,000', async () => {
    const entries: NearEntry[] = [];
    const near = new NearObserver((e) => entries.push(...e));
    const els = rows(2000);
    for (const el of els) near.observe(el);
    await frame();
    // 800 px window, three screens above and below: 7 × 800 / 20 = 280 rows at most.
    const watched = FakeIO.last.targets;
    expect(watched.size).toBeGreaterThan(0);
    expect(watched.size).toBeLessThanOrEqual(300);
    expect(watched.has(els[0])).toBe(true);
    expect(watched.has(els[39])).toBe(true);
    expect(watched.has(els[1999])).toBe(false);
    FakeIO.last.fireAll();
    expect(entries.filter((e) => e.isIntersecting).map((e) => els.indexOf(e.target as HTMLElement))).toEqual(
      Array.from({ length: 40 }, (_, i) => i),
    );
    near.disconnect();
  });

  it('takes a target added later by its own place, without picking the window again', async () => {
    const near = new NearObserver(() => undefined);
    const els = rows(2000);
    for (const el of els) near.observe(el);
    await frame();
    const rects = vi.mocked(Element.prototype.getBoundingClientRect);
    rects.mockClear();
    // A live insertion in view, and one far below.
    const [top] = rows(1);
    document.body.prepend(top);
    near.observe(top);
    const far = rows(1)[0];
    near.observe(far);
    // Placed after the next frame (which lays the page out), by one box read each, not a new pick.
    expect(rects.mock.calls.length).toBe(0);
    await frame();
    expect(FakeIO.last.targets.has(top)).toBe(true);
    expect(FakeIO.last.targets.has(far)).toBe(false);
    expect(rects.mock.calls.length).toBe(2);
    near.disconnect();
  });

  it('reads boxes in a task after the frame, not in its animation frame (before its layout)', async () => {
    // The frame's callbacks are run by hand: whatever they read would force the layout the frame is about to do.
    const callbacks: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => callbacks.push(cb));
    const runFrame = () => {
      const now = callbacks.splice(0);
      for (const cb of now) cb(performance.now());
    };
    const rects = vi.mocked(Element.prototype.getBoundingClientRect);
    const near = new NearObserver(() => undefined);
    for (const el of rows(2000)) near.observe(el);
    rects.mockClear();
    runFrame();
    expect(rects.mock.calls.length, 'boxes read in the animation frame (the pick)').toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(rects.mock.calls.length, 'the pick, after the frame').toBeGreaterThan(0);
    expect(FakeIO.last.targets.size).toBeGreaterThan(0);
    // A live insertion, placed the same way.
    const [fresh] = rows(1);
    document.body.prepend(fresh);
    near.observe(fresh);
    rects.mockClear();
    runFrame();
    expect(rects.mock.calls.length, 'boxes read in the animation frame (a new target)').toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(rects.mock.calls.length).toBe(1);
    expect(FakeIO.last.targets.has(fresh)).toBe(true);
    near.disconnect();
  });

  it('moves the window with the reader, saying that what it left behind is no longer in view', async () => {
    const entries: NearEntry[] = [];
    const near = new NearObserver((e) => entries.push(...e));
    const els = rows(2000);
    for (const el of els) near.observe(el);
    await frame();
    FakeIO.last.fireAll();
    entries.length = 0;
    scroll = 20_000;
    window.dispatchEvent(new Event('scroll'));
    await frame();
    const watched = FakeIO.last.targets;
    expect(watched.has(els[0])).toBe(false);
    expect(watched.has(els[1000])).toBe(true);
    // The rows that were in view are reported out, once each.
    expect(entries.every((e) => !e.isIntersecting)).toBe(true);
    expect(entries.map((e) => els.indexOf(e.target as HTMLElement)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i),
    );
    near.disconnect();
  });

  it('keeps targets in page order when they arrive out of order (an update inserted at the top)', async () => {
    const near = new NearObserver(() => undefined);
    const els = rows(2000);
    for (const el of els) near.observe(el);
    await frame();
    const top = document.createElement('p');
    document.body.prepend(top);
    near.observe(top);
    await frame();
    expect(FakeIO.last.targets.has(top)).toBe(true);
    expect(FakeIO.last.targets.has(els[1999])).toBe(false);
    near.disconnect();
  });

  it('forgets an unobserved target, and observes them all again once few are left', async () => {
    const near = new NearObserver(() => undefined);
    const els = rows(2000);
    for (const el of els) near.observe(el);
    await frame();
    // The first 1,900 go: the 100 left are screens below the viewport, observed again all the same.
    for (const el of els.slice(0, 1900)) near.unobserve(el);
    await frame();
    expect(FakeIO.last.targets.size).toBe(100);
    expect(FakeIO.last.targets.has(els[1999])).toBe(true);
    expect(near.watching).toBe(100);
    near.disconnect();
  });
});

describe('the seen-marking on a big page', () => {
  it('observes the unseen updates near the viewport, not all 2,000', async () => {
    const ctl = new AbortController();
    const watch = new SeenWatch(window, new DwellTracker(), () => undefined, ctl.signal);
    const els = rows(2000);
    watch.sync(new Map(els.map((el, i) => [`u${i}`, [el]])));
    await frame();
    expect(watch.watching.targets).toBe(2000);
    expect(FakeIO.last.targets.size).toBeLessThanOrEqual(300);
    expect(FakeIO.last.targets.has(els[0])).toBe(true);
    ctl.abort();
  });
});
