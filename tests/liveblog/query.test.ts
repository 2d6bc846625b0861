/** The per-entry query answers what querySelector answers, without asking the page-wide question. */
import { describe, expect, it } from 'vitest';
import { lastCompounds, queryIn } from '../../src/liveblog/query';

describe('queryIn', () => {
  it('splits a selector list into last compounds, outside quotes, brackets and parentheses', () => {
    expect(lastCompounds('header h2')).toBe('h2');
    expect(lastCompounds('header a[href*="#block- x"] span, .a > b')).toBe('span, b');
    expect(lastCompounds('div:not(.a .b)')).toBe('div:not(.a .b)');
    expect(lastCompounds('a[title="x, y"] > i')).toBe('i');
    expect(lastCompounds('ul > li + li ~ li')).toBe('li');
    expect(lastCompounds(':scope > h2')).toBeNull();
  });

  it('answers as querySelector does: the first match in document order, ancestors outside the element too', () => {
    document.body.innerHTML = `<section class="s"><article id="e">
      <p><span class="x">no</span></p>
      <header><a href="#block-1"><span>one</span></a><h2>Title</h2></header>
      <div><span class="x">two</span></div>
    </article></section>`;
    const el = document.getElementById('e')!;
    for (const sel of [
      'header h2',
      'header a[href*="#block-"] span',
      'div span, header span',
      'header > h2',
      'article h2 + nothing',
      'h2',
      'p + header span',
    ])
      expect(queryIn(el, sel)).toBe(el.querySelector(sel));
    // Ancestors outside the element count, as in browsers (happy-dom's own querySelector disagrees).
    expect(queryIn(el, '.s span')!.textContent).toBe('no');
  });
});
