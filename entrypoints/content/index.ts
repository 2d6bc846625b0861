import { defineContentScript } from 'wxt/utils/define-content-script';
import { builtInMatches } from '../../src/manifest';
import { startBackstory } from '../../src/page/session';

// Store build: no static matches, so the manifest reaches no site; the background registers the script on
// each site the reader enables (src/background/sites.ts). The test build also declares the local origins
// the demo and the real-browser tests are served from.
const matches = builtInMatches();

export default defineContentScript({
  ...(matches.length ? { matches, registration: 'manifest' as const } : { registration: 'runtime' as const }),
  runAt: 'document_idle',
  main(ctx) {
    void startBackstory(document, ctx.signal);
  },
});
