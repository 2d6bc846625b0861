/**
 * Turns raw datasets (npm packages) into the compact structures the extension ships.
 * Run with `npm run build:data`; the outputs are committed so a build needs no dataset.
 *
 * - world-countries (ODbL): names, alternative spellings, demonyms, capital, region, flag.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import countries from 'world-countries';

const out = (name: string) => fileURLToPath(new URL(`../src/detect/data/${name}`, import.meta.url));

interface CountryRow {
  code: string;
  name: string;
  official: string;
  alt: string[];
  demonyms: string[];
  capital?: string;
  region: string;
  subregion: string;
  flag: string;
  lat: number;
  lon: number;
}

const rows: CountryRow[] = countries
  .filter((c) => c.cca2 && c.name?.common)
  .map((c) => {
    const demonyms = new Set<string>();
    for (const d of Object.values(c.demonyms ?? {})) {
      if (d?.m) demonyms.add(d.m);
      if (d?.f) demonyms.add(d.f);
    }
    return {
      code: c.cca2,
      name: c.name.common,
      official: c.name.official,
      // Two-letter codes are not names people write in prose ("SY"); keep longer spellings only.
      alt: [...new Set(c.altSpellings.filter((s) => s.length > 3 && s !== c.name.common))],
      demonyms: [...demonyms],
      capital: c.capital?.[0],
      region: c.region,
      subregion: c.subregion,
      flag: c.flag,
      lat: c.latlng[0],
      lon: c.latlng[1],
    };
  })
  .sort((a, b) => a.code.localeCompare(b.code));

writeFileSync(out('countries.json'), JSON.stringify(rows) + '\n');
console.log(`countries.json: ${rows.length} countries`);
