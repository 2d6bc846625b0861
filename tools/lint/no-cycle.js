/**
 * `backstory/no-cycle`: no import cycle among the project's own modules, type-only imports included.
 * (eslint-plugin-import-x's no-cycle skips `import type`, and a type-only cycle is still two modules that
 * cannot be understood one without the other.) The graph is read with TypeScript's `preProcessFile`, which
 * lists every import, export-from and `import()` of a file without building a program; relative imports
 * only, as the project uses no path aliases.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs', '/index.ts', '/index.tsx'];

/** Absolute file → its relative imports resolved to files, with the position of each import. */
const graph = new Map();

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e)]) {
    if (/\.(m?[jt]sx?)$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile())
      return candidate;
  }
  return null;
}

function importsOf(file, text) {
  if (text === undefined && graph.has(file)) return graph.get(file);
  const source = text ?? fs.readFileSync(file, 'utf8');
  const out = [];
  for (const ref of ts.preProcessFile(source, true, true).importedFiles) {
    const to = resolveImport(file, ref.fileName);
    if (to) out.push({ to, pos: ref.pos, spec: ref.fileName });
  }
  if (text === undefined) graph.set(file, out);
  return out;
}

/** A path of files from `start` back to `target`, or null. */
function pathBack(start, target, seen) {
  if (start === target) return [target];
  if (seen.has(start)) return null;
  seen.add(start);
  for (const { to } of importsOf(start)) {
    const rest = pathBack(to, target, seen);
    if (rest) return [start, ...rest];
  }
  return null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycle among local modules, type-only imports included.' },
    messages: { cycle: 'Import cycle: {{path}}.' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const text = context.sourceCode.text;
    return {
      'Program:exit'() {
        // The linted file's own text (it may differ from the disk's); the others are read once per run.
        graph.delete(file);
        const imports = importsOf(file, text);
        const reported = new Set();
        for (const { to, pos, spec } of imports) {
          if (reported.has(spec)) continue;
          const back = pathBack(to, file, new Set());
          if (!back) continue;
          reported.add(spec);
          const cwd = context.cwd;
          const names = [file, ...back].map((f) => path.relative(cwd, f));
          context.report({
            loc: context.sourceCode.getLocFromIndex(pos),
            messageId: 'cycle',
            data: { path: names.join(' → ') },
          });
        }
      },
    };
  },
};
