import { describe, expect, it } from 'vitest';
import { names, page } from './helpers';

describe('organizations and teams on sports and news pages', () => {
  it('reads a results line as two sides, whatever else their names are (a word, a first name)', () => {
    expect(names('Arsenal 2 Chelsea 1')).toEqual(['Arsenal/organization', 'Chelsea/organization']);
    expect(names('Full time: Leeds 3, Burnley 0.')).toEqual(['Leeds/organization', 'Burnley/organization']);
    // The page's one kind per name carries the results line to the match report.
    const { mentions } = page([
      'Arsenal 2 Chelsea 1',
      'Chelsea had led at the break before Arsenal came back.',
    ]);
    expect(mentions.map((m) => `${m.text}/${m.kind}`)).toEqual([
      'Arsenal/organization',
      'Chelsea/organization',
      'Chelsea/organization',
      'Arsenal/organization',
    ]);
  });

  it('keeps national sides places and players named in full people in a results line', () => {
    expect(names('England 2 Germany 1')).toEqual(['England/place', 'Germany/place']);
    expect(names("Ronnie O'Sullivan 6 John Higgins 4")).toEqual([
      "Ronnie O'Sullivan/person",
      'John Higgins/person',
    ]);
    // A model number is no score: "Line 6 Ax2 212".
    expect(names('It is connected to the Line 6 Ax2 212 amplifier.')).not.toContain('Line/organization');
  });

  it('reads a city beaten or beating as a side', () => {
    expect(names('DETROIT beat Chicago 3-2 in overtime on Sunday night.')).toEqual([
      'DETROIT/organization',
      'Chicago/organization',
    ]);
  });

  it("reads a club behind its sponsor's name as one organization, not a person", () => {
    expect(names('Fogo Unia Leszno won the meeting at home.')).toEqual(['Fogo Unia Leszno/organization']);
    expect(names('The hosts, Betard Sparta Wrocław, led after four heats.')).toEqual([
      'Betard Sparta Wrocław/organization',
    ]);
  });

  it('reads a club named by its word or its acronym and its town as one organization', () => {
    expect(names('PSV Eindhoven beat Ajax Amsterdam on Sunday.')).toEqual([
      'PSV Eindhoven/organization',
      'Ajax Amsterdam/organization',
    ]);
    expect(names('Bayern Munich and Werder Bremen drew.')).toEqual([
      'Bayern Munich/organization',
      'Werder Bremen/organization',
    ]);
  });

  it('reads a guild and its acronym as one organization', () => {
    const { mentions, keyOf } = page([
      'The strike was called by the Screen Actors Guild (SAG) after talks failed.',
      'SAG said the studios had refused.',
    ]);
    expect(mentions.map((m) => `${m.text}/${m.kind}`)).toEqual([
      'Screen Actors Guild/organization',
      'SAG/organization',
      'SAG/organization',
    ]);
    expect(keyOf('SAG')).toBe(keyOf('Screen Actors Guild'));
  });

  it('reads a guild as an organization without its acronym beside it', () => {
    expect(names('The Screen Actors Guild said on Tuesday that its members would strike.')).toEqual([
      'Screen Actors Guild/organization',
    ]);
  });

  it('reads a name written family name first as one person, not a place and a person', () => {
    expect(names('Parasite was directed by Bong Joon Ho, who won in Cannes.')).toEqual([
      'Bong Joon Ho/person',
      'Cannes/place',
    ]);
    expect(names('Bong Joon Ho won.')).toEqual(['Bong Joon Ho/person']);
    expect(names('Moon Jae-in met Xi Jinping.')).toEqual(['Moon Jae-in/person', 'Xi Jinping/person']);
  });

  it('does not take "Tory" for a person', () => {
    expect(names('The Tory leader spoke on Monday. Tory MPs rebelled.')).toEqual([]);
  });

  it('reads a place that is also a first name as a person when an apposition says so', () => {
    const { mentions } = page([
      'Diana, the princess of Wales, died in Paris in 1997.',
      'Diana had been with Dodi Fayed.',
    ]);
    expect(mentions.filter((m) => m.text === 'Diana').map((m) => m.kind)).toEqual(['person', 'person']);
    // A country stays a country.
    expect(names('Georgia, the former Soviet republic, voted on Sunday.')).toEqual(['Georgia/place']);
  });

  it('reads a wrestler by his ring name as a person', () => {
    expect(names('The wrestler Hulk Hogan signed with WWE in 1984.')).toEqual([
      'Hulk Hogan/person',
      'WWE/organization',
    ]);
  });

  it("reads an acronym in brackets after a player as the player's club, not the player's initials", () => {
    expect(names('Defenders - Jaap Stam (PSV), Arthur Numan (PSV).')).toEqual([
      'Jaap Stam/person',
      'PSV/organization',
      'Arthur Numan/person',
      'PSV/organization',
    ]);
  });

  it("reads the name after a rider's country as the rider's make or team", () => {
    expect(names('2. Noriyuki Haga (Japan) Yamaha 38:30.140')).toEqual([
      'Noriyuki Haga/person',
      'Japan/place',
      'Yamaha/organization',
    ]);
  });

  it("reads a city in brackets after a player, or after a rider's country, as the club or team", () => {
    expect(names('3 - Anto Drobnjak (Bastia), Xavier Gravelaine (Marseille).')).toEqual([
      'Anto Drobnjak/person',
      'Bastia/organization',
      'Xavier Gravelaine/person',
      'Marseille/organization',
    ]);
    expect(names('4. Pierluigi Martini (Italy) Genoa 1:30.12')).toEqual([
      'Pierluigi Martini/person',
      'Italy/place',
      'Genoa/organization',
    ]);
  });

  it('does not type an unknown single foreign word as a person', () => {
    expect(
      names('Officials said Nordkorea had fired a missile.').filter((n) => n.endsWith('/person')),
    ).toEqual([]);
  });
});

