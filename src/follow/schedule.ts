/**
 * When each followed blog is checked next: pure, so the back-off and the one-request-per-site rule are
 * unit-tested without a browser. The background keeps one alarm at the earliest `nextCheck`.
 */
import type { CantCheck, FollowRecord } from './types';

export const MINUTE = 60_000;
/** The default period, and the bounds of the reader's setting. */
export const DEFAULT_PERIOD_MINUTES = 5;
export const MIN_PERIOD_MINUTES = 1;
export const MAX_PERIOD_MINUTES = 24 * 60;
/** No blog waits longer than this between checks, however quiet or broken. */
export const MAX_DELAY = 6 * 60 * MINUTE;
/** Checks in a row that found nothing before the schedule slows down (half an hour at 5 minutes). */
export const QUIET_CHECKS = 6;
/** A blog whose newest update is older than this has stopped updating: checked at the slowest quiet pace. */
export const STALE_AFTER = 24 * 60 * MINUTE;
/** The most a quiet blog is slowed down, as a multiple of the period. */
export const QUIET_MAX_FACTOR = 12;
/** A blog that cannot be checked for a reason only the reader can change (no access) waits this long. */
export const BLOCKED_DELAY = 60 * MINUTE;

/** The period in ms for the reader's setting in minutes (clamped: a bad setting never floods a site). */
export function periodMs(minutes: number | undefined, min = MIN_PERIOD_MINUTES): number {
  const m = Number.isFinite(minutes) && minutes! > 0 ? minutes! : DEFAULT_PERIOD_MINUTES;
  return Math.round(Math.min(MAX_PERIOD_MINUTES, Math.max(min, m)) * MINUTE);
}

/**
 * The wait before the next check. Failures back off exponentially (2, 4, 8 … periods); a blog that keeps
 * answering with nothing new slows down by doubling every `QUIET_CHECKS` checks, up to `QUIET_MAX_FACTOR`;
 * one whose newest update is over a day old goes straight to that pace. Never more than `MAX_DELAY`.
 */
export function nextDelay(
  period: number,
  rec: Pick<FollowRecord, 'failures' | 'quiet' | 'lastChange' | 'problem'>,
  now: number,
): number {
  if (rec.problem?.reason === 'not-enabled') return Math.min(MAX_DELAY, Math.max(period, BLOCKED_DELAY));
  if (rec.failures > 0) return Math.min(MAX_DELAY, period * 2 ** Math.min(rec.failures, 16));
  let factor = Math.min(QUIET_MAX_FACTOR, 2 ** Math.floor(rec.quiet / QUIET_CHECKS));
  if (rec.lastChange !== undefined && now - rec.lastChange > STALE_AFTER) factor = QUIET_MAX_FACTOR;
  return Math.min(MAX_DELAY, period * factor);
}

/** The site a check goes to: at most one request per site at a time. */
export function siteOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * The blogs to check now: due ones (`nextCheck` passed), at most one per site, skipping sites with a
 * request in flight; the most overdue first. The rest of a site's blogs wait for its next round.
 */
export function dueChecks<T extends Pick<FollowRecord, 'url' | 'nextCheck'>>(
  records: readonly T[],
  now: number,
  busySites: ReadonlySet<string> = new Set(),
): T[] {
  const picked = new Map<string, T>();
  for (const r of [...records].sort((a, b) => a.nextCheck - b.nextCheck)) {
    if (r.nextCheck > now) break;
    const site = siteOf(r.url);
    if (busySites.has(site) || picked.has(site)) continue;
    picked.set(site, r);
  }
  return [...picked.values()];
}

/** When the alarm should next fire: the earliest `nextCheck`, never in the past. */
export function nextWake(records: readonly Pick<FollowRecord, 'nextCheck'>[], now: number): number | null {
  if (!records.length) return null;
  return Math.max(now, Math.min(...records.map((r) => r.nextCheck)));
}

/** The conditional-request headers a check sends: the validators of the last 200. */
export function conditionalHeaders(rec: Pick<FollowRecord, 'etag' | 'lastModified'>): Record<string, string> {
  const h: Record<string, string> = {};
  if (rec.etag) h['If-None-Match'] = rec.etag;
  if (rec.lastModified) h['If-Modified-Since'] = rec.lastModified;
  return h;
}

/** What a check came to, for the schedule. */
export type CheckOutcome =
  | { kind: 'unchanged'; etag?: string; lastModified?: string }
  | { kind: 'changed'; etag?: string; lastModified?: string; added: number }
  | { kind: 'failed'; problem: CantCheck };

/** The record's schedule after a check (entries and found updates are the diff's business). */
export function afterCheck<T extends FollowRecord>(
  rec: T,
  outcome: CheckOutcome,
  now: number,
  period: number,
): T {
  let next: T;
  if (outcome.kind === 'failed') {
    // No access is the reader's to change, not a failure of the site: it waits without piling up back-off.
    const failures = outcome.problem.reason === 'not-enabled' ? rec.failures : rec.failures + 1;
    next = { ...rec, failures, problem: outcome.problem };
  } else {
    const found = outcome.kind === 'changed' && outcome.added > 0;
    next = {
      ...rec,
      failures: 0,
      problem: undefined,
      lastCheck: now,
      // A 304 may omit the validators (keep ours); a 200 replaces them, absent ones included.
      etag: outcome.kind === 'unchanged' ? (outcome.etag ?? rec.etag) : outcome.etag,
      lastModified:
        outcome.kind === 'unchanged' ? (outcome.lastModified ?? rec.lastModified) : outcome.lastModified,
      quiet: found ? 0 : rec.quiet + 1,
      lastChange: found ? now : rec.lastChange,
    };
  }
  return { ...next, nextCheck: now + nextDelay(period, next, now) };
}
