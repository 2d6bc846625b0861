/**
 * The content script's runtime in real browsers (Chromium, Firefox ESR), on the build the tests use:
 * - a page that changes its URL and swaps its content by script (a live blog → another live blog → an
 *   ordinary article → back) gets a session per page: the new page's updates and names, and nothing left
 *   of the old one (no highlight of a name that is gone, no marker, the tab no longer counted for it);
 * - one feature failing (the test build's `backstory-test-fail` page parameter) leaves the others working;
 * - on a plain-http page under a real-looking host name (news.test, not a secure context) the whole slice
 *   runs: names underlined, updates tracked. The test build must run the content script there: it needs
 *   `http://news.test/*` among its static matches.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LocalServer } from '../../scripts/lib/server';
import { launchChromium } from './harness/chromium';
import { SECURE_ONLY } from '../page/secure-only';
import { buildDir, sleep, until, type Driver, type Tab } from './harness/driver';
import { launchFirefox } from './harness/firefox';
import { highlightTexts, type HighlightTexts } from './harness/page';

const HOST = 'news.test';

interface Entry {
  id: number;
  time: string;
  title: string;
  text: string;
}

const entryHtml = (e: Entry) =>
  `<article id="id_${e.id}" class="liveblog-entry"><aside class="liveblog-entry-aside"><a class="liveblog-meta-time" href="#${e.id}"><span>${e.time}</span></a></aside><div class="liveblog-entry-main"><header class="liveblog-meta"><h2 class="liveblog-entry-header">${e.title}</h2></header><div class="liveblog-entry-content"><p>${e.text}</p><p>More details will follow as the day goes on, our correspondents report.</p></div></div></article>`;

const live = (title: string, entries: Entry[]) =>
  `<h1>${title}</h1><p>Follow the latest here. New entries appear at the top as they are published.</p><div class="liveblog-feed">${entries.map(entryHtml).join('')}</div>`;

const A: Entry[] = [
  {
    id: 104,
    time: '11:40',
    title: 'Talks resume',
    text: 'Angela Merkel said in Berlin that the talks would resume after lunch.',
  },
  {
    id: 103,
    time: '11:00',
    title: 'Roads closed',
    text: 'Police in Berlin closed the roads around the chancellery as Angela Merkel arrived.',
  },
  {
    id: 102,
    time: '10:20',
    title: 'Unions wait',
    text: 'Union leaders waited outside while Angela Merkel met the ministers in Berlin.',
  },
  {
    id: 101,
    time: '09:40',
    title: 'Morning',
    text: 'Angela Merkel arrived in Berlin this morning for a second day of talks.',
  },
];
const A_NEW: Entry = {
  id: 105,
  time: '12:20',
  title: 'Statement',
  text: 'Angela Merkel will speak in Berlin at two o’clock.',
};
const B: Entry[] = [
  {
    id: 203,
    time: '16:10',
    title: 'Vote counted',
    text: 'Emmanuel Macron spoke in Paris after the vote was counted.',
  },
  {
    id: 202,
    time: '15:30',
    title: 'Crowds',
    text: 'Crowds gathered in Paris as Emmanuel Macron left the palace.',
  },
  {
    id: 201,
    time: '14:50',
    title: 'Polls close',
    text: 'Polls closed across France; Emmanuel Macron is expected to speak in Paris.',
  },
];
const ARTICLE = `<article><h1>Talks in Moscow end without agreement</h1><p>Vladimir Putin received the delegation in Moscow on Tuesday, the Kremlin said in a statement.</p><p>Vladimir Putin told reporters in Moscow that the talks had been useful and that more would follow next month, though no date was set.</p><p>Officials said the next round could take place in Geneva.</p></article>`;

const PAGES: Record<string, { title: string; main: string }> = {
  '/spa/live-a': { title: 'Live: talks in Berlin', main: live('Live: talks in Berlin', A) },
  '/spa/live-b': { title: 'Live: election night in Paris', main: live('Live: election night in Paris', B) },
  '/spa/article': { title: 'Talks in Moscow end without agreement', main: ARTICLE },
};

/** The page's own script: pushes the new URL, then fetches and swaps its content a moment later (as SPAs do). */
const SPA_SCRIPT = `
(() => {
  const render = async (path) => {
    const { title, main } = await (await fetch('/spa/content?path=' + encodeURIComponent(path), { cache: 'no-store' })).json();
    document.title = title;
    document.querySelector('main').innerHTML = main;
  };
  window.__go = (path) => {
    history.pushState({ path }, '', path);
    document.querySelector('main').innerHTML = '<p class="loading">Loading…</p>';
    setTimeout(() => void render(path), 150);
  };
  window.__insert = (html) => {
    const box = document.createElement('div');
    box.innerHTML = html;
    document.querySelector('.liveblog-feed').prepend(box.firstElementChild);
  };
  addEventListener('popstate', () => void render(location.pathname));
})();
`;

