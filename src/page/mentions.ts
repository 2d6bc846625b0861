/** The first mention in view, by bisection: what the next/previous-name command starts from. */
import type { PageMention } from './names';

/**
 * The first mention at or below the top of the viewport, by bisection over the page-ordered list: a few
 * layout reads instead of one per mention above the fold.
 */
export function firstInView(list: readonly PageMention[]): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const top = list[mid].range.getClientRects()[0]?.top;
    if (top === undefined || top < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? lo : -1;
}
