import { defineContentScript } from 'wxt/utils/define-content-script';
import { LOCAL_MATCHES } from '../../src/manifest';
import { startBackstory } from '../../src/page/session';
import './style.css';

export default defineContentScript({
  // Store build: no static matches; the background registers the script on each site the reader enables
  // (src/background/sites.ts). The test build also declares the local origins the demo and tests use.
  ...(import.meta.env.BACKSTORY_TEST_BUILD
    ? { matches: LOCAL_MATCHES, registration: 'manifest' as const }
    : { registration: 'runtime' as const }),
  runAt: 'document_idle',
  main(ctx) {
    void startBackstory(document, ctx.signal);
  },
});
