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

  it('reads common words and their inflections, not first names, the same when asked again', () => {
    const lex = new Lexicon();
    const words = ['forces', 'said', 'running', 'jared', 'james', 'xqzzy'];
    const first = words.map((w) => lex.isWord(w));
    expect(first).toEqual([true, true, true, false, false, false]);
    expect(words.map((w) => lex.isWord(w))).toEqual(first);
  });
});
