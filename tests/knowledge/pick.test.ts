import { describe, expect, it } from 'vitest';
import { kindFit, rankHits, titleVariants, type PickContext } from '../../src/knowledge/pick';
import type { SearchHit } from '../../src/knowledge/wikipedia';

const hit = (
  title: string,
  description: string,
  index: number,
  extra: Partial<SearchHit> = {},
): SearchHit => ({ title, description, index, disambiguation: false, ...extra });

describe('picking the article', () => {
  it('reads the kind from a description', () => {
    expect(kindFit('Turkish politician (born 1955)', 'person')).toBe(1);
    expect(kindFit('City in Aleppo Governorate, Syria', 'person')).toBe(-1);
    expect(kindFit('Lebanese Shia Islamist political party and militant group', 'organization')).toBe(1);
    expect(kindFit('Country in West Asia', 'place')).toBe(1);
    expect(kindFit(undefined, 'place')).toBe(0);
  });

  it('qualifies provinces the way Wikipedia titles them in the Arab world and elsewhere', () => {
    expect(titleVariants('Homs Province', new Set(['SY']))).toEqual(['Homs Province', 'Homs Governorate']);
    expect(titleVariants('Kilis Province', new Set(['TR']))).toEqual(['Kilis Province', 'Kilis Governorate']);
    expect(titleVariants('Homs')).toEqual(['Homs']);
  });

  const power: PickContext = {
    name: 'Power',
    kind: 'person',
    roles: ['US Ambassador'],
    countryWords: ['United States', 'American', 'Syria', 'Syrian'],
    places: [],
  };
  const powerHits = [
    hit('Power (physics)', 'Amount of energy transferred per unit time', 1),
    hit('Power', 'Topics referred to by the same term', 2, { disambiguation: true }),
    hit('Power (social and political)', 'Ability to influence people or events', 3),
    hit('Samantha Power', 'American diplomat and journalist (born 1970)', 4),
  ];

  it('ranks candidates by kind, the page’s countries and roles, not only by search order', () => {
    const ranked = rankHits(powerHits, power);
    expect(ranked.best?.title).toBe('Samantha Power');
    expect(ranked.candidates.map((c) => c.title)).not.toContain('Power');
  });

  it('is unsure when the best is weak or the next is close, and sure otherwise', () => {
    expect(rankHits(powerHits, power).unsure).toBe(false);
    const tripoli: PickContext = { name: 'Tripoli', kind: 'place', roles: [], countryWords: [], places: [] };
    const hits = [
      hit('Tripoli, Libya', 'Capital and largest city of Libya', 1, {
        coordinates: { lat: 32.89, lon: 13.19 },
      }),
      hit('Tripoli, Lebanon', 'City in North Governorate, Lebanon', 2, {
        coordinates: { lat: 34.43, lon: 35.84 },
      }),
    ];
    expect(rankHits(hits, tripoli).unsure).toBe(true);
    const inLebanon = rankHits(hits, {
      ...tripoli,
      countryWords: ['Lebanon', 'Lebanese'],
      places: [{ lat: 33.89, lon: 35.5 }],
    });
    expect(inLebanon.best?.title).toBe('Tripoli, Lebanon');
    expect(inLebanon.unsure).toBe(false);
    expect(rankHits([], tripoli)).toEqual({ unsure: true, candidates: [] });
  });
});
