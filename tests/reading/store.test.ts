import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clearReading,
  EXPORT_VERSION,
  exportAll,
  followedPages,
  importAll,
  changeOf,
  markUpdates,
  pageState,
  recordDelta,
  recordReport,
} from '../../src/reading/store';
import { openStore, type DB } from '../../src/storage';
import type { ExportFile, PageDelta, PageReport, UpdateSummary } from '../../src/reading/types';

const URL_A = 'http://127.0.0.1:9000/live.html';
const summary = (id: string, extra: Partial<UpdateSummary> = {}): UpdateSummary => ({
  id,
  label: `UPDATE ${id}`,
  firstLine: `text ${id}`,
  ...extra,
});
const report = (visit: string, ids: Array<string | UpdateSummary>, url = URL_A): PageReport => ({
  url,
  visit,
  title: 'Live',
  isLiveBlog: true,
  updates: ids.map((u) => (typeof u === 'string' ? summary(u) : u)),
});
const states = (s: { updates: Array<{ id: string; state: string }> } | null) =>
  s!.updates.map((u) => `${u.id}:${u.state}`);

let db: DB;
let n = 0;
const fresh = () => openStore(`test-${n++}`);
beforeEach(async () => {
  db = await fresh();
});
afterEach(() => vi.restoreAllMocks());

describe('visits', () => {
  it('records a page under its canonical URL, every update new', async () => {
    const state = await recordReport(db, report('v1', ['a', 'b']), 1000);
    expect(state.url).toBe(URL_A);
    expect(states(state)).toEqual(['a:new', 'b:new']);
    expect(state.unseen).toBe(2);
    expect((await pageState(db, URL_A + '?utm_source=x#block-b'))?.updates).toHaveLength(2);
  });

  it('on a first visit, flags nothing already there, and every live insertion', async () => {
    const first = await recordReport(db, report('v1', ['a', 'b']), 1000);
    expect(first.updates.map((u) => [u.fresh, u.backlog])).toEqual([
      [false, true],
      [false, true],
    ]);
    const live = await recordReport(db, report('v1', ['c', 'a', 'b']), 2000);
    expect(live.updates.map((u) => [u.id, u.fresh, u.backlog])).toEqual([
      ['c', true, false],
      ['a', false, true],
      ['b', false, true],
    ]);
  });

  it('on a later visit, calls fresh what was not there at the visit before, and keeps flagging unseen non-backlog updates', async () => {
    await recordReport(db, report('v1', ['a']), 1000);
    await recordReport(db, report('v1', ['b', 'a']), 2000); // live insertion, same visit
    const next = await recordReport(db, report('v2', ['c', 'b', 'a']), 3000);
    expect(next.updates.map((u) => [u.id, u.fresh, u.backlog])).toEqual([
      ['c', true, false],
      ['b', false, false],
      ['a', false, true],
    ]);
    expect(next.previousVisit).toBe(2000);
  });

  it('treats older updates loaded later ("load more") as backlog, not as new', async () => {
    await recordReport(
      db,
      report('v1', [
        summary('b', { time: '2024-01-01T10:00:00Z' }),
        summary('a', { time: '2024-01-01T09:00:00Z' }),
      ]),
      1000,
    );
    const more = await recordReport(
      db,
      report('v1', [
        summary('b', { time: '2024-01-01T10:00:00Z' }),
        summary('a', { time: '2024-01-01T09:00:00Z' }),
        summary('z', { time: '2024-01-01T08:00:00Z' }),
      ]),
      2000,
    );
    expect(more.updates.map((u) => [u.id, u.fresh, u.backlog])).toEqual([
      ['b', false, true],
      ['a', false, true],
      ['z', false, true],
    ]);
  });

  it('lets two tabs of one blog report without starting new visits for each other', async () => {
    await recordReport(db, report('tab-1', ['a']), 1000);
    await recordReport(db, report('tab-2', ['b', 'a']), 2000);
    const again = await recordReport(db, report('tab-1', ['b', 'a']), 3000);
    // tab-1's report continues a visit: the baseline stays the one tab-2's visit set.
    expect(again.previousVisit).toBe(1000);
    expect(again.updates.map((u) => u.fresh)).toEqual([true, false]);
  });
});

