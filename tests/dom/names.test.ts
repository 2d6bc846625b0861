import { describe, expect, it } from 'vitest';
import { nameWords, plain } from '../../src/dom/names';
import { loadDocument } from '../helpers';

const el = (html: string) => loadDocument(`<body>${html}</body>`).body.firstElementChild!;

describe('nameWords', () => {
  it('splits classes, id and data-component at punctuation, lower-cased', () => {
    const div = el(
      `<div class="share-buttons__item js-ad Top:Bar" id="Main_Col2" data-component="RelatedLinks"></div>`,
    );
    expect(nameWords(div)).toEqual(['share', 'buttons', 'item', 'js', 'ad', 'top', 'bar', 'main', 'col2']);
    expect(nameWords(div, { skipScriptHooks: true, dataComponent: true })).toEqual([
      ...['share', 'buttons', 'item', 'top', 'bar', 'main', 'col2', 'relatedlinks'],
    ]);
    expect(nameWords(div, { camelCase: true, dataComponent: true }).slice(-2)).toEqual(['related', 'links']);
  });

  it('keeps letters and digits of any script in a word (ASCII names take a shortcut, the rest do not)', () => {
    expect(nameWords(el(`<div class="teilen-Über größe_ελληνικά x٣y"></div>`))).toEqual([
      ...['teilen', 'über', 'größe', 'ελληνικά', 'x٣y'],
    ]);
    // The Kelvin sign lower-cases to an ASCII k: the same words either way.
    expect(nameWords(el(`<div class="\u212Aey-box"></div>`))).toEqual(['key', 'box']);
  });

  it('leaves out script hooks in any case and after any space, only at the start of a class', () => {
    const div = el(`<div class="JS-Share\u00a0js-ad box-js-like ajs-x" id="js-id"></div>`);
    expect(nameWords(div, { skipScriptHooks: true })).toEqual(['box', 'js', 'like', 'ajs', 'x', 'js', 'id']);
    expect(nameWords(div)).toEqual(['js', 'share', 'js', 'ad', 'box', 'js', 'like', 'ajs', 'x', 'js', 'id']);
    expect(nameWords(el(`<div class="  share\tbar  "></div>`), { skipScriptHooks: true })).toEqual([
      'share',
      'bar',
    ]);
    expect(nameWords(el(`<div class="Js-Share box"></div>`), { skipScriptHooks: true })).toEqual(['box']);
    expect(
      nameWords(el(`<div class="jS-fooBar barBaz"></div>`), { skipScriptHooks: true, camelCase: true }),
    ).toEqual(['bar', 'baz']);
  });

  it('tells plain text (no letter or digit beyond ASCII) from the rest', () => {
    expect(plain('share-bar_2 @x #y')).toBe(true);
    expect(plain('')).toBe(true);
    expect(plain('\u201cParasite\u201d \u2013 it\u2019s\u00a0\u00a9 Reuters\u2026')).toBe(true);
    expect(plain('café')).toBe(false);
    expect(plain('\u00aa')).toBe(false);
    expect(plain('x\u00b2')).toBe(false);
  });

  it('a plain character is a letter or digit for [a-z0-9] exactly when it is one for \\p{L} and \\p{N}, lower-cased or not', () => {
    const wrong: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      for (const ch of [String.fromCharCode(c), String.fromCharCode(c).toLowerCase()]) {
        if (!plain(ch)) continue;
        const lower = ch.toLowerCase();
        if (/^[a-zA-Z0-9]$/.test(ch) !== /^[\p{L}\p{N}]$/u.test(ch)) wrong.push(c.toString(16));
        if (/^[a-zA-Z]$/.test(ch) !== /^\p{L}$/u.test(ch)) wrong.push(c.toString(16));
        if ([...lower].some((l) => /^[a-z0-9]$/.test(l) !== /^[\p{L}\p{N}]$/u.test(l)))
          wrong.push(c.toString(16));
      }
    }
    expect(wrong).toEqual([]);
  });
});
