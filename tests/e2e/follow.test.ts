/**
 * Following a live blog while away, end to end, on the test build, in Chromium and in Firefox ESR: the
 * reader follows a blog from the popup and closes its tab; the blog gains updates on the server; within
 * one (shortened) check period the popup lists them, from conditional requests sent without cookies
 * (304 when nothing changed); Chrome's service worker stopped between checks loses nothing; reopening
 * the blog flags exactly the updates that came while away; a page its scripts render is marked "can't
 * check in the background" with its reason.
 */
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerConditional, startServer, type LocalServer } from '../../scripts/lib/server';
import { BROWSERS } from './harness/browsers';
import { launchChromium, type ChromiumDriver } from './harness/chromium';
import { sleep, until, type Driver, type Tab } from './harness/driver';
import { launchFirefox } from './harness/firefox';

/** The check period the test build is set to: 0.05 minutes. */
const PERIOD_MINUTES = 0.05;
const PERIOD_MS = PERIOD_MINUTES * 60_000;
/** One period, plus the time a round takes on a loaded two-core machine. */
const WITHIN_ONE_PERIOD = PERIOD_MS + 12_000;

interface Check {
  at: number;
  status: number;
  cookie?: string;
  ifNoneMatch?: string;
}

interface Blog {
  url: string;
  publish(story?: string): number;
  ids(): string[];
  /** Requests from Backstory's checks (not the tab's own loads), in order. */
  checks: Check[];
}

/** Text of entries published with a story of their own (a watched name in it). */
const STORIES = new Map<number, string>();

const entryHtml = (id: number) =>
  `<article id="id_${id}" class="liveblog-entry"><aside class="liveblog-entry-aside"><a class="liveblog-meta-time" href="#${id}"><span>${String(8 + Math.floor(id / 3)).padStart(2, '0')}:${String((id * 20) % 60).padStart(2, '0')}</span></a></aside><div class="liveblog-entry-main"><header class="liveblog-meta"><h2 class="liveblog-entry-header">Entry ${id}: news from the valley</h2></header><div class="liveblog-entry-content"><p>${STORIES.get(id) ?? `Officials said the road would stay closed while engineers inspect bridge ${id}.`}</p><p>Residents have been told to expect an update by the evening (entry ${id}).</p></div></div></article>`;

/** A check is the extension's own GET: its Accept header is exactly what src/follow/checker.ts sends. */
const isCheck = (req: IncomingMessage) => req.headers.accept === 'text/html,application/xhtml+xml';

function serveBlog(server: LocalServer, slug: string): Blog {
  const entries = [1, 2, 3, 4, 5, 6];
  const path = `/follow/${slug}.html`;
  const blog: Blog = {
    url: server.origin + path,
    publish(story) {
      const id = entries.at(-1)! + 1;
      if (story) STORIES.set(id, story);
      entries.push(id);
      return id;
    },
    ids: () => [...entries].reverse().map((id) => `id_${id}`),
    checks: [],
  };
  server.route(path, (req, res) => {
    const etag = `"v${entries.length}"`;
    const status = answerConditional(
      req,
      res,
      etag,
      () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live: Floods in the valley (${slug})</title></head>
<body><main><h1>Live: Floods in the valley</h1><div class="liveblog-feed">${[...entries].reverse().map(entryHtml).join('')}</div></main></body></html>`,
      // The reader's session on the site: checks must not send it back.
      { 'Set-Cookie': 'reader-session=secret; Path=/; SameSite=Lax' },
    );
    if (isCheck(req))
      blog.checks.push({
        at: Date.now(),
        status,
        cookie: req.headers.cookie,
        ifNoneMatch: req.headers['if-none-match'] as string | undefined,
      });
  });
  return blog;
}

/** A live blog whose HTML has no updates: its script draws them. */
function serveScriptBlog(server: LocalServer): string {
  const path = '/follow/script-rendered.html';
  server.route(path, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live: drawn by script</title></head>
<body><div id="root"></div><script>
document.getElementById('root').innerHTML = '<main><h1>Live: drawn by script</h1><div class="liveblog-feed">' + ${JSON.stringify([5, 4, 3, 2, 1].map(entryHtml).join(''))} + '</div></main>';
</script></body></html>`);
  });
  return server.origin + path;
}

