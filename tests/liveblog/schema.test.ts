import { describe, expect, it } from 'vitest';
import { bareId, readSchema } from '../../src/liveblog/schema';
import { findLiveBlog } from '../../src/liveblog';
import { parsePage } from '../helpers';

const ld = (json: unknown) => `<script type="application/ld+json">${JSON.stringify(json)}</script>`;
const update = (id: string, headline: string) => ({
  '@type': 'BlogPosting',
  url: `https://x.example/live#${id}`,
  headline,
  datePublished: '2024-01-01T10:00:00Z',
});

describe('readSchema', () => {
  it.each([
    ['an object', { '@type': 'LiveBlogPosting', liveBlogUpdate: [update('a1', 'A')] }],
    [
      'an array',
      [{ '@type': 'WebPage' }, { '@type': 'LiveBlogPosting', liveBlogUpdate: [update('a1', 'A')] }],
    ],
    [
      'an @graph',
      {
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebPage' },
          { '@type': 'LiveBlogPosting', liveBlogUpdate: [update('a1', 'A')] },
        ],
      },
    ],
    ['a list of types', { '@type': ['NewsArticle', 'LiveBlogPosting'], liveBlogUpdate: update('a1', 'A') }],
    [
      'a full type URL',
      { '@type': 'https://schema.org/LiveBlogPosting', liveBlogUpdate: [update('a1', 'A')] },
    ],
  ])('finds LiveBlogPosting in %s', (_name, json) => {
    const info = readSchema(parsePage(`<head>${ld(json)}</head>`));
    expect(info?.kind).toBe('json-ld');
    expect(info!.updates).toHaveLength(1);
    expect(info!.updates[0].ids).toContain('a1');
  });

  it('skips a broken JSON-LD block and reads the next', () => {
    const info = readSchema(
      parsePage(
        `<head><script type="application/ld+json">{"@type": "LiveBlogPosting",</script>${ld({ '@type': 'LiveBlogPosting', liveBlogUpdate: [] })}</head>`,
      ),
    );
    expect(info).toEqual({ kind: 'json-ld', updates: [] });
  });

  it('maps the id forms publishers use to what the DOM carries', () => {
    const info = readSchema(
      parsePage(
        `<head>${ld({
          '@type': 'LiveBlogPosting',
          liveBlogUpdate: [
            { '@id': '60300f5f8f08ad21ea60071e' },
            { '@id': 'https://www.bbc.com/mundo/live/c1#post-urn:bbc:x:1' },
            { url: 'https://www.corkbeo.ie/news/live-19056312#2259242' },
            { '@id': 'https://www.aljazeera.com/news/liveblog/2023/9/10/one-update' },
          ],
        })}</head>`,
      ),
    )!;
    expect(info.updates.map((u) => u.ids)).toEqual([
      ['60300f5f8f08ad21ea60071e'],
      ['post-urn:bbc:x:1', 'urn:bbc:x:1'],
      ['2259242'],
      [],
    ]);
    expect(bareId('block-60300f5f8f08ad21ea60071e')).toBe('60300f5f8f08ad21ea60071e');
  });

  it('reads microdata', () => {
    const info = readSchema(
      parsePage(
        '<div itemscope itemtype="http://schema.org/LiveBlogPosting"><div itemprop="liveBlogUpdate" itemscope id="u1"><h2 itemprop="headline">Hello</h2></div></div>',
      ),
    );
    expect(info).toMatchObject({ kind: 'microdata', updates: [{ ids: ['u1'], headline: 'Hello' }] });
  });

  it('is not fooled by the word "liveblog" in classes, config or other types', () => {
    const doc = parsePage(
      `<head>${ld({ '@type': 'NewsArticle', isLiveBlog: true, liveBlogUpdate: [update('a', 'A')] })}<script>var liveblog = {"@type":"LiveBlogPosting"};</script></head><body class="liveblog"><div class="content--liveblog"></div></body>`,
    );
    expect(readSchema(doc)).toBeNull();
    expect(findLiveBlog(doc)).toBeNull();
  });
});

describe('schema-declared pages', () => {
  it('locate updates by the DOM ids the JSON-LD names, then take in their siblings', () => {
    const items = ['n3', 'n2', 'n1']
      .map(
        (id, i) =>
          `<article class="card" id="${id}"><h3>Headline ${id}</h3><p>Some words of the update number ${3 - i}, long enough to be a post.</p></article>`,
      )
      .join('');
    const doc = parsePage(
      `<head>${ld({ '@type': 'LiveBlogPosting', liveBlogUpdate: [update('n2', 'Headline n2'), update('n1', 'Headline n1')] })}</head><body><div class="feed">${items}</div></body>`,
    );
    const blog = findLiveBlog(doc)!;
    expect(blog.via).toBe('schema');
    expect(blog.updates.map((u) => u.id)).toEqual(['n3', 'n2', 'n1']);
    expect(blog.updates[1].time).toBe('2024-01-01T10:00:00.000Z');
  });

  it('give an id-less entry the id of the JSON-LD update with its headline', () => {
    const items = ['First', 'Second']
      .map(
        (h) =>
          `<div class="post"><time datetime="2024-01-01T10:00:00Z">10:00</time><h2>${h} headline</h2><p>Text of the ${h.toLowerCase()} update, with enough words to stand alone.</p></div>`,
      )
      .join('');
    const doc = parsePage(
      `<head>${ld({ '@type': 'LiveBlogPosting', liveBlogUpdate: [update('p-1', 'First headline'), update('p-2', 'Second headline')] })}</head><body><div class="stream">${items}</div></body>`,
    );
    const blog = findLiveBlog(doc)!;
    expect(blog.updates.map((u) => u.id)).toEqual(['p-1', 'p-2']);
  });
});
