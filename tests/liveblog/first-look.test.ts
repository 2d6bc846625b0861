/**
 * The cheap first looks that spare an ordinary page the detection's expensive tiers. Each may only rule
 * out work whose result it can prove would be nothing: the tests hold each to being a necessary condition
 * (on every page we have, and on pages made to be hard for it), and show that it does rule the work out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findLiveBlog } from '../../src/liveblog';
import { drain } from '../../src/liveblog/extract';
import { firstLook } from '../../src/liveblog/first-look';
import { PLATFORMS } from '../../src/liveblog/platforms';
import { jsonMayHold, readSchema } from '../../src/liveblog/schema';
import { findStampedList } from '../../src/liveblog/stamped';
import {
  leadingStamp,
  mayBeStamp,
  mayLeadStamp,
  readLeadingStamp,
  readStamp,
  stampKind,
} from '../../src/liveblog/stamps';
import { findMarkerBody } from '../../src/liveblog/text-markers';
import { pageClock } from '../../src/liveblog/time';
import { fixture, parsePage, SHARED_FIXTURES } from '../helpers';

const NOW = Date.parse('2024-01-01T12:00:00Z');
const OWN = resolve(__dirname, '../fixtures/platforms');

/** Every page we have: the real pages, the seed and our own platform pages. */
const PAGES: Array<[string, string]> = [
  ...readdirSync(resolve(SHARED_FIXTURES, 'real'))
    .filter((f) => f.endsWith('.html'))
    .map((f): [string, string] => [`real/${f}`, fixture(`real/${f}`)]),
  ['eaworldview-syria-daily.html', fixture('eaworldview-syria-daily.html')],
  ...readdirSync(OWN)
    .filter((f) => f.endsWith('.html'))
    .map((f): [string, string] => [f, readFileSync(resolve(OWN, f), 'utf8')]),
];

const article = () => parsePage(fixture('real/reuters-parasite.html'));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('JSON-LD is parsed only when its text can name the type looked for', () => {
  it('tells by the word, written plainly or with \\u escapes', () => {
    expect(jsonMayHold('{"@type":"LiveBlogPosting"}', 'LiveBlogPosting')).toBe(true);
    expect(jsonMayHold('{"@type":"LiveBlog\\u0050osting"}', 'LiveBlogPosting')).toBe(true);
    expect(jsonMayHold('{"@type":"\\u004CiveBlog\\u0050ostin\\u0067"}', 'LiveBlogPosting')).toBe(true);
    expect(jsonMayHold('{"@type":"NewsArticle","headline":"Live \\u0026 blog"}', 'LiveBlogPosting')).toBe(
      false,
    );
    expect(jsonMayHold('{"@type":"NewsArticle"}', 'LiveBlogPosting')).toBe(false);
  });

  it('still reads a LiveBlogPosting spelled with escapes, and a kick-off the same way', () => {
    const doc = parsePage(
      '<script type="application/ld+json">{"@type":"LiveBlog\\u0050osting","liveBlogUpdate":[{"@type":"BlogPosting","url":"https://x.example/live#a1","headline":"A"}]}</script>' +
        '<script type="application/ld+json">{"@type":"Sports\\u0045vent","startDate":"2024-04-13T15:00:00+01:00"}</script>',
    );
    expect(readSchema(doc)?.updates[0].ids).toContain('a1');
    expect(pageClock(doc).kickoff).toBe(Date.parse('2024-04-13T14:00:00Z'));
  });

  it("does not parse an ordinary article's JSON-LD", () => {
    const doc = article();
    expect(doc.querySelectorAll('script[type="application/ld+json"]').length).toBeGreaterThan(0);
    const parse = vi.spyOn(JSON, 'parse');
    expect(readSchema(doc)).toBeNull();
    expect(pageClock(doc).kickoff).toBeUndefined();
    expect(findLiveBlog(doc, NOW)).toBeNull();
    expect(parse).not.toHaveBeenCalled();
  });
});

