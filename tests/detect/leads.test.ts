import { describe, expect, it } from 'vitest';
import { names, page } from './helpers';

describe('words that open a place', () => {
  it('reads a racing circuit as a place, its first word too at a sentence start', () => {
    expect(names('Circuit Park Zandvoort hosts the race on Sunday.')).toEqual([
      'Circuit Park Zandvoort/place',
    ]);
    expect(names('Verstappen won at the Circuit Paul Ricard.')).toContain('Circuit Paul Ricard/place');
    // A title after the word is no place.
    expect(names('A Circuit Judge ruled on Monday.')).toEqual([]);
  });
});

describe('organisation words', () => {
  it.each([
    ['a project', 'The Innocence Project asked the court to reopen the case.', 'Innocence Project'],
    ['a company limited', "The station was founded by Marwood's Limited, a retailer.", "Marwood's Limited"],
    [
      "a party's Spanish name",
      'He led the Partido Revolucionario Institucional for a decade.',
      'Partido Revolucionario Institucional',
    ],
    ["a party's French name", 'She left the Parti Socialiste in 2017.', 'Parti Socialiste'],
    ['a Romanian club', 'Steaua Bucureşti won the league again.', 'Steaua Bucureşti'],
  ])('reads %s as an organisation', (_, text, name) => {
    expect(names(text)).toEqual([`${name}/organization`]);
  });
});

describe('words before a name', () => {
  it('reads a kin noun before a name as a person, but not a religious title', () => {
    expect(names('Officials said Jan Kors and his wife Jetty Kors, both 50, were freed.')).toEqual([
      'Jan Kors/person',
      'Jetty Kors/person',
    ]);
    expect(names('Doctors caring for Mother Teresa said her fever had abated.')).toEqual([
      'Mother Teresa/person',
    ]);
  });

  it.each([
    ['present-day', 'The fighting spread to present-day Kurram, officials said.', 'Kurram'],
    ['the plains of', 'Floods swept the plains of Sindhkot on Monday.', 'Sindhkot'],
  ])('reads a name after "%s" as a place', (_, text, name) => {
    expect(names(text)).toContain(`${name}/place`);
  });
});

describe("a people's word before a country", () => {
  it('reads it with the country as one place, the territory they hold', () => {
    expect(names('Nineteen died as a bus fell into a river in Pakistani Kashmir.')).toContain(
      'Pakistani Kashmir/place',
    );
    expect(names('He fled Nazi Germany in 1938.')).toEqual(['Nazi Germany/place']);
    // A people's word before an organisation still only describes it.
    expect(names('Fighters of the Kurdish YPG advanced.')).toContain('YPG/organization');
  });
});

describe('centres', () => {
  it("reads a venue's centre as a place and a research centre as an organisation", () => {
    expect(names('Matches at the National Tennis Centre were delayed by rain.')).toEqual([
      'National Tennis Centre/place',
    ]);
    expect(names('The fair moved to the Brisbane Convention Center.')).toEqual([
      'Brisbane Convention Center/place',
    ]);
    expect(names('The Pew Research Center published the survey.')).toEqual([
      'Pew Research Center/organization',
    ]);
  });
});

describe('nouns after a name', () => {
  it.each([
    ['a road', 'Protesters blocked work on the Kessford bypass on Monday.', 'Kessford'],
    ['a mine', 'Workers left the Kanowna mine on Friday.', 'Kanowna'],
    ['an oilfield', 'Wells on the Heidrun oilfield will reopen.', 'Heidrun'],
  ])('reads a name before %s as a place', (_, text, name) => {
    expect(names(text)).toContain(`${name}/place`);
  });

  it('reads a name after "the North Shore of" as a place', () => {
    expect(names('The reef lies off the North Shore of Kauai.')).toContain('Kauai/place');
  });

  it('reads a name after "the villagers of" as a place', () => {
    expect(names('The halt opened on the petition of the villagers of Bontnewydd.')).toContain(
      'Bontnewydd/place',
    );
  });
});

describe("a company's legal form after a comma", () => {
  it('is part of its name, but not a full stop that ends the sentence', () => {
    expect(names('The channel was run by Bexley Media, Inc., a cable company.')).toEqual([
      'Bexley Media, Inc./organization',
    ]);
    expect(names("Analysts at Vestra Research, Inc's office said so.")).toEqual([
      'Vestra Research, Inc/organization',
    ]);
    expect(names('The buyer was Bexley Media, Inc.')).toEqual(['Bexley Media/organization']);
  });
});

describe('units and départements', () => {
  it('reads a name before "regiment" or "battalion" as an organisation', () => {
    expect(names('It replaced the Gardes Lafayette regiment on the line.')).toEqual([
      'Gardes Lafayette/organization',
    ]);
  });

  it('reads a name after "the département of" as a place', () => {
    expect(names('Fires burned in the French département of Aude.')).toContain('Aude/place');
  });
});

describe('other names', () => {
  it("takes the page's kind for another name of a name the block leaves open", () => {
    const { mentions, keyOf } = page([
      'Karrowby is a village in Cumbria.',
      'Karrowby can be spelt as Carrowbie or even Karobie.',
    ]);
    expect(mentions.map((m) => `${m.text}/${m.kind}`)).toEqual([
      'Karrowby/place',
      'Cumbria/place',
      'Karrowby/place',
      'Carrowbie/place',
      'Karobie/place',
    ]);
    expect(keyOf('Carrowbie')).toBe(keyOf('Karrowby'));
  });
});

describe('a noun and "called" or "named" before a name', () => {
  it.each([
    ['a place', 'They settled in an area called Pampa Hermosa last year.', 'Pampa Hermosa/place'],
    ['an organisation', 'He formed a band called Molly Dane in 2004.', 'Molly Dane/organization'],
  ])('reads it as %s', (_, text, name) => {
    expect(names(text)).toContain(name);
  });
});

describe("a shop's name with its possessive", () => {
  it('is kept at a sentence start, after "at" and in a list, but not before another owner', () => {
    expect(names("Gorringe's became Hecht's in 1992.")).toEqual([
      "Gorringe's/organization",
      "Hecht's/organization",
    ]);
    expect(names("The band played at Miller's, the bar in town.")).toEqual(["Miller's/organization"]);
    expect(names("Maakinen's and Mitsubishi's positions were strengthened.")).not.toContain(
      "Maakinen's/organization",
    );
  });
});

describe('an organisation noun and a comma before a name', () => {
  it('reads the name after an indefinite description as the organisation, not after "his club"', () => {
    expect(names('The single was released by American rock band, Eels.')).toEqual(['Eels/organization']);
    expect(names('A Sarajevo daily newspaper, Dnevi Avaz, said so.')).toContain('Dnevi Avaz/organization');
    expect(names('He will play for his Amsterdam club, Endt said.')).toEqual([
      'Amsterdam/place',
      'Endt/person',
    ]);
  });
});