/**
 * A live blog for subscribers: the reader's browser carries the session cookie the site set when they logged
 * in; a request without it (the background's check) is answered 403.
 */
function serveSubscriberBlog(server: LocalServer): { login: string; url: string } {
  const path = '/follow/subscribers.html';
  server.route('/follow/login', (_req, res) => {
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Set-Cookie': 'subscriber=yes; Path=/; SameSite=Lax',
    });
    res.end(
      '<!doctype html><html lang="en"><head><title>Logged in</title></head><body><p>Welcome back.</p></body></html>',
    );
  });
  server.route(path, (req, res) => {
    if (!/(^|;\s*)subscriber=yes/.test(req.headers.cookie ?? '')) {
      res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><html lang="en"><head><title>Subscribers only</title></head><body><p>Please log in.</p></body></html>',
      );
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live: for subscribers</title></head>
<body><main><h1>Live: for subscribers</h1><div class="liveblog-feed">${[5, 4, 3, 2, 1].map(entryHtml).join('')}</div></main></body></html>`);
  });
  return { login: server.origin + '/follow/login', url: server.origin + path };
}

/** Presses a button of an extension page as a reader does: the pointer on it, a click. */
async function press(tab: Tab, selector: string): Promise<void> {
  const point = await until(
    () =>
      tab.evaluate((sel) => {
        const el = document.querySelector<HTMLElement>(sel);
        if (!el || (el as HTMLButtonElement).disabled) return null;
        el.scrollIntoView({ block: 'center' });
        const r = el.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }, selector),
    { what: `button ${selector}` },
  );
  await tab.click(point.x, point.y);
}

interface FollowRow {
  unseen: number;
  found: string[];
  cantCheck: string;
  hits: string[];
}

/** Types into a field of an extension page with the keyboard, as a reader does. */
async function typeInto(tab: Tab, selector: string, text: string): Promise<void> {
  // A click can miss while the page still moves (its lists load after it): click until the field has focus.
  await until(
    async () => {
      await press(tab, selector);
      return tab.evaluate((sel) => document.activeElement === document.querySelector(sel), selector);
    },
    { what: `the focus in ${selector}` },
  );
  for (const ch of text) await tab.press(ch);
  let value: string | undefined;
  await until(
    async () =>
      (value = await tab.evaluate(
        (sel) => document.querySelector<HTMLInputElement>(sel)?.value,
        selector,
      )) === text,
    { what: () => `"${text}" in ${selector} (it holds ${JSON.stringify(value)})` },
  );
}

/** The popup's Following list, as the reader sees it (the popup opened in a tab of its own). */
async function followingRows(driver: Driver): Promise<Record<string, FollowRow>> {
  const popup = await driver.openExtensionPage('popup.html');
  try {
    await until(() => popup.evaluate(() => !document.querySelector('[aria-busy="true"]')), { what: 'popup' });
    await sleep(300);
    return await popup.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('[data-follow-url]')].map((li) => [
          li.dataset.followUrl!,
          {
            unseen: Number(li.dataset.unseen),
            found: [...li.querySelectorAll<HTMLElement>('.found [data-update-id]')].map(
              (x) => x.dataset.updateId!,
            ),
            cantCheck: li.querySelector('.cant-check')?.textContent ?? '',
            hits: [...li.querySelectorAll('.hits li')].map((x) => x.textContent ?? ''),
          },
        ]),
      ),
    );
  } finally {
    await popup.close();
  }
}

/** Every update's reading state, asked of the background from an extension page. */
async function pageState(driver: Driver, url: string) {
  const probe = await driver.openExtensionPage('options.html');
  try {
    return await probe.evaluate(async (url) => {
      const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
      const reply = await api.runtime.sendMessage({ bs: 1, type: 'page:get', payload: { url } });
      if (!reply || 'error' in reply) throw new Error(`page:get: ${reply?.error ?? 'no answer'}`);
      return reply.ok as null | { updates: Array<{ id: string; state: string; fresh: boolean }> };
    }, url);
  } finally {
    await probe.close();
  }
}

/** The prompt's title names the extension (Chromium: "Backstory" has requested additional permissions.;
 * Firefox: Backstory requests additional settings). */
const PROMPT_TITLE = /^"?Backstory"? (has requested|requests) additional/;

describe.each(BROWSERS)('%s', (name) => {
  const launch = () =>
    name === 'firefox' ? launchFirefox({ prompts: true }) : launchChromium({ prompts: true });
  let server: LocalServer;
  let driver: Driver;
  let blog: Blog;
  let published: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    blog = serveBlog(server, name);
    driver = await launch();
    await driver.setSettings({ followMinutes: PERIOD_MINUTES, followBadge: true });
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('follows a blog from the popup, and lists what it gains while its tab is closed', async () => {
    const tab = await driver.open(blog.url);
    await until(async () => (await pageState(driver, blog.url))?.updates.length === 6, {
      what: 'the content script reports the blog',
    });
    // The reader catches up and follows the blog, from the popup.
    const popup = await driver.openExtensionPage(`popup.html?url=${encodeURIComponent(blog.url)}`);
    await press(popup, '.summary button');
    await press(popup, 'button.follow');
    await until(
      () =>
        popup.evaluate(
          () => document.querySelector('button.follow')?.getAttribute('aria-pressed') === 'true',
        ),
      {
        what: 'Following',
      },
    );
    await popup.close();
    await tab.close();

    published = [blog.publish(), blog.publish()].reverse().map((id) => `id_${id}`);
    const rows = await until(
      async () => {
        const r = (await followingRows(driver))[blog.url];
        return r?.unseen === 2 ? r : null;
      },
      {
        timeout: WITHIN_ONE_PERIOD,
        what: () => `2 new in the popup (checks: ${JSON.stringify(blog.checks)})`,
      },
    );
    expect(rows.found).toEqual(published);
    expect(rows.cantCheck).toBe('');
    // The badge option: the followed blogs' total is the toolbar's text wherever a tab sets none of its own.
    const probe = await driver.openExtensionPage('options.html');
    const badge = await probe.evaluate(() =>
      (((globalThis as any).browser ?? (globalThis as any).chrome) as any).action.getBadgeText({}),
    );
    await probe.close();
    expect(badge).toBe('2');
    // Checks are conditional, and carry none of the reader's cookies for the site.
    await until(() => blog.checks.some((c) => c.status === 304), {
      timeout: WITHIN_ONE_PERIOD,
      what: () => `a 304 (checks: ${JSON.stringify(blog.checks)})`,
    });
    expect(blog.checks.every((c) => c.cookie === undefined)).toBe(true);
    expect(blog.checks.filter((c) => c.status === 304).every((c) => c.ifNoneMatch)).toBe(true);
  });

  it('loses nothing when the background stops between checks', async () => {
    /** The worker's states, as Chrome reports them (stopped, starting, running …). */
    const states: string[] = [];
    let cdp: import('playwright-core').CDPSession | null = null;
    let watcher: import('playwright-core').Page | null = null;
    if (name === 'chromium') {
      // Stop Chrome's service worker the way the browser does when it is idle, and watch it come back.
      const context = (
        driver as unknown as { context(): import('playwright-core').BrowserContext }
      ).context();
      watcher = await context.newPage();
      cdp = await context.newCDPSession(watcher);
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const v of versions)
          if (v.scriptURL.startsWith('chrome-extension://')) states.push(v.runningStatus);
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await until(() => states.at(-1) === 'stopped', { what: () => `the worker stopped (${states})` });
    }
    const since = Date.now();
    published = [`id_${blog.publish()}`, ...published];
    // The alarm wakes the background: a check reaches the server with no extension page open.
    await until(() => blog.checks.some((c) => c.at > since && c.status === 200), {
      timeout: WITHIN_ONE_PERIOD,
      what: () => `a check after the stop (checks: ${JSON.stringify(blog.checks.slice(-3))})`,
    });
    if (cdp) {
      // Woken by the alarm alone: no extension page was open between the stop and this check. (DevTools
      // may report the worker running a moment after its request reached the server.)
      await until(() => states.slice(states.lastIndexOf('stopped')).includes('running'), {
        what: () => `the worker running again after the stop (states: ${states})`,
      });
      await cdp.detach();
      await watcher!.close();
    }
    const rows = await until(
      async () => {
        const r = (await followingRows(driver))[blog.url];
        return r?.unseen === 3 ? r : null;
      },
      { timeout: WITHIN_ONE_PERIOD, what: '3 new in the popup' },
    );
    expect(rows.found).toEqual(published);
  });

  it('reopening the blog flags exactly the updates that came while away', async () => {
    const tab = await driver.open(blog.url);
    const state = await until(
      async () => {
        const s = await pageState(driver, blog.url);
        return s?.updates.length === 9 ? s : null;
      },
      { what: 'the reopened blog reported' },
    );
    expect(state.updates.filter((u) => u.fresh).map((u) => u.id)).toEqual(published);
    await tab.close();
    // The popup now counts them from the visit, not twice.
    const row = (await followingRows(driver))[blog.url];
    expect(row.found).toEqual([]);
  });

  it('a watched name in a new update shows in the popup with its sentence, and in a notification', async () => {
    const options = await driver.openExtensionPage('options.html');
    // The notifications box of the followed blog: once it is listed, the page has its lists and stays put.
    const box = `[data-follow-url="${blog.url}"] .follow-actions input[type="checkbox"]`;
    await until(() => options.evaluate((sel) => !!document.querySelector(sel), box), {
      what: 'the followed blog in the options page',
    });
    await typeInto(options, '.options form input[type="text"]', 'al-Bab');
    await options.press('Enter');
    await until(
      () => options.evaluate(() => document.querySelector('.watches')?.textContent?.includes('al-Bab')),
      {
        what: 'al-Bab in the watched names',
      },
    );
    // The reader turns notifications on for the blog; the browser asks for the permission (its own prompt,
    // shown because both browsers run headful on a virtual screen here), and the reader clicks Allow.
    await press(options, box);
    expect(await driver.answerPermissionPrompt('allow')).toMatch(PROMPT_TITLE);
    // The background's answer, not the box's own tick: notifications are on only once the permission is.
    await until(
      () =>
        options.evaluate(async (url) => {
          const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
          const reply = await api.runtime.sendMessage({ bs: 1, type: 'follow:list', payload: {} });
          return (reply.ok as Array<{ url: string; notify: boolean }>).find((b) => b.url === url)?.notify;
        }, blog.url),
      { what: () => 'notifications on for the blog' },
    );
    await options.close();
    // Firefox may close a notification within moments: an extension page records each as it is listed.
    const probe = name === 'firefox' ? await driver.openExtensionPage('options.html') : null;
    await probe?.evaluate(() => {
      const api = (globalThis as any).browser;
      const notes: Array<{ id: string; message?: string; event: string }> = ((window as any).__notes = []);
      const seen = (event: string) => async (id: string) => {
        const all = (await api.notifications.getAll()) as Record<string, { message: string }>;
        notes.push({ id, message: all[id]?.message, event });
      };
      api.notifications.onShown.addListener(seen('shown'));
      api.notifications.onClosed.addListener(seen('closed'));
      setInterval(async () => {
        const all = (await api.notifications.getAll()) as Record<string, { message: string }>;
        for (const [id, n] of Object.entries(all)) notes.push({ id, message: n.message, event: 'listed' });
      }, 20);
    });
    // Chromium shows a notification on screen for several seconds, then keeps it only in its list: what is
    // on screen is read from the moment the update is published until it has been seen.
    const onScreen: string[] = [];
    let watching = name === 'chromium';
    const screenWatch = (async () => {
      // Bounded, and quiet once the browser is gone: a failing test must not leave it running.
      const end = Date.now() + 90_000;
      while (watching && Date.now() < end)
        onScreen.push(...(await (driver as ChromiumDriver).alertsOnScreen().catch(() => [])));
    })();
    const sentence = 'Turkish-backed forces entered al-Bab on Thursday, officials said.';
    blog.publish(sentence);
    const row = await until(
      async () => {
        const r = (await followingRows(driver))[blog.url];
        return r?.hits.length ? r : null;
      },
      { timeout: WITHIN_ONE_PERIOD, what: 'the watched name in the popup' },
    );
    expect(row.hits).toEqual([sentence]);
    if (name === 'chromium') {
      // Chromium keeps the notification in its list until the reader closes it; it tells its id only.
      const ext = await driver.openExtensionPage('options.html');
      let ids: string[] = [];
      await until(
        async () =>
          (ids = await ext.evaluate(async () =>
            Object.keys(await (globalThis as any).chrome.notifications.getAll()),
          )).length > 0,
        { what: () => `a notification listed (${JSON.stringify(ids)})` },
      );
      await ext.close();
      expect(ids).toEqual([`backstory-follow|${blog.url}`]);
      // The reader sees it: the blog's title, the watched name and the sentence.
      try {
        await until(
          () => onScreen.some((t) => t.includes('al-Bab is mentioned in 1 new update on Live: Floods')),
          {
            what: () => `the notification on screen (seen: ${JSON.stringify([...new Set(onScreen)])})`,
          },
        );
      } finally {
        watching = false;
        await screenWatch;
      }
      expect(onScreen.find((t) => t.includes('al-Bab is mentioned'))).toBe(
        `Backstory: Live: Floods in the valley (chromium)\nal-Bab is mentioned in 1 new update on Live: Floods in the valley (chromium): “${sentence}”`,
      );
    }
    if (probe) {
      const notes = await until(
        async () => {
          const shown = await probe.evaluate(
            () => (window as any).__notes as Array<{ id: string; message?: string }>,
          );
          return shown.length ? shown : null;
        },
        { what: 'a notification shown' },
      );
      await probe.close();
      // One notification, for this blog (shown, listed or closed: Firefox may close it at once).
      expect([...new Set(notes.map((n) => n.id))]).toEqual([`backstory-follow|${blog.url}`]);
      const message = notes.find((n) => n.message)?.message;
      if (message) expect(message).toMatch(/^al-Bab is mentioned in 1 new update on Live: Floods/);
    }
  });

  /** The reader follows `url` from the popup (its five updates read), closes the tab, and waits for the reason. */
  async function cantCheckAfterFollowing(url: string): Promise<string> {
    const tab = await driver.open(url);
    await until(async () => (await pageState(driver, url))?.updates.length === 5, {
      what: `the content script reads ${url}`,
    });
    const popup = await driver.openExtensionPage(`popup.html?url=${encodeURIComponent(url)}`);
    await press(popup, 'button.follow');
    await popup.close();
    await tab.close();
    const row = await until(
      async () => {
        const r = (await followingRows(driver))[url];
        return r?.cantCheck ? r : null;
      },
      { timeout: WITHIN_ONE_PERIOD, what: 'the reason in the popup' },
    );
    return row.cantCheck;
  }

  it('a page its scripts render is marked "can’t check in the background", with the reason', async () => {
    expect(await cantCheckAfterFollowing(serveScriptBlog(server))).toMatch(
      /Can’t check in the background: the page draws its updates with scripts/,
    );
  });

  it('a blog the reader reads logged in is marked "can’t check in the background": the check sends no cookies', async () => {
    const { login, url } = serveSubscriberBlog(server);
    // The reader logs in, then reads the blog with the site's cookie.
    await (await driver.open(login)).close();
    expect(await cantCheckAfterFollowing(url)).toMatch(
      /Can’t check in the background: the site asks to log in \(HTTP 403\)/,
    );
  });
});
