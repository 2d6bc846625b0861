/**
 * The extension's one IndexedDB database, owned by the background: its stores and their record types.
 * Reading state (`pages`, `entries`: src/reading/store.ts) and the knowledge cache (`cache`:
 * src/knowledge/net.ts) live side by side in it so that one upgrade path and one quota cover both; each
 * sees it through its own type (`DB`, `CacheDB`). The records hold reading's value types as they are.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { Aliases } from '../reading/keys';
import type { UpdateState, UpdateSummary } from '../reading/types';

export const DB_NAME = 'backstory';
/** Raise it with a step in ./upgrades.ts and a writer in tests/storage/upgrade.test.ts. */
export const DB_VERSION = 3;

export interface PageRecord {
  url: string;
  title: string;
  isLiveBlog: boolean;
  /** The updates as last reported, in page order. */
  updates: UpdateSummary[];
  firstVisit: number;
  lastVisit: number;
  previousVisit?: number;
  /** Recent page loads, oldest first: a report from one of them continues its visit (two tabs, one blog). */
  visits: string[];
  /** Update ids on the page when the latest visit began. */
  knownBefore: string[];
  /** Update ids on the page at the reader's first visit: the backlog, counted but never flagged in the page. */
  initial: string[];
  /** The newest time among `initial` and `knownBefore` (`newestTime`): updates older than these are old ones loaded late. */
  initialNewest?: string;
  knownNewest?: string;
  /** Reported id → stored id, for id-less updates whose opening was edited. Read with `aliasOf` only. */
  aliases: Aliases;
}

export interface EntryRecord {
  url: string;
  id: string;
  state: UpdateState;
  manual: boolean;
  at: number;
}

export interface CacheRecord {
  key: string;
  value: unknown;
  at: number;
  /** Approximate size in bytes (v3; older entries count by their value). */
  size?: number;
}

export interface BackstoryDB extends DBSchema {
  pages: { key: string; value: PageRecord; indexes: { 'by-last-visit': number } };
  entries: { key: [string, string]; value: EntryRecord; indexes: { 'by-url': string } };
  cache: { key: string; value: CacheRecord; indexes: { 'by-at': number } };
}

export type DB = IDBPDatabase<BackstoryDB>;

/** What the knowledge cache sees of the database: its one store, nothing of reading's. A `DB` is one. */
export interface CacheDB {
  get(store: 'cache', key: string): Promise<CacheRecord | undefined>;
  put(store: 'cache', value: CacheRecord): Promise<string>;
  transaction(store: 'cache', mode: 'readwrite'): IDBPTransaction<BackstoryDB, ['cache'], 'readwrite'>;
}

/** The newest time among these updates: the value of `initialNewest` and `knownNewest`. */
export const newestTime = (updates: readonly UpdateSummary[]): string | undefined =>
  updates.reduce<string | undefined>(
    (max, u) => (u.time && (!max || u.time > max) ? u.time : max),
    undefined,
  );
