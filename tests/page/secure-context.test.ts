/**
 * Meta-test: the content script runs on plain-http news sites, which are not secure contexts. APIs that
 * exist only in secure contexts are undefined there (calling `crypto.randomUUID` throws a TypeError and
 * stopped a whole page once), so none may appear in the code the content script is built from: every file
 * its entrypoint imports, and everything under src/page, src/detect, src/liveblog and src/ui.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secureOnlyUses } from './secure-only';

const REPO = resolve(__dirname, '../..');
const ENTRY = join(REPO, 'entrypoints/content/index.ts');
const DIRS = ['src/page', 'src/detect', 'src/liveblog', 'src/ui'];

/** Local files an import statement names, resolved like the bundler does for .ts/.tsx/index. */
function imports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of source.matchAll(
    /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\s+['"](\.[^'"]+)['"]/g,
  )) {
    const spec = (m[1] ?? m[2]).replace(/\?.*$/, '');
    const base = resolve(dirname(file), spec);
    const hit = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
      (p) => existsSync(p) && statSync(p).isFile(),
    );
    if (hit && /\.tsx?$/.test(hit)) out.push(hit);
  }
  return out;
}

function contentScriptFiles(): Set<string> {
  const seen = new Set<string>();
  const queue = [ENTRY];
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    queue.push(...imports(f));
  }
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) =>
      statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : /\.tsx?$/.test(n) ? [join(dir, n)] : [],
    );
  for (const d of DIRS) for (const f of walk(join(REPO, d))) seen.add(f);
  return seen;
}

describe('secure-context independence of the content script', () => {
  it('finds what it looks for (the check itself can fail)', () => {
    expect(secureOnlyUses('const visit = crypto.randomUUID();')).toEqual(['crypto.randomUUID']);
    expect(secureOnlyUses('await navigator.clipboard.writeText(x)')).toEqual(['navigator.clipboard']);
    expect(secureOnlyUses('// crypto.randomUUID throws on http pages\nconst id = randomId();')).toEqual([]);
  });

  it('reads the whole content script: the session, every feature, the detector, the card', () => {
    const files = [...contentScriptFiles()].map((f) => relative(REPO, f));
    for (const f of [
      'entrypoints/content/index.ts',
      'src/page/session.ts',
      'src/page/features/reading.ts',
      'src/page/features/cards.ts',
      'src/messaging/client.ts',
      'src/shared/settings.ts',
      'src/ui/Card.tsx',
    ]) {
      expect(files).toContain(f);
    }
  });

  it('uses no API that exists only in secure contexts', () => {
    const found = [...contentScriptFiles()].flatMap((f) =>
      secureOnlyUses(readFileSync(f, 'utf8')).map((api) => `${relative(REPO, f)}: ${api}`),
    );
    expect(found).toEqual([]);
  });
});
