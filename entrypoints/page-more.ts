import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { more } from '../src/page/features/more';

// Put into the page's isolated world by the background when the content script asks (src/page/more.ts).
export default defineUnlistedScript(() => {
  window.__backstoryMore ??= more;
});
