/**
 * Reading state in IndexedDB, owned by the background. Every write is one transaction, so a service
 * worker stopped mid-way leaves either the old state or the new one; callers retry unacknowledged writes.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { canonicalUrl } from '../shared/url';
import type { ExportFile, FollowedPage, PageReport, PageState, UpdateState, UpdateSummary } from './types';

export const DB_NAME = 'backstory';
export const DB_VERSION = 1;

export interface PageRecord {
  url: string;
  title: string;
  isLiveBlog: boolean;
  updates: UpdateSummary[];
  firstVisit: number;
  lastVisit: number;
  previousVisit?: number;
  /** The page load that last reported; a new one starts a new visit. */
  visit: string;
  /** Update ids known before this visit started: the others are fresh. Absent on a first visit. */
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

export function openStore(name = DB_NAME): Promise<DB> {
  return openDB<BackstoryDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      // One step per version, applied in order, so any old database reaches the current schema.
      if (oldVersion < 1) {
        const pages = db.createObjectStore('pages', { keyPath: 'url' });
        pages.createIndex('by-last-visit', 'lastVisit');
        const entries = db.createObjectStore('entries', { keyPath: ['url', 'id'] });
        entries.createIndex('by-url', 'url');
        db.createObjectStore('cache', { keyPath: 'key' });
      }
    },
  });
}

function view(page: PageRecord, entries: Map<string, EntryRecord>): PageState {
  const known = page.knownBefore ? new Set(page.knownBefore) : null;
  const updates = page.updates.map((u) => {
    const e = entries.get(u.id);
    return { ...u, state: e?.state ?? 'new', manual: e?.manual ?? false, fresh: known ? !known.has(u.id) : false };
  });
  return {
    url: page.url,
    title: page.title,
    isLiveBlog: page.isLiveBlog,
    updates,
    unseen: updates.filter((u) => u.state === 'new').length,
    lastVisit: page.lastVisit,
    previousVisit: page.previousVisit,
  };
}

async function entriesOf(db: DB, url: string): Promise<Map<string, EntryRecord>> {
  const rows = await db.getAllFromIndex('entries', 'by-url', url);
  return new Map(rows.map((r) => [r.id, r]));
}

export async function pageState(db: DB, rawUrl: string): Promise<PageState | null> {
  const url = canonicalUrl(rawUrl);
  const tx = db.transaction(['pages', 'entries']);
  const page = await tx.objectStore('pages').get(url);
  if (!page) return null;
  const rows = await tx.objectStore('entries').index('by-url').getAll(url);
  return view(page, new Map(rows.map((r) => [r.id, r])));
}

/** A content script's report: records the visit and the page's current updates. */
export async function recordReport(db: DB, report: PageReport, now = Date.now()): Promise<PageState> {
  const url = canonicalUrl(report.url);
  const tx = db.transaction(['pages', 'entries'], 'readwrite');
  const pages = tx.objectStore('pages');
  const old = await pages.get(url);
  let page: PageRecord;
  if (!old) {
    page = { url, title: report.title, isLiveBlog: report.isLiveBlog, updates: report.updates, firstVisit: now, lastVisit: now, visit: report.visit };
  } else if (old.visit !== report.visit) {
    // A new visit: what the page had until now is the baseline for "fresh".
    page = { ...old, title: report.title || old.title, isLiveBlog: report.isLiveBlog, updates: report.updates, previousVisit: old.lastVisit, lastVisit: now, visit: report.visit, knownBefore: old.updates.map((u) => u.id) };
  } else {
    page = { ...old, title: report.title || old.title, isLiveBlog: report.isLiveBlog, updates: report.updates, lastVisit: now };
  }
  await pages.put(page);
  const rows = await tx.objectStore('entries').index('by-url').getAll(url);
  await tx.done;
  return view(page, new Map(rows.map((r) => [r.id, r])));
}

/**
 * Marks updates seen or new. An automatic mark never overrides a manual one, and never turns a seen
 * update back to new; a manual mark always wins and sticks.
 */
