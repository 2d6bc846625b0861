import { describe, expect, it } from 'vitest';
import { names } from './helpers';

describe('name particles', () => {
  it('keeps lower-case particles inside a person name', () => {
    expect(names('The talks were led by Ursula von der Leyen on Monday.')).toContain(
      'Ursula von der Leyen/person',
    );
    expect(names('Crown Prince Mohammed bin Salman met the envoy.')).toContain('Mohammed bin Salman/person');
  });

  it('keeps glued Arabic articles ("al-", "El") in the name', () => {
    expect(names('Forces loyal to Bashar al-Assad advanced.')).toContain('Bashar al-Assad/person');
    expect(names('Egyptian President Abdel Fattah El Sisi spoke in Cairo.')).toEqual([
      'Abdel Fattah El Sisi/person',
      'Cairo/place',
    ]);
  });

  it('joins place particles into one place name', () => {
    expect(names('She was born in Newcastle upon Tyne in 1970.')).toEqual(['Newcastle upon Tyne/place']);
  });

  it('joins "&" inside a company but not between two people', () => {
    expect(names('Shares of Procter & Gamble rose.')).toEqual(['Procter & Gamble/organization']);
    expect(names('The show was hosted by Karl Langdon & Harvey Deegan.')).toEqual([
      'Karl Langdon/person',
      'Harvey Deegan/person',
    ]);
  });

  it('joins one more field by "and" after an organisation head and its "of"', () => {
    expect(names('He works at the Department of Physics and Astronomy.')).toEqual([
      'Department of Physics and Astronomy/organization',
    ]);
    expect(names('The Africa Centres for Disease Control and Prevention warned.')).toEqual([
      'Africa Centres for Disease Control and Prevention/organization',
    ]);
    expect(
      names('Officials of the Ministry of Defence and Erdogan said so.').map((n) => n.split('/')[0]),
    ).toEqual(['Ministry of Defence', 'Erdogan']);
  });

  it('joins a known name with a comma inside, but not a town and its country', () => {
    expect(names('It was moved to Washington, D.C. in July.')).toEqual(['Washington, D.C./place']);
    expect(names('Talks in Kyiv, Ukraine resumed.')).toEqual(['Kyiv/place', 'Ukraine/place']);
  });

  it('keeps a quoted nickname inside a person name', () => {
    expect(names('The drug lord Joaquín "El Chapo" Guzmán was jailed.')).toEqual([
      'Joaquín "El Chapo" Guzmán/person',
    ]);
    // Without a first name before it, a quote is no nickname.
    expect(names('Voters said "Yes" in Galway.')).toEqual(['Galway/place']);
  });

  it('reads an unknown given name before a surname that is also a first name as a person', () => {
    expect(
      names('Kohli and Shubman Gill put on 121.')
        .map((n) => n.split('/'))
        .find(([t]) => t === 'Shubman Gill')?.[1],
    ).toBe('person');
  });

  it('reads a demonym that is a first name, before a surname no list knows, as a person', () => {
    expect(names('Qualifier vs. Christian Rudd (Norway)')).toEqual(['Christian Rudd/person', 'Norway/place']);
    expect(names('The Christian Democrats won.')).toEqual(['Christian Democrats/organization']);
  });

  it("reads unknown words ending in a town's name as a person", () => {
    expect(names('He quoted Rui Gomez Pereira on the temple.')).toEqual(['Rui Gomez Pereira/person']);
  });

  it('joins connectors when the whole is a known name', () => {
    expect(names('The far-right Alternative for Germany came second.')).toEqual([
      'Alternative for Germany/organization',
    ]);
    expect(names('Voters in Bosnia and Herzegovina went to the polls.')).toEqual([
      'Bosnia and Herzegovina/place',
    ]);
  });

  it('reads a capitalised particle inside a person name', () => {
    expect(names('It beat the party of Marine Le Pen.')).toEqual(['Marine Le Pen/person']);
  });

  it('does not join one unit to another with "of"', () => {
    expect(names("Later, Howe's Brigade of Couch's Division crossed the river.")).toEqual([
      "Howe's Brigade/organization",
      "Couch's Division/organization",
    ]);
  });

  it('does not join across an ordinary "of" after a person', () => {
    expect(names('Bilal Abdul Kareem of On the Ground News said so.')).toEqual([
      'Bilal Abdul Kareem/person',
      'On the Ground News/organization',
    ]);
  });
});