describe('marks', () => {
  it('automatic marks never undo a manual choice; manual marks always win', async () => {
    await recordReport(db, report('v1', ['a', 'b']));
    await markUpdates(db, URL_A, ['a'], 'new', true); // reader: keep "a" new
    const auto = await markUpdates(db, URL_A, ['a', 'b'], 'seen', false);
    expect(auto!.updates.map((u) => [u.id, u.state, u.manual])).toEqual([
      ['a', 'new', true],
      ['b', 'seen', false],
    ]);
    const manual = await markUpdates(db, URL_A, ['a'], 'seen', true);
    expect(manual!.unseen).toBe(0);
  });

  it('never turns a seen update back to new automatically', async () => {
    await recordReport(db, report('v1', ['a']));
    await markUpdates(db, URL_A, ['a'], 'seen', false);
    expect(states(await markUpdates(db, URL_A, ['a'], 'new', false))).toEqual(['a:seen']);
  });

  it('are idempotent: a retried batch changes nothing more, not even the time of the mark', async () => {
    await recordReport(db, report('v1', ['a', 'b']));
    await markUpdates(db, URL_A, ['a'], 'seen', false, 100);
    await markUpdates(db, URL_A, ['a'], 'seen', false, 200);
    const file = await exportAll(db);
    expect(file.entries).toEqual([{ url: URL_A, id: 'a', state: 'seen', manual: false, at: 100 }]);
  });

  it('are all or nothing: a batch interrupted mid-way leaves the old state, and its retry applies it whole', async () => {
    await recordReport(db, report('v1', ['a', 'b', 'c']));
    const proto = Object.getPrototypeOf(db.transaction('entries', 'readwrite').objectStore('entries'));
    const put = proto.put;
    let calls = 0;
    const spy = vi.spyOn(proto, 'put').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (++calls === 2) throw new DOMException('The service worker was stopped', 'AbortError');
      return put.apply(this, args);
    });
    await expect(markUpdates(db, URL_A, ['a', 'b', 'c'], 'seen', false)).rejects.toThrow();
    spy.mockRestore();
    expect(states(await pageState(db, URL_A))).toEqual(['a:new', 'b:new', 'c:new']);
    expect(states(await markUpdates(db, URL_A, ['a', 'b', 'c'], 'seen', false))).toEqual([
      'a:seen',
      'b:seen',
      'c:seen',
    ]);
  });

  it('follow an edited id-less update to the id its state is kept under', async () => {
    const before = summary('t1abcdef', {
      label: 'UPDATE 1615 GMT',
      firstLine: 'Turkey says three of its soldiers have been killed and ten wounded near al-Bab',
    });
    await recordReport(
      db,
      report('v1', [
        before,
        summary('t2zzzzzz', {
          label: 'UPDATE 0830 GMT',
          firstLine: 'Residents of eastern Aleppo appeal to the world',
        }),
      ]),
    );
    await markUpdates(db, URL_A, ['t1abcdef'], 'seen', false);
    const edited = {
      ...before,
      id: 't9edited',
      firstLine: 'Turkey says three of its soldiers were killed and ten wounded near the town of al-Bab',
    };
    const state = await recordReport(
      db,
      report('v2', [
        edited,
        summary('t2zzzzzz', {
          label: 'UPDATE 0830 GMT',
          firstLine: 'Residents of eastern Aleppo appeal to the world',
        }),
      ]),
    );
    expect(state.aliases).toEqual({ t9edited: 't1abcdef' });
    expect(states(state)).toEqual(['t1abcdef:seen', 't2zzzzzz:new']);
    // Marks sent under the new id land on the stored one.
    expect(states(await markUpdates(db, URL_A, ['t9edited'], 'new', true))).toEqual([
      't1abcdef:new',
      't2zzzzzz:new',
    ]);
  });
});

