/**
 * When a resting pointer's card is drawn. Pointer events arrive at the start of a frame, so a timer that
 * ends exactly at the hover delay misses that frame and the card is painted one frame late; the intent
 * timer ends one frame early instead, so the card is drawn in time for the frame at the delay.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageContext } from '../../../src/page/context';
import type { PageMention } from '../../../src/page/names';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';

const mention = { key: 'place:aleppo' } as unknown as PageMention;
const shown: number[] = [];

vi.mock('../../../src/page/hit-test', () => ({
  mentionAt: (_d: Document, _n: unknown, x: number) =>
    x < 100 ? { mention, rect: new DOMRect(0, 0, 50, 10) } : null,
}));
vi.mock('../../../src/page/features/cards/card', () => ({
  show: () => void shown.push(Date.now()),
  dismiss: () => undefined,
  reveal: () => undefined,
  scheduleHide: () => undefined,
}));

const { onPointerMove, FRAME_AHEAD } = await import('../../../src/page/features/cards/intent');
const { createState } = await import('../../../src/page/features/cards/state');

const move = (x: number, t: number) =>
  ({
    pointerType: 'mouse',
    clientX: x,
    clientY: 5,
    timeStamp: t,
    composedPath: () => [],
  }) as unknown as PointerEvent;

describe('the hover intent', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    shown.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  const state = () =>
    createState({
      doc: document,
      names: {},
      settings: { ...DEFAULT_SETTINGS, hoverDelay: 300 },
    } as unknown as PageContext);

  it('draws the card one frame before the hover delay ends, so that it is painted at the delay', () => {
    expect(FRAME_AHEAD).toBeGreaterThanOrEqual(16);
    expect(FRAME_AHEAD).toBeLessThan(17);
    const st = state();
    onPointerMove(st, move(20, 0));
    vi.advanceTimersByTime(300 - FRAME_AHEAD - 1);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([300 - FRAME_AHEAD]);
  });

  it('a pointer that leaves the name before then opens nothing', () => {
    const st = state();
    onPointerMove(st, move(20, 0));
    vi.advanceTimersByTime(200);
    onPointerMove(st, move(400, 200));
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([]);
  });

  it('a hover delay shorter than a frame opens at once', () => {
    const st = createState({
      doc: document,
      names: {},
      settings: { ...DEFAULT_SETTINGS, hoverDelay: 0 },
    } as unknown as PageContext);
    onPointerMove(st, move(20, 0));
    vi.advanceTimersByTime(0);
    expect(shown).toEqual([0]);
  });

  it('an event played after the fact (the one that had the cards loaded) counts the delay from when it happened', () => {
    const st = state();
    // The pointer came to rest 120 ms ago, while the cards' script was on its way.
    onPointerMove(st, move(20, 0), 120);
    vi.advanceTimersByTime(300 - FRAME_AHEAD - 120 - 1);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([300 - FRAME_AHEAD - 120]);
  });
});
