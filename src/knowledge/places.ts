/**
 * The offline gazetteer, in the background only: countries (world-countries) and towns (GeoNames), looked
 * up by normalised name and disambiguated by the other places the page names. Produces the "Places"
 * layer: country facts, population, and where a town lies relative to the page's other places.
 */
// Raw strings, parsed on first use: a service worker woken for a seen-mark should not evaluate ~400 KB
// of object literals (measured: ~25 ms as literals, ~4 ms as strings).
import countriesJson from './data/countries.json?raw';
import townsJson from './data/towns.json?raw';
import { distanceKm, relationPhrase, type Point } from './geo';
import { placeKey } from './normalize';
import {
  candidateId,
  choosePlace,
  sameStoryArea,
  siteCountry,
  type PlaceChoice,
  type StoryArea,
} from './resolve-place';
import type {
  ContextPlace,
  CountryFacts,
  KnowledgeRequest,
  PlaceAlternative,
  PlaceFacts,
  Relation,
} from './types';

export interface CountryRow {
  code: string;
  numeric?: string;
  name: string;
  official: string;
  names: string[];
  demonym?: string;
  capital?: string;
  capitalAt?: [number, number];
  region: string;
  subregion?: string;
  flag: string;
  lat: number;
  lon: number;
  area: number;
  borders: string[];
  wikiTitle: string;
}

export interface Town extends Point {
  name: string;
  country: string;
  population: number;
  /** From Backstory's own list of districts (curated/districts.json), not GeoNames. */
  curated?: true;
}

let countries: CountryRow[] | null = null;
let byCode: Map<string, CountryRow> | null = null;

export function allCountries(): CountryRow[] {
  return (countries ??= JSON.parse(countriesJson) as CountryRow[]);
}

function countryMap(): Map<string, CountryRow> {
  return (byCode ??= new Map(allCountries().map((c) => [c.code, c])));
}

let countryIndex: Map<string, CountryRow> | null = null;
let townIndex: Map<string, Town[]> | null = null;

/** Built on first use: a service worker woken for something else should not pay for it. */
function indexes(): { countries: Map<string, CountryRow>; towns: Map<string, Town[]> } {
  if (!countryIndex) {
    countryIndex = new Map();
    for (const c of allCountries())
      for (const n of c.names) if (!countryIndex.has(placeKey(n))) countryIndex.set(placeKey(n), c);
  }
  if (!townIndex) {
    townIndex = new Map();
    for (const [name, lat, lon, country, population, aliases, from] of JSON.parse(townsJson) as Array<
      [string, number, number, string, number, string[]?, string?]
    >) {
      const town: Town = { name, lat, lon, country, population };
      if (from === 'curated') town.curated = true;
      for (const n of [name, ...(aliases ?? [])]) {
        const key = placeKey(n);
        const list = townIndex.get(key);
        if (list) list.push(town);
        else townIndex.set(key, [town]);
      }
    }
  }
  return { countries: countryIndex, towns: townIndex };
}

export function countryByCode(code: string | undefined): CountryRow | undefined {
  return code ? countryMap().get(code.toUpperCase()) : undefined;
}

export function findCountry(name: string): CountryRow | undefined {
  return indexes().countries.get(placeKey(name));
}

export function countryFacts(c: CountryRow): CountryFacts {
  return {
    code: c.code,
    name: c.name,
    official: c.official,
    flag: c.flag,
    capital: c.capital,
    region: c.region,
    subregion: c.subregion,
  };
}

/** What the rest of the page says about geography: the countries it names, the towns it names, the site's country. */
export interface PageGeo {
  countries: Set<string>;
  towns: Array<Town & { key: string }>;
  site?: string;
}

const storyOf = (geo: PageGeo): StoryArea => ({
  countries: geo.countries,
  places: geo.towns,
  site: geo.site,
});

/** Towns named `name`, best first, as the page's geography ranks them (resolve-place.ts). */
export function findTowns(name: string, geo?: PageGeo): Town[] {
  const list = indexes().towns.get(placeKey(name)) ?? [];
  if (list.length < 2 || !geo) return list;
  const choice = choosePlace(placeKey(name), list, storyOf(geo))!;
  return [choice.best, ...choice.alternatives];
}

/** Resolves the page's other places once per lookup (countries by name, towns by best guess). */
export function pageGeo(context: ContextPlace[] = [], site?: string): PageGeo {
  const countries = new Set<string>();
  const towns: PageGeo['towns'] = [];
  for (const p of context) {
    const country = p.subkind !== 'city' && p.subkind !== 'town' ? findCountry(p.name) : undefined;
    if (country) countries.add(country.code);
    else if (p.geo?.country) countries.add(p.geo.country);
  }
  const home = siteCountry(site);
  for (const p of context) {
    if (findCountry(p.name) && p.subkind !== 'city' && p.subkind !== 'town') continue;
    const best = townFor(p.name, { countries, towns: [], site: home }, p.geo)?.best;
    if (best) towns.push({ ...best, key: placeKey(p.name), name: p.name });
  }
  return { countries, towns, site: home };
}

