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

export function renderIcon(svg: string | Buffer, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, shapeRendering: 2 }).render().asPng();
}

/** Renders every icon into `dir` and returns each file with the path it takes in the extension. */
export function rasteriseIcons(root: string, dir: string): Array<{ absoluteSrc: string; relativeDest: string }> {
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
