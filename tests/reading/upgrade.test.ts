/** A database of every earlier schema version opens at the current one with its data. */
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { evictCache } from '../../src/knowledge/net';
import { DB_VERSION, markUpdates, openStore, pageState, recordReport } from '../../src/reading/store';

const URL_A = 'http://127.0.0.1:9000/live.html';
const summary = (id: string) => ({ id, label: `UPDATE ${id}`, firstLine: `text ${id}` });
let n = 0;

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
