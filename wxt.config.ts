import { defineConfig } from 'wxt';
import { buildManifest } from './src/manifest';

// Pages served from these origins get the content script without asking: the tests and the demo use them.
// Every other site is enabled per site from the popup (optional host permission, runtime registration).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  imports: false,
  manifest: ({ browser }) => buildManifest(browser),
  webExt: { disabled: true },
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { target: ['chrome105', 'firefox128'], chunkSizeWarningLimit: 2000 },
  }),
});
