/**
 * Every page we have, through findLiveBlog: the shared seed and real pages (../shared/fixtures, with the
 * results INDEX.md gives) and one page of our own per platform shape in PLATFORMS.md, plus ordinary pages
 * that must not be called live blogs. Counts, ids and labels are exact.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLiveBlog, firstLine } from '../../src/liveblog';
import { fixture, parsePage, SHARED_FIXTURES } from '../helpers';

const OWN = resolve(__dirname, '../fixtures/platforms');
/** Relative labels count back from the page's load: tests load it at a fixed moment. */
const NOW = Date.parse('2024-01-01T12:00:00Z');

interface Expected {
  via: string;
  count: number;
  ids?: string[];
  labels?: string[];
  /** ISO times, in page order (undefined where the page says nothing usable). */
  times?: Array<string | undefined>;
  /** Opening words of each update's first line. */
  starts?: string[];
  hidden?: string[];
  schema?: 'json-ld' | 'microdata';
}

const OWN_PAGES: Record<string, Expected> = {
  'guardian-dcr.html': {
    via: 'platform:guardian',
    schema: 'json-ld',
    count: 5,
    ids: ['block-6543a1f08f08c2e0b4b0a009', 'block-6543a1f08f08c2e0b4b0a001', 'block-6543a1f08f08c2e0b4b0a002', 'block-6543a1f08f08c2e0b4b0a003', 'block-6543a1f08f08c2e0b4b0a004'],
    labels: ['10.40 GMT', '10.31 GMT', '09.12 GMT', '07.44 GMT', '06.05 GMT'],
    times: ['2023-11-02T10:40:02.000Z', '2023-11-02T10:31:40.000Z', '2023-11-02T09:12:03.000Z', '2023-11-02T07:44:20.000Z', '2023-11-02T06:05:11.000Z'],
    starts: ['The Environment Agency has issued', 'Channel Islands record strongest gusts', 'Network Rail says 40 lines', 'Schools closed in Cornwall', 'Welcome'],
    hidden: ['block-6543a1f08f08c2e0b4b0a009'],
  },
  'bbc-webcore.html': {
    via: 'platform:bbc',
    count: 4,
    ids: ['asset:9f0e2b7a-4c1d-4b66-9d0e-1b2c3d4e5f60', 'asset:2a7d4c0e-8b1f-4d2e-a3c4-5b6d7e8f9a01', 'asset:5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a82', 'asset:0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d03'],
    labels: ['13:40', '13:05', '12:31', '08:02'],
    times: ['2024-03-06T13:40:00.000Z', '2024-03-06T13:05:00.000Z', '2024-03-06T12:31:00.000Z', '2024-03-06T08:02:00.000Z'],
    starts: ['Analysis: the sums', 'Fuel duty frozen again', 'National insurance cut by 2p', 'Good morning'],
  },
  'bbc-lx.html': {
    via: 'platform:bbc-lx',
    count: 3,
    ids: ['post_5dc54b1c4f8a1d06a8a1b2c3', 'post_5dc5427e4f8a1d06a8a1b2c2', 'post_5dc52e104f8a1d06a8a1b2c1'],
    labels: ['11:58', '10:41', '09:05'],
    times: ['2019-11-08T11:58:00.000Z', '2019-11-08T10:41:00.000Z', '2019-11-08T09:05:00.000Z'],
    starts: ['River Don peaks', 'Residents leave homes', "A month's rain"],
  },
  'bbc-world-service.html': {
    via: 'platform:bbc-world-service',
    schema: 'json-ld',
    count: 4,
    ids: ['urn:bbc:tipo:asset:7e1c0f2a-3b4d-4e5f-8a9b-0c1d2e3f4a55', 'urn:bbc:tipo:asset:7e1c0f2a-3b4d-4e5f-8a9b-0c1d2e3f4a44', 'urn:bbc:tipo:asset:7e1c0f2a-3b4d-4e5f-8a9b-0c1d2e3f4a33', 'urn:bbc:tipo:asset:7e1c0f2a-3b4d-4e5f-8a9b-0c1d2e3f4a22'],
    labels: ['hace 25 minutos', 'hace 1 hora', 'hace 3 horas', 'hace 4 horas'],
    times: ['2023-11-19T23:35:00.000Z', '2023-11-19T22:10:00.000Z', '2023-11-19T21:00:00.000Z', '2023-11-19T20:00:00.000Z'],
    starts: ['Massa reconoce la derrota', 'Primeros resultados oficiales', 'Cierran los centros', 'Bienvenidos'],
  },
  'nyt.html': {
    via: 'platform:nyt',
    count: 4,
    ids: ['heres-what-to-know-about-the-eclipse', 'totality-reaches-maine', 'clouds-part-over-dallas', 'mazatlan-goes-dark'],
    labels: ['10:00 a.m. ET', '3:31 p.m. ET', '2:43 p.m. ET', '2:07 p.m. ET'],
    times: ['2024-04-08T14:00:03.000Z', '2024-04-08T19:31:22.000Z', '2024-04-08T18:43:10.000Z', '2024-04-08T18:07:45.000Z'],
    starts: ['Here’s what to know', 'Totality reaches Maine', 'Clouds part over Dallas', 'Mazatlán goes dark first'],
  },
  'cnn.html': {
    via: 'platform:cnn',
    count: 3,
    ids: ['h_0d9f8e7c6b5a49382716f5e4d3c2b1a0', 'h_1e2d3c4b5a69788796a5b4c3d2e1f0a9', 'h_2f3e4d5c6b7a8990a7b6c5d4e3f2a1b8'],
    times: ['2024-03-13T01:58:00.000Z', '2024-03-13T01:02:00.000Z', '2024-03-12T22:00:00.000Z'],
    starts: ['Trump clinches the Republican nomination', 'Polls close in Mississippi', "What to watch in tonight's primaries"],
  },
  'cnn-older.html': {
    via: 'platform:cnn-older',
    count: 3,
    ids: ['h_8a7b6c5d4e3f20112233445566778899', 'h_7b6c5d4e3f2011223344556677889900', 'h_6c5d4e3f201122334455667788990011'],
    labels: ['2:41 a.m. ET, October 30, 2023', '12:09 a.m. ET, October 30, 2023', '11:47 p.m. ET, October 29, 2023'],
    times: ['2023-10-30T07:41:00.000Z', '2023-10-30T05:09:00.000Z', '2023-10-30T04:47:00.000Z'],
    starts: ['Aid trucks enter Gaza', 'Communications partly restored', 'Our live coverage has moved'],
  },
  'aljazeera.html': {
    via: 'platform:aljazeera',
    count: 4,
    ids: ['morocco-accepts-aid-from-four-countries', 'death-toll-rises-above-2000', 'three-days-of-mourning', 'welcome-to-our-live-coverage'],
    labels: ['40 min ago', '2 hours ago', '4 hours ago', '5 hours ago'],
    times: ['2024-01-01T11:20:00.000Z', '2024-01-01T10:00:00.000Z', '2024-01-01T08:00:00.000Z', '2024-01-01T07:00:00.000Z'],
    starts: ['Morocco accepts aid', 'Death toll rises', 'Three days of national mourning', 'Welcome to our live coverage'],
  },
  'reuters-arena.html': {
    via: 'platform:reuters',
    count: 3,
    labels: ['3:12 PM EDT', '2:31 PM EDT', '2:00 PM EDT'],
    times: ['2024-03-20T19:12:00.000Z', '2024-03-20T18:31:00.000Z', '2024-03-20T18:00:00.000Z'],
    starts: ['Powell: inflation is coming down', 'Stocks rise after the decision', 'Fed keeps rates'],
  },
  'sky-norkon.html': {
    via: 'platform:norkon',
    count: 4,
    ids: ['88123407', '88123311', '88123177', '88123050'],
    labels: ['11:47', '10:15', '07:58', '05:45'],
    times: ['2023-06-21T10:47:00.000Z', '2023-06-21T09:15:00.000Z', '2023-06-21T06:58:00.000Z', '2023-06-21T04:45:00.000Z'],
    starts: ["Union says 'serious' offer needed", 'Talks resume', "Minister: 'We want this resolved'", 'Welcome to the Politics Hub'],
  },
  'reach.html': {
    via: 'platform:reach',
    schema: 'json-ld',
    count: 4,
    ids: ['4412941', '4412907', '4412850', '4412788'],
    labels: ['09:09', '09:02', '08:21', '07:13'],
    times: ['2024-02-15T09:09:50.000Z', '2024-02-15T09:02:48.120Z', '2024-02-15T08:21:05.004Z', '2024-02-15T07:13:44.918Z'],
    starts: ['Trams running normally', 'Lanes reopen', 'Long queues on the M56', 'M60 closed clockwise'],
  },
  'sportowefakty.html': {
    via: 'platform:sportowefakty',
    schema: 'microdata',
    count: 4,
    ids: ['1042311', '1042290', '1042254', '1042201'],
    labels: ['17:52', '17:31', '16:48', '15:40'],
    times: ['2024-01-21T16:52:00.000Z', '2024-01-21T16:31:00.000Z', '2024-01-21T15:48:00.000Z', '2024-01-21T14:40:00.000Z'],
    starts: ['Koniec konkursu', 'Seria finałowa, grupa druga', 'Po pierwszej serii', 'Dzień dobry'],
  },
  'wp-liveblog-react.html': {
    via: 'platform:wp-liveblog',
    schema: 'json-ld',
    count: 3,
    ids: ['id_4821', 'id_4815', 'id_4802'],
    labels: ['8:47 pm', '7:05 pm', '5:02 pm'],
    times: ['2024-05-15T01:47:00.000Z', '2024-05-15T00:05:00.000Z', '2024-05-14T22:02:00.000Z'],
    starts: ['Budget passes 7-2', 'Public comment has ended', 'Meeting starts'],
  },
  'wp-liveblog-legacy.html': {
    via: 'platform:wp-liveblog-legacy',
    count: 3,
    ids: ['liveblog-entry-913', 'liveblog-entry-907', 'liveblog-entry-901'],
    labels: ['10:30', '09:30', '08:00'],
    times: ['2016-04-17T09:30:00.000Z', '2016-04-17T08:30:00.000Z', '2016-04-17T07:00:00.000Z'],
    starts: ["The men's race is won", 'Roads around the harbour', 'The wheelchair race'],
  },
  'amp-live-list.html': {
    via: 'platform:amp-live-list',
    count: 3,
    ids: ['post-1716652800', 'post-1716650400', 'post-1716648000'],
    labels: ['16:00', '15:20', '14:40'],
    times: ['2024-05-25T16:00:00.000Z', '2024-05-25T15:20:00.000Z', '2024-05-25T14:40:00.000Z'],
    starts: ['Full time: City 2 United 1', 'Half time', 'Kick-off'],
  },
  'embed-24liveblog.html': {
    via: 'platform:24liveblog',
    count: 3,
    ids: ['88120', '88102', '88077'],
    labels: ['15:58', '15:20', '13:05'],
    times: ['2024-07-07T13:58:00.000Z', '2024-07-07T13:20:00.000Z', '2024-07-07T11:05:00.000Z'],
    starts: ['Ten kilometres to go', 'Puncture for the yellow jersey', 'The flag drops in Troyes'],
  },
  'embed-arena.html': {
    via: 'platform:arena',
    count: 3,
    ids: ['msg-7Hq2Lk', 'msg-7Hq1Zc', 'msg-7Hq0Ab'],
    times: ['2024-10-07T00:40:00.000Z', '2024-10-06T23:55:00.000Z', '2024-10-06T23:00:00.000Z'],
    starts: ['Com 95% das urnas', 'O tribunal eleitoral', 'As urnas fecharam'],
  },
  'embed-tickaroo.html': {
    via: 'platform:tickaroo',
    count: 3,
    ids: ['tik4-event-652291', 'tik4-event-652240', 'tik4-event-652201'],
    labels: ['19:12 Uhr', '18:00 Uhr', '17:30 Uhr'],
    times: ['2023-10-08T17:12:00.000Z', '2023-10-08T16:00:00.000Z', '2023-10-08T15:30:00.000Z'],
  },
  'schema-jsonld.html': {
    via: 'schema',
    schema: 'json-ld',
    // Three updates in the JSON-LD, four in the DOM: the newest arrived after the server rendered the JSON.
    count: 4,
    ids: ['u-20230528-2331', 'u-20230528-2305', 'u-20230528-2140', 'u-20230528-1900'],
    labels: ['11:31 PM', '11:05 PM', '9:40 PM', '7:00 PM'],
    times: ['2023-05-29T02:31:00.000Z', '2023-05-29T02:05:00.000Z', '2023-05-29T00:40:00.000Z', '2023-05-28T22:00:00.000Z'],
    starts: ['Premier asks for federal help', 'More homes lost', 'Evacuation centre opens', 'Fire spreading fast'],
  },
  'schema-microdata.html': {
    via: 'schema',
    schema: 'microdata',
    count: 3,
    ids: ['post-3391', 'post-3377', 'post-3360'],
    times: ['2023-03-07T10:55:00.000Z', '2023-03-07T09:12:00.000Z', '2023-03-07T05:00:00.000Z'],
    starts: ["Le cortège parisien s'élance", 'Un train sur cinq', 'Bonjour'],
  },
  'generic-timeline.html': {
    via: 'generic',
    count: 4,
    ids: ['e-1188', 'e-1181', 'e-1175', 'e-1170'],
    labels: ['3:42 pm', '1:10 pm', '11:25 am', '9:00 am'],
    times: ['2022-08-20T21:42:00.000Z', '2022-08-20T19:10:00.000Z', '2022-08-20T17:25:00.000Z', '2022-08-20T15:00:00.000Z'],
    starts: ['The fairgrounds will stay closed', 'All animals have been moved', 'Water is now ankle-deep', 'Heavy rain overnight'],
  },
  'text-markers-midnight.html': {
    via: 'text-markers',
    count: 4,
    labels: ['UPDATE 0140 GMT', '0015 GMT', 'UPDATE 2340 GMT', 'ORIGINAL ENTRY'],
    // Only the publication date is stated: dated from the oldest update up, across midnight.
    times: ['2019-12-13T01:40:00.000Z', '2019-12-13T00:15:00.000Z', '2019-12-12T23:40:00.000Z', '2019-12-12T21:30:00.000Z'],
    starts: ['The first seat to change hands', 'The second declaration', 'First result of the night', 'The exit poll'],
  },
};

