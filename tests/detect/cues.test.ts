import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect';
import { names } from './helpers';

describe('organisation and place cues', () => {
  it('reads names never seen before by the word that ends them', () => {
    expect(names('A spokesman for the State Department and the Turkish Armed Forces agreed.')).toEqual([
      'State Department/organization',
      'Turkish Armed Forces/organization',
    ]);
    expect(names('Reporters from the Qalamoun Valley Gazette arrived.')).toEqual([
      'Qalamoun Valley Gazette/organization',
    ]);
  });

  it('reads "X of Y" organisations and places', () => {
    expect(names('He teaches at the University of Birmingham.')).toEqual([
      'University of Birmingham/organization',
    ]);
    expect(names('Officials of the Election Commission of India met.')).toEqual([
      'Election Commission of India/organization',
    ]);
    expect(names('The town of al-Bab lies in Aleppo Province.')).toEqual([
      'al-Bab/place',
      'Aleppo Province/place',
    ]);
    expect(names('The dock lies on the River Mersey.')).toEqual(['River Mersey/place']);
    expect(names('The final was played at the Stade de France.')).toEqual(['Stade de France/place']);
    expect(names('It serves the City of Brampton and the Island of Divar.')).toEqual([
      'City of Brampton/place',
      'Island of Divar/place',
    ]);
    expect(names('Mills in the Pacific Northwest and in Ilocos Norte closed.')).toEqual([
      'Pacific Northwest/place',
      'Ilocos Norte/place',
    ]);
    expect(names('Commuters from St Albans filled Hay St on Monday.')).toEqual([
      'St Albans/place',
      'Hay St/place',
    ]);
  });

  it('reads a capital inside a word as a brand, but not a name particle', () => {
    expect(names('Users left MySpace for YouTube.')).toEqual([
      'MySpace/organization',
      'YouTube/organization',
    ]);
    expect(names('Engineers at Google DeepMind built it.')).toEqual(['Google DeepMind/organization']);
    expect(names('Governor Ron DeSantis met Leonardo DiCaprio.')).toEqual([
      'Ron DeSantis/person',
      'Leonardo DiCaprio/person',
    ]);
  });

  it('reads a known place followed by common words as a club, company or paper', () => {
    expect(names('Fans of the Perth Glory and readers of Syria Daily met.')).toEqual([
      'Perth Glory/organization',
      'Syria Daily/organization',
    ]);
  });

  it("reads a market's words around a name as a company", () => {
    expect(names('Shares of Exxon Mobil rose after a downgrade from Morgan Stanley.')).toEqual([
      'Exxon Mobil/organization',
      'Morgan Stanley/organization',
    ]);
    expect(names('Idemitsu Kosan shares fell.')).toEqual(['Idemitsu Kosan/organization']);
  });

  it('reads "along the X" as a place', () => {
    expect(names('Boats sailed along the Seine.')).toEqual(['Seine/place']);
  });

  it('reads a word no list knows, listed with a known name, as a name', () => {
    expect(names('Anthropic and Google DeepMind declined to comment.')).toEqual([
      'Anthropic/organization',
      'Google DeepMind/organization',
    ]);
  });

  it('reads a place and an unknown word side by side as a company', () => {
    expect(names('Flights were cancelled at Cathay Pacific on Monday.')).toEqual([
      'Cathay Pacific/organization',
    ]);
    expect(names('Shares of Berkshire Hathaway rose.')).toEqual(['Berkshire Hathaway/organization']);
    // A first name or a common word next to the place does not make a company.
    expect(names('He met Sushil Chandra in Delhi.')).toEqual(['Sushil Chandra/person', 'Delhi/place']);
  });

  it('reads a district that runs a service as an organisation', () => {
    expect(names('Teachers of the Coronado Unified School District met.')).toEqual([
      'Coronado Unified School District/organization',
    ]);
    expect(names('Walkers filled the Lake District.')).toEqual(['Lake District/place']);
    expect(names('Coronado Unified School District is the school district in Coronado.')[0]).toBe(
      'Coronado Unified School District/organization',
    );
  });

  it('reads a city and an acronym as its club', () => {
    expect(names('He played for the Montreal HC in 1894.')).toEqual(['Montreal HC/organization']);
  });

  it('reads a known place and a plural nickname as a team, though the place opens like a landmark', () => {
    expect(names('He was traded to the St. Louis Cardinals in 1972.')).toEqual([
      'St. Louis Cardinals/organization',
    ]);
  });

  it('reads the club a player plays for, and the next club listed', () => {
    expect(names('He played with Footscray and North Melbourne in the VFL.')).toEqual([
      'Footscray/organization',
      'North Melbourne/organization',
      'VFL/organization',
    ]);
    expect(names('He later coached Lausanne.')).toEqual(['Lausanne/organization']);
    expect(names('He played in Texas and Ohio.')).toEqual(['Texas/place', 'Ohio/place']);
  });

  it('reads a capitalised plural after "the" mid-sentence as a team or band', () => {
    expect(names('He was signed by the Jets, then traded to the Patriots.')).toEqual([
      'Jets/organization',
      'Patriots/organization',
    ]);
    expect(names('Jets flew over the city.')).toEqual([]);
  });

  it("keeps a unit's number in its name", () => {
    expect(names('Troops of the 82nd Airborne Division and the 3rd Assault Brigade advanced.')).toEqual([
      '82nd Airborne Division/organization',
      '3rd Assault Brigade/organization',
    ]);
    expect(names('In 1943 it became 65 Fighter Wing.')).toEqual(['65 Fighter Wing/organization']);
    expect(names('It was transferred to the VI Corps in 1862.')).toEqual(['VI Corps/organization']);
  });

  it('gives cue subkinds', () => {
    const e = [...detect('Bilal Abdul Kareem of On the Ground News said.').entities.values()].find(
      (x) => x.kind === 'organization',
    )!;
    expect(e.subkind).toBe('media');
  });

  it('reads an apposition or a relative pronoun after a name', () => {
    expect(names('Gavi, the vaccine alliance, has asked for more doses.')).toEqual(['Gavi/organization']);
    expect(names('Shares fell. Zentrix, which supplies cells to carmakers, dropped.')).toEqual([
      'Zentrix/organization',
    ]);
  });

  it('finds no mention inside events and storms', () => {
    expect(names('The launch was delayed by Hurricane Milton and the Tour de France.')).toEqual([]);
    expect(names('Operation Euphrates Shield began in August.')).toEqual([]);
    expect(names('They won at the MTV Video Music Awards on Sunday.')).toEqual([]);
    // A hyphenated honour is no organisation.
    expect(names('He was a consensus All-American as a senior.')).toEqual([]);
    // A run the clean-up empties is no honour either (nor a crash).
    expect(names('Commercial TV 127 6 loss 174 33 profit')).toEqual([]);
    // ... but a known name that ends like an event is still a name.
    expect(names('Voters backed the National Rally on Sunday.')).toEqual(['National Rally/organization']);
  });

  it('reads a describing noun before a name', () => {
    expect(names('Songs by the band Zorblax Quintet were played.')).toEqual(['Zorblax Quintet/organization']);
    expect(names('The band recruited drummer Shanahan in 2006.')).toEqual(['Shanahan/person']);
  });

  it("reads a railway line as a place, and a country's railway as the company that runs it", () => {
    expect(names('Trains ran on the Ashby Valley Railroad until 1941.')).toEqual([
      'Ashby Valley Railroad/place',
    ]);
    expect(names('Track of the Tarnock and Wexley Railway was lifted.')).toEqual([
      'Tarnock and Wexley Railway/place',
    ]);
    // ... also when the places it joins are known ones.
    expect(names('The Portland and Ogdensburg Railroad was built.')).toEqual([
      'Portland and Ogdensburg Railroad/place',
    ]);
    expect(names('He went to London and Birmingham by train.')).toEqual(['London/place', 'Birmingham/place']);
    expect(names('Tickets are sold by the State Railway of Thailand.')).toEqual([
      'State Railway of Thailand/organization',
    ]);
    // A plural is the company: "Indian Railways".
    expect(names('Staff of the Ruritanian Railways went on strike.')).toEqual([
      'Ruritanian Railways/organization',
    ]);
  });

  it('reads a compass point opening an unknown name as a place', () => {
    expect(names('He opened a gym in North Tarbeck and met his wife.')).toEqual(['North Tarbeck/place']);
    expect(names('The line served West Hollin and South Jutland.')).toEqual([
      'West Hollin/place',
      'South Jutland/place',
    ]);
    // Not a people ("Western Australian Labor" is a party's branch), nor an organisation's cue.
    expect(names('Voters backed Western Australian Labor.').map((n) => n.endsWith('/place'))).not.toContain(
      true,
    );
    expect(names('Players of the Southwest Conference Co-Lineman team.')).not.toContain(
      'Southwest Conference Co-Lineman/place',
    );
  });

  it("reads a title before a team's name as its honour, not a person's", () => {
    expect(names('He was drafted by the NFL Champion Baltimore Colts.')).toEqual([
      'NFL/organization',
      'Baltimore Colts/organization',
    ]);
  });

  it('reads an unknown name followed by its state or country as a town', () => {
    expect(names('They marched to Sandy Hook, Maryland, before the battle.')).toEqual([
      'Sandy Hook/place',
      'Maryland/place',
    ]);
    expect(names('The firm moved to Tarbeck, Virginia in 1994.')).toEqual([
      'Tarbeck/place',
      'Virginia/place',
    ]);
    // Not in a list of names, nor before a possessive.
    expect(names('He liked Yes, Gentle Giant, Kansas and others.')).not.toContain('Gentle Giant/place');
    expect(names("Ella Tarbeck, Virginia's governor, spoke.")).toContain('Ella Tarbeck/person');
  });

  it("keeps a feature's lower-case noun in its name", () => {
    expect(names('Boats sailed up the Tarbeck river to the Hollin islands.')).toEqual([
      'Tarbeck river/place',
      'Hollin islands/place',
    ]);
    expect(names('He waited at Wexley railway station.')).toEqual(['Wexley railway station/place']);
    // Not after a person's name.
    expect(names('Dr. Anna Tarbeck river trips are popular.')).not.toContain('Anna Tarbeck river/place');
  });

  it("reads a town and a people's name or a hyphenated pair as its paper, but not a country and a people", () => {
    expect(names('He wrote for the Odessa American and the Fort Worth Star-Telegram.')).toEqual([
      'Odessa American/organization',
      'Fort Worth Star-Telegram/organization',
    ]);
    expect(names('She spoke at the Fiji Indian congress.')).not.toContain('Fiji Indian/organization');
  });

  it("reads a German district, a member's seat and a place listed after a placed one", () => {
    expect(names('Both were moved from Kreis Tarbeck in 1920.')).toEqual(['Kreis Tarbeck/place']);
    expect(
      names('He was the Liberal MPP for Tarbeck until 1967.').filter((n) => n.startsWith('Tarbeck')),
    ).toEqual(['Tarbeck/place']);
    expect(names('Keim was born in Hollin, Tarbeck, Wexley to an architect.').slice(1)).toEqual([
      'Hollin/place',
      'Tarbeck/place',
      'Wexley/place',
    ]);
    expect(names('They held the Tarbeck bridgehead.')).toEqual(['Tarbeck/place']);
  });
});

