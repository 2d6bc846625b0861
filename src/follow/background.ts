/**
 * Follow wiring for the background: the alarm, the message handlers, the badge total and notifications.
 * The background passes in what belongs to it (the reading state, whether a site is enabled, the jump to
 * an update); everything else is here.
 */
import { browser } from 'wxt/browser';
import { announce, tell } from '../messaging/client';
import type { BackgroundProtocol, FollowedBlog } from '../messaging/protocol';
import type { Handlers } from '../messaging/router';
import type { PageState } from '../reading/types';
import { trustedSettings, type Settings } from '../shared/settings';
import { canonicalUrl } from '../shared/url';
import { baselineOf, byNewest, FollowChecker, viewOf } from './checker';
import { closeOffscreen, parseAnywhere } from './offscreen';
import { periodMs } from './schedule';
import {
  addFollow,
  addWatch,
  exportFollows,
  getFollow,
  importFollows,
  listFollows,
  listWatches,
  newFollow,
  openFollowStore,
  patchFollow,
  putFollow,
  removeFollow,
  removeWatch,
  type FollowDB,
} from './store';
import type { FollowRecord, FoundUpdate } from './types';

export const FOLLOW_ALARM = 'backstory-follow';
const NOTIFICATION_PREFIX = 'backstory-follow|';
const BADGE_COLOR = '#3b5bdb';
/** The session key of a jump waiting for its tab to load (a notification was clicked). */
const PENDING_JUMP = 'followJump';

export interface FollowWiring {
  readingState(url: string): Promise<PageState | null>;
  allowed(url: string): Promise<boolean>;
  /** Tells the tabs showing `url` that it was followed or unfollowed (a card's toggle there shows it). */
  tellTabs?(url: string, following: boolean): Promise<void>;
}

/** The test build may check every few seconds (the real-browser tests); the store build at most every minute. */
const minPeriodMinutes = () => (import.meta.env.BACKSTORY_TEST_BUILD ? 0.02 : 1);
const period = async () => periodMs((await trustedSettings()).followMinutes, minPeriodMinutes());

const hasNotifications = () =>
  browser.permissions.contains({ permissions: ['notifications'] }).catch(() => false);

/** Ids the reader's own visits showed (with the ids that stand for them): not news to them. */
function shownOf(state: PageState | null): Set<string> {
  if (!state) return new Set();
  return new Set([...state.updates.map((u) => u.id), ...Object.keys(state.aliases)]);
}

