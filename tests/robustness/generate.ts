/**
 * Generated hostile documents for the fuzz (Node: tests/robustness/fuzz.test.ts; Chromium:
 * browser/fuzz.browser.ts): live-blog platforms, schema.org, stamped lists, text markers and tag soup,
 * whose ids, labels and text are prototype keys, odd code units and 100 KB runs. Seeded: the same seed,
 * the same document.
 */
/** A small seeded generator (mulberry32): the same seed, the same document. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

export const KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '__defineGetter__',
  'then',
  'length',
  '0',
  '-1',
  'NaN',
  'null',
  'undefined',
  '',
  ' ',
];
export const ODD = [
  '\uD800',
  'a\uDC00b',
  '\uDBFF',
  '\uDFFF\uD800',
  '\u0000',
  '\u202Eevil',
  'é'.normalize('NFD'),
  '\uFEFF',
  '\t\n',
];
const NAMES = [
  'Angela Merkel',
  'Emmanuel Macron',
  'Recep Tayyip Erdoğan',
  'Damascus',
  'Aleppo',
  'the United Nations',
  'Syrian Democratic Forces (SDF)',
  'Binali Yıldırım',
  'Berlin',
  'Ankara',
];
const WORDS =
  'said the in talks on a after as police met officials arrived morning spoke crowds gathered'.split(' ');

/** A hostile string: a prototype key, an odd code unit, a huge run, or a plain one, mixed. */
export function hostile(r: Rng): string {
  const parts: string[] = [];
  const n = 1 + r.int(3);
  for (let i = 0; i < n; i++) {
    const roll = r.next();
    if (roll < 0.4) parts.push(r.pick(KEYS));
    else if (roll < 0.7) parts.push(r.pick(ODD));
    else if (roll < 0.703) parts.push(r.pick(['x', '\uD83D', 'é', 'Merkel ']).repeat(100_000 / 2));
    else parts.push(r.pick(WORDS) + r.int(1000));
  }
  return parts.join('');
}

function sentence(r: Rng): string {
  const words: string[] = [];
  const n = 6 + r.int(20);
  for (let i = 0; i < n; i++)
    words.push(r.chance(0.2) ? r.pick(NAMES) : r.chance(0.05) ? hostile(r) : r.pick(WORDS));
  return words.join(' ') + '.';
}

export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const time = (r: Rng) => `${String(r.int(24)).padStart(2, '0')}:${String(r.int(60)).padStart(2, '0')}`;

/** The documents' shapes: each a known way a page lays out a live blog, or none. */
export const SHAPES: Record<string, (r: Rng, n: number) => string> = {
  wordpress: (r, n) =>
    `<main><h1>${esc(hostile(r))}</h1><div class="liveblog-feed">${Array.from(
      { length: n },
      (_, i) =>
        `<article id="${esc(r.chance(0.7) ? hostile(r) : `id_${i}`)}" class="liveblog-entry"><a class="liveblog-meta-time" href="#${i}"><span>${time(r)}</span></a><h2 class="liveblog-entry-header">${esc(hostile(r))}</h2><div class="liveblog-entry-content"><p>${esc(sentence(r))}</p></div></article>`,
    ).join('')}</div></main>`,
  schema: (r, n) => {
    const ids = Array.from({ length: n }, () => hostile(r));
    const ld = {
      '@context': 'https://schema.org',
      '@type': r.chance(0.5) ? 'LiveBlogPosting' : ['LiveBlogPosting', hostile(r)],
      liveBlogUpdate: ids.map((id) => ({
        '@type': 'BlogPosting',
        '@id': `https://news.example/live#${id}`,
        url: `https://news.example/live#${id}`,
        headline: hostile(r),
        datePublished: r.chance(0.8) ? '2026-01-01T10:00:00Z' : hostile(r),
        [r.pick(KEYS)]: hostile(r),
      })),
    };
    return `<script type="application/ld+json">${JSON.stringify(ld).replace(/</g, '\\u003c')}</script><article>${ids
      .map(
        (id) =>
          `<div id="${esc(id)}"><time datetime="2026-01-01T10:00:00Z">${time(r)}</time><p>${esc(sentence(r))}</p></div>`,
      )
      .join('')}</article>`;
  },
  stamped: (r, n) =>
    `<main><ul>${Array.from({ length: n }, () => `<li><p>${time(r)} ${esc(sentence(r))}</p><p>${esc(sentence(r))}</p></li>`).join('')}</ul></main>`,
  markers: (r, n) =>
    `<article><div class="article-body">${Array.from(
      { length: n },
      () =>
        `<p><strong>UPDATE ${time(r).replace(':', '')} GMT:</strong> ${esc(sentence(r))}</p><p>${esc(sentence(r))}</p>`,
    ).join('')}<p>ORIGINAL ENTRY: ${esc(sentence(r))}</p></div></article>`,
  soup: (r, n) => {
    const tags = [
      'div',
      'section',
      'p',
      'span',
      'b',
      'main',
      'article',
      'aside',
      'nav',
      'time',
      'h2',
      'li',
      'table',
      'td',
      'template',
      'svg',
      'math',
    ];
    let html = '';
    for (let i = 0; i < n * 3; i++) {
      const tag = r.pick(tags);
      const attrs = r.chance(0.5)
        ? ` id="${esc(hostile(r))}" class="${esc(r.pick(['liveblog-entry', 'block-time', 'update', hostile(r)]))}"${r.chance(0.1) ? ` contenteditable="${r.pick(['', 'true', 'TRUE', 'plaintext-only', 'false'])}"` : ''}${r.chance(0.1) ? ' role="main"' : ''}`
        : '';
      html += r.chance(0.8) ? `<${tag}${attrs}>${esc(sentence(r))}` : `</${tag}>`;
    }
    return html;
  },
};
