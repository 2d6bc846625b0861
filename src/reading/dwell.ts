/**
 * When an update counts as seen: at least half of it (or, for an update taller than the window, most of
 * a window's height of it) visible for about a second, while the reader is actually reading — the tab is
 * visible and the reader has used the page (wheel, keys, pointer, touch) since it loaded, so a scroll
 * position the browser restores after a reload never marks anything. An update scrolled past quickly
 * restarts its clock each time. At the end of the page, where the last updates cannot scroll any
 * higher, a smaller share of the window is enough. Pure: the DOM glue feeds it visibility and time.
 */
export interface DwellOptions {
  /** How long an update must stay visible. */
  dwellMs: number;
  /** Fraction of the update that must be visible. */
  fraction: number;
  /** For tall updates: fraction of the viewport the update must fill instead. */
  viewportFraction: number;
  /** At the end of the page: fraction of the viewport that is enough. */
  endViewportFraction: number;
}

export const DEFAULT_DWELL: DwellOptions = {
  dwellMs: 1000,
  fraction: 0.5,
  viewportFraction: 0.8,
  endViewportFraction: 0.4,
};

export interface Visibility {
  /** Visible height of the update, px. */
  visible: number;
  /** Full height of the update, px. */
  height: number;
}

export class DwellTracker {
  private since = new Map<string, number>();
  private done = new Set<string>();
  private engaged = false;

  constructor(private options: DwellOptions = DEFAULT_DWELL) {}

  /** The reader did something (scroll by wheel/keys/touch, pointer, key): from now on visibility counts. */
  engage(): void {
    this.engaged = true;
  }

  get isEngaged(): boolean {
    return this.engaged;
  }

  /** Already seen: never reported again. */
  settle(id: string): void {
    this.done.add(id);
    this.since.delete(id);
  }

  /** The tab is hidden: nothing is being read, and every clock starts again once it is shown. */
  pause(): void {
    this.since.clear();
  }

  /** Forget that an update was reported, e.g. after the reader marked it new by hand. */
  reset(id: string): void {
    this.done.delete(id);
    this.since.delete(id);
  }

  /** Milliseconds until the first running clock reaches the dwell time (0: due now), or null when none runs. */
  nextDue(now: number): number | null {
    let due: number | null = null;
    for (const start of this.since.values()) {
      const left = Math.max(0, start + this.options.dwellMs - now);
      if (due === null || left < due) due = left;
    }
    return due;
  }

  qualifies(v: Visibility, viewportHeight: number, atEnd = false): boolean {
    if (v.height <= 0 || v.visible <= 0) return false;
    if (v.visible >= v.height * this.options.fraction) return true;
    return (
      v.visible >= viewportHeight * (atEnd ? this.options.endViewportFraction : this.options.viewportFraction)
    );
  }

  /**
   * Feed the current visibility of every tracked update (of a tab that is shown); returns the ids that
   * just became seen. `atEnd` is true when the page cannot scroll further down.
   */
  tick(now: number, visibility: Map<string, Visibility>, viewportHeight: number, atEnd = false): string[] {
    const seen: string[] = [];
    for (const [id, v] of visibility) {
      if (this.done.has(id)) continue;
      if (!this.engaged || !this.qualifies(v, viewportHeight, atEnd)) {
        this.since.delete(id);
        continue;
      }
      const start = this.since.get(id);
      if (start === undefined) this.since.set(id, now);
      else if (now - start >= this.options.dwellMs) {
        this.settle(id);
        seen.push(id);
      }
    }
    for (const id of this.since.keys()) if (!visibility.has(id)) this.since.delete(id);
    return seen;
  }
}
