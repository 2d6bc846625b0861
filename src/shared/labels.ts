/**
 * Label placement for small maps (the card's locator map, the story panel's map): each label takes the
 * first of eight spots around its dot that stays inside the map and clear of every label placed before it
 * and of every dot; a label that finds no spot is left out (its dot keeps its name for hover and screen
 * readers). Points are taken in the caller's order, so the most important go first; a point with no text is
 * an obstacle only.
 */
export interface LabelPoint {
  x: number;
  y: number;
  text: string;
  /** The dot's radius, so no label covers it. */
  r?: number;
}

export interface PlacedLabel {
  /** Index into the input. */
  index: number;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /** The label's box, for tests and hit areas. */
  box: Box;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Width of a label in px at `fontPx`: an estimate good enough to keep boxes apart (average glyph ~0.56 em). */
export const labelWidth = (text: string, fontPx: number) => Math.ceil(text.length * fontPx * 0.56) + 2;

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export function placeLabels(
  points: readonly LabelPoint[],
  size: { width: number; height: number },
  fontPx = 11,
): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const dots: Box[] = points.map((p) => {
    const r = (p.r ?? 3) + 1;
    return { x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r };
  });
  const h = fontPx + 2;
  points.forEach((p, index) => {
    // A point without text is only something to keep clear of (the locator map's marker).
    if (!p.text) return;
    const w = labelWidth(p.text, fontPx);
    const gap = (p.r ?? 3) + 3;
    // Baseline positions: right, left, above, below, then the four diagonals.
    const spots: Array<[number, number, PlacedLabel['anchor']]> = [
      [p.x + gap, p.y + fontPx / 3, 'start'],
      [p.x - gap, p.y + fontPx / 3, 'end'],
      [p.x, p.y - gap, 'middle'],
      [p.x, p.y + gap + fontPx - 2, 'middle'],
      [p.x + gap - 2, p.y - gap + 1, 'start'],
      [p.x - gap + 2, p.y - gap + 1, 'end'],
      [p.x + gap - 2, p.y + gap + fontPx - 3, 'start'],
      [p.x - gap + 2, p.y + gap + fontPx - 3, 'end'],
    ];
    for (const [x, y, anchor] of spots) {
      const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
      const box = { x0, y0: y - fontPx, x1: x0 + w, y1: y - fontPx + h };
      if (box.x0 < 0 || box.y0 < 0 || box.x1 > size.width || box.y1 > size.height) continue;
      if (placed.some((l) => overlaps(l.box, box))) continue;
      if (dots.some((d) => overlaps(d, box))) continue;
      placed.push({ index, x, y, anchor, box });
      return;
    }
  });
  return placed;
}
