/**
 * The index keeps its blocks in page order as they are read, so that a name's mentions and the page's
 * mentions come in page order without a sort that asks the DOM (after a live insertion, that sort of a
 * big live blog's blocks took 86 ms in one task). Insertions at the top, in the middle (again and again
 * between the same two blocks, until the order keys are numbered again), at the end, after removals.
 */
import { describe, expect, it, vi } from 'vitest';
import { NamesIndex, putIn, type BlockRec } from '../../src/page/names';
import { inProcess } from './detect-helper';
import { countCalls, parsePage } from '../helpers';

const BLOCKS = 40;

function pageOf(n: number): Document {
  const body = Array.from({ length: n }, (_, i) => `<p id="b${i}">Paris ${i}</p>`).join('');
  return parsePage(
    `<!doctype html><html lang="en"><head><title>t</title></head><body><main>${body}</main></body></html>`,
  );
}

/** The test page, read by an index. */
async function readPage(): Promise<{ doc: Document; names: NamesIndex }> {
  const doc = pageOf(BLOCKS);
  const names = new NamesIndex(doc, undefined, inProcess());
  await names.scan([doc.querySelector('main')!]);
  return { doc, names };
}

/** The blocks' labels ("Paris 12") in the order the index gives their mentions. */
const labels = (names: NamesIndex) => names.ordered().map((m) => (m.node.data.match(/Paris \S+/) ?? [''])[0]);
/** The same, read from the document. */
const inPage = (doc: Document) => [...doc.querySelectorAll('main p')].map((p) => p.textContent!);

/** How often `fn` asks the DOM to compare two nodes' places. */
const counting = <T>(fn: () => T | Promise<T>) => countCalls(Node.prototype, ['compareDocumentPosition'], fn);

/** Runs `fn`, counting the calls of these Array methods on lists as long as the page's blocks. */
const longListCalls = <T>(methods: string[], fn: () => Promise<T>) =>
  countCalls(Array.prototype, methods, fn, (self: unknown[]) => self.length >= BLOCKS);

/** Inserts blocks before `where` (null: at the end) and hands them to the index; how often it asked the DOM. */
async function insert(names: NamesIndex, doc: Document, where: Element | null, texts: string[]) {
  const main = doc.querySelector('main')!;
  const els = texts.map((t) => {
    const p = doc.createElement('p');
    p.textContent = t;
    main.insertBefore(p, where);
    return p;
  });
  return (await counting(() => names.added(els))).calls;
}

describe('the index keeps page order as it reads', () => {
  it('gives mentions in page order after insertions anywhere, without asking the DOM to sort', async () => {
    const { doc, names } = await readPage();
    expect(labels(names)).toEqual(inPage(doc));
    // A batch at the top, in the order a live blog puts it (newest first).
    const batch = Array.from({ length: 10 }, (_, i) => `Paris t${i}`);
    const top = await insert(names, doc, doc.getElementById('b0'), batch);
    // The first by a binary search, each next one after it: two comparisons each, with its neighbours only
    // (a comparison with a block far away costs the browser a walk over the children between them).
    expect(top).toBeLessThanOrEqual(Math.ceil(Math.log2(BLOCKS)) + 2 + 2 * batch.length);
    // Sixty single insertions between the same two blocks: the keys between them halve until they are
    // numbered again.
    for (let i = 0; i < 60; i++) await insert(names, doc, doc.getElementById('b20'), [`Paris m${i}`]);
    await insert(names, doc, null, ['Paris e1', 'Paris e2']);
    const { value, calls: asked } = await counting(() => labels(names));
    expect(value).toEqual(inPage(doc));
    expect(asked).toBe(0);
    const paris = await counting(() => names.mentionsOf(names.ordered()[0].key).map((m) => m.node.data));
    expect(paris.value).toEqual(inPage(doc));
    expect(paris.calls).toBe(0);
  });

  it('numbers a long insertion between the same two blocks without numbering the page again', async () => {
    const { doc, names } = await readPage();
    // Numbering again, or putting the new blocks in by a sort, sorts every block of the page (a big live
    // blog's 8,000): count the sorts that long. A hundred entries of five paragraphs inserted at once below
    // the page's first blocks, as at the top of a live blog's feed, and read in page order.
    const { value: got, calls: sorts } = await longListCalls(['sort'], async () => {
      await insert(
        names,
        doc,
        doc.getElementById('b20'),
        Array.from({ length: 500 }, (_, i) => `Paris n${i}`),
      );
      return labels(names);
    });
    // (The document's own order is read after: happy-dom sorts what a query finds.)
    expect(got).toEqual(inPage(doc));
    // The new blocks go in among the page's in one splice, found by a binary search: no sort of the page's
    // blocks. Taking the middle each time used the gap up every ~45 blocks: 14 sorts; sorting the page's
    // blocks to find the first new block's place, and for the reads of the order after it: 2.
    expect(sorts).toBe(0);
  });

  it("puts the page's blocks in order as the walk reads them: an insertion after it goes over none of them", async () => {
    const { doc, names } = await readPage();
    // Lists as long as the page's blocks that are filtered, sorted or copied while an entry comes in.
    const { value: got, calls: passes } = await longListCalls(['filter', 'sort', 'slice'], async () => {
      await insert(names, doc, doc.getElementById('b0'), ['Paris t0']);
      return labels(names);
    });
    expect(got).toEqual(inPage(doc));
    // Before, the page's blocks waited to be put in order until the first question that needed it: the
    // insertion's binary search filtered them and checked their order (8,000 blocks on a big live blog).
    expect(passes).toBe(0);
  });

  it('keeps it when blocks leave and others come', async () => {
    const { doc, names } = await readPage();
    const gone = [doc.getElementById('b5')!, doc.getElementById('b6')!, doc.getElementById('b30')!];
    for (const el of gone) el.remove();
    await names.removed(gone);
    await insert(names, doc, doc.getElementById('b7'), ['Paris x1']);
    await insert(names, doc, doc.getElementById('b0'), ['Paris x2']);
    expect(labels(names)).toEqual(inPage(doc));
  });
});