describe('reports as deltas', () => {
  const delta = (visit: string, d: Partial<PageDelta>): PageDelta => ({
    url: URL_A,
    visit,
    title: 'Live',
    isLiveBlog: true,
    added: [],
    changed: [],
    removed: [],
    count: 0,
    ...d,
  });

  it('applies what was added, changed and removed, as a full report of the new list would', async () => {
    await recordReport(db, report('v1', ['c', 'b', 'a']));
    await markUpdates(db, URL_A, ['b'], 'seen', false);
    const d = delta('v1', {
      added: [{ ...summary('d'), at: 0 }],
      changed: [summary('b', { firstLine: 'b, edited' })],
      removed: ['a'],
      count: 3,
    });
    const got = await recordDelta(db, d);
    // The page hears of the updates it sent, not the whole state.
    expect(states(got!.change)).toEqual(['d:new', 'b:seen']);
    expect(got!.change).toMatchObject({ unseen: 2, removed: ['a'] });
    expect(states(got!.state)).toEqual(['d:new', 'c:new', 'b:seen']);
    expect(got!.state.updates[2].firstLine).toBe('b, edited');
    const full = await fresh();
    await recordReport(full, report('v1', ['c', 'b', 'a']));
    await markUpdates(full, URL_A, ['b'], 'seen', false);
    const whole = await recordReport(
      full,
      report('v1', ['d', 'c', summary('b', { firstLine: 'b, edited' })]),
    );
    expect(got!.state.updates).toEqual(whole.updates);
  });

  it('refuses a delta it cannot apply, so the page reports in full', async () => {
    await recordReport(db, report('v1', ['b', 'a']));
    // Another page load (the store only knows v1), an unknown update, one added twice, a wrong count.
    expect(await recordDelta(db, delta('v2', { added: [{ ...summary('c'), at: 0 }], count: 3 }))).toBeNull();
    expect(await recordDelta(db, delta('v1', { removed: ['x'], count: 1 }))).toBeNull();
    expect(await recordDelta(db, delta('v1', { changed: [summary('x')], count: 2 }))).toBeNull();
    expect(await recordDelta(db, delta('v1', { added: [{ ...summary('a'), at: 0 }], count: 3 }))).toBeNull();
    expect(await recordDelta(db, delta('v1', { added: [{ ...summary('c'), at: 0 }], count: 4 }))).toBeNull();
    expect(states(await pageState(db, URL_A))).toEqual(['b:new', 'a:new']);
  });

  it('answers by the ids the page uses: an edited id-less update keeps its stored id, the page its own', async () => {
    const before = summary('t1abcdef', {
      label: 'UPDATE 1615 GMT',
      firstLine: 'Turkey says three of its soldiers have been killed and ten wounded near al-Bab',
    });
    await recordReport(db, report('v1', [before, 'b']));
    await markUpdates(db, URL_A, ['t1abcdef'], 'seen', false);
    const edited = {
      ...before,
      id: 't9edited',
      firstLine: 'Turkey says three of its soldiers were killed and ten wounded near the town of al-Bab',
    };
    const got = await recordDelta(
      db,
      delta('v1', { added: [{ ...edited, at: 0 }], removed: ['t1abcdef'], count: 2 }),
    );
    expect(got!.change.updates.map((u) => [u.id, u.pageId, u.state])).toEqual([
      ['t1abcdef', 't9edited', 'seen'],
    ]);
    // A later delta names it by the page's id, and so does a mark.
    const later = await recordDelta(
      db,
      delta('v1', { changed: [{ ...edited, label: 'UPDATE 1616 GMT' }], count: 2 }),
    );
    expect(later!.state.updates[0]).toMatchObject({
      id: 't1abcdef',
      pageId: 't9edited',
      label: 'UPDATE 1616 GMT',
    });
    // An export and import keep the page's id.
    const copy = await fresh();
    await importAll(copy, await exportAll(db));
    expect((await pageState(copy, URL_A))!.updates[0]).toMatchObject({ id: 't1abcdef', pageId: 't9edited' });
    const marked = await markUpdates(db, URL_A, ['t9edited'], 'new', true);
    expect(changeOf(marked!, ['t9edited']).updates.map((u) => `${u.pageId}:${u.state}`)).toEqual([
      't9edited:new',
    ]);
  });
});

describe('followed pages', () => {
  it('lists live blogs with unseen counts as of the last visit, newest visit first', async () => {
    await recordReport(db, report('v1', ['a', 'b']), 1000);
    await recordReport(db, report('v1', ['x'], 'http://127.0.0.1:9000/other.html'), 2000);
    await markUpdates(db, URL_A, ['a'], 'seen', false);
    const list = await followedPages(db);
    expect(list.map((p) => [p.url.split('/').pop(), p.unseen, p.total])).toEqual([
      ['other.html', 1, 1],
      ['live.html', 1, 2],
    ]);
  });
});

