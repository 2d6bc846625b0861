/**
 * Long work in slices that yield to the page: no task much over the budget, so scrolling and typing
 * stay smooth on big pages (the principle is no task over 50 ms; slices aim far below).
 */
export const SLICE_MS = 8;

const now = () => performance.now();

/** Yields to the event loop: scheduler.yield where it exists, otherwise a macrotask. */
export function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Runs `step` repeatedly until it returns false, yielding whenever a slice's budget is spent.
 * Stops early (returns false) when the signal aborts.
 */
export async function runSliced(
  step: () => boolean,
  signal?: AbortSignal,
  budget = SLICE_MS,
): Promise<boolean> {
  let sliceStart = now();
  while (true) {
    if (signal?.aborted) return false;
    if (!step()) return true;
    if (now() - sliceStart >= budget) {
      await yieldToPage();
      sliceStart = now();
    }
  }
}

/** Maps items in slices, yielding between slices. */
export async function forEachSliced<T>(
  items: readonly T[],
  fn: (item: T, index: number) => void,
  signal?: AbortSignal,
  budget = SLICE_MS,
): Promise<boolean> {
  let i = 0;
  return runSliced(
    () => {
      if (i >= items.length) return false;
      fn(items[i], i);
      i++;
      return true;
    },
    signal,
    budget,
  );
}

/**
 * Runs work written as steps (a generator that yields between steps) in slices; resolves with its result,
 * or undefined when the signal aborts first.
 */
export async function runSteps<T>(
  steps: Generator<void, T, void>,
  signal?: AbortSignal,
  budget = SLICE_MS,
): Promise<T | undefined> {
  let result: T | undefined;
  const done = await runSliced(
    () => {
      const r = steps.next();
      if (r.done) result = r.value;
      return !r.done;
    },
    signal,
    budget,
  );
  return done ? result : undefined;
}

/**
 * A cap on a share of the main thread (a page that mutates its text without pause must not make the
 * extension busy in proportion): work is metered as it is done, the debt drains at `share` of wall time,
 * and once it is past `burst` ms the next piece of work waits until it would fit again.
 */
export class Governor {
  private debt = 0;
  private last = now();

  constructor(
    private share = 0.05,
    private burst = 40,
    private clock: () => number = now,
  ) {
    this.last = clock();
  }

  private drain(): void {
    const t = this.clock();
    this.debt = Math.max(0, this.debt - (t - this.last) * this.share);
    this.last = t;
  }

  /** Records `ms` of work just done. */
  spend(ms: number): void {
    this.drain();
    this.debt += ms;
  }

  /** How long to wait before the next piece of work (0: now). */
  delay(): number {
    this.drain();
    return this.debt <= this.burst ? 0 : (this.debt - this.burst) / this.share;
  }
}
