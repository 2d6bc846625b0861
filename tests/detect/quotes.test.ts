import { describe, expect, it } from 'vitest';
import { quotedTitles } from '../../src/detect/rules/quotes';
import { lexicon } from '../../src/detect/lexicon';
import { tokenize } from '../../src/detect/tokenize';
import { names } from './helpers';

describe('quoted titles', () => {
  it('finds no mention inside a quoted title of a work', () => {
    expect(names('The band recorded "Anarchy in Tokyo" while touring Japan.')).toEqual(['Japan/place']);
    expect(names('Their single “Time to Wake Up” reached number one.')).toEqual([]);
  });

  it('still reads names in quoted speech and a known name in scare quotes', () => {
    expect(names('"We will retake Kharkiv and Kherson," Zelensky said.')).toEqual([
      'Kharkiv/place',
      'Kherson/place',
      'Zelensky/person',
    ]);
    expect(names('Fighters of the so-called "Islamic State" fled.')).toEqual(['Islamic State/organization']);
  });

  it('spans only Title Case phrases of two to ten words', () => {
    const text = 'He sang "Live In Memphis", then "Go", then "we love Paris" and \'Miss Murder\'.';
    const spans = quotedTitles(text, tokenize(text, lexicon())).map(([a, b]) => text.slice(a + 1, b));
    expect(spans).toEqual(['Live In Memphis', 'Miss Murder']);
  });
});
