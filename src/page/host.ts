/**
 * The extension's own elements on the page: one host per purpose, each with a shadow root, so page CSS
 * does not leak in and the page's DOM is never touched. Hosts that reveal reading history are closed.
 */
import { adoptCss } from '../dom/css';

export interface Host {
  /** The extension's element on the page, which holds the shadow root. */
  element: HTMLElement;
  root: ShadowRoot;
  remove(): void;
}

export function createHost(
  doc: Document,
  name: string,
  mode: ShadowRootMode,
  css: string,
  position: 'fixed' | 'absolute',
): Host {
  const host = doc.createElement('backstory-' + name);
  // Marks our own element so the scanner and the observer skip it; set on our element, not the page's.
  host.setAttribute('data-backstory-host', '');
  host.style.cssText = `all:initial;position:${position};top:0;left:0;width:0;height:0;overflow:visible;z-index:2147483646;contain:style;`;
  const root = host.attachShadow({ mode });
  adoptCss(doc, root, css);
  // Outside <body>: page styles on body children and body-level layout stay unaffected.
  doc.documentElement.appendChild(host);
  return { element: host, root, remove: () => host.remove() };
}
