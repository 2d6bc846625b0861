/**
 * The reading state of one page load, as the background last said, keyed by the page's own update ids
 * (`pageIdOf`): the background applies aliases and answers by these ids, so nothing here maps ids.
 *
 * What is flagged: an update the reader has not seen that was not there at their first visit (the
 * backlog of a first visit is counted in the badge and the popup, never flagged). Updates that arrived
 * during this page load keep a hollow flag once seen, so the reader still sees where the new part began.
 */
import type { LiveUpdate } from '../../liveblog/types';
import { storedId } from '../../reading/keys';
import type { PageChange, PageState, UpdateView } from '../../reading/types';

export type MarkerKind = 'new' | 'seen';

/** The id a page's update goes by in every message: bounded as the store bounds it, nothing more. */
export const pageIdOf = (u: LiveUpdate): string => storedId(u.id);

export class ReadingView {
  private views = new Map<string, UpdateView>();
  /** Stored id → page id, for what names updates by stored id (the popup's jump). */
  private byStored = new Map<string, string>();
  /** Stored ids of the first report of this load: anything else seen in an answer arrived while here. */
  private firstIds: Set<string> | null = null;
  private freshHere = new Set<string>();
  /** Flagged new, by page id. */
  readonly flagged = new Set<string>();
  private meta: Omit<PageState, 'updates' | 'unseen'> | null = null;
  unseen = 0;

  get known(): boolean {
    return this.meta !== null;
  }

  get(pageId: string): UpdateView | undefined {
    return this.views.get(pageId);
  }

  pageIdOfStored(id: string): string | undefined {
    return this.byStored.get(id);
  }

  /** Page ids that may have a marker (flagged, or arrived here): the few `kind` is asked about to draw. */
  *marked(): Iterable<string> {
    yield* this.flagged;
    for (const id of this.freshHere) if (!this.flagged.has(id)) yield id;
  }

  kind(pageId: string): MarkerKind | null {
    const v = this.views.get(pageId);
    if (!v) return null;
    if (v.state === 'new' && !v.backlog) return 'new';
    if (v.state === 'seen' && this.freshHere.has(pageId)) return 'seen';
    return null;
  }

  /** Updates the automatic rule may still mark: not seen, not kept new by the reader's own choice. */
  markable(pageId: string): boolean {
    const v = this.views.get(pageId);
    return !v || (v.state === 'new' && !v.manual);
  }

  /**
   * A whole state (an answer to a full report, or another tab's or the popup's change). `reported`: it
   * answers this load's report, so what it lists beyond the first report arrived while the reader is here.
   */
  applyState(state: PageState, reported: boolean): UpdateView[] {
    const { updates, unseen, ...meta } = state;
    const before = this.views;
    this.views = new Map();
    this.byStored.clear();
    this.flagged.clear();
    this.meta = meta;
    this.unseen = unseen;
    if (reported && !this.firstIds) {
      this.firstIds = new Set(updates.map((u) => u.id));
      for (const u of updates) if (u.fresh) this.freshHere.add(u.pageId ?? u.id);
    }
    for (const u of updates) this.put(u, reported);
    // What changed for the seen-marking: states that moved.
    return updates.filter((u) => before.get(u.pageId ?? u.id)?.state !== u.state);
  }

  /** What changed, from an answer to a delta report or to a mark. */
  applyChange(change: PageChange, reported: boolean): UpdateView[] {
    this.unseen = change.unseen;
    for (const id of change.removed ?? []) {
      const v = this.views.get(id);
      if (v) this.byStored.delete(v.id);
      this.views.delete(id);
      this.flagged.delete(id);
    }
    const moved = change.updates.filter((u) => this.views.get(u.pageId ?? u.id)?.state !== u.state);
    for (const u of change.updates) this.put(u, reported);
    return moved;
  }

  private put(u: UpdateView, reported: boolean): void {
    const id = u.pageId ?? u.id;
    this.views.set(id, u);
    this.byStored.set(u.id, id);
    if (reported && this.firstIds && !this.firstIds.has(u.id)) this.freshHere.add(id);
    if (this.kind(id) === 'new') this.flagged.add(id);
    else this.flagged.delete(id);
  }

  /** The whole state, in the page's order (`order`: page ids). */
  state(order: readonly string[]): PageState | null {
    if (!this.meta) return null;
    const updates = order.flatMap((id) => this.views.get(id) ?? []);
    return { ...this.meta, updates, unseen: this.unseen };
  }

  reset(): void {
    this.views.clear();
    this.byStored.clear();
    this.flagged.clear();
    this.firstIds = null;
    this.freshHere.clear();
    this.meta = null;
    this.unseen = 0;
  }
}