const NOT_LIVE_BLOGS = [
  'not-article-updated-stamp.html',
  'not-liveblog-classes.html',
  'not-blog-comments.html',
  'not-blog-index.html',
  'not-news-river.html',
  'embed-iframe.html',
];

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
  if (e.starts) blog!.updates.forEach((u, i) => expect(firstLine(u.text).startsWith(e.starts![i]), `${firstLine(u.text)} / ${e.starts![i]}`).toBe(true));
  expect(blog!.updates.filter((u) => u.hidden).map((u) => u.id)).toEqual(e.hidden ?? []);
  for (const u of blog!.updates) for (const el of u.elements) expect(blog!.container.contains(el)).toBe(true);
}

describe('our platform fixtures', () => {
  it('cover every page in tests/fixtures/platforms', () => {
    const files = readdirSync(OWN).filter((f) => f.endsWith('.html')).sort();
    expect(files).toEqual([...Object.keys(OWN_PAGES), ...NOT_LIVE_BLOGS].sort());
  });

  it.each(Object.entries(OWN_PAGES))('%s', (file, e) => check(readFileSync(resolve(OWN, file), 'utf8'), e));

  it.each(NOT_LIVE_BLOGS)('%s is not a live blog', (file) => {
    expect(findLiveBlog(parsePage(readFileSync(resolve(OWN, file), 'utf8')), NOW)).toBeNull();
  });
});

