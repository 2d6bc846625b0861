/**
 * The markers' measure waits for the frame to lay the page out: read in the frame's animation callback, a
 * hundred updates just inserted were laid out inside the extension's task (60–75 ms on a 2,000-update page).
 * (happy-dom's ResizeObserver never reports, so here the measure runs in its fallback, after the frame;
 * tests/page/schedule.test.ts has `afterLayout` itself.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveUpdate } from '../../src/liveblog/types';
import type { PageContext } from '../../src/page/context';
import { Drawing } from '../../src/page/reading/draw';
import type { ReadingView } from '../../src/page/reading/view';

afterEach(() => vi.restoreAllMocks());

describe('the markers’ measure', () => {
  it('reads the flagged updates’ boxes once the frame has laid the page out, never in its animation callbacks', async () => {
    document.body.innerHTML = '<main><article id="a"><p>New words.</p></article></main>';
    const update = { id: 'a', label: '', text: 'New words.', elements: [document.getElementById('a')!] };
    const emitted: unknown[] = [];
    const session = {
      doc: document,
      liveblog: { updates: [update] },
      paint: (fn: () => void) => fn(),
      emit: (_event: string, model: unknown) => emitted.push(model),
    } as unknown as PageContext;
    const view = { marked: () => ['a'], kind: () => 'new' } as unknown as ReadingView;
    const index = { byId: new Map([['a', update as unknown as LiveUpdate]]) };
    const ctl = new AbortController();
    const drawing = new Drawing(session, view, index, ctl.signal);
    let reads = 0;
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(() => {
      reads++;
      return { top: 10, bottom: 110, left: 0, right: 600, width: 600, height: 100, x: 0, y: 10 } as DOMRect;
    });
    drawing.soon();
    drawing.soon();
    await new Promise((r) => requestAnimationFrame(r));
    expect([reads, emitted.length]).toEqual([0, 0]);
    await new Promise((r) => setTimeout(r));
    expect(reads).toBeGreaterThan(0);
    expect(emitted).toEqual([expect.objectContaining({ pill: expect.objectContaining({ count: 1 }) })]);
    ctl.abort();
  });
});

describe('the markers’ reach', () => {
  it('draws markers for the flagged updates within three screens of the viewport, counts them all, and draws the others once the reader has scrolled a screen', async () => {
    const n = 20;
    document.body.innerHTML = `<main>${Array.from({ length: n }, (_, i) => `<article id="u${i}"><p>Update ${i}.</p></article>`).join('')}</main>`;
    const updates = Array.from({ length: n }, (_, i) => ({
      id: `u${i}`,
      label: '',
      text: `Update ${i}.`,
      elements: [document.getElementById(`u${i}`)!],
    }));
    const emitted: Array<{ markers: Array<{ id: string; top: number }>; pill: { count: number } | null }> =
      [];
    const session = {
      doc: document,
      liveblog: { updates },
      paint: (fn: () => void) => fn(),
      emit: (_event: string, model: (typeof emitted)[number]) => emitted.push(model),
    } as unknown as PageContext;
    const view = { marked: () => updates.map((u) => u.id), kind: () => 'new' } as unknown as ReadingView;
    const index = { byId: new Map(updates.map((u) => [u.id, u as unknown as LiveUpdate])) };
    // Updates 300 px tall one under the other, in an 800 px window scrolled `scroll` px.
    let scroll = 0;
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(800);
    vi.spyOn(window, 'scrollY', 'get').mockImplementation(() => scroll);
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      const top = Number(this.id.slice(1)) * 300 - scroll;
      return {
        top,
        bottom: top + 300,
        left: 100,
        right: 700,
        width: 600,
        height: 300,
        x: 100,
        y: top,
      } as DOMRect;
    });
    const ctl = new AbortController();
    const drawing = new Drawing(session, view, index, ctl.signal);
    const drawn = () => emitted.at(-1)!.markers.map((m) => m.id);
    drawing.render();
    // In reach: up to 3 screens below the window's bottom (3,200 px), so updates 0–10.
    expect(drawn()).toEqual(updates.slice(0, 11).map((u) => u.id));
    expect(emitted.at(-1)!.pill!.count).toBe(n);
    // Half a screen down: nothing is measured again.
    scroll = 400;
    document.dispatchEvent(new Event('scroll'));
    await new Promise((r) => setTimeout(r, 50));
    expect(emitted).toHaveLength(1);
    // Two screens down: the reach ends 4,800 px down the page, so updates 0–16.
    scroll = 1600;
    document.dispatchEvent(new Event('scroll'));
    await new Promise((r) => setTimeout(r, 50));
    expect(emitted).toHaveLength(2);
    expect(drawn()).toEqual(updates.slice(0, 17).map((u) => u.id));
    // In the page's coordinates, wherever the window is.
    expect(emitted.at(-1)!.markers[0].top).toBe(0);
    // At the end: the reach starts 2,800 px down the page, so the first nine are out of it again.
    scroll = 5200;
    document.dispatchEvent(new Event('scroll'));
    await new Promise((r) => setTimeout(r, 50));
    expect(drawn()).toEqual(updates.slice(9).map((u) => u.id));
    expect(emitted.at(-1)!.pill!.count).toBe(n);
    ctl.abort();
  });
});
