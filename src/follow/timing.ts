/**
 * How long each background check took, as User Timing entries in the background's own global (Chrome's
 * service worker, Firefox's background page), where no page can read them. `npm run bench:page -- --only
 * follow` reads them to show what a check costs off the page's thread. A background that lives long keeps
 * the last few hundred.
 */
export const CHECK_MEASURE = 'backstory-follow-check';
const KEEP = 200;

export interface CheckTiming {
  url: string;
  outcome: 'changed' | 'unchanged' | 'failed';
  /** New updates the check found. */
  added: number;
  /** The request (to the last byte), and the parse (Chrome: the offscreen document's round trip). */
  fetchMs: number;
  parseMs: number;
}

/** Notes a check that started at `start` (performance.now()) and ends now. */
export function noteCheck(start: number, detail: CheckTiming): void {
  try {
    if (performance.getEntriesByName(CHECK_MEASURE).length >= KEEP) performance.clearMeasures(CHECK_MEASURE);
    performance.measure(CHECK_MEASURE, { start, end: performance.now(), detail });
  } catch {
    // No User Timing here: nothing to note.
  }
}
