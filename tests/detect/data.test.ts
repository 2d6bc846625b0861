import { describe, expect, it } from 'vitest';
import { Bloom, buildBloom } from '../../src/detect/bloom';
import { lexicon } from '../../src/detect/lexicon';
import { stems } from '../../src/detect/text';

describe('data structures', () => {
  it('a Bloom filter holds its words and rejects most others', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`);
    const bloom = new Bloom(buildBloom(words));
    expect(words.every((w) => bloom.has(w))).toBe(true);
    const false_ = Array.from({ length: 2000 }, (_, i) => `other${i}`).filter((w) => bloom.has(w)).length;
    expect(false_).toBeLessThan(40);
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
    expect(lex.phrase('syria')?.subkind).toBe('country');
    expect(lex.phrase('aleppo')?.geo?.country).toBe('SY');
  });
});
