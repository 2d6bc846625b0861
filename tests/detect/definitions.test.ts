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
});
