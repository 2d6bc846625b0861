import { join } from 'node:path';
import { defineConfig } from 'wxt';
import { rasteriseIcons } from './scripts/lib/icons';
import { preactWithoutInnerHTML } from './scripts/lib/preact-no-inner-html';
import { buildManifest, isTestMode } from './src/manifest';

// Two builds. The store build (`wxt build`, `wxt zip`: .output/<browser>-mv3) runs only on sites the reader
// enables. The test build (`--mode test`: .output/<browser>-mv3-test, its own folder) also runs on
// 127.0.0.1 and localhost, for the demo and the real-browser tests, and sets
// import.meta.env.BACKSTORY_TEST_BUILD so test-only code paths can be compiled out of the store build.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  imports: false,
  manifest: ({ browser, mode }) => buildManifest(browser, mode),
  webExt: { disabled: true },
  hooks: {
    // The icons are drawn from assets/*.svg at every build (never committed as PNGs).
    'build:publicAssets': (wxt, files) => {
      files.push(...rasteriseIcons(wxt.config.root, join(wxt.config.wxtDir, 'icons')));
    },
  },
  vite: ({ mode }) => ({
    define: { 'import.meta.env.BACKSTORY_TEST_BUILD': JSON.stringify(isTestMode(mode)) },
    // Preact's dangerouslySetInnerHTML branch is unused here: left out, so no bundle writes innerHTML.
    plugins: [preactWithoutInnerHTML()],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { target: ['chrome105', 'firefox128'], chunkSizeWarningLimit: 2000 },
  }),
});
