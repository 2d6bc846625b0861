/** The background keeps two tabs of one blog in agreement: a mark in one reaches the other and both badges. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { startBackground } from '../../src/background';
import type { BackgroundProtocol } from '../../src/messaging/protocol';
import { contentScript, extensionPage, send } from './helpers';
import type { PageState } from '../../src/reading/types';

const URL_A = 'http://127.0.0.1:9100/live.html';
/** What each tab's content script was told. */
let told: Array<{ tabId: number; type: string; payload: PageState }>;

/** A message from a tab's content script, as the browser delivers it to the background: the tab shows the
 * page the message names (a content script speaks for its own page only). */
const fromTab = <K extends keyof BackgroundProtocol>(
  tabId: number,
  type: K,
  payload: BackgroundProtocol[K][0],
) => send(contentScript(tabId, (payload as { url?: string }).url ?? URL_A), type, payload);

const report = (visit: string, ids: string[]) => ({
  url: URL_A,
  visit,
  title: 'Live',
  isLiveBlog: true,
  updates: ids.map((id) => ({ id, label: id, firstLine: id })),
});

beforeEach(() => {
  told = [];
  // The fake browser has no content scripts: record what the background tells each tab.
  browser.tabs.sendMessage = vi.fn(async (tabId: number, message: unknown) => {
    const m = message as { type: string; payload: PageState };
    told.push({ tabId, type: m.type, payload: m.payload });
    return { ok: null };
  }) as never;
  // Not in the fake browser, and not what these tests are about.
  const inert = { addListener: () => undefined };
  (browser.permissions as unknown as { onRemoved: unknown }).onRemoved = inert;
  (browser.commands as unknown as { onCommand: unknown }).onCommand = inert;
  startBackground();
});

describe('two tabs of one live blog', () => {
  it('agree: a mark in one reaches the other, and both badges show the same unseen count', async () => {
    await fromTab(1, 'page:report', report('load-1', ['b', 'a']));
    await fromTab(2, 'page:report', report('load-2', ['b', 'a']));
    expect(await browser.action.getBadgeText({ tabId: 1 })).toBe('2');
    told = [];
    const state = await fromTab(1, 'updates:mark', { url: URL_A, ids: ['b'], state: 'seen', manual: false });
    expect(state!.unseen).toBe(1);
    // Tab 1 has its answer; tab 2 is told.
    expect(
      told.map((t) => [t.tabId, t.type, t.payload.updates.map((u) => `${u.id}:${u.state}`).join()]),
    ).toEqual([[2, 'state:changed', 'b:seen,a:new']]);
    expect(await browser.action.getBadgeText({ tabId: 1 })).toBe('1');
    expect(await browser.action.getBadgeText({ tabId: 2 })).toBe('1');
  });

  it('a live insertion in one tab raises the badge of the other', async () => {
    const url = URL_A + '?two';
    await fromTab(3, 'page:report', { ...report('load-3', ['a']), url });
    await fromTab(4, 'page:report', { ...report('load-4', ['a']), url });
    await fromTab(3, 'page:report', { ...report('load-3', ['c', 'a']), url });
    expect(await browser.action.getBadgeText({ tabId: 4 })).toBe('2');
  });

  it('a mark from the popup (no tab) reaches every tab', async () => {
    const url = URL_A + '?three';
    await fromTab(5, 'page:report', { ...report('load-5', ['a']), url });
    await fromTab(6, 'page:report', { ...report('load-6', ['a']), url });
    told = [];
    await send(extensionPage(), 'updates:mark', { url, ids: ['a'], state: 'seen', manual: true });
    expect(told.map((t) => t.tabId).sort()).toEqual([5, 6]);
    expect(await browser.action.getBadgeText({ tabId: 6 })).toBe('');
  });
});

describe('deltas and what changed', () => {
  const url = URL_A + '?delta';
  it("a delta report raises the other tab's badge; an automatic mark is answered with the marked updates only", async () => {
    await fromTab(11, 'page:report', { ...report('load-11', ['b', 'a']), url });
    await fromTab(12, 'page:report', { ...report('load-12', ['b', 'a']), url });
    const change = await fromTab(11, 'page:update', {
      url,
      visit: 'load-11',
      title: 'Live',
      isLiveBlog: true,
      added: [{ id: 'c', label: 'c', firstLine: 'c', at: 0 }],
      changed: [],
      removed: [],
      count: 3,
    });
    expect(change).toMatchObject({ unseen: 3, updates: [{ id: 'c', state: 'new' }] });
    expect(await browser.action.getBadgeText({ tabId: 12 })).toBe('3');
    const seen = await fromTab(11, 'updates:seen', { url, ids: ['b'] });
    expect(seen!.updates.map((u) => `${u.id}:${u.state}`)).toEqual(['b:seen']);
    expect(seen!.unseen).toBe(2);
    // A delta from a load the store does not know: report in full.
    expect(
      await fromTab(11, 'page:update', {
        url,
        visit: 'unknown-load',
        title: 'Live',
        isLiveBlog: true,
        added: [],
        changed: [],
        removed: ['a'],
        count: 2,
      }),
    ).toEqual({ resync: true });
  });
});

describe('a reloaded tab', () => {
  const url = URL_A + '?reload';
  /** Which tabs a mark from tab 8 (another tab of the same blog) reaches: the tabs still mapped to the page. */
  const reached = async () => {
    told = [];
    await fromTab(8, 'updates:mark', { url, ids: ['a'], state: 'new', manual: false });
    return told.map((t) => t.tabId);
  };
  beforeEach(async () => {
    await fromTab(7, 'page:report', { ...report('old-load', ['a']), url });
    await fromTab(8, 'page:report', { ...report('other', ['a']), url });
  });

  it("stays mapped when the old page load's leave arrives after the new load's report", async () => {
    await fromTab(7, 'page:report', { ...report('new-load', ['a']), url });
    expect(await reached()).toEqual([7]);
    await fromTab(7, 'page:leave', { visit: 'old-load' });
    expect(await reached()).toEqual([7]);
    expect(await browser.action.getBadgeText({ tabId: 7 })).toBe('1');
  });

  it('is forgotten when the page load it shows leaves', async () => {
    expect(await reached()).toEqual([7]);
    await fromTab(7, 'page:leave', { visit: 'old-load' });
    expect(await reached()).toEqual([]);
  });
});