describe('venues', () => {
  it('reads a lounge, an auditorium or a schoolhouse as the venue that runs it', () => {
    expect(names('The show was held at the Shrine Auditorium and later at the Shadow Lounge.')).toEqual([
      'Shrine Auditorium/organization',
      'Shadow Lounge/organization',
    ]);
    expect(names('The sites include the Paxton First Schoolhouse.')).toEqual([
      'Paxton First Schoolhouse/organization',
    ]);
  });
});

describe('place nouns', () => {
  it('reads a name after "nature park" or "the prairie of" as a place', () => {
    expect(names('Bilje is a village near nature park Kopački Rit.')).toEqual([
      'Bilje/place',
      'Kopački Rit/place',
    ]);
    expect(names('The army arrived in the prairie of Vilcapugio, a plateau.')).toEqual(['Vilcapugio/place']);
  });
});

describe('eras', () => {
  it('are no names ("the Middle Ages", "the Dark Ages")', () => {
    expect(names('During the Middle Ages and the Dark Ages they lived in Navarre.')).toEqual([
      'Navarre/place',
    ]);
  });
});

describe('bodies of members', () => {
  it('reads a brotherhood, a fellowship or a syndicate as an organisation', () => {
    expect(names('It influenced later painters in the Pre-Raphaelite Brotherhood.')).toEqual([
      'Pre-Raphaelite Brotherhood/organization',
    ]);
    expect(names('He was active in the Zorbian Syndicate for years.')).toEqual([
      'Zorbian Syndicate/organization',
    ]);
  });
});

describe('battles', () => {
  it('are events in the plural too ("the Battles of Tucumán")', () => {
    expect(names('After the Battles of Tucumán and Salta, the army moved north.')).toEqual(['Salta/place']);
  });
});
