/** Page-controlled ids and labels: whatever a page names its updates, their state is stored, read back and markable. */
import { describe, expect, it } from 'vitest';
import { exportAll, importAll, markUpdates, pageState, recordReport } from '../../src/reading/store';
import { openStore } from '../../src/storage';
import type { PageReport } from '../../src/reading/types';

const URL_A = 'http://127.0.0.1:9000/fuzz.html';
const big = 'x'.repeat(100_000);
const HOSTILE = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'prototype',
  'then',
  '',
  ' ',
  '\uD800',
  'a\uDC00b',
  '\uDBFF\uDFFF',
  '0',
  '-1',
  'length',
  'null',
  'undefined',
  'NaN',
  big,
  big + 'y',
  '\u0000',
  'é'.normalize('NFD'),
  '\u202Eevil',
];
let n = 0;

describe('hostile ids and labels', () => {
  it('are stored, read back, markable one by one and in a batch, and survive export and import', async () => {
    const db = await openStore(`fuzz-${n++}`);
    const report: PageReport = {
      url: URL_A,
      visit: 'v1',
      title: '__proto__',
      isLiveBlog: true,
      updates: HOSTILE.map((id, i) => ({
        id,
        label: HOSTILE[(i + 3) % HOSTILE.length],
        firstLine: HOSTILE[(i + 7) % HOSTILE.length],
      })),
    };
    const state = await recordReport(db, report, 1000);
    expect(state.updates).toHaveLength(HOSTILE.length);
    expect(state.unseen).toBe(HOSTILE.length);
    const read = await pageState(db, URL_A);
    expect(read!.updates.map((u) => u.id)).toEqual(state.updates.map((u) => u.id));
    expect(new Set(read!.updates.map((u) => u.id)).size).toBe(HOSTILE.length);
    // One by one, by the ids the page reported.
    for (const id of HOSTILE.slice(0, 4)) await markUpdates(db, URL_A, [id], 'seen', true, 2000);
    expect((await pageState(db, URL_A))!.unseen).toBe(HOSTILE.length - 4);
    // The rest in one batch: none is lost to another's failure.
    const after = await markUpdates(db, URL_A, HOSTILE, 'seen', false, 3000);
    expect(after!.unseen).toBe(0);
    // A second visit keeps the marks.
    expect((await recordReport(db, { ...report, visit: 'v2' }, 4000)).unseen).toBe(0);

    const file = JSON.parse(JSON.stringify(await exportAll(db)));
    const other = await openStore(`fuzz-${n++}`);
    expect((await importAll(other, file)).skipped).toBe(0);
    expect((await pageState(other, URL_A))!.unseen).toBe(0);
  });

  it('aliases keyed by Object.prototype names map only what they say', async () => {
    const db = await openStore(`fuzz-${n++}`);
    const file = JSON.parse(
      `{"format":"backstory-reading","version":2,"exportedAt":"","pages":[{"url":"${URL_A}","title":"t","isLiveBlog":true,"lastVisit":1,"updates":[{"id":"a","label":"","firstLine":""}],"aliases":{"__proto__":"a","constructor":"a"}}],"entries":[]}`,
    );
    await importAll(db, file);
    // "__proto__" and "constructor" stand for "a"; "toString" is just an id.
    const state = await recordReport(
      db,
      {
        url: URL_A,
        visit: 'v9',
        title: 't',
        isLiveBlog: true,
        updates: [
          { id: '__proto__', label: '', firstLine: '' },
          { id: 'toString', label: '', firstLine: '' },
        ],
      },
      5,
    );
    expect(state.updates.map((u) => u.id)).toEqual(['a', 'toString']);
    expect((await markUpdates(db, URL_A, ['constructor', 'toString'], 'seen', true))!.unseen).toBe(0);
    expect(Object.getPrototypeOf({} as object)).toBe(Object.prototype);
  });
});
