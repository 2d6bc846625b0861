/** Remote data is not trusted: the card's link and image, and the endpoints, are limited to Wikimedia. */
import { describe, expect, it } from 'vitest';
import { allowedEndpoint, articleUrl, imageUrl } from '../../src/knowledge/remote';
import { parseSummary } from '../../src/knowledge/wikipedia';

const EN = 'https://en.wikipedia.org/api/rest_v1';
const answer = (page: unknown, source: unknown) => ({
  title: 'Al-Bab',
  type: 'standard',
  extract: 'x',
  content_urls: { desktop: { page } },
  thumbnail: { source, width: 320, height: 200 },
});

describe('a summary from the store build', () => {
  const parse = (page: unknown, source: unknown) => parseSummary(answer(page, source), EN, false);
  it('keeps an https article link on the configured wiki and an image on upload.wikimedia.org', () => {
    const s = parse(
      'https://en.wikipedia.org/wiki/Al-Bab',
      'https://upload.wikimedia.org/wikipedia/commons/thumb/d/d4/x.jpg/320px-x.jpg',
    );
    expect(s!.url).toBe('https://en.wikipedia.org/wiki/Al-Bab');
    expect(s!.thumbnail!.source).toMatch(/^https:\/\/upload\.wikimedia\.org\//);
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://en.wikipedia.org/wiki/Al-Bab',
    'https://evil.example/wiki/Al-Bab',
    'https://en.wikipedia.org.evil.example/wiki/Al-Bab',
    'https://de.wikipedia.org/wiki/Al-Bab',
    'https://user:pw@en.wikipedia.org/wiki/Al-Bab',
    42,
  ])('replaces the link %s by the article on the configured wiki', (page) => {
    expect(parse(page, undefined)!.url).toBe('https://en.wikipedia.org/wiki/Al-Bab');
  });

  it.each([
    'http://upload.wikimedia.org/x.jpg',
    'https://evil.example/x.jpg',
    'https://upload.wikimedia.org.evil.example/x.jpg',
    'https://upload.wikimedia.org:8443/x.jpg',
    'https://en.wikipedia.org/x.jpg',
    'http://127.0.0.1:9000/wiki-media/x.jpg',
    'data:image/png;base64,AAAA',
    'file:///etc/passwd',
  ])('drops the image %s (the background never fetches it)', (source) => {
    expect(parse('https://en.wikipedia.org/wiki/Al-Bab', source)!.thumbnail).toBeUndefined();
  });
});

describe('rules', () => {
  it('endpoints: https Wikimedia hosts only in the store build; the test build also allows the local mock', () => {
    expect(allowedEndpoint(EN, false)).toBe(true);
    expect(allowedEndpoint('https://www.wikidata.org/w/api.php', false)).toBe(true);
    expect(allowedEndpoint('http://en.wikipedia.org/api/rest_v1', false)).toBe(false);
    expect(allowedEndpoint('https://attacker.example/api/rest_v1', false)).toBe(false);
    expect(allowedEndpoint('https://wikipedia.org.attacker.example/', false)).toBe(false);
    expect(allowedEndpoint('http://127.0.0.1:9000/wiki/api/rest_v1', false)).toBe(false);
    expect(allowedEndpoint('http://127.0.0.1:9000/wiki/api/rest_v1', true)).toBe(true);
    expect(allowedEndpoint('javascript:alert(1)', true)).toBe(false);
  });

  it('the test build allows links and images on the mock endpoint’s origin only', () => {
    const mock = 'http://127.0.0.1:9000/wiki/api/rest_v1';
    expect(articleUrl('http://127.0.0.1:9000/wiki-site/wiki/X', mock, true)).toBe(
      'http://127.0.0.1:9000/wiki-site/wiki/X',
    );
    expect(articleUrl('http://127.0.0.1:9001/wiki-site/wiki/X', mock, true)).toBeUndefined();
    expect(imageUrl('http://127.0.0.1:9000/wiki-media/x.jpg', mock, true)).toBe(
      'http://127.0.0.1:9000/wiki-media/x.jpg',
    );
    expect(imageUrl('http://127.0.0.1:9000/wiki-media/x.jpg', mock, false)).toBeUndefined();
    expect(articleUrl('javascript:alert(1)', mock, true)).toBeUndefined();
  });
});
