/**
 * Reading state in IndexedDB, owned by the background. Every write is one transaction, so a service
 * worker stopped mid-way leaves either the old state or the new one; writes are idempotent, and callers
 * retry the ones that were not acknowledged.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { canonicalUrl } from '../shared/url';
import { aliasOf, aliasRecord, storedId, type Aliases } from './keys';
import { rematch } from './rematch';
import type { ExportFile, FollowedPage, ImportResult, PageReport, PageState, UpdateState, UpdateSummary } from './types';

export const DB_NAME = 'backstory';
export const DB_VERSION = 2;

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
  /** The newest time among `initial` and `knownBefore`: updates older than these are old ones loaded late. */
  initialNewest?: string;
  knownNewest?: string;
  /** Reported id → stored id, for id-less updates whose opening was edited. Read with `aliasOf` only. */
  aliases: Aliases;
}

/** Version 1 kept one visit id and no first-visit baseline. */
interface PageRecordV1 extends Omit<PageRecord, 'visits' | 'knownBefore' | 'initial' | 'aliases' | 'initialNewest' | 'knownNewest'> {
  visit: string;
  knownBefore?: string[];
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
}

export interface BackstoryDB extends DBSchema {
  pages: { key: string; value: PageRecord; indexes: { 'by-last-visit': number } };
  entries: { key: [string, string]; value: EntryRecord; indexes: { 'by-url': string } };
  cache: { key: string; value: CacheRecord };
}

export type DB = IDBPDatabase<BackstoryDB>;

const VISITS_KEPT = 8;

const newestTime = (updates: readonly UpdateSummary[]): string | undefined =>
  updates.reduce<string | undefined>((max, u) => (u.time && (!max || u.time > max) ? u.time : max), undefined);

/** v1 → v2: a list of recent visits instead of one, and the first visit's updates as the backlog. */
function pageV2(old: PageRecordV1 | PageRecord): PageRecord {
  if ('visits' in old) return old;
  const { visit, knownBefore, ...rest } = old;
  const ids = old.updates.map((u) => u.id);
  return { ...rest, visits: [visit], knownBefore: knownBefore ?? ids, initial: knownBefore ?? ids, initialNewest: newestTime(old.updates), aliases: aliasRecord() };
}

type UpgradeTx = IDBPTransaction<BackstoryDB, StoreNames<BackstoryDB>[], 'versionchange'>;

/** One step per version, applied in order, so a database of any version reaches the current schema. */
const UPGRADES: Array<(db: DB, tx: UpgradeTx) => Promise<void> | void> = [
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
];

/** Opens (and upgrades) the store. `version` below the current one exists for the upgrade tests. */
export function openStore(name = DB_NAME, version = DB_VERSION): Promise<DB> {
  return openDB<BackstoryDB>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) await UPGRADES[v](db, tx);
    },
  });
}

function view(page: PageRecord, entries: Map<string, EntryRecord>): PageState {
  const known = new Set(page.knownBefore);
  const initial = new Set(page.initial);
  const updates = page.updates.map((u) => {
    const e = entries.get(u.id);
    const older = (than?: string) => !!(u.time && than && u.time < than);
    return {
      ...u,
      state: e?.state ?? 'new',
      manual: e?.manual ?? false,
      fresh: !known.has(u.id) && !older(page.knownNewest),
      backlog: initial.has(u.id) || older(page.initialNewest),
    };
  });
  return {
    url: page.url,
    title: page.title,
    isLiveBlog: page.isLiveBlog,
    updates,
    unseen: updates.filter((u) => u.state === 'new').length,
    lastVisit: page.lastVisit,
    previousVisit: page.previousVisit,
    aliases: aliasRecord(page.aliases),
  };
}

type ReadingTx = IDBPTransaction<BackstoryDB, ['pages', 'entries'], 'readwrite'>;

/**
 * One read-write transaction over pages and entries. If `work` fails half-way the transaction is aborted,
 * so nothing of it is kept: all or nothing, as when the browser stops the worker before the commit.
 */
async function write<T>(db: DB, work: (tx: ReadingTx) => Promise<T>): Promise<T> {
  const tx = db.transaction(['pages', 'entries'], 'readwrite');
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (e) {
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    throw e;
  }
}

async function entriesOf(tx: IDBPTransaction<BackstoryDB, ['pages', 'entries'], IDBTransactionMode>, url: string): Promise<Map<string, EntryRecord>> {
  const rows = await tx.objectStore('entries').index('by-url').getAll(url);
  return new Map(rows.map((r) => [r.id, r]));
}

export async function pageState(db: DB, rawUrl: string): Promise<PageState | null> {
  const url = canonicalUrl(rawUrl);
  const tx = db.transaction(['pages', 'entries']);
  const page = await tx.objectStore('pages').get(url);
  return page ? view(page, await entriesOf(tx, url)) : null;
}

