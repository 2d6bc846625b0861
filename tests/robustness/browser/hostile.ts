/**
 * Hostile pages for the real-browser robustness group, served from the local server under a real-looking
 * host (news.test, resolved to 127.0.0.1 by the browser as the runtime e2e do). Each page carries a probe
 * (its own script, nonce'd so a strict CSP allows it) that records, from the page's own world:
 * - its DOM as it stood once the page was done with it (`__dom0`), serialised with shadow roots and
 *   same-origin iframes, the extension's own hosts left out;
 * - every change to its DOM it did not make (`__foreign`), the extension's hosts aside;
 * - its uncaught errors (`__errors`).
 */
import type { LocalServer } from '../../../scripts/lib/server';

export const HOST = 'news.test';
/** full: on demand; short: `npm run check:robustness`; ci: the profile `npm test` runs (smaller pages). */
export const PROFILE: 'full' | 'short' | 'ci' =
  process.env.ROBUST_PROFILE === 'full' ? 'full' : process.env.ROBUST_PROFILE === 'ci' ? 'ci' : 'short';
/** Megabytes of text in the big page, and paragraphs (of nine text nodes each) in the many-nodes one. */
const BIG_MB = { full: 10, short: 2, ci: 0.5 }[PROFILE];
const NODE_PARAGRAPHS = PROFILE === 'ci' ? 2_000 : 10_000;
const NONCE = 'r0bust';

export const PARAGRAPHS = [
  'Angela Merkel said in Berlin that the talks would resume after lunch, officials confirmed.',
  'Emmanuel Macron spoke in Paris after the vote was counted, his office said.',
  'Police in Damascus closed the roads around the ministry as the delegation from Ankara arrived.',
  'The United Nations said aid convoys had reached Aleppo for the first time in a week.',
  'Recep Tayyip Erdoğan met Binali Yıldırım in Ankara to discuss the offensive near al-Bab.',
];
const para = (i: number) => `<p>${PARAGRAPHS[i % PARAGRAPHS.length]}</p>`;
const paras = (n: number, from = 0) => Array.from({ length: n }, (_, i) => para(from + i)).join('');

/** The page's probe: runs before the content script (document_idle), in the page's own world. */
const PROBE = `
(() => {
  window.__errors = [];
  addEventListener('error', (e) => window.__errors.push(String(e.message)));
  addEventListener('unhandledrejection', (e) => window.__errors.push('rejection: ' + String(e.reason)));
  const ext = (n) => n.nodeType === 1 && (n.hasAttribute('data-backstory-host') || !!n.closest?.('[data-backstory-host]'));
  // The top document, shadow roots included; frames apart (they load later, and no content script of
  // ours runs in them): each frame's document as it stood at the window's load.
  const serialise = (root) => {
    const c = root.cloneNode(true);
    for (const h of c.querySelectorAll('[data-backstory-host]')) h.remove();
    let out = c.outerHTML;
    for (const el of root.querySelectorAll('*')) if (!ext(el) && el.shadowRoot) out += '\\n#shadow ' + el.tagName + ':' + el.shadowRoot.innerHTML;
    return out;
  };
  const frames = () => [...document.querySelectorAll('iframe')].map((f) => { try { return f.contentDocument.documentElement.outerHTML; } catch (e) { return 'cross-origin'; } }).join('\\n#iframe:');
  window.__snapshot = () => serialise(document.documentElement) + '\\n#frames:' + (window.__frames0 === undefined ? '' : frames());
  addEventListener('load', () => { window.__frames0 = frames(); });
  window.__foreign = [];
  let own = false;
  window.__own = (fn) => { own = true; try { fn(); } finally { own = false; watch.takeRecords(); window.__dom0 = serialise(document.documentElement); } };
  const watch = new MutationObserver((records) => {
    if (own) return;
    for (const r of records) {
      if (ext(r.target)) continue;
      if (r.type === 'attributes') window.__foreign.push('attribute ' + r.attributeName + ' on ' + r.target.nodeName);
      if (r.type === 'characterData') window.__foreign.push('text of ' + (r.target.parentNode && r.target.parentNode.nodeName));
      for (const n of r.addedNodes) if (!ext(n)) window.__foreign.push('added ' + n.nodeName + ' in ' + r.target.nodeName);
      for (const n of r.removedNodes) if (!ext(n)) window.__foreign.push('removed ' + n.nodeName + ' from ' + r.target.nodeName);
    }
  });
  document.addEventListener('DOMContentLoaded', () => {
    window.__dom0 = serialise(document.documentElement);
    watch.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
})();
`;

export interface HostilePage {
  name: string;
  /** Body HTML (the probe and the head are added). */
  body: () => string;
  /** A script of the page's own, run at load (inside `__own`, so its changes are the page's). */
  script?: string;
  /** Extra response headers (a strict CSP). */
  headers?: Record<string, string>;
  /** Names that must be underlined, and names that must not be. */
  underlined: string[];
  notUnderlined?: string[];
  /** How long the extension may take on this page. */
  timeout?: number;
}

const big = (bytes: number) => {
  // Paragraphs of the sample sentences until `bytes` of text: a 10 MB article.
  const chunk = paras(PARAGRAPHS.length);
  return chunk.repeat(Math.ceil(bytes / (chunk.length - 7 * PARAGRAPHS.length)));
};

