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
  /**
   * Every text node under `root` findStampedList could count as a stamp, in document order: all it need
   * read of the page's text, so the stamped tier does not walk it again.
   */
  stampTexts: Text[];
  /** findMarkerBody(doc) may find a body. */
  markers: boolean;
  /** Every node a marked block's text can begin in, in document order: the bodies worth reading hold two. */
  markerStarts: CharacterData[];
}

/**
 * What both tests below open with, in one pattern for the walk: a digit in the first 80 characters (what a
 * stamp's text needs), or a digit or the U, O or E of a marker's word as the first letter (what a marker's
 * first node needs). Nearly every node fails it, and is asked nothing more.
 */
const WORTH_A_LOOK = /^[^]{0,79}\d|^\s*[\dUOE]/;

/**
 * The stamped tier counts each stamp (a text node, or a `<time datetime>`) at most once in a candidate
 * list, and a list needs `stampsNeeded` (0: the stamped tier is not asked about); the marker tier needs
 * MIN_MARKERS blocks that open an update, each beginning in a node of its own.
 */
export function firstLook(doc: Document, root: Element, stampsNeeded: number): FirstLook {
  const walker = doc.createTreeWalker(doc.documentElement, BLOCK_TEXT);
  const ahead = doc.createTreeWalker(doc.documentElement, BLOCK_TEXT);
  const wantStamps = stampsNeeded > 0;
  const stampTexts: Text[] = [];
  const markerStarts: CharacterData[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const data = (n as CharacterData).data;
    if (!WORTH_A_LOOK.test(data)) continue;
    if (wantStamps && n.nodeType === 3 && mayCountStamp(n as Text, data, root)) stampTexts.push(n as Text);
    if (mayOpenMarker(n as CharacterData, data, ahead)) markerStarts.push(n as CharacterData);
  }
  const stamps = stampTexts.length;
  const stamped =
    wantStamps &&
    (stamps >= stampsNeeded || stamps + machineStamps(root, stampsNeeded - stamps) >= stampsNeeded);
  return { stamped, stampTexts, markers: markerStarts.length >= MIN_MARKERS, markerStarts };
}
