/**
 * The detector's word lists live in src/detect/data/curated, and every list there is read: a list nobody
 * reads is a rule that silently went away, and a list written into the code is one nobody curates.
 */
import { basename, dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, read, ROOT } from './helpers';

const CURATED = 'src/detect/data/curated';
const curated = filesUnder(CURATED, (p) => p.endsWith('.json'));
/** The detector's code and the data build, which reads curated lists into the built data. */
const readers = [...filesUnder('src/detect', (p) => /\.ts$/.test(p)), 'scripts/build-data.ts'];

/** The names under which `path` imports each curated file: `import * as cues from '.../cues.json'`. */
function importNames(path: string): { file: string; name: string }[] {
  const text = read(path);
  return [...text.matchAll(/import\s+(?:\*\s+as\s+)?(\w+)\s+from\s+'(\.{1,2}\/[^']+\.json)'/g)].map((m) => ({
    name: m[1],
    file: resolve(dirname(resolve(ROOT, path)), m[2]).slice(ROOT.length + 1),
  }));
}

/** The keys of `file` some reader reads by the name it imported the file under (`cues.placeOf`). */
function readKeys(file: string): Set<string> {
  const keys = new Set<string>();
  for (const path of readers) {
    const text = read(path);
    for (const { name } of importNames(path).filter((i) => i.file === file))
      for (const m of text.matchAll(new RegExp(`\\b${name}\\.(\\w+)`, 'g'))) keys.add(m[1]);
  }
  return keys;
}

/** Word lists written into the code: a Set or an array of five or more quoted words. */
const INLINE_SET = /new Set(?:<[^>]*>)?\(\[\s*'/;
const INLINE_ARRAY = /\[\s*(?:'[\p{L}.'’ -]+',\s*){4,}'[\p{L}.'’ -]+',?\s*\]/u;

describe('curated word lists', () => {
  it('are found', () => {
    expect(curated.map((p) => basename(p))).toEqual(
      expect.arrayContaining(['cues.json', 'titles.json', 'words.json', 'entities.json']),
    );
  });

  it.each(curated)('every list of %s is read by the detector or the data build', (file) => {
    const data = JSON.parse(read(file)) as Record<string, unknown>;
    const read_ = readKeys(file);
    const unread = Object.keys(data).filter((key) => !/^_?about$/.test(key) && !read_.has(key));
    expect(unread).toEqual([]);
  });

  it.each(readers.filter((p) => p.startsWith('src/')))('%s writes no word list of its own', (path) => {
    const text = read(path);
    expect(INLINE_SET.exec(text)?.[0]).toBeUndefined();
    expect(INLINE_ARRAY.exec(text)?.[0]).toBeUndefined();
  });
});
