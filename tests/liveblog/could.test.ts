/**
 * couldBeLiveBlog is asked instead of the detector: a page it rules out is never looked at again until it
 * changes. So on every page we have, it must not rule out one the detector finds (borderline ones too), and
 * it must rule out ordinary articles.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLiveBlog } from '../../src/liveblog';
import { couldBeLiveBlog } from '../../src/liveblog/could';
import { parsePage, SHARED_FIXTURES } from '../helpers';

const NOW = Date.parse('2024-01-01T12:00:00Z');
const OWN = resolve(__dirname, '../fixtures/platforms');
const REAL = resolve(SHARED_FIXTURES, 'real');
const EXPECTED = (
  JSON.parse(readFileSync(resolve(REAL, 'expected.json'), 'utf8')) as {
    pages: Record<string, { liveBlog: boolean }>;
  }
).pages;

const html = (dir: string) => (f: string) => [f, readFileSync(resolve(dir, f), 'utf8')] as const;
const pages = [
  html(SHARED_FIXTURES)('eaworldview-syria-daily.html'),
  ...readdirSync(OWN)
    .filter((f) => f.endsWith('.html'))
    .map(html(OWN)),
  ...readdirSync(REAL)
    .filter((f) => f.endsWith('.html'))
    .map(html(REAL)),
];

describe('couldBeLiveBlog', () => {
  it.each(pages)('%s: ruled out only where the detector finds nothing, borderline or not', (_, page) => {
    const could = couldBeLiveBlog(parsePage(page));
    const blog = findLiveBlog(parsePage(page), NOW, { borderline: true });
    if (blog) expect(could).not.toBeNull();
  });

  it('says which tier could find it, each on a page only that tier could read', () => {
    const body = (html: string) => parsePage(`<!doctype html><html><body>${html}</body></html>`);
    expect(
      couldBeLiveBlog(parsePage(readFileSync(resolve(REAL, 'corkbeo-level3-covid-liveblog.html'), 'utf8'))),
    ).toBe('platform');
    expect(
      couldBeLiveBlog(
        body(
          '<script type="application/ld+json">{"@type":"LiveBlogPosting","liveBlogUpdate":[]}</script><p>Text.</p>',
        ),
      ),
    ).toBe('schema');
    expect(couldBeLiveBlog(body('<div itemscope itemtype="https://schema.org/LiveBlogPosting"></div>'))).toBe(
      'schema',
    );
    const entry = (id: string) =>
      `<article id="${id}"><time datetime="2024-01-01T10:00Z">10am</time><p>Words.</p></article>`;
    expect(couldBeLiveBlog(body(`<main>${entry('a')}${entry('b')}</main>`))).toBe('generic');
    // The same entries in a sidebar are no list of the page's own (their stamps are the stamped tier's to judge).
    expect(couldBeLiveBlog(body(`<aside>${entry('a')}${entry('b')}</aside>`))).toBe('stamped');
    expect(
      couldBeLiveBlog(body('<main><p>An ordinary article, written at 10:30 on Monday.</p></main>')),
    ).toBeNull();
  });

  it('rules out real ordinary articles, the Reuters one among them', () => {
    const ordinary = Object.keys(EXPECTED).filter((f) => !EXPECTED[f].liveBlog);
    const out = ordinary.filter(
      (f) => couldBeLiveBlog(parsePage(readFileSync(resolve(REAL, f), 'utf8'))) === null,
    );
    // The rest hold the traps they were saved for (stamped related links, dated captions): the first look
    // cannot rule them out, and the detector is put in to read them.
    expect(out).toContain('reuters-parasite.html');
    expect(out.length).toBeGreaterThanOrEqual(5);
  });
});
