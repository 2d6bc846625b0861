/**
 * Where names are looked for: the page's main content (article body, updates, captions, author box),
 * not navigation, footers, forms, scripts, editable areas or comment threads.
 */

/** Elements whose whole subtree is out of scope. */
export const EXCLUDED_SELECTOR = [
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'video',
  'audio',
  'math',
  'textarea',
  'input',
  'select',
  'button',
  'option',
  'form',
  'code',
  'pre',
  'kbd',
  'samp',
  'nav',
  '[role="navigation"]',
  'footer',
  '[role="contentinfo"]',
  'aside',
  '[role="complementary"]',
  '[contenteditable=""]',
  '[contenteditable="true" i]',
  '[contenteditable="plaintext-only" i]',
  '[aria-hidden="true"]',
  '[hidden]',
  '#comments',
  '.comments',
  '.comments-area',
  '.comment-list',
  '#respond',
  '#disqus_thread',
  '.ad',
  '.advert',
  '.advertisement',
  '[class*="ad-slot"]',
  '.cookie-banner',
  '#cookie-banner',
  '[data-backstory-host]',
].join(',');

/** The part of the page to scan: the main landmark when there is one, else the body. */
export function scanRoot(doc: Document): Element | null {
  const main = doc.querySelector('main, [role="main"]');
  if (main && (main.textContent?.length ?? 0) > 200) return main;
  const articles = [...doc.querySelectorAll('article')];
  if (articles.length === 1) return articles[0];
  return doc.body;
}

/** `contenteditable` is an enumerated attribute: "", "true" and "plaintext-only" in any case make an element editable. */
const EDITABLE = new Set(['', 'true', 'plaintext-only']);

export function isExcluded(el: Element): boolean {
  // The attribute check as well: some DOM implementations ignore the selector's `i` flag.
  const editable = el.getAttribute('contenteditable');
  return (editable !== null && EDITABLE.has(editable.toLowerCase())) || el.matches(EXCLUDED_SELECTOR);
}
