/**
 * A cheap first look at a page that neither a platform, schema.org nor a timed list has vouched for:
 * whether the stamped tier and the text-marker tier could find anything, from one walk over the page's
 * text. Each answer is a necessary condition of its tier's own search, so "no" means that search would
 * find nothing; an ordinary article is ruled out without either tier's code and patterns running.
 */
import { machineStamps, mayCountStamp } from './stamped';
import { BLOCK_TEXT, MIN_MARKERS, mayOpenMarker } from './text-markers';

export interface FirstLook {
  /** findStampedList(doc, root, stampsNeeded) may find a list. */
  stamped: boolean;
  /** findMarkerBody(doc) may find a body. */
  markers: boolean;
}

/**
 * Text a stamp's node or a marker's first node can have: a digit in its first 80 characters (a stamp), or
 * a digit or U, O, E as its first letter (a marker). Nothing else need be asked of the other nodes.
 */
const WORTH_A_LOOK = /^[^]{0,79}\d|^\s*[\dUOE]/;

/**
 * The stamped tier counts each stamp (a text node, or a `<time datetime>`) at most once in a candidate
 * list, and a list needs `stampsNeeded`; the marker tier needs MIN_MARKERS blocks that open an update,
 * each beginning in a node of its own.
 */
export function firstLook(doc: Document, root: Element, stampsNeeded: number): FirstLook {
  const walker = doc.createTreeWalker(doc.documentElement, BLOCK_TEXT);
  let ahead: TreeWalker | undefined;
  let stamps = 0;
  let markers = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!WORTH_A_LOOK.test((n as CharacterData).data)) continue;
    if (stamps < stampsNeeded && n.nodeType === 3 && mayCountStamp(n as Text, root)) stamps++;
    if (
      markers < MIN_MARKERS &&
      mayOpenMarker(n as CharacterData, (ahead ??= doc.createTreeWalker(doc.documentElement, BLOCK_TEXT)))
    )
      markers++;
    if (stamps >= stampsNeeded && markers >= MIN_MARKERS) break;
  }
  if (stamps < stampsNeeded) stamps += machineStamps(root, stampsNeeded - stamps);
  return { stamped: stamps >= stampsNeeded, markers: markers >= MIN_MARKERS };
}
