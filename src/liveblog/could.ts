/**
 * Whether detectLiveBlog could find a live blog on a page, asked before its code is loaded: one necessary
 * condition for each of its tiers, each cheap (a selector, a string search, the timed elements' parents,
 * the first look). "No" means every tier would find nothing, so the content script rules out an ordinary
 * article without the detector, a script of its own that the page is given only on "yes" (src/page/more.ts).
 */
import { firstLook } from './first-look';
import { GENERIC_STRICT, timedRuns } from './generic';
import { platformEntries } from './platforms';
import { mayDeclareLiveBlog } from './schema';
import { STAMPED_MIN } from './stamped';

/** Which tier could find a live blog, the first in detectLiveBlog's order; null: none could. */
export type CouldBe = 'platform' | 'schema' | 'generic' | 'stamped' | 'markers';

export function couldBeLiveBlog(doc: Document): CouldBe | null {
  if (doc.querySelector(platformEntries())) return 'platform';
  if (mayDeclareLiveBlog(doc)) return 'schema';
  const root = doc.body ?? doc.documentElement;
  // The generic tier's strict search: two timed entries with ids, in the page's content.
  if (timedRuns(root, GENERIC_STRICT).length) return 'generic';
  const look = firstLook(doc, root, STAMPED_MIN);
  if (look.stamped) return 'stamped';
  return look.markers ? 'markers' : null;
}
