/**
 * Network access for card lookups, owned by the background: every request goes without cookies or
 * referrer, with an identifying Api-User-Agent, through an IndexedDB cache with a time-to-live. When the
 * network fails, an expired entry is better than nothing: it is served and its age reported.
 */
import { isQuotaError, noteQuota } from '../storage/status';
import type { CacheDB } from '../storage';

export const API_USER_AGENT =
  'Backstory/0.1 (browser extension for live-blog readers; https://github.com/backstory-extension/backstory)';
export const DAY = 24 * 3600 * 1000;

/** Cache bounds: entries older than this are gone (twice the longest time-to-live, so offline still has something). */
export const CACHE_MAX_AGE = 60 * DAY;
export const CACHE_MAX_ENTRIES = 2000;
export const CACHE_MAX_BYTES = 32 * 1024 * 1024;
/** Eviction runs on every this many writes (and after a write refused for lack of space). */
const EVICT_EVERY = 25;
let writes = 0;

/**
 * Drops expired cache entries, then the oldest while over the entry or byte bound. Returns how many went.
 * Sizes are JSON lengths, close to what IndexedDB keeps.
 */
export async function evictCache(
  db: CacheDB,
  now = Date.now(),
  maxEntries = CACHE_MAX_ENTRIES,
  maxBytes = CACHE_MAX_BYTES,
): Promise<number> {
  const tx = db.transaction('cache', 'readwrite');
  let cursor = await tx.store.index('by-at').openCursor(null, 'prev');
  let kept = 0;
  let bytes = 0;
  let dropped = 0;
  while (cursor) {
    const { at, size, value } = cursor.value;
    const entryBytes = size ?? JSON.stringify(value ?? null).length;
    if (now - at > CACHE_MAX_AGE || kept >= maxEntries || bytes + entryBytes > maxBytes) {
      await cursor.delete();
      dropped++;
    } else {
      kept++;
      bytes += entryBytes;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return dropped;
}

export class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export interface NetOptions {
  fetch?: typeof fetch;
  now?: () => number;
  signal?: AbortSignal;
}

export class Net {
  /** The oldest cache entry served because the network failed (for "saved 3 days ago"). */
  staleAt: number | undefined;
  /** Set when a request failed and nothing was cached. */
  failed: 'offline' | 'error' | undefined;
  private doFetch: typeof fetch;
  readonly now: () => number;
  readonly signal?: AbortSignal;

  constructor(
    private db: CacheDB,
    options: NetOptions = {},
  ) {
    this.doFetch = options.fetch ?? ((...args) => fetch(...args));
    this.now = options.now ?? Date.now;
    this.signal = options.signal;
  }

  /**
   * `load` from the cache while fresh, else from the network (then cached, even a `null` "no such
   * page"). Throws when the network fails and nothing is cached, or when aborted.
   */
  async cached<T>(key: string, ttl: number, load: () => Promise<T>): Promise<T> {
    this.signal?.throwIfAborted();
    const now = this.now();
    const hit = await this.db.get('cache', key);
    if (hit && now - hit.at < ttl) {
      if (typeof navigator !== 'undefined' && navigator.onLine === false) this.noteStale(hit.at);
      return hit.value as T;
    }
    try {
      const value = await load();
      await this.store(key, value, now);
      return value;
    } catch (e) {
      if (this.signal?.aborted) throw e;
      if (hit) {
        this.noteStale(hit.at);
        return hit.value as T;
      }
      this.failed =
        typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : (this.failed ?? 'error');
      throw e;
    }
  }

  /** GET JSON; 404 answers `null`. */
  async json<T>(url: string, accept = 'application/json'): Promise<T | null> {
    const res = await this.get(url, accept);
    if (res.status === 404) return null;
    return (await res.json()) as T;
  }

  /** `identify`: the Api-User-Agent header, for the APIs (an image host would need a CORS preflight for it). */
  async get(url: string, accept: string, identify = true): Promise<Response> {
    const res = await this.doFetch(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      signal: this.signal,
      headers: identify ? { 'Api-User-Agent': API_USER_AGENT, Accept: accept } : { Accept: accept },
    });
    if (!res.ok && res.status !== 404) throw new HttpError(res.status);
    return res;
  }

  /**
   * Caches an answer. A write refused for lack of space is reported (status for the popup and options),
   * makes room by eviction, and does not fail the lookup: the answer is good, only not kept.
   */
  private async store(key: string, value: unknown, now: number): Promise<void> {
    const size = JSON.stringify(value ?? null).length;
    try {
      await this.db.put('cache', { key, value, at: now, size });
    } catch (e) {
      if (!isQuotaError(e)) throw e;
      noteQuota('cache', now);
      await evictCache(this.db, now, CACHE_MAX_ENTRIES / 2, CACHE_MAX_BYTES / 2).catch(() => 0);
      return;
    }
    if (++writes % EVICT_EVERY === 0) await evictCache(this.db, now).catch(() => 0);
  }

  private noteStale(at: number): void {
    this.staleAt = this.staleAt === undefined ? at : Math.min(this.staleAt, at);
  }
}
