/**
 * An IntersectionObserver for thousands of elements at the cost of a few hundred (the seen-marking's:
 * every unseen update of a 2,000-update live blog). A browser computes every observed target's
 * intersection on each frame whose layout changed: with every update or block of a big page observed, a
 * page that edits its text costs 100–300 ms of main thread per second in Chromium
 * (`IntersectionObserverController::computeIntersections`), more than all of the extension's script.
 *
 * So the real observer watches only a window of the targets: those within a few screens of the
 * viewport, found by a binary search over the targets in document order (a few `getBoundingClientRect`
 * reads, in a task right after a frame, where the frame has laid the page out: read in the animation
 * frame itself, they forced the frame's layout to run early, inside the extension's callback, and again
 * if the page's own frame callbacks then changed it). The window moves when the reader has
 * scrolled a screen, the window resizes, the document's size changes (at most every quarter second) or
 * targets come and go. A target leaving the window is reported as not intersecting when it was last
 * reported as intersecting (it is screens away). Few targets (up to `SMALL`): all are observed, as a
 * plain IntersectionObserver would.
 */
import { precedes } from '../dom/order';
import { afterFrame } from './schedule';

export type NearEntry = Pick<IntersectionObserverEntry, 'target' | 'isIntersecting'> &
  Partial<IntersectionObserverEntry>;

/** Up to this many targets, every one is observed (no window). */
export const SMALL = 128;
/** How many viewport heights above and below the viewport the window reaches. */
const REACH = 3;

/** Whether a box (viewport coordinates) lies within `REACH` screens above and below a viewport `vh` tall. */
export const inReach = (r: { top: number; bottom: number }, vh: number): boolean =>
  r.bottom >= -REACH * vh && r.top <= (1 + REACH) * vh;

/** Whether the document has scrolled a screen or more since `from` (NaN: never measured). */
export const scrolledAScreen = (win: Window, from: number): boolean =>
  !(Math.abs(win.scrollY - from) < win.innerHeight);
/** Document size changes re-pick the window at most this often. */
const RESIZE_EVERY_MS = 250;

export class NearObserver {
  private io: IntersectionObserver;
  /** Every target, in document order (entries no longer targets are skipped, then compacted). */
  private order: Element[] = [];
  private targets = new Set<Element>();
  /** The targets the real observer watches now. */
  private watched = new Set<Element>();
  /** Targets last reported as intersecting. */
  private inside = new Set<Element>();
  /** Cancels the pick on its way (null: none is). */
  private frame: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPick = { scroll: NaN, height: 0 };
  private resizes: ResizeObserver | null = null;
  private abort = new AbortController();

  constructor(
    private callback: (entries: NearEntry[]) => void,
    options: IntersectionObserverInit = {},
    private win: Window = ((globalThis as { window?: Window }).window ?? globalThis) as Window,
  ) {
    const IO = (globalThis as { IntersectionObserver?: typeof IntersectionObserver }).IntersectionObserver!;
    this.io = new IO((entries) => {
      const out: NearEntry[] = [];
      for (const e of entries) {
        if (!this.watched.has(e.target)) continue;
        if (e.isIntersecting) this.inside.add(e.target);
        else this.inside.delete(e.target);
        out.push(e);
      }
      if (out.length) this.callback(out);
    }, options);
  }

  observe(el: Element): void {
    if (this.targets.has(el)) return;
    this.targets.add(el);
    this.insert(el);
    if (this.targets.size <= SMALL) this.watch(el);
    else {
      if (this.targets.size === SMALL + 1) this.listen();
      // A window already picked takes a new target by its own place (a live insertion: one box read,
      // not the window picked again), read after the next frame has laid the page out (read now, on a
      // page that keeps changing, it would cost a layout of its own); before the first pick, the pick.
      if (this.frame || Number.isNaN(this.lastPick.scroll)) this.soon();
      else this.later(el);
    }
  }

  /** New targets to place after the next frame. */
  private fresh: Element[] = [];
  private freshFrame: (() => void) | null = null;

  private later(el: Element): void {
    this.fresh.push(el);
    this.freshFrame ??= afterFrame(this.win, () => {
      this.freshFrame = null;
      const fresh = this.fresh;
      this.fresh = [];
      // A whole pick on its way places them too.
      if (this.frame) return;
      for (const t of fresh) if (this.targets.has(t) && this.within(t.getBoundingClientRect())) this.watch(t);
    });
  }

  /** Whether a box lies within the window (`REACH` screens above and below the viewport). */
  private within(r: DOMRect): boolean {
    const vh = this.win.innerHeight || 800;
    return (r.width > 0 || r.height > 0) && inReach(r, vh);
  }

