/**
 * The background's `page:more` for in-process tests: what src/background/more.ts does in a browser (the
 * script asked for run in the page's isolated world), done by importing the script's module.
 */
import type { PagePart } from '../../src/manifest';
import { more } from '../../src/page/features/more';
import { liveBlogDetector } from '../../src/page/liveblog-detector';

export const giveMoreHere = {
  'page:more': ({ part }: { part: PagePart }) => {
    if (part === 'liveblog') window.__backstoryLiveBlog ??= liveBlogDetector;
    else window.__backstoryMore ??= more;
    return { ok: true };
  },
};

/** Back to a page that has not been given the other scripts. */
export function takeMore(): void {
  delete window.__backstoryMore;
  delete window.__backstoryLiveBlog;
}
