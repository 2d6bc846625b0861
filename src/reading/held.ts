/**
 * Marks the store could not write for lack of space: kept in memory and written again when space may
 * have returned (after the cache is cleared, after another write succeeds, or on a backoff timer that
 * starts at 30 s and doubles to 10 min), never retried every few hundred milliseconds. The sender gets
 * its answer at once, with the held marks shown, so content scripts stop resending them.
 */
import { markUpdates } from './store';
import { type DB } from '../storage';
import { clearQuota, isQuotaError, noteQuota, storeStatus } from '../storage/status';
import type { PageState, UpdateState } from './types';

interface Held {
  url: string;
  ids: string[];
  state: UpdateState;
  manual: boolean;
  at: number;
}

const FIRST_RETRY_MS = 30_000;
const LAST_RETRY_MS = 600_000;

export class HeldMarks {
  private held: Held[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay = FIRST_RETRY_MS;

  constructor(private db: () => Promise<DB>) {}

  get size(): number {
    return this.held.reduce((n, h) => n + h.ids.length, 0);
  }

  /** Marks updates; on a quota error holds the marks and answers `fallback` with them applied. */
  async mark(
    url: string,
    ids: string[],
    state: UpdateState,
    manual: boolean,
    fallback: () => Promise<PageState | null>,
    now = Date.now(),
  ): Promise<PageState | null> {
    try {
      const next = await markUpdates(await this.db(), url, ids, state, manual, now);
      void this.retry();
      return next;
    } catch (e) {
      if (!isQuotaError(e)) throw e;
      noteQuota('reading', now);
      this.held.push({ url, ids, state, manual, at: now });
      storeStatus.heldMarks = this.size;
      this.schedule();
      const page = await fallback().catch(() => null);
      return page && this.overlay(page);
    }
  }

  /** A state with the held marks shown (a held manual mark wins, an automatic one only turns new to seen). */
  overlay(page: PageState): PageState {
    const mine = this.held.filter((h) => h.url === page.url);
    if (!mine.length) return page;
    const updates = page.updates.map((u) => {
      let next = u;
      for (const h of mine) {
        if (!h.ids.includes(u.id)) continue;
        if (h.manual || (!next.manual && h.state === 'seen'))
          next = { ...next, state: h.state, manual: h.manual || next.manual };
      }
      return next;
    });
    return { ...page, updates, unseen: updates.filter((u) => u.state === 'new').length };
  }

  /** Writes the held marks, oldest first; stops at the first that still does not fit. */
  async retry(): Promise<void> {
    while (this.held.length) {
      const h = this.held[0];
      try {
        await markUpdates(await this.db(), h.url, h.ids, h.state, h.manual, h.at);
      } catch (e) {
        if (isQuotaError(e)) return this.schedule();
        // Anything else will not get better by retrying: drop it.
      }
      this.held.shift();
      storeStatus.heldMarks = this.size;
    }
    if (storeStatus.quota?.what === 'reading') clearQuota();
    this.delay = FIRST_RETRY_MS;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.delay = Math.min(this.delay * 2, LAST_RETRY_MS);
      void this.retry();
    }, this.delay);
  }
}
