/**
 * Where names are looked for: the page's main content (article body, updates, captions, author box),
 * not navigation, footers, forms, scripts, editable areas or comment threads.
 */

/** Elements whose whole subtree is out of scope. */
export const EXCLUDED_SELECTOR = [
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'video', 'audio', 'math',
  'textarea', 'input', 'select', 'button', 'option', 'form', 'code', 'pre', 'kbd', 'samp',
  'nav', '[role="navigation"]', 'footer', '[role="contentinfo"]', 'aside', '[role="complementary"]',
  '[contenteditable=""]', '[contenteditable="true"]', '[aria-hidden="true"]', '[hidden]',
  '#comments', '.comments', '.comments-area', '.comment-list', '#respond', '#disqus_thread',
  '.ad', '.advert', '.advertisement', '[class*="ad-slot"]', '.cookie-banner', '#cookie-banner',
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

export function isExcluded(el: Element): boolean {
  return el.matches(EXCLUDED_SELECTOR);
}
