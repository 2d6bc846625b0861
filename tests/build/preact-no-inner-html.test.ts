/** The build leaves Preact's one innerHTML write (dangerouslySetInnerHTML) out, and fails if it cannot. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { stripInnerHTML } from '../../scripts/lib/preact-no-inner-html';

const preact = readFileSync(
  createRequire(import.meta.url)
    .resolve('preact')
    .replace(/[^/\\]+$/, 'preact.mjs'),
  'utf8',
);

describe('stripInnerHTML', () => {
  it('removes the only innerHTML assignment from the Preact build we ship', () => {
    expect(preact).toMatch(/\.innerHTML=\w+\.__html/);
    const out = stripInnerHTML(preact);
    expect(out).not.toMatch(/\.innerHTML\s*=[^=]/);
    expect(out).toContain('dangerouslySetInnerHTML is not supported');
    // Only that expression changed.
    expect(out.length - preact.length).toBeLessThan(120);
  });

  it('fails the build when Preact no longer has the expected line', () => {
    expect(() => stripInnerHTML('export const x = 1;')).toThrow(/found 0/);
  });
});
