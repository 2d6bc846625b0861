/** Follow through the real background: following from a visit, a check, the popup's list, the badge, export. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '../../src/background';
import { exportAll, importAll } from '../../src/messaging/transfer';
import { contentScript, extensionPage, send } from '../background/helpers';

// The fake browser has no offscreen document: parse here, as Firefox's background page does.
vi.mock('../../src/follow/offscreen', async () => {
  const { parsePage } = await import('../../src/follow/parse');
  return { parseAnywhere: parsePage, closeOffscreen: async () => undefined };
});

let n = 0;
let URL_A = '';
let served: number[] = [];
let requests: RequestInit[] = [];

/** Entries with a text of their own. */
const stories = new Map<number, string>();
const entry = (id: number) =>
  `<article id="id_${id}" class="liveblog-entry"><a class="liveblog-meta-time" href="#${id}"><span>10:${String(id).padStart(2, '0')}</span></a><div class="liveblog-entry-content"><p>${stories.get(id) ?? `Officials gave update number ${id} on the floods this morning.`}</p></div></article>`;
const page = () =>
  `<!doctype html><title>Floods live</title><body><div class="liveblog-feed">${served.map(entry).join('')}</div></body>`;
/** What the content script reports of the same page. */
const report = (visit: string, ids: number[]) => ({
  url: URL_A,
  visit,
  title: 'Floods live',
  isLiveBlog: true,
  updates: ids.map((id) => ({
    id: `id_${id}`,
    label: `10:${String(id).padStart(2, '0')}`,
    firstLine: `Officials gave update number ${id} on the floods this morning.`,
  })),
});
const popup = extensionPage('popup.html');

beforeEach(() => {
  URL_A = `http://news.test/live/${++n}`;
  served = [];
  requests = [];
  browser.tabs.sendMessage = vi.fn(async () => ({ ok: null })) as never;
  const inert = { addListener: () => undefined };
  (browser.permissions as unknown as { onRemoved: unknown }).onRemoved = inert;
  (browser.commands as unknown as { onCommand: unknown }).onCommand = inert;
  // The reader enabled news.test: its permission is granted and the content script registered there.
  browser.permissions.contains = (async () => true) as never;
  browser.scripting.getRegisteredContentScripts = (async () => [
    { id: 'backstory-sites', matches: ['http://news.test/*'] },
  ]) as never;
  globalThis.fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    requests.push(init ?? {});
    return new Response(page(), { status: 200, headers: { ETag: `"${served.join('-')}"` } });
  }) as typeof fetch;
  browser.runtime.sendMessage = (async (message: unknown) => {
    let reply: unknown;
    await new Promise<void>((done) => {
      void fakeBrowser.runtime.onMessage.trigger(message, popup as never, (r: unknown) => {
        reply = r;
        done();
      });
    });
    return reply;
  }) as never;
  startBackground();
});

