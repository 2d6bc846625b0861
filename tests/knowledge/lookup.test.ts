// @vitest-environment node
/** The whole lookup against the local mock of Wikipedia and Wikidata (real response formats, no network). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, wikiEndpoint, wikidataEndpoint, type LocalServer } from '../../scripts/lib/server';
import { lookupKnowledge, type LookupSettings } from '../../src/knowledge/lookup';
import { API_USER_AGENT, DAY } from '../../src/knowledge/net';
import type { KnowledgeRequest } from '../../src/knowledge/types';
import { openStore, type DB } from '../../src/storage';

let server: LocalServer;
let settings: LookupSettings;
let db: DB;
let n = 0;

const SEED_PLACES: KnowledgeRequest['context'] = [
  { name: 'Syria', subkind: 'country' },
  { name: 'Turkey', subkind: 'country' },
  { name: 'Aleppo' },
  { name: 'Damascus', subkind: 'city' },
  { name: 'Ankara', subkind: 'city' },
];

beforeAll(async () => {
  server = await startServer();
  settings = {
    wikipedia: true,
    wikipediaEndpoint: wikiEndpoint(server),
    wikidataEndpoint: wikidataEndpoint(server),
    images: true,
  };
});
afterAll(() => server.close());
beforeEach(async () => {
  db = await openStore(`lookup-${++n}`);
  server.apiRequests.length = 0;
});

const paths = () => server.apiRequests.map((r) => decodeURIComponent(r.path));

describe('knowledge:lookup', () => {
  it('a person: Wikipedia summary, offices from Wikidata, the context pack, the image as a data: URL', async () => {
    const k = await lookupKnowledge(
      db,
      { name: 'Binali Yıldırım', kind: 'person', roles: ['Turkish Prime Minister'], context: SEED_PLACES },
      settings,
    );
    expect(k.status).toBe('ok');
    expect(k.summary).toMatchObject({ title: 'Binali Yıldırım', wikibaseItem: 'Q1333095', dir: 'ltr' });
    expect(k.summary!.thumbnail!.source).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(k.offices?.map((o) => o.label)).toContain('Prime Minister of Turkey');
    expect(k.pack).toMatchObject({ pack: 'world-leaders', wikiTitle: 'Binali Yıldırım' });
    expect(k.place).toBeUndefined();
    // Only the title, and identifiers derived from its article, left the "device"; never page text.
    expect(paths()).toEqual([
      '/wiki/api/rest_v1/page/summary/Binali_Yıldırım?redirect=true',
      '/wikidata/w/api.php?action=wbgetentities&format=json&origin=*&ids=Q1333095&props=claims',
      '/wikidata/w/api.php?action=wbgetentities&format=json&origin=*&ids=Q99000201|Q99000202|Q99000203&props=labels&languages=en&languagefallback=1',
      expect.stringMatching(/^\/wiki-media\/.*Binali/),
    ]);
    for (const r of server.apiRequests) {
      // The APIs are told who is asking; the image host gets a plain GET (no CORS preflight).
      expect(r.headers['api-user-agent']).toBe(
        r.path.startsWith('/wiki-media/') ? undefined : API_USER_AGENT,
      );
      expect(r.headers.cookie).toBeUndefined();
      expect(r.headers.referer).toBeUndefined();
    }
  });

  it('a town: gazetteer facts, distances to the page’s places, a map, and its article', async () => {
    const k = await lookupKnowledge(db, { name: 'al-Bab', kind: 'place', context: SEED_PLACES }, settings);
    expect(k.summary?.title).toBe('Al-Bab');
    expect(k.place).toMatchObject({
      kind: 'town',
      name: 'al-Bab',
      country: { name: 'Syria' },
      population: { source: 'GeoNames' },
    });
    expect(k.place!.relations[0].phrase).toBe('about 40 km north-east of Aleppo');
    expect(k.place!.map!.marker).toBeDefined();
    // GeoNames had the population: no Wikidata call.
    expect(paths().some((p) => p.startsWith('/wikidata/'))).toBe(false);
  });

  it('a country: capital, flag, region, and population from Wikidata with its year', async () => {
    const k = await lookupKnowledge(
      db,
      { name: 'Turkey', kind: 'place', subkind: 'country', context: SEED_PLACES },
      settings,
    );
    expect(k.place).toMatchObject({
      kind: 'country',
      country: { code: 'TR', capital: 'Ankara', flag: '🇹🇷' },
      population: { value: 85372377, year: '2023', source: 'Wikidata' },
    });
    expect(k.summary?.title).toBe('Turkey');
    expect(k.place!.borders).toContainEqual({ name: 'Syria', onPage: true });
  });

  it('an organization: its side, backers and article', async () => {
    const k = await lookupKnowledge(
      db,
      { name: 'Hezbollah', kind: 'organization', context: SEED_PLACES },
      settings,
    );
    expect(k.pack?.sides[0]).toMatch(/^Assad government and its allies/);
    expect(k.summary?.description).toMatch(/militant group/);
  });

  it('resolves a disambiguation page by the page’s context, and is sure', async () => {
    const k = await lookupKnowledge(
      db,
      {
        name: 'Tripoli',
        kind: 'place',
        context: [
          { name: 'Lebanon', subkind: 'country' },
          { name: 'Beirut', subkind: 'city' },
        ],
      },
      settings,
    );
    expect(k.summary?.title).toBe('Tripoli, Lebanon');
    expect(k.unsure).toBeUndefined();
    expect(k.place?.country?.code).toBe('LB');
    expect(paths().filter((p) => p.startsWith('/wiki/w/api.php'))).toEqual([
      expect.stringContaining('gsrsearch=Tripoli&'),
    ]);
  });

  it('says so when unsure, offers the candidates, and opens the one the reader picks', async () => {
    const k = await lookupKnowledge(db, { name: 'Tripoli', kind: 'place' }, settings);
    expect(k.unsure).toBe(true);
    expect(k.candidates?.map((c) => c.title).sort()).toEqual(['Tripoli, Lebanon', 'Tripoli, Libya']);
    const picked = await lookupKnowledge(
      db,
      { name: 'Tripoli', kind: 'place', pick: 'Tripoli, Libya' },
      settings,
    );
    expect(picked.summary?.title).toBe('Tripoli, Libya');
    expect(picked.unsure).toBeUndefined();
    expect(picked.candidates?.map((c) => c.title)).toContain('Tripoli, Lebanon');
  });

  it('tries the qualified title Wikipedia uses ("Homs Governorate" for "Homs Province")', async () => {
    const k = await lookupKnowledge(
      db,
      { name: 'Homs Province', kind: 'place', context: SEED_PLACES },
      settings,
    );
    expect(k.summary?.title).toBe('Homs Governorate');
    expect(k.place?.approximate).toMatch(/Homs/);
  });

  it('says when nothing matches', async () => {
    const k = await lookupKnowledge(db, { name: 'Bilal Abdul Kareem', kind: 'person' }, settings);
    expect(k).toMatchObject({ status: 'not-found' });
  });

  it('sends nothing when lookups are off, and still gives the offline layers', async () => {
    const k = await lookupKnowledge(
      db,
      { name: 'al-Bab', kind: 'place', context: SEED_PLACES },
      { ...settings, wikipedia: false },
    );
    expect(k.status).toBe('off');
    expect(k.place?.relations.length).toBeGreaterThan(0);
    expect(server.apiRequests).toEqual([]);
  });

  it('caches with a time-to-live and serves the cache, with its age, when offline', async () => {
    const t0 = Date.UTC(2025, 0, 1);
    const req: KnowledgeRequest = { name: 'Syria', kind: 'place', subkind: 'country' };
    await lookupKnowledge(db, req, settings, { now: () => t0 });
    const sent = server.apiRequests.length;
    const again = await lookupKnowledge(db, req, settings, { now: () => t0 + DAY });
    expect(server.apiRequests.length).toBe(sent);
    expect(again.cachedAt).toBeUndefined();
    const offline = () => Promise.reject(new TypeError('Failed to fetch'));
    const stale = await lookupKnowledge(db, req, settings, { now: () => t0 + 10 * DAY, fetch: offline });
    expect(stale).toMatchObject({ status: 'ok', summary: { title: 'Syria' }, cachedAt: t0 });
    expect(stale.place?.population?.value).toBe(23200000);
    const nothing = await lookupKnowledge(db, { name: 'Hezbollah', kind: 'organization' }, settings, {
      fetch: offline,
    });
    expect(nothing.status).toBe('error');
    expect(nothing.pack).toBeDefined();
    // Expired and reachable again: fetched afresh.
    await lookupKnowledge(db, req, settings, { now: () => t0 + 10 * DAY });
    expect(server.apiRequests.length).toBeGreaterThan(sent);
  });

  it('stops when the card closes before the answer', async () => {
    const controller = new AbortController();
    let started = 0;
    const slow: typeof fetch = (_input, init) =>
      new Promise((_, reject) => {
        started++;
        init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      });
    const pending = lookupKnowledge(db, { name: 'Hezbollah', kind: 'organization' }, settings, {
      fetch: slow,
      signal: controller.signal,
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow(/Abort/);
    // Nothing further was asked after the abort.
    expect(started).toBe(1);
  });
});
