/**
 * Underlines names with the CSS Custom Highlight API: no element, class or attribute is added to the
 * page. The page's scripts can read CSS.highlights, so highlights carry names only, never reading state.
 *
 * Only what can be seen is drawn: a browser repaints highlights in proportion to their ranges on every
 * change to the page, so ranges are registered for the blocks in and near the viewport (a screen above
 * and below, observed through `near.ts`) and taken out once they have left it (with the next change to
 * the highlights: every change costs the page a frame). One Highlight per kind stays registered; ranges
 * are added and deleted one by one, never cleared and re-added, and drawn as StaticRanges (names.ts).
 * On a very long page names are tinted instead of underlined (`LONG_PAGE_ELEMENTS` says why).
 */
import { KINDS, type Kind } from '../detect/types';
// The stylesheet itself reaches the page through the manifest (WXT injects the content script's CSS).
import './highlights.css';
import highlightsCss from './highlights.css?raw';
import type { BlockRec, PageMention } from './names';
import { NearObserver, type NearEntry } from './near';
import { afterLayout } from './schedule';

/** How names are marked: underlined, or (on a very long page) tinted. */
export type Look = 'underline' | 'tint';

/**
 * Each look's highlight name per kind, as the stylesheet that paints it spells it
 * (`::highlight(backstory-KIND)`, `::highlight(backstory-tint-KIND)`).
 */
export function highlightNames(css: string): Record<Look, Record<Kind, string>> {
  const found: Record<Look, Partial<Record<Kind, string>>> = { underline: {}, tint: {} };
  for (const [, name, tint, kind] of css.matchAll(/::highlight\((backstory-(tint-)?(\w+))\)/g))
    if ((KINDS as readonly string[]).includes(kind)) found[tint ? 'tint' : 'underline'][kind as Kind] = name;
  for (const look of ['underline', 'tint'] as const)
    for (const kind of KINDS)
      if (!found[look][kind]) throw new Error(`highlights.css paints no ${kind} ${look}`);
  return found as Record<Look, Record<Kind, string>>;
}

export const HIGHLIGHT_NAMES = highlightNames(highlightsCss);

/**
 * A page with more elements than this gets the tint. While any underline (a text decoration, which can
 * draw outside its text) is registered, Chromium revalidates every highlight after each change to the
 * page, its own or the extension's, and re-measures the whole page's overflow: a change five times a
 * second in a shadow root of a 2,000-update live blog (23,590 start tags) cost +55 ms/s with ten underlined
 * ranges and +2.5 ms/s with ten tinted ones, in proportion to the page's size. The saved real pages have
 * 400 to 3,400 elements.
 */
export const LONG_PAGE_ELEMENTS = 6000;

/** The look for a document of this size (counting its elements is cached by the browser until it changes). */
export function lookFor(doc: Document): Look {
  return doc.getElementsByTagName('*').length > LONG_PAGE_ELEMENTS ? 'tint' : 'underline';
}

/** How many screens above and below the viewport blocks count as near. */
const NEAR_SCREENS = 1;
/** The same band as an observer's root margin. */
export const NEAR_MARGIN = `${NEAR_SCREENS * 100}% 0px ${NEAR_SCREENS * 100}% 0px`;

/** What the highlighter (and the panel's selection) are told by: which watched elements are near. */
export interface NearWatcher {
  observe(el: Element): void;
  unobserve(el: Element): void;
  disconnect(): void;
}
export type NearWatcherFactory = (onChange: (entries: NearEntry[]) => void) => NearWatcher | null;

/**
 * The page's own: an observer of the targets within a few screens (`near.ts`: the browser computes every
 * observed element on each frame whose layout changed). The content script's own global: in Firefox the
 * page's window is seen through a wrapper.
 */
export const nearViewport: NearWatcherFactory = (onChange) =>
  typeof IntersectionObserver === 'undefined'
    ? null
    : new NearObserver(onChange, { rootMargin: NEAR_MARGIN });

/**
 * Ranges of blocks that left the near band stay drawn (off screen, they cost nothing to see) until the
 * highlights change anyway or there are more than this many: taking them out alone would cost the page a
 * frame of its own (a live insertion at the top pushes a block out of the band below).
 */
export const AWAY_MAX = 200;

/** A parent with at least this many children lists things (paragraphs, entries): watched one by one. */
const MANY_CHILDREN = 8;

/**
 * The element a block is watched by: its own, or, while its parent holds few children, the parent's
 * (up to a live blog's entry for the entry's paragraphs). A browser recomputes every watched element
 * after each layout change (an insertion, an edit, a card), so a big page watches one element per entry,
 * not per paragraph; its blocks are drawn and undrawn together.
 */