/**
 * The gazetteer's towns for a name, ranked by the page's geography. The detector's `geo` (coarse: its
 * data is rounded, and it keeps one place per name) is a hint among them, and stands in when the
 * gazetteer does not know the name.
 */
function townFor(name: string, geo: PageGeo, at?: ContextPlace['geo']): PlaceChoice<Town> | null {
  const towns = indexes().towns.get(placeKey(name)) ?? [];
  if (!towns.length)
    return at
      ? {
          best: { name, lat: at.lat, lon: at.lon, country: at.country ?? '', population: at.population ?? 0 },
          alternatives: [],
          unsure: false,
        }
      : null;
  return choosePlace(placeKey(name), towns, storyOf(geo), at);
}

/**
 * Up to three of the page's other towns to place this one by: the nearest, with a small preference for
 * well-known (populous) ones, and only those of the same story area: a distance across continents
 * ("7,100 km north-west of Dublin") says the place was probably the wrong one, not where it is.
 */
export function relationsFor(place: Point & { key: string }, geo: PageGeo, limit = 3): Relation[] {
  const seen = new Set<string>();
  const others = geo.towns
    .filter((t) => t.key !== place.key && !seen.has(t.key) && seen.add(t.key))
    .map((t) => ({ t, km: distanceKm(place, t) }))
    .filter(({ km, t }) => km > 0.5 && sameStoryArea(place, t));
  // Effective distance: a city of a million counts as a little nearer than a village at the same distance.
  const rank = (o: { t: Town; km: number }) =>
    o.km / (1 + Math.log10(Math.max(o.t.population, 1000) / 1000) / 6);
  const chosen = others
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, limit)
    .sort((a, b) => a.km - b.km);
  return chosen.map(({ t }) => ({ name: t.name, lat: t.lat, lon: t.lon, ...relationPhrase(place, t) }));
}

/** "Westminster, United States": how the card names another place of the same name. */
function alternativeOf(name: string, t: Town): PlaceAlternative {
  const country = countryByCode(t.country)?.name ?? t.country;
  return { id: candidateId(t), label: `${name}, ${country}` };
}

const AREA_SUFFIX = /\s+(province|governorate|region|district|countryside)$/i;

/**
 * The Places layer for a place name, or null when neither the gazetteer nor the detector knows where it is.
 */
export function resolvePlace(
  req: KnowledgeRequest,
  geo: PageGeo,
  extra?: { lat: number; lon: number; country?: string; note?: string },
): PlaceFacts | null {
  const { name } = req;
  const key = placeKey(name);
  const isTown = req.subkind === 'city' || req.subkind === 'town';
  const country = isTown ? undefined : findCountry(name);
  if (country) {
    return {
      kind: 'country',
      name: country.name,
      lat: country.lat,
      lon: country.lon,
      country: countryFacts(country),
      borders: country.borders.map((b) => ({
        name: countryMap().get(b)?.name ?? b,
        onPage: geo.countries.has(b),
      })),
      relations: [],
      source: 'world-countries',
    };
  }
  if (extra) {
    const c = countryByCode(extra.country);
    return {
      kind: 'area',
      name,
      lat: extra.lat,
      lon: extra.lon,
      country: c && countryFacts(c),
      relations: relationsFor({ ...extra, key }, geo),
      approximate: extra.note,
      source: 'Backstory context pack',
    };
  }
  const area = AREA_SUFFIX.exec(name);
  const base = area ? name.slice(0, area.index) : name;
  const choice = townFor(base, geo, req.geo);
  if (!choice) return null;
  const picked = req.placePick
    ? choice.alternatives.find((t) => candidateId(t) === req.placePick)
    : undefined;
  const town = picked ?? choice.best;
  const others = picked
    ? [choice.best, ...choice.alternatives.filter((t) => t !== picked)]
    : choice.alternatives;
  const unsure = !picked && choice.unsure;
  const c = countryByCode(town.country);
  return {
    kind: area ? 'area' : 'town',
    name,
    lat: town.lat,
    lon: town.lon,
    country: c && countryFacts(c),
    population: !area && town.population > 0 ? { value: town.population, source: 'GeoNames' } : undefined,
    // Unsure which place it is: no distances, which would be distances to a guess.
    relations: unsure ? [] : relationsFor({ ...town, key }, geo),
    approximate: area ? `Map centred on ${town.name}, its main city` : undefined,
    source: town.curated ? 'Backstory gazetteer' : 'GeoNames',
    unsure: unsure || undefined,
    alternatives: others.length ? others.slice(0, 4).map((t) => alternativeOf(name, t)) : undefined,
  };
}
