/**
 * Soft navigation: the page changes its URL without a reload (history.pushState/replaceState, back and
 * forward between its own entries) and swaps its content by script. For Backstory that is another page.
 *
 * A content script runs in an isolated world: it cannot wrap the page's `history.pushState`, and
 * `popstate` does not fire for pushState. So the URL is watched by
 * - the Navigation API's `currententrychange` where the browser has it (fires for push, replace and
 *   traversal, from any world; nothing runs while the page stays put);
 * - otherwise `popstate`/`hashchange` plus a cheap poll of `location.href` (a string compare, no DOM or
 *   layout read) every `pollMs`;
 * - and in both cases on every batch of DOM changes (`check()`), since a page that pushes a URL almost
 *   always swaps its content right after: that catches the change at once, whatever the browser offers.
 * Only a change of page counts: the same address up to its fragment or tracking parameters
 * (`canonicalUrl`) is the same page, so an in-page anchor or a blog that writes the update being read into
 * its query keeps its session.
 */
import { canonicalUrl } from '../shared/url';

export interface UrlWatch {
  /** Looks at the URL now (cheap): called on each DOM batch. */
  check(): void;
}

export interface UrlWatchOptions {
  pollMs?: number;
  /** Use the Navigation API when present (tests turn it off to exercise the fallback). */
  navigationApi?: boolean;
}

interface NavigationLike extends EventTarget {
  currentEntry?: unknown;
}

export function watchUrl(
  win: Window,
  onChange: (href: string) => void,
  signal: AbortSignal,
  options: UrlWatchOptions = {},
): UrlWatch {
  let href = win.location.href;
  /** The page's key, worked out when the address first changes: most pages never change it. */
  let page: string | null = null;
  const check = () => {
    if (signal.aborted) return;
    const now = win.location.href;
    if (now === href) return;
    page ??= canonicalUrl(href);
    href = now;
    const next = canonicalUrl(now);
    if (next === page) return;
    page = next;
    onChange(now);
  };
  win.addEventListener('popstate', check, { signal });
  win.addEventListener('hashchange', check, { signal });
  const navigation = (win as Window & { navigation?: NavigationLike }).navigation;
  if (options.navigationApi !== false && navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', check, { signal });
  } else {
    const timer = setInterval(check, options.pollMs ?? 500);
    signal.addEventListener('abort', () => clearInterval(timer));
  }
  return { check };
}

/**
 * Resolves once the document has had no changes for `quietMs` (the page has swapped its content), or
 * after `maxMs` whatever the page does (a live page never goes quiet), or at once when `signal` aborts.
 */
export function settled(doc: Document, signal: AbortSignal, quietMs = 250, maxMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    let quiet: ReturnType<typeof setTimeout>;
    const done = () => {
      clearTimeout(quiet);
      clearTimeout(cap);
      observer.disconnect();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const observer = new MutationObserver(() => {
      clearTimeout(quiet);
      quiet = setTimeout(done, quietMs);
    });
    observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
    quiet = setTimeout(done, quietMs);
    const cap = setTimeout(done, maxMs);
    if (signal.aborted) done();
    else signal.addEventListener('abort', done);
  });
}
