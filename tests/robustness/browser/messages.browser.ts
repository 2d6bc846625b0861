/**
 * The message matrix's real-browser sample, in Chromium and Firefox ESR on the test build (the full
 * matrix runs in Node: tests/robustness/messages.test.ts):
 * - extension page: every kind, well-formed, is handled (a content script's own kinds are refused);
 *   malformed (an unknown field, not an object, a field of the wrong type) is refused before any handler;
 * - web page: cannot reach the background at all (no runtime messaging to the extension; messages posted
 *   to the window change nothing);
 * - content script of its own tab: its page is reported (the real content script's own report);
 * - content script, in Chromium (its isolated world reached over CDP, standing in for a compromised
 *   renderer): its own page is marked; another page of its site, another site, export, clear and settings
 *   are refused; after a pushState, the page it left still takes its last marks. Firefox offers no way
 *   into a content script's world from outside, so this part runs in Chromium only.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackgroundProtocol } from '../../../src/messaging/protocol';
import { startServer, type LocalServer } from '../../../scripts/lib/server';
import { launchChromium } from '../../e2e/harness/chromium';
import { until, type Driver, type Tab } from '../../e2e/harness/driver';
import { launchFirefox } from '../../e2e/harness/firefox';
import { serveLiveBlog } from '../../e2e/harness/live-blog';
import { CONTENT_ONLY, VALID } from '../payloads';

type Kind = keyof BackgroundProtocol;
/** Kinds only a content script sends (the table in src/messaging/schemas.ts says the same). */
const REFUSAL = /is not allowed from|^Malformed |not this tab's page|^Unknown message/;

const BROWSERS: ReadonlyArray<readonly ['chromium' | 'firefox', () => Promise<Driver>]> = [
  ['chromium', () => launchChromium()],
  ['firefox', () => launchFirefox()],
];

let server: LocalServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

/** Sends from an extension page (the options page): the reply, or the error it carried. */
const fromPage = (probe: Tab, type: string, payload: unknown) =>
  probe.evaluate(
    async ({ type, payload }) => {
      const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
      try {
        const reply = await api.runtime.sendMessage({ bs: 1, type, payload });
        return reply ?? { error: 'no answer' };
      } catch (e) {
        return { error: `threw: ${String(e)}` };
      }
    },
    { type, payload },
  ) as Promise<{ ok?: unknown; error?: string }>;

const unseenOf = async (probe: Tab, url: string) => {
  const reply = await fromPage(probe, 'page:get', { url });
  return (reply.ok as { unseen: number } | null)?.unseen ?? -1;
};

