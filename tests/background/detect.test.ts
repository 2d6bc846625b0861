/**
 * Name detection in the background: one service for every tab, a session per page, answers as offsets
 * and deltas; a session the background no longer holds (its worker stopped) is reported lost; every
 * message and page is bounded.
 */
import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { MAX_SESSIONS, DetectService } from '../../src/background/detect';
import { DetectSession, detectBlocks, MAX_PAGE_CHARS } from '../../src/background/detect-session';
import { createPageDetector } from '../../src/detect';
import { answeredBlocks, encodeBlocks } from '../../src/messaging/detect-wire';
import {
  DETECT_KINDS,
  DETECT_LIMITS,
  type DetectAnswer,
  type DetectDelta,
  type DetectRequest,
} from '../../src/messaging/protocol';
import { DETECT_MAX_MESSAGE_CHARS, refuse } from '../../src/messaging/schemas';
import { contentScript, extensionPage, send } from './helpers';
import { startBackground } from '../../src/background';

const EN = { language: 'en', declared: 'en' };
const BLOCKS = [
  'French Foreign Minister Jean-Marc Ayrault met UN Secretary-General Ban Ki-moon in Paris on Tuesday.',
  'Ayrault said Russia and Iran bore responsibility for the siege of Aleppo.',
  'The Syrian Democratic Forces (SDF) advanced on Raqqa, the SDF said.',
];

const delta = (a: DetectAnswer): DetectDelta => {
  if (a.lost) throw new Error('lost');
  return a;
};

/** An answer's mentions as readable tuples, by block. */
function mentions(a: DetectDelta): Map<number, Array<[number, number, string, string]>> {
  const out = new Map<number, Array<[number, number, string, string]>>();
  for (const [i, from, to] of answeredBlocks(a)) {
    const list: Array<[number, number, string, string]> = [];
    for (let k = from; k < to; k += 4)
      list.push([
        a.mentions[k + 1],
        a.mentions[k + 2],
        a.keys[a.mentions[k + 3]],
        DETECT_KINDS[a.kinds[a.mentions[k + 3]]],
      ]);
    out.set(i, list);
  }
  return out;
}

const open = (session: string, blocks: string[], first = 0): DetectRequest => ({
  session,
  open: { language: EN },
  ...encodeBlocks(blocks.map((text, k) => ({ i: first + k, text }))),
});

