import { describe, expect, it } from 'vitest';
import { createPageDetector } from '../../src/detect';
import { indefiniteBefore } from '../../src/detect/resolve';
import { page } from './helpers';

describe('document-level consistency', () => {
  it('makes a surname an alias of the full name seen on the page', () => {
    const p = page(['Foreign Minister Jean-Marc Ayrault spoke.', 'Ayrault said Paris would host talks.']);
    expect(p.keyOf('Ayrault')).toBe(p.keyOf('Jean-Marc Ayrault'));
    const e = p.entities.get(p.keyOf('Ayrault')!)!;
    expect(e.name).toBe('Jean-Marc Ayrault');
    expect(e.aliases).toEqual(['Jean-Marc Ayrault', 'Ayrault']);
    expect(e.count).toBe(2);
  });

  it('reads a name written with a no-break space as the same name', () => {
    const p = page([
      'Foreign Minister Jean-Marc\u00a0Ayrault spoke.',
      'Jean-Marc Ayrault and Ayrault again.',
    ]);
    expect(p.keyOf('Jean-Marc\u00a0Ayrault')).toBe(p.keyOf('Jean-Marc Ayrault'));
    expect(p.keyOf('Ayrault')).toBe(p.keyOf('Jean-Marc Ayrault'));
  });

  it('aliases a surname that comes before the full name too', () => {
    const p = page([
      'Sisi confirmed support.',
      'President Abdel Fattah El Sisi spoke in Cairo.',
      'El Sisi added more.',
    ]);
    expect(new Set([p.keyOf('Sisi'), p.keyOf('El Sisi'), p.keyOf('Abdel Fattah El Sisi')]).size).toBe(1);
  });

  it('aliases a family name written first', () => {
    const p = page([
      'President Yoon Suk Yeol declared martial law.',
      'Yoon later lifted it.',
      'Kim Jong-un mocked him; Kim said so twice.',
    ]);
    expect(p.keyOf('Yoon')).toBe(p.keyOf('Yoon Suk Yeol'));
    expect(p.keyOf('Kim')).toBe(p.keyOf('Kim Jong-un'));
  });

  it('reads "the League" as the page\'s organisation of that name', () => {
    const p = page([
      'The Australian League of Rights was formed in 1960.',
      'Critics of the League met.',
      'He left the league.',
    ]);
    expect(p.keyOf('League')).toBe(p.keyOf('Australian League of Rights'));
    // Without a full name on the page, a lone common word stays quiet.
    expect(page(['Critics of the League met.']).mentions).toEqual([]);
  });

  it("makes a lone first name an alias of the one person the page names so, but not a sentence's opening verb", () => {
    const p = page(['The band was founded by Jared Leto.', "It was to allow for Jared's film career."]);
    expect(p.keyOf('Jared')).toBe(p.keyOf('Jared Leto'));
    expect(page(['Will Smith came.', 'Will the talks succeed?']).mentions.map((m) => m.text)).toEqual([
      'Will Smith',
    ]);
  });

  it("makes a first name that is also a word an alias of the full name, at a sentence's start only before what a subject did", () => {
    const p = page([
      'Carter Anthony Beauford is a drummer.',
      'His father took young Carter along.',
      'Carter was mesmerized.',
      'Carter also played in a jazz band.',
      'Mark Carney spoke on Monday.',
      'Mark the date in your diary.',
    ]);
    expect(p.keyOf('Carter')).toBe(p.keyOf('Carter Anthony Beauford'));
    expect(p.mentions.filter((m) => m.text === 'Carter')).toHaveLength(3);
    expect(p.mentions.filter((m) => m.text === 'Mark')).toHaveLength(0);
  });

  it('reads "the Reading" as the page\'s longer name that a cue types', () => {
    const p = page([
      'The Reading Railroad ran coal trains.',
      'The Reading Railroad was sold.',
      'The Reading Road runs north.',
      'Crews of the Reading worked nights.',
    ]);
    expect(p.keyOf('Reading')).toBe(p.keyOf('Reading Railroad'));
    expect(p.mentions.find((m) => m.text === 'Reading')?.kind).toBe('place');
    // Two such names as often: no guess.
    const q = page([
      'The Reading Railroad ran coal trains.',
      'The Reading Road runs north.',
      'Crews of the Reading worked nights.',
    ]);
    expect(q.mentions.find((m) => m.text === 'Reading')?.key).toBe('org:reading');
  });

  it('reads a lone unknown name as a person when "he" or "his" follows its verb', () => {
    expect(
      page(['Belgrano thought Pezuela would not provide much resistance to his attack.']).mentions.find(
        (m) => m.text === 'Pezuela',
      )?.kind,
    ).toBe('person');
    expect(
      page(['Later Zentrix reported its results.']).mentions.find((m) => m.text === 'Zentrix')?.kind,
    ).toBe('organization');
  });

  it("does not make a two-word place the gazetteer knows the end of a person's name", () => {
    const p = page([
      'It will be held at the Hyatt Regency Santa Clara.',
      'The centre is in Santa Clara, California.',
    ]);
    expect(p.mentions.filter((m) => m.text === 'Santa Clara').map((m) => m.kind)).toEqual(['place']);
  });

  it('does not carry a list past its "and"', () => {
    // A guessed kind follows the known name it is listed with ...
    expect(
      page(['Fans came from Ottawa, Zentrix and Halifax.']).mentions.find((m) => m.text === 'Zentrix')?.kind,
    ).toBe('place');
    // ... but after "X and Y," a new clause starts.
    expect(
      page(['After seasons in Ottawa and Halifax, Zentrix broke through.']).mentions.find(
        (m) => m.text === 'Zentrix',
      )?.kind,
    ).not.toBe('place');
  });

  it('keeps a name the page calls a place or an organisation from being a surname', () => {
    const p = page([
      'Circuit Park Zandvoort is a race track.',
      'It is owned by the municipality of Zandvoort.',
    ]);
    expect(p.mentions.find((m) => m.text === 'Zandvoort')?.kind).toBe('place');
    const q = page([
      'Caloi is a Brazilian manufacturer of bicycles.',
      'The company was run by Guido Caloi.',
      'Caloi opened a US unit.',
    ]);
    expect(q.mentions.filter((m) => m.text === 'Caloi').map((m) => m.kind)).toEqual([
      'organization',
      'organization',
    ]);
  });

  it('keeps a phrase of common words the page names again and again mid-sentence, not one named twice', () => {
    const p = page([
      'He was a member of One Nation until 1998.',
      'Costello said One Nation policy was wrong.',
      'Voters left One Nation in droves.',
    ]);
    expect(p.mentions.filter((m) => m.text === 'One Nation').map((m) => m.kind)).toEqual([
      'organization',
      'organization',
      'organization',
    ]);
    const twice = page(['He was a member of One Nation until 1998.', 'Voters left One Nation in droves.']);
    expect(twice.mentions.map((m) => m.text)).toEqual([]);
  });

  it('takes a phrase the page calls something "a" one for a description, however often it is given', () => {
    const lines = [
      'Critics say he is a Turkmen Nationalist, and proud of it.',
      'Their Turkmen Nationalist rhetoric grew.',
      'He left Turkmen Nationalist in 1998.',
      'Voters say Turkmen Nationalist ideas spread.',
    ];
    expect(page(lines).mentions.map((m) => m.text)).toEqual([]);
    // Without the description, the same phrase given thrice mid-sentence is a name; a name used as a
    // modifier after "a" ("a One Nation candidate") is still one.
    expect(page(lines.slice(1)).mentions.map((m) => m.text)).toContain('Turkmen Nationalist');
    const modifier = page([
      'She was a One Nation candidate in 1998.',
      'Costello said One Nation policy was wrong.',
      'Voters left One Nation in droves.',
    ]);
    expect(modifier.mentions.filter((m) => m.text === 'One Nation')).toHaveLength(3);
  });

  it('makes ISIS, Islamic State and Daesh one entity', () => {
    const p = page(['ISIS fighters retreated.', 'Islamic State denied it.', 'Turkey fights Daesh.']);
    const key = p.keyOf('ISIS');
    expect(p.keyOf('Islamic State')).toBe(key);
    expect(p.keyOf('Daesh')).toBe(key);
    expect(p.entities.get(key!)!.wikiTitle).toBe('Islamic State');
  });

  it('gives one surface one kind across the page', () => {
    // "in Kell" alone would say place; the page's full name says person, and every "Kell" follows it.
    const p = page([
      'Zorbania Kell said the talks had failed.',
      'Protests spread in Kell.',
      'Kell later resigned.',
    ]);
    const kells = p.mentions.filter((m) => m.text === 'Kell');
    expect(kells.map((m) => `${m.kind} ${m.key}`)).toEqual(
      Array(2).fill(`person ${p.keyOf('Zorbania Kell')}`),
    );
  });

  it('lets the places a page names outvote a lone word that is also a first name', () => {
    const p = page([
      'The town of Harrison lies on the line.',
      'Milepost 20.7: Harrison, a station.',
      'The first train left Harrison at 5:15.',
    ]);
    expect(new Set(p.mentions.filter((m) => m.text === 'Harrison').map((m) => m.kind))).toEqual(
      new Set(['place']),
    );
  });

  it('keeps keys stable when more blocks arrive', () => {
    const d = createPageDetector();
    d.add('Turkish Prime Minister Binali Yıldırım visited Ankara.');
    const first = d.resolve().blocks[0].map((m) => m.key);
    d.add('Meanwhile Hezbollah met Russian officers in Aleppo.');
    d.add('Yıldırım later flew back to Ankara.');
    const again = d.resolve();
    expect(again.blocks[0].map((m) => m.key)).toEqual(first);
    expect(again.blocks[1].length).toBeGreaterThan(0);
    // The same names in a later block get the keys they had before it arrived.
    expect(again.blocks[2].map((m) => m.key)).toEqual([first[0], first[1]]);
  });

  it('gives places from the data their geo and countries their subkind', () => {
    const p = page(['Troops moved from Damascus towards Syria’s border with Turkey.']);
    const damascus = p.entities.get(p.keyOf('Damascus')!)!;
    expect(damascus.geo?.country).toBe('SY');
    expect(damascus.geo?.population).toBeGreaterThan(1_000_000);
    const turkey = p.entities.get(p.keyOf('Turkey')!)!;
    expect(turkey.subkind).toBe('country');
    expect(turkey.wikiTitle).toBe('Turkey');
  });
});

describe('cost', () => {
  it('stays linear on a long capitalised list', () => {
    const list = Array.from(
      { length: 40_000 },
      (_, i) => ['Paris', 'London', 'Smith', 'Alpha', 'Beta'][i % 5],
    ).join(' ');
    const t0 = performance.now();
    page([list]);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

describe('indefiniteBefore', () => {
  // The article as a word of its own, any case, right before the phrase (one space), as /(?:^|[^\p{L}\p{N}])an? $/iu
  // reads the 8 characters before it.
  const cases: Array<[string, boolean]> = [
    ['a One', true],
    ['An One', true],
    ['is a One', true],
    ['(an One', true],
    ['—A One', true],
    ['Ka One', false],
    ['Ian One', false],
    ['éa One', false],
    ['1a One', false],
    ['\u{1D400}a One', false],
    ['😀a One', true],
    ['a  One', false],
    ['n One', false],
    ['the One', false],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(indefiniteBefore(text, text.lastIndexOf('One'))).toBe(expected);
  });
});
