import { describe, expect, it } from 'vitest';
import { lexicon } from '../../src/detect/lexicon';
import { definedKind } from '../../src/detect/rules/definitions';
import { page } from './helpers';

const kindAfter = (text: string, name: string) =>
  definedKind(text, text.indexOf(name) + name.length, lexicon(), text.indexOf(name));

describe('definitions', () => {
  it('reads the kind from the noun a name is defined by', () => {
    expect(kindAfter('Caloi is a major Brazilian manufacturer of bicycles.', 'Caloi')).toBe('organization');
    expect(kindAfter('Aisby is a village in Lincolnshire.', 'Aisby')).toBe('place');
    expect(kindAfter('Cowley (born June 12, 1912) was a Canadian ice hockey player.', 'Cowley')).toBe(
      'person',
    );
    expect(kindAfter('Gigi was formed in 1994.', 'Gigi')).toBe('organization');
    expect(kindAfter('Ruto was born in Kamagut.', 'Ruto')).toBe('person');
    expect(kindAfter('The Laboratory is a private, non-profit institution.', 'Laboratory')).toBe(
      'organization',
    );
    expect(kindAfter('Madonna is a singer, songwriter and actress.', 'Madonna')).toBe('person');
    expect(kindAfter("Tarbeck was the team's sole remaining star.", 'Tarbeck')).toBe('person');
    expect(
      kindAfter('Wexley railway station was a railway station in Hampshire.', 'Wexley railway station'),
    ).toBe('place');
    expect(kindAfter('WXLY is a radio station in Ohio.', 'WXLY')).toBe('organization');
  });

  it('reads nothing from other sentences', () => {
    expect(kindAfter('Ruto is expected to win.', 'Ruto')).toBeUndefined();
    expect(kindAfter('Nairobi is the best of them.', 'Nairobi')).toBeUndefined();
    expect(kindAfter('Paris, the capital, is a city.', 'Paris')).toBeUndefined();
    // The subject came before the comma: "born in Danvers, Massachusetts is an American rapper".
    expect(
      kindAfter('Daniels was born in Danvers, Massachusetts is an American rapper.', 'Massachusetts'),
    ).toBeUndefined();
  });

  it('outranks the gazetteer and carries across the page', () => {
    const p = page(['Linkin Park is an American rock band.', 'Fans of Linkin Park gathered.']);
    expect(p.mentions.map((m) => `${m.text}/${m.kind}`)).toEqual([
      'Linkin Park/organization',
      'Linkin Park/organization',
    ]);
  });

  it('reads a defined subject whole, numbers and lower-case words inside, and that name wherever the page spells it', () => {
    const { mentions } = page([
      '50 Days to Jupiter (or Fifty Days to Jupiter) is an American indie rock band from Denver.',
      'In 2009, 50 Days to Jupiter toured with Arcade Fire in Europe.',
      'Critics liked the second album of 50 Days to Jupiter.',
    ]);
    expect(mentions.filter((m) => m.text.includes('Jupiter')).map((m) => `${m.text}/${m.kind}`)).toEqual([
      '50 Days to Jupiter/organization',
      'Fifty Days to Jupiter/organization',
      '50 Days to Jupiter/organization',
      '50 Days to Jupiter/organization',
    ]);
    // Not defined: the runs stand ("to" joins nothing).
    expect(
      page(['Flights from Denver to Jupiter Beach resumed on Monday.']).mentions.map((m) => m.text),
    ).not.toContain('Denver to Jupiter Beach');
  });
});
