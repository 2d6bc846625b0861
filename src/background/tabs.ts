/**
 * Which tab shows which page, kept in storage.session so a stopped and restarted service worker still
 * knows where to send state changes and which badge to set. Each entry remembers the page load (visit)
 * that reported it: on a reload the old document's "leave" can arrive after the new one's report, and
 * must not unmap the tab the new document now shows.
 */
import { browser } from 'wxt/browser';

const KEY = 'tabs';
const VISITS = 'tabVisits';
let chain: Promise<unknown> = Promise.resolve();

interface Maps {
  /** tab id → canonical page URL */
  tabs: Record<string, string>;
  /** tab id → the visit (page load) that reported it */
  visits: Record<string, string>;
}

async function read(): Promise<Maps> {
  const got = await browser.storage.session.get([KEY, VISITS]);
  return { tabs: (got[KEY] as Record<string, string> | undefined) ?? {}, visits: (got[VISITS] as Record<string, string> | undefined) ?? {} };
}

/** Read-modify-write, one at a time within this worker. */
function update(fn: (maps: Maps) => void): Promise<void> {
  const next = chain.then(async () => {
    const maps = await read();
    fn(maps);
    await browser.storage.session.set({ [KEY]: maps.tabs, [VISITS]: maps.visits });
  });
  chain = next.catch(() => undefined);
  return next;
}

export const tabPages = {
  set: (tabId: number, url: string, visit?: string) =>
    update(({ tabs, visits }) => {
      tabs[tabId] = url;
      if (visit) visits[tabId] = visit;
      else delete visits[tabId];
    }),
  /** Forget a tab; with `visit`, only while the tab still shows that page load. */
  remove: (tabId: number, visit?: string) =>
    update(({ tabs, visits }) => {
      if (visit !== undefined && visits[tabId] !== undefined && visits[tabId] !== visit) return;
      delete tabs[tabId];
      delete visits[tabId];
    }),
  async get(tabId: number): Promise<string | undefined> {
    await chain;
    return (await read()).tabs[tabId];
  },
  async visitOf(tabId: number): Promise<string | undefined> {
    await chain;
    return (await read()).visits[tabId];
  },
  async all(): Promise<number[]> {
    await chain;
    return Object.keys((await read()).tabs).map(Number);
  },
  async tabsOf(url: string): Promise<number[]> {
    await chain;
    return Object.entries((await read()).tabs).filter(([, u]) => u === url).map(([t]) => Number(t));
  },
};
