/**
 * The band says which watched elements are within a screen of the viewport, from a few box reads per
 * frame instead of an IntersectionObserver's work on every target: a binary search for the first near
 * element, then a walk along the near run.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewportBand, type BandEntry } from '../../src/page/viewport-band';

const H = 700;
let scroll = 0;
/** Each paragraph's top in the document, and its height. */
const tops = new Map<Element, [number, number]>();
let reads = 0;

function page(n: number, height = 100, hidden: number[] = []) {
  document.body.innerHTML = `<main>${Array.from({ length: n }, (_, i) => `<p id="p${i}">${i}</p>`).join('')}</main>`;
  tops.clear();
  let y = 0;
  for (let i = 0; i < n; i++) {
    const el = document.getElementById(`p${i}`)!;
    const shown = !hidden.includes(i);
    tops.set(el, [y, shown ? height : 0]);
    if (shown) y += height;
  }
  return (i: number) => document.getElementById(`p${i}`)!;
}

beforeEach(() => {
  scroll = 0;
  reads = 0;
  vi.stubGlobal('innerHeight', H);
  Object.defineProperty(window, 'scrollY', { get: () => scroll, configurable: true });
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    reads++;
    const t = tops.get(this);
    if (!t || !t[1]) return new DOMRect(0, 0, 0, 0);
    return new DOMRect(0, t[0] - scroll, 600, t[1]);
  });
});
const bands: ViewportBand[] = [];
afterEach(() => {
  for (const b of bands.splice(0)) b.disconnect();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function band() {
  const seen: BandEntry[][] = [];
  const near = new Set<string>();
  const b = new ViewportBand(window, (entries) => {
    seen.push(entries);
    for (const e of entries) {
      if (e.isIntersecting) near.add(e.target.id);
      else near.delete(e.target.id);
    }
  });
  bands.push(b);
  const ids = () => [...near].map((s) => Number(s.slice(1))).sort((a, c) => a - c);
  return { b, seen, ids };
}

const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

describe('the viewport band', () => {
  it('reports the elements within a screen above and below, and only changes as the reader scrolls', async () => {
    const p = page(2000);
    const { b, ids, seen } = band();
    // Given out of order: the band keeps document order.
    for (const i of [5, 3, ...Array.from({ length: 2000 }, (_, i) => i)]) b.observe(p(i));
    await frame();
    // Viewport 0–700, band −700…1400: paragraphs 0–13 (one that only touches it is not near).
    expect(ids()).toEqual(Array.from({ length: 14 }, (_, i) => i));
    scroll = 100_000;
    reads = 0;
    window.dispatchEvent(new Event('scroll'));
    await frame();
    expect(ids()).toEqual(Array.from({ length: 21 }, (_, i) => 993 + i));
    // A binary search and a walk along the run: a few dozen reads, not 2,000.
    expect(reads).toBeLessThan(60);
    const calls = seen.length;
    window.dispatchEvent(new Event('scroll'));
    await frame();
    expect(seen.length).toBe(calls);
  });

  it('redraws once the document has scrolled half a screen, not as every block crosses the edge', async () => {
    const p = page(200);
    const { b, ids, seen } = band();
    for (let i = 0; i < 200; i++) b.observe(p(i));
    await frame();
    const calls = seen.length;
    reads = 0;
    for (const y of [100, 200, 300]) {
      scroll = y;
      window.dispatchEvent(new Event('scroll'));
      await frame();
    }
    // Less than half a screen (350 px): nothing read, nothing redrawn; the band still covers the viewport.
    expect(reads).toBe(0);
    expect(seen.length).toBe(calls);
    expect(ids()[0]).toBe(0);
    scroll = 400;
    window.dispatchEvent(new Event('scroll'));
    await frame();
    expect(seen.length).toBe(calls + 1);
    // Band −300…1800 px: paragraphs 0–17.
    expect(ids()).toEqual(Array.from({ length: 18 }, (_, i) => i));
  });

  it('steps over hidden elements, and forgets what it no longer watches', async () => {
    const p = page(100, 100, [40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
    const { b, ids, seen } = band();
    for (let i = 0; i < 100; i++) b.observe(p(i));
    scroll = 4000;
    b.update();
    // Hidden 40–49 take no room: 50 sits at 4000; the band is 3300–5400.
    expect(ids()).toEqual([33, 34, 35, 36, 37, 38, 39, ...Array.from({ length: 14 }, (_, i) => 50 + i)]);
    // Like an IntersectionObserver's, an unobserved element is dropped without a word; it never comes back.
    b.unobserve(p(50));
    const calls = seen.length;
    b.update();
    expect(seen.length).toBe(calls);
    scroll = 3000;
    b.update();
    expect(seen.flat().filter((e) => e.target === p(50))).toHaveLength(1);
    b.disconnect();
    scroll = 0;
    window.dispatchEvent(new Event('scroll'));
    await frame();
    expect(ids()).not.toContain(0);
  });

  it('hears the page grow above the viewport without a scroll', async () => {
    const p = page(50);
    const { b, ids } = band();
    for (let i = 0; i < 50; i++) b.observe(p(i));
    b.update();
    expect(ids()).toContain(3);
    // Everything moves down 3,000 px (a banner above); a resize of the window stands for the body's.
    for (const [el, [t, h]] of tops) tops.set(el, [t + 3000, h]);
    window.dispatchEvent(new Event('resize'));
    await frame();
    expect(ids()).toEqual([]);
  });
});
