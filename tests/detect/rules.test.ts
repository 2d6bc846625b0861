import { describe, expect, it } from 'vitest';
import { lexicon } from '../../src/detect/lexicon';
import { CONTEXT_RULES, LINK_RULES, SEGMENT_RULES, scanBlock } from '../../src/detect/scan';

/**
 * One sentence per rule of the classification cascade, the context rules it asks and the pass over
 * neighbouring candidates, with the rule that must act in it and the candidates that come out. The meta-test below holds the lists and this table
 * together: a rule added to either list without a case here fails.
 */
const CASES: Record<string, { text: string; names: string[] }> = {
  otherName: { text: 'He led Operation Euphrates Shield last year.', names: [] },
  numbered: { text: 'The engineer of Train No. 23 was late.', names: [] },
  stageName: { text: 'The set by DJ Khaled ran late, and the DJ left.', names: ['DJ Khaled/person'] },
  familyFirst: { text: 'The film by Bong Joon Ho won.', names: ['Bong Joon Ho/person'] },
  positionalCapitals: { text: 'Residents fled from Aleppo.', names: ['Residents/person', 'Aleppo/place'] },
  describingWord: {
    text: 'It was Rookie David Miller Jones who scored.',
    names: ['David Miller Jones/person'],
  },
  shouted: { text: 'THIS IS A LIVE BLOG: rebels took Aleppo.', names: ['BLOG/organization', 'Aleppo/place'] },
  seatTitleAfter: {
    text: 'He sat as the Liberal-Labour MPP for Kenora until 1967.',
    names: ['Liberal-Labour/organization', 'Kenora/place'],
  },
  wholePhrase: { text: 'They met in Aleppo yesterday.', names: ['Aleppo/place'] },
  otherNameTrimmed: { text: 'After Hurricane Milton hit, they left.', names: [] },
  directionDemonym: { text: 'Many North African migrants came.', names: [] },
  directionPlace: {
    text: 'Fires spread in Southern California today.',
    names: ['Fires/person', 'Southern California/place'],
  },
  placeCompassAfter: {
    text: 'Storms hit Ilocos Norte on Monday.',
    names: ['Storms/person', 'Ilocos Norte/place'],
  },
  title: { text: 'He met President Emmanuel Macron on Monday.', names: ['Emmanuel Macron/person'] },
  titleOf: { text: 'She met the President of France on Monday.', names: ['France/place'] },
  firstNameCueSurname: { text: 'Coach David Field said it was fine.', names: ['David Field/person'] },
  orgCue: {
    text: 'Schools of the Coronado Unified School District closed.',
    names: ['Schools/person', 'Coronado Unified School District/organization'],
  },
  placeTeam: {
    text: 'He joined the St. Louis Cardinals in May.',
    names: ['St. Louis Cardinals/organization', 'May/place'],
  },
  townPaper: { text: 'He wrote for the Odessa American for years.', names: ['Odessa American/organization'] },
  placeCue: {
    text: 'Shelling hit Idlib Province overnight.',
    names: ['Shelling/person', 'Idlib Province/place'],
  },
  compassPlace: { text: 'He was born in North Shields in 1950.', names: ['North Shields/place'] },
  demonymLead: {
    text: 'Fighters of the Kurdish YPG advanced.',
    names: ['Fighters/person', 'YPG/organization'],
  },
  describedAs: {
    text: 'He sang with the band Mad Capsule Markets for years.',
    names: ['Mad Capsule Markets/organization'],
  },
  titleBefore: { text: 'said analyst Gankhuyag Tsend on Friday.', names: ['Gankhuyag Tsend/person'] },
  acronymPlace: { text: 'He signed for PSV Eindhoven in June.', names: ['PSV Eindhoven/organization'] },
  personShape: { text: 'Yesterday Michael Jordan retired.', names: ['Michael Jordan/person'] },
  unknownWordsPerson: { text: 'Yesterday Rui Gomez Pereira spoke.', names: ['Rui Gomez Pereira/person'] },
  cityAcronymClub: {
    text: 'He played for Sunderland AFC last year.',
    names: ['Sunderland AFC/organization'],
  },
  brandWithPlace: {
    text: 'Tickets on Cathay Pacific were sold.',
    names: ['Tickets/person', 'Cathay Pacific/organization'],
  },
  nationSlogan: {
    text: 'He was a member of Britain First for a year.',
    names: ['Britain First/organization'],
  },
  wordCountry: {
    text: 'My Government will establish Skills England this year.',
    names: ['Government/organization', 'Skills England/organization'],
  },
  innerPhrases: { text: 'He joined Google DeepMind in 2020.', names: ['Google DeepMind/organization'] },
  unknownRun: { text: 'He joined Activision last year.', names: ['Activision/organization'] },
  sportsSide: {
    text: 'He played with Footscray and North Melbourne.',
    names: ['Footscray/organization', 'North Melbourne/organization'],
  },
  resultsLine: { text: 'Arsenal 2 Chelsea 1', names: ['Arsenal/organization', 'Chelsea/organization'] },
  townAndState: {
    text: 'He was born in Sandy Hook, Maryland, in 1950.',
    names: ['Sandy Hook/place', 'Maryland/place'],
  },
  definition: { text: 'Caloi is a Brazilian manufacturer of bicycles.', names: ['Caloi/organization'] },
  appositionPerson: {
    text: 'Diana, the princess of Wales, died in Paris.',
    names: ['Diana/person', 'Wales/place', 'Paris/place'],
  },
  traded: { text: 'Idemitsu Kosan shares fell on Monday.', names: ['Idemitsu Kosan/organization'] },
  listedKind: {
    text: 'Fighting spread to Kyiv and Zorbograd.',
    names: ['Fighting/person', 'Kyiv/place', 'Zorbograd/place'],
  },
  acronymExpansion: {
    text: 'The Zorbian Liberation Front (ZLF) advanced.',
    names: ['Zorbian Liberation Front/organization', 'ZLF/organization'],
  },
  appositionKind: { text: 'He praised Gavi, the vaccine alliance, on Monday.', names: ['Gavi/organization'] },
  personRole: {
    text: 'He met John Smith, the head of the agency, on Monday.',
    names: ['John Smith/person'],
  },
  personVerb: { text: 'The goal came when Zorbel said it would.', names: ['Zorbel/person'] },
  subjectWithPronoun: {
    text: 'Then Cowley finished his career in Ottawa.',
    names: ['Cowley/person', 'Ottawa/place'],
  },
  leaderOfBody: {
    text: 'Troops of the Zorbek regime advanced.',
    names: ['Troops/person', 'Zorbek/person'],
  },
  orgNounAfter: {
    text: 'Fighters of the Zorbek group advanced.',
    names: ['Fighters/person', 'Zorbek/organization'],
  },
  proAnti: { text: 'The crowd chanted pro-Zorbek slogans.', names: ['Zorbek/person'] },
  placePreposition: { text: 'They fled to Zorbegrad on Monday.', names: ['Zorbegrad/place'] },
  soldTo: {
    text: 'It sold all rights to the design to Zorbel Composites in 1986.',
    names: ['Zorbel Composites/organization'],
  },
  placeAdjective: { text: 'The line reached suburban Zorbton last year.', names: ['Zorbton/place'] },
  seat: { text: 'He was the MPP for Kenora until 2003.', names: ['Kenora/place'] },
  representedIn: {
    text: 'He represented Zorbia in the Legislative Assembly for years.',
    names: ['Zorbia/place', 'Legislative Assembly/organization'],
  },
  borderWith: {
    text: 'The suburb lies near the boundary with Zorbwick.',
    names: ['Zorbwick/place'],
  },
  ofPlaceNoun: { text: 'He lived on the outskirts of Zorbegrad for years.', names: ['Zorbegrad/place'] },
  placeNounAfter: { text: 'He swam in the Zorbel river.', names: ['Zorbel river/place'] },
  initialsName: {
    text: 'Yorkshire 305-5 (C. White 66, M. Walker 59).',
    names: ['Yorkshire/organization', 'C. White/person', 'M. Walker/person'],
  },
  nameCountry: {
    text: 'Lanner (Sweden) and Zorbel Kamio (Japan) shared the lead.',
    names: ['Lanner/person', 'Sweden/place', 'Zorbel Kamio/person', 'Japan/place'],
  },
  personClub: {
    text: 'Defenders: Frank de Boer (Ajax), Ed de Goey (Feyenoord).',
    names: [
      'Defenders/person',
      'Frank de Boer/person',
      'Ajax/organization',
      'Ed de Goey/person',
      'Feyenoord/organization',
    ],
  },
  entrantTeam: {
    text: '3. Jean Alesi (France) Benetton',
    names: ['Jean Alesi/person', 'France/place', 'Benetton/organization'],
  },
  bornOrKnownAs: {
    text: 'Adilson Tavares Varela, commonly known as Cabral, is a footballer. Zorbel (born 1960) sings.',
    names: ['Adilson Tavares Varela/person', 'Cabral/person', 'Zorbel/person'],
  },
  otherNameOf: {
    text: 'The town lies in Cumbria, known as Karrowby in old charters, or Netherby Moor (also Netherbie or Nethrebie).',
    names: ['Cumbria/place', 'Karrowby/place', 'Netherby Moor/place', 'Netherbie/place', 'Nethrebie/place'],
  },
  examplesOf: {
    text: 'She toured with guitarists such as Tohpati, Ridho and Abdee Negara, and with bands like New Order.',
    names: ['Tohpati/person', 'Ridho/person', 'Abdee Negara/person', 'New Order/organization'],
  },
  theX: { text: 'They travelled across the Zorbul for weeks.', names: ['Zorbul/place'] },
};

const ALL_RULES = [...SEGMENT_RULES, ...CONTEXT_RULES, ...LINK_RULES];

describe("the detector's rules, one by one", () => {
  const lex = lexicon();
  for (const rule of ALL_RULES) {
    it(`${rule.name}: ${rule.decides}`, () => {
      const example = CASES[rule.name];
      expect(example, `no case for rule "${rule.name}"`).toBeDefined();
      const trace: string[] = [];
      const out = scanBlock(example.text, lex, trace);
      expect(trace).toContain(rule.name);
      expect(out.map((c) => `${c.text}/${c.kind}`)).toEqual(example.names);
    });
  }
});

describe('the rule lists are declared once and fully tested', () => {
  it('names each rule once', () => {
    const names = ALL_RULES.map((r) => r.name);
    expect(names.filter((n, k) => names.indexOf(n) !== k)).toEqual([]);
  });

  it('has a case for every rule, and no case for a rule they do not hold', () => {
    const names = ALL_RULES.map((r) => r.name);
    expect(names.filter((n) => !(n in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((n) => !names.includes(n))).toEqual([]);
  });
});
