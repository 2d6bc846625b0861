/**
 * The story panel's messages: the card's button opens Chrome's side panel for the sender's tab within the
 * dispatch of its message (Chrome keeps the click's gesture only that long), and the map is for extension
 * pages only.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '../../src/background';
import { buildManifest } from '../../src/manifest';
import { envelope } from '../../src/messaging/protocol';
import { contentScript, extensionPage, send } from './helpers';

let opened: Array<{ tabId?: number; windowId?: number }>;
/** Whether `open` was called before the message's dispatch returned. */
let openedInDispatch: boolean;
/** The background's shortcut listener. */
let onCommand: (command: string, tab?: { windowId?: number }) => Promise<void> | void;

beforeEach(() => {
  opened = [];
  openedInDispatch = false;
  (globalThis as { chrome?: unknown }).chrome = {
    sidePanel: { open: vi.fn(async (o: { tabId?: number }) => void opened.push(o)) },
  };
  const inert = { addListener: () => undefined };
  (browser.permissions as unknown as { onRemoved: unknown }).onRemoved = inert;
  (browser.commands as unknown as { onCommand: unknown }).onCommand = {
    addListener: (fn: typeof onCommand) => (onCommand = fn),
  };
  startBackground();
});
afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('panel:open', () => {
  it("opens the side panel for the card's tab while the click's message is dispatched", async () => {
    const dispatch = fakeBrowser.runtime.onMessage.trigger(
      envelope('panel:open', {}),
      contentScript(7, 'https://news.test/live') as never,
      () => undefined,
    );
    openedInDispatch = opened.length === 1;
    await dispatch;
    expect(openedInDispatch).toBe(true);
    expect(opened).toEqual([{ tabId: 7 }]);
  });

  it('does nothing for another extension', async () => {
    await fakeBrowser.runtime.onMessage.trigger(
      envelope('panel:open', {}),
      { ...contentScript(7, 'https://news.test/live'), id: 'someone-else' } as never,
      () => undefined,
    );
    expect(opened).toEqual([]);
  });
});

describe('the shortcut', () => {
  it("opens Chrome's side panel for the shortcut's window before anything is awaited (the gesture's time)", () => {
    const pending = onCommand('open-story', { windowId: 4 });
    expect(opened).toEqual([{ windowId: 4 }]);
    return pending;
  });

  it('is declared in both builds: open-story in Chrome, the sidebar’s own command in Firefox, Alt+Shift+S', () => {
    const key = (m: ReturnType<typeof buildManifest>, name: string) =>
      (m.commands as Record<string, { suggested_key?: { default?: string } }>)[name]?.suggested_key?.default;
    expect(key(buildManifest('chrome'), 'open-story')).toBe('Alt+Shift+S');
    expect(key(buildManifest('firefox'), '_execute_sidebar_action')).toBe('Alt+Shift+S');
  });
});

describe('story:map', () => {
  it('draws the places for the panel, and is refused to content scripts', async () => {
    const places = [{ key: 'city:SY:aleppo', lat: 36.2, lon: 37.16 }];
    const map = await send(extensionPage(), 'story:map', { places, width: 320, height: 220 });
    expect(map.points).toHaveLength(1);
    await expect(
      send(contentScript(7, 'https://news.test/live'), 'story:map', { places, width: 320, height: 220 }),
    ).rejects.toThrow();
    await expect(
      send(extensionPage(), 'story:map', { places, width: 320, height: 220, x: 1 }),
    ).rejects.toThrow();
  });
});
