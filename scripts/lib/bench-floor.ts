/**
 * bench:page's floor: what the article's budget is judged against. Each floor is the test build with its
 * content script replaced by a short script of scripts/bench-floor/ (the background, manifest and CSS
 * stay), so a floor adds to the article what that script does and nothing of Backstory's content script.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The floors' scripts. */
export const FLOOR_DIR = join(import.meta.dirname, '../bench-floor');

export interface Floor {
  id: 'empty' | 'walk';
  /** The script, under scripts/bench-floor/. */
  file: string;
  /** What its row says it is. */
  what: string;
  /** It underlines names: a load that ends with none drawn means the script no longer works. */
  draws: boolean;
}

export const FLOORS: readonly Floor[] = [
  { id: 'empty', file: 'empty.js', what: 'a content script that starts nothing', draws: false },
  {
    id: 'walk',
    file: 'walk-send-draw.js',
    what: 'a script that sends every text node in one names:detect message and draws the mentions, with no scope and no live-blog check',
    draws: true,
  },
];

/** The content script of a Chromium build, as its manifest names it (one script). */
export function contentScriptOf(buildDir: string): string {
  const manifest = JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: Array<{ js?: string[] }>;
  };
  const js = manifest.content_scripts?.flatMap((c) => c.js ?? []) ?? [];
  if (js.length !== 1)
    throw new Error(`${buildDir}: a floor replaces one content script, the manifest names ${js.length}`);
  return js[0];
}

/** A copy of `buildDir` in `into` whose content script is the floor's script. */
export function floorBuild(buildDir: string, floor: Floor, into: string): string {
  const script = contentScriptOf(buildDir);
  cpSync(buildDir, into, { recursive: true });
  writeFileSync(join(into, script), readFileSync(join(FLOOR_DIR, floor.file)));
  return into;
}
