/**
 * What each background message may carry, and who may send it. The background checks every message
 * against this table before its handler runs: payloads are parsed by a schema (unknown fields, wrong
 * types and over-long lists are rejected, never walked), and each kind is accepted only from the
 * contexts that need it. A kind missing from the table is refused (and fails the meta-test).
 */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import type { BackgroundProtocol } from './protocol';

/** Where a message comes from: a content script in a web page, or one of the extension's own pages. */
export type Context = 'content' | 'page';

// Bounds on the wire. Page text (titles, labels, first lines, update ids and lists) is not refused for
// its length: the store cuts it (src/reading/store.ts), so a page with a huge title is still recorded.
const MAX_URL = 8192;
const MAX_LIST = 10_000;

const isWebUrl = (s: string) => /^https?:\/\//i.test(s);
const webUrl = v.pipe(v.string(), v.maxLength(MAX_URL), v.check(isWebUrl, 'not a web URL'));
const text = v.string();
const shortText = v.pipe(v.string(), v.maxLength(1000));
const id = v.string();
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const empty = v.strictObject({});

const updateSummary = v.strictObject({ id, label: text, time: v.optional(shortText), firstLine: text });
const geo = v.strictObject({
  lat: v.pipe(v.number(), v.finite()),
  lon: v.pipe(v.number(), v.finite()),
  country: v.optional(shortText),
  population: v.optional(v.number()),
});
const kind = v.picklist(['person', 'organization', 'place']);

export const SCHEMAS: { [K in keyof BackgroundProtocol]: v.GenericSchema } = {
  'page:report': v.strictObject({
    url: webUrl,
    visit: shortText,
    title: text,
    isLiveBlog: v.boolean(),
    updates: v.array(updateSummary),
  }),
  'page:leave': v.strictObject({ visit: shortText }),
  'updates:mark': v.strictObject({
    url: webUrl,
    ids: v.pipe(v.array(id), v.maxLength(MAX_LIST)),
    state: v.picklist(['seen', 'new']),
    manual: v.boolean(),
  }),
  'page:get': v.strictObject({ url: v.optional(webUrl), tabId: v.optional(tabId) }),
  'page:jump': v.strictObject({ url: webUrl, id }),
  'pages:followed': empty,
  'knowledge:lookup': v.strictObject({
    name: shortText,
    kind,
    subkind: v.optional(shortText),
    aliases: v.optional(v.pipe(v.array(shortText), v.maxLength(200))),
    roles: v.optional(v.pipe(v.array(shortText), v.maxLength(200))),
    wikiTitle: v.optional(shortText),
    geo: v.optional(geo),
    context: v.optional(
      v.pipe(
        v.array(v.strictObject({ name: shortText, subkind: v.optional(shortText), geo: v.optional(geo) })),
        v.maxLength(2000),
      ),
    ),
    pick: v.optional(shortText),
    requestId: v.optional(shortText),
  }),
  'knowledge:cancel': v.strictObject({ requestId: shortText }),
  'data:export': v.strictObject({ cursor: v.optional(v.pipe(v.string(), v.maxLength(MAX_URL))) }),
  // Rows are checked one by one by the importer, which skips malformed ones and counts them.
  'data:import': v.strictObject({
    format: v.literal('backstory-reading'),
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    exportedAt: v.optional(v.string()),
    pages: v.array(v.unknown()),
    entries: v.array(v.unknown()),
  }),
  'data:clear': v.strictObject({ what: v.picklist(['reading', 'cache', 'all']) }),
  'site:enable': v.strictObject({ origin: shortText, tabId: v.optional(tabId) }),
  'site:disable': v.strictObject({ origin: shortText }),
  'site:status': v.strictObject({ url: v.pipe(v.string(), v.maxLength(MAX_URL)) }),
  'options:open': empty,
  'site:list': empty,
  'settings:set': v.strictObject({
    wikipedia: v.optional(v.boolean()),
    wikipediaEndpoint: v.optional(v.pipe(v.string(), v.maxLength(MAX_URL))),
    wikidataEndpoint: v.optional(v.pipe(v.string(), v.maxLength(MAX_URL))),
    cardImages: v.optional(v.boolean()),
    hoverDelay: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(10_000))),
    kinds: v.optional(
      v.strictObject({
        person: v.optional(v.boolean()),
        organization: v.optional(v.boolean()),
        place: v.optional(v.boolean()),
      }),
    ),
    autoSeen: v.optional(v.boolean()),
    pageMarkers: v.optional(v.boolean()),
    followMinutes: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(24 * 60))),
    followBadge: v.optional(v.boolean()),
    liveBlogSites: v.optional(
      v.pipe(
        v.record(v.pipe(v.string(), v.maxLength(253)), v.boolean()),
        v.check((r) => Object.keys(r).length <= 1000, 'too many sites'),
      ),
    ),
  }),
  'status:get': empty,
  'sites:enable': v.strictObject({ origins: v.pipe(v.array(shortText), v.maxLength(500)) }),
  'site:runOnce': v.strictObject({ tabId }),
  'errors:log': v.strictObject({
    feature: shortText,
    message: v.pipe(v.string(), v.maxLength(1000)),
    stack: v.optional(v.pipe(v.string(), v.maxLength(5000))),
    origin: shortText,
  }),
  'errors:list': empty,
  'errors:clear': empty,
  'follow:list': empty,
  'follow:set': v.strictObject({ url: webUrl, on: v.boolean() }),
  'follow:patch': v.strictObject({
    url: webUrl,
    notify: v.optional(v.boolean()),
    cookies: v.optional(v.boolean()),
  }),
  'follow:check': v.strictObject({ url: v.optional(webUrl) }),
  'follow:export': empty,
  // Rows are checked one by one by the importer (src/follow/store.ts), which counts malformed ones.
  'follow:import': v.strictObject({
    follows: v.pipe(v.array(v.unknown()), v.maxLength(MAX_LIST)),
    watches: v.pipe(v.array(v.unknown()), v.maxLength(MAX_LIST)),
  }),
  'watch:add': v.strictObject({
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    kind: v.optional(kind),
    aliases: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(20))),
  }),
  'watch:remove': v.strictObject({ key: shortText }),
  'watch:list': empty,
};

