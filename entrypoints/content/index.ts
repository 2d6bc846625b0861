import { defineContentScript } from 'wxt/utils/define-content-script';
import { LOCAL_MATCHES } from '../../src/manifest';
import { startBackstory } from '../../src/page/session';
import './style.css';

export default defineContentScript({
  // Other sites are registered at runtime when the reader enables them from the popup.
  matches: LOCAL_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    void startBackstory(document, ctx.signal);
  },
});
