/**
 * The background's answers to the messages other tests do not reach: jumping to an update, clearing
 * reading state, the error log, opening the options, enabling sites, cancelling a card's lookup.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { startBackground } from '../../src/background';
import { contentScript, extensionPage, send } from './helpers';

const URL_A = 'http://127.0.0.1:9100/live.html';
const tab = contentScript(1, URL_A);
const popup = extensionPage('popup.html');
const options = extensionPage('options.html');
const report = {
  url: URL_A,
  visit: 'load-1',
  title: 'Live',
  isLiveBlog: true,
  updates: ['a', 'b'].map((id) => ({ id, label: id, firstLine: id })),
};

/** What the background told each tab, and how the tab answers an `update:jump`. */
let told: Array<[number, string, unknown]>;
let jumpAnswer: boolean;

beforeEach(() => {
  told = [];
  jumpAnswer = false;
  browser.tabs.sendMessage = vi.fn(async (tabId: number, message: unknown) => {
    const m = message as { type: string; payload: unknown };
    told.push([tabId, m.type, m.payload]);
    return { ok: m.type === 'update:jump' ? { ok: jumpAnswer } : null };
  }) as never;
  const inert = { addListener: () => undefined };
  (browser.permissions as unknown as { onRemoved: unknown }).onRemoved = inert;
  (browser.commands as unknown as { onCommand: unknown }).onCommand = inert;
  startBackground();
});

describe('page:jump', () => {
  it("asks the blog's tab to jump (update:jump); with no tab that has the update, opens the blog", async () => {
    await send(tab, 'page:report', report);
    const create = vi.spyOn(browser.tabs, 'create');
    expect(await send(popup, 'page:jump', { url: URL_A, id: 'b' })).toEqual({ ok: false });
    expect(told).toContainEqual([1, 'update:jump', { id: 'b' }]);
    expect(create).toHaveBeenCalledWith({ url: URL_A });
  });
});

describe('data:clear', () => {
  it('forgets the marks and tells each open page to start over (reading:reset)', async () => {
    await send(tab, 'page:report', report);
    await send(tab, 'updates:mark', { url: URL_A, ids: ['a'], state: 'seen', manual: true });
    told = [];
    await send(options, 'data:clear', { what: 'reading' });
    expect(told).toContainEqual([1, 'reading:reset', {}]);
    expect(await send(options, 'page:get', { url: URL_A })).toBeNull();
  });
});

describe('errors', () => {
  it('errors:log from a page is listed for the options page (errors:list) until errors:clear', async () => {
    await send(tab, 'errors:log', {
      feature: 'cards',
      message: 'boom',
      origin: 'https://elsewhere.example',
    } as never);
    const list = await send(options, 'errors:list', {});
    expect(list.map((e) => [e.feature, e.message, e.origin])).toEqual([
      ['cards', 'boom', 'http://127.0.0.1:9100'],
    ]);
    await send(options, 'errors:clear', {});
    expect(await send(options, 'errors:list', {})).toEqual([]);
  });
});

describe('options:open', () => {
  it("opens the extension's options page", async () => {
    const open = vi.fn(async () => undefined);
    browser.runtime.openOptionsPage = open as never;
    await send(popup, 'options:open', {});
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe('sites:enable', () => {
  it('registers the content script for the origins the reader granted, and only those', async () => {
    const granted = 'https://news.example/*';
    // The icon follows the enabled sites; the fake browser does not draw icons.
    browser.action.setIcon = vi.fn(async () => undefined) as never;
    browser.permissions.contains = vi.fn(
      async (p: { origins?: string[] }) => p.origins?.[0] === granted,
    ) as never;
    let matches: string[] = [];
    browser.scripting.getRegisteredContentScripts = vi.fn(async () =>
      matches.length ? [{ id: 'backstory-sites', matches }] : [],
    ) as never;
    browser.scripting.unregisterContentScripts = vi.fn(async () => void (matches = [])) as never;
    browser.scripting.registerContentScripts = vi.fn(
      async (scripts: Array<{ matches: string[] }>) => void (matches = scripts[0].matches),
    ) as never;
    expect(await send(options, 'sites:enable', { origins: [granted, 'https://other.example/*'] })).toEqual({
      enabled: [granted],
    });
    expect(matches).toEqual([granted]);
  });
});

describe('knowledge:cancel', () => {
  it("aborts the tab's lookup in flight: its network request is cancelled and the lookup settles", async () => {
    let aborted = false;
    let started!: () => void;
    const fetching = new Promise<void>((r) => (started = r));
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init?: RequestInit) =>
          new Promise((_resolve, reject) => {
            started();
            init?.signal?.addEventListener('abort', () => {
              aborted = true;
              reject(init.signal!.reason);
            });
          }),
      ),
    );
    try {
      const lookup = send(tab, 'knowledge:lookup', {
        name: 'Zorblat Quimby',
        kind: 'person',
        requestId: 'r1',
      });
      const settled = lookup.then(
        () => 'answered',
        () => 'failed',
      );
      await fetching;
      await send(tab, 'knowledge:cancel', { requestId: 'r1' });
      expect(['answered', 'failed']).toContain(await settled);
      expect(aborted).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
