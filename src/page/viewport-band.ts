/**
 * Which watched elements are in or near the viewport, at the cost of what is near it. An
 * IntersectionObserver computes every target's geometry on every frame the page scrolls: with one target
 * per block with names (thousands on a 2,000-update live blog), scrolling spent 50–90 ms a frame in
 * intersection work. The band keeps its elements in document order and, once per frame after a scroll,
 * resize or change, finds the near ones by a binary search over their boxes and a walk over the run that
 * is near: a few dozen box reads while layout is clean, whatever the page's length.
 *
 * Flow layout puts a story's blocks top to bottom in document order; where a layout does not (columns,
 * floats), the walk goes on past a few far boxes before it stops, and what it misses stays undrawn.
 */
export interface BandEntry {
  target: Element;
  isIntersecting: boolean;
}

/** What the band and an IntersectionObserver have in common, for callers that may use either. */
export interface NearWatcher {
  observe(el: Element): void;
  unobserve(el: Element): void;
  disconnect(): void;
}

/** Far boxes the walk passes before it decides the near run has ended. */
const SLACK = 8;

export class ViewportBand implements NearWatcher {
  /** Watched elements in document order. */
  private els: Element[] = [];
  private watched = new Set<Element>();
  private near = new Set<Element>();
  private frame = 0;
  /** The document's scroll offset at the last computation; null when something else changed since. */
  private anchor: number | null = null;
  private ended = new AbortController();
  private resizes: ResizeObserver | null = null;

  constructor(
    private win: Window,
    private callback: (entries: BandEntry[]) => void,
    /** How many viewport heights above and below count as near. */
    private margin = 1,
  ) {
    const soon = () => this.soon(true);
    const signal = this.ended.signal;
    win.addEventListener('scroll', (e) => this.soon(!isDocument(e.target)), {
      passive: true,
      capture: true,
      signal,
    });
    win.addEventListener('resize', soon, { passive: true, signal });
    // The page growing or shrinking above the viewport moves what is near without a scroll.
    const RO = typeof ResizeObserver === 'undefined' ? undefined : ResizeObserver;
    const body = win.document.body;
    if (RO && body) {
      this.resizes = new RO(soon);
      this.resizes.observe(body);
    }
  }

  observe(el: Element): void {
    if (this.watched.has(el)) return;
    this.watched.add(el);
    this.els.splice(this.insertionPoint(el), 0, el);
    this.soon(true);
  }

  unobserve(el: Element): void {
    if (!this.watched.delete(el)) return;
    const i = this.indexOf(el);
    if (i >= 0) this.els.splice(i, 1);
    else this.els = this.els.filter((e) => e !== el);
    this.near.delete(el);
  }

  disconnect(): void {
    this.ended.abort();
    this.resizes?.disconnect();
    if (this.frame) this.win.cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.els = [];
    this.watched.clear();
    this.near.clear();
  }

  /** Computes the near set now (tests; the frame callback). */
  update(): void {
    this.frame = 0;
    if (this.ended.signal.aborted) return;
    // The band reaches a screen beyond the viewport: while the document has scrolled less than half a
    // screen since, what is near has not changed enough to redraw. Every change to a highlight costs the
    // browser a repaint pass over the page, so redrawing as every block crosses the edge would cost one
    // in every scrolled frame.
    const y = this.win.scrollY;
    const h = this.win.innerHeight || this.win.document.documentElement.clientHeight;
    if (this.anchor !== null && Math.abs(y - this.anchor) < (h * this.margin) / 2) return;
    this.anchor = y;
    const next = this.compute();
    const entries: BandEntry[] = [];
    for (const el of this.near) if (!next.has(el)) entries.push({ target: el, isIntersecting: false });
    for (const el of next) if (!this.near.has(el)) entries.push({ target: el, isIntersecting: true });
    this.near = next;
    if (entries.length) this.callback(entries);
  }

  /** A computation in the next frame; `changed` when more than the document's scroll moved. */
  private soon(changed = false): void {
    if (changed) this.anchor = null;
    if (this.frame || this.ended.signal.aborted) return;
    this.frame = this.win.requestAnimationFrame(() => this.update());
  }

  private compute(): Set<Element> {
    const out = new Set<Element>();
    const n = this.els.length;
    if (!n) return out;
    const h = this.win.innerHeight || this.win.document.documentElement.clientHeight;
    const top = -h * this.margin;
    const bottom = h * (1 + this.margin);
    // The first element whose box does not end above the band (boxes in flow order).
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = this.boxNear(mid, hi);
      if (r && r.bottom <= top) lo = mid + 1;
      else hi = mid;
    }
    // A few before it too: a float or a taller neighbour may reach into the band.
    let far = 0;
    for (let i = lo - 1; i >= 0 && far < SLACK; i--) {
      const r = this.els[i].getBoundingClientRect();
      if (isEmpty(r)) continue;
      if (r.bottom > top && r.top < bottom) out.add(this.els[i]);
      else far++;
    }
    far = 0;
    for (let i = lo; i < n && far < SLACK; i++) {
      const r = this.els[i].getBoundingClientRect();
      if (isEmpty(r)) continue;
      if (r.bottom > top && r.top < bottom) {
        out.add(this.els[i]);
        far = 0;
      } else far++;
    }
    return out;
  }

  /** The box of the element at `i`, or of the next one with a box before `end` (hidden ones have none). */
  private boxNear(i: number, end: number): DOMRect | null {
    for (let j = i; j < end && j < i + SLACK; j++) {
      const r = this.els[j].getBoundingClientRect();
      if (!isEmpty(r)) return r;
    }
    return null;
  }

  private insertionPoint(el: Element): number {
    let lo = 0;
    let hi = this.els.length;
    // Most elements arrive in document order: try the end first.
    if (hi && before(this.els[hi - 1], el)) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(this.els[mid], el)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(el: Element): number {
    if (!el.isConnected) return this.els.indexOf(el);
    const i = this.insertionPoint(el);
    return this.els[i] === el ? i : this.els.indexOf(el);
  }
}

function before(a: Element, b: Element): boolean {
  return !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
}

function isDocument(target: EventTarget | null): boolean {
  return (
    !target || (target as Node).nodeType === 9 /* DOCUMENT_NODE */ || target === (target as Window).window
  );
}

function isEmpty(r: DOMRect): boolean {
  return r.width === 0 && r.height === 0;
}
