import { describe, expect, it } from 'vitest';
import { names, page } from './helpers';

describe('names listed together', () => {
  it('reads a guessed name in a list of people as a person, through an Oxford comma', () => {
    expect(names('Other teammates were Max Carey, Kiki Cuyler, Rabbit Maranville, and Pie Traynor.')).toEqual(
      ['Max Carey/person', 'Kiki Cuyler/person', 'Rabbit Maranville/person', 'Pie Traynor/person'],
    );
  });
});

describe("a war's sides", () => {
  it('reads a side named by its adjective before its forces as an organisation', () => {
    expect(names('Its units supported the Allied invasion of Normandy.')).toEqual([
      'Allied/organization',
      'Normandy/place',
    ]);
    expect(names('The regiment pursued the Confederate army for a week.')).toEqual([
      'Confederate/organization',
    ]);
    // ... and the word alone names nothing it did not name before.
    expect(names('The Union said the strike would go on.')).toEqual([]);
  });
});

describe('units called by their number', () => {
  it('reads "the 65th" as the unit on a page that names units', () => {
    const { mentions } = page([
      'The 65th Air Division directed base construction.',
      'In June 1985, the 65th assumed responsibility for electronic combat.',
    ]);
    expect(mentions.map((m) => `${m.text}/${m.kind}`)).toEqual([
      '65th Air Division/organization',
      '65th/organization',
    ]);
  });

  it('leaves numbers alone elsewhere', () => {
    expect(names('On the 5th of May, the 18th was closed and the 20th century ended.')).toEqual([]);
    expect(names('In June 1985, the 65th assumed responsibility for electronic combat.')).toEqual([]);
    expect(names('He scored 31 points in his 100th NBA game.')).toEqual(['NBA/organization']);
  });

  it('reads initials after an ordinal as the unit with its number on a page that names units', () => {
    const { mentions } = page([
      'The brigade joined the 139th Pennsylvania Infantry at dawn.',
      'The 93d PVI and the 62d NY held the line.',
    ]);
    expect(mentions.map((m) => `${m.text}/${m.kind}`)).toEqual([
      '139th Pennsylvania Infantry/organization',
      '93d PVI/organization',
      '62d NY/organization',
    ]);
  });
});

describe('what the page calls a name', () => {
  it('keeps "the band Gigi" a band where the name alone looks like a first name', () => {
    const { mentions } = page([
      'He is the lead guitarist of the band Gigi.',
      "Spirit included Baron, Gigi's former guitarist.",
      'His current band, Gigi, was formed in 1994.',
      'Since then, Gigi has released six albums.',
    ]);
    expect(mentions.filter((m) => m.text === 'Gigi').map((m) => m.kind)).toEqual([
      'organization',
      'organization',
      'organization',
      'organization',
    ]);
  });
});

describe('a lone unknown word', () => {
  it('is a person when it ends as surnames do, a place when it ends as places do, an organisation otherwise', () => {
    expect(names('He met Stevenson again during the trials.')).toEqual(['Stevenson/person']);
    expect(names('A win over Kowalski came next.')).toEqual(['Kowalski/person']);
    expect(names('The deal with Zorbatek was signed.')).toEqual(['Zorbatek/organization']);
    expect(names('They were back in the siege lines of Zorbsburg.')).toEqual(['Zorbsburg/place']);
    // ... and the possessive a shop's name owns stays with it ("Nicholson's").
    expect(names("The station was founded by Nicholson's, which ran it.")).toEqual([
      "Nicholson's/organization",
    ]);
  });
});

describe('a definition after a sentence-initial name', () => {
  it('keeps the first word of the name it defines', () => {
    expect(names('Dark Room Notes are a four-piece electro band based in Dublin.')).toEqual([
      'Dark Room Notes/organization',
      'Dublin/place',
    ]);
  });
});

describe("a day's paper", () => {
  it("reads a day before a paper's word as the paper's name", () => {
    expect(names('He wrote for the Sunday Times and the Sunday Telegraph on Monday.')).toEqual([
      'Sunday Times/organization',
      'Sunday Telegraph/organization',
    ]);
  });
});

describe('a noun after unknown words', () => {
  it('says they name a place or an organisation rather than a person', () => {
    expect(names('It is located in the Bijeli Brijeg neighbourhood of the city.')).toEqual([
      'Bijeli Brijeg/place',
    ]);
    expect(names('They met Bijeli Brijeg at the station.')).toEqual(['Bijeli Brijeg/person']);
  });
});

describe('a describing noun before "of"', () => {
  it('does not outweigh what the page says of a person elsewhere', () => {
    const { mentions } = page([
      'President Yoon Suk Yeol declared martial law.',
      'Police raided the headquarters of Yoon on Monday.',
      'President Yoon apologised on Saturday.',
      'Lawmakers voted to impeach President Yoon.',
    ]);
    expect(mentions.filter((m) => m.text === 'Yoon').map((m) => m.kind)).toEqual([
      'person',
      'person',
      'person',
    ]);
  });
});

describe("a railway's initials", () => {
  it('name a line on a page of railroads, an organisation elsewhere', () => {
    const { mentions } = page([
      'The design was repeated for the Monson Railroad and the Sandy River Railroad.',
      'B&SR used early profits to replace wooden trestles.',
    ]);
    expect(mentions.map((m) => `${m.text}/${m.kind}`)).toEqual([
      'Monson Railroad/place',
      'Sandy River Railroad/place',
      'B&SR/place',
    ]);
    expect(names('B&SR used early profits to replace wooden trestles.')).toEqual(['B&SR/organization']);
  });
});