export async function markUpdates(db: DB, rawUrl: string, ids: string[], state: UpdateState, manual: boolean, now = Date.now()): Promise<PageState | null> {
  const url = canonicalUrl(rawUrl);
  const tx = db.transaction(['pages', 'entries'], 'readwrite');
  const entries = tx.objectStore('entries');
  for (const id of ids) {
    const old = await entries.get([url, id]);
    if (!manual && old && (old.manual || old.state === state)) continue;
    if (!manual && state === 'new') continue;
    await entries.put({ url, id, state, manual, at: now });
  }
  const page = await tx.objectStore('pages').get(url);
  const rows = await entries.index('by-url').getAll(url);
  await tx.done;
  return page ? view(page, new Map(rows.map((r) => [r.id, r]))) : null;
}

export async function followedPages(db: DB): Promise<FollowedPage[]> {
  const tx = db.transaction(['pages', 'entries']);
  const pages = await tx.objectStore('pages').index('by-last-visit').getAll();
  const out: FollowedPage[] = [];
  for (const page of pages.reverse()) {
    if (!page.isLiveBlog) continue;
    const rows = await tx.objectStore('entries').index('by-url').getAll(page.url);
    const seen = new Set(rows.filter((r) => r.state === 'seen').map((r) => r.id));
    const unseen = page.updates.filter((u) => !seen.has(u.id)).length;
    out.push({ url: page.url, title: page.title, unseen, total: page.updates.length, lastVisit: page.lastVisit });
  }
  return out;
}

export const EXPORT_VERSION = 1;

export async function exportAll(db: DB, now = new Date()): Promise<ExportFile> {
  const tx = db.transaction(['pages', 'entries']);
  const pages = await tx.objectStore('pages').getAll();
  const entries = await tx.objectStore('entries').getAll();
  return {
    format: 'backstory-reading',
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    pages: pages.map(({ url, title, isLiveBlog, lastVisit, previousVisit, updates }) => ({ url, title, isLiveBlog, lastVisit, previousVisit, updates })),
    entries: entries.map(({ url, id, state, manual, at }) => ({ url, id, state, manual, at })),
  };
}

/** Merges an export: newer marks win, manual marks beat automatic ones of the same age. */
export async function importAll(db: DB, file: ExportFile): Promise<{ pages: number; updates: number }> {
  if (file?.format !== 'backstory-reading' || typeof file.version !== 'number' || file.version > EXPORT_VERSION) {
    throw new Error('Not a Backstory reading-state file (or from a newer version).');
  }
  const tx = db.transaction(['pages', 'entries'], 'readwrite');
  let pages = 0;
  let updates = 0;
  for (const p of file.pages) {
    const url = canonicalUrl(p.url);
    const old = await tx.objectStore('pages').get(url);
    if (old && old.lastVisit >= p.lastVisit) continue;
    await tx.objectStore('pages').put({
      url,
      title: p.title,
      isLiveBlog: p.isLiveBlog,
      updates: p.updates,
      firstVisit: old?.firstVisit ?? p.lastVisit,
      lastVisit: p.lastVisit,
      previousVisit: p.previousVisit,
      visit: old?.visit ?? 'imported',
      knownBefore: old?.knownBefore,
    });
    pages++;
  }
  for (const e of file.entries) {
    const url = canonicalUrl(e.url);
    const old = await tx.objectStore('entries').get([url, e.id]);
    if (old && (old.at > e.at || (old.at === e.at && old.manual && !e.manual))) continue;
    await tx.objectStore('entries').put({ url, id: e.id, state: e.state === 'seen' ? 'seen' : 'new', manual: !!e.manual, at: e.at });
    updates++;
  }
  await tx.done;
  return { pages, updates };
}

export async function clearReading(db: DB): Promise<void> {
  const tx = db.transaction(['pages', 'entries'], 'readwrite');
  await Promise.all([tx.objectStore('pages').clear(), tx.objectStore('entries').clear(), tx.done]);
}

export async function clearCache(db: DB): Promise<void> {
  await db.clear('cache');
}

export { entriesOf };
