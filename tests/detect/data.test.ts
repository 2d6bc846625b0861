import { describe, expect, it } from 'vitest';
import { buildHashSet, HashSet } from '../../src/detect/hashset';
import { lexicon } from '../../src/detect/lexicon';
import { stems } from '../../src/detect/text';

describe('data structures', () => {
  it('a compact hash set holds its words and rejects others at its error rate', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i}`);
    const data = buildHashSet(words, 8);
    const set = new HashSet(data);
    expect(words.every((w) => set.has(w))).toBe(true);
    // 2^-8 ≈ 0.4% of other words are taken for members: about 20 of 5,000.
    const false_ = Array.from({ length: 5000 }, (_, i) => `other${i}`).filter((w) => set.has(w)).length;
    expect(false_).toBeLessThan(45);
    // About bits + 1.6 bits a word.
    expect((atob(data.data).length * 8) / words.length).toBeLessThan(10);
  });

  it('stems only by the endings the word list dropped', () => {
    expect(stems('rebels')).toContain('rebel');
    expect(stems('world')).toEqual([]);
  });

  it('the shipped lexicon knows common words, first names, countries and cities', () => {
    const lex = lexicon();
    expect(lex.isWord('residents')).toBe(true);
    expect(lex.isWord('ayrault')).toBe(false);
    expect(lex.firstNames.has('samantha')).toBe(true);
    // ... of many origins, not only English ones.
    expect(['donald', 'kamala', 'volodymyr', 'recep'].every((n) => lex.firstNames.has(n))).toBe(true);
    // A first name is no inflected common word ("Jared" is not "jar" + "ed").
    expect(lex.isWord('jared')).toBe(false);
    expect(lex.isWord('visited')).toBe(true);
    expect(lex.phrase('syria')?.subkind).toBe('country');
    expect(lex.phrase('aleppo')?.geo?.country).toBe('SY');
    // Countries that no longer exist are curated: the datasets list only today's.
    expect(lex.phrase('ussr')?.key).toBe(lex.phrase('soviet union')?.key);
    // A demonym is no alternative name of its country ("Saudi officials").
    expect(lex.phrase('saudi')).toBeUndefined();
    expect(lex.phrase('saudi arabia')?.subkind).toBe('country');
    // A small city yields its name to a larger country's region; a big one keeps it.
    expect(lex.phrase('virginia')?.key).toBe('region:US:virginia');
    expect(lex.phrase('bari')?.key).toBe('city:IT:bari');
    // Regions by their English names, not only the local ones.
    expect(
      ['bavaria', 'catalonia', 'sicily', 'brittany', 'piedmont'].map((k) => lex.phrase(k)?.subkind),
    ).toEqual(['region', 'region', 'region', 'region', 'region']);
    // ... but no common word left after dropping "Region".
    expect(lex.phrase('north')).toBeUndefined();
  });
});