  unobserve(el: Element): void {
    if (!this.targets.delete(el)) return;
    this.unwatch(el, false);
    // Back to few: all are watched again.
    if (this.targets.size === SMALL) this.soon();
    // Left in `order` until compacted: a removal costs nothing per target.
    if (this.order.length > 2 * this.targets.size + 64)
      this.order = this.order.filter((t) => this.targets.has(t));
  }

  disconnect(): void {
    this.io.disconnect();
    this.abort.abort();
    this.resizes?.disconnect();
    this.frame?.();
    this.frame = null;
    this.freshFrame?.();
    this.freshFrame = null;
    this.fresh = [];
    clearTimeout(this.timer);
    this.targets.clear();
    this.watched.clear();
    this.inside.clear();
    this.order = [];
  }

  /** For tests and the bench: how many targets the real observer watches. */
  get watching(): number {
    return this.watched.size;
  }

  private watch(el: Element): void {
    if (this.watched.has(el)) return;
    this.watched.add(el);
    this.io.observe(el);
  }

  /** Stops watching; `report`: say it left, if it was last said to be in. */
  private unwatch(el: Element, report: boolean): NearEntry | null {
    if (!this.watched.delete(el)) return null;
    this.io.unobserve(el);
    if (!this.inside.delete(el) || !report) return null;
    return { target: el, isIntersecting: false };
  }

  /** Into `order` by document position (most targets arrive in page order: one comparison). */
  private insert(el: Element): void {
    const order = this.order;
    // Asked of the earlier node: a browser looks for the other among the siblings after the one it is asked
    // of, so asked of the later of two neighbours it reads to the end of a 4,000-entry feed (quadratic load).
    const after = (a: Element, b: Element) => precedes(b, a);
    if (!order.length || after(el, order[order.length - 1])) {
      order.push(el);
      return;
    }
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (after(el, order[mid])) lo = mid + 1;
      else hi = mid;
    }
    order.splice(lo, 0, el);
  }

  /** Past `SMALL` targets: the window follows scrolls, resizes and the document's size. */
  private listen(): void {
    const signal = this.abort.signal;
    const onScroll = (e: Event) => {
      // The document's own scroll moves the window once it has gone a screen; an element's, always.
      const doc = this.win.document;
      if (e.target !== doc && e.target !== this.win) return this.soon();
      if (scrolledAScreen(this.win, this.lastPick.scroll)) this.soon();
    };
    this.win.addEventListener('scroll', onScroll, { passive: true, capture: true, signal });
    this.win.addEventListener('resize', () => this.soon(), { passive: true, signal });
    const RO = (globalThis as { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
    const root = this.win.document.documentElement;
    if (RO && root) {
      this.resizes = new RO(() => {
        if (this.timer !== undefined) return;
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.soon();
        }, RESIZE_EVERY_MS);
      });
      this.resizes.observe(root);
    }
  }

  private soon(): void {
    this.frame ??= afterFrame(this.win, () => {
      this.frame = null;
      this.pick();
    });
  }

  /** Moves the window to the targets within `REACH` screens of the viewport. */
  private pick(): void {
    if (this.targets.size <= SMALL) {
      for (const el of this.targets) this.watch(el);
      return;
    }
    if (this.order.length > this.targets.size) this.order = this.order.filter((t) => this.targets.has(t));
    const order = this.order;
    const vh = this.win.innerHeight || 800;
    const top = -REACH * vh;
    const bottom = (1 + REACH) * vh;
    this.lastPick = { scroll: this.win.scrollY, height: vh };
    const rectAt = (i: number) => order[i].getBoundingClientRect();
    const empty = (r: DOMRect) => !r.width && !r.height;
    // The first target not wholly above the window (a hidden one takes its next shown neighbour's place).
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      let at = mid;
      let r = rectAt(at);
      while (empty(r) && at + 1 < hi) r = rectAt(++at);
      if (empty(r)) hi = mid;
      else if (r.bottom < top) lo = at + 1;
      else hi = mid;
    }
    const next = new Set<Element>();
    // Down from there until a few targets in a row lie below the window (tolerates a little disorder).
    let below = 0;
    for (let i = lo; i < order.length && below < 8; i++) {
      const r = rectAt(i);
      if (empty(r)) continue;
      if (r.top > bottom) below++;
      else {
        below = 0;
        if (r.bottom >= top) next.add(order[i]);
      }
    }
    const left: NearEntry[] = [];
    for (const el of this.watched) {
      if (next.has(el)) continue;
      const entry = this.unwatch(el, true);
      if (entry) left.push(entry);
    }
    for (const el of next) this.watch(el);
    if (left.length) this.callback(left);
  }
}
