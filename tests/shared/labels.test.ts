/** Map labels: none overlaps another or a dot, none leaves the map; the first points are served first. */
import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../src/shared/labels';

const size = { width: 300, height: 120 };
const overlap = (a: { x0: number; y0: number; x1: number; y1: number }, b: typeof a) =>
  a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('placeLabels', () => {
  it('keeps close neighbours apart (al-Bab and Idlib, a few px from each other)', () => {
    const points = [
      { x: 150, y: 60, text: 'Idlib' },
      { x: 156, y: 63, text: 'al-Bab' },
      { x: 148, y: 66, text: 'Aleppo' },
    ];
    const placed = placeLabels(points, size);
    expect(placed.length).toBeGreaterThanOrEqual(2);
    for (const a of placed) for (const b of placed) if (a !== b) expect(overlap(a.box, b.box)).toBe(false);
    for (const l of placed) {
      expect(l.box.x0).toBeGreaterThanOrEqual(0);
      expect(l.box.x1).toBeLessThanOrEqual(size.width);
      for (const p of points)
        expect(overlap(l.box, { x0: p.x - 4, y0: p.y - 4, x1: p.x + 4, y1: p.y + 4 })).toBe(false);
    }
  });

  it('puts a label left of a dot at the right edge', () => {
    const [l] = placeLabels([{ x: 295, y: 60, text: 'Damascus' }], size);
    expect(l.anchor).toBe('end');
  });

  it('gives up on a label with no room rather than overlap, first points first', () => {
    const crowd = Array.from({ length: 40 }, (_, i) => ({
      x: 150 + (i % 4),
      y: 60 + (i % 3),
      text: `Town ${i}`,
    }));
    const placed = placeLabels(crowd, size);
    expect(placed.length).toBeLessThan(crowd.length);
    expect(placed[0].index).toBe(0);
  });
});

describe('placeLabels around a marker', () => {
  it('labels no text-less point, and keeps the others clear of it', () => {
    const marker = { x: 150, y: 60, text: '', r: 5 };
    const placed = placeLabels([marker, { x: 160, y: 60, text: 'Idlib' }], size);
    expect(placed.map((l) => l.index)).toEqual([1]);
    expect(overlap(placed[0].box, { x0: 144, y0: 54, x1: 156, y1: 66 })).toBe(false);
  });
});
