/**
 * The toolbar and store icons, rasterised from assets/icon.svg (on) and assets/icon-off.svg (off) at build
 * time: wxt.config.ts hands the PNGs to WXT as public files, so no PNG is drawn or committed by hand.
 * Output paths: src/manifest.ts iconPath().
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { ICON_SIZES, iconPath, type IconState } from '../../src/manifest';

const SOURCES: Record<IconState, string> = { on: 'assets/icon.svg', off: 'assets/icon-off.svg' };

/** The 128 px icon is the store's and the extensions page's: Chrome's guidelines want the artwork in its
 * middle 96 px with 16 px of transparent margin. The toolbar sizes use their whole square. */
const MARGIN: Partial<Record<number, number>> = { 128: 16 };

export function renderIcon(svg: string | Buffer, size: number): Buffer {
  const margin = MARGIN[size] ?? 0;
  const source = margin ? withMargin(svg.toString(), margin / (size - 2 * margin)) : svg;
  return new Resvg(source, { fitTo: { mode: 'width', value: size }, shapeRendering: 2 }).render().asPng();
}

/** Widens the SVG's viewBox by `ratio` of its width on every side. */
function withMargin(svg: string, ratio: number): string {
  const m = /viewBox="([\d.\s-]+)"/.exec(svg);
  if (!m) throw new Error('icons: the SVG needs a viewBox');
  const [x, y, w, h] = m[1].trim().split(/\s+/).map(Number);
  const d = w * ratio;
  return svg.replace(m[0], `viewBox="${x - d} ${y - d} ${w + 2 * d} ${h + 2 * d}"`);
}

/** Renders every icon into `dir` and returns each file with the path it takes in the extension. */
export function rasteriseIcons(
  root: string,
  dir: string,
): Array<{ absoluteSrc: string; relativeDest: string }> {
  const files: Array<{ absoluteSrc: string; relativeDest: string }> = [];
  for (const state of ['on', 'off'] as const) {
    const svg = readFileSync(resolve(root, SOURCES[state]));
    for (const size of ICON_SIZES) {
      const relativeDest = iconPath(state, size);
      const absoluteSrc = join(dir, relativeDest);
      mkdirSync(join(absoluteSrc, '..'), { recursive: true });
      writeFileSync(absoluteSrc, renderIcon(svg, size));
      files.push({ absoluteSrc, relativeDest });
    }
  }
  return files;
}
