import { describe, expect, it } from 'vitest';
import { renderLocator } from '../../src/knowledge/map';
import { nameKey, placeKey } from '../../src/knowledge/normalize';
import { findCountry, findTowns, pageGeo, resolvePlace } from '../../src/knowledge/places';

describe('name keys', () => {
  it('meet across transliterations, articles and diacritics', () => {
    expect(placeKey('al-Bab')).toBe(placeKey('Al Bāb'));
    expect(placeKey('Hama')).toBe(placeKey('Ḩamāh'));
    expect(placeKey('Tal Abyad')).toBe(placeKey('Tall Abyaḑ'));
    expect(placeKey('Deir Ezzor')).toBe(placeKey('Deir ez-Zor'));
    expect(placeKey('Raqqa')).toBe(placeKey('Ar Raqqah'));
    // Every article the detector knows, assimilated ones too ("Ez Zawiya", "Er Rachidia").
    expect(placeKey('Zawiya')).toBe(placeKey('Ez Zawiya'));
    expect(placeKey('Rachidia')).toBe(placeKey('Er Rachidia'));
    expect(placeKey('Şanlıurfa')).toBe('sanliurfa');
    // An article is only an article before a word: "Alexandria" keeps its "Al".
    expect(placeKey('Alexandria')).toBe('alexandria');
    expect(nameKey('The New Statesman')).toBe('new statesman');
    expect(nameKey('Hay’at Tahrir al-Sham')).toBe(nameKey("Hay'at Tahrir al-Sham"));
  });
});

describe('gazetteer', () => {
  it('finds countries by the names English news uses', () => {
    expect(findCountry('Turkey')?.code).toBe('TR');
    expect(findCountry('Türkiye')?.code).toBe('TR');
    expect(findCountry('U.S.')?.code).toBe('US');
    expect(findCountry('Syrian Arab Republic')?.code).toBe('SY');
    expect(findCountry('Aleppo')).toBeUndefined();
  });

  it('finds towns by exonym and transliteration', () => {
    expect(findTowns('al-Bab')[0]).toMatchObject({ country: 'SY' });
    expect(findTowns('Kobani')[0]).toMatchObject({ name: '‘Ayn al ‘Arab', country: 'SY' });
    expect(findTowns('Palmyra')[0]).toMatchObject({ name: 'Tadmur' });
    expect(findTowns('Azaz')[0]?.country).toBe('SY');
    // Letters that are not a base letter plus a mark: "Lodz" is "Łódź".
    expect(findTowns('Lodz')[0]).toMatchObject({ name: 'Łódź', country: 'PL' });
  });

  it('picks the town the page means from the countries and places it names', () => {
    expect(findTowns('Tripoli', pageGeo([{ name: 'Lebanon' }, { name: 'Beirut' }]))[0].country).toBe('LB');
    expect(findTowns('Tripoli', pageGeo([{ name: 'Libya' }, { name: 'Benghazi' }]))[0].country).toBe('LY');
  });
});

