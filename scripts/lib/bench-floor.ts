/**
 * bench:page's floor: what the article's budget is judged against. Each floor is the test build with its
 * content script replaced by a short script of scripts/bench-floor/ (the background, manifest and CSS
 * stay), so a floor adds to the article what that script does and nothing of Backstory's content script.
 */
import { buildSync } from 'esbuild';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The floors' scripts. */
export const FLOOR_DIR = join(import.meta.dirname, '../bench-floor');

export interface Floor {
  id: 'empty' | 'walk' | 'scope';
  /** The script, under scripts/bench-floor/: plain JS, or TypeScript bundled with what it imports. */
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
  {
    id: 'scope',
    file: 'scope-look-send-draw.ts',
    what: "Backstory's own scope, block walk and live-blog first look, then one names:detect message and the mentions drawn, with no session, names index or observers",
    draws: true,
  },
];

/** A floor's script as the browser runs it: TypeScript bundled with what it imports and minified, as the build's script is. */
export function floorScript(floor: Floor): string {
  const file = join(FLOOR_DIR, floor.file);
  if (!file.endsWith('.ts')) return readFileSync(file, 'utf8');
  const out = buildSync({ entryPoints: [file], bundle: true, format: 'iife', minify: true, write: false });
  return out.outputFiles[0].text;
}

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
  writeFileSync(join(into, script), floorScript(floor));
  return into;
}
