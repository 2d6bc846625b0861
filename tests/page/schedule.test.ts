import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterLayout, beginSlice, runSliced, SLICE_MS } from '../../src/page/schedule';

/** Busy for `ms` of wall time (a step of real work). */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** A sliced loop of steps busy for `ms` each (the budget is looked at after each but the last). */
function loop(ms: number[], budget = SLICE_MS): Promise<boolean> {
  let i = 0;
  return runSliced(
    () => {
      busy(ms[i++]);
      return i < ms.length;
    },
    undefined,
    budget,
  );
}

/** Counts the task boundaries the page gets while `work` runs: a message to itself, posted again each time. */
async function turnsDuring(work: () => Promise<void>): Promise<number> {
  let turns = 0;
  let on = true;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (!on) return;
    turns++;
    channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  // Started inside the work's first task: the ticker's first message waits behind it.
  await work();
  on = false;
  channel.port1.close();
  return turns;
}

describe('runSliced', () => {
  it('shares one slice among loops awaited one after another in a task, yielding when it is spent', async () => {
    // A hundred loops of two 0.5 ms steps each (a hundred inserted entries, each walked by a loop of
    // its own): each loop alone is within the budget, together they are over 100 ms.
    const turns = await turnsDuring(async () => {
      for (let i = 0; i < 100; i++) await loop([0.5, 0.5]);
    });
    // Every SLICE_MS ms of the hundred the page gets a turn; without a shared slice it got none.
    expect(turns).toBeGreaterThanOrEqual(Math.floor(100 / SLICE_MS / 2));
  });

  it("tells `spent` the loop's time, reading the clock once per step", async () => {
    let clock = 0;
    // A clock that moves 1 ms per reading (the steps themselves take none).
    const now = vi.spyOn(performance, 'now').mockImplementation(() => ++clock);
    let spent = 0;
    let steps = 0;
    try {
      await runSliced(
        () => ++steps < 100,
        undefined,
        1000,
        undefined,
        (ms) => (spent += ms),
      );
    } finally {
      now.mockRestore();
    }
    // 100 steps, one reading after each but the last, and one at each end of the loop.
    expect(clock).toBeLessThanOrEqual(steps + 2);
    expect(spent).toBe(clock - 1);
  });

  it("counts the task's work since beginSlice against the first loop's slice", async () => {
    const budget = 20;
    // A task of its own: the test before may have left its slice for this one (vitest runs the next test
    // in the same task), which would make the loop yield whatever this test does.
    await new Promise((r) => setTimeout(r, 0));
    const turns = await turnsDuring(async () => {
      beginSlice();
      // A slice's worth of the task's own work before its first loop (the content script's start)…
      busy(budget);
      // …so the loop yields after its first step; counted from that step, it would run through.
      await loop([0.5, 0.5], budget);
    });
    expect(turns).toBeGreaterThanOrEqual(1);
  });

  it('gives a loop in a later task a slice of its own', async () => {
    // A wide budget, so that only a slice carried over from the earlier task (not a busy machine's
    // pause in the middle of a 1 ms loop) makes the later loop yield.
    const budget = 40;
    // Part of a slice spent in this task…
    await loop([10, 0], budget);
    await new Promise((r) => setTimeout(r, 2 * budget));
    // …and in a later one, a loop of 1 ms runs through without yielding.
    const turns = await turnsDuring(() => loop([0.5, 0.5], budget).then(() => undefined));
    expect(turns).toBe(0);
  });
});

describe('afterLayout', () => {
  afterEach(() => vi.unstubAllGlobals());
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 5)));

  it("runs in the frame, at its layout's first resize report; once; cancelled, not at all", async () => {
    // happy-dom lays nothing out and its ResizeObserver never reports: this one reports when told to, as a
    // browser does after the frame's layout.
    const reports: Array<() => void> = [];
    class ReportingObserver {
      private on = true;
      constructor(private cb: () => void) {}
      observe() {
        reports.push(() => this.on && this.cb());
      }
      disconnect() {
        this.on = false;
      }
    }
    vi.stubGlobal('ResizeObserver', ReportingObserver);
    let runs = 0;
    afterLayout(window, () => runs++);
    expect(runs).toBe(0);
    reports[0]();
    expect(runs).toBe(1);
    // The frame's task after it does not run it again.
    await frame();
    expect(runs).toBe(1);
    const cancel = afterLayout(window, () => runs++);
    cancel();
    reports[1]();
    await frame();
    expect(runs).toBe(1);
  });

  it('runs after the frame where no observer reports', async () => {
    let runs = 0;
    afterLayout(window, () => runs++);
    await frame();
    expect(runs).toBe(1);
  });
});
