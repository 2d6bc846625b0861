/**
 * Data loss, in Chromium on the test build (the Node half: upgrades from every schema version, quota,
 * export/import at the caps, two tabs in the background — see scripts/check-robustness.ts):
 * - the service worker is stopped (CDP ServiceWorker.stopAllWorkers) while marks are being written, again
 *   and again: each mark is retried as the extension's pages and content scripts retry an unanswered one,
 *   and in the end every mark is there and nothing else changed;
 * - two tabs of one live blog report at once while the worker is stopped: one page, its updates once.
 */
import type { BrowserContext, CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LocalServer } from '../../../scripts/lib/server';
import { launchChromium } from '../../e2e/harness/chromium';
import { sleep, until, type Driver, type Tab } from '../../e2e/harness/driver';
import { serveLiveBlog } from '../../e2e/harness/live-blog';
import { PROFILE } from './hostile';

const STOPS = { full: 40, short: 10, ci: 3 }[PROFILE];

let server: LocalServer;
let driver: Driver & { context(): BrowserContext };
let probe: Tab;
let cdp: CDPSession;
const stopped = new Set<string>();
let starts = 0;

beforeAll(async () => {
  server = await startServer();
  driver = await launchChromium();
  probe = await driver.openExtensionPage('options.html');
  const page = await driver.context().newPage();
  cdp = await driver.context().newCDPSession(page);
  // Count the worker's stops as the browser reports them, so a stop that did not happen cannot pass.
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions)
      if (v.runningStatus === 'stopped') stopped.add(`${v.versionId}:${starts}`);
      else if (v.runningStatus === 'running') starts++;
  });
  await cdp.send('ServiceWorker.enable');
});
afterAll(async () => {
  await driver?.close();
  await server?.close();
});

const stopWorker = () => cdp.send('ServiceWorker.stopAllWorkers');

/** One message from an extension page, retried (a new page each time would be no different) until the
 * background answers: what the popup and the content script do with an unanswered message. */
const sendRetrying = (type: string, payload: unknown) =>
  probe.evaluate(
    async ({ type, payload }) => {
      const api = (globalThis as any).chrome;
      for (let attempt = 0; attempt < 100; attempt++) {
        try {
          const reply = await api.runtime.sendMessage({ bs: 1, type, payload });
          if (reply && 'ok' in reply) return { ok: reply.ok, attempts: attempt + 1 };
          if (reply && 'error' in reply) return { error: reply.error, attempts: attempt + 1 };
        } catch {
          // The worker was stopped under the message: ask again.
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return { error: 'never answered', attempts: 100 };
    },
    { type, payload },
  ) as Promise<{ ok?: any; error?: string; attempts: number }>;

describe('chromium', () => {
  it(`marks survive ${STOPS} service-worker stops in the middle of writing them`, async () => {
    const blog = serveLiveBlog(server, 'sw-stops', STOPS + 5);
    const tab = await driver.open(blog.url);
    await until(async () => (await sendRetrying('page:get', { url: blog.url })).ok?.unseen === STOPS + 5, {
      what: 'the page reported',
    });
    let retried = 0;
    const before = stopped.size;
    for (let k = 1; k <= STOPS; k++) {
      // This mark, with those already made sent again: a bigger write for the stop to cut into.
      const marking = sendRetrying('updates:mark', {
        url: blog.url,
        ids: Array.from({ length: k }, (_, i) => `id_${i + 1}`),
        state: 'seen',
        manual: true,
      });
      // Stop the worker a few milliseconds into the write (a different moment each round).
      await sleep(k % 7);
      await stopWorker();
      const answer = await marking;
      expect(answer.error, `mark ${k}`).toBeUndefined();
      retried += answer.attempts > 1 ? 1 : 0;
      const state = (await sendRetrying('page:get', { url: blog.url })).ok;
      expect(state.unseen, `after stop ${k}`).toBe(STOPS + 5 - k);
      const seen = state.updates
        .filter((u: { state: string }) => u.state === 'seen')
        .map((u: { id: string }) => u.id);
      expect(seen.sort()).toEqual(Array.from({ length: k }, (_, i) => `id_${i + 1}`).sort());
    }
    const seenStops = stopped.size - before;
    console.log(
      `${STOPS} stops asked, ${seenStops} seen by the browser: ${retried} marks were cut off and sent again; every mark kept`,
    );
    expect(seenStops, 'the worker did stop').toBeGreaterThanOrEqual(STOPS / 2);
    await tab.close();
  });

  it('two tabs of one blog reporting while the worker stops: one page, each update once', async () => {
    const blog = serveLiveBlog(server, 'two-tabs', 6);
    const a = await driver.open(blog.url);
    await stopWorker();
    const b = await driver.open(blog.url);
    await stopWorker();
    blog.publish('Entry 7: the river is rising again');
    // What a timeout says: what the background answered last, and how many entries each page shows.
    let heard = '';
    await until(
      async () => {
        const reply = await sendRetrying('page:get', { url: blog.url });
        const shown = await Promise.all(
          [a, b].map((t) => t.evaluate(() => document.querySelectorAll('.liveblog-entry').length)),
        );
        heard = `${reply.ok ? `${reply.ok.updates?.length} updates stored` : `no state (${reply.error ?? 'null'})`} after ${reply.attempts} attempt(s); the tabs show ${shown.join(' and ')} entries`;
        return reply.ok?.updates?.length === 7;
      },
      { timeout: 20_000, what: () => `the insertion reported (${heard})` },
    );
    const state = (await sendRetrying('page:get', { url: blog.url })).ok;
    const ids = state.updates.map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(state.unseen).toBe(7);
    const followed = (await sendRetrying('pages:followed', {})).ok as Array<{ url: string }>;
    expect(followed.filter((p) => p.url === blog.url)).toHaveLength(1);
    await a.close();
    await b.close();
  });
});
