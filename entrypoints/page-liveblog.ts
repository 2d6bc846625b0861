import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { liveBlogDetector } from '../src/page/liveblog-detector';

// Put into the page's isolated world by the background when the content script asks (src/page/more.ts).
export default defineUnlistedScript(() => {
  window.__backstoryLiveBlog ??= liveBlogDetector;
});
