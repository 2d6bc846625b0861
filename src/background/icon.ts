/**
 * The toolbar icon says whether Backstory is on for the tab: coloured where it runs (a site the reader
 * enabled, or "Run on this page" in that tab), grey elsewhere. The unseen-updates badge is separate.
 * Tabs where the reader ran it once are kept in storage.session: a restarted service worker still knows,
 * and the mark ends when the tab loads another page (the injected script went with the old one).
 */
import { browser } from 'wxt/browser';
import { serial } from '../shared/serial';

const KEY = 'runOnce';
const ON = { 16: '/icon/16.png', 32: '/icon/32.png' };
const OFF = { 16: '/icon/off-16.png', 32: '/icon/off-32.png' };

type RunOnce = Record<string, string>;

async function runOnceTabs(): Promise<RunOnce> {
  return ((await browser.storage.session.get(KEY))[KEY] as RunOnce | undefined) ?? {};
}

// Two Run-once clicks (or a click and a tab closing) at the same instant must not lose a mark.
const inTurn = serial();

export const runOnce = {
  add(tabId: number, url: string): Promise<void> {
    return inTurn(async () => {
      await browser.storage.session.set({ [KEY]: { ...(await runOnceTabs()), [tabId]: url } });
    });
  },
  async has(tabId: number): Promise<boolean> {
    return Object.hasOwn(await inTurn(runOnceTabs), String(tabId));
  },
  remove(tabId: number): Promise<void> {
    return inTurn(async () => {
      const tabs = await runOnceTabs();
      if (!Object.hasOwn(tabs, String(tabId))) return;
      delete tabs[tabId];
      await browser.storage.session.set({ [KEY]: tabs });
    });
  },
};

/** Sets one tab's icon; a closed tab or a missing icon file is no error worth reporting. */
async function showIcon(tabId: number, on: boolean): Promise<void> {
  await browser.action.setIcon({ tabId, path: on ? ON : OFF }).catch(() => undefined);
  await browser.action
    .setTitle({ tabId, title: on ? 'Backstory: on for this page' : 'Backstory: off for this page' })
    .catch(() => undefined);
}

/**
 * Keeps every tab's icon right: `isOn(tabId, url)` decides. Called on navigation and tab switches; the
 * background also calls `refresh` after the reader enables or disables a site.
 */
export function watchIcons(isOn: (tabId: number, url: string | undefined) => Promise<boolean>): {
  refresh(tabId?: number): Promise<void>;
} {
  const update = async (tabId: number, url?: string) => showIcon(tabId, await isOn(tabId, url));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'loading') void runOnce.remove(tabId).then(() => update(tabId, tab.url));
    else if (change.url || change.status === 'complete') void update(tabId, tab.url);
  });
  browser.tabs.onActivated.addListener(
    ({ tabId }) =>
      void browser.tabs.get(tabId).then(
        (t) => update(tabId, t.url),
        () => undefined,
      ),
  );
  browser.tabs.onRemoved.addListener((tabId) => void runOnce.remove(tabId));
  return {
    async refresh(tabId) {
      const tabs =
        tabId === undefined
          ? await browser.tabs.query({})
          : [await browser.tabs.get(tabId).catch(() => null)];
      for (const t of tabs) if (t?.id !== undefined) await update(t.id, t.url);
    },
  };
}
