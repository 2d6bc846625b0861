/**
 * What the page tells the background, and how it survives a stopped service worker: reports of the
 * updates (the first in full, then deltas against the last one acknowledged) and seen-marks, each kept
 * until acknowledged and sent again on a backoff timer that runs only while something is owed.
 */
import { firstLine } from '../../liveblog';
import type { LiveUpdate } from '../../liveblog/types';
import { ask } from '../../messaging/client';
import { REPORTED_MAX } from '../../reading/keys';
import type { PageChange, PageDelta, PageState, UpdateSummary } from '../../reading/types';
import { pageIdOf } from './view';

const FIRST_RETRY_MS = 400;
const LAST_RETRY_MS = 10_000;

/**
 * How long a report or a mark waits for its answer. Chromium refuses a message whose worker stops under it;
 * were one ever left unsettled, nothing after it would go (one report at a time) for the rest of the page's
 * life. Past this it counts as failed and goes again, in full, on the backoff timer (the background takes
 * either twice without harm).
 */
export const ANSWER_WITHIN_MS = 10_000;

function answered<T>(asked: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('No answer from the background in time')), ANSWER_WITHIN_MS);
  });
  return Promise.race([asked, late]).finally(() => clearTimeout(timer));
}

/** A timer that runs only while something is owed, waiting longer after each failure. */
class Backoff {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay = FIRST_RETRY_MS;
  constructor(
    private run: () => void,
    signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => clearTimeout(this.timer));
  }
  failed(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, this.delay);
    this.delay = Math.min(this.delay * 2, LAST_RETRY_MS);
  }
  succeeded(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.delay = FIRST_RETRY_MS;
  }
}

/** Summaries of updates a re-read left as they were (a text edit re-reads only its entry). */
const summaryOf = new WeakMap<LiveUpdate, UpdateSummary>();

/** What the page reports of its updates: the first `REPORTED_MAX` in page order (all the store keeps). */
export function summaries(updates: readonly LiveUpdate[]): UpdateSummary[] {
  return updates.slice(0, REPORTED_MAX).map((u) => {
    let s = summaryOf.get(u);
    if (!s) {
      s = { id: pageIdOf(u), label: u.label, firstLine: firstLine(u.text) };
      if (u.time !== undefined) s.time = u.time;
      summaryOf.set(u, s);
    }
    return s;
  });
}

/**
 * Edits to updates already reported (a corrected first line) go at most this often; additions and
 * removals go at once (a live insertion counts within a second). A page that rewrites a line every
 * 200 ms costs one message every two seconds.
 */
export const CHANGES_EVERY_MS = 2000;

// Kept per summary (summaries are kept per update): a text edit every 200 ms builds one key, not thousands.
const keys = new WeakMap<UpdateSummary, string>();
const keyOf = (u: UpdateSummary) => {
  let key = keys.get(u);
  if (key === undefined) keys.set(u, (key = `${u.label}\u0000${u.time ?? ''}\u0000${u.firstLine}`));
  return key;
};

/**
 * The delta from one list to the next, or null when it cannot be one (the updates kept changed their
 * order): then the page reports in full.
 */
export function diff(
  before: ReadonlyMap<string, string>,
  next: readonly UpdateSummary[],
): Omit<PageDelta, 'url' | 'visit' | 'title' | 'isLiveBlog'> | null {
  const nextIds = new Set(next.map((u) => u.id));
  const removed = [...before.keys()].filter((id) => !nextIds.has(id));
  const added: PageDelta['added'] = [];
  const changed: UpdateSummary[] = [];
  const kept: string[] = [];
  next.forEach((u, at) => {
    const key = before.get(u.id);
    if (key === undefined) added.push({ ...u, at });
    else {
      kept.push(u.id);
      if (key !== keyOf(u)) changed.push(u);
    }
  });
  const order = [...before.keys()].filter((id) => nextIds.has(id));
  if (order.some((id, i) => id !== kept[i])) return null;
  return { added, changed, removed, count: next.length };
}

export interface ReportAnswer {
  /** A whole state (to a full report) or what changed (to a delta). */
  state?: PageState;
  change?: PageChange;
}

