/**
 * One frame per change of the page. On a big page every frame the browser paints costs its whole
 * pre-paint (15–30 ms on a 2,000-update live blog in Chromium), whatever changed: a live insertion used
 * to cost three or four frames after the page's own (markers moved, the reading state's answer, the
 * names' answer, each drawn as it came). What the features show after a DOM batch (highlights, markers,
 * the pill) is held while that batch's answers are on their way (`hold`), then drawn together in one
 * task (`paint`), so the browser paints once. Nothing waits longer than `maxWait` ms, and a hold ends by
 * itself after `maxHold` ms (a background that does not answer holds nothing up for long).
 */
export class PaintGate {
  private holds = new Set<object>();
  private queue: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private onError: (e: unknown) => void = () => undefined,
    private maxWait = 150,
    private maxHold = 1000,
  ) {}

  /** Holds paints until the returned function is called (or `maxHold` ms have passed). */
  hold(): () => void {
    const token = {};
    this.holds.add(token);
    const expiry = setTimeout(() => release(), this.maxHold);
    const release = () => {
      clearTimeout(expiry);
      if (!this.holds.delete(token)) return;
      if (!this.holds.size) this.flush();
    };
    return release;
  }

  /** Runs `fn` now, or with the other held paints once nothing holds them (in the order they came). */
  paint(fn: () => void): void {
    if (!this.holds.size) return this.run(fn);
    this.queue.push(fn);
    this.timer ??= setTimeout(() => this.flush(), this.maxWait);
  }

  /** Everything held goes now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const queue = this.queue;
    this.queue = [];
    for (const fn of queue) this.run(fn);
  }

  /** Forgets what is held (the page's session ended). */
  drop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }

  private run(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.onError(e);
    }
  }
}
