/**
 * Every platform fixture and every saved real page, through the production build in Chromium and Firefox
 * ESR: the content script finds the same updates there as the unit tests find in happy-dom (a content
 * script runs in its own world, and Firefox's differs in ways happy-dom cannot show), and calls no
 * ordinary article a live blog. The saved pages are served inert: a Content-Security-Policy stops their
 * scripts and every request off this server (the network is closed anyway), and their meta refreshes go.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, SHARED, startServer, type LocalServer } from '../../scripts/lib/server';
import { NOT_LIVE_BLOGS, OWN_PAGES } from '../fixtures/platforms/expected';
import { BROWSERS } from './harness/browsers';
import { until, type Driver, type Tab } from './harness/driver';

/** expected.json decides, for every saved real page, whether it is a live blog and how many updates it has. */
const REAL_DIR = join(SHARED, 'fixtures', 'real');
const EXPECTED = (
  JSON.parse(readFileSync(join(REAL_DIR, 'expected.json'), 'utf8')) as {
    pages: Record<string, { liveBlog: boolean; updates?: number }>;
  }
).pages;
const REAL_PAGES = readdirSync(REAL_DIR)
  .filter((f) => f.endsWith('.html'))
  .sort();
const REAL_LIVE = Object.fromEntries(
  REAL_PAGES.filter((f) => EXPECTED[f]?.liveBlog).map((f) => [f, EXPECTED[f].updates ?? 0]),
);
const REAL_ORDINARY = REAL_PAGES.filter((f) => EXPECTED[f] && !EXPECTED[f].liveBlog);

interface Ping {
  isLiveBlog: boolean;
  ids: string[];
}

describe.each(BROWSERS)('%s', (_name, launch) => {
  let server: LocalServer;
  let driver: Driver;
  let probe: Tab;

  /** What the content script of the tab showing `url` says, and the updates the background recorded. */
  const look = (url: string): Promise<Ping | null> =>
    probe.evaluate(async (url) => {
      const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
      // Without the "tabs" permission the extension cannot read tab URLs: ask every tab's content script.
      for (const tab of await api.tabs.query({})) {
        const ping = await api.tabs
          .sendMessage(tab.id, { bs: 1, type: 'page:ping', payload: {} })
          .catch(() => null);
        // Names come first: until the page is looked at for a live blog, `isLiveBlog` says nothing.
        if (ping?.ok?.url !== url || !ping.ok.looked) continue;
        const state = (await api.runtime.sendMessage({ bs: 1, type: 'page:get', payload: { url } }))?.ok;
        return { isLiveBlog: ping.ok.isLiveBlog, ids: state?.updates.map((u: { id: string }) => u.id) ?? [] };
      }
      return null;
    }, url);

  /** Loads a saved page, inert, and waits until its content script has answered (and, on a live blog, reported `count`). */
  const visit = async (path: string, count: number) => {
    const file = path.startsWith('/shared/')
      ? join(SHARED, 'fixtures', path.slice('/shared/'.length))
      : join(REPO, 'tests', path);
    const inert = `/inert${path}`;
    server.route(inert, (_req, res) => {
      const html = readFileSync(file, 'utf8')
        .replace(/<meta[^>]*http-equiv=["']?refresh[^>]*>/gi, '')
        .replace(
          /<head[^>]*>/i,
          (head) =>
            `${head}<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'none'">`,
        );
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
    });
    const url = server.origin + inert;
    const tab = await driver.open(url);
    const seen = await until(
      async () => {
        const p = await look(url);
        return p && (!p.isLiveBlog || p.ids.length === count) ? p : null;
      },
      { what: `${path}: ${count ? `${count} updates` : 'an answer'}`, timeout: 15_000 },
    );
    await tab.close();
    return seen;
  };

  beforeAll(async () => {
    server = await startServer();
    driver = await launch();
    probe = await driver.openExtensionPage('options.html');
  });

  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('finds the updates of every platform fixture, with their ids', async () => {
    for (const [file, e] of Object.entries(OWN_PAGES)) {
      const seen = await visit(`/fixtures/platforms/${file}`, e.count);
      expect(seen.isLiveBlog, file).toBe(true);
      expect(seen.ids, file).toHaveLength(e.count);
      if (e.ids) expect(seen.ids, file).toEqual(e.ids);
    }
  });

  it('knows every saved real page from expected.json', () => {
    expect(REAL_PAGES.filter((f) => !EXPECTED[f])).toEqual([]);
  });

  it('finds the updates of the real live blogs', async () => {
    for (const [file, count] of Object.entries(REAL_LIVE)) {
      const seen = await visit(`/shared/real/${file}`, count);
      expect([file, seen.isLiveBlog, seen.ids.length]).toEqual([file, true, count]);
    }
  });

  it('calls no ordinary page a live blog', async () => {
    for (const path of [
      ...NOT_LIVE_BLOGS.map((f) => `/fixtures/platforms/${f}`),
      ...REAL_ORDINARY.map((f) => `/shared/real/${f}`),
    ]) {
      const seen = await visit(path, 0);
      expect([path, seen.isLiveBlog, seen.ids.length]).toEqual([path, false, 0]);
    }
  });
});
