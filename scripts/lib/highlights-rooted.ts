/**
 * The Chromium build's highlight rules are set on the root alone (`:root::highlight(…)`): Chromium's
 * highlights inherit from the parent's, so the root's style reaches every text. Set on every element, as
 * `::highlight(…)` is, each rule is matched and a highlight style worked out for every element the page
 * styles: a page script inserting 100 entries into the 2,000-update page, then asking for a style, took
 * 10.4–10.8 ms with the rules on every element, 7.3–8.7 ms with them on the root, 7.7–10.1 ms with no
 * rules. The pixels are the same for every look (screenshots of a range across an element boundary).
 * Firefox ESR's highlights do not inherit (a root rule draws nothing there), so its build keeps them.
 */
import type { Plugin } from 'vite';

const HIGHLIGHTS = /[\\/]src[\\/]page[\\/]highlights\.css$/;
const RULE = /^::highlight\(/gm;

export function rootedHighlights(css: string): string {
  const out = css.replace(RULE, ':root::highlight(');
  const count = (re: RegExp) => (out.match(re) ?? []).length;
  if (!count(/:root::highlight\(/g) || count(/::highlight\(/g) !== count(/:root::highlight\(/g))
    throw new Error('highlights-rooted: highlights.css has a rule this plugin does not set on the root');
  return out;
}

export function highlightsOnRoot(browser: string): Plugin {
  return {
    name: 'backstory:highlights-rooted',
    enforce: 'pre',
    transform(code, id) {
      if (browser === 'firefox' || !HIGHLIGHTS.test(id)) return null;
      return { code: rootedHighlights(code), map: null };
    },
  };
}
