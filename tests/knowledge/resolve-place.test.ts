import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../src/knowledge/geo';
import { pageGeo, resolvePlace } from '../../src/knowledge/places';
import { choosePlace, placeKeyOnPage, siteCountry } from '../../src/knowledge/resolve-place';
import type { ContextPlace, KnowledgeRequest } from '../../src/knowledge/types';

/** What the detector's own gazetteer says for these names: one place per name, not the story's. */
const DETECTOR_WESTMINSTER = { lat: 39.8, lon: -105, country: 'US', population: 110_000 };
const DETECTOR_DOUGLAS = { lat: 54.2, lon: -4.5, country: 'IM', population: 26_000 };

const BREXIT_PAGE: ContextPlace[] = [
  { name: 'Britain', subkind: 'country' },
  { name: 'Brussels', subkind: 'city' },
  { name: 'Dublin', subkind: 'city' },
  { name: 'Northern Ireland', subkind: 'region' },
];
const CORK_PAGE: ContextPlace[] = [
  { name: 'Cork', subkind: 'city' },
  { name: 'Ireland', subkind: 'country' },
  { name: 'Ballincollig', subkind: 'town' },
];

const place = (req: Partial<KnowledgeRequest> & { name: string }, context: ContextPlace[], site?: string) =>
  resolvePlace({ kind: 'place', ...req }, pageGeo(context, site));

describe('places picked by the story', () => {
  it('Westminster on a Brexit page is Westminster in London, not Colorado, and no 7,000 km distance', () => {
    const p = place(
      { name: 'Westminster', subkind: 'region', geo: DETECTOR_WESTMINSTER },
      BREXIT_PAGE,
      'www.theguardian.com',
    )!;
    expect(p.country?.code).toBe('GB');
    expect(distanceKm(p, { lat: 51.5, lon: -0.13 })).toBeLessThan(5);
    expect(p.unsure).toBeUndefined();
    for (const r of p.relations) expect(r.km).toBeLessThan(1500);
    expect(p.relations.map((r) => r.name)).toContain('Dublin');
    // The other Westminster is offered, should the page mean it after all.
    expect(p.alternatives?.map((a) => a.label)).toContain('Westminster, United States');
  });

  it('the site alone (a .co.uk) is enough to prefer the British Westminster', () => {
    const p = place({ name: 'Westminster' }, [], 'www.bbc.co.uk')!;
    expect(p.country?.code).toBe('GB');
  });

  it('Douglas on a Cork page is the Cork suburb, not the Isle of Man', () => {
    const p = place(
      { name: 'Douglas', subkind: 'city', geo: DETECTOR_DOUGLAS },
      CORK_PAGE,
      'www.irishexaminer.com',
    )!;
    expect(p.country?.code).toBe('IE');
    expect(distanceKm(p, { lat: 51.898, lon: -8.471 })).toBeLessThan(6);
    expect(p.unsure).toBeUndefined();
    expect(p.relations[0]?.phrase).toMatch(/^about \d km south(-east)? of Cork$/);
    expect(p.alternatives?.[0].label).toBe('Douglas, Isle of Man');
  });

  it('a suburb of a named city wins even when the site says nothing', () => {
    const p = place({ name: 'Douglas' }, [{ name: 'Cork', subkind: 'city' }])!;
    expect(p.country?.code).toBe('IE');
  });

  it('says when unsure, offers the alternatives, shows no distance to a guess, and takes the reader’s pick', () => {
    const context: ContextPlace[] = [{ name: 'Paris', subkind: 'city' }];
    const p = place({ name: 'Westminster' }, context)!;
    expect(p.unsure).toBe(true);
    expect(p.relations).toEqual([]);
    const other = p.alternatives!.find((a) => a.label === 'Westminster, United States')!;
    expect(other).toBeDefined();
    const picked = place({ name: 'Westminster', placePick: other.id }, context)!;
    expect(picked.country?.code).toBe('US');
    expect(picked.unsure).toBeUndefined();
    expect(picked.alternatives?.map((a) => a.label)).toContain('Westminster, United Kingdom');
  });

  it('a place the story names far from everything else gets no distance rather than one across continents', () => {
    const p = place({ name: 'Denver', subkind: 'city' }, [{ name: 'Dublin', subkind: 'city' }])!;
    expect(p.country?.code).toBe('US');
    expect(p.relations).toEqual([]);
  });
});

describe('the resolver itself (pure: the detector can call it with its own candidates)', () => {
  const candidates = [
    { name: 'Douglas', lat: 54.15, lon: -4.483, country: 'IM', population: 26_218 },
    { name: 'Douglas', lat: 51.877, lon: -8.436, country: 'IE', population: 0 },
  ];

  it('ranks by the page’s countries, its places and the site, then population', () => {
    const none = choosePlace('douglas', candidates, { countries: new Set(), places: [] })!;
    expect(none.best.country).toBe('IM');
    expect(none.unsure).toBe(true);
    const cork = { key: 'cork', lat: 51.898, lon: -8.471 };
    const story = { countries: new Set(['IE']), places: [cork] };
    const chosen = choosePlace('douglas', candidates, story)!;
    expect(chosen.best.country).toBe('IE');
    expect(chosen.unsure).toBe(false);
    expect(chosen.alternatives.map((c) => c.country)).toEqual(['IM']);
    // A name is not its own anchor.
    const self = { key: 'douglas', lat: 51.877, lon: -8.436 };
    expect(choosePlace('douglas', candidates, { countries: new Set(), places: [self] })!.best.country).toBe(
      'IM',
    );
  });

  it('keys a place the way the detector does, by the chosen country', () => {
    const story = { countries: new Set<string>(), places: [], site: 'IE' };
    expect(placeKeyOnPage('Douglas', 'douglas', candidates, story)).toMatchObject({
      key: 'city:IE:douglas',
      unsure: true,
    });
  });

  it('reads the site’s country from the publisher list or its country-code domain', () => {
    expect(siteCountry('www.theguardian.com')).toBe('GB');
    expect(siteCountry('www.bbc.co.uk')).toBe('GB');
    expect(siteCountry('www.irishexaminer.com')).toBe('IE');
    expect(siteCountry('www.rte.ie')).toBe('IE');
    expect(siteCountry('www.spiegel.de')).toBe('DE');
    expect(siteCountry('edition.cnn.com')).toBe('US');
    expect(siteCountry('www.reuters.com')).toBeUndefined();
    expect(siteCountry('live.example.io')).toBeUndefined();
    expect(siteCountry('127.0.0.1')).toBeUndefined();
    expect(siteCountry(undefined)).toBeUndefined();
  });
});