/** Reports the page's updates, one report at a time; changes during one are sent right after it. */
export class Reporter {
  /** The list the background acknowledged last: page id → its summary's key, in page order. */
  private acked: Map<string, string> | null = null;
  private reporting: Promise<void> | null = null;
  private again = false;
  private retry: Backoff;
  /** When edits were last sent, and the timer that sends the ones held since. */
  private changedAt = -Infinity;
  private later: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private page: { url: string; visit: string; doc: Document; isLiveBlog: () => boolean },
    private updates: () => readonly LiveUpdate[],
    private onAnswer: (answer: ReportAnswer) => void,
    private signal: AbortSignal,
  ) {
    this.retry = new Backoff(() => void this.send(), signal);
    signal.addEventListener('abort', () => clearTimeout(this.later));
  }

  /** Report what changed since the last acknowledged report (nothing, if nothing did). */
  send(): Promise<void> {
    if (this.reporting) {
      this.again = true;
      return this.reporting;
    }
    this.reporting = this.report()
      .then(() => this.retry.succeeded())
      .catch(() => {
        // The background was stopped or restarting: the next report is a full one, on the backoff timer.
        this.acked = null;
        this.retry.failed();
      })
      .finally(() => {
        this.reporting = null;
        if (this.again) {
          this.again = false;
          void this.send();
        }
      });
    return this.reporting;
  }

  /**
   * Text changed inside entries, nothing added or removed: reported with the next edits report, when
   * edits may go again (one diff of the list per report, not one per edit).
   */
  edited(): void {
    if (this.reporting) {
      this.again = true;
      return;
    }
    if (this.later !== undefined) return;
    const wait = Math.max(0, this.changedAt + CHANGES_EVERY_MS - performance.now());
    this.later = setTimeout(() => {
      this.later = undefined;
      void this.send();
    }, wait);
  }

  /** Forget what was acknowledged (the reader cleared their data, the page came back from the cache). */
  forget(): void {
    this.acked = null;
  }

  private async report(): Promise<void> {
    if (this.signal.aborted) return;
    const list = summaries(this.updates());
    const { url, visit, doc } = this.page;
    const head = { url, visit, title: doc.title, isLiveBlog: this.page.isLiveBlog() };
    const delta = this.acked && diff(this.acked, list);
    if (delta && !delta.added.length && !delta.changed.length && !delta.removed.length) return;
    if (delta?.changed.length) {
      const wait = this.changedAt + CHANGES_EVERY_MS - performance.now();
      if (wait > 0 && !delta.added.length && !delta.removed.length) {
        this.later ??= setTimeout(() => {
          this.later = undefined;
          void this.send();
        }, wait);
        return;
      }
      this.changedAt = performance.now();
    }
    if (delta) {
      const answer = await answered(ask('page:update', { ...head, ...delta }));
      if (this.signal.aborted) return;
      if (!('resync' in answer)) {
        this.acked = new Map(list.map((u) => [u.id, keyOf(u)]));
        this.onAnswer({ change: answer });
        return;
      }
    }
    const state = await answered(ask('page:report', { ...head, updates: list }));
    if (this.signal.aborted) return;
    this.acked = new Map(list.map((u) => [u.id, keyOf(u)]));
    this.onAnswer({ state });
  }
}

/** Seen-marks, kept until the background acknowledges them. */
export class MarkQueue {
  readonly pending = new Set<string>();
  private flushing = false;
  private retry: Backoff;

  constructor(
    private url: string,
    private onChange: (change: PageChange) => void,
    signal: AbortSignal,
  ) {
    this.retry = new Backoff(() => void this.flush(), signal);
  }

  add(ids: readonly string[]): void {
    for (const id of ids) this.pending.add(id);
    void this.flush();
  }

  async flush(): Promise<void> {
    if (this.flushing || !this.pending.size) return;
    this.flushing = true;
    const ids = [...this.pending];
    try {
      const change = await answered(ask('updates:seen', { url: this.url, ids }));
      for (const id of ids) this.pending.delete(id);
      this.retry.succeeded();
      if (change) this.onChange(change);
    } catch {
      this.retry.failed();
    } finally {
      this.flushing = false;
    }
    // Marks that came while this one was on its way.
    if (this.pending.size && !ids.some((id) => this.pending.has(id))) void this.flush();
  }

  /** The page is going away: what is still owed goes now, unanswered. */
  last(): void {
    if (this.pending.size)
      void ask('updates:seen', { url: this.url, ids: [...this.pending] }).catch(() => undefined);
  }
}
