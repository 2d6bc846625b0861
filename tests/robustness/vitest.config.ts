/**
 * The real-browser half of `npm run check:robustness` (scripts/check-robustness.ts): hostile pages, a
 * fuzz sample, data loss and the message sample in Chromium and Firefox ESR on the test build. Kept out of
 * `npm test` (its files end in .browser.ts, which neither vitest project includes): the script runs them.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'robustness',
    environment: 'node',
    include: ['tests/robustness/browser/**/*.browser.ts'],
    // Real browsers on a 2-core machine: one file at a time.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 180_000,
  },
});
