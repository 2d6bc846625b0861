/**
 * Which of several same-named places a page means, from the page's own geography: the countries it names,
 * the places it names (a district or suburb of one of them beats a far-away town of the same name), the
 * site's country, then population. Pure and data-free: the card's Places layer (src/knowledge) feeds it the
 * background's gazetteer, and the detector its own entries, so that both key a place by the same logic.
 */

const R = 6371.0088; // mean Earth radius, km
const rad = (d: number) => (d * Math.PI) / 180;

export interface Point {
  lat: number;
  lon: number;
}

/** Great-circle distance in km (haversine). */
export function distanceKm(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface PlaceCandidate extends Point {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** 0 when unknown. */
  population: number;
}

/** What the page says about geography, resolved once per page or lookup. */
export interface StoryArea {
  /** Countries the page names (ISO codes). */
  countries: ReadonlySet<string>;
  /** Places the page names, already located; `key` is the name's key, so a name is not its own anchor. */
  places: ReadonlyArray<Point & { key: string }>;
  /** The site's country, from its domain or the publisher list. */
  site?: string;
}

export interface PlaceChoice<T extends PlaceCandidate> {
  best: T;
  /** The other candidates, best first: the card offers them when unsure. */
  alternatives: T[];
  /** Nothing on the page speaks for the best, or another comes close. */
  unsure: boolean;
}

/** A place within this distance of a place the page names is taken for one of its districts or suburbs. */
export const DISTRICT_KM = 25;
/** Places farther apart than this are not one story's area: no distance is given between them. */
export const STORY_KM = 1500;
/** Within this distance a named place supports a candidate (the same region of the story). */
const NEAR_KM = 300;
/** How much the best must lead the next to be sure. */
const MARGIN = 1.5;

interface Scored<T> {
  c: T;
  score: number;
  /** Whether the page's geography (not population alone) speaks for it. */
  support: boolean;
}

function score<T extends PlaceCandidate>(c: T, key: string, story: StoryArea, hint?: Point): Scored<T> {
  let s = Math.log10(c.population + 10) * 0.5;
  let support = false;
  if (story.countries.has(c.country)) {
    s += 3;
    support = true;
  }
  if (story.site && story.site === c.country) {
    s += 2;
    support = true;
  }
  let near = 0;
  let district = false;
  for (const p of story.places) {
    if (p.key === key) continue;
    const km = distanceKm(p, c);
    if (km < DISTRICT_KM) district = true;
    if (km < NEAR_KM) near++;
  }
  if (district) s += 4;
  s += Math.min(near, 3);
  if (near) support = true;
  // The detector's own pick, when it has coordinates: a tie-breaker, not a verdict.
  if (hint && distanceKm(hint, c) < DISTRICT_KM) s += 1;
  return { c, score: s, support };
}

/**
 * Ranks the candidates for one name (`key`: its place key, so the name does not anchor itself). Returns
 * null for no candidates. Sure when only one candidate exists, or when the best is supported by the page's
 * geography and leads the next by a clear margin.
 */
export function choosePlace<T extends PlaceCandidate>(
  key: string,
  candidates: readonly T[],
  story: StoryArea,
  hint?: Point,
): PlaceChoice<T> | null {
  if (!candidates.length) return null;
  const ranked = candidates.map((c) => score(c, key, story, hint)).sort((a, b) => b.score - a.score);
  const [first, second] = ranked;
  const unsure = !!second && (!first.support || first.score - second.score < MARGIN);
  return { best: first.c, alternatives: ranked.slice(1).map((r) => r.c), unsure };
}

/** Whether the page's geography (its countries, places near it) speaks for a candidate, population apart. */
export function storySupports(c: PlaceCandidate, key: string, story: StoryArea): boolean {
  return score(c, key, story).support;
}

/** Whether two places are of one plausible story area, so that a distance between them means something. */
export function sameStoryArea(a: Point, b: Point): boolean {
  return distanceKm(a, b) <= STORY_KM;
}

/** A stable id for a candidate, for the reader's choice among alternatives ("GB:51.498:-0.136"). */
export function candidateId(c: PlaceCandidate): string {
  return `${c.country}:${c.lat.toFixed(3)}:${c.lon.toFixed(3)}`;
}

/**
 * For the detector: the key of the place a name means on this page, shaped as the detector's own place
 * keys (`city:CC:name`), with whether the choice is unsure. `fold` is the caller's normaliser for the name part.
 */
export function placeKeyOnPage(
  name: string,
  key: string,
  candidates: readonly PlaceCandidate[],
  story: StoryArea,
  fold: (s: string) => string = (s) => s.toLowerCase(),
): { key: string; place: PlaceCandidate; unsure: boolean } | null {
  const choice = choosePlace(key, candidates, story);
  if (!choice) return null;
  return { key: `city:${choice.best.country}:${fold(name)}`, place: choice.best, unsure: choice.unsure };
}
