/**
 * Which tab shows which page, kept in storage.session so a stopped and restarted service worker still
 * knows where to send state changes and which badge to set.
 */
import { browser } from 'wxt/browser';

const KEY = 'tabs';
let chain: Promise<unknown> = Promise.resolve();

async function read(): Promise<Record<string, string>> {
  return ((await browser.storage.session.get(KEY))[KEY] as Record<string, string> | undefined) ?? {};
}

/** Read-modify-write, one at a time within this worker. */
function update(fn: (map: Record<string, string>) => void): Promise<void> {
  const next = chain.then(async () => {
    const map = await read();
    fn(map);
    await browser.storage.session.set({ [KEY]: map });
  });
  chain = next.catch(() => undefined);
  return next;
}

export const tabPages = {
  set: (tabId: number, url: string) => update((m) => void (m[tabId] = url)),
  remove: (tabId: number) => update((m) => void delete m[tabId]),
  async get(tabId: number): Promise<string | undefined> {
    await chain;
    return (await read())[tabId];
  },
  async all(): Promise<number[]> {
    await chain;
    return Object.keys(await read()).map(Number);
  },
  async tabsOf(url: string): Promise<number[]> {
    await chain;
    return Object.entries(await read()).filter(([, u]) => u === url).map(([t]) => Number(t));
  },
};
