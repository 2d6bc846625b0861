/**
 * Reading state in IndexedDB (the `pages` and `entries` stores of src/storage), owned by the background. Every write is one transaction, so a service
 * worker stopped mid-way leaves either the old state or the new one; writes are idempotent, and callers
 * retry the ones that were not acknowledged.
 */
import type { IDBPTransaction } from 'idb';
import { canonicalUrl } from '../shared/url';
import { newestTime, type BackstoryDB, type DB, type EntryRecord, type PageRecord } from '../storage';
import { aliasOf, aliasRecord, REPORTED_MAX, storedId, type Aliases } from './keys';
import { rematch } from './rematch';
import type {
  ExportFile,
  FollowedPage,
  ImportResult,
  PageChange,
  PageDelta,
  PageReport,
  PageState,
  UpdateState,
  UpdateSummary,
} from './types';

const VISITS_KEPT = 8;

/**
 * Bounds on what a page can make us store. Strings are cut (a page controls its title and text), an
 * update list keeps its first updates in page order, and pages are evicted least recently seen first
 * (live blogs and other pages each within their own cap); a followed live blog is never evicted.
 */
export const TITLE_MAX = 300;
export const LABEL_MAX = 200;
export const FIRST_LINE_MAX = 300;
const TIME_MAX = 64;
export const UPDATES_MAX = REPORTED_MAX;
/** Marks kept per page: those of updates no longer on the page go first when over. */
export const ENTRIES_MAX = 2 * UPDATES_MAX;
/** Pages kept that are not live blogs. */
export const PAGES_MAX = 1000;
/**
 * Live blogs kept: a page may claim to be one on every pushState, so they are bounded too (followed ones
 * are kept whatever their number).
 */
export const LIVE_PAGES_MAX = 300;

/** At most `max` UTF-16 units, never ending inside a surrogate pair. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

function boundedUpdates(updates: readonly UpdateSummary[]): UpdateSummary[] {
  return updates.slice(0, UPDATES_MAX).map((u) => {
    const out: UpdateSummary = {
      id: storedId(u.id),
      label: clip(u.label, LABEL_MAX),
      firstLine: clip(u.firstLine, FIRST_LINE_MAX),
    };
    if (u.time !== undefined) out.time = clip(u.time, TIME_MAX);
    // An imported page keeps the ids its page reports by (pages never send this field).
    if (typeof u.pageId === 'string' && u.pageId !== u.id) out.pageId = storedId(u.pageId);
    return out;
  });
}

/** Every key of a page's entries: [url] sorts before [url, any id], and [url, []] after them (arrays sort after strings). */
const entryRange = (url: string) => IDBKeyRange.bound([url], [url, []]);

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

async function entriesOf(
  tx: IDBPTransaction<BackstoryDB, ['pages', 'entries'], IDBTransactionMode>,
  url: string,
): Promise<Map<string, EntryRecord>> {
  const rows = await tx.objectStore('entries').index('by-url').getAll(url);
  return new Map(rows.map((r) => [r.id, r]));
}

export async function pageState(db: DB, rawUrl: string): Promise<PageState | null> {
  const url = canonicalUrl(rawUrl);
  const tx = db.transaction(['pages', 'entries']);
  const page = await tx.objectStore('pages').get(url);
  return page ? view(page, await entriesOf(tx, url)) : null;
}

/** The stored page's updates as the page knows them: by the ids it reports (`pageId`), in page order. */
const asReported = (page: PageRecord): UpdateSummary[] =>
  page.updates.map(({ pageId, ...u }) => (pageId === undefined ? u : { ...u, id: pageId }));

/**
 * A page's reported updates, keyed for storage: each reported id goes through the page's aliases, and an
 * id-less update whose opening was edited is matched to the one it was (`rematch`), a new alias. An update
 * stored under another id keeps the page's as `pageId`: aliases are applied here, on this side only.
 */
function keyed(
  old: PageRecord | undefined,
  reported: readonly UpdateSummary[],
  aliases: Aliases,
): UpdateSummary[] {
  const bounded = boundedUpdates(reported);
  let updates = bounded.map((u) => ({ ...u, id: aliasOf(aliases, u.id) ?? u.id }));
  if (old) {
    const renamed = rematch(old.updates, updates);
    for (const [from, to] of renamed) aliases[from] = to;
    updates = updates.map((u) => (renamed.has(u.id) ? { ...u, id: renamed.get(u.id)! } : u));
  }
  return updates.map((u, i) => (u.id === bounded[i].id ? u : { ...u, pageId: bounded[i].id }));
}

