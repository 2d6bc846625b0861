import { join } from 'node:path';
import { defineConfig } from 'wxt';
import { highlightsOnRoot } from './scripts/lib/highlights-rooted';
import { rasteriseIcons } from './scripts/lib/icons';
import { preactWithoutInnerHTML } from './scripts/lib/preact-no-inner-html';
import { buildManifest, isTestMode, PAGE_SCRIPTS } from './src/manifest';

/** The page's other scripts' entrypoints (entrypoints/page-*.ts), by their names. */
const PAGE_ENTRYPOINTS = Object.values(PAGE_SCRIPTS).map((path) => path.slice(1, -'.js'.length));

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
    // The page's scripts (the content script and the page's other scripts) use the browser's own promise-based
    // API, which Chrome's MV3 and Firefox both have, not webextension-polyfill: the polyfill is 15 KB that
    // every page would compile and run for nothing. Extension pages and the background keep it. The content
    // script's context is our own (src/page/script-context.ts says why).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script' || PAGE_ENTRYPOINTS.includes(e.name))) return;
      const ours = [
        { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' },
        {
          find: /^wxt\/utils\/content-script-context$/,
          replacement: join(import.meta.dirname, 'src/page/script-context.ts'),
        },
      ];
      const alias = config.resolve?.alias;
      config.resolve = {
        ...config.resolve,
        alias: Array.isArray(alias)
          ? [...ours, ...alias]
          : [...ours, ...Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }))],
      };
    },
    'build:publicAssets': (wxt, files) => {
      files.push(...rasteriseIcons(wxt.config.root, join(wxt.config.wxtDir, 'icons')));
    },
  },
  vite: ({ mode, browser }) => ({
    define: { 'import.meta.env.BACKSTORY_TEST_BUILD': JSON.stringify(isTestMode(mode)) },
    // Preact's dangerouslySetInnerHTML branch is unused here: left out, so no bundle writes innerHTML.
    // The highlight rules on the root in Chromium, where highlights inherit (the plugin says why).
    plugins: [preactWithoutInnerHTML(), highlightsOnRoot(browser)],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { target: ['chrome105', 'firefox128'], chunkSizeWarningLimit: 2000 },
  }),
});