describe('the detection session', () => {
  it('answers offsets, keys and kinds as the in-process detector finds them', () => {
    const detector = createPageDetector();
    for (const b of BLOCKS) detector.add(b);
    const expected = detector.resolve();
    const answer = delta(new DetectService().handle(open('s', BLOCKS), '1:0'));
    const got = mentions(answer);
    expected.blocks.forEach((ms, i) =>
      expect(got.get(i)).toEqual(ms.map((m) => [m.start, m.end, m.key, m.kind])),
    );
    expect(new Map(answer.entities.map((e) => [e.key, e]))).toEqual(expected.entities);
    // The detect command runs the same code.
    expect(
      detectBlocks(
        BLOCKS.map((text) => ({ text })),
        EN,
      ).blocks,
    ).toEqual(expected.blocks);
  });

  it('lets the re-typer have its word, as the eval scores it (a results page: COMMACK is the dateline town)', () => {
    const page = [
      'TENNIS - RESULTS AT HAMLET CUP.',
      'COMMACK, New York 1996-08-22',
      'Results from the Hamlet Cup:',
      'Michael Chang (U.S.) beat Jonas Bjorkman (Sweden) 6-3 6-4',
      'Marcelo Rios (Chile) beat Richey Reneberg (U.S.) 6-4 6-2',
    ];
    const detector = createPageDetector();
    for (const b of page) detector.add(b);
    const expected = detector.resolve();
    const got = mentions(delta(new DetectService().handle(open('r', page), '1:0')));
    expected.blocks.forEach((ms, i) =>
      expect(got.get(i)).toEqual(ms.map((m) => [m.start, m.end, m.key, m.kind])),
    );
    const commack = detectBlocks(
      page.map((text) => ({ text })),
      EN,
    ).blocks[1].find((m) => m.start === 0);
    expect(commack?.kind).toBe('place');
  });

  it('answers blocks in any order by their index, and re-keys an earlier block when a later one names it in full', () => {
    const service = new DetectService();
    // The surname's block first (as the viewport might send it), the full name's after.
    const first = delta(
      service.handle(
        { session: 's', open: { language: EN }, ...encodeBlocks([{ i: 1, text: BLOCKS[1] }]) },
        '1:0',
      ),
    );
    expect(mentions(first).get(1)![0]).toEqual([0, 7, 'person:ayrault', 'person']);
    const second = delta(
      service.handle({ session: 's', ...encodeBlocks([{ i: 0, text: BLOCKS[0] }]) }, '1:0'),
    );
    const got = mentions(second);
    expect(got.get(0)!.map((m) => m[2])).toContain('person:jean-marc ayrault');
    // Block 1 was not sent again, but its mention changed: it is in the delta.
    expect(got.get(1)![0]).toEqual([0, 7, 'person:jean-marc ayrault', 'person']);
    expect(second.gone).toContain('person:ayrault');
    // Nothing changed: nothing but the block sent is answered, and no entity twice.
    const third = delta(
      service.handle({ session: 's', ...encodeBlocks([{ i: 2, text: BLOCKS[2] }]) }, '1:0'),
    );
    expect([...mentions(third).keys()]).toEqual([2]);
    expect(third.entities.map((e) => e.key)).not.toContain('city:FR:paris');
  });

  it('reads an edited block again, and forgets a dropped one', () => {
    const service = new DetectService();
    service.handle(open('s', BLOCKS), '1:0');
    const edited = delta(
      service.handle(
        { session: 's', ...encodeBlocks([{ i: 2, text: 'Angela Merkel spoke in Berlin.' }]) },
        '1:0',
      ),
    );
    expect(
      mentions(edited)
        .get(2)!
        .map((m) => m[2]),
    ).toEqual(['person:angela merkel', expect.stringMatching(/berlin/)]);
    expect(edited.gone).toContain('org:syrian democratic forces');
    const dropped = delta(service.handle({ session: 's', ...encodeBlocks([]), drop: [2] }, '1:0'));
    expect(mentions(dropped).get(2)).toEqual([]);
    expect(dropped.gone).toContain('person:angela merkel');
  });

  it('judges the page language from the sample and leaves another language alone', () => {
    const german =
      'Der französische Außenminister Jean-Marc Ayrault traf am Dienstag in Paris den UN-Generalsekretär. Sie sprachen über den Krieg und die Lage in Aleppo, die nach Ansicht der Minister immer schlimmer wird.';
    const answer = delta(
      new DetectService().handle(
        { session: 's', open: { htmlLang: 'de', sample: german }, ...encodeBlocks([{ i: 0, text: german }]) },
        '1:0',
      ),
    );
    expect(answer.language.language).toBe('de');
    expect(mentions(answer).get(0)).toEqual([]);
    // An English page skips a block whose nearest lang says German and whose words agree.
    const en = delta(
      new DetectService().handle(
        {
          session: 's',
          open: { language: EN },
          ...encodeBlocks([
            { i: 0, text: BLOCKS[0] },
            { i: 1, text: german, lang: 'de' },
          ]),
        },
        '1:0',
      ),
    );
    expect(mentions(en).get(1)).toEqual([]);
    expect(mentions(en).get(0)!.length).toBeGreaterThan(0);
  });
});

describe('a lost session', () => {
  it('is answered lost when the background no longer holds it (a new worker), and found again after open', () => {
    const before = new DetectService();
    before.handle(open('s', BLOCKS), '1:0');
    // The service worker stopped: a new one starts empty.
    const after = new DetectService();
    expect(after.handle({ session: 's', ...encodeBlocks([{ i: 3, text: 'Ankara' }]) }, '1:0')).toEqual({
      lost: true,
    });
    expect(delta(after.handle(open('s', BLOCKS), '1:0')).blocks).toHaveLength(3);
  });

  it('belongs to its tab and frame: another sender cannot reach it', () => {
    const service = new DetectService();
    service.handle(open('s', BLOCKS), '1:0');
    expect(service.handle({ session: 's', ...encodeBlocks([]) }, '2:0')).toEqual({ lost: true });
    expect(service.handle({ session: 's', ...encodeBlocks([]) }, '1:3')).toEqual({ lost: true });
    // A new page in the same frame ends the old one; a closed tab's pages go.
    service.handle(open('t', BLOCKS), '1:0');
    expect(service.handle({ session: 's', ...encodeBlocks([]) }, '1:0')).toEqual({ lost: true });
    service.forgetTab(1);
    expect(service.handle({ session: 't', ...encodeBlocks([]) }, '1:0')).toEqual({ lost: true });
  });

  it(`keeps at most ${MAX_SESSIONS} pages, the least recently used going first`, () => {
    const service = new DetectService();
    for (let tab = 0; tab < MAX_SESSIONS + 5; tab++) service.handle(open('s', [BLOCKS[0]]), `${tab}:0`);
    expect(service.size).toBe(MAX_SESSIONS);
    expect(service.handle({ session: 's', ...encodeBlocks([]) }, '0:0')).toEqual({ lost: true });
    expect(
      delta(service.handle({ session: 's', ...encodeBlocks([]) }, `${MAX_SESSIONS + 4}:0`)).blocks,
    ).toEqual([]);
  });
});

