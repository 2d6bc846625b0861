/**
 * Every data file the extension carries is read by it: curated lists and packs, built data. A file that
 * nothing imports is dead weight or, worse, a list someone edits to no effect. (The detector's own lists,
 * src/detect/data, are checked list by list in curated.test.ts.)
 */
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, read, ROOT } from './helpers';

const code = filesUnder('src', (p) => /\.tsx?$/.test(p));
const testCode = filesUnder('tests', (p) => /\.tsx?$/.test(p));
const data = filesUnder('src', (p) => p.endsWith('.json')).filter((p) => !p.startsWith('src/detect/data/'));

/** The files a module imports by a relative path ending in .json (with or without `?raw`). */
function jsonImports(path: string): string[] {
  return [...read(path).matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^'?]+\.json)(?:\?[^']*)?'/g)].map((m) =>
    resolve(dirname(resolve(ROOT, path)), m[1]).slice(ROOT.length + 1),
  );
}

const imported = new Set(code.flatMap(jsonImports));
/** Curated inputs of a data build (scripts/build-*.ts): read by the build, which writes what the extension imports. */
const buildScripts = filesUnder('scripts', (p) => /\/scripts\/build-[^/]+\.ts$/.test(p));
const byBuilds = new Set(
  buildScripts.flatMap((p) => {
    const text = read(p);
    return data.filter((d) => text.includes(d.split('/').slice(-2).join('/')));
  }),
);
/** A JSON schema is read by the test that holds the data to it, not by the extension. */
const byTests = new Set(testCode.flatMap(jsonImports));

describe('data files', () => {
  it('are found', () => {
    expect(data).toContain('src/shared/publishers.json');
  });

  it.each(data.filter((p) => !p.endsWith('/schema.json')))(
    '%s is imported by the extension or read by a data build',
    (path) => {
      expect(imported.has(path) || byBuilds.has(path)).toBe(true);
    },
  );

  it.each(data.filter((p) => p.endsWith('/schema.json')))('%s is used by a test', (path) => {
    expect(byTests.has(path)).toBe(true);
  });
});
