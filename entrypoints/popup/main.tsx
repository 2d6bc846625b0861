import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ask } from '../../src/messaging/client';
import type { PagesProtocol } from '../../src/messaging/protocol';
import { listen } from '../../src/messaging/router';
import { originPattern } from '../../src/shared/url';
import { Popup, type PopupApi } from '../../src/ui/Popup';
import '../../src/ui/popup.css';

const param = new URLSearchParams(location.search).get('url') ?? undefined;

const api: PopupApi = {
  async load() {
    if (param) return { state: await ask('page:get', { url: param }), url: param };
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return { state: null };
    const state = await ask('page:get', { tabId: tab.id });
    const url = tab.url;
    const site = url && originPattern(url) ? { host: new URL(url).host, ...(await ask('site:status', { url })) } : undefined;
    return { state, url, site };
  },
  followed: () => ask('pages:followed', {}),
  watch: (onState) => listen<PagesProtocol>({ 'state:changed': (state) => onState(state) }),
  mark: (url, ids, state) => ask('updates:mark', { url, ids, state, manual: true }),
  async jump(url, id) {
    await ask('page:jump', { url, id });
    if (!param) window.close();
  },
  async enableSite() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const pattern = tab?.url ? originPattern(tab.url) : null;
    if (!pattern) return false;
    // Must run in the click's user gesture: the browser asks the reader.
    if (!(await browser.permissions.request({ origins: [pattern] }))) return false;
    return (await ask('site:enable', { origin: pattern, tabId: tab.id })).enabled;
  },
  openOptions: () => void browser.runtime.openOptionsPage(),
};

render(<Popup api={api} />, document.getElementById('app')!);
