import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['tests/**/*.test.{ts,tsx}'],
          exclude: ['tests/e2e/**'],
          setupFiles: ['tests/setup.ts'],
          // Timeouts catch hangs, not slowness (budgets are proved by the bench commands): parsing a 2 MB
          // saved page takes 1 s on an idle core and 10 s when CI's two cores are loaded.
          testTimeout: 30_000,
          // A stylesheet read as text (`?raw`: the brand colour, the highlight names) is its content; others stay empty.
          css: { include: [/\.css\?raw$/] },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          // Real browsers on a 2-core machine: one file at a time keeps timings honest.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
