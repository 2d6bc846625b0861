import { beforeEach, describe, expect, it } from 'vitest';
import { clearReading, exportAll, followedPages, importAll, markUpdates, openStore, pageState, recordReport, type DB } from '../../src/reading/store';
import type { PageReport } from '../../src/reading/types';

const URL_A = 'http://127.0.0.1:9000/live.html';
const report = (visit: string, ids: string[], url = URL_A): PageReport => ({
  url,
  visit,
  title: 'Live',
  isLiveBlog: true,
  updates: ids.map((id) => ({ id, label: `UPDATE ${id}`, firstLine: `text ${id}` })),
});

let db: DB;
let n = 0;
beforeEach(async () => {
  db = await openStore(`test-${n++}`);
});

describe('reading store', () => {
  it('records a page under its canonical URL, every update new', async () => {
    const state = await recordReport(db, report('v1', ['a', 'b']), 1000);
    expect(state.url).toBe(URL_A);
    expect(state.updates.map((u) => [u.id, u.state])).toEqual([['a', 'new'], ['b', 'new']]);
    expect(state.unseen).toBe(2);
    expect((await pageState(db, URL_A + '#block-b?'))?.updates).toHaveLength(2);
  });

  it('marks seen; automatic marks never undo a manual choice', async () => {
    await recordReport(db, report('v1', ['a', 'b']));
    await markUpdates(db, URL_A, ['a'], 'new', true); // reader: keep "a" new
    const auto = await markUpdates(db, URL_A, ['a', 'b'], 'seen', false);
    expect(auto!.updates.map((u) => [u.id, u.state, u.manual])).toEqual([['a', 'new', true], ['b', 'seen', false]]);
    const manual = await markUpdates(db, URL_A, ['a'], 'seen', true);
    expect(manual!.unseen).toBe(0);
  });

  it('never turns a seen update back to new automatically', async () => {
    await recordReport(db, report('v1', ['a']));
    await markUpdates(db, URL_A, ['a'], 'seen', false);
    const s = await markUpdates(db, URL_A, ['a'], 'new', false);
    expect(s!.updates[0].state).toBe('seen');
  });

  it('calls updates fresh when they were not there at the previous visit', async () => {
    await recordReport(db, report('v1', ['a']), 1000);
    const same = await recordReport(db, report('v1', ['b', 'a']), 2000); // live insertion, same visit
    expect(same.updates.every((u) => !u.fresh)).toBe(true);
    const next = await recordReport(db, report('v2', ['c', 'b', 'a']), 3000);
    expect(next.updates.map((u) => u.fresh)).toEqual([true, false, false]);
    expect(next.previousVisit).toBe(2000);
  });

  it('lists followed live blogs with unseen counts, newest visit first', async () => {
    await recordReport(db, report('v1', ['a', 'b']), 1000);
    await recordReport(db, report('v1', ['x'], 'http://127.0.0.1:9000/other.html'), 2000);
    await markUpdates(db, URL_A, ['a'], 'seen', false);
    const list = await followedPages(db);
    expect(list.map((p) => [p.url.split('/').pop(), p.unseen, p.total])).toEqual([['other.html', 1, 1], ['live.html', 1, 2]]);
  });

  it('exports and imports reading state, newer marks winning', async () => {
    await recordReport(db, report('v1', ['a', 'b']), 1000);
    await markUpdates(db, URL_A, ['a'], 'seen', false, 1500);
    const file = await exportAll(db);
    expect(file.format).toBe('backstory-reading');
    const other = await openStore(`test-import-${n++}`);
    expect(await importAll(other, file)).toEqual({ pages: 1, updates: 1 });
    expect((await pageState(other, URL_A))!.updates.map((u) => u.state)).toEqual(['seen', 'new']);
    await expect(importAll(other, { ...file, format: 'nope' } as never)).rejects.toThrow(/Not a Backstory/);
  });

  it('clears reading state', async () => {
    await recordReport(db, report('v1', ['a']));
    await clearReading(db);
    expect(await pageState(db, URL_A)).toBeNull();
  });
});