export function startFollow(w: FollowWiring) {
  let dbPromise: Promise<FollowDB> | null = null;
  const db = () => (dbPromise ??= openFollowStore());

  /** Every followed blog, or only `url` (a card asks about its own page). */
  const blogs = async (url?: string): Promise<FollowedBlog[]> => {
    const out: FollowedBlog[] = [];
    const key = url === undefined ? undefined : canonicalUrl(url);
    for (const rec of await listFollows(await db())) {
      if (key !== undefined && rec.url !== key) continue;
      const state = await w.readingState(rec.url);
      const view = viewOf(rec, shownOf(state));
      out.push({
        ...view,
        title: rec.title || state?.title || rec.url,
        unseen: (state?.unseen ?? 0) + view.found.length,
      });
    }
    return out.sort(byNewest);
  };

  const refreshBadge = async (settings?: Settings): Promise<void> => {
    const { followBadge } = settings ?? (await trustedSettings());
    const total = followBadge ? (await blogs()).reduce((n, b) => n + b.unseen, 0) : 0;
    // The global text: tabs showing a live blog set their own (src/background/index.ts), others show this.
    await browser.action.setBadgeText({ text: total ? String(total) : '' }).catch(() => undefined);
    if (total) await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR }).catch(() => undefined);
  };

  const changed = async () => {
    void announce('follow:changed', {});
    await refreshBadge();
  };

  /** Tabs showing a blog whose following changed hear of it; a tab that cannot be told is no error. */
  const tellTabs = (url: string, following: boolean) => w.tellTabs?.(url, following).catch(() => undefined);

  const notify = async (rec: FollowRecord, added: FoundUpdate[]) => {
    const ids = new Set(added.map((a) => a.id));
    const hits = rec.hits.filter((h) => ids.has(h.updateId));
    if (!(rec.notify || hits.length) || !(await hasNotifications())) return;
    listenClicks();
    const title = rec.title || new URL(rec.url).host;
    let message: string;
    if (hits.length) {
      const watches = new Map((await listWatches(await db())).map((x) => [x.key, x.name]));
      const first = hits[0];
      const count = hits.filter((h) => h.watch === first.watch).length;
      message = `${watches.get(first.watch) ?? first.watch} is mentioned in ${count} new update${count === 1 ? '' : 's'} on ${title}: “${first.sentence}”`;
    } else {
      message =
        added.length === 1
          ? added[0].firstLine
          : `${added.length} new updates. Latest: ${added[0].firstLine}`;
    }
    // One notification per blog: a later check's replaces it.
    await browser.notifications
      .create(NOTIFICATION_PREFIX + rec.url, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png' as '/popup.html'),
        title: hits.length ? `Backstory: ${title}` : `${title}: ${added.length} new`,
        message: message.slice(0, 400),
      })
      .catch(() => undefined);
  };

  const checker = new FollowChecker({
    db,
    shownIds: async (url) => shownOf(await w.readingState(url)),
    allowed: w.allowed,
    parse: parseAnywhere,
    fetch: (...args) => fetch(...args),
    period,
    async wakeAt(when) {
      if (when === null) await browser.alarms.clear(FOLLOW_ALARM);
      else await browser.alarms.create(FOLLOW_ALARM, { when });
    },
    onFound: notify,
    async onChange() {
      await closeOffscreen();
      await changed();
    },
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FOLLOW_ALARM) void checker.tick().finally(() => closeOffscreen());
  });
  // A new worker (browser start, update, a stopped worker woken by a message) sets the alarm again.
  void checker.reschedule().catch(() => undefined);

  /** The oldest update the reader has not been shown: where to start reading. */
  const firstUnseen = async (url: string): Promise<string | undefined> => {
    const rec = await getFollow(await db(), url);
    const state = await w.readingState(url);
    const found = rec ? viewOf(rec, shownOf(state)).found : [];
    if (found.length) return found.at(-1)!.id;
    return state?.updates.filter((u) => u.state === 'new').at(-1)?.id;
  };

  /** The next page load of `url` scrolls to update `id` (a tab about to open it). */
  const expectJump = (url: string, id: string) =>
    browser.storage.session.set({ [PENDING_JUMP]: { url: canonicalUrl(url), id, at: Date.now() } });

  const onClicked = (id: string) => {
    if (!id.startsWith(NOTIFICATION_PREFIX)) return;
    const url = id.slice(NOTIFICATION_PREFIX.length);
    void (async () => {
      await browser.notifications.clear(id).catch(() => undefined);
      const update = await firstUnseen(url);
      if (update) await expectJump(url, update);
      await browser.tabs.create({ url });
    })();
  };
  /** The notifications API exists only once the optional permission is granted: listen from then on. */
  let listening = false;
  const listenClicks = () => {
    if (listening || !browser.notifications) return;
    browser.notifications.onClicked.addListener(onClicked);
    listening = true;
  };
  // At start (granted before), and when the reader turns notifications on (granted just now).
  listenClicks();

  const handlers: Partial<Handlers<BackgroundProtocol>> = {
    'follow:list': ({ url }) => blogs(url),
    async 'follow:set'({ url, on }) {
      const key = canonicalUrl(url);
      if (!on) {
        await removeFollow(await db(), key);
        await browser.notifications?.clear(NOTIFICATION_PREFIX + key).catch(() => undefined);
        await checker.reschedule();
        await changed();
        await tellTabs(key, false);
        return { following: false };
      }
      const state = await w.readingState(key);
      const now = Date.now();
      const added = await addFollow(
        await db(),
        newFollow(key, state?.title ?? '', now, {
          baseline: state ? baselineOf(state.updates) : null,
          firstCheck: now + (await period()),
        }),
      );
      await checker.reschedule();
      await changed();
      if (added) await tellTabs(key, true);
      return { following: added };
    },
    async 'follow:patch'({ url, notify, cookies }) {
      // Notifications need the optional permission, which the page asked for in the reader's click.
      if (notify && !(await hasNotifications())) notify = false;
      if (notify) listenClicks();
      const rec = await patchFollow(await db(), url, {
        ...(notify !== undefined ? { notify } : {}),
        ...(cookies !== undefined ? { cookies } : {}),
      });
      if (!rec) return null;
      await changed();
      return (await blogs()).find((b) => b.url === rec.url) ?? null;
    },
    async 'follow:check'({ url }) {
      const d = await db();
      const now = Date.now();
      for (const rec of await listFollows(d))
        if (!url || rec.url === canonicalUrl(url)) await putFollow(d, { ...rec, nextCheck: now });
      await checker.tick();
      await closeOffscreen();
    },
    'follow:export': async () => exportFollows(await db()),
    async 'follow:import'(data) {
      const r = await importFollows(await db(), data);
      await checker.reschedule();
      await changed();
      for (const rec of await listFollows(await db())) await tellTabs(rec.url, true);
      return r;
    },
    'watch:add': async ({ name, kind, aliases }) => addWatch(await db(), name, kind, aliases),
    'watch:remove': async ({ key }) => removeWatch(await db(), key),
    'watch:list': async () => listWatches(await db()),
  };

  return {
    handlers,
    refreshBadge,
    expectJump,
    /** A tab reported a page: a waiting jump goes there; a followed blog's counts changed. */
    async onReport(tabId: number, state: PageState): Promise<void> {
      const pending = (await browser.storage.session.get(PENDING_JUMP))[PENDING_JUMP] as
        { url: string; id: string } | undefined;
      if (pending && pending.url === state.url && state.updates.some((u) => u.id === pending.id)) {
        await browser.storage.session.remove(PENDING_JUMP);
        await tell(tabId, 'update:jump', { id: pending.id }).catch(() => undefined);
      }
      if (await getFollow(await db(), state.url)) await changed();
    },
    /** The reader changed the period: no blog waits longer than the new one for its next check. */
    async onSettings(patch: Partial<Settings>): Promise<void> {
      if (patch.followMinutes !== undefined) {
        const d = await db();
        const latest = Date.now() + (await period());
        for (const rec of await listFollows(d))
          if (rec.nextCheck > latest) await putFollow(d, { ...rec, nextCheck: latest });
        await checker.reschedule();
      }
      if (patch.followBadge !== undefined) await refreshBadge();
    },
  };
}
