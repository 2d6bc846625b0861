import { describe, expect, it } from 'vitest';
import { nameInCompound } from '../../src/detect/rules/hyphens';
import { names } from './helpers';

/** Enough of the word list for these cases. */
const WORDS = new Set(['held', 'led', 'backed']);
const isWord = (w: string) => WORDS.has(w);

describe('hyphenated compounds', () => {
  it('finds the name inside a compound', () => {
    expect(nameInCompound('ISIS-held', isWord)).toEqual({ start: 0, end: 4 });
    expect(nameInCompound('pro-Assad', isWord)).toEqual({ start: 4, end: 9 });
    expect(nameInCompound('anti-Trump', isWord)).toEqual({ start: 5, end: 10 });
  });

  it('keeps names that are hyphenated whole', () => {
    expect(nameInCompound('al-Bab', isWord)).toBeNull();
    expect(nameInCompound('Jean-Marc', isWord)).toBeNull();
    expect(nameInCompound('As-Safir', isWord)).toBeNull();
  });

  it('detects the name and not the compound', () => {
    expect(names('Rebels took ISIS-held territory near the town of al-Bab.')).toEqual([
      'ISIS/organization',
      'al-Bab/place',
    ]);
    expect(names('A pro-Assad newspaper reported on Jean-Marc Ayrault.')).toEqual([
      'Assad/person',
      'Jean-Marc Ayrault/person',
    ]);
  });

  it('keeps the lower-case syllables of a Korean given name, not an English word after a name', () => {
    expect(nameInCompound('Jong-un', isWord)).toBeNull();
    expect(nameInCompound('Moo-hyun', isWord)).toBeNull();
    expect(names('North Korean leader Kim Jong-un met Roh Moo-hyun in Pyongyang.')).toEqual([
      'Kim Jong-un/person',
      'Roh Moo-hyun/person',
      'Pyongyang/place',
    ]);
    expect(names('Rebels seized Russian-backed positions and ISIS-led cells.')).toEqual([
      'ISIS/organization',
    ]);
  });

  it('keeps every assimilated Arabic article inside the name it opens', () => {
    expect(names('Regime forces advanced near Deir ez-Zor on Monday.')).toEqual(['Deir ez-Zor/place']);
    expect(names('Sheikh Tamim bin Hamad ath-Thani met officials.')).toEqual([
      'Tamim bin Hamad ath-Thani/person',
    ]);
  });
});
