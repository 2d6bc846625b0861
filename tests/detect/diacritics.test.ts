import { describe, expect, it } from 'vitest';
import { fold, phraseKey } from '../../src/detect/text';
import { names } from './helpers';

describe('diacritics', () => {
  it('folds diacritics for lookups', () => {
    expect(fold('Kahramanmaraş')).toBe('kahramanmaras');
    expect(fold('Yıldırım')).toBe('yildirim');
    expect(fold('Lenarčič')).toBe('lenarcic');
  });

  it('glues every Arabic article the knowledge cache strips, spaced or hyphenated', () => {
    expect(phraseKey('Wadi adh Dhahab')).toBe(phraseKey('Wadi adh-Dhahab'));
    expect(phraseKey('Deir ez Zor')).toBe('deir ez-zor');
  });

  it('keeps names with diacritics whole', () => {
    expect(names('Rescue teams reached Kahramanmaraş overnight.')).toEqual(['Kahramanmaraş/place']);
    expect(names('EU crisis commissioner Janez Lenarčič visited the camp.')).toContain(
      'Janez Lenarčič/person',
    );
    expect(names('Binali Yıldırım spoke.')).toEqual(['Binali Yıldırım/person']);
  });

  it('finds a place spelled without its diacritics', () => {
    expect(names('Aid reached Kahramanmaras on Tuesday.')).toEqual(['Kahramanmaras/place']);
    // ... or as English news spells it.
    expect(names('Strikes hit tunnels in Khan Younis.')).toEqual(['Khan Younis/place']);
  });
});
