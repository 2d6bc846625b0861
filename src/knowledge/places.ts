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
import type { ContextPlace, CountryFacts, KnowledgeRequest, PlaceFacts, Relation } from './types';

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
    for (const [name, lat, lon, country, population, aliases] of JSON.parse(townsJson) as Array<
      [string, number, number, string, number, string[]?]
    >) {
      const town: Town = { name, lat, lon, country, population };
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

/** What the rest of the page says about geography: the countries it names and the towns it names. */
export interface PageGeo {
  countries: Set<string>;
  towns: Array<Town & { key: string }>;
}

/** Towns named `name`, best first: in a country the page names, near the page's other places, populous. */
export function findTowns(name: string, geo?: PageGeo): Town[] {
  const list = indexes().towns.get(placeKey(name)) ?? [];
  if (list.length < 2 || !geo) return list;
  const score = (t: Town) => {
    let s = Math.log10(t.population + 10);
    if (geo.countries.has(t.country)) s += 3;
    const near = geo.towns.filter((o) => o.key !== placeKey(name) && distanceKm(o, t) < 300).length;
    return s + Math.min(near, 3);
  };
  return [...list].sort((a, b) => score(b) - score(a));
}

/** Resolves the page's other places once per lookup (countries by name, towns by best guess). */
export function pageGeo(context: ContextPlace[] = []): PageGeo {
  const countries = new Set<string>();
  const towns: PageGeo['towns'] = [];
  for (const p of context) {
    const country = p.subkind !== 'city' && p.subkind !== 'town' ? findCountry(p.name) : undefined;
    if (country) countries.add(country.code);
    else if (p.geo?.country) countries.add(p.geo.country);
  }
  for (const p of context) {
    if (findCountry(p.name) && p.subkind !== 'city' && p.subkind !== 'town') continue;
    const best = townFor(p.name, { countries, towns: [] }, p.geo);
    if (best) towns.push({ ...best, key: placeKey(p.name), name: p.name });
  }
  return { countries, towns };
}

/**
 * The gazetteer's town for a name. The detector's `geo` (coarse: its data is rounded) picks among
 * same-named towns and stands in when the gazetteer does not know the name; precise coordinates win.
 */
function townFor(name: string, geo: PageGeo, at?: ContextPlace['geo']): Town | undefined {
  const towns = findTowns(name, geo);
  if (!at) return towns[0];
  return (
    towns.find((t) => distanceKm(t, at) < 25) ?? {
      name,
      lat: at.lat,
      lon: at.lon,
      country: at.country ?? '',
      population: at.population ?? 0,
    }
  );
}

/**
 * Up to three of the page's other towns to place this one by: the nearest, with a small preference for
 * well-known (populous) ones, and none absurdly far unless nothing is near.
 */
export function relationsFor(place: Point & { key: string }, geo: PageGeo, limit = 3): Relation[] {
  const seen = new Set<string>();
  const others = geo.towns
    .filter((t) => t.key !== place.key && !seen.has(t.key) && seen.add(t.key))
    .map((t) => ({ t, km: distanceKm(place, t) }))
    .filter(({ km }) => km > 0.5);
  if (!others.length) return [];
  // Effective distance: a city of a million counts as a little nearer than a village at the same distance.
  const rank = (o: { t: Town; km: number }) =>
    o.km / (1 + Math.log10(Math.max(o.t.population, 1000) / 1000) / 6);
  const ranked = others.sort((a, b) => rank(a) - rank(b));
  const near = ranked.filter((o) => o.km <= 1500);
  const chosen = (near.length ? near : ranked.slice(0, 1)).slice(0, limit).sort((a, b) => a.km - b.km);
  return chosen.map(({ t }) => ({ name: t.name, lat: t.lat, lon: t.lon, ...relationPhrase(place, t) }));
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
  const town = townFor(base, geo, req.geo);
  if (!town) return null;
  const c = countryByCode(town.country);
  return {
    kind: area ? 'area' : 'town',
    name,
    lat: town.lat,
    lon: town.lon,
    country: c && countryFacts(c),
    population: !area && town.population > 0 ? { value: town.population, source: 'GeoNames' } : undefined,
    relations: relationsFor({ ...town, key }, geo),
    approximate: area ? `Map centred on ${town.name}, its main city` : undefined,
    source: 'GeoNames',
  };
}
