/**
 * A live blog for the real-browser tests, served through the local server's dynamic routes: WordPress
 * Liveblog markup, newest first, and a page script that polls for new entries and inserts them at the
 * top, as live blogs do. The test publishes entries on the server side; the page finds them on its next
 * poll (every 250 ms). The page also records every change to its DOM that it did not make itself, so a
 * test can prove Backstory left its elements alone.
 */
import type { LocalServer } from '../../../scripts/lib/server';

interface Entry {
  id: number;
  time: number;
  title: string;
}

const WORDS = [
  'Officials said the road would stay closed overnight while engineers inspect the bridge supports.',
  'Residents who left their homes this morning have been told they can expect to return tomorrow.',
  'The regional council has opened two more shelters, bringing the total number of beds to 1,400.',
  'Forecasters expect the rain to ease after midnight, though another band is due on Thursday.',
  'Power has been restored to most of the 20,000 homes cut off earlier, the network operator says.',
];

function entryHtml(e: Entry): string {
  const when = new Date(e.time);
  const hhmm = `${String(when.getUTCHours()).padStart(2, '0')}:${String(when.getUTCMinutes()).padStart(2, '0')}`;
  const paragraphs = [0, 1, 2]
    .map((i) => `<p>${WORDS[(e.id + i) % WORDS.length]} (Entry ${e.id}, part ${i + 1}.)</p>`)
    .join('');
  return `<article id="id_${e.id}" class="liveblog-entry"><aside class="liveblog-entry-aside"><a class="liveblog-meta-time" href="#${e.id}"><span>${hhmm}</span></a></aside><div class="liveblog-entry-main"><header class="liveblog-meta"><h2 class="liveblog-entry-header">${e.title}</h2></header><div class="liveblog-entry-content">${paragraphs}</div></div></article>`;
}

const PAGE_SCRIPT = `
(() => {
  // Everything below is the page's own doing; anything else that touches its elements is recorded.
  const own = new WeakSet();
  window.__foreign = [];
  const watch = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') window.__foreign.push('attribute ' + r.attributeName + ' on ' + r.target.nodeName + (r.target.id ? '#' + r.target.id : ''));
      for (const n of r.addedNodes) if (!own.has(n) && n.nodeType === 1) window.__foreign.push('element ' + n.nodeName + ' in ' + r.target.nodeName);
    }
  });
  // From the end of parsing, before any extension's content script runs (document_idle).
  document.addEventListener('DOMContentLoaded', () => watch.observe(document, { subtree: true, childList: true, attributes: true }));
  window.__markOwn = (n) => own.add(n);
})();
`;

const POLL_SCRIPT = (pollUrl: string) => `
(() => {
  const feed = document.querySelector('.liveblog-feed');
  const newest = () => Number((feed.firstElementChild?.id ?? 'id_0').slice(3));
  const poll = async () => {
    try {
      const res = await fetch('${pollUrl}?after=' + newest(), { cache: 'no-store' });
      const { entries } = await res.json();
      for (const html of entries) {
        const box = document.createElement('div');
        box.innerHTML = html;
        const el = box.firstElementChild;
        window.__markOwn(el);
        feed.prepend(el);
        window.__insertedAt = Date.now();
      }
    } catch {}
    setTimeout(poll, 250);
  };
  setTimeout(poll, 250);
})();
`;

export interface LiveBlogRoute {
  url: string;
  /** Publishes one new entry; the page inserts it at its next poll. */
  publish(title?: string): number;
  ids(): number[];
}

export function serveLiveBlog(server: LocalServer, slug: string, count = 12): LiveBlogRoute {
  const start = Date.parse('2024-05-14T08:00:00Z');
  const entries: Entry[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    time: start + i * 20 * 60_000,
    title: `Entry ${i + 1}: the situation at ${8 + Math.floor((i * 20) / 60)} o'clock`,
  }));
  const path = `/live/${slug}.html`;
  const pollPath = `/live/${slug}/poll`;
  const route: LiveBlogRoute = {
    url: server.origin + path,
    publish(title) {
      const last = entries.at(-1)!;
      const e = {
        id: last.id + 1,
        time: last.time + 5 * 60_000,
        title: title ?? `Entry ${last.id + 1}: breaking news`,
      };
      entries.push(e);
      return e.id;
    },
    ids: () => entries.map((e) => e.id).reverse(),
  };
  server.route(path, (_req, res) => {
    const newestFirst = [...entries].reverse();
    const modified = new Date(newestFirst[0].time).toISOString();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live: Floods in the valley</title>
<meta property="article:published_time" content="${new Date(start).toISOString()}"><meta property="article:modified_time" content="${modified}">
<style>body{font:18px/1.6 Georgia,serif;margin:0}main{max-width:680px;margin:0 auto;padding:24px 16px 400px}.liveblog-entry{border-top:1px solid #ccc;padding:12px 0 24px}.liveblog-meta-time{color:#666}</style>
<script>${PAGE_SCRIPT}</script></head><body><main><h1>Live: Floods in the valley</h1><p>Follow the latest on the floods here. New entries appear at the top as they are published.</p>
<div class="liveblog-feed">${newestFirst.map(entryHtml).join('')}</div><p><a id="back-to-top" href="#">Back to top</a></p></main>
<script>${POLL_SCRIPT(pollPath)}</script></body></html>`);
  });
  server.route(pollPath, (_req, res, url) => {
    const after = Number(url.searchParams.get('after') ?? 0);
    const fresh = entries.filter((e) => e.id > after);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ entries: fresh.map(entryHtml) }));
  });
  return route;
}
