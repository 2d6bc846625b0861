/**
 * Which tab shows which page, kept in storage.session so a stopped and restarted service worker still
 * knows where to send state changes and which badge to set. Each entry remembers the page load (visit)
 * that reported it: on a reload the old document's "leave" can arrive after the new one's report, and
 * must not unmap the tab the new document now shows.
 */
import { browser } from 'wxt/browser';

const KEY = 'tabs';

/** A tab, the canonical URL it shows and the page load that reported it. */
export interface TabPage {
  tabId: number;
  url: string;
  visit: string;
}

type Stored = Record<string, { url: string; visit: string }>;

let chain: Promise<unknown> = Promise.resolve();

async function read(): Promise<Stored> {
  await chain;
  return ((await browser.storage.session.get(KEY))[KEY] as Stored | undefined) ?? {};
}

/** Read-modify-write, one at a time within this worker. */
function update(fn: (map: Stored) => void): Promise<void> {
  const next = chain.then(async () => {
    const map = ((await browser.storage.session.get(KEY))[KEY] as Stored | undefined) ?? {};
    fn(map);
    await browser.storage.session.set({ [KEY]: map });
  });
  chain = next.catch(() => undefined);
  return next;
}

const list = (map: Stored): TabPage[] =>
  Object.entries(map).map(([tabId, { url, visit }]) => ({ tabId: Number(tabId), url, visit }));

export const tabPages = {
  set: (tabId: number, url: string, visit: string) => update((m) => void (m[tabId] = { url, visit })),
  /** Forget a tab; with `visit`, only while the tab still shows that page load. */
  remove: (tabId: number, visit?: string) =>
    update((m) => {
      if (visit === undefined || m[tabId]?.visit === visit) delete m[tabId];
    }),
  async get(tabId: number): Promise<string | undefined> {
    return (await read())[tabId]?.url;
  },
  async all(): Promise<TabPage[]> {
    return list(await read());
  },
  async tabsOf(url: string): Promise<TabPage[]> {
    return list(await read()).filter((t) => t.url === url);
  },
};
