/**
 * The story side panel's controller: follows its window's active tab (or `?tab=ID`), keeps a port to that
 * tab's content script (reconnecting after a navigation), and draws StoryPanel from what the page sends and
 * the background's reading state and map.
 */
import { render } from 'preact';
import { browser, type Browser } from 'wxt/browser';
import { ask } from '../messaging/client';
import type { StoryMap } from '../knowledge/types';
import type { PageState } from '../reading/types';
import { PANEL_PORT, type PanelMessage, type PanelRequest, type Story } from '../story/types';
import { MAP_SIZE, StoryPanel, type Selection, type StoryPanelApi } from './StoryPanel';

/** Starts the panel in `app`. `tabParam`: the tab to show when opened as a page (tests, the demo). */
export function startStoryPanel(app: HTMLElement, tabParam: string | null): void {
  let tabId: number | undefined;
  let port: Browser.runtime.Port | null = null;
  let story: Story | null = null;
  let reason: string | undefined;
  let state: PageState | null = null;
  let map: StoryMap | null = null;
  let mapKeys = '';
  let selection: Selection | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const draw = () => render(<StoryPanel {...{ story, reason, state, map, selection, api }} />, app);

  const send = (req: PanelRequest) => port?.postMessage(req);

  const api: StoryPanelApi = {
    select: (key, index) => send({ type: 'select', key, index }),
    clear() {
      selection = null;
      send({ type: 'clear' });
      draw();
    },
    jump: (id) => send({ type: 'jump', id }),
    async markAllSeen(ids) {
      if (!state) return;
      state = (await ask('updates:mark', { url: state.url, ids, state: 'seen', manual: true })) ?? state;
      draw();
    },
    lookup: (e) =>
      ask('knowledge:lookup', {
        name: e.name,
        kind: e.kind,
        subkind: e.subkind,
        roles: e.role ? [e.role] : undefined,
        geo: e.geo,
      }).catch(() => null),
  };

  async function refreshMap(next: Story) {
    const places = next.entities.filter((e) => e.kind === 'place' && e.geo);
    const keys = places.map((p) => p.key).join('\n');
    if (keys === mapKeys) return;
    mapKeys = keys;
    map = places.length
      ? await ask('story:map', {
          places: places.map((p) => ({ key: p.key, lat: p.geo!.lat, lon: p.geo!.lon })),
          ...MAP_SIZE,
        }).catch(() => null)
      : null;
    draw();
  }

  async function onMessage(msg: PanelMessage) {
    if (msg.type === 'selected') {
      selection = msg;
    } else {
      story = msg.story;
      reason = undefined;
      if (tabId !== undefined) state = await ask('page:get', { tabId }).catch(() => null);
      void refreshMap(msg.story);
    }
    draw();
  }

  function connect(attempt = 0) {
    clearTimeout(retry);
    port?.disconnect();
    port = null;
    if (tabId === undefined) return;
    const p = browser.tabs.connect(tabId, { name: PANEL_PORT });
    port = p;
    let heard = false;
    p.onMessage.addListener((m: unknown) => {
      heard = true;
      void onMessage(m as PanelMessage);
    });
    p.onDisconnect.addListener(() => {
      if (port !== p) return;
      port = null;
      // The page navigated or is still starting: try again for a while, then say why nothing shows.
      if (!heard && attempt >= 10) {
        story = null;
        reason = 'Backstory is not running on this page. Turn it on from the toolbar button.';
        draw();
      }
      retry = setTimeout(() => connect(heard ? 0 : attempt + 1), heard ? 300 : 1000);
    });
  }

  async function follow(id: number | undefined) {
    if (id === tabId) return;
    tabId = id;
    story = null;
    state = null;
    map = null;
    mapKeys = '';
    selection = null;
    reason = undefined;
    draw();
    connect();
  }

  async function start() {
    draw();
    if (tabParam) return follow(Number(tabParam));
    const win = await browser.windows.getCurrent();
    const [tab] = await browser.tabs.query({ active: true, windowId: win.id });
    await follow(tab?.id);
    browser.tabs.onActivated.addListener((info) => {
      if (info.windowId === win.id) void follow(info.tabId);
    });
    browser.tabs.onUpdated.addListener((id, change) => {
      // A reload: the old page's port is gone; connect to the new one when it is ready.
      if (id === tabId && change.status === 'complete' && !port) connect();
    });
  }

  void start();
}
