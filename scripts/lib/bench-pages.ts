/**
 * Pages for `npm run bench:page`: a saved article served inert, and a generated live blog in WordPress
 * Liveblog markup whose text (and so whose names) comes from the seed page's own paragraphs. Pure: the
 * sizes are unit-tested.
 */

/** Paragraph texts of a saved page (tags stripped, the common entities decoded), long enough to be prose. */
export function paragraphs(html: string, minLength = 60): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)) {
    const text = m[1]
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&#8217;|&rsquo;/g, '’')
      .replace(/&#8220;|&ldquo;/g, '“')
      .replace(/&#8221;|&rdquo;/g, '”')
      .replace(/&#8211;|&ndash;/g, '–')
      .replace(/&#8212;|&mdash;/g, '—')
      .replace(/&quot;/g, '"')
      .replace(/&#0?39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
    if (text.length >= minLength) out.push(text);
  }
  return out;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Characters of text per update: 2,000 updates make about 1.2 M characters, a long day's live blog. */
export const CHARS_PER_UPDATE = 600;
const START = Date.parse('2016-11-24T06:00:00Z');

/** One WordPress Liveblog entry (the markup of the plugin's PHP template), its text taken from `texts`. */
export function entryHtml(id: number, texts: ReadonlyArray<string>): string {
  const when = new Date(START + id * 30_000);
  const hhmm = `${String(when.getUTCHours()).padStart(2, '0')}:${String(when.getUTCMinutes()).padStart(2, '0')}`;
  // A headline from another paragraph's first sentence; the body fills the rest of the entry's size.
  const title = texts[(id * 7 + 1) % texts.length].split(/(?<=[.!?])\s/)[0].slice(0, 90);
  const room = CHARS_PER_UPDATE - title.length - hhmm.length;
  const parts: string[] = [];
  let size = 0;
  for (let k = 0; size < room - 40; k++) {
    const t = texts[(id * 3 + k) % texts.length];
    const left = room - size;
    // Whole sentences where they fit, so names are not cut in half.
    const cut =
      t.length <= left ? t : t.slice(0, Math.max(t.lastIndexOf('. ', left) + 1, 0)) || t.slice(0, left);
    parts.push(cut);
    size += cut.length;
  }
  return (
    `<article id="id_${id}" class="liveblog-entry"><aside class="liveblog-entry-aside"><a class="liveblog-meta-time" href="#${id}"><time datetime="${when.toISOString()}">${hhmm}</time></a></aside>` +
    `<div class="liveblog-entry-main"><header class="liveblog-meta"><h2 class="liveblog-entry-header">${escape(title)}</h2></header>` +
    `<div class="liveblog-entry-content">${parts.map((p) => `<p>${escape(p)}</p>`).join('')}</div></div></article>`
  );
}

/**
 * The page's own script: inserts new entries at the top of the feed when asked (as a live blog's poller
 * does) and edits one text node on a timer; the bench drives it through `window.__page`.
 */
const PAGE_SCRIPT = (pool: ReadonlyArray<string>) => `
(() => {
  // Entries not yet published, oldest first (rendered by the server, as a live blog's poller receives them).
  const pool = ${JSON.stringify(pool).replace(/<\//g, '<\\/')};
  let timer = 0;
  window.__page = {
    /** Inserts n new entries at the top, in one task; returns their ids. */
    insert(n) {
      const feed = document.querySelector('.liveblog-feed');
      const box = document.createElement('div');
      box.innerHTML = pool.splice(0, n).reverse().join('');
      const added = [...box.children];
      feed.prepend(...added);
      return added.map((e) => e.id);
    },
    /** Edits one text node (in the second entry) every ms milliseconds until stopEdits(). */
    startEdits(ms) {
      const p = document.querySelector('.liveblog-feed > article:nth-child(2) .liveblog-entry-content p');
      const node = p.firstChild;
      const base = node.data;
      let k = 0;
      timer = setInterval(() => { node.data = base + ' (' + (++k) + ')'; }, ms);
    },
    stopEdits() { clearInterval(timer); },
  };
})();`;

/**
 * Entries the page can insert later: enough for the steady state's one, and a single and a hundred-at-once
 * insertion measured twice (untraced, then traced).
 */
export const POOL = 256;

/** A live blog of `updates` entries, newest first, with the page's own insertion and edit script. */
export function liveBlogHtml(updates: number, texts: ReadonlyArray<string>): string {
  const entries: string[] = [];
  for (let id = updates; id >= 1; id--) entries.push(entryHtml(id, texts));
  const first = new Date(START).toISOString();
  const last = new Date(START + updates * 30_000).toISOString();
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Syria Daily, live: the day's updates</title>
<meta property="article:published_time" content="${first}"><meta property="article:modified_time" content="${last}">
<style>body{font:18px/1.6 Georgia,serif;margin:0;color:#222;background:#fff}main{max-width:720px;margin:0 auto;padding:24px 16px 400px}.liveblog-entry{border-top:1px solid #ccc;padding:12px 0 24px}.liveblog-meta-time{color:#666}h2{font-size:20px}</style>
</head><body><main><h1>Syria Daily, live: the day's updates</h1><p>Follow the latest here. New entries appear at the top as they are published.</p>
<div class="liveblog-feed">${entries.join('')}</div></main>
<script>${PAGE_SCRIPT(Array.from({ length: POOL }, (_, i) => entryHtml(updates + 1 + i, texts)))}</script></body></html>`;
}

/** Characters of text in the entries of a page (what the content script reads), for the printed size. */
export function textSize(html: string): number {
  const feed = html.slice(html.indexOf('<div class="liveblog-feed">'), html.lastIndexOf('</div></main>'));
  return feed.replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt);/g, '_').length;
}

/** A saved page made inert, as tests/e2e/platforms.test.ts serves them: no page script, no meta refresh. */
export function inert(html: string): string {
  return html
    .replace(/<meta[^>]*http-equiv=["']?refresh[^>]*>/gi, '')
    .replace(
      /<head[^>]*>/i,
      (head) =>
        `${head}<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'none'">`,
    );
}