describe('following a live blog', () => {
  it('starts from what the reader saw, finds new updates, and counts them until the next visit', async () => {
    await send(contentScript(1, URL_A), 'page:report', report('v1', [2, 1]));
    await send(contentScript(1, URL_A), 'updates:mark', {
      url: URL_A,
      ids: ['id_2', 'id_1'],
      state: 'seen',
      manual: false,
    });
    expect(await send(popup, 'follow:set', { url: URL_A, on: true })).toEqual({ following: true });
    let [blog] = await send(popup, 'follow:list', {});
    expect(blog).toMatchObject({ url: URL_A, title: 'Floods live', unseen: 0, found: [] });

    served = [4, 3, 2, 1];
    await send(popup, 'follow:check', { url: URL_A });
    expect(requests[0].credentials).toBe('omit');
    [blog] = await send(popup, 'follow:list', {});
    expect(blog.unseen).toBe(2);
    expect(blog.found.map((f) => f.id)).toEqual(['id_4', 'id_3']);

    // The reader opens the blog again: the found updates are now the reading state's, counted once.
    await send(contentScript(2, URL_A), 'page:report', report('v2', [4, 3, 2, 1]));
    [blog] = await send(popup, 'follow:list', {});
    expect(blog.found).toEqual([]);
    expect(blog.unseen).toBe(2);
  });

  it('shows the total on the badge of tabs that are not live blogs, when asked', async () => {
    await send(contentScript(1, URL_A), 'page:report', report('v1', [1]));
    await send(contentScript(1, URL_A), 'updates:mark', {
      url: URL_A,
      ids: ['id_1'],
      state: 'seen',
      manual: false,
    });
    await send(popup, 'follow:set', { url: URL_A, on: true });
    served = [3, 2, 1];
    await send(popup, 'follow:check', {});
    expect(await browser.action.getBadgeText({})).toBe('');
    await send(popup, 'settings:set', { followBadge: true });
    // Every followed blog counts (this file's earlier tests followed others: the store outlives a test).
    const blogs = await send(popup, 'follow:list', {});
    expect(blogs.find((b) => b.url === URL_A)!.unseen).toBe(2);
    expect(await browser.action.getBadgeText({})).toBe(String(blogs.reduce((s, b) => s + b.unseen, 0)));
    await send(popup, 'settings:set', { followBadge: false });
    expect(await browser.action.getBadgeText({})).toBe('');
    // A live blog's tab keeps its own count; a page that is not one shows the global total.
    expect(await browser.action.getBadgeText({ tabId: 1 })).toBe('');
  });

  it('a card follows its own page only, learns nothing of the others, and hears a change made elsewhere', async () => {
    const tab = contentScript(1, URL_A);
    const other = `${URL_A}-other`;
    await send(tab, 'page:report', report('v1', [1]));
    await send(popup, 'follow:set', { url: other, on: true });
    // The whole list, and another page of the site, are the extension pages' alone.
    await expect(send(tab, 'follow:list', {})).rejects.toThrow(/not this tab's page/);
    await expect(send(tab, 'follow:list', { url: other })).rejects.toThrow(/not this tab's page/);
    await expect(send(tab, 'follow:set', { url: other, on: false })).rejects.toThrow(/not this tab's page/);
    expect(await send(tab, 'follow:list', { url: URL_A })).toEqual([]);
    expect(await send(tab, 'follow:set', { url: URL_A, on: true })).toEqual({ following: true });
    expect((await send(tab, 'follow:list', { url: URL_A })).map((b) => b.url)).toEqual([URL_A]);
    expect((await send(popup, 'follow:list', {})).map((b) => b.url)).toEqual(
      expect.arrayContaining([URL_A, other]),
    );
    // The popup unfollows it: the tab showing the page is told, and its card's toggle shows it.
    const told = vi.mocked(browser.tabs.sendMessage);
    told.mockClear();
    await send(popup, 'follow:set', { url: URL_A, on: false });
    expect(told).toHaveBeenCalledWith(1, {
      bs: 1,
      type: 'follow:changed',
      payload: { url: URL_A, following: false },
    });
    expect(await send(tab, 'follow:list', { url: URL_A })).toEqual([]);
  });

  it('follow:export and follow:import move the reader’s choices; a change is announced as follow:changed', async () => {
    const announced: unknown[] = [];
    const deliver = browser.runtime.sendMessage;
    browser.runtime.sendMessage = (async (message: unknown) => {
      announced.push((message as { type?: string }).type);
      return deliver(message as never);
    }) as never;
    await send(contentScript(1, URL_A), 'page:report', report('v1', [1]));
    await send(popup, 'follow:set', { url: URL_A, on: true });
    await vi.waitFor(() => expect(announced).toContain('follow:changed'));
    const out = await send(popup, 'follow:export', {});
    expect(out.follows.map((f) => f.url)).toContain(URL_A);
    await send(popup, 'follow:set', { url: URL_A, on: false });
    const back = await send(popup, 'follow:import', { follows: out.follows, watches: [] });
    expect(back.follows).toBeGreaterThanOrEqual(1);
    await expect(send(contentScript(1, URL_A), 'follow:export', {})).rejects.toThrow(/not allowed/);
  });

  it('exports and imports follows and watched names with the reading state', async () => {
    await send(contentScript(1, URL_A), 'page:report', report('v1', [1]));
    await send(popup, 'follow:set', { url: URL_A, on: true });
    await send(contentScript(1, URL_A), 'watch:add', { name: 'al-Bab', kind: 'place' });
    const file = await exportAll();
    expect(file.follows?.map((f) => f.url)).toContain(URL_A);
    expect(file.watches).toEqual([expect.objectContaining({ name: 'al-Bab', kind: 'place' })]);
    await send(popup, 'follow:set', { url: URL_A, on: false });
    await send(popup, 'watch:remove', { key: 'al bab' });
    const r = await importAll(JSON.parse(JSON.stringify(file)));
    expect(r.follows).toBeGreaterThanOrEqual(1);
    expect(r.watches).toBe(1);
    expect((await send(popup, 'follow:list', {})).map((b) => b.url)).toContain(URL_A);
    expect((await send(popup, 'watch:list', {})).map((w) => w.name)).toEqual(['al-Bab']);
  });
});

describe('notifications', () => {
  it('one per blog per check, off by default, and a watched name is named with its sentence', async () => {
    const created: Array<[string, { title: string; message: string }]> = [];
    const api = {
      create: vi.fn(async (id: string, o: { title: string; message: string }) => (created.push([id, o]), id)),
      clear: vi.fn(async () => true),
      onClicked: { addListener: () => undefined },
    };
    (browser as unknown as { notifications: unknown }).notifications = api;
    await send(contentScript(1, URL_A), 'page:report', report('v1', [1]));
    await send(popup, 'follow:set', { url: URL_A, on: true });
    served = [3, 2, 1];
    await send(popup, 'follow:check', { url: URL_A });
    // Off by default: nothing.
    expect(created).toEqual([]);
    await send(popup, 'follow:patch', { url: URL_A, notify: true });
    served = [5, 4, 3, 2, 1];
    await send(popup, 'follow:check', { url: URL_A });
    expect(created).toEqual([
      [
        `backstory-follow|${URL_A}`,
        expect.objectContaining({
          title: 'Floods live: 2 new',
          message: expect.stringMatching(/^2 new updates/),
        }),
      ],
    ]);
    // A watched name: said by name, with the sentence, even where the blog's own notifications are off.
    await send(popup, 'follow:patch', { url: URL_A, notify: false });
    await send(popup, 'watch:add', { name: 'al-Bab' });
    stories.set(6, 'Turkish-backed forces entered al-Bab on Thursday, officials said.');
    served = [6, 5, 4, 3, 2, 1];
    await send(popup, 'follow:check', { url: URL_A });
    expect(created).toHaveLength(2);
    expect(created[1][1].message).toBe(
      'al-Bab is mentioned in 1 new update on Floods live: “Turkish-backed forces entered al-Bab on Thursday, officials said.”',
    );
    await send(popup, 'watch:remove', { key: 'al bab' });
    stories.clear();
  });
});