describe('export and import', () => {
  it('round-trips reading state', async () => {
    await recordReport(db, report('v1', ['a', 'b']), 1000);
    await markUpdates(db, URL_A, ['a'], 'seen', false, 1500);
    const file = await exportAll(db);
    expect(file).toMatchObject({ format: 'backstory-reading', version: EXPORT_VERSION });
    const other = await fresh();
    expect(await importAll(other, JSON.parse(JSON.stringify(file)))).toEqual({
      pages: 1,
      updates: 1,
      skipped: 0,
      urls: [URL_A],
    });
    const state = await pageState(other, URL_A);
    expect(states(state)).toEqual(['a:seen', 'b:new']);
    expect(state!.updates.every((u) => u.backlog)).toBe(true);
  });

  it('imports a version 1 file', async () => {
    const v1: ExportFile = {
      format: 'backstory-reading',
      version: 1,
      exportedAt: '2024-01-01T00:00:00.000Z',
      pages: [
        { url: URL_A, title: 'Live', isLiveBlog: true, lastVisit: 10, updates: [summary('a'), summary('b')] },
      ],
      entries: [{ url: URL_A, id: 'b', state: 'seen', manual: true, at: 9 }],
    };
    expect(await importAll(db, v1)).toEqual({ pages: 1, updates: 1, skipped: 0, urls: [URL_A] });
    expect(states(await pageState(db, URL_A))).toEqual(['a:new', 'b:seen']);
  });

  it('merges marks: manual beats automatic, else the newer wins', async () => {
    await recordReport(db, report('v1', ['a', 'b', 'c', 'd']), 1000);
    await markUpdates(db, URL_A, ['a'], 'new', true, 100); // manual, old
    await markUpdates(db, URL_A, ['b'], 'seen', false, 100); // automatic, old
    await markUpdates(db, URL_A, ['c'], 'seen', false, 300); // automatic, newer than the file's
    const file: ExportFile = {
      format: 'backstory-reading',
      version: 2,
      exportedAt: '',
      pages: [],
      entries: [
        { url: URL_A, id: 'a', state: 'seen', manual: false, at: 200 }, // automatic cannot undo a manual choice
        { url: URL_A, id: 'b', state: 'new', manual: true, at: 50 }, // manual beats automatic, even older
        { url: URL_A, id: 'c', state: 'new', manual: false, at: 200 }, // older automatic loses
        { url: URL_A, id: 'd', state: 'seen', manual: false, at: 200 }, // nothing here yet
      ],
    };
    // Only entries changed here: the page still counts as changed, so its open tabs are told.
    expect(await importAll(db, file)).toEqual({ pages: 0, updates: 2, skipped: 0, urls: [URL_A] });
    expect(states(await pageState(db, URL_A))).toEqual(['a:new', 'b:new', 'c:seen', 'd:seen']);
  });

  it('merges pages: updates of the more recent visit, backlog of the earlier first visit', async () => {
    await recordReport(db, report('v1', ['b', 'a']), 5000);
    const file: ExportFile = {
      format: 'backstory-reading',
      version: 2,
      exportedAt: '',
      pages: [
        {
          url: URL_A,
          title: 'Older title',
          isLiveBlog: true,
          firstVisit: 1000,
          lastVisit: 2000,
          updates: [summary('a')],
          initial: ['a'],
          aliases: { tx: 'a' },
        },
      ],
      entries: [],
    };
    await importAll(db, file);
    const page = await db.get('pages', URL_A);
    expect(page).toMatchObject({
      title: 'Live',
      firstVisit: 1000,
      lastVisit: 5000,
      initial: ['a'],
      aliases: { tx: 'a' },
    });
    expect(page!.updates.map((u) => u.id)).toEqual(['b', 'a']);
    expect((await pageState(db, URL_A))!.updates.map((u) => u.backlog)).toEqual([false, true]);
  });

  it('rejects what is not an export, or is from a newer version; skips malformed rows', async () => {
    await expect(importAll(db, { format: 'nope' })).rejects.toThrow(/Not a Backstory/);
    await expect(importAll(db, null)).rejects.toThrow(/Not a Backstory/);
    await expect(
      importAll(db, { format: 'backstory-reading', version: EXPORT_VERSION + 1, pages: [], entries: [] }),
    ).rejects.toThrow(/newer Backstory/);
    await expect(importAll(db, { format: 'backstory-reading', version: 2 })).rejects.toThrow(/no pages/);
    for (const version of [Number.NaN, 1.5, '2', null, 0, -1, Infinity]) {
      await expect(
        importAll(db, { format: 'backstory-reading', version, pages: [], entries: [] }),
        String(version),
      ).rejects.toThrow(/version/);
    }
    const result = await importAll(db, {
      format: 'backstory-reading',
      version: 2,
      exportedAt: '',
      pages: [
        { url: 'javascript:alert(1)', title: 'x', isLiveBlog: true, lastVisit: 1, updates: [] },
        { url: URL_A, title: 'ok', isLiveBlog: true, lastVisit: 1, updates: [{ id: 'a' }] },
      ],
      entries: [
        { url: URL_A, id: 'a', state: 'read', manual: false, at: 1 },
        { url: URL_A, id: 'a', state: 'seen', manual: 'yes', at: 1 },
        { url: URL_A, id: 'a', state: 'seen', manual: false, at: Date.now() + 10 * 86_400_000 },
      ],
    });
    expect(result).toEqual({ pages: 0, updates: 0, skipped: 5, urls: [] });
    expect(await pageState(db, URL_A)).toBeNull();
  });
});

describe('clear', () => {
  it('forgets every page and mark', async () => {
    await recordReport(db, report('v1', ['a']));
    await markUpdates(db, URL_A, ['a'], 'seen', true);
    await clearReading(db);
    expect(await pageState(db, URL_A)).toBeNull();
    expect((await exportAll(db)).entries).toEqual([]);
  });
});
