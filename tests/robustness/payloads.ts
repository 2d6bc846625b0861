/** Well-formed payloads of every background message kind, shared by the Node matrix and the browser sample. */
import type { BackgroundProtocol } from '../../src/messaging/protocol';

type Kind = keyof BackgroundProtocol;
export const PAGE = 'http://127.0.0.1:9300/live.html';

/** A well-formed payload of each kind, as the extension's own code sends it. */
export const VALID: { [K in Kind]: Record<string, unknown> } = {
  'page:report': {
    url: PAGE,
    visit: 'v1',
    title: 'Live',
    isLiveBlog: true,
    updates: [{ id: 'e1', label: '10:00', firstLine: 'First', time: '2026-01-01T10:00:00Z' }],
  },
  'page:leave': { visit: 'v1' },
  'updates:mark': { url: PAGE, ids: ['e1'], state: 'seen', manual: false },
  'page:get': { url: PAGE },
  'page:jump': { url: PAGE, id: 'e1' },
  'pages:followed': {},
  'knowledge:lookup': { name: 'Aleppo', kind: 'place', requestId: 'r1' },
  'knowledge:cancel': { requestId: 'r1' },
  'data:export': {},
  'data:import': { format: 'backstory-reading', version: 2, exportedAt: '', pages: [], entries: [] },
  'data:clear': { what: 'cache' },
  'site:enable': { origin: 'https://news.example' },
  'site:disable': { origin: 'https://news.example' },
  'site:status': { url: PAGE },
  'options:open': {},
  'site:list': {},
  'settings:set': { hoverDelay: 300 },
  'status:get': {},
  'sites:enable': { origins: ['https://news.example'] },
  'site:runOnce': { tabId: 1 },
  'errors:log': { feature: 'names', message: 'TypeError: x', origin: 'http://127.0.0.1:9300' },
  'errors:list': {},
  'errors:clear': {},
  'updates:seen': { url: PAGE, ids: ['e1'] },
  'page:update': {
    url: PAGE,
    visit: 'v1',
    title: 'Live',
    isLiveBlog: true,
    added: [{ id: 'e2', label: '10:05', firstLine: 'Second', at: 0 }],
    changed: [],
    removed: [],
    count: 2,
  },
  'names:detect': { session: 's1', text: 'Angela Merkel visited Berlin.', blocks: [0, 29, -1], langs: [] },
  'story:map': { places: [{ key: 'city:SY:aleppo', lat: 36.2, lon: 37.16 }], width: 320, height: 220 },
  'panel:open': {},
  'page:more': { part: 'more' },
  'follow:list': {},
  'follow:set': { url: PAGE, on: true },
  'follow:patch': { url: PAGE, notify: true },
  'follow:check': { url: PAGE },
  'follow:export': {},
  'follow:import': { follows: [], watches: [] },
  'watch:add': { name: 'Aleppo', kind: 'place' },
  'watch:remove': { key: 'place:aleppo' },
  'watch:list': {},
};

/** Kinds only a content script may send (the Node matrix checks this list against the sender table). */
export const CONTENT_ONLY: Kind[] = [
  'page:report',
  'page:update',
  'page:leave',
  'updates:seen',
  'names:detect',
  'panel:open',
  'page:more',
  'errors:log',
];

/** Page text the store cuts instead of refusing (a page with a huge title is still recorded). */
export const CUT: Partial<Record<Kind, string[]>> = {
  'page:report': ['title', 'updates'],
  'page:update': ['title'],
  'page:jump': ['id'],
};
