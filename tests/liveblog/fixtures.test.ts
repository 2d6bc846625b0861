/**
 * Every page we have, through findLiveBlog: the shared seed and real pages (../shared/fixtures, with the
 * results INDEX.md gives) and one page of our own per platform shape in PLATFORMS.md, plus ordinary pages
 * that must not be called live blogs. Counts, ids and labels are exact.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLiveBlog, firstLine } from '../../src/liveblog';
import { NOT_LIVE_BLOGS, OWN_PAGES, type Expected } from '../fixtures/platforms/expected';
import { fixture, parsePage, SHARED_FIXTURES } from '../helpers';

const OWN = resolve(__dirname, '../fixtures/platforms');
/** Relative labels count back from the page's load: tests load it at a fixed moment. */
const NOW = Date.parse('2024-01-01T12:00:00Z');

function check(html: string, e: Expected): void {
  const blog = findLiveBlog(parsePage(html), NOW);
  expect(blog, 'a live blog').not.toBeNull();
  expect(blog!.via).toBe(e.via);
  expect(blog!.schema).toBe(e.schema);
  expect(blog!.updates).toHaveLength(e.count);
  const ids = blog!.updates.map((u) => u.id);
  expect(new Set(ids).size, 'ids are unique').toBe(e.count);
  if (e.ids) expect(ids).toEqual(e.ids);
  if (e.labels) expect(blog!.updates.map((u) => u.label)).toEqual(e.labels);
  if (e.times) expect(blog!.updates.map((u) => u.time)).toEqual(e.times);
  if (e.starts)
    blog!.updates.forEach((u, i) =>
      expect(firstLine(u.text).startsWith(e.starts![i]), `${firstLine(u.text)} / ${e.starts![i]}`).toBe(true),
    );
  expect(blog!.updates.filter((u) => u.hidden).map((u) => u.id)).toEqual(e.hidden ?? []);
  for (const u of blog!.updates) for (const el of u.elements) expect(blog!.container.contains(el)).toBe(true);
}

describe('our platform fixtures', () => {
  it('cover every page in tests/fixtures/platforms', () => {
    const files = readdirSync(OWN)
      .filter((f) => f.endsWith('.html'))
      .sort();
    expect(files).toEqual([...Object.keys(OWN_PAGES), ...NOT_LIVE_BLOGS].sort());
  });

  it.each(Object.entries(OWN_PAGES))('%s', (file, e) => check(readFileSync(resolve(OWN, file), 'utf8'), e));

  it.each(NOT_LIVE_BLOGS)('%s is not a live blog, not even a borderline one', (file) => {
    expect(
      findLiveBlog(parsePage(readFileSync(resolve(OWN, file), 'utf8')), NOW, { borderline: true }),
    ).toBeNull();
  });
});

describe('shared fixtures (../shared/fixtures, real/INDEX.md)', () => {
  const gold = JSON.parse(fixture('eaworldview-syria-daily.gold.json')) as {
    updates: Array<{ label: string; starts: string }>;
  };

  it('the seed: the five updates of its gold, in order', () => {
    check(fixture('eaworldview-syria-daily.html'), {
      via: 'text-markers',
      count: gold.updates.length,
      labels: gold.updates.map((u) => u.label),
      starts: gold.updates.map((u) => u.starts),
    });
  });

  it('Cork Beo (Reach plc): 26 updates whose ids are the JSON-LD fragments', () => {
    const html = fixture('real/corkbeo-level3-covid-liveblog.html');
    const fragments = [...html.matchAll(/"url":"https:\/\/www\.corkbeo\.ie\/[^"#]+#(\d+)"/g)].map(
      (m) => m[1],
    );
    expect(fragments).toHaveLength(26);
    check(html, { via: 'platform:reach', schema: 'json-ld', count: 26, ids: fragments });
    const blog = findLiveBlog(parsePage(html), NOW)!;
    expect(blog.updates[0]).toMatchObject({ label: '21:22', time: '2020-10-06T20:22:53.212Z' });
  });

  it('Frankfurter Rundschau: five timestamped updates and the original report', () => {
    check(fixture('real/fr-kim-jong-un-inline-updates.html'), {
      via: 'text-markers',
      count: 6,
      labels: [
        'Update vom 03. Mai 2020, 16:05 Uhr',
        'Update, 13:17 Uhr',
        'Update vom 02. Mai 2020, 9:20 Uhr',
        'Update, 29.04.2020, 17:15 Uhr',
        'Update, 28.4.2020, 12.45 Uhr',
        'Erstmeldung',
      ],
      starts: [
        'Kim Jong Uns vermeintliche Rückkehr',
        'Die Authentizität der Bilder',
        'Das Regime in Nordkorea',
        'Die Gerüchte um den Gesundheitszustand',
        'Inmitten der Spekulationen',
        'Pjöngjang',
      ],
    });
    const times = findLiveBlog(
      parsePage(fixture('real/fr-kim-jong-un-inline-updates.html')),
      NOW,
    )!.updates.map((u) => u.time);
    expect(times[0]).toBe('2020-05-03T14:05:00.000Z');
    expect(times[3]).toBe('2020-04-29T15:15:00.000Z');
    expect(times[4]).toBe('2020-04-28T10:45:00.000Z');
    // "13:17 Uhr" prints no date: it lies between its neighbours.
    expect(times[1]! < times[0]! && times[1]! > times[2]!).toBe(true);
  });
});

/** expected.json: the result every page in ../shared/fixtures/real must give (INDEX.md says how it was counted). */
interface RealExpectation {
  liveBlog: boolean;
  updates?: number;
  language?: string;
}
const REAL = resolve(SHARED_FIXTURES, 'real');
const EXPECTED = (
  JSON.parse(readFileSync(resolve(REAL, 'expected.json'), 'utf8')) as {
    pages: Record<string, RealExpectation>;
  }
).pages;
const realPages = readdirSync(REAL)
  .filter((f) => f.endsWith('.html'))
  .sort();

describe('every real page against real/expected.json', () => {
  it('has pages, and an expectation for each of them', () => {
    expect(realPages.length).toBeGreaterThan(0);
    // A page expected.json does not know fails here, rather than being taken for an ordinary article.
    expect(realPages.filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  it.each(realPages)('real/%s', (file) => {
    const e = EXPECTED[file];
    expect(e, `${file} is in expected.json`).toBeDefined();
    // An ordinary article is not even borderline: the reader is not asked about it either.
    const blog = findLiveBlog(parsePage(fixture(`real/${file}`)), NOW, { borderline: !e.liveBlog });
    if (!e.liveBlog) {
      expect(
        blog && { via: blog.via, updates: blog.updates.length, confidence: blog.confidence },
        'not a live blog',
      ).toBeNull();
      return;
    }
    expect(blog?.confidence, 'sure enough to track unasked').not.toBe('low');
    expect(blog, 'a live blog').not.toBeNull();
    expect(blog!.updates.length, `${file} via ${blog!.via}`).toBe(e.updates);
    expect(new Set(blog!.updates.map((u) => u.id)).size, 'ids are unique').toBe(e.updates);
  });
});