describe('what the index reads as it goes', () => {
  it("reads the clock about once per block it walks and once per block it applies, and counts that time as the names' work", async () => {
    const { doc, names } = await readPage();
    const main = doc.querySelector('main')!;
    // An insertion of 200 paragraphs in one element.
    const div = doc.createElement('div');
    for (let i = 0; i < 200; i++) div.appendChild(doc.createElement('p')).textContent = `Berlin n${i}`;
    const els = [main.insertBefore(div, main.firstChild)];
    // A clock that moves 0.01 ms per reading (no slice fills up): how often it is read, and what of its
    // time the names' work counts.
    let readings = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => ++readings / 100);
    const before = names.work;
    try {
      await names.added(els);
    } finally {
      now.mockRestore();
    }
    // The loops meter the names' work with the clock their slices read anyway (a reading costs Chromium
    // about 0.24 µs; the 2,000-update page has 8,162 blocks): one reading per block walked and one per
    // block applied, where each was three.
    expect(readings).toBeLessThan(200 * 2.5);
    // Nearly all of that time passed in the two loops, and it is counted as the names' work.
    expect(names.work - before).toBeGreaterThan((readings / 100) * 0.8);
  });
});

describe('putIn', () => {
  const recs = (orders: number[]) => orders.map((order) => ({ order }) as BlockRec);
  const orders = (list: BlockRec[]) => list.map((r) => r.order);

  it('puts blocks in order among others: at the ends, between, and in runs longer than one splice takes', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 1000;
    const cases: Array<[number[], number[]]> = [
      [[], [1, 2]],
      [[1, 2], []],
      [
        [5, 6],
        [1, 2],
      ],
      [
        [1, 2],
        [5, 6],
      ],
      [
        [1, 5],
        [2, 3, 4],
      ],
      [
        [1, 3, 5, 7],
        [0, 2, 4, 6, 8],
      ],
      [
        [1, 2, 3],
        [2, 2],
      ],
      [[0, 1000], Array.from({ length: 10_000 }, (_, i) => 1 + i / 100)],
    ];
    for (let k = 0; k < 50; k++) {
      const a = Array.from({ length: Math.floor(random() / 10) }, random).sort((x, y) => x - y);
      const b = Array.from({ length: Math.floor(random() / 50) }, random).sort((x, y) => x - y);
      cases.push([a, b]);
    }
    for (const [a, b] of cases) {
      const seq = recs(a);
      putIn(seq, recs(b));
      expect(orders(seq)).toEqual([...a, ...b].sort((x, y) => x - y));
    }
  });
});
