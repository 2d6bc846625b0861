/**
 * The paint gate: what a DOM batch changes on screen is drawn in one task once the batch's answers are in,
 * never later than its bounds.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PaintGate } from '../../src/page/paint';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('PaintGate', () => {
  it('paints at once while nothing holds it', () => {
    const gate = new PaintGate();
    const done: string[] = [];
    gate.paint(() => done.push('a'));
    expect(done).toEqual(['a']);
  });

  it('holds every paint until the last hold ends, then runs them together, in order', () => {
    const gate = new PaintGate();
    const done: string[] = [];
    const names = gate.hold();
    const reading = gate.hold();
    gate.paint(() => done.push('markers'));
    gate.paint(() => done.push('highlights'));
    names();
    expect(done).toEqual([]);
    reading();
    expect(done).toEqual(['markers', 'highlights']);
    // Released twice: nothing more happens.
    reading();
    expect(done).toEqual(['markers', 'highlights']);
  });

  it('never holds a paint longer than its wait, nor keeps a hold nobody ends', () => {
    const gate = new PaintGate(undefined, 150, 1000);
    const done: number[] = [];
    gate.hold();
    gate.paint(() => done.push(1));
    vi.advanceTimersByTime(149);
    expect(done).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(done).toEqual([1]);
    // Still held: a new paint waits (its own wait at most)...
    gate.paint(() => done.push(2));
    expect(done).toEqual([1]);
    vi.advanceTimersByTime(849);
    expect(done).toEqual([1, 2]);
    gate.paint(() => done.push(3));
    expect(done).toEqual([1, 2]);
    // ...until the hold nobody ended expires, which lets it go; after that, paints run at once.
    vi.advanceTimersByTime(1);
    expect(done).toEqual([1, 2, 3]);
    gate.paint(() => done.push(4));
    expect(done).toEqual([1, 2, 3, 4]);
  });

  it('reports a paint that throws and still runs the others; drops what is held when told', () => {
    const errors: unknown[] = [];
    const gate = new PaintGate((e) => errors.push(e));
    const done: string[] = [];
    const release = gate.hold();
    gate.paint(() => {
      throw new Error('boom');
    });
    gate.paint(() => done.push('after'));
    release();
    expect(done).toEqual(['after']);
    expect(errors).toHaveLength(1);
    const again = gate.hold();
    gate.paint(() => done.push('dropped'));
    gate.drop();
    again();
    expect(done).toEqual(['after']);
  });
});
