/**
 * Which of several same-named places a page means: the pure ranking lives with the detector
 * (src/detect/places.ts), which keys its places by it too; this module adds the site's country, from the
 * small curated site list or the domain, which only the extension knows.
 */
import sitesJson from './curated/sites.json';

export {
  candidateId,
  choosePlace,
  DISTRICT_KM,
  placeKeyOnPage,
  sameStoryArea,
  STORY_KM,
  type PlaceCandidate,
  type PlaceChoice,
  type StoryArea,
} from '../detect/places';

/** Country-code domains that sites use for their letters, not for their country. */
const VANITY_TLDS = new Set([
  'io',
  'co',
  'tv',
  'me',
  'fm',
  'ai',
  'am',
  'ws',
  'cc',
  'ly',
  'to',
  'gg',
  'so',
  'eu',
]);
const SITES = (sitesJson as { sites: Record<string, string> }).sites;

/** The country a site is from: a publisher the list knows, else its country-code domain (.ie, .co.uk). */
export function siteCountry(hostname: string | undefined): string | undefined {
  if (!hostname) return undefined;
  const host = hostname.toLowerCase().replace(/\.$/, '');
  for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1)) if (SITES[h]) return SITES[h];
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (!/^[a-z]{2}$/.test(tld) || VANITY_TLDS.has(tld)) return undefined;
  return tld === 'uk' ? 'GB' : tld.toUpperCase();
}
