import { describe, expect, it } from 'vitest';
import { canonicalUrl, originPattern, restrictedReason, URL_KEY_MAX } from '../../src/shared/url';

describe('canonicalUrl', () => {
  it('drops the fragment and tracking parameters, keeps the rest sorted', () => {
    expect(canonicalUrl('https://ex.org/live/a?utm_source=x&b=2&a=1&fbclid=zz#block-12')).toBe(
      'https://ex.org/live/a?a=1&b=2',
    );
  });
  it('keeps the port: two local servers are two pages', () => {
    expect(canonicalUrl('http://127.0.0.1:8123/x.html#p')).toBe('http://127.0.0.1:8123/x.html');
    expect(canonicalUrl('http://127.0.0.1:8124/x.html')).not.toBe(
      canonicalUrl('http://127.0.0.1:8123/x.html'),
    );
  });
  it('treats a trailing index.html as the folder', () => {
    expect(canonicalUrl('https://ex.org/live/index.html')).toBe('https://ex.org/live/');
  });
  it('keeps a key at most URL_KEY_MAX long: a long page address is cut with a hash of the whole, so two long URLs stay two keys, and cutting is idempotent', () => {
    const base = 'https://ex.org/live?q=' + 'x'.repeat(20_000);
    const a = canonicalUrl(base + 'a');
    const b = canonicalUrl(base + 'b');
    expect(a.length).toBeLessThanOrEqual(URL_KEY_MAX);
    expect(a).not.toBe(b);
    expect(canonicalUrl(a)).toBe(a);
    // A long fragment is no part of the key.
    expect(canonicalUrl('https://ex.org/live#' + 'f'.repeat(50_000))).toBe('https://ex.org/live');
  });
  it('returns unparsable input unchanged', () => {
    expect(canonicalUrl('not a url')).toBe('not a url');
  });
});

describe('originPattern', () => {
  it('covers every port and path of a host', () => {
    expect(originPattern('https://www.theguardian.com/world/live/x?page=2')).toBe(
      'https://www.theguardian.com/*',
    );
    expect(originPattern('http://localhost:5173/')).toBe('http://localhost/*');
  });
  it('refuses non-web pages', () => {
    expect(originPattern('chrome://extensions')).toBeNull();
    expect(originPattern('about:blank')).toBeNull();
  });
});

describe('restrictedReason', () => {
  it('lets ordinary http and https pages through', () => {
    expect(restrictedReason('https://www.theguardian.com/world/live/x')).toBeNull();
    expect(restrictedReason('http://news.test:8080/live.html')).toBeNull();
  });

  it.each([
    ['chrome://extensions', /browser page/],
    ['about:debugging', /browser page/],
    ['view-source:https://example.org/', /browser page/],
    ['file:///home/me/page.html', /browser page/],
    ['https://chromewebstore.google.com/detail/x', /web store/],
    ['https://chrome.google.com/webstore/category/extensions', /web store/],
    ['https://addons.mozilla.org/en-US/firefox/', /web store/],
    ['https://example.org/report.PDF', /PDF/],
    [undefined, /cannot read/],
  ])('%s: %s', (url, reason) => expect(restrictedReason(url)).toMatch(reason));
});