describe.each(BROWSERS)('%s', (name, launch) => {
  let driver: Driver;
  let probe: Tab;

  beforeAll(async () => {
    driver = await launch();
    probe = await driver.openExtensionPage('options.html');
  });
  afterAll(async () => {
    await driver?.close();
  });

  // The kinds whose handlers act on the browser (open tabs, ask permissions) are sent last.
  const order = (Object.keys(VALID) as Kind[]).sort(
    (a, b) =>
      Number(['page:jump', 'options:open'].includes(a)) - Number(['page:jump', 'options:open'].includes(b)),
  );

  it.each(order)('from an extension page: %s well-formed is handled, malformed is refused', async (kind) => {
    const valid = VALID[kind];
    if (CONTENT_ONLY.includes(kind)) {
      // A content script's kinds: refused from an extension page, well-formed or not.
      for (const payload of [valid, { ...valid, extra: 1 }, null])
        expect((await fromPage(probe, kind, payload)).error, kind).toMatch(/is not allowed from page/);
      return;
    }
    const reply = await fromPage(probe, kind, valid);
    expect(reply.error ?? '', `${kind} well-formed`).not.toMatch(REFUSAL);
    for (const [what, payload] of [
      ['an unknown field', { ...valid, extra: 1 }],
      ['not an object', 'e1e2'],
      ['no payload', null],
      ...Object.keys(valid)
        .slice(0, 1)
        .map((f) => [
          `${f} of the wrong type`,
          { ...valid, [f]: typeof valid[f] === 'number' ? 'x' : 12345 },
        ]),
    ] as Array<[string, unknown]>) {
      expect((await fromPage(probe, kind, payload)).error, `${kind} with ${what}`).toMatch(/^Malformed /);
    }
  });

  it('a web page cannot reach the background: no runtime messaging, and messages posted to the window change nothing', async () => {
    const blog = serveLiveBlog(server, `web-${name}`, 4);
    const tab = await driver.open(blog.url);
    try {
      await until(async () => (await unseenOf(probe, blog.url)) === 4, { what: 'the page reported' });
      const tried = await tab.evaluate(async (url) => {
        const results: string[] = [];
        const env = (type: string, payload: unknown) => ({ bs: 1, type, payload });
        const chromeApi = (globalThis as any).chrome;
        const browserApi = (globalThis as any).browser;
        results.push(`browser: ${typeof browserApi}`);
        if (chromeApi?.runtime?.sendMessage) {
          try {
            await chromeApi.runtime.sendMessage(
              'a'.repeat(32),
              env('updates:mark', { url, ids: ['id_1'], state: 'seen', manual: true }),
            );
            results.push('sendMessage answered');
          } catch {
            results.push('sendMessage refused');
          }
        } else results.push('no runtime.sendMessage');
        for (const type of ['updates:mark', 'data:clear', 'settings:set']) {
          const payload =
            type === 'updates:mark'
              ? { url, ids: ['id_1', 'id_2', 'id_3', 'id_4'], state: 'seen', manual: true }
              : type === 'data:clear'
                ? { what: 'all' }
                : { wikipediaEndpoint: 'https://attacker.example/' };
          window.postMessage(env(type, payload), '*');
          document.dispatchEvent(new CustomEvent(type, { detail: env(type, payload) }));
        }
        await new Promise((r) => setTimeout(r, 1000));
        return results;
      }, blog.url);
      expect(tried).not.toContain('sendMessage answered');
      expect(tried).toContain('browser: undefined');
      expect(await unseenOf(probe, blog.url), 'nothing marked').toBe(4);
      const settings = await fromPage(probe, 'settings:set', {});
      expect(JSON.stringify(settings.ok)).not.toContain('attacker');
    } finally {
      await tab.close();
    }
  });

  it("from its own tab's content script: the page's report is accepted", async () => {
    const blog = serveLiveBlog(server, `own-${name}`, 3);
    const tab = await driver.open(blog.url);
    try {
      await until(async () => (await unseenOf(probe, blog.url)) === 3, { what: 'the page reported' });
    } finally {
      await tab.close();
    }
  });

  if (name === 'chromium')
    it("from a content script (its world over CDP): its tab's page only, and the page it left by pushState", async () => {
      const chromium = driver as Driver & { context(): BrowserContext };
      const mine = serveLiveBlog(server, 'cs-mine', 4);
      const sibling = serveLiveBlog(server, 'cs-sibling', 4);
      const siblingTab = await driver.open(sibling.url);
      await until(async () => (await unseenOf(probe, sibling.url)) === 4, { what: 'the sibling reported' });
      await siblingTab.close();
      await driver.open(mine.url);
      await until(async () => (await unseenOf(probe, mine.url)) === 4, { what: 'the page reported' });
      const page: Page = chromium.context().pages().at(-1)!;
      const cdp: CDPSession = await chromium.context().newCDPSession(page);
      const worlds: Array<{ id: number; name: string; auxData?: { type?: string; isDefault?: boolean } }> =
        [];
      cdp.on('Runtime.executionContextCreated', (e) => void worlds.push(e.context as never));
      await cdp.send('Runtime.enable');
      const world = await until(
        () => worlds.find((w) => w.auxData?.type === 'isolated' && /backstory/i.test(w.name)),
        {
          what: "the content script's isolated world",
        },
      );
      const send = async (type: string, payload: unknown): Promise<{ ok?: unknown; error?: string }> => {
        const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
          contextId: world.id,
          awaitPromise: true,
          returnByValue: true,
          expression: `chrome.runtime.sendMessage(${JSON.stringify({ bs: 1, type, payload })}).then((r) => r ?? { error: 'no answer' }, (e) => ({ error: 'threw: ' + e }))`,
        });
        if (exceptionDetails) throw new Error(JSON.stringify(exceptionDetails));
        return result.value;
      };
      const mark = (url: string, ids: string[]) =>
        send('updates:mark', { url, ids, state: 'seen', manual: true });

      expect((await mark(mine.url, ['id_1'])).error).toBeUndefined();
      expect((await mark(sibling.url, ['id_1'])).error).toMatch(/not this tab's page/);
      expect((await mark('https://bank.example/', ['id_1'])).error).toMatch(/not this tab's page/);
      expect((await send('page:get', { url: sibling.url })).error).toMatch(/not this tab's page/);
      expect((await send('data:export', {})).error).toMatch(/not allowed from content/);
      expect((await send('data:clear', { what: 'all' })).error).toMatch(/not allowed from content/);
      expect((await send('settings:set', { wikipediaEndpoint: 'https://attacker.example/' })).error).toMatch(
        /not allowed from content/,
      );
      // The page moves on by pushState: the background now sees the new URL as the frame's.
      await page.evaluate(() => history.pushState(null, '', '?moved=1'));
      expect((await mark(mine.url, ['id_2'])).error, "the left page's last marks").toBeUndefined();
      expect(
        (await send('page:get', { url: `${mine.url}?moved=1` })).error,
        'the page the tab shows now (the tab follows the pushState; the frame keeps its first URL)',
      ).toBeUndefined();
      expect((await mark(sibling.url, ['id_2'])).error).toMatch(/not this tab's page/);
      expect(await unseenOf(probe, mine.url)).toBe(2);
      expect(await unseenOf(probe, sibling.url)).toBe(4);
      await cdp.detach();
      await page.close();
    });
});
