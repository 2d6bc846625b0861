/** Every curated list is read by some code: a list nobody reads is a rule that silently went away. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const curated = join(root, 'src/detect/data/curated');
const readers = [
  ...readdirSync(join(root, 'src/detect'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `src/detect/${f}`),
  ...readdirSync(join(root, 'src/detect/rules')).map((f) => `src/detect/rules/${f}`),
  'scripts/build-data.ts',
].map((f) => readFileSync(join(root, f), 'utf8'));

describe('curated data', () => {
  for (const file of readdirSync(curated).filter((f) => f.endsWith('.json'))) {
    it(`reads every list of ${file}`, () => {
      const data = JSON.parse(readFileSync(join(curated, file), 'utf8')) as Record<string, unknown>;
      const unread = Object.keys(data).filter(
        (key) => !/^_?about$/.test(key) && !readers.some((src) => src.includes(`.${key}`)),
      );
      expect(unread).toEqual([]);
    });
  }
});
