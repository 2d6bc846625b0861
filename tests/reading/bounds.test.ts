/** Nothing a page sends grows the store without bound; quota errors are caught and reported; export works at the caps. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HeldMarks } from '../../src/reading/held';
import { storeStatus } from '../../src/storage/status';
import {
  ENTRIES_MAX,
  exportAll,
  exportChunk,
  FIRST_LINE_MAX,
  importAll,
  LABEL_MAX,
  LIVE_PAGES_MAX,
  markUpdates,
  PAGES_MAX,
  pageState,
  recordReport,
  setFollowedCheck,
  TITLE_MAX,
  UPDATES_MAX,
} from '../../src/reading/store';
import { openStore, type DB } from '../../src/storage';
import type { ExportFile, PageReport } from '../../src/reading/types';

const URL_A = 'http://127.0.0.1:9000/live.html';
let n = 0;
const fresh = () => openStore(`bounds-${n++}`);
const report = (ids: string[], extra: Partial<PageReport> = {}): PageReport => ({
  url: URL_A,
  visit: 'v1',
  title: 'Live',
  isLiveBlog: true,
  updates: ids.map((id) => ({ id, label: `L ${id}`, firstLine: `text ${id}` })),
  ...extra,
});
const page = (i: number, isLiveBlog: boolean, lastVisit: number): ExportFile['pages'][number] => ({
  url: `http://127.0.0.1:9000/p${i}.html`,
  title: `p${i}`,
  isLiveBlog,
  lastVisit,
  updates: [],
});

afterEach(() => {
  vi.restoreAllMocks();
  storeStatus.quota = null;
  storeStatus.heldMarks = 0;
});

describe('caps', () => {
  it('cuts titles, labels and first lines, and keeps the first updates in page order', async () => {
    const db = await fresh();
    const huge = 'é'.repeat(1_000_000);
    const ids = Array.from({ length: UPDATES_MAX + 100 }, (_, i) => `u${i}`);
    const r = report(ids, { title: huge });
    r.updates[0] = { id: 'u0', label: huge, firstLine: huge, time: huge };
    const state = await recordReport(db, r);
    expect(state.title).toHaveLength(TITLE_MAX);
    expect(state.updates).toHaveLength(UPDATES_MAX);
    expect(state.updates[0].label).toHaveLength(LABEL_MAX);
    expect(state.updates[0].firstLine).toHaveLength(FIRST_LINE_MAX);
    expect(state.updates.at(-1)!.id).toBe(`u${UPDATES_MAX - 1}`);
  });

  it('never cuts a surrogate pair in half', async () => {
    const db = await fresh();
    const state = await recordReport(db, report(['a'], { title: 'a' + '😀'.repeat(TITLE_MAX) }));
    expect(state.title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(state.title).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it('an import cuts the same way (a 5 MB title no longer breaks export)', async () => {
    const db = await fresh();
    await importAll(db, {
      format: 'backstory-reading',
      version: 2,
      exportedAt: '',
      pages: [{ ...page(1, true, 1), title: 'x'.repeat(5_000_000) }],
      entries: [],
    });
    expect((await exportAll(db)).pages[0].title).toHaveLength(TITLE_MAX);
  });
});

describe('pages kept', () => {
  it(`over ${PAGES_MAX} pages that are not live blogs, the least recently seen go; live blogs never`, async () => {
    const db = await fresh();
    const pages = [
      page(0, true, 1),
      page(1, true, 2),
      ...Array.from({ length: PAGES_MAX + 5 }, (_, i) => page(i + 2, false, 10 + i)),
    ];
    await importAll(db, {
      format: 'backstory-reading',
      version: 2,
      exportedAt: '',
      pages,
      entries: [{ url: pages[2].url, id: 'x', state: 'seen', manual: true, at: 1 }],
    });
    const kept = (await exportAll(db)).pages;
    expect(kept.filter((p) => !p.isLiveBlog)).toHaveLength(PAGES_MAX);
    expect(
      kept
        .filter((p) => p.isLiveBlog)
        .map((p) => p.url)
        .sort(),
    ).toEqual([pages[0].url, pages[1].url]);
    // The five oldest other pages went, with their marks.
    expect(await pageState(db, pages[2].url)).toBeNull();
    expect(await pageState(db, pages[7].url)).not.toBeNull();
    expect((await exportAll(db)).entries).toEqual([]);
    // One more visit (120 pushState steps make 120 pages): the oldest other page goes.
    await recordReport(
      db,
      report(['a'], { url: 'http://127.0.0.1:9000/new.html', isLiveBlog: false }),
      10_000,
    );
    expect(await pageState(db, pages[7].url)).toBeNull();
    expect((await exportAll(db)).pages.filter((p) => !p.isLiveBlog)).toHaveLength(PAGES_MAX);
  });

  it(`live blogs too: over ${LIVE_PAGES_MAX}, the least recently seen go, never a followed one (a page that claims to be one on every pushState)`, async () => {
    const db = await fresh();
    const url = (i: number) => `http://127.0.0.1:9000/live/${i}.html`;
    setFollowedCheck((u) => u === url(1));
    try {
      for (let i = 0; i < LIVE_PAGES_MAX + 3; i++)
        await recordReport(db, report(['a'], { url: url(i), visit: `v${i}` }), 1000 + i);
      await markUpdates(db, url(0), ['a'], 'seen', true, 5000);
      const kept = (await exportAll(db)).pages.map((p) => p.url);
      expect(kept).toHaveLength(LIVE_PAGES_MAX);
      // The oldest went (0, 2, 3), but not the followed one (1).
      expect(kept).toContain(url(1));
      for (const i of [0, 2, 3]) expect(await pageState(db, url(i))).toBeNull();
      expect(await pageState(db, url(4))).not.toBeNull();
      expect((await exportAll(db)).entries).toEqual([]);
    } finally {
      setFollowedCheck(() => false);
    }
  });

  it('marks: only for recorded pages, and at most a bounded number per page (those on the page kept)', async () => {
    const db = await fresh();
    expect(await markUpdates(db, URL_A, ['a'], 'seen', true)).toBeNull();
    expect((await exportAll(db)).entries).toEqual([]);
    await recordReport(db, report(['a', 'b']));
    await markUpdates(db, URL_A, ['a'], 'seen', true, 1);
    const random = Array.from({ length: ENTRIES_MAX + 300 }, (_, i) => `r${i}`);
    await markUpdates(db, URL_A, random, 'seen', true, 2);
    const entries = (await exportAll(db)).entries;
    expect(entries.length).toBeLessThanOrEqual(ENTRIES_MAX);
    expect(entries.some((e) => e.id === 'a')).toBe(true);
  });
});

describe('export in chunks', () => {
  it('chunks of bounded size that together are the whole export', async () => {
    const db = await fresh();
    const big = 'y'.repeat(LABEL_MAX);
    for (let p = 0; p < 6; p++) {
      const url = `http://127.0.0.1:9000/chunk${p}.html`;
      await recordReport(db, {
        url,
        visit: 'v',
        title: 'z'.repeat(TITLE_MAX),
        isLiveBlog: true,
        updates: Array.from({ length: UPDATES_MAX }, (_, i) => ({
          id: `${'i'.repeat(250)}${i}`,
          label: big,
          firstLine: big,
        })),
      });
      await markUpdates(db, url, [`${'i'.repeat(250)}1`], 'seen', true);
    }
    const whole = await exportAll(db);
    const limit = 1_000_000;
    const chunks: Array<ExportFile & { next?: string }> = [];
    let cursor: string | undefined;
    do {
      const chunk = await exportChunk(db, cursor, limit);
      chunks.push(chunk);
      cursor = chunk.next;
    } while (cursor !== undefined);
    expect(chunks.length).toBeGreaterThan(2);
    // A page at the caps is well under a megabyte: a chunk is at most its limit plus one page.
    for (const c of chunks) expect(JSON.stringify(c).length).toBeLessThan(2 * limit);
    expect(chunks.flatMap((c) => c.pages)).toEqual(whole.pages);
    expect(chunks.flatMap((c) => c.entries)).toEqual(whole.entries);
    // And they import back, one by one.
    const other = await fresh();
    for (const c of chunks) await importAll(other, JSON.parse(JSON.stringify(c)));
    expect((await exportAll(other)).entries).toEqual(whole.entries);
  });
});

describe('quota', () => {
  const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  /** Makes every entries write fail for lack of space until `space()` is called. */
  function fullDisk(db: DB) {
    const proto = Object.getPrototypeOf(db.transaction('entries', 'readwrite').objectStore('entries'));
    const put = proto.put;
    let full = true;
    const spy = vi.spyOn(proto, 'put').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (full) throw quotaError();
      return put.apply(this, args);
    });
    return { spy, space: () => void (full = false) };
  }

  it('marks are held in memory and answered at once, reported once, retried on a slow timer, written when space returns', async () => {
    const db = await fresh();
    await recordReport(db, report(['a', 'b']));
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const disk = fullDisk(db);
    const held = new HeldMarks(async () => db);
    const fallback = () => pageState(db, URL_A);
    const first = await held.mark(URL_A, ['a'], 'seen', false, fallback);
    expect(first!.updates.map((u) => u.state)).toEqual(['seen', 'new']);
    const second = await held.mark(URL_A, ['b'], 'seen', false, fallback);
    expect(second!.unseen).toBe(0);
    expect(storeStatus.quota).toMatchObject({ what: 'reading' });
    const at = storeStatus.quota!.at;
    expect(held.size).toBe(2);
    // One timer, 30 s away: no retry every 400 ms.
    const retries = timers.mock.calls.filter(([, ms]) => (ms ?? 0) >= 1000);
    expect(retries.map(([, ms]) => ms)).toEqual([30_000]);
    expect(storeStatus.quota!.at).toBe(at);
    disk.space();
    await held.retry();
    expect(held.size).toBe(0);
    expect(storeStatus.quota).toBeNull();
    expect((await pageState(db, URL_A))!.unseen).toBe(0);
  });

  it('held marks outlive a worker stopped before space returns: the next one writes them', async () => {
    const db = await fresh();
    await recordReport(db, report(['a', 'b']));
    const disk = fullDisk(db);
    const before = new HeldMarks(async () => db);
    await before.mark(URL_A, ['a'], 'seen', true, () => pageState(db, URL_A));
    expect(before.size).toBe(1);
    // The worker stops (its memory goes); space returns; a new worker starts.
    disk.space();
    const after = new HeldMarks(async () => db);
    await after.restore();
    expect(after.size).toBe(0);
    expect((await pageState(db, URL_A))!.updates.map((u) => `${u.id}:${u.state}:${u.manual}`)).toEqual([
      'a:seen:true',
      'b:new:false',
    ]);
    // Written, so a third worker has nothing left to write.
    const third = new HeldMarks(async () => db);
    await third.restore();
    expect(third.size).toBe(0);
  });

  it('other errors are not swallowed', async () => {
    const db = await fresh();
    await recordReport(db, report(['a']));
    const proto = Object.getPrototypeOf(db.transaction('entries', 'readwrite').objectStore('entries'));
    vi.spyOn(proto, 'put').mockImplementation(() => {
      throw new DOMException('stopped', 'AbortError');
    });
    const held = new HeldMarks(async () => db);
    await expect(held.mark(URL_A, ['a'], 'seen', false, () => pageState(db, URL_A))).rejects.toThrow(
      'stopped',
    );
    expect(storeStatus.quota).toBeNull();
  });
});

describe('a report without space', () => {
  it('can be answered without being stored', async () => {
    const db = await fresh();
    const state = await recordReport(db, report(['a', 'b']), 1, false);
    expect(state.updates.map((u) => u.id)).toEqual(['a', 'b']);
    expect(await pageState(db, URL_A)).toBeNull();
  });
});
