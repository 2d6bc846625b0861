/**
 * The card layers' contract: every layer in the list is one folder with a fetcher (what it fetches in the
 * background), a view (how the card renders it) and a test; no folder is left out of the list; views run
 * in the content script and so import no knowledge internals, and fetchers run in the background and so
 * import no UI.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FETCHERS } from '../../src/layers/fetchers';
import { LAYERS } from '../../src/layers/list';
import { VIEWS } from '../../src/layers/views';

const ROOT = join(import.meta.dirname, '../..');
const LAYER_DIR = join(ROOT, 'src/layers');

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1],
  );

/** Imports a layer's part must not have (the test below shows the check can fail). */
function wrongImports(kind: 'view' | 'fetch', imports: string[]): string[] {
  return imports.filter((p) =>
    kind === 'view'
      ? /\/knowledge\/(?!public$|types$)/.test(p) || /\/(background|page)\//.test(p) || /fetch/.test(p)
      : /^preact|\/ui\/|view/.test(p),
  );
}

describe('card layers', () => {
  it('every layer in the list has a fetcher, a view and a test, in the list’s order', () => {
    expect(FETCHERS.map((f) => f.id)).toEqual([...LAYERS]);
    expect(VIEWS.map((v) => v.id)).toEqual([...LAYERS]);
    for (const id of LAYERS) {
      const fetcher = FETCHERS.find((f) => f.id === id)!;
      expect(typeof fetcher.fetch, id).toBe('function');
      expect(fetcher.fetches.length, `${id}: says what it fetches`).toBeGreaterThan(10);
      expect(typeof VIEWS.find((v) => v.id === id)!.render, id).toBe('function');
      const tests = ['ts', 'tsx'].map((e) => join(ROOT, `tests/layers/${id}.test.${e}`));
      expect(tests.some(existsSync), `tests/layers/${id}.test.ts(x)`).toBe(true);
    }
  });

  it('every layer folder is in the list', () => {
    const folders = readdirSync(LAYER_DIR).filter((n) => statSync(join(LAYER_DIR, n)).isDirectory());
    expect(folders.sort()).toEqual([...LAYERS].sort());
  });

  it('views import no knowledge internals, fetchers no UI', () => {
    expect(wrongImports('view', ['../../knowledge/places', '../../knowledge/public'])).toEqual([
      '../../knowledge/places',
    ]);
    expect(wrongImports('fetch', ['preact', '../../knowledge/map'])).toEqual(['preact']);
    for (const id of LAYERS) {
      expect(wrongImports('view', importsOf(join(LAYER_DIR, id, 'view.tsx'))), `${id}/view.tsx`).toEqual([]);
      expect(wrongImports('fetch', importsOf(join(LAYER_DIR, id, 'fetch.ts'))), `${id}/fetch.ts`).toEqual([]);
    }
    // The card and the background reach the layers through their registries only.
    expect(importsOf(join(ROOT, 'src/ui/Card.tsx')).filter((p) => /fetch/.test(p))).toEqual([]);
    expect(importsOf(join(ROOT, 'src/knowledge/lookup.ts')).filter((p) => /view/.test(p))).toEqual([]);
  });
});
