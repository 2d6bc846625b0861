/**
 * How sure a guess without evidence is. A page that declares itself a live blog (schema.org, a known
 * platform's markup) needs no more; a page whose entries were found by structure or text markers alone
 * must show the structure of a stream of updates: several entries, stamps in one order, each entry with
 * text (or media) of its own. Thin structure is 'low': borderline, for the reader to decide.
 */
import { orderScore } from './order';
import { matchMinute, parseLabel } from './time';
import type { Confidence, LiveUpdate } from './types';
import { MEDIA } from './words';

/** Entries a stream needs before structure alone may call a page a live blog. */
export const MIN_ENTRIES = 3;

/** Minutes of the day a label prints, when it prints no date (a date makes it comparable by its time). */
function undatedMinutes(label: string): number | undefined {
  if (matchMinute(label)) return undefined;
  const p = parseLabel(label);
  return p && !p.date ? p.minutes : undefined;
}

/**
 * How well the updates keep one order. Times decide (they carry dates); but a time-only label is dated
 * by its neighbours, as if the list were in order, so its times always look ordered: for those, the
 * labels' own clock must run one way, passing midnight at most now and then. A schedule (10:55, 11:10,
 * 11:30 … read as newest first) passes midnight at every step. `rising`: the printed clock runs forward
 * down the page, as a schedule's does (live blogs nearly all put the newest on top).
 */
function orderOf(updates: readonly LiveUpdate[]): { order: number; rising: boolean } {
  const minutes = updates.map((u) => matchMinute(u.label)).filter((m) => !!m);
  // Commentary runs either way: kick-off at the top is common.
  if (minutes.length >= 2)
    return { order: orderScore(minutes.map((m) => m.minute + m.added / 100)).score, rising: false };
  const times = updates.map((u) => (u.time ? Date.parse(u.time) : undefined));
  const clock = updates.map((u) => undatedMinutes(u.label));
  const { score, newestFirst } = orderScore(clock);
  // Nothing to order by (relative ages, labels without a time): order says nothing either way.
  let order =
    times.filter(Boolean).length >= 2
      ? orderScore(times).score
      : clock.filter((v) => v !== undefined).length >= 2
        ? score
        : 1;
  const rising = clock.filter((v) => v !== undefined).length >= 2 && !newestFirst;
  if (clock.filter((v) => v !== undefined).length >= 2) {
    // Steps against the main direction, midnight or not: more than one in eight is no stream.
    const defined = clock.filter((v): v is number => v !== undefined);
    let against = 0;
    for (let i = 1; i < defined.length; i++)
      if (newestFirst ? defined[i] > defined[i - 1] : defined[i] < defined[i - 1]) against++;
    const allowed = Math.max(1, Math.floor(defined.length / 8));
    if (against > allowed) order = Math.min(order, score, 1 - against / (defined.length - 1));
  }
  return { order, rising };
}

export interface Grade {
  confidence: Confidence;
  score: number;
}

/** Grades a live blog found by structure or text markers from its updates. */
export function gradeStructure(updates: readonly LiveUpdate[]): Grade {
  const n = updates.length;
  if (!n) return { confidence: 'low', score: 0 };
  const { order, rising } = orderOf(updates);
  const stamped = updates.filter((u) => u.label || u.time).length / n;
  const withText =
    updates.filter(
      (u) =>
        u.text.replace(/\s+/g, ' ').trim().length >= 12 || u.elements.some((el) => el.querySelector(MEDIA)),
    ).length / n;
  const size = Math.min(1, n / 5);
  const score =
    Math.round(0.5 * (size * order * withText * stamped) * 100) / 100 +
    0.4 * (n >= MIN_ENTRIES && order >= 0.8 && withText >= 0.8 && stamped >= 0.6 ? 1 : 0);
  // Times running forward down the page, without evidence: a programme or a schedule as likely as an
  // oldest-first live blog, so the reader decides.
  if (rising) return { confidence: 'low', score: Math.min(0.59, score) };
  return { confidence: score >= 0.6 ? 'medium' : 'low', score: Math.min(0.9, score) };
}
