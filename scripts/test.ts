/**
 * `npm test`: every test, the real-browser ones included. Installs a missing browser when it can (root
 * with apt-get), else stops with one line saying how to get it. Steps stop at the first failure.
 */
import { spawnSync } from 'node:child_process';
import { ensureBrowsers } from './lib/browsers';

const steps: Array<[string, string[]]> = [
  ['Type check', ['tsc', '--noEmit']],
  ['Unit tests', ['vitest', 'run', '--project', 'unit']],
  ['Production builds (Chrome MV3, Firefox MV3)', ['wxt', 'build']],
  ['', ['wxt', 'build', '-b', 'firefox']],
  ['web-ext lint (Firefox build)', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--no-config-discovery']],
  ['Real-browser tests (Chromium, Firefox ESR)', ['vitest', 'run', '--project', 'e2e']],
];

const started = Date.now();
if (!ensureBrowsers(['chromium', 'firefox'])) process.exit(1);
for (const [title, [cmd, ...args]] of steps) {
  if (title) console.log(`\n▶ ${title}`);
  const r = spawnSync('npx', ['--no-install', cmd, ...args], { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } });
  if (r.status !== 0) {
    console.error(`\n✖ ${title || cmd} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\n✔ All tests passed in ${Math.round((Date.now() - started) / 1000)} s.`);
