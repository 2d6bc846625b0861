/** The story map: fitted to the places, far-away ones named instead of shrinking the map to the globe. */
import { describe, expect, it } from 'vitest';
import { renderStoryMap } from '../../src/knowledge/story-map';

const SYRIA = [
  { key: 'city:SY:aleppo', lat: 36.2, lon: 37.16 },
  { key: 'city:SY:damascus', lat: 33.51, lon: 36.29 },
  { key: 'city:TR:ankara', lat: 39.93, lon: 32.86 },
];

describe('renderStoryMap', () => {
  it('puts every place of one region inside the map, with land drawn', () => {
    const map = renderStoryMap({ places: SYRIA, width: 320, height: 220 });
    expect(map.points.map((p) => p.key).sort()).toEqual(SYRIA.map((p) => p.key).sort());
    for (const p of map.points) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(320);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(220);
    }
    expect(map.land.length).toBeGreaterThan(100);
    expect(map.off).toEqual([]);
  });

  it('names a place on the other side of the globe instead of drawing it', () => {
    const map = renderStoryMap({
      places: [...SYRIA, { key: 'city:NZ:auckland', lat: -36.85, lon: 174.76 }],
      width: 320,
      height: 220,
    });
    expect(map.off).toEqual(['city:NZ:auckland']);
    expect(map.points).toHaveLength(3);
  });

  it('shows a single town with its region around it, not a point filling the map', () => {
    const map = renderStoryMap({ places: [SYRIA[0]], width: 320, height: 220 });
    expect(map.points[0]).toEqual({ key: 'city:SY:aleppo', x: 160, y: 110 });
    expect(map.land.length).toBeGreaterThan(100);
  });
});
