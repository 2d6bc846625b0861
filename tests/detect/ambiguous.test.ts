import { describe, expect, it } from 'vitest';
import { names, page } from './helpers';

describe('ambiguous words', () => {
  it('stay quiet without context', () => {
    expect(names('Power was cut across the city.')).toEqual([]);
    expect(names('The vote is due in May.')).toEqual([]);
    expect(names('Harem and Bab were words in the poem.')).toEqual([]);
  });

  it('speak when the page names the person in full', () => {
    const p = page(['US Ambassador Samantha Power criticised Russia.', 'Power said the veto was shameful.']);
    expect(p.mentions.map((m) => `${m.text}/${m.kind}`)).toContain('Power/person');
    expect(p.keyOf('Power')).toBe(p.keyOf('Samantha Power'));
    expect(names('Prime Minister Theresa May resigned.')).toEqual(['Theresa May/person']);
  });

  it('speak when a place preposition and the gazetteer agree', () => {
    expect(names('Reading is a pleasure.')).toEqual([]);
    expect(names('The train stopped in Reading on Sunday.')).toEqual(['Reading/place']);
    expect(names('Mobile phones were cut off.')).toEqual([]);
    expect(names('Flooding was reported in Mobile on Sunday.')).toEqual(['Mobile/place']);
    expect(names('Rebels took al-Bab.')).toEqual(['al-Bab/place']);
  });
});
