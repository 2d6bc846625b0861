/** The toolbar icon says whether Backstory runs in the tab: on after "Run on this page", off once the tab loads another page. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '../../src/background';
import { envelope, type BackgroundProtocol, type Reply } from '../../src/messaging/protocol';

let icons: Array<[number, string]>;

/** A message from the popup (an extension page), as the browser delivers it. */
async function fromPopup<K extends keyof BackgroundProtocol>(
  type: K,
  payload: BackgroundProtocol[K][0],
): Promise<BackgroundProtocol[K][1]> {
  let reply!: Reply;
  await new Promise<void>((done) => {
    void fakeBrowser.runtime.onMessage.trigger(
      envelope(type, payload),
      { id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') } as never,
      (r: Reply) => {
        reply = r;
        done();
      },
    );
  });
  if ('error' in reply) throw new Error(reply.error);
  return reply.ok as BackgroundProtocol[K][1];
}

beforeEach(() => {
  fakeBrowser.reset();
  icons = [];
  browser.action.setIcon = vi.fn(
    async ({ tabId, path }: { tabId: number; path: Record<number, string> }) =>
      void icons.push([tabId, path[16]]),
  ) as never;
  browser.action.setTitle = vi.fn(async () => undefined) as never;
  browser.scripting.executeScript = vi.fn(async () => []) as never;
  browser.scripting.insertCSS = vi.fn(async () => undefined) as never;
  // No site is enabled in these tests.
  browser.permissions.contains = vi.fn(async () => false) as never;
  browser.scripting.getRegisteredContentScripts = vi.fn(async () => []) as never;
  const inert = { addListener: () => undefined };
  (browser.permissions as unknown as { onRemoved: unknown }).onRemoved = inert;
  (browser.commands as unknown as { onCommand: unknown }).onCommand = inert;
  startBackground();
});

describe('the toolbar icon', () => {
  it('turns on for a tab where the reader ran Backstory once, and off when that tab loads a page again', async () => {
    const tab = await browser.tabs.create({ url: 'https://news.test/live' });
    expect(await fromPopup('site:runOnce', { tabId: tab.id! })).toEqual({ ok: true });
    expect(browser.scripting.executeScript).toHaveBeenCalledWith({
      target: { tabId: tab.id },
      files: ['/content-scripts/content.js'],
    });
    expect(icons.at(-1)).toEqual([tab.id, '/icon/16.png']);
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { status: 'loading' }, {
      ...tab,
      url: 'https://news.test/live',
    } as never);
    await vi.waitFor(() => expect(icons.at(-1)).toEqual([tab.id, '/icon/off-16.png']));
  });

  it('says off where Backstory could not start', async () => {
    browser.scripting.executeScript = vi.fn(async () => {
      throw new Error('Cannot access contents of the page');
    }) as never;
    const tab = await browser.tabs.create({ url: 'https://news.test/live' });
    expect(await fromPopup('site:runOnce', { tabId: tab.id! })).toEqual({ ok: false });
    expect(icons.filter(([id, p]) => id === tab.id && p === '/icon/16.png')).toEqual([]);
  });
});

describe('run once marks', () => {
  it('two tabs marked at the same instant both keep their mark', async () => {
    const { runOnce } = await import('../../src/background/icon');
    await Promise.all([runOnce.add(1, 'https://a.test/'), runOnce.add(2, 'https://b.test/')]);
    expect(await runOnce.has(1)).toBe(true);
    expect(await runOnce.has(2)).toBe(true);
  });
});