describe('sides in tables, fixtures and cricket scores', () => {
  it('reads a place opening a row of figures as a side, a country as a place', () => {
    expect(names('NEW YORK 74 62 .544 -')).toEqual(['NEW YORK/organization']);
    expect(names('TEXAS 70 64 .522 4')).toEqual(['TEXAS/organization']);
    expect(names('Germany 3 2 1 0 7 3 7')).toEqual(['Germany/place']);
    // A place that does not open the row is not a side: a figure after it in prose says nothing.
    expect(names('The fire in Chicago 24 hours ago killed 3 people.')).toEqual(['Chicago/place']);
  });

  it('reads a fixture as two sides', () => {
    expect(names('Arsenal v Chelsea kicks off at 3pm.')).toEqual([
      'Arsenal/organization',
      'Chelsea/organization',
    ]);
    expect(names('CHICAGO AT MILWAUKEE')).toEqual(['CHICAGO/organization', 'MILWAUKEE/organization']);
    expect(names('At Colchester: Essex beat Gloucestershire by an innings.')).toEqual([
      'Colchester/place',
      'Essex/organization',
      'Gloucestershire/organization',
    ]);
  });

  it("reads a town with a cricket side's runs and wickets as the side", () => {
    expect(names('At Chelmsford: Leicester 532-8 declared.')).toContain('Leicester/organization');
    // A county or state with a score is a side too; a country stays a place.
    expect(names('Essex 72-0.')).toEqual(['Essex/organization']);
    expect(names('Texas 24-17 at the half.')).toEqual(['Texas/organization']);
    expect(names('France 2-1 at the break.')).toEqual(['France/place']);
    // ... and with its runs and the innings' best scores, or its points.
    expect(names('Lancashire 323 (N. Fairbrother 86, D. Gough 4-53)')[0]).toBe('Lancashire/organization');
    expect(names('At Colchester: Gloucestershire 280 and 27-4.')).toEqual([
      'Colchester/place',
      'Gloucestershire/organization',
    ]);
    expect(names('Talks resumed in Geneva on March 10 (Reuters).')).toEqual([
      'Geneva/place',
      'Reuters/organization',
    ]);
  });
});

describe('well-known organizations the data lists', () => {
  it('knows news agencies, international bodies and banks news names bare', () => {
    expect(names('Interfax reported that the OSCE and Interpol had met Merrill Lynch analysts.')).toEqual([
      'Interfax/organization',
      'OSCE/organization',
      'Interpol/organization',
      'Merrill Lynch/organization',
    ]);
  });
});

describe('peoples and table headers are no names', () => {
  it('does not underline Serbs, Croats or a standings header', () => {
    expect(names('The Serb and Croat leaders met. Serbs and Croats voted.')).toEqual([]);
    expect(names('W L PCT GB')).not.toContain('PCT/organization');
  });

  it('reads the side a player played some time for or with as a club, a national side as a place', () => {
    expect(names('The defender played seven seasons with Nantes before moving on.')).toContain(
      'Nantes/organization',
    );
    expect(names('He went on to play 26 games for Lausanne.')).toContain('Lausanne/organization');
    expect(names('They now play in group five with Cameroon and Kenya.')).toEqual([
      'Cameroon/place',
      'Kenya/place',
    ]);
  });

  it("reads a place and a team's number-name as the team", () => {
    expect(names('The San Francisco 49ers beat the Philadelphia Eagles.')).toContain(
      'San Francisco 49ers/organization',
    );
    expect(names('He helped found the Ottawa 67s in 1967.')).toEqual(['Ottawa 67s/organization']);
    expect(names('Boeing 747s were grounded.')).toEqual(['Boeing/organization']);
  });
});
