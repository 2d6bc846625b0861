/** The background: owns IndexedDB and the network; everything else asks it through typed messages. */
import { browser } from 'wxt/browser';
import { announce, tell } from '../messaging/client';
import type { BackgroundProtocol, ContentProtocol, ContentRequest } from '../messaging/protocol';
import { listen } from '../messaging/router';
import { guardWith } from '../messaging/schemas';
import { HeldMarks } from '../reading/held';
import { clearQuota, isQuotaError, noteQuota, storeStatus } from '../storage/status';
import { BRAND_COLOR } from '../shared/brand';
import { guardSettings, writeSettings } from '../shared/settings';
import {
  changeOf,
  clearCache,
  clearReading,
  exportChunk,
  followedPages,
  importAll,
  pageState,
  recordDelta,
  recordReport,
} from '../reading/store';
import { openStore, type DB } from '../storage';
import type { PageState } from '../reading/types';
import { canonicalUrl, isCutKey } from '../shared/url';
import { cancel, lookup } from './knowledge';
import { renderStoryMap } from '../knowledge/story-map';
import { DetectService, ownerOf } from './detect';
import { clearErrors, listErrors, logError } from './errors';
import { runOnce, watchIcons } from './icon';
import { giveMore } from './more';
import {
  disableSite,
  enableSite,
  enableSites,
  enabledSites,
  siteStatus,
  startIn,
  watchPermissions,
} from './sites';
import { tabPages, type TabPage } from './tabs';
import { startFollow } from '../follow/background';

let dbPromise: Promise<DB> | null = null;
/** Opened on first use: a service worker woken for one message should not pay for more. */
const db = () => (dbPromise ??= openStore());
/** Marks the store had no space for, written again when space returns. */
const held = new HeldMarks(db);
/** Name detection for every tab: one lexicon, built on the first page, and a session per page. */
const detection = new DetectService();

const BADGE_COLOR = BRAND_COLOR;

async function setBadge(tabId: number, state: PageState | null): Promise<void> {
  // Not a live blog: no text of the tab's own, so the global one (the followed blogs' total, an option) shows.
  const text = state?.isLiveBlog ? (state.unseen > 0 ? String(state.unseen) : '') : null;
  await browser.action.setBadgeText({ tabId, text: text as string }).catch(() => undefined);
  if (text)
    await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR }).catch(() => undefined);
}

/** Every tab showing this page gets the new state and its badge (two tabs of one blog agree), and an open popup. */
async function broadcast(state: PageState, exceptTab?: number): Promise<void> {
  void announce('state:changed', state);
  for (const tab of await tabPages.tabsOf(state.url)) {
    await setBadge(tab.tabId, state);
    if (tab.tabId !== exceptTab) await tellOrForget(tab, 'state:changed', state);
  }
}

/** Tells a tab's content script; a tab that no longer has one (it navigated away) is forgotten, unless a
 * new page load reported from it meanwhile. */
async function tellOrForget<K extends keyof ContentProtocol>(
  { tabId, visit }: TabPage,
  type: K,
  payload: ContentRequest<K>,
): Promise<void> {
  await tell(tabId, type, payload).then(
    () => undefined,
    () => tabPages.remove(tabId, visit),
  );
}

async function urlOfTab(tabId: number): Promise<string | undefined> {
  const known = await tabPages.get(tabId);
  if (known) return known;
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  return tab?.url;
}

