/**
 * Wikipedia, asked by the background only when a card opens and only for titles derived from the opened
 * name: REST `page/summary`, the action API's search on the same configurable base (for disambiguation
 * and misses), and the thumbnail, fetched here and handed to the card as a data: URL so the page never
 * requests it (no referrer, no cookies, nothing for Wikimedia to tie to the page).
 */
import { DAY, type Net } from './net';
import { articleUrl, imageUrl, isTestBuild } from './remote';
import type { WikiSummary } from './types';

export const SUMMARY_TTL_MS = 7 * DAY;
const IMAGE_TTL_MS = 30 * DAY;
const MAX_IMAGE_BYTES = 256 * 1024;

/** Title as Wikipedia URLs write it: spaces to underscores, first letter capitalised, percent-encoded. */
export function titlePath(title: string): string {
  const t = title.trim().replace(/ /g, '_');
  return encodeURIComponent(t.charAt(0).toUpperCase() + t.slice(1));
}

/** The action API beside a REST base: https://en.wikipedia.org/api/rest_v1 → https://en.wikipedia.org/w/api.php. */
export function actionApi(restEndpoint: string): string {
  return restEndpoint.replace(/\/+$/, '').replace(/\/api\/rest_v1$/, '') + '/w/api.php';
}

/** The article's own page on the configured wiki (when the answer names none we may use). */
export function fallbackArticleUrl(endpoint: string, title: string): string {
  try {
    return `${new URL(endpoint).origin}/wiki/${titlePath(title)}`;
  } catch {
    return '';
  }
}

const dimension = (v: unknown): number =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.min(v, 4096) : 0;

/**
 * A summary answer as the card may use it. Its link only if https on the configured wiki (else the
 * article's address there), its thumbnail only if on Wikimedia's upload host: remote data, not trusted.
 */
export function parseSummary(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- remote JSON, read field by field (temporary)
  json: Record<string, any> | null,
  endpoint: string,
  test = isTestBuild(),
): WikiSummary | null {
  if (!json || typeof json.title !== 'string' || json.type === 'no-extract') return null;
  const title = typeof json.titles?.normalized === 'string' ? json.titles.normalized : json.title;
  const thumb = imageUrl(json.thumbnail?.source, endpoint, test);
  return {
    title,
    description: typeof json.description === 'string' ? json.description : undefined,
    extract: String(json.extract ?? ''),
    thumbnail: thumb
      ? { source: thumb, width: dimension(json.thumbnail.width), height: dimension(json.thumbnail.height) }
      : undefined,
    url: articleUrl(json.content_urls?.desktop?.page, endpoint, test) ?? fallbackArticleUrl(endpoint, title),
    lang: json.lang ?? 'en',
    dir: json.dir === 'rtl' ? 'rtl' : 'ltr',
    wikibaseItem: json.wikibase_item,
    coordinates: json.coordinates ? { lat: json.coordinates.lat, lon: json.coordinates.lon } : undefined,
    type: json.type ?? 'standard',
  };
}

export function getSummary(net: Net, endpoint: string, title: string): Promise<WikiSummary | null> {
  const base = endpoint.replace(/\/+$/, '');
  return net.cached(`summary|${base}|${title}`, SUMMARY_TTL_MS, async () =>
    parseSummary(
      await net.json(
        `${base}/page/summary/${titlePath(title)}?redirect=true`,
        'application/json; charset=utf-8; profile="https://www.mediawiki.org/wiki/Specs/Summary/1.4.0"',
      ),
      base,
    ),
  );
}

export interface SearchHit {
  title: string;
  description?: string;
  coordinates?: { lat: number; lon: number };
  disambiguation: boolean;
  /** Wikipedia's own rank, 1 = best. */
  index: number;
}

/** Articles matching a name: `generator=search` with descriptions, coordinates and the disambiguation flag. */
export function searchArticles(net: Net, endpoint: string, name: string): Promise<SearchHit[]> {
  const api = actionApi(endpoint);
  const params = new URLSearchParams({
    action: 'query',
    format: 'json',
    formatversion: '2',
    origin: '*',
    generator: 'search',
    gsrsearch: name,
    gsrnamespace: '0',
    gsrlimit: '8',
    prop: 'description|coordinates|pageprops',
    ppprop: 'disambiguation',
    redirects: '1',
  });
  return net.cached(`search|${api}|${name}`, SUMMARY_TTL_MS, async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- remote JSON, read field by field (temporary)
    const json = await net.json<{ query?: { pages?: Array<Record<string, any>> } }>(`${api}?${params}`);
    return (json?.query?.pages ?? [])
      .filter((p) => typeof p.title === 'string' && !p.missing)
      .map((p) => ({
        title: p.title,
        description: p.description,
        coordinates: p.coordinates?.[0]
          ? { lat: p.coordinates[0].lat, lon: p.coordinates[0].lon }
          : undefined,
        disambiguation: !!p.pageprops && 'disambiguation' in p.pageprops,
        index: p.index ?? 99,
      }))
      .sort((a, b) => a.index - b.index);
  });
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The thumbnail as a data: URL (or nothing: too big, not an image, or unreachable). */
export async function thumbnailData(net: Net, url: string): Promise<string | undefined> {
  try {
    return (
      (await net.cached(`image|${url}`, IMAGE_TTL_MS, async () => {
        const res = await net.get(url, 'image/*', false);
        const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
        if (res.status === 404 || !/^image\/(jpeg|png|gif|webp|svg\+xml)$/.test(type)) return null;
        const bytes = new Uint8Array(await res.arrayBuffer());
        return bytes.length > MAX_IMAGE_BYTES ? null : `data:${type};base64,${base64(bytes)}`;
      })) ?? undefined
    );
  } catch {
    if (net.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    return undefined;
  }
}
