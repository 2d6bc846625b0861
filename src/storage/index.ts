/**
 * The database's entry point: open it (upgrading it first) and its types. Every write is one
 * transaction, so a service worker stopped mid-way leaves either the old state or the new one.
 */
import { openDB } from 'idb';
import { DB_NAME, DB_VERSION, type BackstoryDB, type DB } from './schema';
import { UPGRADES } from './upgrades';

export {
  DB_NAME,
  DB_VERSION,
  newestTime,
  type BackstoryDB,
  type CacheDB,
  type CacheRecord,
  type DB,
  type EntryRecord,
  type PageRecord,
} from './schema';

/** Opens (and upgrades) the database. `version` below the current one exists for the upgrade tests. */
export function openStore(name = DB_NAME, version = DB_VERSION): Promise<DB> {
  return openDB<BackstoryDB>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) await UPGRADES[v](db, tx);
    },
  });
}
