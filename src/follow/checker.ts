/**
 * The background checks of followed blogs. One alarm wakes the background at the earliest due check;
 * each round checks the due blogs (one request per site at a time), stores what it found and sets the
 * alarm again. Everything lives in IndexedDB, so a service worker stopped between (or during) rounds
 * loses nothing: an unfinished check is simply due again. Browser APIs come in as dependencies, so the
 * whole round is unit-tested with a fake fetch.
 */
import { applyDiff, diffEntries, fromSummary } from './diff';
import { afterCheck, conditionalHeaders, dueChecks, nextWake, siteOf, type CheckOutcome } from './schedule';
import { getFollow, listFollows, listWatches, putFollow, type FollowDB } from './store';
import type { CantCheck, FollowRecord, FollowView, FoundUpdate, ParseResult } from './types';
import type { ParseRequest } from './parse';
import { noteCheck, type CheckTiming } from './timing';

/** Pages larger than this are not read (no live blog's HTML comes near). */
export const MAX_HTML_BYTES = 8 * 1024 * 1024;
export const FETCH_TIMEOUT_MS = 30_000;

export interface CheckerDeps {
  db(): Promise<FollowDB>;
  /** Ids (and their aliases) of the updates the reader's own last visit showed: not news to them. */
  shownIds(url: string): Promise<Set<string>>;
  /** Whether the reader enabled the site (it has the host permission). */
  allowed(url: string): Promise<boolean>;
  parse(req: ParseRequest): Promise<ParseResult>;
  fetch: typeof fetch;
  /** The period between checks, in ms (the reader's setting). */
  period(): Promise<number>;
  /** Sets the one alarm to fire at `when` (epoch ms), or clears it (null). */
  wakeAt(when: number | null): Promise<void>;
  /** A check found new updates (for notifications), and the followed list changed (popup, badge). */
  onFound?(rec: FollowRecord, added: FoundUpdate[]): Promise<void> | void;
  onChange?(): Promise<void> | void;
  now?(): number;
}

export interface FetchOutcome {
  outcome: 'not-modified' | 'ok' | 'failed';
  html?: string;
  finalUrl?: string;
  etag?: string;
  lastModified?: string;
  problem?: Omit<CantCheck, 'at'>;
}

/** One conditional GET of the followed URL, nothing else: no cookies unless the reader allowed them. */
export async function fetchPage(doFetch: typeof fetch, rec: FollowRecord): Promise<FetchOutcome> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), FETCH_TIMEOUT_MS);
  try {
    const res = await doFetch(rec.url, {
      method: 'GET',
      credentials: rec.cookies ? 'include' : 'omit',
      // The browser's cache would answer for the site: the validators are ours, sent by hand.
      cache: 'no-store',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      headers: {
        Accept: 'text/html,application/xhtml+xml',
        ...(rec.baselined ? conditionalHeaders(rec) : {}),
      },
      signal: ctrl.signal,
    });
    if (res.status === 304)
      return {
        outcome: 'not-modified',
        etag: res.headers.get('ETag') ?? undefined,
        lastModified: res.headers.get('Last-Modified') ?? undefined,
      };
    if (res.status === 401 || res.status === 403)
      return { outcome: 'failed', problem: { reason: 'login-wall', detail: `HTTP ${res.status}` } };
    if (!res.ok)
      return { outcome: 'failed', problem: { reason: 'http-error', detail: `HTTP ${res.status}` } };
    const length = Number(res.headers.get('Content-Length') ?? 0);
    if (length > MAX_HTML_BYTES) return { outcome: 'failed', problem: { reason: 'too-large' } };
    const html = await res.text();
    if (html.length > MAX_HTML_BYTES) return { outcome: 'failed', problem: { reason: 'too-large' } };
    return {
      outcome: 'ok',
      html,
      finalUrl: res.url || rec.url,
      etag: res.headers.get('ETag') ?? undefined,
      lastModified: res.headers.get('Last-Modified') ?? undefined,
    };
  } catch (e) {
    const detail = ctrl.signal.aborted
      ? 'timed out'
      : e instanceof Error
        ? e.message.slice(0, 200)
        : String(e);
    return { outcome: 'failed', problem: { reason: 'network-error', detail } };
  } finally {
    clearTimeout(timer);
  }
}

/** A followed blog for the popup and the options page: only what the reader has not been shown. */
export function viewOf(rec: FollowRecord, shown: ReadonlySet<string>): FollowView {
  const found = rec.found.filter((f) => !shown.has(f.id));
  const ids = new Set(found.map((f) => f.id));
  const newestTime = rec.entries.reduce<string | undefined>(
    (m, e) => (e.time && (!m || e.time > m) ? e.time : m),
    undefined,
  );
  const newestFound = found.length
    ? new Date(Math.max(...found.map((f) => f.foundAt))).toISOString()
    : undefined;
  return {
    url: rec.url,
    title: rec.title,
    notify: rec.notify,
    cookies: rec.cookies,
    found,
    hits: rec.hits.filter((h) => ids.has(h.updateId)),
    newest: [newestTime, newestFound].filter(Boolean).sort().at(-1),
    lastCheck: rec.lastCheck,
    nextCheck: rec.nextCheck,
    problem: rec.problem,
  };
}

/** Newest update first; blogs with nothing dated last. */
export const byNewest = (a: FollowView, b: FollowView): number =>
  (b.newest ?? '').localeCompare(a.newest ?? '');

export class FollowChecker {
  /** Sites with a request in flight (in this worker: a stopped worker has none). */
  private busy = new Set<string>();
  private round: Promise<void> | null = null;

