import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { resolve } from 'node:path';

/** The shared fixtures beside the checkout. */
export const SHARED_FIXTURES = resolve(__dirname, '../../shared/fixtures');

export function fixture(name: string): string {
  return readFileSync(resolve(SHARED_FIXTURES, name), 'utf8');
}

/** A fresh document in the test's happy-dom window, loaded with `html`. */
export function loadDocument(html: string, url = 'http://127.0.0.1:8000/page.html'): Document {
  const doc = document.implementation.createHTMLDocument('');
  doc.open();
  doc.write(html);
  doc.close();
  Object.defineProperty(doc, 'URL', { value: url, configurable: true });
  return doc;
}

/**
 * A saved web page as a document that stays inert: no scripts, stylesheets, images or frames are loaded
 * (real pages reference dozens), and no script in it runs.
 */
export function parsePage(html: string, url = 'http://127.0.0.1:8000/page.html'): Document {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptFileLoading: true,
      disableIframePageLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: { disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  window.document.write(html);
  return window.document as unknown as Document;
}

/** Polls `fn` until it gives a truthy value (a test's real-time wait for async work), or fails naming `what`. */
export async function until<T>(fn: () => T, what: string, timeout = 5000): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Runs `fn`, counting the calls of these methods of `proto` that `counts` (given the receiver) accepts: how
 * often the code under test asked the DOM (to compare positions, to match a selector) or sorted a long list.
 */
export async function countCalls<T>(
  proto: object,
  methods: string[],
  fn: () => T | Promise<T>,
  counts: (self: never) => boolean = () => true,
): Promise<{ value: T; calls: number }> {
  let calls = 0;
  const methodsOf = proto as Record<string, (...a: unknown[]) => unknown>;
  const originals = new Map(methods.map((k) => [k, methodsOf[k]]));
  for (const [k, original] of originals)
    methodsOf[k] = function (this: never, ...a: unknown[]) {
      if (counts(this)) calls++;
      return original.apply(this, a);
    };
  try {
    return { value: await fn(), calls };
  } finally {
    for (const [k, original] of originals) methodsOf[k] = original;
  }
}
