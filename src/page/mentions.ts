/**
 * Mentions by entity and in page order without sorting every mention of the page: what a card and the
 * next/previous-name command need, in time proportional to the entity's own mentions (the per-entity part)
 * and close to linear in the page's (the global order, computed once per change of the index).
 *
 * `NamesIndex` is gaining `mentionsOf(key)` (page order, no scan of all mentions); while it has none this
 * module groups `names.mentions` itself. Either way callers ask `MentionOrder`.
 */
import type { NamesIndex, PageMention } from './names';

/** A mention's range, whether the index keeps it (`range`) or makes it on demand (`range()`). */
export function rangeOf(m: PageMention): Range {
  const r = (m as unknown as { range: Range | (() => Range) }).range;
  return typeof r === 'function' ? r() : r;
}

type WithMentionsOf = NamesIndex & { mentionsOf?: (key: string) => PageMention[] };

/**
 * Page order of a list whose text blocks were scanned mostly in page order: a stable sort by block
 * number keeps each block's mentions in their order (the detector gives them sorted), and the blocks are
 * then put in page order with V8's TimSort, which on runs that are already in order compares each
 * neighbour about once, not n log n times (live insertions at the top of a newest-first blog are one run).
 */
export function pageOrder(list: readonly PageMention[]): PageMention[] {
  if (list.length < 2) return [...list];
  const byBlock = new Map<number, PageMention[]>();
  for (const m of list) {
    const b = byBlock.get(m.block);
    if (b) b.push(m);
    else byBlock.set(m.block, [m]);
  }
  const blocks = [...byBlock.keys()].sort((a, b) => a - b);
  const node = new Map(blocks.map((b) => [b, rangeOf(byBlock.get(b)![0]).startContainer]));
  blocks.sort((a, b) => {
    const na = node.get(a)!;
    const nb = node.get(b)!;
    if (na === nb) return 0;
    return na.compareDocumentPosition(nb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  return blocks.flatMap((b) => byBlock.get(b)!);
}

export class MentionOrder {
  private source: PageMention[] | null = null;
  private length = -1;
  private byKey = new Map<string, PageMention[]>();
  private sortedKeys = new Set<string>();
  private everything: PageMention[] | null = null;

  /** `names`: the page's current index (a rescan replaces it). */
  constructor(private readonly names: () => NamesIndex) {}

  /** Re-groups only when the index's mention list changed (a new list, or mentions added to it). */
  private fresh(): void {
    const list = this.names().mentions;
    if (list === this.source && list.length === this.length) return;
    this.source = list;
    this.length = list.length;
    this.byKey = new Map();
    this.sortedKeys.clear();
    this.everything = null;
    for (const m of list) {
      const l = this.byKey.get(m.key);
      if (l) l.push(m);
      else this.byKey.set(m.key, [m]);
    }
  }

  /** One entity's mentions in page order. */
  of(key: string): PageMention[] {
    const names = this.names() as WithMentionsOf;
    if (typeof names.mentionsOf === 'function') return names.mentionsOf(key);
    this.fresh();
    const list = this.byKey.get(key) ?? [];
    if (!this.sortedKeys.has(key)) {
      this.byKey.set(key, pageOrder(list));
      this.sortedKeys.add(key);
    }
    return this.byKey.get(key)!;
  }

  /** Every mention in page order. */
  all(): PageMention[] {
    this.fresh();
    return (this.everything ??= pageOrder(this.names().mentions));
  }
}

/**
 * The first mention at or below the top of the viewport, by bisection over the page-ordered list: a few
 * layout reads instead of one per mention above the fold.
 */
export function firstInView(list: readonly PageMention[]): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const top = rangeOf(list[mid]).getClientRects()[0]?.top;
    if (top === undefined || top < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? lo : -1;
}