describe('platforms', () => {
  it('are looked for in one query on a page that has none of their entries', () => {
    const doc = article();
    const all = vi.spyOn(doc, 'querySelectorAll');
    const one = vi.spyOn(doc, 'querySelector');
    expect(findLiveBlog(doc, NOW)).toBeNull();
    const entries = new Set(PLATFORMS.map((shape) => shape.entry));
    const asked = [...all.mock.calls, ...one.mock.calls].map(([selector]) => selector);
    expect(asked.filter((selector) => entries.has(selector))).toEqual([]);
  });

  it('are still found: a WordPress live blog', () => {
    const html = readFileSync(resolve(OWN, 'wp-liveblog-react.html'), 'utf8');
    expect(findLiveBlog(parsePage(html), NOW)?.via).toBe('platform:wp-liveblog');
  });
});

describe("the page's clock", () => {
  it('is not read on an ordinary page', () => {
    const doc = article();
    const one = vi.spyOn(doc, 'querySelector');
    expect(findLiveBlog(doc, NOW)).toBeNull();
    expect(one.mock.calls.some(([selector]) => selector.includes('article:published_time'))).toBe(false);
  });
});

/** Short texts of every page, as printed and with their whitespace run together or spread out. */
function texts(): string[] {
  const out = new Set<string>();
  for (const [, html] of PAGES) {
    const doc = parsePage(html);
    const walker = doc.createTreeWalker(doc.documentElement, 0x4);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n as Text).data;
      if (!/\d/.test(text) || text.length > 200) continue;
      out.add(text);
      out.add(text.replace(/\s+/g, ' ').trim());
      out.add(` ${text.replace(/ /g, '\n  ')}\t`);
    }
  }
  return [...out];
}

/** Stamps as pages print them, including spellings no fixture has. */
const PRINTED = [
  '14:35',
  '  14:35\n   GMT ',
  'ore 14.35',
  '12.31 Uhr',
  '4:05 pm ET',
  '2015 GMT',
  '0830 hrs',
  '14h05',
  'Mercoledì 17 maggio 2023, 14:35',
  "95'",
  '45+2′',
  "90'+4",
  'Min. 88',
  '90.+3',
  '5 minuti fa',
  "un'ora fa",
  '2 hours ago',
  '2h ago',
  'vor 5 Minuten',
  'il  y a 2 heures',
  'hace 3 horas',
  'Just now',
  `\n${' '.repeat(60)}2 hours ago${' '.repeat(60)}`,
  '2015 GMT –',
  'just\nnow',
  'Gerade eben',
  'Ore 14:35 - Il Lamone esonda',
  '14h05 : la grève continue',
  'um 9.40 Uhr | Der Zug fährt',
];

describe('stamps: the first look is a necessary condition', () => {
  it('holds for every short text of every page and every printed stamp', () => {
    const corpus = [...texts(), ...PRINTED];
    const stamps = corpus.filter((t) => readStamp(t) !== undefined);
    const leading = corpus.filter((t) => readLeadingStamp(t) !== undefined);
    // The corpus is worth something: it has stamps of every kind.
    expect(stamps.length).toBeGreaterThan(200);
    expect(new Set(stamps.map(readStamp))).toEqual(new Set(['clock', 'minute', 'relative']));
    expect(leading.length).toBeGreaterThan(10);
    expect(stamps.filter((t) => !mayBeStamp(t))).toEqual([]);
    expect(leading.filter((t) => !mayLeadStamp(t))).toEqual([]);
    // A short text's leading time is a stamp's clock digits too (the stamped tier asks mayBeStamp alone).
    expect(leading.filter((t) => t.length <= 80 && !mayBeStamp(t))).toEqual([]);
    for (const t of PRINTED) expect(stampKind(t) ?? leadingStamp(t), t).toBeTruthy();
  });

  it('rules out the numbers an article prints', () => {
    for (const t of ['4 Min Read', 'March 5, 2024', '( 15 images )', '© 2024 Reuters', 'Feb. 9', '1917'])
      expect(mayBeStamp(t), t).toBe(false);
    expect(mayLeadStamp('Several of the contenders for best picture at the Oscars on Feb. 9')).toBe(false);
  });
});

const ticker = (...blocks: string[]) =>
  parsePage(`<html><body><main><article>${blocks.join('')}</article></main></body></html>`);

