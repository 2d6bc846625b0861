/** Every background message kind has a schema and a list of allowed senders; payloads are parsed, not trusted. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { LANGUAGE_READ } from '../../src/detect/language';
import { DETECT_LIMITS } from '../../src/messaging/protocol';
import { contextOf, refuse, SCHEMAS, SENDERS } from '../../src/messaging/schemas';

const WEB = 'https://news.example/live/1';
type Sender = Browser.runtime.MessageSender;
const content = (url = WEB, tabId = 3) =>
  ({ id: browser.runtime.id, url, frameId: 0, tab: { id: tabId, url } }) as unknown as Sender;
const page = (path: 'popup.html' | 'options.html' = 'popup.html') =>
  ({ id: browser.runtime.id, url: browser.runtime.getURL(`/${path}`) }) as Sender;

/** The kinds `BackgroundProtocol` declares, read from its source: types leave nothing at run time. */
function protocolKinds(): string[] {
  const src = readFileSync(resolve(__dirname, '../../src/messaging/protocol.ts'), 'utf8');
  const body = src.slice(src.indexOf('export interface BackgroundProtocol'));
  const block = body.slice(0, body.indexOf('\n}'));
  return [...block.matchAll(/^\s*'([^']+)'\s*:/gm)].map((m) => m[1]).sort();
}

describe('the schema table', () => {
  it('has a schema and allowed senders for every kind of the protocol, and nothing else', () => {
    const kinds = protocolKinds();
    expect(kinds.length).toBeGreaterThan(10);
    const missing = kinds.filter((k) => !(k in SCHEMAS) || !(k in SENDERS));
    expect(
      missing,
      `message kinds without a schema in src/messaging/schemas.ts: ${missing.join(', ')}`,
    ).toEqual([]);
    expect(Object.keys(SCHEMAS).sort()).toEqual(kinds);
    expect(Object.keys(SENDERS).sort()).toEqual(kinds);
  });

  it('refuses a kind it has no schema for', () => {
    expect(refuse('page:unknown', {}, page())).toMatch(/Unknown message/);
    expect(refuse('constructor', {}, page())).toMatch(/Unknown message/);
    expect(refuse('__proto__', {}, page())).toMatch(/Unknown message/);
  });
});

describe('payloads', () => {
  const mark = { url: WEB, ids: ['e1', 'e2'], state: 'seen', manual: false };
  it('accepts well-formed messages', () => {
    expect(refuse('updates:mark', mark, content())).toBeNull();
    expect(
      refuse(
        'page:report',
        {
          url: WEB,
          visit: 'v',
          title: 't',
          isLiveBlog: true,
          updates: [{ id: 'a', label: '', firstLine: '', time: '2024-01-01T00:00:00Z' }],
        },
        content(),
      ),
    ).toBeNull();
    expect(
      refuse(
        'knowledge:lookup',
        { name: 'Aleppo', kind: 'place', context: [{ name: 'Syria', subkind: 'country' }], requestId: 'r1' },
        content(),
      ),
    ).toBeNull();
    expect(refuse('data:export', {}, page('options.html'))).toBeNull();
    expect(refuse('data:clear', { what: 'cache' }, page('options.html'))).toBeNull();
  });

  it("takes a language sample as long as the page's verdict reads (LANGUAGE_READ), and none longer than DETECT_LIMITS.sample", () => {
    expect(DETECT_LIMITS.sample).toBeGreaterThanOrEqual(LANGUAGE_READ);
    const detect = (sample: string) =>
      refuse(
        'names:detect',
        { session: 's', open: { htmlLang: null, sample }, text: '', blocks: [], langs: [] },
        content(),
      );
    expect(detect('x'.repeat(DETECT_LIMITS.sample))).toBeNull();
    expect(detect('x'.repeat(DETECT_LIMITS.sample + 1))).not.toBeNull();
  });

  it.each([
    ['a string of ids, not walked character by character', { ...mark, ids: 'e1e2' }],
    ['an unknown field', { ...mark, extra: 1 }],
    ['a state that does not exist', { ...mark, state: 'bogus' }],
    ['a non-boolean manual', { ...mark, manual: 'yes' }],
    ['a non-web URL', { ...mark, url: 'javascript:alert(1)' }],
    ['ids that are not strings', { ...mark, ids: [1, 2] }],
    ['no payload', undefined],
    ['an array', [mark]],
  ])('rejects updates:mark with %s', (_, payload) => {
    expect(refuse('updates:mark', payload, content())).toMatch(/Malformed/);
  });

  it('rejects other malformed payloads', () => {
    expect(
      refuse(
        'page:report',
        {
          url: WEB,
          visit: 'v',
          title: 't',
          isLiveBlog: true,
          updates: [{ id: 'a', label: '', firstLine: '', hack: 1 }],
        },
        content(),
      ),
    ).toMatch(/Malformed/);
    expect(refuse('data:clear', { what: 'everything' }, page())).toMatch(/Malformed/);
    expect(
      refuse('data:import', { format: 'backstory-reading', version: 1.5, pages: [], entries: [] }, page()),
    ).toMatch(/Malformed/);
    expect(
      refuse(
        'settings:set',
        { wikipediaEndpoint: 'https://en.wikipedia.org/api/rest_v1', evil: true },
        page(),
      ),
    ).toMatch(/Malformed/);
    expect(refuse('pages:followed', { x: 1 }, page())).toMatch(/Malformed/);
  });
});

