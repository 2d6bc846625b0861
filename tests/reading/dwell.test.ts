import { describe, expect, it } from 'vitest';
import { DwellTracker } from '../../src/reading/dwell';

const vis = (entries: Record<string, [number, number]>) =>
  new Map(Object.entries(entries).map(([id, [visible, height]]) => [id, { visible, height }]));

describe('DwellTracker', () => {
  it('marks nothing before the reader has interacted (restored scroll)', () => {
    const t = new DwellTracker();
    expect(t.tick(0, vis({ a: [300, 300] }), 800)).toEqual([]);
    expect(t.tick(5000, vis({ a: [300, 300] }), 800)).toEqual([]);
  });

  it('marks an update after half of it has been visible for a second', () => {
    const t = new DwellTracker();
    t.engage();
    expect(t.tick(0, vis({ a: [150, 300], b: [100, 300] }), 800)).toEqual([]);
    expect(t.tick(999, vis({ a: [150, 300], b: [100, 300] }), 800)).toEqual([]);
    expect(t.tick(1000, vis({ a: [150, 300], b: [100, 300] }), 800)).toEqual(['a']);
    expect(t.tick(3000, vis({ a: [150, 300] }), 800)).toEqual([]); // reported once
  });

  it('restarts the clock when the update leaves the screen (fast scrolling past does not count)', () => {
    const t = new DwellTracker();
    t.engage();
    t.tick(0, vis({ a: [300, 300] }), 800);
    t.tick(600, vis({ a: [0, 300] }), 800);
    expect(t.tick(1200, vis({ a: [300, 300] }), 800)).toEqual([]);
    expect(t.tick(2200, vis({ a: [300, 300] }), 800)).toEqual(['a']);
  });

  it('counts a tall update once it fills most of the window', () => {
    const t = new DwellTracker();
    t.engage();
    t.tick(0, vis({ long: [700, 3000] }), 800);
    expect(t.tick(1000, vis({ long: [700, 3000] }), 800)).toEqual(['long']);
  });

  it('starts the clock again after the tab was hidden: time in another tab is not reading', () => {
    const t = new DwellTracker();
    t.engage();
    t.tick(0, vis({ a: [300, 300] }), 800);
    t.pause();
    expect(t.tick(60_000, vis({ a: [300, 300] }), 800)).toEqual([]);
    expect(t.tick(61_000, vis({ a: [300, 300] }), 800)).toEqual(['a']);
  });

  it('can forget an update the reader marked new by hand', () => {
    const t = new DwellTracker();
    t.engage();
    t.settle('a');
    expect(t.tick(0, vis({ a: [300, 300] }), 800)).toEqual([]);
    t.reset('a');
    t.tick(0, vis({ a: [300, 300] }), 800);
    expect(t.tick(1000, vis({ a: [300, 300] }), 800)).toEqual(['a']);
  });
});

describe('DwellTracker at the end of the page', () => {
  it('lets a tall last update that can scroll no higher count once it fills enough of the window', () => {
    const t = new DwellTracker();
    t.engage();
    // 400 px of a 3000 px update above a footer: neither half of it nor 80% of an 800 px window.
    t.tick(0, vis({ last: [400, 3000] }), 800, false);
    expect(t.tick(1500, vis({ last: [400, 3000] }), 800, false)).toEqual([]);
    t.tick(2000, vis({ last: [400, 3000] }), 800, true);
    expect(t.tick(3000, vis({ last: [400, 3000] }), 800, true)).toEqual(['last']);
  });

  it('still needs the update to be on screen for the whole second', () => {
    const t = new DwellTracker();
    t.engage();
    t.tick(0, vis({ last: [100, 3000] }), 800, true);
    expect(t.tick(1000, vis({ last: [100, 3000] }), 800, true)).toEqual([]);
  });

  it('says when the next clock is due, and that none runs when nothing qualifies (no timer needed)', () => {
    const t = new DwellTracker();
    expect(t.nextDue(0)).toBeNull();
    t.engage();
    t.tick(0, vis({ a: [300, 300], b: [10, 300] }), 800);
    expect(t.nextDue(400)).toBe(600);
    t.tick(500, vis({ a: [300, 300], c: [300, 300] }), 800);
    expect(t.nextDue(500)).toBe(500); // a's, not c's (due at 1500)
    expect(t.tick(1000, vis({ a: [300, 300], c: [300, 300] }), 800)).toEqual(['a']);
    expect(t.nextDue(1000)).toBe(500);
    t.tick(1100, vis({ c: [0, 300] }), 800);
    expect(t.nextDue(1100)).toBeNull();
  });
});
