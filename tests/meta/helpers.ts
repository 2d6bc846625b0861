/** The repository's own files, read as text: what the meta-tests check the code against. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** Every file under `dir` (relative to the repository), as paths relative to the repository. */
export function filesUnder(dir: string, test: (path: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(abs, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (test(path)) out.push(relative(ROOT, path));
    }
  };
  walk(resolve(ROOT, dir));
  return out.sort();
}

export const read = (path: string): string => readFileSync(resolve(ROOT, path), 'utf8');

/** The quoted keys of `export interface NAME { ... }` in a file: a protocol's message kinds. */
export function interfaceKeys(path: string, name: string): string[] {
  const text = read(path);
  const start = text.indexOf(`export interface ${name} {`);
  if (start < 0) throw new Error(`${name} not found in ${path}`);
  const end = text.indexOf('\n}', start);
  return [...text.slice(start, end).matchAll(/^ {2}'([^']+)':/gm)].map((m) => m[1]);
}
