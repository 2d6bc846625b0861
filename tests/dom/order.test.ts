/** Document order, shared by the live-blog re-read, the names index, the near window and the markers. */
import { describe, expect, it } from 'vitest';
import { byDocumentOrder, precedes, sameElements } from '../../src/dom/order';

describe('document order', () => {
  it('orders nodes as the document does, nested ones after their ancestor', () => {
    document.body.innerHTML = '<div id="a"><p id="b"></p></div><p id="c"></p>';
    const [a, b, c] = ['a', 'b', 'c'].map((id) => document.getElementById(id)!);
    expect(precedes(a, b)).toBe(true);
    expect(precedes(c, a)).toBe(false);
    expect([c, b, a, c].sort(byDocumentOrder)).toEqual([a, b, c, c]);
    expect(byDocumentOrder(b, b)).toBe(0);
  });

  it('compares lists of elements by identity and order', () => {
    document.body.innerHTML = '<p></p><p></p>';
    const [x, y] = [...document.querySelectorAll('p')];
    expect(sameElements([x, y], [x, y])).toBe(true);
    expect(sameElements([x, y], [y, x])).toBe(false);
    expect(sameElements([x], [x, y])).toBe(false);
  });
});
