/**
 * What the markers feature draws, worked out only when something it shows changed: the reading state, the
 * updates, the layout (a resize of the page's body, of the window, a scroll inside an element), the
 * reader's scroll past a screen, or the side of the window the first new update is on (an
 * IntersectionObserver on that one update, so the pill's arrow follows the scroll). Only flagged updates
 * are measured, and only those within three screens of the viewport (`inReach`, the near observer's
 * band) get a marker: each marker drawn is styled, laid out and painted again whenever any is (a page
 * script adding markers to the layer, with the layout it forces, on the 2,000-update page: 10 in
 * 1.1–1.7 ms, 100 in 6–10 ms).
 */
import { byDocumentOrder } from '../../dom/order';
import type { LiveUpdate } from '../../liveblog/types';
import type { PageContext } from '../context';
import type { MarkerBox, OverlayModel } from '../features/markers';
import { inReach, scrolledAScreen } from '../near';
import { afterLayout } from '../schedule';
import type { ReadingView } from './view';

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Full height on screen (zero while the page hides the update). */
  height: number;
}

export function boxOf(update: LiveUpdate): Box {
  const box: Box = { top: Infinity, bottom: -Infinity, left: Infinity, right: -Infinity, height: 0 };
  for (const el of update.elements) {
    const r = el.getBoundingClientRect();
    if (!r.height && !r.width) continue;
    box.top = Math.min(box.top, r.top);
    box.bottom = Math.max(box.bottom, r.bottom);
    box.left = Math.min(box.left, r.left);
    box.right = Math.max(box.right, r.right);
    box.height += r.height;
  }
  return box;
}

/** A box in document coordinates, for the overlay. */
export const onPage = (win: Window, b: Box) => ({
  top: b.top + win.scrollY,
  left: b.left + win.scrollX,
  width: b.right - b.left,
  height: b.bottom - b.top,
});

/** Negative when `a` comes before `b` in the page. */
export const inPageOrder = (a: LiveUpdate, b: LiveUpdate): number =>
  byDocumentOrder(a.elements[0], b.elements[0]);

export interface UpdateIndex {
  /** Page id → the update. */
  byId: ReadonlyMap<string, LiveUpdate>;
}

export class Drawing {
  private later: (() => void) | null = null;
  private lastCount = -1;
  private markers: MarkerBox[] = [];
  /** Flagged updates the page shows, in reach or not. */
  private shownCount = 0;
  private count = 0;
  private direction: 'up' | 'down' = 'up';
  private target: Element | null = null;
  private targetIo: IntersectionObserver;
  private resizes: ResizeObserver;
  /** The document's scroll at the last measure. */
  private scrolled = NaN;

  constructor(
    private session: PageContext,
    private view: ReadingView,
    private index: UpdateIndex,
    signal: AbortSignal,
  ) {
    const win = session.doc.defaultView!;
    this.targetIo = new IntersectionObserver((entries) => {
      const e = entries.at(-1);
      if (!e || e.target !== this.target) return;
      const below = e.boundingClientRect.top > (e.rootBounds?.height ?? win.innerHeight);
      const direction = below ? 'down' : 'up';
      if (direction === this.direction) return;
      this.direction = direction;
      this.emit(0);
    });
    // Layout changes (images loading, a revealed update, a narrower window) move the markers at once.
    const relayout = () => this.drawing && this.soon();
    this.resizes = new ResizeObserver(relayout);
    if (session.doc.body) this.resizes.observe(session.doc.body);
    win.addEventListener('resize', relayout, { passive: true, signal });
    // A page whose content scrolls inside an element, not the document: markers must follow that scroll.
    // The document's own scroll: once the reader has gone a screen, markers come into reach and leave it.
    session.doc.addEventListener(
      'scroll',
      (e) => {
        if (e.target !== session.doc) relayout();
        else if (this.drawing && scrolledAScreen(win, this.scrolled)) this.soon();
      },
      { passive: true, capture: true, signal },
    );
    signal.addEventListener('abort', () => {
      this.targetIo.disconnect();
      this.resizes.disconnect();
      this.later?.();
    });
  }

  /** Something is drawn, so layout changes matter. */
  private get drawing(): boolean {
    return this.shownCount > 0 || this.count > 0;
  }

  /**
   * Draw again once the next frame has laid the page out, in that frame (coalesces a burst of changes into
   * one measure). Measured in the frame's animation callback, a hundred inserted updates were laid out
   * inside the extension's task (60–75 ms); after the layout, the boxes are read from the layout the frame
   * did anyway.
   */
  soon(): void {
    if (this.later) return;
    const win = this.session.doc.defaultView!;
    this.later = afterLayout(win, () => {
      this.later = null;
      this.render();
    });
  }

  /** Updates to mark in the page, in page order: flagged new, or arrived during this load and seen since. */
  private shown(): Array<{ id: string; update: LiveUpdate }> {
    const out: Array<{ id: string; update: LiveUpdate }> = [];
    for (const id of this.view.marked()) {
      const update = this.index.byId.get(id);
      if (update && this.view.kind(id)) out.push({ id, update });
    }
    // Page order is document order: asked of these few, not kept as a place for every update.
    return out.sort((a, b) => inPageOrder(a.update, b.update));
  }

  /** The first flagged update in page order that the page shows; else where the page reveals hidden ones. */
  firstNew(): { el: Element; update?: LiveUpdate } | null {
    let hidden = false;
    for (const { id, update } of this.shown()) {
      if (this.view.kind(id) !== 'new') continue;
      if (boxOf(update).height > 0) return { el: update.elements[0], update };
      hidden = true;
    }
    if (!hidden) return null;
    const at = this.session.liveblog?.revealAt ?? this.session.liveblog?.container;
    return at ? { el: at } : null;
  }

  render(): void {
    if (!this.session.liveblog) return;
    const win = this.session.doc.defaultView!;
    const vh = win.innerHeight || 800;
    this.scrolled = win.scrollY;
    const markers: MarkerBox[] = [];
    let shown = 0;
    let count = 0;
    let first: Element | null = null;
    let hiddenNew = false;
    for (const { id, update } of this.shown()) {
      const kind = this.view.kind(id)!;
      const box = boxOf(update);
      if (kind === 'new') {
        count++;
        if (box.height > 0) first ??= update.elements[0];
        else hiddenNew = true;
      }
      if (box.height > 0) {
        shown++;
        if (inReach(box, vh)) markers.push({ id, kind, ...onPage(win, box) });
      }
    }
    if (!first && hiddenNew)
      first = this.session.liveblog.revealAt ?? this.session.liveblog.container ?? null;
    this.markers = markers;
    this.shownCount = shown;
    this.count = count;
    this.follow(count ? first : null);
    const announce = this.lastCount >= 0 && count > this.lastCount ? count - this.lastCount : 0;
    this.lastCount = count;
    this.emit(announce);
  }

  /** Watches which side of the window the first new update is on, for the pill's arrow. */
  private follow(target: Element | null): void {
    if (target === this.target) return;
    if (this.target) this.targetIo.unobserve(this.target);
    this.target = target;
    if (!target) return;
    const win = this.session.doc.defaultView!;
    this.direction = target.getBoundingClientRect().top > win.innerHeight ? 'down' : 'up';
    this.targetIo.observe(target);
  }

  private emit(announce: number): void {
    const model = {
      markers: this.markers,
      pill: this.count ? { count: this.count, direction: this.direction } : null,
      announce,
    } satisfies OverlayModel;
    // Drawn with the DOM batch's other changes, when one is being answered (src/page/paint.ts).
    this.session.paint(() => this.session.emit('overlay', model));
  }
}
