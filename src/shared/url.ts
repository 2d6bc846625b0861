import { hash53 } from '../liveblog/hash';

/** Query parameters that identify a click, not a page. */
const TRACKING =
  /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ref|ref_src|cmpid|CMP|ito|ocid|smid|smtyp|s_cid|at_medium|at_campaign|at_custom\d|ns_mchannel|ns_source|ns_campaign|ns_linkname|ns_fee|mbid|sr_share|guccounter|taid|__twitter_impression)$/i;

/** The longest key: IndexedDB stores it with the page and with every one of its updates. */
export const URL_KEY_MAX = 8192;
/** A cut key ends in this fragment and a hash of the whole address (a canonical URL has no fragment). */
const CUT = '#backstory-cut-';
const CUT_KEY = /#backstory-cut-[0-9a-z]+$/;

/**
 * The key reading state is stored under: same page, same key, whatever fragment or tracking parameters
 * the link carried. Keeps the port (two local servers are two sites) and the remaining query, sorted.
 * An address still longer than `URL_KEY_MAX` (a query that carries state) is cut, with a hash of the
 * whole, so it is still recorded and two such pages keep two keys; a cut key is its own canonical URL.
 */
export function canonicalUrl(input: string): string {
  if (input.length <= URL_KEY_MAX && CUT_KEY.test(input)) return input;
  const key = canonical(input);
  if (key.length <= URL_KEY_MAX) return key;
  const tag = CUT + hash53(key);
  return key.slice(0, URL_KEY_MAX - tag.length) + tag;
}

/** A key cut by `canonicalUrl`: not an address a tab can be opened on. */
export const isCutKey = (key: string): boolean => CUT_KEY.test(key);

function canonical(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return input;
  }
  url.hash = '';
  // forEach, not the iterator: in a Firefox content script URLSearchParams' iterator is not iterable.
  const kept: Array<[string, string]> = [];
  url.searchParams.forEach((value, key) => void (TRACKING.test(key) || kept.push([key, value])));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = kept.length ? '?' + new URLSearchParams(kept).toString() : '';
  if (url.pathname.length > 1 && url.pathname.endsWith('/index.html')) {
    url.pathname = url.pathname.slice(0, -'index.html'.length);
  }
  return url.toString();
}

/** `https://example.org/*` for a page URL: the unit the reader enables Backstory on. */
export function originPattern(input: string): string | null {
  try {
    const url = new URL(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return null;
  }
}

/** Web stores where browsers let no extension run. */
const STORE_PAGES = [
  /^https:\/\/chromewebstore\.google\.com\//,
  /^https:\/\/chrome\.google\.com\/webstore/,
  /^https:\/\/addons\.mozilla\.org\//,
  /^https:\/\/microsoftedge\.microsoft\.com\/addons/,
];

/**
 * Why no content script can run on this page, or null when one can: browser pages (chrome://, about:,
 * moz-extension:, view-source:, file:), the web stores, and PDFs, which open in the browser's own viewer.
 */
export function restrictedReason(input: string | undefined): string | null {
  if (!input) return 'Backstory cannot read this tab.';
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return 'Backstory cannot read this tab.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return 'This is a browser page: no extension can run here.';
  if (STORE_PAGES.some((re) => re.test(url.href))) return 'Browsers let no extension run on their web store.';
  if (/\.pdf$/i.test(url.pathname))
    return 'PDFs open in the browser’s own viewer, where no extension can run.';
  return null;
}
