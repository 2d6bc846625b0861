import { describe, expect, it } from 'vitest';
import { names } from './helpers';

describe('sentence-initial capitals and headlines', () => {
  it('drops common words that are capitalised only because they open a sentence', () => {
    expect(names('Residents of eastern Aleppo city appeal to the world.')).toEqual(['Aleppo/place']);
    expect(names('These attacks will not weaken us. Far too many people believe it.')).toEqual([]);
  });

  it('starts a sentence after a dateline dash or a time stamp', () => {
    expect(names('WASHINGTON - The U.S. Senate passed the bill.')).toEqual([
      'WASHINGTON/place',
      'U.S. Senate/organization',
    ]);
    expect(names('22:10 The National Electoral Institute says turnout rose.')).toEqual([
      'National Electoral Institute/organization',
    ]);
  });

  it('keeps a common word that opens a sentence as part of the name a name token follows', () => {
    expect(names('The match was long. Hulk Hogan won the belt.')).toEqual(['Hulk Hogan/person']);
    // ... but not a word that opens sentences, describes the person or is a verb's form.
    expect(names('The vote was close. Meanwhile Hogan said no.')).toEqual(['Hogan/person']);
    expect(names('It was late. Earlier Hogan said he would fight.')).toEqual(['Hogan/person']);
    expect(names('It was late. Should Rubin resign, the bank falls.')).toEqual(['Rubin/person']);
    expect(names('They met. Wrestler Hogan said he would fight.')).toEqual(['Hogan/person']);
    expect(names('Taking Archie to the park, they smiled.')).toEqual(['Archie/person']);
    expect(names('Top-seeded Thomas Muster was beaten.')).toEqual(['Thomas Muster/person']);
  });

  it('keeps names that open a sentence', () => {
    expect(names('Turkey says three of its soldiers were killed.')).toEqual(['Turkey/place']);
    expect(names('Hezbollah denied the report.')).toEqual(['Hezbollah/organization']);
  });

  it('reads names with their countries in brackets as a list of players, not a headline', () => {
    expect(names('Grant Stafford (South Africa) vs. Guy Forget (France)')).toEqual([
      'Grant Stafford/person',
      'South Africa/place',
      'Guy Forget/person',
      'France/place',
    ]);
  });

  it("reads a month's short form before a name as a given name, and alone as the month", () => {
    expect(names('Jan Ove Pedersen scored twice.')).toEqual(['Jan Ove Pedersen/person']);
    expect(names('He left on Jan 5.')).toEqual([]);
  });

  it('reads two sides with their scores, or a ranked line, as results, not a headline', () => {
    expect(names('NEC Nijmegen 1 PSV Eindhoven 4')).toEqual([
      'NEC Nijmegen/organization',
      'PSV Eindhoven/organization',
    ]);
    expect(names('4. Tatiana Stiajkina (Ukraine) 11')).toEqual(['Tatiana Stiajkina/person', 'Ukraine/place']);
    // ... but a headline with a number in it stays a headline.
    expect(names('Apollo 11 Astronaut Dies At 93')).toEqual([]);
  });

  it('finds no junk persons in a Title Case headline', () => {
    const found = names('Darayya Council Shuts Down After 4-Year Regime Siege');
    expect(found.filter((n) => n.endsWith('/person'))).toEqual([]);
    expect(names('Report: Egypt Sends Air Support Unit to Syria')).toEqual(['Egypt/place', 'Syria/place']);
  });

  it('needs the page to back a mid-sentence run of capitalised common words', () => {
    expect(names('The house is a Registered Historic Place in the county.')).toEqual([]);
    expect(names('He was Writing Fellow at the University of Leicester.')).toEqual([
      'University of Leicester/organization',
    ]);
    // The words around still say what it is.
    expect(names('He was signed by the Killing Joke label.')).toEqual(['Killing Joke/organization']);
  });

  it('reads peoples and their compounds as no entity', () => {
    expect(names('African-American voters and Kurdish fighters met Russians.')).toEqual([]);
    expect(names('He beat fellow Minnesotan Scott LeDoux and Queenslander Mitchell Rawlins.')).toEqual([
      'Scott LeDoux/person',
      'Mitchell Rawlins/person',
    ]);
  });

  it('keeps a capital "The" that is part of a name mid-sentence', () => {
    expect(names('He played with The Triffids for years.')).toEqual(['The Triffids/organization']);
    expect(names('The report reached Hezbollah first.')).toEqual(['Hezbollah/organization']);
  });
});

describe('web furniture', () => {
  it('is no name after a title word ("Official Website")', () => {
    expect(names('Visit the Official Website of Zorbia Radio.')).toEqual(['Zorbia Radio/organization']);
    expect(names('Listen live on the Official Website.')).toEqual([]);
  });
});