export function watchOf(el: Element): Element {
  let e = el;
  for (let depth = 0; depth < 4; depth++) {
    const p = e.parentElement;
    // `children.length`, not `childElementCount`: browsers count the children for the latter at every call
    // (a 4,000-entry feed asked once per block made the page's load quadratic); the former is cached.
    if (!p || p.children.length >= MANY_CHILDREN) break;
    if (p.tagName === 'BODY' || p.tagName === 'HTML' || p.tagName === 'MAIN') break;
    e = p;
  }
  return e;
}

/** Whether an element lies in or near the viewport (the band `NEAR_MARGIN` gives the observer). */
function isNear(el: Element): boolean {
  const r = el.getBoundingClientRect();
  const vh = el.ownerDocument.defaultView?.innerHeight ?? 0;
  return (r.width > 0 || r.height > 0) && r.bottom >= -NEAR_SCREENS * vh && r.top <= (1 + NEAR_SCREENS) * vh;
}

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

export class Highlighter {
  private highlights = new Map<Kind, Highlight>();
  /** The ranges each drawn block put in (and whose they are), to take exactly those out. */
  private drawn = new Map<BlockRec, Array<[PageMention, AbstractRange]>>();
  /** Blocks with mentions, by the element they flow in (what the observer watches). */
  private byElement = new Map<Element, Set<BlockRec>>();
  private visible = new Set<Element>();
  /** The element each block is watched by (kept: the page may move things about later). */
  private watching = new WeakMap<BlockRec, Element>();
  /** Drawn blocks no longer near: taken out with the next change to the highlights (`AWAY_MAX`). */
  private away = new Set<BlockRec>();
  private awayRanges = 0;
  private observer: NearWatcher | null = null;
  private supported = highlightsSupported();
  private look: Look = 'underline';
  /** Measure where new blocks are (set once the page's first read is done: a few blocks per batch). */
  measureNew = false;

  constructor(
    private enabled: Record<Kind, boolean>,
    watcher: NearWatcherFactory = nearViewport,
    /** Where changes the observer reports are drawn (the page's paint gate: with the batch's other changes). */
    private paint: (fn: () => void) => void = (fn) => fn(),
  ) {
    if (this.supported) this.observer = watcher((entries) => this.paint(() => this.onIntersect(entries)));
  }

  /** Blocks whose mentions changed, or that left the page. */
  update(recs: Iterable<BlockRec>): void {
    if (!this.supported) return;
    for (const rec of recs) {
      const wanted = rec.alive && rec.mentions.length > 0 && !!rec.block.element;
      const watched = this.watching.get(rec);
      if (!wanted) {
        this.undraw(rec);
        if (watched) this.unwatch(watched, rec);
        continue;
      }
      let el = watched;
      if (!el) this.watching.set(rec, (el = watchOf(rec.block.element!)));
      let set = this.byElement.get(el!);
      if (!set) {
        this.byElement.set(el!, (set = new Set()));
        if (this.observer) this.observer.observe(el!);
        // Without an observer (an old browser), everything counts as in view; a block read in view is
        // drawn now, not a frame later (the observer's first report corrects it if it has moved away).
        // After the first read, a new block's place is measured at once: drawn with its answer, in the
        // same frame as the batch's other changes, not in one of its own when the observer first reports.
        if (!this.observer || rec.seen) this.visible.add(el!);
        else if (this.measureNew) this.measure(el!);
      }
      set.add(rec);
      if (this.visible.has(el!)) this.draw(rec);
      else this.leave(rec);
    }
  }

  /**
   * Marks names as the page's size asks (`lookFor`), moving the kinds' highlights, ranges and all, to the
   * other look's names: one change. A page that has grown long stays tinted (no flicker as it is edited).
   */
  fit(doc: Document): void {
    if (!this.supported || this.look === 'tint' || lookFor(doc) === 'underline') return;
    const from = HIGHLIGHT_NAMES[this.look];
    this.look = 'tint';
    for (const [kind, h] of this.highlights) {
      CSS.highlights.delete(from[kind]);
      CSS.highlights.set(HIGHLIGHT_NAMES.tint[kind], h);
    }
  }

  setEnabled(enabled: Record<Kind, boolean>): void {
    this.enabled = enabled;
    if (!this.supported) return;
    const recs = [...this.drawn.keys()];
    for (const rec of recs) this.undraw(rec);
    this.sweep();
    for (const el of this.visible) for (const rec of this.byElement.get(el) ?? []) this.draw(rec);
  }

  clear(): void {
    this.observer?.disconnect();
    this.observer = null;
    if (!this.supported) return;
    for (const kind of this.highlights.keys()) CSS.highlights.delete(HIGHLIGHT_NAMES[this.look][kind]);
    this.highlights.clear();
    this.drawn.clear();
    this.away.clear();
    this.awayRanges = 0;
    this.byElement.clear();
    this.visible.clear();
    this.watching = new WeakMap();
  }