const BOTH: Context[] = ['content', 'page'];
const CONTENT: Context[] = ['content'];
const PAGES: Context[] = ['page'];

/**
 * Who may send each kind. Content scripts: report, leave and mark their own page, card lookups, reads of
 * their own state. Export, import, clear, settings and sites: the extension's own pages only.
 */
export const SENDERS: { [K in keyof BackgroundProtocol]: Context[] } = {
  'page:report': CONTENT,
  'page:leave': CONTENT,
  'updates:mark': BOTH,
  'page:get': BOTH,
  'page:jump': PAGES,
  'pages:followed': PAGES,
  'knowledge:lookup': BOTH,
  'knowledge:cancel': BOTH,
  'data:export': PAGES,
  'data:import': PAGES,
  'data:clear': PAGES,
  'site:enable': PAGES,
  'site:disable': PAGES,
  'site:status': PAGES,
  'options:open': BOTH,
  'site:list': PAGES,
  'settings:set': PAGES,
  'status:get': PAGES,
  'sites:enable': PAGES,
  'site:runOnce': PAGES,
  'errors:log': CONTENT,
  'errors:list': PAGES,
  'errors:clear': PAGES,
  'follow:list': PAGES,
  'follow:set': PAGES,
  'follow:patch': PAGES,
  'follow:check': PAGES,
  'follow:export': PAGES,
  'follow:import': PAGES,
  // A card's "Watch this name" runs in the page's content script; it names no page, so it reveals none.
  'watch:add': BOTH,
  'watch:remove': PAGES,
  'watch:list': PAGES,
};

const origin = (url: string | undefined): string | undefined => {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
};

/**
 * `content`: from a tab, in a web page (the frame's URL is http(s)). `page`: from the extension's own
 * origin, in no tab or in a tab showing an extension page (not framed into a web page). Else nothing.
 */
export function contextOf(
  sender: Browser.runtime.MessageSender,
  extensionOrigin = browser.runtime.getURL('/'),
): Context | null {
  if (sender.id !== undefined && sender.id !== browser.runtime.id) return null;
  const own = (url: string | undefined) => !!url && url.startsWith(extensionOrigin);
  // A tab's URL may be hidden (no "tabs" permission): our pages are not web-accessible, so no web page frames them.
  if (own(sender.url))
    return !sender.tab || sender.tab.url === undefined || own(sender.tab.url) ? 'page' : null;
  const frame = sender.url ?? sender.tab?.url;
  if (sender.tab && frame && isWebUrl(frame)) return 'content';
  return null;
}

/** A content script speaks for its own page only: the URLs it names are on its frame's origin, tabs are its own. */
function ownPage(
  type: string,
  payload: Record<string, unknown>,
  sender: Browser.runtime.MessageSender,
): boolean {
  const frame = origin(sender.url ?? sender.tab?.url);
  if (typeof payload.url === 'string' && origin(payload.url) !== frame) return false;
  if (type === 'page:get') {
    if (payload.tabId !== undefined && payload.tabId !== sender.tab?.id) return false;
    if (payload.url === undefined && payload.tabId === undefined) return false;
  }
  return true;
}

/** Why a message is refused, or null when it may be handled. */
export function refuse(type: string, payload: unknown, sender: Browser.runtime.MessageSender): string | null {
  if (!Object.prototype.hasOwnProperty.call(SCHEMAS, type)) return `Unknown message: ${type.slice(0, 80)}`;
  const kind = type as keyof BackgroundProtocol;
  const context = contextOf(sender);
  if (!context || !SENDERS[kind].includes(context))
    return `${kind} is not allowed from ${context ?? 'this sender'}`;
  const parsed = v.safeParse(SCHEMAS[kind], payload);
  if (!parsed.success) return `Malformed ${kind}: ${v.summarize(parsed.issues).slice(0, 300)}`;
  if (context === 'content' && !ownPage(kind, payload as Record<string, unknown>, sender))
    return `${kind}: not this tab's page`;
  return null;
}
