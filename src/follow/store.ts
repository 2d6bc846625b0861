/**
 * Followed blogs and watched names in IndexedDB, in a database of their own (the reading store's schema
 * is not touched). Owned by the background; every write is one transaction.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { canonicalUrl } from '../shared/url';
import { clip } from '../reading/store';
import type { FollowRecord, WatchRecord } from './types';
import { watchKey } from './watch';

export const FOLLOW_DB = 'backstory-follow';
export const FOLLOW_DB_VERSION = 1;

interface FollowSchema extends DBSchema {
  follows: { key: string; value: FollowRecord };
  watches: { key: string; value: WatchRecord };
}

export type FollowDB = IDBPDatabase<FollowSchema>;

/** Bounds on what the reader (or an imported file) can make us keep and check. */
export const FOLLOWS_MAX = 200;
export const WATCHES_MAX = 500;
/** Found updates kept per blog: more than any reader catches up on; the oldest go first. */
export const FOUND_MAX = 200;
const NAME_MAX = 200;

export function openFollowStore(name = FOLLOW_DB): Promise<FollowDB> {
  return openDB<FollowSchema>(name, FOLLOW_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('follows', { keyPath: 'url' });
        db.createObjectStore('watches', { keyPath: 'key' });
      }
    },
  });
}

export const listFollows = (db: FollowDB): Promise<FollowRecord[]> => db.getAll('follows');
export const getFollow = (db: FollowDB, url: string): Promise<FollowRecord | undefined> =>
  db.get('follows', canonicalUrl(url));
export const listWatches = (db: FollowDB): Promise<WatchRecord[]> => db.getAll('watches');

export async function putFollow(db: FollowDB, rec: FollowRecord): Promise<void> {
  await db.put('follows', { ...rec, found: rec.found.slice(0, FOUND_MAX) });
}

/** Starts following a blog (idempotent: following again keeps what checks found). False when at the cap. */
export async function addFollow(db: FollowDB, rec: FollowRecord): Promise<boolean> {
  const tx = db.transaction('follows', 'readwrite');
  const old = await tx.store.get(rec.url);
  if (!old && (await tx.store.count()) >= FOLLOWS_MAX) {
    await tx.done;
    return false;
  }
  if (!old) await tx.store.put({ ...rec, title: clip(rec.title, NAME_MAX) });
  await tx.done;
  return true;
}

/** Changes the reader's choices for a followed blog, leaving what checks keep alone. */
export async function patchFollow(
  db: FollowDB,
  url: string,
  patch: Partial<Pick<FollowRecord, 'notify' | 'cookies'>>,
): Promise<FollowRecord | null> {
  const tx = db.transaction('follows', 'readwrite');
  const old = await tx.store.get(canonicalUrl(url));
  const next = old ? { ...old, ...patch } : null;
  if (next) await tx.store.put(next);
  await tx.done;
  return next;
}

export const removeFollow = (db: FollowDB, url: string): Promise<void> =>
  db.delete('follows', canonicalUrl(url));

export async function addWatch(
  db: FollowDB,
  name: string,
  kind?: WatchRecord['kind'],
  aliases: string[] = [],
  now = Date.now(),
): Promise<WatchRecord | null> {
  const key = watchKey(name);
  if (!key) return null;
  const tx = db.transaction('watches', 'readwrite');
  const old = await tx.store.get(key);
  if (old) {
    await tx.done;
    return old;
  }
  if ((await tx.store.count()) >= WATCHES_MAX) {
    await tx.done;
    return null;
  }
  const rec: WatchRecord = {
    key,
    name: clip(name.trim(), NAME_MAX),
    aliases: [
      ...new Set(
        aliases.map((a) => clip(a.trim(), NAME_MAX)).filter((a) => watchKey(a) && watchKey(a) !== key),
      ),
    ].slice(0, 20),
    addedAt: now,
  };
  if (kind) rec.kind = kind;
  await tx.store.put(rec);
  await tx.done;
  return rec;
}

export const removeWatch = (db: FollowDB, key: string): Promise<void> => db.delete('watches', key);

/** What the export file carries of follows: the reader's choices, not what checks cached. */
export interface FollowsExport {
  follows: Array<{ url: string; title: string; followedAt: number; notify: boolean; cookies: boolean }>;
  watches: Array<{ name: string; kind?: WatchRecord['kind']; aliases: string[]; addedAt: number }>;
}

export async function exportFollows(db: FollowDB): Promise<FollowsExport> {
  return {
    follows: (await listFollows(db)).map(({ url, title, followedAt, notify, cookies }) => ({
      url,
      title,
      followedAt,
      notify,
      cookies,
    })),
    watches: (await listWatches(db)).map(({ name, kind, aliases, addedAt }) => ({
      name,
      ...(kind ? { kind } : {}),
      aliases,
      addedAt,
    })),
  };
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const KINDS = ['person', 'organization', 'place'];

/**
 * Merges imported follows and watches: new ones are added (checked from the next round on, with no
 * baseline: their first check sets it and finds nothing new), known ones keep ours. Malformed rows are
 * counted and left out.
 */
export async function importFollows(
  db: FollowDB,
  data: { follows?: unknown[]; watches?: unknown[] },
  now = Date.now(),
): Promise<{ follows: number; watches: number; skipped: number }> {
  const out = { follows: 0, watches: 0, skipped: 0 };
  for (const raw of data.follows ?? []) {
    const f = raw as FollowsExport['follows'][number];
    if (!f || typeof f.url !== 'string' || !/^https?:\/\//i.test(f.url) || typeof f.title !== 'string') {
      out.skipped++;
      continue;
    }
    const added = await addFollow(
      db,
      newFollow(f.url, f.title, now, {
        notify: f.notify === true,
        cookies: f.cookies === true,
        followedAt: isTime(f.followedAt) ? f.followedAt : now,
        baseline: null,
      }),
    );
    if (added) out.follows++;
    else out.skipped++;
  }
  for (const raw of data.watches ?? []) {
    const w = raw as FollowsExport['watches'][number];
    if (!w || typeof w.name !== 'string' || (w.kind !== undefined && !KINDS.includes(w.kind))) {
      out.skipped++;
      continue;
    }
    const aliases = Array.isArray(w.aliases)
      ? w.aliases.filter((a): a is string => typeof a === 'string')
      : [];
    if (await addWatch(db, w.name, w.kind, aliases, isTime(w.addedAt) ? w.addedAt : now)) out.watches++;
    else out.skipped++;
  }
  return out;
}

/**
 * A new follow. `baseline`: the updates the reader has seen on the page (the reading store's), so the
 * first check finds only what came after; null when there is none (an import), and the first check then
 * takes the page as it is as the baseline.
 */
export function newFollow(
  url: string,
  title: string,
  now: number,
  opts: {
    notify?: boolean;
    cookies?: boolean;
    followedAt?: number;
    baseline: FollowRecord['entries'] | null;
    firstCheck?: number;
  },
): FollowRecord {
  return {
    url: canonicalUrl(url),
    title,
    followedAt: opts.followedAt ?? now,
    notify: opts.notify ?? false,
    cookies: opts.cookies ?? false,
    entries: opts.baseline ?? [],
    baselined: opts.baseline !== null,
    found: [],
    hits: [],
    nextCheck: opts.firstCheck ?? now,
    failures: 0,
    quiet: 0,
  };
}
