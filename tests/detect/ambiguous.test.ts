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

  it('speak inside a longer name when the words around say what it is', () => {
    expect(names('They played their home games in Bowling Green, Ohio.')).toEqual([
      'Bowling Green/place',
      'Ohio/place',
    ]);
    expect(names('He wore Bowling Green shoes.')).toEqual([]);
  });

  it('a region abroad that is also a first name is no place in ordinary text ("Diana", Madagascar)', () => {
    expect(names('Harry said Diana had struggled too.')).toEqual([]);
    expect(names('He named the girl after Diana.')).toEqual([]);
    // ... while a title makes the person, and a region English news names alone stays a place.
    expect(names('He spoke of his mother, Princess Diana, on Sunday.')).toEqual(['Diana/person']);
    expect(names('In 1840 Queen Victoria married Albert.')).toContain('Victoria/person');
    expect(names('Storms hit Virginia and Alberta overnight.')).toEqual(['Virginia/place', 'Alberta/place']);
    const p = page(['Harry spoke of Princess Diana.', 'Diana had struggled, he said.']);
    expect(p.mentions.map((m) => `${m.text}/${m.kind}`)).toEqual(['Diana/person', 'Diana/person']);
  });
});
