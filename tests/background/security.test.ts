/** The background trusts neither payloads nor senders: the message matrix through the real background. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { startBackground } from '../../src/background';
import { contentScript, extensionPage, send } from './helpers';

const URL_A = 'http://127.0.0.1:9100/live.html';
const tab = contentScript(1, URL_A);
const options = extensionPage('options.html');
const report = {
  url: URL_A,
  visit: 'load-1',
  title: 'Live',
  isLiveBlog: true,
  updates: ['e1', 'e2', 'e3'].map((id) => ({ id, label: id, firstLine: id })),
};

beforeEach(() => {
  browser.tabs.sendMessage = vi.fn(async () => ({ ok: null })) as never;
  const inert = { addListener: () => undefined };
  (browser.permissions as unknown as { onRemoved: unknown }).onRemoved = inert;
  (browser.commands as unknown as { onCommand: unknown }).onCommand = inert;
  startBackground();
});

describe('payloads', () => {
  it('a mark whose ids are a string is refused, not walked character by character', async () => {
    await send(tab, 'page:report', report);
    await expect(
      send(tab, 'updates:mark', { url: URL_A, ids: 'e1e2', state: 'seen', manual: false }),
    ).rejects.toThrow(/Malformed/);
    await expect(
      send(tab, 'updates:mark', { url: URL_A, ids: ['e3'], state: 'bogus', manual: false }),
    ).rejects.toThrow(/Malformed/);
    const state = await send(options, 'page:get', { url: URL_A });
    expect(state!.updates.map((u) => `${u.id}:${u.state}`)).toEqual(['e1:new', 'e2:new', 'e3:new']);
  });

  it('a report with a 5 MB title and a 100 KB id is recorded, cut to the caps', async () => {
    const state = await send(tab, 'page:report', {
      ...report,
      title: 'T'.repeat(5_000_000),
      updates: [{ id: 'i'.repeat(100_000), label: 'L'.repeat(100_000), firstLine: '' }],
    });
    expect(state.title.length).toBeLessThanOrEqual(300);
    expect(state.updates[0].id.length).toBeLessThanOrEqual(300);
    expect(
      (await send(tab, 'updates:mark', {
        url: URL_A,
        ids: ['i'.repeat(100_000)],
        state: 'seen',
        manual: false,
      }))!.unseen,
    ).toBe(0);
  });

  it('status: no quota trouble, nothing held', async () => {
    expect(await send(options, 'status:get', {})).toEqual({ quota: null, heldMarks: 0 });
  });
});

describe('senders', () => {
  it('a content script cannot export, import, clear or change settings; the options page can', async () => {
    await send(tab, 'page:report', report);
    await expect(send(tab, 'data:export', {})).rejects.toThrow(/not allowed/);
    await expect(send(tab, 'data:clear', { what: 'all' })).rejects.toThrow(/not allowed/);
    await expect(
      send(tab, 'data:import', {
        format: 'backstory-reading',
        version: 2,
        exportedAt: '',
        pages: [],
        entries: [],
      }),
    ).rejects.toThrow(/not allowed/);
    await expect(
      send(tab, 'settings:set', { wikipediaEndpoint: 'https://attacker.example/api' }),
    ).rejects.toThrow(/not allowed/);
    expect((await send(options, 'data:export', {})).pages).toHaveLength(1);
    await send(options, 'settings:set', { hoverDelay: 500 });
    expect(
      ((await browser.storage.local.get('settings')).settings as { hoverDelay: number }).hoverDelay,
    ).toBe(500);
  });

  it('a content script cannot mark another site’s page', async () => {
    await send(tab, 'page:report', report);
    await expect(
      send(contentScript(2, 'https://attacker.example/'), 'updates:mark', {
        url: URL_A,
        ids: ['e1'],
        state: 'seen',
        manual: true,
      }),
    ).rejects.toThrow(/not this tab/);
    expect((await send(options, 'page:get', { url: URL_A }))!.unseen).toBe(3);
  });

  it('a content script cannot mark another page of its own site, only its tab’s page (and the one it left by pushState)', async () => {
    const mine = 'http://127.0.0.1:9100/mine.html';
    const sibling = 'http://127.0.0.1:9100/sibling.html';
    const tab6 = contentScript(6, mine);
    await send(contentScript(5, sibling), 'page:report', { ...report, url: sibling, visit: 'sib' });
    await send(tab6, 'page:report', { ...report, url: mine, visit: 'mine' });
    await expect(
      send(tab6, 'updates:mark', { url: sibling, ids: ['e1'], state: 'seen', manual: true }),
    ).rejects.toThrow(/not this tab/);
    await expect(send(tab6, 'page:get', { url: sibling })).rejects.toThrow(/not this tab/);
    expect((await send(options, 'page:get', { url: sibling }))!.unseen).toBe(3);
    // The tab moves on by pushState: the left page's last queued marks arrive from the new URL, and count.
    const moved = contentScript(6, `${mine}?page=2`);
    expect(
      (await send(moved, 'updates:mark', { url: mine, ids: ['e1'], state: 'seen', manual: false }))!.unseen,
    ).toBe(2);
    await expect(
      send(moved, 'updates:mark', { url: sibling, ids: ['e1'], state: 'seen', manual: false }),
    ).rejects.toThrow(/not this tab/);
  });

  it('settings a content script writes straight to storage.local are put back', async () => {
    await send(options, 'settings:set', { hoverDelay: 450 });
    // A compromised renderer's content script can call storage.local.set itself.
    await browser.storage.local.set({
      settings: { wikipediaEndpoint: 'https://attacker.example/api', hoverDelay: 1 },
    });
    await vi.waitFor(async () => {
      const now = (await browser.storage.local.get('settings')).settings as {
        wikipediaEndpoint: string;
        hoverDelay: number;
      };
      expect(now.wikipediaEndpoint).toBe('https://en.wikipedia.org/api/rest_v1');
      expect(now.hoverDelay).toBe(450);
    });
  });
});

describe('a full disk', () => {
  it('reports and marks are answered (nothing resent every flush), the quota is reported once, marks written when space returns', async () => {
    await send(tab, 'page:report', report);
    const put = IDBObjectStore.prototype.put;
    let full = true;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const again = await send(tab, 'page:report', { ...report, visit: 'load-2' });
    expect(again.updates).toHaveLength(3);
    const marked = await send(tab, 'updates:mark', { url: URL_A, ids: ['e1'], state: 'seen', manual: false });
    expect(marked!.unseen).toBe(2);
    expect(await send(options, 'status:get', {})).toMatchObject({ quota: { what: 'reading' }, heldMarks: 1 });
    // The popup sees the held mark too.
    expect((await send(options, 'page:get', { url: URL_A }))!.unseen).toBe(2);
    // The way out the options page offers: clear the cache; held marks are written then.
    full = false;
    await send(options, 'data:clear', { what: 'cache' });
    expect(await send(options, 'status:get', {})).toEqual({ quota: null, heldMarks: 0 });
    expect((await send(options, 'page:get', { url: URL_A }))!.unseen).toBe(2);
    spy.mockRestore();
  });
});

describe('long addresses', () => {
  it('a page whose address is over 8,192 characters (a long fragment, a long query) is recorded and markable', async () => {
    for (const url of [
      `http://127.0.0.1:9100/fragment.html#${'f'.repeat(20_000)}`,
      `http://127.0.0.1:9100/long.html?state=${'q'.repeat(20_000)}`,
    ]) {
      const from = contentScript(7, url);
      const state = await send(from, 'page:report', { ...report, url, visit: url.slice(-8) });
      expect(state.url.length).toBeLessThanOrEqual(8192);
      expect(
        (await send(from, 'updates:mark', { url, ids: ['e2'], state: 'seen', manual: false }))!.unseen,
      ).toBe(2);
      expect((await send(options, 'page:get', { url: state.url }))!.unseen).toBe(2);
    }
    // Longer than any browser keeps an address (Chrome: 2 MiB): refused.
    const huge = `${URL_A}?${'h'.repeat(3 * 1024 * 1024)}`;
    await expect(
      send(contentScript(8, huge), 'page:report', { ...report, url: huge, visit: 'huge' }),
    ).rejects.toThrow(/Malformed/);
  });
});
