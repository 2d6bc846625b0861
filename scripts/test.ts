/**
 * `npm test`: every test, the real-browser ones included. Installs a missing browser when it can (root
 * with apt-get), else stops with one line saying how to get it. Steps stop at the first failure.
 */
import { spawnSync } from 'node:child_process';
import { ensureBrowsers } from './lib/browsers';

// The package.json scripts, in order (with their arguments): one definition of each step.
const steps: Array<[string, string, ...string[]]> = [
  ['Type check', 'typecheck'],
  ['Format (Prettier)', 'format:check'],
  ['Lint (ESLint: recommended rules, layer boundaries, no import cycles)', 'lint'],
  ['Unit tests', 'test:unit'],
  ['Store builds (Chrome MV3, Firefox MV3)', 'build'],
  ['Test builds (the store builds plus local origins, for the real-browser tests)', 'build:test'],
  ['web-ext lint (the store Firefox build)', 'lint:firefox'],
  ['Detect command contract (../shared/checks/detect-contract.mjs)', 'check:detect'],
  ['Real-browser tests (Chromium, Firefox ESR)', 'test:e2e'],
  // Every group and budget of issue 11's hostile-page suite, on smaller pages and a shorter storm.
  ['Robustness checks, CI profile (on the test builds above)', 'check:robustness', '--ci', '--no-build'],
];

const started = Date.now();
if (!ensureBrowsers(['chromium', 'firefox', 'prompts'])) process.exit(1);
for (const [title, script, ...args] of steps) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
  });
  if (r.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\n✔ All tests passed in ${Math.round((Date.now() - started) / 1000)} s.`);
