/**
 * Network access for card lookups, owned by the background: every request goes without cookies or
 * referrer, with an identifying Api-User-Agent, through an IndexedDB cache with a time-to-live. When the
 * network fails, an expired entry is better than nothing: it is served and its age reported.
 */
import type { DB } from '../reading/store';

export const API_USER_AGENT = 'Backstory/0.1 (browser extension for live-blog readers; https://github.com/backstory-extension/backstory)';
export const DAY = 24 * 3600 * 1000;

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
    private db: DB,
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
      await this.db.put('cache', { key, value, at: now });
      return value;
    } catch (e) {
      if (this.signal?.aborted) throw e;
      if (hit) {
        this.noteStale(hit.at);
        return hit.value as T;
      }
      this.failed = typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : (this.failed ?? 'error');
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

  private noteStale(at: number): void {
    this.staleAt = this.staleAt === undefined ? at : Math.min(this.staleAt, at);
  }
}