describe('senders', () => {
  it('tells content scripts, extension pages and anything else apart', () => {
    expect(contextOf(content())).toBe('content');
    expect(contextOf(page())).toBe('page');
    // The options page open in a tab is still an extension page.
    expect(
      contextOf({
        ...page('options.html'),
        tab: { id: 4, url: browser.runtime.getURL('/options.html') },
      } as never),
    ).toBe('page');
    // Without the "tabs" permission the tab's URL may be hidden: still the extension's own page.
    expect(contextOf({ ...page('options.html'), tab: { id: 4 } } as never)).toBe('page');
    // An extension page framed into a web page is neither.
    expect(contextOf({ ...page('popup.html'), tab: { id: 4, url: WEB } } as never)).toBeNull();
    // Another extension, or no information at all.
    expect(contextOf({ id: 'someone-else', url: WEB, tab: { id: 1, url: WEB } } as never)).toBeNull();
    expect(contextOf({})).toBeNull();
    // No extension named: not a message of ours (browsers name the sending extension on every one).
    expect(contextOf({ url: WEB, frameId: 0, tab: { id: 1, url: WEB } } as never)).toBeNull();
    expect(
      refuse(
        'data:import',
        { format: 'backstory-reading', version: 2, exportedAt: 'x'.repeat(5000), pages: [], entries: [] },
        page(),
      ),
    ).toMatch(/Malformed/);
    expect(contextOf({ url: 'file:///etc/passwd', tab: { id: 1 } } as never)).toBeNull();
  });

  it.each([
    'data:export',
    'data:import',
    'data:clear',
    'settings:set',
    'site:enable',
    'site:disable',
    'site:list',
    'site:status',
    'pages:followed',
    'page:jump',
    'status:get',
  ] as const)('%s: extension pages only', (kind) => {
    expect(refuse(kind, {}, content())).toMatch(/not allowed from content/);
  });

  it('report and leave: content scripts only', () => {
    expect(
      refuse('page:report', { url: WEB, visit: 'v', title: '', isLiveBlog: false, updates: [] }, page()),
    ).toMatch(/not allowed from page/);
    expect(refuse('page:leave', { visit: 'v' }, page())).toMatch(/not allowed from page/);
  });

  it('a content script reports, marks and reads only its own page', () => {
    const other = 'https://bank.example/account';
    expect(refuse('updates:mark', { url: other, ids: ['a'], state: 'new', manual: true }, content())).toMatch(
      /not this tab's page/,
    );
    expect(
      refuse('page:report', { url: other, visit: 'v', title: '', isLiveBlog: false, updates: [] }, content()),
    ).toMatch(/not this tab's page/);
    expect(refuse('page:get', { url: other }, content())).toMatch(/not this tab's page/);
    expect(refuse('page:get', { tabId: 9 }, content(WEB, 3))).toMatch(/not this tab's page/);
    expect(refuse('page:get', { tabId: 3 }, content(WEB, 3))).toBeNull();
  });

  it("a content script speaks for its tab's current page only, not any page of its origin", () => {
    const sibling = 'https://news.example/live/2';
    expect(
      refuse('updates:mark', { url: sibling, ids: ['a'], state: 'seen', manual: true }, content()),
    ).toMatch(/not this tab's page/);
    expect(
      refuse(
        'page:report',
        { url: sibling, visit: 'v', title: '', isLiveBlog: true, updates: [] },
        content(),
      ),
    ).toMatch(/not this tab's page/);
    expect(refuse('page:get', { url: sibling }, content())).toMatch(/not this tab's page/);
    // The same page under another fragment or tracking parameter is the same page.
    expect(
      refuse(
        'updates:mark',
        { url: `${WEB}?utm_source=x#e2`, ids: ['a'], state: 'seen', manual: false },
        content(),
      ),
    ).toBeNull();
    // After a pushState the frame's URL is still the one the document loaded with; the tab's is the new one.
    const pushed = {
      ...content(),
      tab: { id: 3, url: sibling },
    } as unknown as Parameters<typeof refuse>[2];
    expect(
      refuse('page:report', { url: sibling, visit: 'v', title: '', isLiveBlog: true, updates: [] }, pushed),
    ).toBeNull();
    // The page the tab reported before a soft navigation (pushState): its last marks come after the URL changed.
    expect(
      refuse('updates:mark', { url: sibling, ids: ['a'], state: 'seen', manual: false }, content(), sibling),
    ).toBeNull();
  });
});