describe('bounds', () => {
  it('refuses a message with too much text, unknown fields, bad indices, and any sender but a content script', () => {
    const tab = contentScript(3, 'https://news.example/live');
    const ok = { session: 's', ...encodeBlocks([{ i: 0, text: 'Paris' }]) };
    expect(refuse('names:detect', ok, tab as never)).toBeNull();
    expect(refuse('names:detect', ok, extensionPage() as never)).toMatch(/not allowed/);
    const big = { session: 's', ...encodeBlocks([{ i: 0, text: 'x'.repeat(DETECT_MAX_MESSAGE_CHARS + 1) }]) };
    expect(refuse('names:detect', big, tab as never)).toMatch(/too much text/);
    expect(refuse('names:detect', { ...ok, extra: 1 }, tab as never)).toMatch(/Malformed/);
    expect(
      refuse('names:detect', { session: 's', ...encodeBlocks([{ i: -1, text: 'a' }]) }, tab as never),
    ).toMatch(/Malformed/);
    expect(
      refuse('names:detect', { session: 's', ...encodeBlocks([{ i: 1.5, text: 'a' }]) }, tab as never),
    ).toMatch(/Malformed/);
    expect(refuse('names:detect', { session: '', ...encodeBlocks([]) }, tab as never)).toMatch(/Malformed/);
  });

  it('refuses blocks that do not add up on the wire, and more blocks or languages than the caps', () => {
    const tab = contentScript(3, 'https://news.example/live');
    const ok = { session: 's', ...encodeBlocks([{ i: 0, text: 'Paris', lang: 'fr' }]) };
    expect(refuse('names:detect', ok, tab as never)).toBeNull();
    const bad = (patch: object) => refuse('names:detect', { ...ok, ...patch }, tab as never);
    // Lengths that cover less or more than the text, a partial triple, a lang outside the table.
    expect(bad({ blocks: [0, 4, 0] })).toMatch(/do not add up/);
    expect(bad({ blocks: [0, 6, 0] })).toMatch(/do not add up/);
    expect(bad({ blocks: [0, 5] })).toMatch(/do not add up/);
    expect(bad({ blocks: [0, 5, 1] })).toMatch(/do not add up/);
    expect(bad({ blocks: [DETECT_LIMITS.blocks, 5, 0] })).toMatch(/do not add up/);
    expect(bad({ blocks: [0, 5, 'fr'] })).toMatch(/Malformed/);
    expect(bad({ langs: ['x'.repeat(DETECT_LIMITS.lang + 1)] })).toMatch(/Malformed/);
    const langs = Array.from({ length: DETECT_LIMITS.langs + 1 }, (_, k) => `l${k}`);
    expect(bad({ langs })).toMatch(/Malformed/);
    const many = encodeBlocks(
      Array.from({ length: DETECT_LIMITS.messageBlocks + 1 }, (_, i) => ({ i, text: 'a' })),
    );
    expect(refuse('names:detect', { session: 's', ...many }, tab as never)).toMatch(/too many blocks/);
  });

  it('stops reading a page past its cap and says so', () => {
    const cap = 2_000;
    const session = new DetectSession(EN, { maxChars: cap });
    const chunk = 'Paris and Berlin. '.repeat(10);
    let i = 0;
    while (session.put([{ i: i++, text: chunk }]));
    expect(session.chars).toBeLessThanOrEqual(cap);
    expect(session.chars).toBeGreaterThan(cap - chunk.length);
    // A block sent again replaces its text: it does not count twice.
    expect(session.put([{ i: 0, text: chunk }])).toBe(true);
    const service = new DetectService({ maxPageChars: cap });
    const blocks = Array.from({ length: 20 }, (_, k) => ({ i: k, text: chunk }));
    expect(
      service.handle({ session: 's', open: { language: EN }, ...encodeBlocks(blocks) }, '1:0'),
    ).toMatchObject({
      full: true,
    });
    // The real cap is far above a 2,000-update live blog (1.2 M characters) and within the message bounds.
    expect(MAX_PAGE_CHARS).toBeGreaterThanOrEqual(2_000_000);
  });

  it('is wired into the background, for content scripts', async () => {
    const inert = { addListener: () => undefined };
    (browser.permissions as unknown as { onRemoved: unknown }).onRemoved = inert;
    (browser.commands as unknown as { onCommand: unknown }).onCommand = inert;
    browser.permissions.contains = vi.fn(async () => false) as never;
    browser.scripting.getRegisteredContentScripts = vi.fn(async () => []) as never;
    startBackground();
    const tab = contentScript(4, 'https://news.example/live');
    const answer = await send(tab, 'names:detect', open('s', BLOCKS));
    expect(delta(answer).entities.map((e) => e.name)).toContain('Jean-Marc Ayrault');
    await expect(send(extensionPage(), 'names:detect', open('s', BLOCKS))).rejects.toThrow(/not allowed/);
  });
});
