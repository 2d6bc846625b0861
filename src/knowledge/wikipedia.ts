/**
 * Wikipedia REST `page/summary`, fetched by the background only when a card opens: only the title is
 * sent, without cookies, with an identifying Api-User-Agent; answers are cached in IndexedDB with a
 * time-to-live and served from the cache when offline.
 */
import type { DB } from '../reading/store';
import type { Knowledge, KnowledgeRequest, WikiSummary } from './types';

export const API_USER_AGENT = 'Backstory/0.1 (browser extension for live-blog readers; https://github.com/backstory-extension/backstory)';
export const SUMMARY_TTL_MS = 7 * 24 * 3600 * 1000;

export interface WikiOptions {
  endpoint: string;
  enabled: boolean;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Title as Wikipedia URLs write it: spaces to underscores, then percent-encoded. */
export function titlePath(title: string): string {
  return encodeURIComponent(title.trim().replace(/ /g, '_'));
}

export function parseSummary(json: Record<string, any>): WikiSummary | null {
  if (!json || typeof json.title !== 'string' || json.type === 'no-extract') return null;
  return {
    title: json.titles?.normalized ?? json.title,
    description: typeof json.description === 'string' ? json.description : undefined,
    extract: String(json.extract ?? ''),
    thumbnail: json.thumbnail?.source ? { source: json.thumbnail.source, width: json.thumbnail.width, height: json.thumbnail.height } : undefined,
    url: json.content_urls?.desktop?.page ?? '',
    lang: json.lang ?? 'en',
    dir: json.dir === 'rtl' ? 'rtl' : 'ltr',
    wikibaseItem: json.wikibase_item,
    coordinates: json.coordinates ? { lat: json.coordinates.lat, lon: json.coordinates.lon } : undefined,
    type: json.type ?? 'standard',
  };
}

export async function fetchSummary(db: DB, title: string, options: WikiOptions): Promise<Knowledge> {
  const now = options.now?.() ?? Date.now();
  const key = `summary|${options.endpoint}|${title}`;
  const cached = await db.get('cache', key);
  if (cached && now - cached.at < SUMMARY_TTL_MS) {
    const summary = cached.value as WikiSummary | null;
    return summary ? { status: 'ok', summary, cachedAt: cached.at } : { status: 'not-found', cachedAt: cached.at };
  }
  if (!options.enabled) return { status: 'off' };
  const doFetch = options.fetch ?? fetch;
  try {
    const res = await doFetch(`${options.endpoint.replace(/\/$/, '')}/page/summary/${titlePath(title)}?redirect=true`, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      headers: { 'Api-User-Agent': API_USER_AGENT, Accept: 'application/json; charset=utf-8; profile="https://www.mediawiki.org/wiki/Specs/Summary/1.4.0"' },
    });
    if (res.status === 404) {
      await db.put('cache', { key, value: null, at: now });
      return { status: 'not-found' };
    }
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const summary = parseSummary(await res.json());
    await db.put('cache', { key, value: summary, at: now });
    return summary ? { status: 'ok', summary } : { status: 'not-found' };
  } catch {
    // Offline or failing: an expired cache entry is better than nothing.
    if (cached?.value) return { status: 'ok', summary: cached.value as WikiSummary, cachedAt: cached.at };
    return { status: typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'error' };
  }
}

/** Picks the title to look up for a name. Issue 5 refines this with the page's context. */
export function titleFor(req: KnowledgeRequest): string {
  return req.wikiTitle ?? req.name;
}