function serveSpa(server: LocalServer): void {
  const send = (res: ServerResponse, type: string, body: string) => {
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  };
  for (const [path, page] of Object.entries(PAGES)) {
    server.route(path, (_req, res) =>
      send(
        res,
        'text/html; charset=utf-8',
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${page.title}</title>
<meta property="article:published_time" content="2024-05-14T08:00:00Z"><style>body{font:18px/1.6 Georgia,serif;margin:0}main{max-width:680px;margin:0 auto;padding:24px 16px 600px}.liveblog-entry{border-top:1px solid #ccc;padding:12px 0 24px}</style>
</head><body><main>${page.main}</main><script>${SPA_SCRIPT}</script></body></html>`,
      ),
    );
  }
  // A day's live blog long enough (over 6,000 elements) for the names to be tinted rather than underlined.
  const long = Array.from({ length: 700 }, (_, i) => ({ ...A[i % A.length], id: 1000 - i }));
  server.route('/long', (_req, res) =>
    send(
      res,
      'text/html; charset=utf-8',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live: a long day in Berlin</title></head><body><main>${live('Live: a long day in Berlin', long)}</main></body></html>`,
    ),
  );
  server.route('/spa/content', (_req, res, url) =>
    send(res, 'application/json', JSON.stringify(PAGES[url.searchParams.get('path') ?? ''])),
  );
}

const ALL_NAMES = ['Angela Merkel', 'Berlin', 'Emmanuel Macron', 'Paris', 'Vladimir Putin', 'Moscow'];
const flat = (h: HighlightTexts) => [...h.person, ...h.organization, ...h.place];
/** The names of ALL_NAMES that are underlined. */
const underlined = async (tab: Tab) => {
  const all = flat(await highlightTexts(tab));
  return ALL_NAMES.filter((n) => all.includes(n));
};
/** Highlight ranges whose text is no longer in the page (what an old session would leave behind). */
const staleRanges = (tab: Tab) =>
  tab.evaluate(() => {
    let stale = 0;
    for (const [name, h] of CSS.highlights as unknown as Map<string, Iterable<Range>>) {
      if (!name.startsWith('backstory-')) continue;
      for (const r of h) if (!r.startContainer.isConnected || r.collapsed) stale++;
    }
    return stale;
  });

describe('the built content script', () => {
  it.each(['chrome', 'firefox'] as const)(
    '%s: names no API that exists only in secure contexts, its dependencies included',
    (browser) => {
      const js = readFileSync(join(buildDir(browser), 'content-scripts/content.js'), 'utf8');
      expect(SECURE_ONLY.filter(([, re]) => re.test(js)).map(([api]) => api)).toEqual([]);
    },
  );
});

const LAUNCHERS = [
  ['chromium', () => launchChromium({ hosts: [HOST] })],
  ['firefox', () => launchFirefox({ hosts: [HOST] })],
] as const;

describe.each(LAUNCHERS)('%s', (name, launch) => {
  let server: LocalServer;
  let driver: Driver;
  /** An extension page kept open to ask the background and the tab, as the popup would. */
  let probe: Tab;

  /** The background's reading state for a page: its update ids, or null when it has none. */
  const updatesOf = (url: string): Promise<string[] | null> =>
    probe.evaluate(async (url) => {
      const b = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
      const reply = await b.runtime.sendMessage({ bs: 1, type: 'page:get', payload: { url } });
      return reply?.ok ? (reply.ok.updates as Array<{ id: string }>).map((u) => u.id) : null;
    }, url);
  /** Which page the background counts a tab as showing (its badge), by tab id. */
  const tabPages = (): Promise<Record<string, string>> =>
    probe.evaluate(async () => {
      const b = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
      const tabs = ((await b.storage.session.get('tabs')).tabs ?? {}) as Record<string, { url: string }>;
      return Object.fromEntries(Object.entries(tabs).map(([id, t]) => [id, t.url]));
    });
  /** What the tab's content script says about its page (the popup's question). */
  const ping = (
    tabId: number,
  ): Promise<{ url: string; isLiveBlog: boolean; looked: boolean; names: number } | null> =>
    probe.evaluate(async (tabId) => {
      const b = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
      const reply = await b.tabs
        .sendMessage(tabId, { bs: 1, type: 'page:ping', payload: {} })
        .catch(() => null);
      return reply?.ok ?? null;
    }, tabId);
  const tabShowing = async (url: string) => {
    const id = await until(async () => Object.entries(await tabPages()).find(([, u]) => u === url)?.[0], {
      what: `the tab counted as showing ${url}`,
    });
    return Number(id);
  };

  beforeAll(async () => {
    server = await startServer();
    serveSpa(server);
    driver = await launch();
    probe = await driver.openExtensionPage('options.html');
  });

  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('runs the whole slice on a plain-http page under a real host name, which is not a secure context', async () => {
    const url = `http://${HOST}:${server.port}/spa/live-a`;
    const page = await driver.open(url);
    expect(await page.evaluate(() => ({ secure: isSecureContext, host: location.hostname }))).toEqual({
      secure: false,
      host: HOST,
    });
    await until(async () => (await underlined(page)).includes('Angela Merkel') || null, {
      what: `names underlined on ${url}`,
      timeout: 15_000,
    });
    expect(await until(() => updatesOf(url), { what: `updates tracked for ${url}` })).toEqual(
      A.map((e) => `id_${e.id}`),
    );
    await page.close();
  });

  it('gives every page a page swapped in by script its own session, and leaves nothing of the old one', async () => {
    const base = server.origin;
    const page = await driver.open(`${base}/spa/live-a`);
    await until(async () => (await underlined(page)).join() === 'Angela Merkel,Berlin' || null, {
      what: 'names of A',
    });
    expect(await until(() => updatesOf(`${base}/spa/live-a`), { what: 'updates of A' })).toEqual(
      A.map((e) => `id_${e.id}`),
    );
    const tabId = await tabShowing(`${base}/spa/live-a`);
    // A live insertion on A: its marker and pill are drawn (in the closed host, found at the pill's point).
    const atPill = () =>
      page.evaluate(
        () => document.elementFromPoint(innerWidth - 40, innerHeight - 34)?.tagName.toLowerCase() ?? 'none',
      );
    await page.evaluate((html) => (window as any).__insert(html), entryHtml(A_NEW));
    await until(async () => (await atPill()) === 'backstory-reading' || null, {
      what: 'markers and pill drawn on A',
    });

    // A → B by pushState and a swap of the article.
    await page.evaluate(() => (window as any).__go('/spa/live-b'));
    await until(async () => (await underlined(page)).join() === 'Emmanuel Macron,Paris' || null, {
      what: () => 'names of B only',
    });
    expect(await until(() => updatesOf(`${base}/spa/live-b`), { what: 'updates of B' })).toEqual(
      B.map((e) => `id_${e.id}`),
    );
    await until(async () => (await tabPages())[tabId] === `${base}/spa/live-b` || null, {
      what: 'the tab counted for B',
    });
    expect(await staleRanges(page)).toBe(0);
    // A's layer went with its session (one host left: B's, mounted from its start); B is a first visit,
    // so nothing is flagged and no pill is drawn.
    expect(await page.evaluate(() => document.querySelectorAll('backstory-reading').length)).toBe(1);
    expect(await atPill()).not.toBe('backstory-reading');
    // A's state was not touched by B's session (nothing of B reported under A's address).
    expect(await updatesOf(`${base}/spa/live-a`)).toEqual([A_NEW, ...A].map((e) => `id_${e.id}`));
    expect(await ping(tabId)).toMatchObject({
      url: `${base}/spa/live-b`,
      isLiveBlog: true,
      names: expect.any(Number),
      language: 'en',
    });

    // B → an ordinary article: its names, no live blog, the tab no longer counted for B.
    await page.evaluate(() => (window as any).__go('/spa/article'));
    await until(async () => (await underlined(page)).join() === 'Vladimir Putin,Moscow' || null, {
      what: 'names of the article only',
    });
    const article = await until(
      async () => {
        const p = await ping(tabId);
        return p?.url.endsWith('/spa/article') && p.names > 0 && p.looked ? p : null;
      },
      { what: 'the article session' },
    );
    expect(article.isLiveBlog).toBe(false);
    await until(async () => (await tabPages())[tabId] === undefined || null, {
      what: 'the tab no longer counted for B',
    });
    expect(await staleRanges(page)).toBe(0);
    expect(await updatesOf(`${base}/spa/article`)).toBeNull();

    // Back (popstate): B again, its own session.
    await page.evaluate(() => history.back());
    await until(async () => (await underlined(page)).join() === 'Emmanuel Macron,Paris' || null, {
      what: 'names of B after going back',
    });
    await until(async () => (await tabPages())[tabId] === `${base}/spa/live-b` || null, {
      what: 'the tab counted for B again',
    });
    expect((await ping(tabId))?.isLiveBlog).toBe(true);
    // The page's own DOM was never written to: every element in <body> is the page's.
    expect(await page.evaluate(() => document.body.querySelectorAll('[data-backstory-host]').length)).toBe(0);
    await page.close();
  });

  it('follows a URL the page pushes without changing its content (the Navigation API, no DOM change to notice)', async () => {
    const first = `${server.origin}/spa/live-a?edition=1`;
    const page = await driver.open(first);
    expect(await until(() => updatesOf(first), { what: 'updates of edition 1' })).toEqual(
      A.map((e) => `id_${e.id}`),
    );
    const tabId = await tabShowing(first);
    await page.evaluate(() => history.pushState(null, '', '/spa/live-a?edition=2'));
    const second = `${server.origin}/spa/live-a?edition=2`;
    expect(await until(() => updatesOf(second), { what: 'updates of edition 2', timeout: 5000 })).toEqual(
      A.map((e) => `id_${e.id}`),
    );
    await until(async () => (await tabPages())[tabId] === second || null, {
      what: 'the tab counted for edition 2',
    });
    // A fragment is the same page: no new session, nothing reported again.
    await page.evaluate(() => (location.hash = 'id_103'));
    await sleep(800);
    expect((await tabPages())[tabId]).toBe(second);
    await page.close();
  });

  it("keeps names underlined through the page's own edits and insertions, and none on the wrong words", async () => {
    const page = await driver.open(`${server.origin}/spa/live-a`);
    await until(async () => (await underlined(page)).join() === 'Angela Merkel,Berlin' || null, {
      what: 'names underlined',
    });
    // Every drawn range reads a name (read through a live Range: the registry's are static).
    const drawnTexts = async () => flat(await highlightTexts(page));
    const merkels = (await drawnTexts()).filter((t) => t === 'Angela Merkel').length;
    await page.evaluate(() => {
      const w = window as any;
      w.__before = new Set([...(CSS.highlights.get('backstory-person') as any)]);
      // An edit that leaves the names where they were (the page rewrites the whole node).
      (document.querySelector('.liveblog-entry-content p')!.firstChild as Text).data += ' (updated)';
    });
    await sleep(1500);
    // The same ranges are still drawn: an edit that moves no name changes nothing of the highlights.
    expect(
      await page.evaluate(() => {
        const w = window as any;
        const now = [...(CSS.highlights.get('backstory-person') as any)];
        return now.length > 0 && now.every((r) => w.__before.has(r));
      }),
    ).toBe(true);
    // An edit that moves the names: never an underline on the wrong words, and the names drawn again.
    await page.evaluate(() => {
      const t = document.querySelector('.liveblog-entry-content p')!.firstChild as Text;
      t.data = 'Earlier today, ' + t.data;
    });
    expect((await drawnTexts()).every((t) => ALL_NAMES.includes(t))).toBe(true);
    await until(
      async () => (await drawnTexts()).filter((t) => t === 'Angela Merkel').length === merkels || null,
      {
        what: 'the moved name underlined again',
      },
    );
    expect((await drawnTexts()).every((t) => ALL_NAMES.includes(t))).toBe(true);
    // A live insertion: its names are underlined.
    const entry = entryHtml({
      id: 105,
      time: '12:20',
      title: 'Visitors',
      text: 'Emmanuel Macron flew in from Paris to join the talks.',
    });
    await page.evaluate((html) => (window as any).__insert(html), entry);
    await until(async () => (await underlined(page)).includes('Emmanuel Macron') || null, {
      what: 'the inserted entry underlined',
    });
    expect(await underlined(page)).toEqual(['Angela Merkel', 'Berlin', 'Emmanuel Macron', 'Paris']);
    await page.close();
  });

  it('tints the names of a very long live blog instead of underlining them, from the first one drawn', async () => {
    const page = await driver.open(`http://${HOST}:${server.port}/long`);
    const registered = () =>
      page.evaluate(() =>
        Object.fromEntries(
          [...(CSS.highlights as unknown as Map<string, Set<unknown>>)].map(([k, h]) => [k, h.size]),
        ),
      );
    let last = {};
    const seen = await until(
      async () => {
        const r = (last = await registered());
        return (r['backstory-tint-person'] ?? 0) > 0 && (r['backstory-tint-place'] ?? 0) > 0 ? r : null;
      },
      { what: () => `names tinted on the long page (registered: ${JSON.stringify(last)})`, timeout: 20_000 },
    );
    expect(Object.keys(seen).filter((k) => k.startsWith('backstory-') && !k.includes('tint'))).toEqual([]);
    if (name === 'chromium')
      // The stylesheet reached the page: the tint is a fill, with no decoration (what makes it cheap).
      expect(
        await page.evaluate(() => {
          const p = document.querySelector('.liveblog-entry-content p')!;
          const tint = getComputedStyle(p, '::highlight(backstory-tint-person)');
          const line = getComputedStyle(p, '::highlight(backstory-person)');
          return [
            tint.backgroundColor !== 'rgba(0, 0, 0, 0)',
            tint.textDecorationLine,
            line.textDecorationLine,
          ];
        }),
      ).toEqual([true, 'none', 'underline']);
    await page.close();
  });

  it('keeps the other features working when one fails: reading off, names still underlined', async () => {
    const url = `${server.origin}/spa/live-b?backstory-test-fail=reading`;
    const page = await driver.open(url);
    await until(async () => (await underlined(page)).join() === 'Emmanuel Macron,Paris' || null, {
      what: 'names with reading failed',
    });
    // Reading reports as it starts, before the names are found: by now it would have.
    await sleep(1000);
    expect(await updatesOf(url)).toBeNull();
    await page.close();
  });

  it('keeps the other features working when one fails: names off, updates still tracked', async () => {
    const url = `${server.origin}/spa/live-a?backstory-test-fail=names`;
    const page = await driver.open(url);
    expect(await until(() => updatesOf(url), { what: 'updates with names failed' })).toEqual(
      A.map((e) => `id_${e.id}`),
    );
    await sleep(1500);
    expect(flat(await highlightTexts(page))).toEqual([]);
    await page.close();
  });
});
