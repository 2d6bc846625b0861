/**
 * What a page can learn of the reader's history, in Chromium and Firefox ESR: everything the page's own
 * scripts can observe (elements added to its document, the extension's hosts and their attributes, the
 * highlight registry, what sits at the point where the "N new" pill would be) is recorded on a first
 * visit and on a return visit with unseen updates, and compared.
 *
 * - With markers kept out of the page (the option), the two visits look the same to the page.
 * - With markers shown (the default), the only difference is that something of Backstory's is drawn at
 *   the pill's point: the README says so, and this proves the comparison would see a leak.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LocalServer } from '../../scripts/lib/server';
import { BROWSERS } from './harness/browsers';
import { until, type Driver, type Tab } from './harness/driver';
import { serveLiveBlog } from './harness/live-blog';

interface Observed {
  /** Elements added to the page's DOM that the page did not add itself (recorded by the page's script). */
  foreign: string[];
  /** Top-level elements of the document. */
  top: string[];
  /** Every extension host: name and attributes. */
  hosts: string[];
  /** Highlight names in the registry (their ranges are the page's names, the same on both visits). */
  highlights: string[];
  /** What the page finds where the pill is drawn when there is one. */
  atPill: string;
}

const observe = (tab: Tab): Promise<Observed> =>
  tab.evaluate(() => {
    const w = window as unknown as { __foreign?: string[] };
    const el = document.elementFromPoint(innerWidth - 40, innerHeight - 34);
    return {
      foreign: [...new Set(w.__foreign ?? [])].sort(),
      top: [...document.documentElement.children].map((e) => e.tagName),
      hosts: [...document.querySelectorAll('[data-backstory-host]')].map(
        (h) =>
          `${h.tagName} ${[...h.attributes]
            .map((a) => a.name)
            .sort()
            .join(',')} open=${!!h.shadowRoot}`,
      ),
      highlights: [...CSS.highlights.keys()].sort(),
      atPill: el ? el.tagName : 'none',
    };
  });

describe.each(BROWSERS)('%s', (_name, launch) => {
  let server: LocalServer;
  let driver: Driver;
  let probe: Tab;

  beforeAll(async () => {
    server = await startServer();
    driver = await launch();
    probe = await driver.openExtensionPage('options.html');
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  /** The page's updates as the background has them: the content script has reported. */
  const unseen = (url: string) =>
    probe.evaluate(async (url) => {
      const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
      const reply = await api.runtime.sendMessage({ bs: 1, type: 'page:get', payload: { url } });
      return reply?.ok ? (reply.ok.unseen as number) : -1;
    }, url);

  const visit = async (url: string, expectUnseen: number, pill: boolean): Promise<Observed> => {
    const tab = await driver.open(url);
    await until(async () => (await unseen(url)) === expectUnseen, {
      what: `the page reported with ${expectUnseen} unseen`,
    });
    if (pill)
      await until(async () => (await observe(tab)).atPill.startsWith('BACKSTORY'), {
        what: 'the pill drawn',
      });
    else await new Promise((r) => setTimeout(r, 1200));
    const seen = await observe(tab);
    await tab.close();
    return seen;
  };

  it('the page hears nothing of Backstory starting, and cannot stop it by forging the start signal of its framework', async () => {
    const id = await probe.evaluate(() => {
      const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
      return api.runtime.id as string;
    });
    // WXT's content-script context announces each start (a window message, a document event named with the
    // extension's id) and stops when that event is dispatched: the page listens for both from its first line.
    const started = `${id}:content:wxt:content-script-started`;
    server.route('/privacy/quiet.html', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html><head><title>Talks in Moscow</title><script>window.__heard = [];addEventListener('message', (e) => __heard.push('message ' + JSON.stringify(e.data)));document.addEventListener(${JSON.stringify(started)}, () => __heard.push('event'));</script></head><body><main><article><h1>Talks in Moscow</h1><p>Vladimir Putin received the delegation in Moscow on Tuesday, the Kremlin said. Sergei Lavrov and Antony Blinken met in Geneva.</p></article></main></body></html>`,
      );
    });
    const tab = await driver.open(`${server.origin}/privacy/quiet.html`);
    const drawn = () => tab.evaluate(() => CSS.highlights.size);
    await until(async () => (await drawn()) > 0, { what: 'names underlined' });
    expect(await tab.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toEqual([]);
    await tab.evaluate(
      (type) =>
        void document.dispatchEvent(
          new CustomEvent(type, { detail: { contentScriptName: 'content', messageId: 'forged' } }),
        ),
      started,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(await drawn(), 'names still underlined').toBeGreaterThan(0);
    await tab.close();
  });

  it('with markers kept out of the page, a first visit and a return visit with unseen updates look the same to the page', async () => {
    await driver.setSettings({ pageMarkers: false });
    const blog = serveLiveBlog(server, 'privacy-off', 6);
    const first = await visit(blog.url, 6, false);
    blog.publish('Entry 7: the river is rising again');
    blog.publish('Entry 8: the bridge is closed');
    const back = await visit(blog.url, 8, false);
    expect(back).toEqual(first);
    // The host is there on both visits: mounted from the start, not when something is new.
    expect(first.hosts.some((h) => h.startsWith('BACKSTORY-READING'))).toBe(true);
  });

  it('with markers shown, the one difference is what is drawn at the pill (the documented limit), which the comparison sees', async () => {
    await driver.setSettings({ pageMarkers: true });
    const blog = serveLiveBlog(server, 'privacy-on', 6);
    const first = await visit(blog.url, 6, false);
    blog.publish('Entry 7: the river is rising again');
    const back = await visit(blog.url, 7, true);
    expect(back.atPill).toBe('BACKSTORY-READING');
    expect({ ...back, atPill: first.atPill }).toEqual(first);
  });
});
