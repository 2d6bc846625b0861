import { describe, expect, it } from 'vitest';
import { names } from './helpers';

describe('words that open a place', () => {
  it('reads a racing circuit as a place, its first word too at a sentence start', () => {
    expect(names('Circuit Park Zandvoort hosts the race on Sunday.')).toEqual([
      'Circuit Park Zandvoort/place',
    ]);
    expect(names('Verstappen won at the Circuit Paul Ricard.')).toContain('Circuit Paul Ricard/place');
    // A title after the word is no place.
    expect(names('A Circuit Judge ruled on Monday.')).toEqual([]);
  });
});
