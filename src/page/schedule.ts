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