/**
 * A content script's report: the page's updates now. A report from a page load the store has not seen
 * starts a new visit; one from a load it knows (a second tab, a live insertion) continues that visit.
 */
export async function recordReport(db: DB, report: PageReport, now = Date.now()): Promise<PageState> {
  const url = canonicalUrl(report.url);
  return write(db, async (tx) => {
    const pages = tx.objectStore('pages');
    const old = await pages.get(url);
    const aliases = aliasRecord(old?.aliases);
    let updates = report.updates.map((u) => {
      const id = storedId(u.id);
      return { ...u, id: aliasOf(aliases, id) ?? id };
    });
    if (old) {
      const renamed = rematch(old.updates, updates);
      for (const [reported, stored] of renamed) aliases[reported] = stored;
      updates = updates.map((u) => (renamed.has(u.id) ? { ...u, id: renamed.get(u.id)! } : u));
    }
    const ids = updates.map((u) => u.id);
    const title = report.title || old?.title || '';
    let page: PageRecord;
    if (!old) {
      const newest = newestTime(updates);
      page = { url, title, isLiveBlog: report.isLiveBlog, updates, firstVisit: now, lastVisit: now, visits: [report.visit], knownBefore: ids, initial: ids, initialNewest: newest, knownNewest: newest, aliases };
    } else if (!old.visits.includes(report.visit)) {
      // A new visit: what the page had until now is the baseline for "fresh".
      page = {
        ...old,
        title,
        isLiveBlog: report.isLiveBlog,
        updates,
        previousVisit: old.lastVisit,
        lastVisit: now,
        visits: [...old.visits, report.visit].slice(-VISITS_KEPT),
        knownBefore: old.updates.map((u) => u.id),
        knownNewest: newestTime(old.updates),
        aliases,
      };
    } else {
      page = { ...old, title, isLiveBlog: report.isLiveBlog, updates, lastVisit: now, aliases };
    }
    await pages.put(page);
    return view(page, await entriesOf(tx, url));
  });
}

/**
 * Marks updates seen or new. An automatic mark never overrides a manual one and never turns a seen
 * update back to new; a manual mark always wins and sticks. Marking twice changes nothing more.
 */
export async function markUpdates(db: DB, rawUrl: string, ids: string[], state: UpdateState, manual: boolean, now = Date.now()): Promise<PageState | null> {
  const url = canonicalUrl(rawUrl);
  return write(db, async (tx) => {
    const entries = tx.objectStore('entries');
    const page = await tx.objectStore('pages').get(url);
    for (const raw of ids) {
      const key = storedId(raw);
      const id = aliasOf(page?.aliases, key) ?? key;
      const old = await entries.get([url, id]);
      if (!manual && (state === 'new' || (old && (old.manual || old.state === state)))) continue;
      if (manual && old?.manual && old.state === state) continue;
      await entries.put({ url, id, state, manual, at: now });
    }
    return page ? view(page, await entriesOf(tx, url)) : null;
  });
}

export async function followedPages(db: DB): Promise<FollowedPage[]> {
  const tx = db.transaction(['pages', 'entries']);
  const pages = await tx.objectStore('pages').index('by-last-visit').getAll();
  const out: FollowedPage[] = [];
  for (const page of pages.reverse()) {
    if (!page.isLiveBlog) continue;
    const state = view(page, await entriesOf(tx, page.url));
    out.push({ url: page.url, title: page.title, unseen: state.unseen, total: page.updates.length, lastVisit: page.lastVisit });
  }
  return out;
}

export const EXPORT_FORMAT = 'backstory-reading';
export const EXPORT_VERSION = 2;

