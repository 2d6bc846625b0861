/**
 * Mentions as a card needs them: by entity and in page order (from the index), and the first one in view
 * by bisection.
 */
import type { NamesIndex, PageMention } from './names';

/** A mention's range (built on first use by the index). */
export function rangeOf(m: PageMention): Range {
  return m.range;
}

/**
 * Mentions by entity and in page order, for a card and the next/previous-name command: the index keeps a
 * per-entity list and the page order itself (\`mentionsOf\`, \`ordered\`); this reads the current index (a
 * rescan replaces it).
 */
export class MentionOrder {
  constructor(private readonly names: () => NamesIndex) {}

  /** One entity's mentions in page order. */
  of(key: string): PageMention[] {
    return this.names().mentionsOf(key);
  }

  /** Every mention in page order. */
  all(): PageMention[] {
    return this.names().ordered();
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