  constructor(private deps: CheckerDeps) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** One round: every due blog, one per site, in parallel across sites; then the alarm again. */
  tick(): Promise<void> {
    // Rounds do not overlap: an alarm during a round finds it running and waits for it.
    this.round ??= this.runRound().finally(() => (this.round = null));
    return this.round;
  }

  private async runRound(): Promise<void> {
    const db = await this.deps.db();
    // The alarm that started this round is used up: a worker stopped mid-round must still be woken for
    // the next one. The round's end sets the real time.
    await this.deps.wakeAt(this.now() + (await this.deps.period()));
    let changed = false;
    // Several blogs of one site: each round takes one of them; repeat while some are still due.
    for (let pass = 0; pass < 50; pass++) {
      const due = dueChecks(await listFollows(db), this.now(), this.busy);
      if (!due.length) break;
      const results = await Promise.all(due.map((rec) => this.checkOne(rec.url)));
      changed ||= results.some(Boolean);
    }
    await this.reschedule();
    if (changed) await this.deps.onChange?.();
  }

  /** Sets the alarm at the earliest due check. */
  async reschedule(): Promise<void> {
    const db = await this.deps.db();
    await this.deps.wakeAt(nextWake(await listFollows(db), this.now()));
  }

  /** Checks one blog now; true when what the reader sees of it changed. */
  async checkOne(url: string): Promise<boolean> {
    const db = await this.deps.db();
    const rec = await getFollow(db, url);
    if (!rec) return false;
    const site = siteOf(rec.url);
    if (this.busy.has(site)) return false;
    this.busy.add(site);
    try {
      return await this.check(db, rec);
    } finally {
      this.busy.delete(site);
    }
  }

  private async check(db: FollowDB, rec: FollowRecord): Promise<boolean> {
    const period = await this.deps.period();
    const start = this.now();
    const t0 = performance.now();
    const timing: CheckTiming = { url: rec.url, outcome: 'failed', added: 0, fetchMs: 0, parseMs: 0 };
    const done = (outcome: CheckTiming['outcome'], added = 0) => noteCheck(t0, { ...timing, outcome, added });
    const fail = async (problem: Omit<CantCheck, 'at'>) => {
      const next = afterCheck(rec, { kind: 'failed', problem: { ...problem, at: start } }, start, period);
      await this.save(db, rec, next);
      done('failed');
      return rec.problem?.reason !== problem.reason || rec.problem?.detail !== problem.detail;
    };
    if (!(await this.deps.allowed(rec.url))) return fail({ reason: 'not-enabled' });
    const f0 = performance.now();
    const got = await fetchPage(this.deps.fetch, rec);
    timing.fetchMs = performance.now() - f0;
    if (got.outcome === 'failed') return fail(got.problem!);
    if (got.outcome === 'not-modified') {
      await this.save(
        db,
        rec,
        afterCheck(
          rec,
          { kind: 'unchanged', etag: got.etag, lastModified: got.lastModified },
          this.now(),
          period,
        ),
      );
      done('unchanged');
      return !!rec.problem;
    }
    const watches = await listWatches(db);
    const p0 = performance.now();
    const parsed = await this.deps.parse({
      html: got.html!,
      url: rec.url,
      finalUrl: got.finalUrl!,
      known: rec.baselined ? rec.entries.map((e) => e.id) : [],
      watches: watches.map(({ key, aliases }) => ({ key, aliases })),
      now: start,
    });
    timing.parseMs = performance.now() - p0;
    if (!parsed.ok) return fail({ reason: parsed.reason, detail: parsed.detail });
    const now = this.now();
    const shown = await this.deps.shownIds(rec.url);
    let found = rec.found;
    let added: FoundUpdate[] = [];
    if (rec.baselined) {
      const diff = diffEntries(rec.entries, parsed.entries);
      found = applyDiff(rec.found, diff, parsed.entries, now).filter((f) => !shown.has(f.id));
      const before = new Set(rec.found.map((f) => f.id));
      added = found.filter((f) => !before.has(f.id));
    }
    const ids = new Set(found.map((f) => f.id));
    const hits = [...rec.hits, ...parsed.hits.filter((h) => ids.has(h.updateId))].filter(
      (h, i, all) =>
        ids.has(h.updateId) && all.findIndex((x) => x.watch === h.watch && x.updateId === h.updateId) === i,
    );
    const outcome: CheckOutcome = {
      kind: 'changed',
      added: added.length,
      etag: got.etag,
      lastModified: got.lastModified,
    };
    const next = afterCheck(
      { ...rec, title: rec.title || parsed.title, entries: parsed.entries, baselined: true, found, hits },
      outcome,
      now,
      period,
    );
    await this.save(db, rec, next);
    done('changed', added.length);
    if (added.length) await this.deps.onFound?.(next, added);
    return added.length > 0 || found.length !== rec.found.length || !!rec.problem;
  }

  /** Writes the check's result unless the reader unfollowed meanwhile, keeping choices they made meanwhile. */
  private async save(db: FollowDB, before: FollowRecord, next: FollowRecord): Promise<void> {
    const now = await getFollow(db, before.url);
    if (!now) return;
    await putFollow(db, { ...next, notify: now.notify, cookies: now.cookies });
  }
}

/** The baseline of a new follow: what the reader's visit showed (the reading store's updates). */
export const baselineOf = (
  updates: ReadonlyArray<{ id: string; label: string; time?: string; firstLine: string }>,
) => updates.map(fromSummary);