export async function exportAll(db: DB, now = new Date()): Promise<ExportFile> {
  const tx = db.transaction(['pages', 'entries']);
  const pages = await tx.objectStore('pages').getAll();
  const entries = await tx.objectStore('entries').getAll();
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    pages: pages.map(({ url, title, isLiveBlog, firstVisit, lastVisit, previousVisit, updates, initial, aliases }) => ({ url, title, isLiveBlog, firstVisit, lastVisit, previousVisit, updates, initial, aliases })),
    entries: entries.map(({ url, id, state, manual, at }) => ({ url, id, state, manual, at })),
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function validUpdate(u: unknown): u is UpdateSummary {
  const x = u as UpdateSummary;
  return !!x && isString(x.id) && isString(x.label) && isString(x.firstLine) && (x.time === undefined || isString(x.time));
}

type ImportedPage = ExportFile['pages'][number];
type ImportedEntry = ExportFile['entries'][number];

function validPage(p: unknown): p is ImportedPage {
  const x = p as ImportedPage;
  return (
    !!x &&
    isString(x.url) &&
    /^https?:\/\//.test(x.url) &&
    isString(x.title) &&
    typeof x.isLiveBlog === 'boolean' &&
    isTime(x.lastVisit) &&
    (x.previousVisit === undefined || isTime(x.previousVisit)) &&
    (x.firstVisit === undefined || isTime(x.firstVisit)) &&
    Array.isArray(x.updates) &&
    x.updates.every(validUpdate) &&
    (x.initial === undefined || isStringArray(x.initial)) &&
    (x.aliases === undefined || (typeof x.aliases === 'object' && Object.values(x.aliases).every(isString)))
  );
}

function validEntry(e: unknown): e is ImportedEntry {
  const x = e as ImportedEntry;
  return !!x && isString(x.url) && /^https?:\/\//.test(x.url) && isString(x.id) && (x.state === 'seen' || x.state === 'new') && typeof x.manual === 'boolean' && isTime(x.at);
}

/** The envelope of an export file; rows are checked one by one on import. */
export function checkExportFile(file: unknown): asserts file is ExportFile {
  const f = file as ExportFile;
  if (!f || typeof f !== 'object' || f.format !== EXPORT_FORMAT) throw new Error('Not a Backstory reading-state file.');
  if (!Number.isInteger(f.version) || f.version < 1) throw new Error('This file has no valid version.');
  if (f.version > EXPORT_VERSION) throw new Error(`This file comes from a newer Backstory (format ${f.version}); update Backstory to import it.`);
  if (!Array.isArray(f.pages) || !Array.isArray(f.entries)) throw new Error('This file has no pages or entries.');
}

/** Whether an imported mark replaces the one we have: a manual choice beats an automatic mark, else the newer wins. */
export function importedWins(old: EntryRecord | undefined, incoming: ImportedEntry): boolean {
  if (!old) return true;
  if (old.manual !== incoming.manual) return incoming.manual;
  return incoming.at > old.at;
}

/**
 * Merges an export into the store. Pages: the title and updates of the more recent visit, the earliest
 * first visit and its backlog, aliases from both. Marks: see `importedWins`. Malformed rows are skipped.
 */
export async function importAll(db: DB, file: unknown, now = Date.now()): Promise<ImportResult> {
  checkExportFile(file);
  return write(db, async (tx) => {
    const result: ImportResult = { pages: 0, updates: 0, skipped: 0, urls: [] };
    const urls = new Set<string>();
    for (const p of file.pages) {
      if (!validPage(p)) {
        result.skipped++;
        continue;
      }
      const url = canonicalUrl(p.url);
      const old = await tx.objectStore('pages').get(url);
      const firstVisit = p.firstVisit ?? p.lastVisit;
      const updates = p.updates.map((u) => ({ ...u, id: storedId(u.id) }));
      const ids = updates.map((u) => u.id);
      const initial = p.initial?.map(storedId) ?? ids;
      const theirs: PageRecord = {
        url,
        title: p.title,
        isLiveBlog: p.isLiveBlog,
        updates,
        firstVisit,
        lastVisit: p.lastVisit,
        previousVisit: p.previousVisit,
        visits: [],
        knownBefore: ids,
        initial,
        initialNewest: newestTime(updates.filter((u) => initial.includes(u.id))),
        knownNewest: newestTime(updates),
        aliases: aliasRecord(p.aliases),
      };
      let merged = theirs;
      if (old) {
        const recent = old.lastVisit >= theirs.lastVisit ? old : theirs;
        const first = old.firstVisit <= theirs.firstVisit ? old : theirs;
        merged = {
          ...recent,
          visits: old.visits,
          firstVisit: first.firstVisit,
          initial: first.initial,
          initialNewest: first.initialNewest,
          aliases: Object.assign(aliasRecord(theirs.aliases), aliasRecord(old.aliases)),
        };
      }
      await tx.objectStore('pages').put(merged);
      result.pages++;
      urls.add(url);
    }
    for (const e of file.entries) {
      if (!validEntry(e) || e.at > now + 86_400_000) {
        result.skipped++;
        continue;
      }
      const url = canonicalUrl(e.url);
      const id = storedId(e.id);
      const old = await tx.objectStore('entries').get([url, id]);
      if (!importedWins(old, e)) continue;
      await tx.objectStore('entries').put({ url, id, state: e.state, manual: e.manual, at: e.at });
      result.updates++;
      urls.add(url);
    }
    result.urls = [...urls];
    return result;
  });
}

export async function clearReading(db: DB): Promise<void> {
  const tx = db.transaction(['pages', 'entries'], 'readwrite');
  await Promise.all([tx.objectStore('pages').clear(), tx.objectStore('entries').clear(), tx.done]);
}

export async function clearCache(db: DB): Promise<void> {
  await db.clear('cache');
}
