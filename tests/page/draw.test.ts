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
