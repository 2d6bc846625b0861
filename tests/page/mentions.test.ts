import { describe, expect, it } from 'vitest';
import { firstInView, MentionOrder, pageOrder, rangeOf } from '../../src/page/mentions';
import type { NamesIndex, PageMention } from '../../src/page/names';

/** Paragraphs p0..p5; blocks numbered as a scan would, with p0 and p1 inserted later (newest first). */
function page() {
  document.body.innerHTML = [0, 1, 2, 3, 4, 5].map((i) => `<p id="p${i}">Aleppo and Homs ${i}</p>`).join('');
  const blockOf = [4, 5, 0, 1, 2, 3];
  const mentions: PageMention[] = [];
  // In the order the index holds them: by block number, each block's mentions in order.
  for (const b of [0, 1, 2, 3, 4, 5]) {
    const i = blockOf.indexOf(b);
    const text = document.getElementById(`p${i}`)!.firstChild as Text;
    for (const [word, at] of [
      ['Aleppo', 0],
      ['Homs', 11],
    ] as const) {
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + word.length);
      mentions.push({ key: word, kind: 'place', text: `${word}${i}`, range, block: b });
    }
  }
  return mentions;
}

const texts = (l: PageMention[]) => l.map((m) => m.text);

describe('mentions in page order', () => {
  it('puts blocks scanned later but placed earlier (live insertions at the top) first', () => {
    const all = page();
    expect(texts(pageOrder(all))).toEqual([0, 1, 2, 3, 4, 5].flatMap((i) => [`Aleppo${i}`, `Homs${i}`]));
  });

  it('groups by entity, follows a replaced index, and uses the index’s own mentionsOf when it has one', () => {
    const all = page();
    const index = { mentions: all } as unknown as NamesIndex;
    let current = index;
    const order = new MentionOrder(() => current);
    expect(texts(order.of('Homs'))).toEqual([0, 1, 2, 3, 4, 5].map((i) => `Homs${i}`));
    expect(order.of('Nowhere')).toEqual([]);
    // A live insertion adds mentions: the grouping is redone.
    all.push({ ...all[0], text: 'Aleppo-new', block: 6 });
    expect(order.of('Aleppo')).toHaveLength(7);
    // A rescan replaces the index.
    current = { mentions: all.slice(0, 2) } as unknown as NamesIndex;
    expect(order.all()).toHaveLength(2);
    const own = { mentions: [], mentionsOf: (k: string) => all.filter((m) => m.key === k).slice(0, 1) };
    current = own as unknown as NamesIndex;
    expect(order.of('Homs')).toHaveLength(1);
  });

  it('finds the first mention in view by bisection', () => {
    const list = page().slice(0, 8);
    const tops = [-300, -200, -100, -50, 10, 60, 120, 400];
    const probed: number[] = [];
    list.forEach((m, i) => {
      rangeOf(m).getClientRects = () => {
        probed.push(i);
        return [{ top: tops[i] }] as unknown as DOMRectList;
      };
    });
    expect(firstInView(list)).toBe(4);
    expect(probed.length).toBeLessThanOrEqual(4);
    expect(firstInView(list.slice(0, 3))).toBe(-1);
  });
});
