/**
 * Long work in slices that yield to the page: no task much over the budget, so scrolling and typing
 * stay smooth on big pages (the principle is no task over 50 ms; slices aim far below).
 */
export const SLICE_MS = 8;

const now = () => performance.now();

/** Runs `fn` in a task of its own, queued now (a message to itself: no timer's clamping). */
function nextTask(fn: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(null);
}

/**
 * Yields with a task: the continuation waits behind the tasks already queued (the background's answers
 * among them), where scheduler.yield's would run before them.
 */
export function yieldTask(): Promise<void> {
  return new Promise((resolve) => nextTask(resolve));
}

/** Yields to the event loop: scheduler.yield where it exists, otherwise a task. */
export function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return s?.yield ? s.yield() : yieldTask();
}

/**
 * Runs `fn` in a task after the next frame, once the frame has laid the page out (the animation frame
 * comes before that layout); returns its cancel function. A hidden tab has no frames: nothing runs until
 * it is shown, as with an animation frame.
 */
export function afterFrame(win: Window, fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = win.requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    win.cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * Runs `fn` once the next frame has laid the page out, inside that frame: a ResizeObserver's first report
 * comes after the frame's layout and before its paint, so boxes read there cost no layout of their own and
 * what `fn` changes is painted in the same frame (changed in a task after the frame, it waits for a frame
 * of its own). Where no observer reports (a DOM without layout), in a task after the frame. Returns its
 * cancel function.
 */
export function afterLayout(win: Window, fn: () => void): () => void {
  let done = false;
  const RO = (globalThis as { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
  let observer: ResizeObserver | null = null;
  let cancelFrame = () => {};
  const stop = () => {
    done = true;
    observer?.disconnect();
    cancelFrame();
  };
  const run = () => {
    if (done) return;
    stop();
    fn();
  };
  if (RO && win.document.documentElement) {
    observer = new RO(run);
    observer.observe(win.document.documentElement);
  }
  cancelFrame = afterFrame(win, run);
  return stop;
}

/** The slice the current task is in: when it began, and which it is. */
let slice: { start: number; id: number } | null = null;
let slices = 0;

/**
 * Begins a slice for the current task. A message to itself ends it: that message runs as a task of its
 * own, after this one and every microtask it queues, so sliced loops awaited one after another in a task
 * (a hundred inserted entries, each walked by a loop of its own) share one budget instead of each
 * starting its own.
 */
function startSlice(start = now()): void {
  const id = ++slices;
  slice = { start, id };
  nextTask(() => {
    if (slice?.id === id) slice = null;
  });
}

/**
 * Counts the current task's work from now on against a slice of its own. A sliced loop otherwise begins
 * the slice at its first step, so what the task did before the loop went uncounted: the content script's
 * start (the session, the features, the scope's root) and the names' first walk ran as one task, 15–19 ms
 * of thread time on an ordinary article where each was meant to be one slice.
 */
export function beginSlice(): void {
  startSlice();
}

/**
 * Runs `step` repeatedly until it returns false, yielding (`yieldBy`) whenever the task's slice is spent
 * (shared with the sliced loops before it in the same task). Stops early (returns false) when the signal
 * aborts. `spent` is told the milliseconds each run between yields took, read off the clock the slice
 * check reads anyway: a caller that meters its work (a governor's share) needs no clock of its own per step
 * (the 2,000-update page's read is some 16,000 steps: 8,162 blocks walked, then applied).
 */
export async function runSliced(
  step: () => boolean,
  signal?: AbortSignal,
  budget = SLICE_MS,
  yieldBy: () => Promise<void> = yieldToPage,
  spent?: (ms: number) => void,
): Promise<boolean> {
  let from = spent ? now() : 0;
  try {
    while (true) {
      if (signal?.aborted) return false;
      if (!step()) return true;
      const t = now();
      // A clock behind the slice's start (a test's stand-in clock) begins a new slice.
      if (!slice || t < slice.start) startSlice(t);
      if (t - slice!.start >= budget) {
        spent?.(t - from);
        await yieldBy();
        startSlice();
        from = slice!.start;
      }
    }
  } finally {
    spent?.(now() - from);
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
