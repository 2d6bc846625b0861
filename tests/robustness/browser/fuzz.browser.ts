/**
 * The fuzz's real-browser sample, in Chromium on the test build: generated hostile documents
 * (tests/robustness/generate.ts; 20 in the short profile, 100 with --full) served under news.test. On
 * each: the content script answers, the page's DOM is byte-identical and untouched, no error in the page
 * or in the extension's log; a live blog's updates are stored and can all be marked seen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LocalServer } from '../../../scripts/lib/server';
import { launchChromium } from '../../e2e/harness/chromium';
import { sleep, until, type Driver, type Tab } from '../../e2e/harness/driver';
import { esc, hostile, rng, SHAPES } from '../generate';
import { HOST, probedHtml } from './hostile';

const DOCS = Number(process.env.ROBUST_BROWSER_FUZZ_DOCS ?? 20);

let server: LocalServer;
let driver: Driver;
let probe: Tab;

beforeAll(async () => {
  server = await startServer();
  for (let seed = 1; seed <= DOCS; seed++) {
    const r = rng(seed * 7919);
    const shape = r.pick(Object.keys(SHAPES));
    const html = probedHtml(esc(hostile(r).slice(0, 2000)), SHAPES[shape](r, 2 + r.int(8)));
    server.route(`/fuzz/${seed}.html`, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(html);
    });
  }
  driver = await launchChromium({ hosts: [HOST] });
  probe = await driver.openExtensionPage('options.html');
});
afterAll(async () => {
  await driver?.close();
  await server?.close();
});

const ask = (type: string, payload: unknown) =>
  probe.evaluate(
    async ({ type, payload }) => {
      const reply = await (globalThis as any).chrome.runtime.sendMessage({ bs: 1, type, payload });
      return reply as { ok?: any; error?: string };
    },
    { type, payload },
  );

const ping = (url: string) =>
  probe.evaluate(async (url) => {
    const api = (globalThis as any).chrome;
    for (const tab of await api.tabs.query({})) {
      const answer = await api.tabs
        .sendMessage(tab.id, { bs: 1, type: 'page:ping', payload: {} })
        .catch(() => null);
      // Until the page is looked at for a live blog (names come first), `isLiveBlog` says nothing.
      if (answer?.ok?.url === url && answer.ok.looked) return answer.ok as { isLiveBlog: boolean };
    }
    return null;
  }, url);

describe('chromium', () => {
  it.each(Array.from({ length: DOCS }, (_, i) => i + 1))('fuzzed document %i', async (seed) => {
    const url = `http://${HOST}:${server.port}/fuzz/${seed}.html`;
    const tab = await driver.open(url);
    try {
      const pong = await until(() => ping(url), { timeout: 30_000, what: 'the content script answering' });
      await sleep(1500);
      const facts = await tab.evaluate(() => {
        const w = window as any;
        return {
          errors: w.__errors,
          foreign: w.__foreign,
          identical: w.__snapshot() === w.__dom0 + '\n#frames:' + (w.__frames0 ?? ''),
        };
      });
      expect(facts.errors).toEqual([]);
      expect(facts.foreign).toEqual([]);
      expect(facts.identical, "the page's DOM is byte-identical").toBe(true);
      expect((await ask('errors:list', {})).ok).toEqual([]);
      if (pong.isLiveBlog) {
        const state = await until(async () => (await ask('page:get', { url })).ok, {
          what: 'the page stored',
        });
        const ids = state.updates.map((u: { id: string }) => u.id);
        const marked = await ask('updates:mark', { url, ids, state: 'seen', manual: true });
        expect(marked.error).toBeUndefined();
        expect(marked.ok.unseen).toBe(0);
      }
    } finally {
      await tab.close();
    }
  });
});
