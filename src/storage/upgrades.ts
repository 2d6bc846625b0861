/**
 * One step per schema version, applied in order, so a database of any version reaches the current
 * schema. A step is never edited once released: a database written by that version must still open.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { aliasRecord } from '../reading/keys';
import { newestTime, type BackstoryDB, type DB, type PageRecord } from './schema';

/** Version 1 kept one visit id and no first-visit baseline. */
interface PageRecordV1 extends Omit<
  PageRecord,
  'visits' | 'knownBefore' | 'initial' | 'aliases' | 'initialNewest' | 'knownNewest'
> {
  visit: string;
  knownBefore?: string[];
}

/** v1 → v2: a list of recent visits instead of one, and the first visit's updates as the backlog. */
function pageV2(old: PageRecordV1 | PageRecord): PageRecord {
  if ('visits' in old) return old;
  const { visit, knownBefore, ...rest } = old;
  const ids = old.updates.map((u) => u.id);
  return {
    ...rest,
    visits: [visit],
    knownBefore: knownBefore ?? ids,
    initial: knownBefore ?? ids,
    initialNewest: newestTime(old.updates),
    aliases: aliasRecord(),
  };
}

export type UpgradeTx = IDBPTransaction<BackstoryDB, StoreNames<BackstoryDB>[], 'versionchange'>;

/** `UPGRADES[v]` takes a database of version v to version v + 1. */
export const UPGRADES: Array<(db: DB, tx: UpgradeTx) => Promise<void> | void> = [
  (db) => {
    const pages = db.createObjectStore('pages', { keyPath: 'url' });
    pages.createIndex('by-last-visit', 'lastVisit');
    const entries = db.createObjectStore('entries', { keyPath: ['url', 'id'] });
    entries.createIndex('by-url', 'url');
    db.createObjectStore('cache', { keyPath: 'key' });
  },
  async (_db, tx) => {
    let cursor = await tx.objectStore('pages').openCursor();
    while (cursor) {
      await cursor.update(pageV2(cursor.value as unknown as PageRecordV1));
      cursor = await cursor.continue();
    }
  },
  // v3: cache entries by age, so they can be evicted oldest first.
  (_db, tx) => {
    tx.objectStore('cache').createIndex('by-at', 'at');
  },
];
