import { describe, expect, it } from 'vitest';
import { nameInCompound } from '../../src/detect/rules/hyphens';
import { names } from './helpers';

describe('hyphenated compounds', () => {
  it('finds the name inside a compound', () => {
    expect(nameInCompound('ISIS-held')).toEqual({ start: 0, end: 4 });
    expect(nameInCompound('pro-Assad')).toEqual({ start: 4, end: 9 });
    expect(nameInCompound('anti-Trump')).toEqual({ start: 5, end: 10 });
  });

  it('keeps names that are hyphenated whole', () => {
    expect(nameInCompound('al-Bab')).toBeNull();
    expect(nameInCompound('Jean-Marc')).toBeNull();
    expect(nameInCompound('As-Safir')).toBeNull();
  });

  it('detects the name and not the compound', () => {
    expect(names('Rebels took ISIS-held territory near the town of al-Bab.')).toEqual(['ISIS/organization', 'al-Bab/place']);
    expect(names('A pro-Assad newspaper reported on Jean-Marc Ayrault.')).toEqual(['Assad/person', 'Jean-Marc Ayrault/person']);
  });

  it('keeps every assimilated Arabic article inside the name it opens', () => {
    expect(names('Regime forces advanced near Deir ez-Zor on Monday.')).toEqual(['Deir ez-Zor/place']);
    expect(names('Sheikh Tamim bin Hamad ath-Thani met officials.')).toEqual(['Tamim bin Hamad ath-Thani/person']);
  });
});
