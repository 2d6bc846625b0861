/** Every command a README tells the reader to run exists. */
import { describe, expect, it } from 'vitest';
import { filesUnder, read } from './helpers';

const scripts = Object.keys(
  (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts,
);
const READMES = filesUnder('.', (p) => /(^|\/)README\.md$/.test(p) && !p.includes('/tests/fixtures/'));

/** `npm run X`, `npm run --silent X` and `npm test` in code spans and code blocks alike. */
function commands(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\bnpm (?:run(?: --silent| -s)? ([\w:.-]+)|(test)\b)/g))
    found.add(m[1] ?? m[2]);
  return [...found];
}

describe('README commands', () => {
  it('the READMEs are found', () => {
    expect(READMES).toContain('README.md');
  });

  it.each(READMES)('every npm command in %s is a package.json script', (path) => {
    const named = commands(read(path));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((c) => !scripts.includes(c))).toEqual([]);
  });

  it('reads both forms', () => {
    expect(
      commands('`npm run --silent detect -- a.html` and\n```sh\nnpm ci && npm test\nnpm run eval:pages\n```'),
    ).toEqual(['detect', 'test', 'eval:pages']);
  });
});