/** Records a report's updates in `tx`; see `recordReport`. */
async function record(
  tx: ReadingTx,
  url: string,
  old: PageRecord | undefined,
  report: Omit<PageReport, 'url'>,
  now: number,
  keep: boolean,
): Promise<PageRecord> {
  const pages = tx.objectStore('pages');
  const aliases = aliasRecord(old?.aliases);
  const updates = keyed(old, report.updates, aliases);
  const ids = updates.map((u) => u.id);
  const title = clip(report.title || old?.title || '', TITLE_MAX);
  let page: PageRecord;
  if (!old) {
    const newest = newestTime(updates);
    page = {
      url,
      title,
      isLiveBlog: report.isLiveBlog,
      updates,
      firstVisit: now,
      lastVisit: now,
      visits: [report.visit],
      knownBefore: ids,
      initial: ids,
      initialNewest: newest,
      knownNewest: newest,
      aliases,
    };
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
  if (!keep) return page;
  await pages.put(page);
  await evictPages(tx, url);
  return page;
}

/**
 * A content script's report: the page's updates now. With `keep` false, the state it would give, stored
 * nowhere (the disk is full: the tab still gets an answer and does not resend). A report from a page load
 * the store has not seen starts a new visit; one from a load it knows (a second tab, a live insertion)
 * continues that visit.
 */
export async function recordReport(
  db: DB,
  report: PageReport,
  now = Date.now(),
  keep = true,
): Promise<PageState> {
  const url = canonicalUrl(report.url);
  return write(db, async (tx) => {
    const old = await tx.objectStore('pages').get(url);
    const page = await record(tx, url, old, report, now, keep);
    return view(page, await entriesOf(tx, url));
  });
}

/** The list a delta makes of the stored one, or null when the delta does not fit it. */
export function applyDelta(before: readonly UpdateSummary[], delta: PageDelta): UpdateSummary[] | null {
  const gone = new Set(delta.removed);
  const changed = new Map(delta.changed.map((u) => [u.id, u]));
  const list: UpdateSummary[] = [];
  const present = new Set<string>();
  for (const u of before) {
    present.add(u.id);
    if (gone.has(u.id)) continue;
    const c = changed.get(u.id);
    list.push(c ? { ...c } : u);
    changed.delete(u.id);
  }
  if (changed.size || delta.removed.some((id) => !present.has(id))) return null;
  for (const { at, ...u } of [...delta.added].sort((a, b) => a.at - b.at)) {
    if (present.has(u.id) && !gone.has(u.id)) return null;
    if (at > list.length) return null;
    list.splice(at, 0, u);
  }
  return list.length === delta.count ? list : null;
}

/**
 * A delta report (`PageDelta`): applied to the stored list of the same page load. Answers the whole
 * state (for other tabs and the popup) and what changed (for the page that sent it), or null when the
 * store cannot apply it (another load, cleared data, a delta that does not fit): the page then reports
 * in full.
 */
export async function recordDelta(
  db: DB,
  delta: PageDelta,
  now = Date.now(),
  keep = true,
): Promise<{ state: PageState; change: PageChange } | null> {
  const url = canonicalUrl(delta.url);
  return write(db, async (tx) => {
    const old = await tx.objectStore('pages').get(url);
    if (!old || !old.visits.includes(delta.visit)) return null;
    const updates = applyDelta(asReported(old), delta);
    if (!updates) return null;
    const page = await record(tx, url, old, { ...delta, updates }, now, keep);
    const state = view(page, await entriesOf(tx, url));
    const touched = new Set([...delta.added.map((u) => u.id), ...delta.changed.map((u) => u.id)]);
    return { state, change: changeOf(state, touched, delta.removed) };
  });
}

/** The views of `pageIds` (by the page's ids, or stored ones) in a state: what a page needs to hear. */
export function changeOf(state: PageState, pageIds: Iterable<string>, removed?: string[]): PageChange {
  const wanted = new Set([...pageIds].map(storedId));
  const updates = state.updates.filter((u) => wanted.has(u.pageId ?? u.id) || wanted.has(u.id));
  return { url: state.url, updates, unseen: state.unseen, ...(removed?.length ? { removed } : {}) };
}

/**
 * Live blogs the reader follows are never evicted. The follow feature (a later module) installs its
 * check here; it runs inside a storage transaction, so it must answer synchronously.
 */
let isFollowed: (url: string) => boolean = () => false;
export function setFollowedCheck(check: (url: string) => boolean): void {
  isFollowed = check;
}

/**
 * Over `PAGES_MAX` pages that are not live blogs, or over `LIVE_PAGES_MAX` live blogs: the least recently
 * seen of that kind go, with their marks; never a followed blog, nor the page just recorded (`current`).
 */
async function evictPages(tx: ReadingTx, current?: string): Promise<void> {
  const pages = tx.objectStore('pages');
  if ((await pages.count()) <= Math.min(PAGES_MAX, LIVE_PAGES_MAX)) return;
  let cursor = await pages.index('by-last-visit').openCursor();
  const others: string[] = [];
  const live: string[] = [];
  while (cursor) {
    const { url, isLiveBlog } = cursor.value;
    (isLiveBlog ? live : others).push(url);
    cursor = await cursor.continue();
  }
  const evictable = live.filter((url) => url !== current && !isFollowed(url));
  const drop = [
    ...others.filter((url) => url !== current).slice(0, Math.max(0, others.length - PAGES_MAX)),
    ...evictable.slice(0, Math.max(0, live.length - LIVE_PAGES_MAX)),
  ];
  for (const url of drop) {
    await pages.delete(url);
    await tx.objectStore('entries').delete(entryRange(url));
  }
}

/** Over `ENTRIES_MAX` marks for a page: marks of updates no longer on it go, oldest first. */
async function trimEntries(tx: ReadingTx, page: PageRecord): Promise<void> {
  const entries = tx.objectStore('entries');
  if ((await entries.count(entryRange(page.url))) <= ENTRIES_MAX) return;
  const onPage = new Set(page.updates.map((u) => u.id));
  const gone = (await entries.index('by-url').getAll(page.url))
    .filter((e) => !onPage.has(e.id))
    .sort((a, b) => a.at - b.at);
  const excess = gone.length + onPage.size - ENTRIES_MAX;
  for (const e of gone.slice(0, Math.max(0, excess))) await entries.delete([e.url, e.id]);
}

/**
 * Marks updates seen or new. An automatic mark never overrides a manual one and never turns a seen
 * update back to new; a manual mark always wins and sticks. Marking twice changes nothing more.
 */
export async function markUpdates(
  db: DB,
  rawUrl: string,
  ids: string[],
  state: UpdateState,
  manual: boolean,
  now = Date.now(),
): Promise<PageState | null> {
  const url = canonicalUrl(rawUrl);
  return write(db, async (tx) => {
    const entries = tx.objectStore('entries');
    const page = await tx.objectStore('pages').get(url);
    // Marks belong to a recorded page: none for pages the store does not know (bounded by the pages kept).
    if (!page) return null;
    for (const raw of ids) {
      const key = storedId(raw);
      const id = aliasOf(page?.aliases, key) ?? key;
      const old = await entries.get([url, id]);
      if (!manual && (state === 'new' || (old && (old.manual || old.state === state)))) continue;
      if (manual && old?.manual && old.state === state) continue;
      await entries.put({ url, id, state, manual, at: now });
    }
    await trimEntries(tx, page);
    return view(page, await entriesOf(tx, url));
  });
}

export async function followedPages(db: DB): Promise<FollowedPage[]> {
  const tx = db.transaction(['pages', 'entries']);
  const pages = await tx.objectStore('pages').index('by-last-visit').getAll();
  const out: FollowedPage[] = [];
  for (const page of pages.reverse()) {
    if (!page.isLiveBlog) continue;
    const state = view(page, await entriesOf(tx, page.url));
    out.push({
      url: page.url,
      title: page.title,
      unseen: state.unseen,
      total: page.updates.length,
      lastVisit: page.lastVisit,
    });
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
    pages: pages.map(
      ({ url, title, isLiveBlog, firstVisit, lastVisit, previousVisit, updates, initial, aliases }) => ({
        url,
        title,
        isLiveBlog,
        firstVisit,
        lastVisit,
        previousVisit,
        updates,
        initial,
        aliases,
      }),
    ),
    entries: entries.map(({ url, id, state, manual, at }) => ({ url, id, state, manual, at })),
  };
}

/** Bytes of JSON per export chunk: far below Chrome's 64 MiB message limit, whatever the store holds. */
export const EXPORT_CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * One chunk of the export: pages from `cursor` (a page URL; absent for the first) with their marks, up
 * to about `maxBytes` of JSON, and `next`, the cursor of the following chunk. The last chunk also carries
 * marks whose page is gone. Concatenating the chunks' pages and entries gives the whole export.
 */
export async function exportChunk(
  db: DB,
  cursor?: string,
  maxBytes = EXPORT_CHUNK_BYTES,
  now = new Date(),
): Promise<ExportFile & { next?: string }> {
  const tx = db.transaction(['pages', 'entries']);
  const pages: ExportFile['pages'] = [];
  const entries: ExportFile['entries'] = [];
  let bytes = 0;
  let next: string | undefined;
  let c = await tx
    .objectStore('pages')
    .openCursor(cursor === undefined ? undefined : IDBKeyRange.lowerBound(cursor));
  while (c) {
    const { url, title, isLiveBlog, firstVisit, lastVisit, previousVisit, updates, initial, aliases } =
      c.value;
    const page = { url, title, isLiveBlog, firstVisit, lastVisit, previousVisit, updates, initial, aliases };
    const marks = (await tx.objectStore('entries').index('by-url').getAll(url)).map(
      ({ url, id, state, manual, at }) => ({ url, id, state, manual, at }),
    );
    const size = JSON.stringify(page).length + JSON.stringify(marks).length;
    if (pages.length && bytes + size > maxBytes) {
      next = url;
      break;
    }
    bytes += size;
    pages.push(page);
    entries.push(...marks);
    c = await c.continue();
  }
  if (next === undefined) {
    // Marks of pages no longer stored (older versions kept marks for any URL).
    let k = await tx.objectStore('entries').openKeyCursor();
    const known = new Map<string, boolean>();
    while (k) {
      const [url, id] = k.key;
      if (!known.has(url)) known.set(url, (await tx.objectStore('pages').count(url)) > 0);
      if (!known.get(url)) {
        const e = await tx.objectStore('entries').get([url, id]);
        if (e) entries.push({ url: e.url, id: e.id, state: e.state, manual: e.manual, at: e.at });
      }
      k = await k.continue();
    }
  }
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    pages,
    entries,
    ...(next === undefined ? {} : { next }),
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function validUpdate(u: unknown): u is UpdateSummary {
  const x = u as UpdateSummary;
  return (
    !!x &&
    isString(x.id) &&
    isString(x.label) &&
    isString(x.firstLine) &&
    (x.time === undefined || isString(x.time)) &&
    (x.pageId === undefined || isString(x.pageId))
  );
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
  return (
    !!x &&
    isString(x.url) &&
    /^https?:\/\//.test(x.url) &&
    isString(x.id) &&
    (x.state === 'seen' || x.state === 'new') &&
    typeof x.manual === 'boolean' &&
    isTime(x.at)
  );
}

/** The envelope of an export file; rows are checked one by one on import. */
export function checkExportFile(file: unknown): asserts file is ExportFile {
  const f = file as ExportFile;
  if (!f || typeof f !== 'object' || f.format !== EXPORT_FORMAT)
    throw new Error('Not a Backstory reading-state file.');
  if (!Number.isInteger(f.version) || f.version < 1) throw new Error('This file has no valid version.');
  if (f.version > EXPORT_VERSION)
    throw new Error(
      `This file comes from a newer Backstory (format ${f.version}); update Backstory to import it.`,
    );
  if (!Array.isArray(f.pages) || !Array.isArray(f.entries))
    throw new Error('This file has no pages or entries.');
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
      const updates = boundedUpdates(p.updates);
      const ids = updates.map((u) => u.id);
      const initial = p.initial?.map(storedId) ?? ids;
      const theirs: PageRecord = {
        url,
        title: clip(p.title, TITLE_MAX),
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
    await evictPages(tx);
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