interface ChromeSidePanel {
  open(o: { windowId: number } | { tabId: number }): Promise<void>;
}
const chromeSidePanel = () => (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome?.sidePanel;

/** A panel that cannot open (no gesture, a closed window) is no error worth reporting, thrown or rejected. */
function openQuietly(panel: ChromeSidePanel, where: { windowId: number } | { tabId: number }): void {
  try {
    void panel.open(where).catch(() => undefined);
  } catch {
    // Not available here.
  }
}

/** Chrome's side panel for a window (Firefox opens its sidebar through `_execute_sidebar_action`). */
function openSidePanel(windowId: number | undefined): void {
  const panel = chromeSidePanel();
  if (panel && windowId !== undefined) openQuietly(panel, { windowId });
}

/**
 * Opens the panel for the tab whose card asked, within the reader's click: Chrome keeps a content script's
 * user gesture only while the message is being dispatched, so this runs synchronously in the browser's
 * listener, before the router's (asynchronous) handlers. Firefox opens its sidebar only from the toolbar,
 * the popup or the shortcut; there the request is answered `ok: false`.
 */
function openPanelForCard(message: unknown, sender: { id?: string; tab?: { id?: number } }): void {
  const m = message as { bs?: unknown; type?: unknown } | null;
  if (!m || m.bs !== 1 || m.type !== 'panel:open' || sender.id !== browser.runtime.id) return;
  const tabId = sender.tab?.id;
  const panel = chromeSidePanel();
  if (panel && tabId !== undefined) openQuietly(panel, { tabId });
}

export function startBackground(): void {
  const follow = startFollow({
    readingState: async (url) => {
      const state = await pageState(await db(), url);
      return state && held.overlay(state);
    },
    allowed: async (url) => (await siteStatus(url)).enabled,
    async tellTabs(url, following) {
      // Not tellOrForget: a page with no card open has nobody listening, and stays mapped.
      for (const { tabId } of await tabPages.tabsOf(url))
        await tell(tabId, 'follow:changed', { url, following }).catch(() => undefined);
    },
  });
  const runsOn = async (tabId: number, url: string | undefined) =>
    !!url && ((await runOnce.has(tabId)) || (await siteStatus(url)).enabled);
  const icons = watchIcons(runsOn);
  listen<BackgroundProtocol>(
    {
      async 'page:report'(report, sender) {
        const state = await recordReport(await db(), report).catch(async (e: unknown) => {
          if (!isQuotaError(e)) throw e;
          // No space: answer with the state it would give, so the tab does not resend it every flush.
          noteQuota('reading');
          return held.overlay(await recordReport(await db(), report, Date.now(), false));
        });
        const tabId = sender.tab?.id;
        if (tabId !== undefined) await tabPages.set(tabId, state.url, report.visit);
        // Its badge, and the other tabs of the same blog: a live insertion changes their unseen count too.
        await broadcast(state, tabId);
        if (tabId !== undefined) void follow.onReport(tabId, state).catch(() => undefined);
        return state;
      },
      async 'page:leave'({ visit }, sender) {
        // Only that page load: after a reload, the old document's leave may arrive after the new one's report.
        if (sender.tab?.id !== undefined) await tabPages.remove(sender.tab.id, visit);
      },
      async 'page:update'(delta, sender) {
        const recorded = await recordDelta(await db(), delta).catch(async (e: unknown) => {
          if (!isQuotaError(e)) throw e;
          noteQuota('reading');
          const kept = await recordDelta(await db(), delta, Date.now(), false);
          return kept && { state: held.overlay(kept.state), change: held.overlay(kept.change) };
        });
        // The store could not apply it (another load, cleared data): the page reports in full.
        if (!recorded) return { resync: true };
        const tabId = sender.tab?.id;
        if (tabId !== undefined) await tabPages.set(tabId, recorded.state.url, delta.visit);
        await broadcast(recorded.state, tabId);
        return recorded.change;
      },
      async 'updates:seen'({ url, ids }, sender) {
        const next = await held.mark(url, ids, 'seen', false, async () => pageState(await db(), url));
        if (!next) return null;
        await broadcast(next, sender.tab?.id);
        // The page hears what changed, not the whole state to go through again.
        return changeOf(next, ids);
      },
      async 'updates:mark'({ url, ids, state, manual }, sender) {
        const next = await held.mark(url, ids, state, manual, async () => pageState(await db(), url));
        if (next) await broadcast(next, sender.tab?.id);
        if (next) void follow.refreshBadge().catch(() => undefined);
        return next;
      },
      async 'page:get'({ url, tabId }) {
        const target = url ?? (tabId !== undefined ? await urlOfTab(tabId) : undefined);
        const state = target ? await pageState(await db(), target) : null;
        return state && held.overlay(state);
      },
      async 'page:jump'({ url, id }) {
        const target = canonicalUrl(url);
        for (const { tabId } of await tabPages.tabsOf(target)) {
          const res = await tell(tabId, 'update:jump', { id }).catch(() => null);
          if (res?.ok) {
            const tab = await browser.tabs.update(tabId, { active: true });
            if (tab?.windowId !== undefined)
              await browser.windows?.update(tab.windowId, { focused: true }).catch(() => undefined);
            return { ok: true };
          }
        }
        // A cut key (an address over URL_KEY_MAX) would open another page: only a tab showing it can jump.
        if (isCutKey(target)) return { ok: false };
        // No tab shows it: the new one scrolls there once its page reports (src/follow/background.ts).
        await follow.expectJump(target, id);
        await browser.tabs.create({ url: target });
        return { ok: false };
      },
      async 'pages:followed'() {
        return followedPages(await db());
      },
      async 'knowledge:lookup'(req, sender) {
        return lookup(await db(), req, sender);
      },
      'knowledge:cancel': ({ requestId }, sender) => cancel(requestId, sender),
      async 'data:export'({ cursor }) {
        return exportChunk(await db(), cursor);
      },
      async 'data:import'(file) {
        const result = await importAll(await db(), file);
        // Open tabs and the popup of every page the import changed follow at once.
        for (const url of result.urls) {
          const state = await pageState(await db(), url);
          if (state) await broadcast(state);
        }
        return result;
      },
      async 'data:clear'({ what }) {
        if (what === 'reading' || what === 'all') {
          await clearReading(await db());
          // Open pages forget their marks and report again, so badges, markers and the popup start over.
          for (const tab of await tabPages.all()) await tellOrForget(tab, 'reading:reset', {});
        }
        if (what === 'cache' || what === 'all') {
          await clearCache(await db());
          // The way out of a full disk: space may be back for the marks held in memory.
          clearQuota();
          await held.retry();
        }
      },
      async 'site:enable'({ origin, tabId }) {
        const enabled = await enableSite(origin, tabId);
        await icons.refresh(tabId);
        return { enabled };
      },
      async 'sites:enable'({ origins }) {
        const enabled = await enableSites(origins);
        await icons.refresh();
        return { enabled };
      },
      async 'site:runOnce'({ tabId }) {
        // activeTab: the reader opened the popup on this tab, which grants it until the tab navigates.
        const tab = await browser.tabs.get(tabId).catch(() => null);
        if (!tab?.url || !(await startIn(tabId))) return { ok: false };
        await runOnce.add(tabId, tab.url);
        await icons.refresh(tabId);
        return { ok: true };
      },
      async 'site:disable'({ origin }) {
        await disableSite(origin);
        await icons.refresh();
        return { enabled: false };
      },
      'site:status': ({ url }) => siteStatus(url),
      'site:list': () => enabledSites(),
      'options:open': () => browser.runtime.openOptionsPage(),
      // The origin is the sending frame's, whatever the report claims.
      'errors:log': (report, sender) =>
        logError({
          ...report,
          origin: sender.url && URL.canParse(sender.url) ? new URL(sender.url).origin : report.origin,
        }),
      'errors:list': () => listErrors(),
      'errors:clear': () => clearErrors(),
      async 'settings:set'(patch) {
        const next = await writeSettings(patch);
        await follow.onSettings(patch);
        return next;
      },
      ...follow.handlers,
      'status:get': () => ({ ...storeStatus, heldMarks: held.size }),
      'story:map': (req) => renderStoryMap(req),
      // Opened already, in the listener below; this answers whether this browser could.
      'panel:open': () => ({ ok: !!chromeSidePanel() }),
      'names:detect': (req, sender) => detection.handle(req, ownerOf(sender)),
      'page:more': ({ part }, sender) => giveMore(sender, runsOn, part),
    },
    guardWith((tabId) => tabPages.get(tabId)),
  );
  guardSettings();
  // Marks an earlier worker held for lack of space, kept in storage.session: written when space allows.
  void held.restore();

  browser.tabs.onRemoved.addListener((tabId) => {
    void tabPages.remove(tabId);
    detection.forgetTab(tabId);
  });
  browser.commands?.onCommand.addListener(async (command, commandTab?: { windowId?: number }) => {
    // Chrome's side panel opens only within the shortcut's user gesture: before any await.
    if (command === 'open-story') return void openSidePanel(commandTab?.windowId);
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    if (command === 'next-name' || command === 'previous-name') {
      await tell(tab.id, 'names:step', { direction: command === 'next-name' ? 1 : -1 }).catch(
        () => undefined,
      );
    }
  });
  watchPermissions(() => void icons.refresh());
  browser.runtime.onMessage.addListener(((
    message: unknown,
    sender: { id?: string; tab?: { id?: number } },
  ) => {
    openPanelForCard(message, sender);
    return undefined;
  }) as never);
  // After the event that woke the worker: usually a tab loading a page whose content script will ask soon.
  setTimeout(() => detection.warm(), 0);
}