export const PAGES: HostilePage[] = [
  {
    name: 'scope: <main> with navigation, aside and footer around it',
    body: () =>
      `<header><nav><a href="#">Olaf Scholz</a></nav></header><main><h1>Talks</h1>${paras(5)}</main><aside><p>Olaf Scholz column</p></aside><footer><p>Olaf Scholz</p></footer>`,
    underlined: ['Angela Merkel', 'Damascus'],
    notUnderlined: ['Olaf Scholz'],
  },
  {
    name: 'scope: one <article>, no <main>',
    body: () =>
      `<div class="wrap"><article><h1>Talks</h1>${paras(5)}</article></div><footer><p>Olaf Scholz</p></footer>`,
    underlined: ['Emmanuel Macron', 'Aleppo'],
    notUnderlined: ['Olaf Scholz'],
  },
  {
    name: 'scope: role="main", and editable areas (contenteditable "", "TRUE", "plaintext-only") left alone',
    body: () =>
      `<div role="main">${paras(5)}<div contenteditable="TRUE"><p>Olaf Scholz typed</p></div><div contenteditable="plaintext-only"><p>Olaf Scholz typed</p></div><div contenteditable=""><p>Olaf Scholz typed</p></div><textarea>Olaf Scholz</textarea></div>`,
    underlined: ['Angela Merkel'],
    notUnderlined: ['Olaf Scholz'],
  },
  {
    name: 'scope: no landmark at all, text straight in <body>',
    body: () => `<div>${paras(5)}</div>`,
    underlined: ['Angela Merkel', 'Paris'],
  },
  {
    name: 'replaced <main>: the page swaps its main element for a new one',
    body: () => `<main id="old">${paras(5)}</main>`,
    script: `setTimeout(() => window.__own(() => { const m = document.createElement('main'); m.innerHTML = '<p>Vladimir Putin met Xi Jinping in Moscow on Tuesday, the Kremlin said.</p>'.repeat(4) + document.querySelector('main').innerHTML; document.querySelector('main').replaceWith(m); }), 1500);`,
    underlined: ['Vladimir Putin'],
  },
  {
    name: 'replaced <body>: the page sets document.body to a new element',
    body: () => `<main>${paras(5)}</main>`,
    script: `setTimeout(() => window.__own(() => { const b = document.createElement('body'); b.innerHTML = '<main>' + '<p>Vladimir Putin met Xi Jinping in Moscow on Tuesday, the Kremlin said.</p>'.repeat(4) + '</main>'; document.body = b; }), 1500);`,
    underlined: ['Vladimir Putin'],
  },
  {
    name: 'a strict CSP (nonce-only scripts, no styles, no images, Trusted Types required)',
    body: () => `<main>${paras(5)}</main>`,
    headers: {
      'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${NONCE}'; style-src 'none'; img-src 'none'; connect-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'`,
    },
    underlined: ['Angela Merkel'],
  },
  {
    name: 'iframes: same-origin, srcdoc and sandboxed frames beside the story',
    body: () =>
      `<main>${paras(5)}<iframe src="/robust/frame.html"></iframe><iframe srcdoc="<p>Olaf Scholz in a srcdoc frame</p>"></iframe><iframe sandbox src="/robust/frame.html"></iframe></main>`,
    underlined: ['Angela Merkel'],
    notUnderlined: ['Olaf Scholz'],
  },
  {
    name: 'shadow roots: part of the story inside open and closed shadow roots',
    body: () => `<main>${paras(5)}<div id="open-host"></div><div id="closed-host"></div></main>`,
    script: `window.__own(() => { document.getElementById('open-host').attachShadow({ mode: 'open' }).innerHTML = '<p>Olaf Scholz in a shadow root</p><slot></slot>'; document.getElementById('closed-host').attachShadow({ mode: 'closed' }).innerHTML = '<p>Olaf Scholz, closed</p>'; });`,
    underlined: ['Angela Merkel'],
  },
  {
    // 10 MB in the full profile; 2 MB in the short one (10 MB takes about two minutes on a loaded machine).
    name: `${BIG_MB} MB of text`,
    body: () => `<main><h1>Everything</h1>${big(BIG_MB * 1024 * 1024)}</main>`,
    underlined: ['Angela Merkel'],
    timeout: 120_000,
  },
  {
    name: `${(NODE_PARAGRAPHS * 10).toLocaleString('en')} text nodes`,
    body: () =>
      `<main>${Array.from(
        { length: NODE_PARAGRAPHS },
        (_, i) =>
          `<p>${PARAGRAPHS[i % 5]
            .split(' ')
            .slice(0, 9)
            .map((w) => `<span>${w} </span>`)
            .join('')}</p>`,
      ).join('')}</main>`,
    underlined: ['Angela Merkel'],
    timeout: 120_000,
  },
];

/** A page of the given title and body, with the probe. */
export function probedHtml(title: string, body: string, lang = 'en'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title><script nonce="${NONCE}">${PROBE}</script></head><body>${body}</body></html>`;
}

export function pageHtml(page: HostilePage, slug: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${slug}</title><script nonce="${NONCE}">${PROBE}</script></head><body>${page.body()}${page.script ? `<script nonce="${NONCE}">${page.script}</script>` : ''}</body></html>`;
}

/** Serves every hostile page at /robust/<index>.html, and the same-origin frame. */
export function servePages(server: LocalServer, pages: HostilePage[] = PAGES): string[] {
  server.route('/robust/frame.html', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><body><p>Olaf Scholz in a same-origin frame</p></body></html>');
  });
  return pages.map((page, i) => {
    const path = `/robust/${i}.html`;
    const html = pageHtml(page, `page-${i}`);
    server.route(path, (_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        ...page.headers,
      });
      res.end(html);
    });
    return `http://${HOST}:${server.port}${path}`;
  });
}
