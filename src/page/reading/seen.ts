/**
 * Seen-marking at the cost of what changes: an IntersectionObserver says which unseen updates are on
 * screen, and only those are measured, when something moves (the observer, a scroll, a resize, input,
 * the tab shown again) and when a dwell clock comes due. The dwell rule itself is `src/reading/dwell.ts`.
 * At rest nothing runs: no timer while nothing unseen is in view or no clock runs, no observer entry for
 * an update already seen.
 */
import { sameElements } from '../../dom/order';
import { DwellTracker, type Visibility } from '../../reading/dwell';
import { NearObserver } from '../near';

/** Visible and full height of an update made of these elements, in a window `vh` tall. */
export function visibilityOf(elements: readonly Element[], vh: number): Visibility {
  let visible = 0;
  let height = 0;
  for (const el of elements) {
    const r = el.getBoundingClientRect();
    if (!r.height && !r.width) continue;
    height += r.height;
    visible += Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
  }
  return { visible, height };
}

export class SeenWatch {
  /** Unseen updates watched: page id → its elements. */
  private targets = new Map<string, readonly Element[]>();
  private owner = new Map<Element, string>();
  /** Elements of watched updates the observer says are on screen. */
  private onScreen = new Set<Element>();
  private io: NearObserver;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;

  constructor(
    private win: Window,
    private tracker: DwellTracker,
    /** Updates that just became seen. */
    private onSeen: (ids: string[]) => void,
    signal: AbortSignal,
  ) {
    // Only the unseen updates within a few screens are observed (near.ts: the browser's cost per target).
    this.io = new NearObserver(
      (entries) => {
        for (const e of entries) {
          if (!this.owner.has(e.target)) continue;
          if (e.isIntersecting) this.onScreen.add(e.target);
          else this.onScreen.delete(e.target);
        }
        this.check();
      },
      {},
      win,
    );
    const soon = () => this.soon();
    // Scrolls of the document and of any element (capture): a clock must stop when its update leaves.
    win.addEventListener('scroll', soon, { passive: true, capture: true, signal });
    win.addEventListener('resize', soon, { passive: true, signal });
    win.document.addEventListener('visibilitychange', () => this.check(), { signal });
    signal.addEventListener('abort', () => {
      this.io.disconnect();
      clearTimeout(this.timer);
      if (this.frame) win.cancelAnimationFrame(this.frame);
    });
  }

  /** The updates that may still be marked, page id → elements (the rest are unobserved). */
  sync(candidates: ReadonlyMap<string, readonly Element[]>): void {
    for (const [id, els] of this.targets) {
      const next = candidates.get(id);
      if (next && sameElements(next, els)) continue;
      this.unwatch(id);
    }
    for (const [id, els] of candidates) if (!this.targets.has(id)) this.watch(id, els);
    this.check();
  }

  /**
   * A change to the candidates (a live insertion, a removal): these to watch, those no more; the others
   * stay as they are, unasked.
   */
  change(add: ReadonlyMap<string, readonly Element[]>, remove: Iterable<string>): void {
    for (const id of remove) this.unwatch(id);
    for (const [id, els] of add) {
      const was = this.targets.get(id);
      if (was && sameElements(was, els)) continue;
      this.unwatch(id);
      this.watch(id, els);
    }
    this.check();
  }

  private watch(id: string, els: readonly Element[]): void {
    this.targets.set(id, els);
    for (const el of els) {
      this.owner.set(el, id);
      this.io.observe(el);
    }
  }

  private unwatch(id: string): void {
    for (const el of this.targets.get(id) ?? []) {
      if (this.owner.get(el) === id) this.owner.delete(el);
      this.onScreen.delete(el);
      this.io.unobserve(el);
    }
    this.targets.delete(id);
  }

  /** The reader used the page: from now on what is on screen counts. */
  engage(): void {
    const first = !this.tracker.isEngaged;
    this.tracker.engage();
    if (first) this.check();
  }

  /** A check on the next frame (scroll, resize): one per frame however many events came. */
  private soon(): void {
    if (this.frame || !this.onScreen.size) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = 0;
      this.check();
    });
  }

  /** Feeds the dwell rule the visibility of the watched updates on screen, and sets the next due time. */
  check(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const doc = this.win.document;
    if (doc.visibilityState !== 'visible') {
      // Time in another tab is not reading: an update looked at briefly before does not count on return.
      this.tracker.pause();
      return;
    }
    const now = performance.now();
    const vh = this.win.innerHeight;
    const visibility = new Map<string, Visibility>();
    if (this.tracker.isEngaged) {
      for (const el of this.onScreen) {
        const id = this.owner.get(el);
        if (id !== undefined && !visibility.has(id))
          visibility.set(id, visibilityOf(this.targets.get(id)!, vh));
      }
    }
    let atEnd = false;
    if (visibility.size) {
      const scroller = doc.scrollingElement ?? doc.documentElement;
      atEnd = scroller.scrollTop + vh >= scroller.scrollHeight - 4;
    }
    const seen = this.tracker.tick(now, visibility, vh, atEnd);
    for (const id of seen) this.unwatch(id);
    if (seen.length) this.onSeen(seen);
    const due = this.tracker.nextDue(now);
    // A millisecond past due: a timer that fires a hair early would find the clock a hair short.
    if (due !== null) this.timer = setTimeout(() => this.check(), due + 1);
  }

  /** For tests and the benchmark: how much is watched, and whether a timer runs. */
  get watching(): { targets: number; onScreen: number; timer: boolean } {
    return { targets: this.targets.size, onScreen: this.onScreen.size, timer: this.timer !== undefined };
  }
}
