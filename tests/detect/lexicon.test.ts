import { describe, expect, it } from 'vitest';
import { Lexicon } from '../../src/detect/lexicon';
import { phraseKey } from '../../src/detect/text';

describe('lexicon lookups', () => {
  it('answers a phrase the same from its recent answers, and after they are dropped', () => {
    const lex = new Lexicon();
    const ask = () =>
      ['Islamic State', 'Aleppo', 'Westminster', 'Nowhere Xq', 'al Bab'].map((n) => {
        const e = lex.phrase(phraseKey(n));
        return e ? `${e.key} ${e.kind}` : 'none';
      });
    const first = ask();
    expect(first).toEqual([
      'org:islamic state organization',
      expect.stringMatching(/^city:SY:aleppo place$/),
      expect.stringMatching(/^city:\w\w:westminster place$/),
      'none',
      'city:SY:al bab place',
    ]);
    expect(ask()).toEqual(first);
    // More distinct keys than the recent answers hold: they start afresh.
    for (let k = 0; k < 10_000; k++) lex.phrase(`xq ${k}`);
    expect(ask()).toEqual(first);
    expect(lex.knows(phraseKey('Aleppo'))).toBe(true);
    expect(lex.knows(phraseKey('Nowhere Xq'))).toBe(false);
  });

  it('knows the first words of its phrases the same from its recent answers, and after they are dropped', () => {
    const lex = new Lexicon();
    const ask = () => ['islamic', 'new', 'aleppo', 'xqzzy'].map((w) => lex.firstWords.get(w) ?? 1);
    const first = ask();
    expect(first.map((n) => n > 1)).toEqual([true, true, false, false]);
    expect(ask()).toEqual(first);
    for (let k = 0; k < 10_000; k++) lex.firstWords.get(`xq${k}`);
    expect(ask()).toEqual(first);
  });

  it('reads common words and their inflections, not first names, the same when asked again', () => {
    const lex = new Lexicon();
    const words = ['forces', 'said', 'running', 'jared', 'james', 'xqzzy'];
    const first = words.map((w) => lex.isWord(w));
    expect(first).toEqual([true, true, true, false, false, false]);
    expect(words.map((w) => lex.isWord(w))).toEqual(first);
  });
});
