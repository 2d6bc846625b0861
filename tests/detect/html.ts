/**
 * An HTML page's text blocks exactly as the content script reads them (scanRoot + walkBlocks), parsed
 * with happy-dom. Shared by the eval, bench and detect scripts. Resources are never fetched.
 */
import { Window } from 'happy-dom';
import { walkBlocks } from '../../src/dom/blocks';
import { scanRoot } from '../../src/dom/scope';

export function htmlBlocks(html: string): string[] {
  const window = new Window({
    url: 'https://example.org/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  // <link rel=preload> elements make happy-dom resolve URLs; they carry no text.
  window.document.write(html.replace(/<link\b[^>]*>/gi, ''));
  const doc = window.document as unknown as Document;
  const root = scanRoot(doc);
  const blocks = root ? [...walkBlocks(root, doc)].map((b) => b.text) : [];
  window.close();
  return blocks;
}
