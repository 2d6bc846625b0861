/**
 * The panel's selection, drawn like the names' highlights: only the mentions in and near the viewport.
 * A browser repaints a highlight in proportion to its ranges, so a name with hundreds of mentions on a
 * 2,000-update page drawn whole made the frame after each step spend 100 ms and more in pre-paint.
 */
import { nearViewport, type NearWatcher, type NearWatcherFactory } from '../../highlights';
import type { PageMention } from '../../names';
import { forEachSliced } from '../../schedule';
import type { NearEntry } from '../../near';

export class SelectionDrawer {
  /** The selection's ranges by the element each mention flows in (what the observer watches). */
  private byElement = new Map<Element, Range[]>();
  private near = new Set<Element>();
  private observer: NearWatcher | null = null;
  private drawing: AbortController | null = null;
  private current: Range | null = null;

  constructor(
    private highlight: Highlight,
    private watcher: NearWatcherFactory = nearViewport,
  ) {}

  /**
   * Draws `mentions` as they come near the viewport, `current` (the one stepped to) at once. The elements
   * are handed to the observer in slices: a name can have thousands of mentions.
   */
  show(mentions: readonly PageMention[], current?: PageMention): void {
    this.clear();
    // Watching only while something is selected: the watcher listens to the page's scrolls.
    const observer = this.watcher((entries) => this.onIntersect(entries));
    this.observer = observer;
    const ctl = new AbortController();
    this.drawing = ctl;
    if (current) this.step(current);
    void forEachSliced(
      mentions,
      (m) => {
        const el = m.node.parentElement;
        if (!el) return;
        let ranges = this.byElement.get(el);
        if (!ranges) {
          this.byElement.set(el, (ranges = []));
          if (observer) observer.observe(el);
          else this.near.add(el);
        }
        ranges.push(m.range);
        if (this.near.has(el) && m.range !== this.current) this.highlight.add(m.range);
      },
      ctl.signal,
    );
  }

  /** The mention stepped to is drawn wherever it is: the page scrolls to it next. */
  step(m: PageMention): void {
    const old = this.current;
    this.current = m.range;
    this.highlight.add(m.range);
    if (old && old !== m.range && !this.isNear(old)) this.highlight.delete(old);
  }

  clear(): void {
    this.drawing?.abort();
    this.drawing = null;
    this.observer?.disconnect();
    this.observer = null;
    this.byElement.clear();
    this.near.clear();
    this.current = null;
    this.highlight.clear();
  }

  /** Ranges drawn now (tests). */
  get size(): number {
    return this.highlight.size;
  }

  private isNear(r: Range): boolean {
    for (const el of this.near) if (this.byElement.get(el)?.includes(r)) return true;
    return false;
  }

  private onIntersect(entries: NearEntry[]): void {
    for (const e of entries) {
      const ranges = this.byElement.get(e.target);
      if (!ranges) continue;
      if (e.isIntersecting) {
        this.near.add(e.target);
        for (const r of ranges) this.highlight.add(r);
      } else {
        this.near.delete(e.target);
        for (const r of ranges) if (r !== this.current) this.highlight.delete(r);
      }
    }
  }
}