  /** Ranges drawn now (tests, the bench). */
  get size(): number {
    let n = 0;
    for (const ranges of this.drawn.values()) n += ranges.length;
    return n;
  }

  private onIntersect(entries: NearEntry[]): void {
    for (const e of entries) {
      const recs = this.byElement.get(e.target);
      if (!recs) continue;
      if (e.isIntersecting) {
        this.visible.add(e.target);
        for (const rec of recs) this.draw(rec);
      } else {
        this.visible.delete(e.target);
        for (const rec of recs) this.leave(rec);
      }
    }
  }

  private unwatch(el: Element, rec: BlockRec): void {
    this.watching.delete(rec);
    const set = this.byElement.get(el);
    if (!set?.delete(rec) || set.size) return;
    this.byElement.delete(el);
    this.visible.delete(el);
    this.observer?.unobserve(el);
  }

  private highlight(kind: Kind): Highlight {
    let h = this.highlights.get(kind);
    if (!h) {
      h = new Highlight();
      this.highlights.set(kind, h);
      CSS.highlights.set(HIGHLIGHT_NAMES[this.look][kind], h);
    }
    return h;
  }

  /**
   * Where a new element is, read once the next frame has laid it out, in that frame (read in the frame's
   * animation callback, it made that callback lay out a hundred new entries itself: the page's own layout,
   * in the extension's task); drawn there if near, and painted in the same frame.
   */
  private measure(el: Element): void {
    this.measuring.push(el);
    const win = el.ownerDocument.defaultView;
    if (this.measureLater || !win) return;
    this.measureLater = afterLayout(win, () => {
      this.measureLater = null;
      const els = this.measuring;
      this.measuring = [];
      for (const e of els) {
        const recs = this.byElement.get(e);
        if (!recs || this.visible.has(e) || !isNear(e)) continue;
        this.visible.add(e);
        for (const rec of recs) this.draw(rec);
      }
    });
  }
  private measuring: Element[] = [];
  private measureLater: (() => void) | null = null;

  /** A drawn block left the near band: kept drawn until the highlights change anyway. */
  private leave(rec: BlockRec): void {
    const drawn = this.drawn.get(rec);
    if (!drawn || this.away.has(rec)) return;
    this.away.add(rec);
    this.awayRanges += drawn.length;
    if (this.awayRanges > AWAY_MAX) this.sweep();
  }

  /**
   * Takes out the blocks that left (with a change to the highlights, or a DOM batch of the page's: a frame
   * that is painted anyway; every range registered costs each of the page's frames a little).
   */
  sweep(): void {
    if (!this.away.size) return;
    const away = [...this.away];
    this.away.clear();
    this.awayRanges = 0;
    for (const rec of away) this.undraw(rec);
  }

  private draw(rec: BlockRec): void {
    if (this.away.delete(rec)) this.awayRanges -= this.drawn.get(rec)?.length ?? 0;
    const old = this.drawn.get(rec);
    const next: Array<[PageMention, AbstractRange]> = [];
    for (const m of rec.mentions) if (this.enabled[m.kind]) next.push([m, m.drawn]);
    if (old && old.length === next.length && old.every(([, r], i) => r === next[i][1])) return;
    this.sweep();
    const keep = new Set(next.map(([, r]) => r));
    if (old) for (const [m, r] of old) if (!keep.has(r)) this.remove(m.kind, r);
    const had = new Set(old?.map(([, r]) => r));
    for (const [m, r] of next) if (!had.has(r)) this.highlight(m.kind).add(r);
    if (next.length) this.drawn.set(rec, next);
    else this.drawn.delete(rec);
  }

  /**
   * The page changed text in these blocks (told as it happens, before the browser paints): a drawn range
   * that no longer covers its name's text is taken out now, so no underline sits on the wrong words until
   * the block has been read again (ranges that still cover their names stay, and cost no repaint).
   */
  touched(recs: Iterable<BlockRec>): void {
    if (!this.supported) return;
    for (const rec of recs) {
      const list = this.drawn.get(rec);
      if (!list) continue;
      const stay = list.filter(([m, r]) => m.stillMarks() || (this.remove(m.kind, r), false));
      if (stay.length === list.length) continue;
      if (this.away.has(rec)) this.awayRanges -= list.length - stay.length;
      if (stay.length) this.drawn.set(rec, stay);
      else this.drawn.delete(rec);
    }
  }

  private undraw(rec: BlockRec): void {
    const old = this.drawn.get(rec);
    if (this.away.delete(rec)) this.awayRanges -= old?.length ?? 0;
    if (!old) return;
    for (const [m, r] of old) this.remove(m.kind, r);
    this.drawn.delete(rec);
  }

  private remove(kind: Kind, range: AbstractRange): void {
    this.highlights.get(kind)?.delete(range);
  }
}
