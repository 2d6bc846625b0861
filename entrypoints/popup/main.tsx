import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ask, tell } from '../../src/messaging/client';
import type { PagesProtocol } from '../../src/messaging/protocol';
import { listen } from '../../src/messaging/router';
import { loadSettings } from '../../src/shared/settings';
import { originPattern, restrictedReason } from '../../src/shared/url';
import { Popup, type PageAccess, type PopupApi } from '../../src/ui/Popup';
import '../../src/ui/popup.css';

const params = new URLSearchParams(location.search);
/**
 * `?url=`: one page's reading state (links from elsewhere). `?tab=ID`: the popup for that tab opened as a page
 * (Firefox's toolbar popup cannot be opened headless, so its tests do this); a tab's URL is hidden from an
 * extension page without the site's permission, so `url` then names it.
 */
const urlParam = params.get('url') ?? undefined;
const tabParam = params.get('tab');

/** The tab this popup speaks for, resolved before any click: Enable must not await before asking. */
let target: { tabId: number; url?: string; pattern: string | null } | null = null;

async function currentTab() {
  if (tabParam) return browser.tabs.get(Number(tabParam)).catch(() => undefined);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

async function access(tabId: number, url: string | undefined): Promise<PageAccess> {
  const reason = restrictedReason(url);
  if (reason) return { kind: 'restricted', reason };
  const host = new URL(url!).hostname;
  const [ping, site] = await Promise.all([
    tell(tabId, 'page:ping', {}).catch(() => null),
    ask('site:status', { url: url! }),
  ]);
  if (ping)
    return {
      kind: 'running',
      host,
      site: site.enabled,
      isLiveBlog: ping.isLiveBlog,
      looked: ping.looked,
      names: ping.names,
      english: ping.language === 'en',
      borderline: ping.borderline,
    };
  return site.enabled ? { kind: 'enabled', host } : { kind: 'off', host };
}

const api: PopupApi = {
  async load() {
    if (urlParam && !tabParam) return { state: await ask('page:get', { url: urlParam }), url: urlParam };
    const tab = await currentTab();
    if (tab?.id === undefined)
      return { state: null, access: { kind: 'restricted', reason: 'No tab to show.' } };
    const url = tab.url ?? urlParam;
    target = { tabId: tab.id, url, pattern: url ? originPattern(url) : null };
    const [state, acc] = await Promise.all([ask('page:get', { tabId: tab.id }), access(tab.id, url)]);
    return { state, url, access: acc };
  },
  followed: () => ask('pages:followed', {}),
  watch: (onState) => listen<PagesProtocol>({ 'state:changed': (state) => onState(state) }),
  mark: (url, ids, state) => ask('updates:mark', { url, ids, state, manual: true }),
  async jump(url, id) {
    await ask('page:jump', { url, id });
    if (!urlParam && !tabParam) window.close();
  },
  enableSite() {
    const t = target;
    if (!t?.pattern) return Promise.resolve(false);
    // First thing in the click: Firefox refuses permissions.request once anything has been awaited.
    return browser.permissions
      .request({ origins: [t.pattern] })
      .then((granted) =>
        granted ? ask('site:enable', { origin: t.pattern!, tabId: t.tabId }).then((r) => r.enabled) : false,
      );
  },
  runOnce() {
    if (!target) return Promise.resolve(false);
    return ask('site:runOnce', { tabId: target.tabId }).then((r) => r.ok);
  },
  async answerLiveBlog(track) {
    const url = target?.url;
    if (!url || restrictedReason(url)) return false;
    const host = new URL(url).hostname;
    const { liveBlogSites } = await loadSettings();
    await ask('settings:set', { liveBlogSites: { ...liveBlogSites, [host]: track } });
    return true;
  },
  openOptions: () => void browser.runtime.openOptionsPage(),
  openPanel() {
    // In the click, before anything is awaited: both browsers open a panel only within the gesture.
    const chromePanel = (
      globalThis as { chrome?: { sidePanel?: { open(o: { tabId: number }): Promise<void> } } }
    ).chrome?.sidePanel;
    const opened = chromePanel
      ? target && chromePanel.open({ tabId: target.tabId })
      : (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open();
    void opened?.then(() => !tabParam && window.close()).catch(() => undefined);
  },
  status: () => ask('status:get', {}),
  clearCache: () => ask('data:clear', { what: 'cache' }),
  follows: () => ask('follow:list', {}),
  setFollow: (url, on) => ask('follow:set', { url, on }).then((r) => r.following),
  watchFollows: (onChange) => listen<PagesProtocol>({ 'follow:changed': () => onChange() }),
  openFollowed(url, id) {
    void (id ? ask('page:jump', { url, id }) : browser.tabs.create({ url })).then(() => {
      if (!urlParam && !tabParam) window.close();
    });
  },
};

render(<Popup api={api} />, document.getElementById('app')!);
