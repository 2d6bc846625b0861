import { describe, expect, it } from 'vitest';
import { firstInView } from '../../src/page/mentions';
import type { PageMention } from '../../src/page/names';

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
      mentions.push({
        key: word,
        kind: 'place',
        text: `${word}${i}`,
        range,
        block: b,
      } as unknown as PageMention);
    }
  }
  return mentions;
}

describe('mentions for a card', () => {
  it('finds the first mention in view by bisection', () => {
    const list = page().slice(0, 8);
    const tops = [-300, -200, -100, -50, 10, 60, 120, 400];
    const probed: number[] = [];
    list.forEach((m, i) => {
      m.range.getClientRects = () => {
        probed.push(i);
        return [{ top: tops[i] }] as unknown as DOMRectList;
      };
    });
    expect(firstInView(list)).toBe(4);
    expect(probed.length).toBeLessThanOrEqual(4);
    expect(firstInView(list.slice(0, 3))).toBe(-1);
  });
});
