import { describe, expect, it } from 'vitest';
import { bearing, compass, distanceKm, relationPhrase, roundKm } from '../../src/knowledge/geo';

const aleppo = { name: 'Aleppo', lat: 36.201, lon: 37.161 };
const alBab = { lat: 36.371, lon: 37.516 };

describe('distance and direction', () => {
  it('measures great-circle distances', () => {
    expect(distanceKm(aleppo, alBab)).toBeGreaterThan(36);
    expect(distanceKm(aleppo, alBab)).toBeLessThan(38);
    // Damascus → Ankara, about 780 km by air.
    expect(Math.round(distanceKm({ lat: 33.51, lon: 36.29 }, { lat: 39.92, lon: 32.85 }) / 10)).toBe(78);
  });

  it('names eight compass points', () => {
    expect([0, 44, 46, 90, 135, 180, 225, 270, 315, 359].map(compass)).toEqual([
      'north',
      'north-east',
      'north-east',
      'east',
      'south-east',
      'south',
      'south-west',
      'west',
      'north-west',
      'north',
    ]);
    expect(compass(bearing(aleppo, alBab))).toBe('north-east');
    expect(compass(bearing(alBab, aleppo))).toBe('south-west');
  });

  it('rounds as people say distances', () => {
    expect([0.4, 7.4, 12, 37, 344, 1000, 1873].map(roundKm)).toEqual([1, 7, 10, 40, 340, 1000, 1850]);
  });

  it('phrases a town relative to another place', () => {
    expect(relationPhrase(alBab, aleppo).phrase).toBe('about 40 km north-east of Aleppo');
    expect(relationPhrase({ lat: 36.202, lon: 37.162 }, aleppo).phrase).toBe('next to Aleppo');
  });
});
