/**
 * Marks the store could not write for lack of space: kept, and written again when space may have
 * returned (after the cache is cleared, after another write succeeds, or on a backoff timer that starts
 * at 30 s and doubles to 10 min), never retried every few hundred milliseconds. The sender gets its
 * answer at once, with the held marks shown, so content scripts stop resending them. They are kept in
 * storage.session too (memory the browser keeps for the session, not the disk that is full): an MV3
 * worker stopped before space returns picks them up again when it starts (`restore`).
 */
import { browser } from 'wxt/browser';
import { markUpdates } from './store';
import { type DB } from '../storage';
import { clearQuota, isQuotaError, noteQuota, storeStatus } from '../storage/status';
import type { PageChange, PageState, UpdateState } from './types';

export interface Held {
  url: string;
  ids: string[];
  state: UpdateState;
  manual: boolean;
  at: number;
}

/** Where held marks outlive the worker. */
export interface HeldStore {
  load(): Promise<Held[]>;
  save(held: Held[]): Promise<void>;
}

const KEY = 'heldMarks';

const isHeld = (h: unknown): h is Held => {
  const x = h as Held;
  return (
    !!x &&
    typeof x.url === 'string' &&
    Array.isArray(x.ids) &&
    x.ids.every((id) => typeof id === 'string') &&
    (x.state === 'seen' || x.state === 'new') &&
    typeof x.manual === 'boolean' &&
    typeof x.at === 'number'
  );
};

/** storage.session: kept while the browser runs, whatever happens to the worker; never written to disk. */
export const sessionHeldStore: HeldStore = {
  async load() {
    const value = (await browser.storage.session.get(KEY))[KEY];
    return Array.isArray(value) ? value.filter(isHeld) : [];
  },
  async save(held) {
    if (held.length) await browser.storage.session.set({ [KEY]: held });
    else await browser.storage.session.remove(KEY);
  },
};

const FIRST_RETRY_MS = 30_000;
const LAST_RETRY_MS = 600_000;

export class HeldMarks {
  private held: Held[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay = FIRST_RETRY_MS;
  private restored: Promise<void> | null = null;

  constructor(
    private db: () => Promise<DB>,
    private store: HeldStore = sessionHeldStore,
  ) {}

  get size(): number {
    return this.held.reduce((n, h) => n + h.ids.length, 0);
  }

  /**
   * Takes back the marks an earlier worker held (it was stopped before space returned) and tries them
   * again. Called as the worker starts; safe to call more than once.
   */
  restore(): Promise<void> {
    this.restored ??= this.store
      .load()
      .catch(() => [])
      .then(async (earlier) => {
        if (!earlier.length) return;
        this.held = [...earlier, ...this.held];
        storeStatus.heldMarks = this.size;
        await this.retry();
      });
    return this.restored;
  }

  private save(): Promise<void> {
    storeStatus.heldMarks = this.size;
    return this.store.save(this.held).catch(() => undefined);
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
      await this.save();
      this.schedule();
      const page = await fallback().catch(() => null);
      return page && this.overlay(page);
    }
  }

  /** A state with the held marks shown (a held manual mark wins, an automatic one only turns new to seen). */
  overlay<T extends PageChange>(page: T): T {
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
    // The count moves by what the held marks turned (a change lists only some updates).
    let unseen = page.unseen;
    updates.forEach(
      (u, i) => (unseen += Number(u.state === 'new') - Number(page.updates[i].state === 'new')),
    );
    return { ...page, updates, unseen };
  }

  /** Writes the held marks, oldest first; stops at the first that still does not fit. */
  async retry(): Promise<void> {
    if (!this.held.length) return;
    while (this.held.length) {
      const h = this.held[0];
      try {
        await markUpdates(await this.db(), h.url, h.ids, h.state, h.manual, h.at);
      } catch (e) {
        if (isQuotaError(e)) return this.schedule();
        // Anything else will not get better by retrying: drop it.
      }
      this.held.shift();
      await this.save();
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
