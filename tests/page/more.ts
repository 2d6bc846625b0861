/**
 * The background's `page:more` for in-process tests: what src/background/more.ts does in a browser (the
 * second script run in the page's isolated world), done by importing the second script's module.
 */
import { more } from '../../src/page/features/more';

export const giveMoreHere = {
  'page:more': () => {
    window.__backstoryMore ??= more;
    return { ok: true };
  },
};

/** Back to a page that has not been given the second script. */
export function takeMore(): void {
  delete window.__backstoryMore;
}