describe('the first look at text markers and stamped lists', () => {
  it('passes every page where the tiers find something', () => {
    let bodies = 0;
    let lists = 0;
    for (const [name, html] of PAGES) {
      const doc = parsePage(html);
      const look = firstLook(doc, doc.body, 2);
      const body = drain(findMarkerBody(doc));
      if (body) {
        bodies++;
        expect(look.markers, name).toBe(true);
      }
      // The bodies that hold two of the look's starts are all the marker tier need read: the same body.
      expect(drain(findMarkerBody(doc, look.markerStarts)), name).toBe(body);
      const list = drain(findStampedList(doc, doc.body, 2));
      if (list) {
        lists++;
        expect(look.stamped, name).toBe(true);
      }
      // The look's texts are all the stamped tier need read: the same list (or none) from them alone.
      expect(drain(findStampedList(doc, doc.body, 2, look.stampTexts)), name).toEqual(list);
      // A look at markers alone says the same of them.
      expect(firstLook(doc, doc.body, 0).markers, name).toBe(look.markers);
    }
    expect(bodies).toBeGreaterThanOrEqual(5);
    expect(lists).toBeGreaterThanOrEqual(5);
  });

  it.each([
    [
      'UPDATE 1615 GMT:',
      ticker(
        '<p>UPDATE 1615 GMT: Turkey says three of its soldiers have been killed.</p><p>More on that.</p>',
        '<p>UPDATE 0830 GMT: Russian airstrikes continue on the east of the city.</p>',
        '<p>ORIGINAL ENTRY: Pro-Assad forces have advanced in the north of Aleppo.</p>',
      ),
    ],
    [
      'a marker split over elements',
      ticker(
        '<p><b>Up</b>date 1615 GMT: Turkey says three of its soldiers have been killed.</p>',
        '<p><b>Up</b><i>date</i> 0830 GMT: Russian airstrikes continue on the east of the city.</p>',
      ),
    ],
    [
      'a time split over elements',
      ticker(
        '<p><span>16</span>.15 GMT: Turkey says three of its soldiers have been killed.</p>',
        '<p><span>08</span>:30 GMT: Russian airstrikes continue on the east of the city.</p>',
      ),
    ],
    [
      'bold times',
      ticker(
        '<p><strong>07.13</strong> Turkey says three of its soldiers have been killed.</p>',
        '<p><span><b>06:40 Uhr</b></span> Russian airstrikes continue on the east of the city.</p>',
      ),
    ],
    [
      'headings that open with a time',
      ticker(
        '<h2>14H05 : Turkey says three soldiers were killed</h2><p>More on that.</p>',
        '<h2>9H40 - Russian airstrikes continue</h2><p>More on that.</p>',
      ),
    ],
    [
      'a zone far after its time',
      ticker(
        `<p>1615${' '.repeat(70)}GMT: Turkey says three of its soldiers have been killed.</p>`,
        `<p>0830\n${' '.repeat(55)}GMT: Russian airstrikes continue on the east of the city.</p>`,
      ),
    ],
    ['the seed page', parsePage(fixture('eaworldview-syria-daily.html'))],
  ])('passes %s', (_name, doc) => {
    expect(drain(findMarkerBody(doc)), 'the marker tier finds a body').not.toBeNull();
    const look = firstLook(doc, doc.body, 2);
    expect(look.markers).toBe(true);
    expect(drain(findMarkerBody(doc, look.markerStarts))).toBe(drain(findMarkerBody(doc)));
    expect(findLiveBlog(doc, NOW, { borderline: true })?.via).toBe('text-markers');
  });

  it('rules both tiers out on an ordinary article, before either reads the page', () => {
    const doc = article();
    expect(firstLook(doc, doc.body, 2)).toEqual({
      stamped: false,
      stampTexts: [],
      markers: false,
      markerStarts: [],
    });
    const walkers = vi.spyOn(doc, 'createTreeWalker');
    const all = vi.spyOn(doc, 'querySelectorAll');
    expect(findLiveBlog(doc, NOW, { borderline: true })).toBeNull();
    // The stamped tier walks the text alone (SHOW_TEXT); the marker tier lists paragraphs and headings.
    expect(walkers.mock.calls.filter(([, show]) => show === 0x4)).toEqual([]);
    expect(all.mock.calls.filter(([selector]) => selector.startsWith('p, h2'))).toEqual([]);
  });
});