describe('the Places layer', () => {
  const geo = pageGeo([
    { name: 'Syria', subkind: 'country' },
    { name: 'Turkey', subkind: 'country' },
    { name: 'Aleppo' },
    { name: 'Damascus', subkind: 'city' },
    { name: 'Paris', subkind: 'city' },
    { name: 'Moscow', subkind: 'city' },
  ]);

  it('places a town relative to the nearest places named on the page, not far-away ones', () => {
    const p = resolvePlace({ name: 'al-Bab', kind: 'place' }, geo)!;
    expect(p).toMatchObject({
      kind: 'town',
      name: 'al-Bab',
      country: { code: 'SY', capital: 'Damascus' },
      population: { source: 'GeoNames' },
    });
    expect(p.population!.value).toBeGreaterThan(100_000);
    expect(p.relations.map((r) => r.phrase)).toEqual([
      'about 40 km north-east of Aleppo',
      'about 340 km north of Damascus',
    ]);
  });

  it('describes a country: capital, region, borders named on the page', () => {
    const p = resolvePlace({ name: 'Syria', kind: 'place', subkind: 'country' }, geo)!;
    expect(p).toMatchObject({
      kind: 'country',
      country: { code: 'SY', capital: 'Damascus', subregion: 'Western Asia', flag: '🇸🇾' },
    });
    expect(p.borders).toContainEqual({ name: 'Turkey', onPage: true });
    expect(p.borders).toContainEqual({ name: 'Lebanon', onPage: false });
  });

  it('maps a province by its main city and says so', () => {
    const p = resolvePlace({ name: 'Homs Province', kind: 'place' }, geo)!;
    expect(p.kind).toBe('area');
    expect(p.approximate).toMatch(/Homs/);
    expect(p.population).toBeUndefined();
  });

  it('prefers the detector’s coordinates to its own guess', () => {
    const p = resolvePlace(
      { name: 'Somewhere', kind: 'place', geo: { lat: 36.0, lon: 37.0, country: 'SY', population: 1234 } },
      geo,
    )!;
    expect(p).toMatchObject({ lat: 36, lon: 37, population: { value: 1234 }, country: { code: 'SY' } });
  });

  it('renders a locator map to SVG paths, the town in the middle and its neighbours as dots', () => {
    const map = renderLocator(resolvePlace({ name: 'al-Bab', kind: 'place' }, geo)!);
    expect(map.land).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(map.focus).toMatch(/^M/);
    expect(map.marker).toEqual([map.width / 2, map.height / 2]);
    expect(map.dots.map((d) => d.name)).toEqual(['Aleppo', 'Damascus']);
    for (const d of map.dots)
      expect(d.x >= 0 && d.x <= map.width && d.y >= 0 && d.y <= map.height).toBe(true);
    expect(map.label).toBe('Map of al-Bab, about 40 km north-east of Aleppo');
    // Clipped to the box: a few kilobytes, not the world.
    expect(map.land.length + (map.focus?.length ?? 0)).toBeLessThan(40_000);
  });

  it('fits a country map to its mainland, small countries with their neighbours', () => {
    const france = renderLocator(resolvePlace({ name: 'France', kind: 'place', subkind: 'country' }, geo)!);
    expect(france.focus).toBeTruthy();
    expect(france.marker).toBeUndefined();
    const lebanon = renderLocator(resolvePlace({ name: 'Lebanon', kind: 'place', subkind: 'country' }, geo)!);
    expect(lebanon.land.length).toBeGreaterThan(200);
  });
});

describe('coarse coordinates from the detector', () => {
  // The detector's data is rounded to 0.1°: good for choosing a town, not for measuring to it.
  const coarse = [
    { name: 'Aleppo', subkind: 'city', geo: { lat: 36.2, lon: 37.2, country: 'SY', population: 1_600_000 } },
    { name: 'Syria', subkind: 'country', geo: { lat: 35, lon: 38, country: 'SY' } },
  ];

  it('keep a country a country', () => {
    const place = resolvePlace(
      { name: 'Syria', kind: 'place', subkind: 'country', geo: { lat: 35, lon: 38, country: 'SY' } },
      pageGeo(coarse),
    );
    expect(place?.kind).toBe('country');
    expect(place?.relations).toEqual([]);
  });

  it('give way to the gazetteer for the page’s other towns', () => {
    const geo = pageGeo(coarse);
    const aleppo = geo.towns.find((t) => t.name === 'Aleppo')!;
    expect(aleppo.lat).not.toBe(36.2);
    expect(Math.abs(aleppo.lat - 36.2)).toBeLessThan(0.1);
    const bab = resolvePlace(
      { name: 'al-Bab', kind: 'place', subkind: 'city', geo: { lat: 36.4, lon: 37.5, country: 'SY' } },
      geo,
    );
    expect(bab?.relations[0]?.phrase).toBe('about 40 km north-east of Aleppo');
  });
});
