/**
 * The database's schema (version 3) and its upgrades: a database of every earlier version opens at the
 * current one with its data, and reading and the knowledge cache both work on it afterwards.
 */
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { evictCache } from '../../src/knowledge/net';
import { markUpdates, pageState, recordReport } from '../../src/reading/store';
import { DB_NAME, DB_VERSION, openStore } from '../../src/storage';

const URL_A = 'http://127.0.0.1:9000/live.html';
const summary = (id: string) => ({ id, label: `UPDATE ${id}`, firstLine: `text ${id}` });
const report = (visit: string, ids: string[]) => ({
  url: URL_A,
  visit,
  title: 'Live',
  isLiveBlog: true,
  updates: ids.map(summary),
});
const states = (s: { updates: Array<{ id: string; state: string }> } | null) =>
  s?.updates.map((u) => `${u.id}:${u.state}`);
let n = 0;

describe('schema', () => {
  it('is version 3 with pages by URL, marks by URL and id, and the cache by key, each with its index', async () => {
    expect(DB_NAME).toBe('backstory');
    expect(DB_VERSION).toBe(3);
    const name = `blank-${n++}`;
    (await openStore(name)).close();
    const raw = await openDB(name);
    expect(raw.version).toBe(3);
    expect([...raw.objectStoreNames].sort()).toEqual(['cache', 'entries', 'pages']);
    const shape = (store: string) => {
      const s = raw.transaction(store).objectStore(store);
      return { keyPath: s.keyPath, indexes: [...s.indexNames].map((i) => [i, s.index(i).keyPath]) };
    };
    expect(shape('pages')).toEqual({ keyPath: 'url', indexes: [['by-last-visit', 'lastVisit']] });
    expect(shape('entries')).toEqual({ keyPath: ['url', 'id'], indexes: [['by-url', 'url']] });
    expect(shape('cache')).toEqual({ keyPath: 'key', indexes: [['by-at', 'at']] });
    raw.close();
  });
});

/** What each version wrote, written by opening the store at that version. */
const WRITERS: Record<number, (name: string) => Promise<void>> = {
  1: async (name) => {
    const db = await openStore(name, 1);
    await db.put('pages', {
      url: URL_A,
      title: 'Live',
      isLiveBlog: true,
      updates: [summary('b'), summary('a')],
      firstVisit: 1,
      lastVisit: 5,
      visit: 'old',
      knownBefore: ['a'],
    } as never);
    await db.put('entries', { url: URL_A, id: 'a', state: 'seen', manual: false, at: 4 });
    await db.put('cache', { key: 'summary|x', value: { title: 'X' }, at: 3 } as never);
    db.close();
  },
  2: async (name) => {
    const db = await openStore(name, 2);
    await db.put('pages', {
      url: URL_A,
      title: 'Live',
      isLiveBlog: true,
      updates: [summary('b'), summary('a')],
      firstVisit: 1,
      lastVisit: 5,
      visits: ['old'],
      knownBefore: ['a'],
      initial: ['a'],
      aliases: { constructor: 'a' },
    });
    await db.put('entries', { url: URL_A, id: 'a', state: 'seen', manual: false, at: 4 });
    await db.put('cache', { key: 'summary|x', value: { title: 'X' }, at: 3 } as never);
    db.close();
  },
};

describe('upgrades from every schema version', () => {
  it('lists a writer for every version before the current one', () => {
    expect(Object.keys(WRITERS).map(Number)).toEqual(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1));
  });

  it.each(Object.keys(WRITERS).map(Number))(
    'version %i opens at the current version with its pages, marks and cache',
    async (version) => {
      const name = `from-v${version}-${n++}`;
      await WRITERS[version](name);
      const db = await openStore(name);
      expect(db.version).toBe(DB_VERSION);
      expect((await pageState(db, URL_A))!.updates.map((u) => `${u.id}:${u.state}`)).toEqual([
        'b:new',
        'a:seen',
      ]);
      expect(await db.get('cache', 'summary|x')).toMatchObject({ value: { title: 'X' } });
      expect([...db.transaction('cache').store.indexNames]).toEqual(['by-at']);
      // It works: a new visit, a mark, cache eviction over the new index.
      expect(
        (
          await recordReport(
            db,
            {
              url: URL_A,
              visit: 'new',
              title: 'Live',
              isLiveBlog: true,
              updates: [summary('c'), summary('b'), summary('a')],
            },
            6,
          )
        ).updates.map((u) => u.fresh),
      ).toEqual([true, false, false]);
      expect(
        (await markUpdates(db, URL_A, ['constructor', 'b'], 'seen', true))!.updates.map((u) => u.state),
      ).toEqual(['new', 'seen', 'seen']);
      expect(await evictCache(db, 100 * 86_400_000)).toBe(1);
      db.close();
      const raw = await openDB(name);
      expect([...raw.objectStoreNames].sort()).toEqual(['cache', 'entries', 'pages']);
      raw.close();
    },
  );
});

describe('upgrade from version 1, record by record', () => {
  it('opens a version 1 database written by the version 1 code and carries its pages and marks over', async () => {
    const name = `upgrade-${n++}`;
    const v1 = await openStore(name, 1);
    expect(v1.version).toBe(1);
    // The records exactly as version 1 wrote them: one visit id, knownBefore only after a second visit.
    await v1.put('pages', {
      url: URL_A,
      title: 'Live',
      isLiveBlog: true,
      updates: [summary('b'), summary('a')],
      firstVisit: 1,
      lastVisit: 5,
      previousVisit: 3,
      visit: 'old-visit',
      knownBefore: ['a'],
    } as never);
    await v1.put('pages', {
      url: 'http://127.0.0.1:9000/first.html',
      title: 'First',
      isLiveBlog: true,
      updates: [summary('x')],
      firstVisit: 1,
      lastVisit: 1,
      visit: 'only-visit',
    } as never);
    await v1.put('entries', { url: URL_A, id: 'a', state: 'seen', manual: false, at: 4 });
    v1.close();

    const v2 = await openStore(name);
    expect(v2.version).toBe(DB_VERSION);
    expect(states(await pageState(v2, URL_A))).toEqual(['b:new', 'a:seen']);
    const page = await v2.get('pages', URL_A);
    expect(page).toMatchObject({ visits: ['old-visit'], knownBefore: ['a'], initial: ['a'], aliases: {} });
    expect(await v2.get('pages', 'http://127.0.0.1:9000/first.html')).toMatchObject({
      visits: ['only-visit'],
      knownBefore: ['x'],
      initial: ['x'],
    });
    // The old load is recognised as the same visit; a new one starts a new visit.
    expect((await recordReport(v2, report('old-visit', ['b', 'a']), 6)).previousVisit).toBe(3);
    expect(
      (await recordReport(v2, report('new-visit', ['c', 'b', 'a']), 7)).updates.map((u) => u.fresh),
    ).toEqual([true, false, false]);
    v2.close();
  });
});