describe('shared fixtures (../shared/fixtures, real/INDEX.md)', () => {
  const gold = JSON.parse(fixture('eaworldview-syria-daily.gold.json')) as { updates: Array<{ label: string; starts: string }> };

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
    const fragments = [...html.matchAll(/"url":"https:\/\/www\.corkbeo\.ie\/[^"#]+#(\d+)"/g)].map((m) => m[1]);
    expect(fragments).toHaveLength(26);
    check(html, { via: 'platform:reach', schema: 'json-ld', count: 26, ids: fragments });
    const blog = findLiveBlog(parsePage(html), NOW)!;
    expect(blog.updates[0]).toMatchObject({ label: '21:22', time: '2020-10-06T20:22:53.212Z' });
  });

  it('Frankfurter Rundschau: five timestamped updates and the original report', () => {
    check(fixture('real/fr-kim-jong-un-inline-updates.html'), {
      via: 'text-markers',
      count: 6,
      labels: ['Update vom 03. Mai 2020, 16:05 Uhr', 'Update, 13:17 Uhr', 'Update vom 02. Mai 2020, 9:20 Uhr', 'Update, 29.04.2020, 17:15 Uhr', 'Update, 28.4.2020, 12.45 Uhr', 'Erstmeldung'],
      starts: ['Kim Jong Uns vermeintliche Rückkehr', 'Die Authentizität der Bilder', 'Das Regime in Nordkorea', 'Die Gerüchte um den Gesundheitszustand', 'Inmitten der Spekulationen', 'Pjöngjang'],
    });
    const times = findLiveBlog(parsePage(fixture('real/fr-kim-jong-un-inline-updates.html')), NOW)!.updates.map((u) => u.time);
    expect(times[0]).toBe('2020-05-03T14:05:00.000Z');
    expect(times[3]).toBe('2020-04-29T15:15:00.000Z');
    expect(times[4]).toBe('2020-04-28T10:45:00.000Z');
    // "13:17 Uhr" prints no date: it lies between its neighbours.
    expect(times[1]! < times[0]! && times[1]! > times[2]!).toBe(true);
  });

  const ordinary = readdirSync(resolve(SHARED_FIXTURES, 'real')).filter((f) => f.endsWith('.html') && !/corkbeo|fr-kim/.test(f));
  it('has the eight ordinary articles INDEX.md lists', () => expect(ordinary).toHaveLength(8));
  it.each(ordinary)('real/%s is not a live blog', (file) => {
    expect(findLiveBlog(parsePage(fixture(`real/${file}`)), NOW)).toBeNull();
  });
});
