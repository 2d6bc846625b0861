/**
 * What each background message may carry, and who may send it. The background checks every message
 * against this table before its handler runs: payloads are parsed by a schema (unknown fields, wrong
 * types and over-long lists are rejected, never walked), and each kind is accepted only from the
 * contexts that need it. A kind missing from the table is refused (and fails the meta-test).
 */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { BLOCK_FIELDS, wellFormed } from './detect-wire';
import { DETECT_LIMITS, type BackgroundProtocol } from './protocol';
import { canonicalUrl } from '../shared/url';
import { PAGE_SCRIPTS, type PagePart } from '../manifest';

/** Where a message comes from: a content script in a web page, or one of the extension's own pages. */
export type Context = 'content' | 'page';

// Bounds on the wire. Page text (titles, labels, first lines, update ids and lists) is not refused for
// its length: the store cuts it (src/reading/store.ts), so a page with a huge title is still recorded.
// A page's address is not either, up to the longest a browser keeps (Chrome: 2 MiB; Firefox: 1 MiB): a
// long fragment is no part of its key, and a key longer than URL_KEY_MAX is cut (canonicalUrl).
const MAX_URL = 8192;
const MAX_PAGE_URL = 2 * 1024 * 1024;
const MAX_LIST = 10_000;

const isWebUrl = (s: string) => /^https?:\/\//i.test(s);
const webUrl = v.pipe(v.string(), v.maxLength(MAX_PAGE_URL), v.check(isWebUrl, 'not a web URL'));
const text = v.string();
const shortText = v.pipe(v.string(), v.maxLength(1000));
const id = v.string();
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const empty = v.strictObject({});

const updateSummary = v.strictObject({ id, label: text, time: v.optional(shortText), firstLine: text });
const geo = v.strictObject({
  lat: v.pipe(v.number(), v.finite()),
  lon: v.pipe(v.number(), v.finite()),
  country: v.optional(shortText),
  population: v.optional(v.number()),
});
const kind = v.picklist(['person', 'organization', 'place']);

// Name detection: a page's text goes to the background in bounded messages (the content script batches
// below these; the background also caps a page's total, src/background/detect-session.ts).
export const DETECT_MAX_MESSAGE_CHARS = DETECT_LIMITS.messageChars;
export const DETECT_MAX_BLOCKS = DETECT_LIMITS.blocks;
const blockIndex = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(DETECT_MAX_BLOCKS - 1));
const lang = v.nullish(v.pipe(v.string(), v.maxLength(DETECT_LIMITS.lang)));
const detectLangs = v.pipe(
  v.array(v.pipe(v.string(), v.maxLength(DETECT_LIMITS.lang))),
  v.maxLength(DETECT_LIMITS.langs),
);

export const SCHEMAS: { [K in keyof BackgroundProtocol]: v.GenericSchema } = {
  'page:report': v.strictObject({
    url: webUrl,
    visit: shortText,
    title: text,
    isLiveBlog: v.boolean(),
    updates: v.array(updateSummary),
  }),
  'page:update': v.strictObject({
    url: webUrl,
    visit: shortText,
    title: text,
    isLiveBlog: v.boolean(),
    added: v.pipe(
      v.array(
        v.strictObject({ ...updateSummary.entries, at: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
      ),
      v.maxLength(MAX_LIST),
    ),
    changed: v.pipe(v.array(updateSummary), v.maxLength(MAX_LIST)),
    removed: v.pipe(v.array(id), v.maxLength(MAX_LIST)),
    count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  'page:leave': v.strictObject({ visit: shortText }),
  'updates:mark': v.strictObject({
    url: webUrl,
    ids: v.pipe(v.array(id), v.maxLength(MAX_LIST)),
    state: v.picklist(['seen', 'new']),
    manual: v.boolean(),
  }),
  'updates:seen': v.strictObject({ url: webUrl, ids: v.pipe(v.array(id), v.maxLength(MAX_LIST)) }),
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
    placePick: v.optional(shortText),
    site: v.optional(shortText),
    requestId: v.optional(shortText),
  }),
  'knowledge:cancel': v.strictObject({ requestId: shortText }),
  'data:export': v.strictObject({ cursor: v.optional(v.pipe(v.string(), v.maxLength(MAX_URL))) }),
  // Rows are checked one by one by the importer, which skips malformed ones and counts them.
  'data:import': v.strictObject({
    format: v.literal('backstory-reading'),
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    exportedAt: v.optional(shortText),
    pages: v.array(v.unknown()),
    entries: v.array(v.unknown()),
  }),
  'data:clear': v.strictObject({ what: v.picklist(['reading', 'cache', 'all']) }),
  'site:enable': v.strictObject({ origin: shortText, tabId: v.optional(tabId) }),
  'site:disable': v.strictObject({ origin: shortText }),
  'site:status': v.strictObject({ url: v.pipe(v.string(), v.maxLength(MAX_PAGE_URL)) }),
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
  'panel:open': empty,
  'page:more': v.strictObject({ part: v.picklist(Object.keys(PAGE_SCRIPTS) as PagePart[]) }),
  'story:map': v.strictObject({
    places: v.pipe(
      v.array(
        v.strictObject({
          key: shortText,
          lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
          lon: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
        }),
      ),
      v.maxLength(400),
    ),
    width: v.pipe(v.number(), v.integer(), v.minValue(50), v.maxValue(2000)),
    height: v.pipe(v.number(), v.integer(), v.minValue(50), v.maxValue(2000)),
  }),
  'names:detect': v.pipe(
    v.strictObject({
      session: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
      open: v.optional(
        v.union([
          v.strictObject({ htmlLang: lang, sample: v.pipe(v.string(), v.maxLength(DETECT_LIMITS.sample)) }),
          v.strictObject({
            language: v.strictObject({ language: v.pipe(v.string(), v.maxLength(16)), declared: lang }),
          }),
        ]),
      ),
      text: v.pipe(v.string(), v.maxLength(DETECT_MAX_MESSAGE_CHARS, 'too much text in one message')),
      // Checked as a whole below (triples that add up to the text), never walked as objects.
      blocks: v.pipe(
        v.array(v.number()),
        v.maxLength(DETECT_LIMITS.messageBlocks * BLOCK_FIELDS, 'too many blocks in one message'),
      ),
      langs: detectLangs,
      drop: v.optional(v.pipe(v.array(blockIndex), v.maxLength(DETECT_MAX_BLOCKS))),
    }),
    v.check((req) => wellFormed(req), 'blocks that do not add up to the text'),
  ),
  'follow:list': v.strictObject({ url: v.optional(webUrl) }),
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
 * Who may send each kind. Content scripts: report, leave, mark and follow their own page, card lookups,
 * reads of their own state. Export, import, clear, settings and sites: the extension's own pages only.
 */
export const SENDERS: { [K in keyof BackgroundProtocol]: Context[] } = {
  'page:report': CONTENT,
  'page:update': CONTENT,
  'page:leave': CONTENT,
  'updates:seen': CONTENT,
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
  'story:map': PAGES,
  'panel:open': CONTENT,
  // Into the sending frame only, and only where the content script itself runs (src/background/more.ts).
  'page:more': CONTENT,
  // A page's text, for its own session only (the background keys sessions by the sender's tab and frame).
  'names:detect': CONTENT,
  // A card's Follow toggle: its own page only (see ownPage), so a content script learns nothing of the others.
  'follow:list': BOTH,
  'follow:set': BOTH,
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
  // The browser names the sending extension on every message of ours; none named is not ours either.
  if (sender.id !== browser.runtime.id) return null;
  const own = (url: string | undefined) => !!url && url.startsWith(extensionOrigin);
  // A tab's URL may be hidden (no "tabs" permission): our pages are not web-accessible, so no web page frames them.
  if (own(sender.url))
    return !sender.tab || sender.tab.url === undefined || own(sender.tab.url) ? 'page' : null;
  const frame = sender.url ?? sender.tab?.url;
  if (sender.tab && frame && isWebUrl(frame)) return 'content';
  return null;
}

/** Messages whose `url` names a page a content script speaks for. */
const OWN_PAGE_KINDS = new Set([
  'page:report',
  'page:update',
  'updates:mark',
  'updates:seen',
  'page:get',
  'follow:set',
  'follow:list',
]);

/**
 * A content script speaks for its own tab's page only: a URL it names is the page its tab shows now or
 * its document loaded as (same canonical URL: fragments and tracking parameters aside), or `reported`,
 * the page its tab last reported (after a soft navigation, the left page's last marks arrive once the
 * URL has changed).
 * Another page of the same origin is not its page: a compromised renderer must not rewrite the reader's
 * state of every page on its site. Tabs are its own.
 */
function ownPage(
  type: string,
  payload: Record<string, unknown>,
  sender: Browser.runtime.MessageSender,
  reported?: string,
): boolean {
  if (typeof payload.url === 'string') {
    const frame = sender.url ?? sender.tab?.url;
    const named = canonicalUrl(payload.url);
    // The frame's URL is the document's as it loaded (browsers do not follow its pushState); the tab's is
    // where it is now.
    const own = [sender.url, sender.tab?.url, reported].filter((u): u is string => !!u);
    if (!OWN_PAGE_KINDS.has(type)) {
      if (origin(payload.url) !== origin(frame)) return false;
    } else if (!own.some((u) => canonicalUrl(u) === named)) return false;
  }
  // The whole list is the extension pages' to see: a content script asks about its own page only.
  if (type === 'follow:list' && payload.url === undefined) return false;
  if (type === 'page:get') {
    if (payload.tabId !== undefined && payload.tabId !== sender.tab?.id) return false;
    if (payload.url === undefined && payload.tabId === undefined) return false;
  }
  return true;
}

const NOT_OWN_PAGE = ": not this tab's page";

/**
 * Why a message is refused, or null when it may be handled. `reported`: the canonical URL the sender's
 * tab last reported, when known (see `guardWith`).
 */
export function refuse(
  type: string,
  payload: unknown,
  sender: Browser.runtime.MessageSender,
  reported?: string,
): string | null {
  if (!Object.prototype.hasOwnProperty.call(SCHEMAS, type)) return `Unknown message: ${type.slice(0, 80)}`;
  const kind = type as keyof BackgroundProtocol;
  const context = contextOf(sender);
  if (!context || !SENDERS[kind].includes(context))
    return `${kind} is not allowed from ${context ?? 'this sender'}`;
  const parsed = v.safeParse(SCHEMAS[kind], payload);
  if (!parsed.success) return `Malformed ${kind}: ${v.summarize(parsed.issues).slice(0, 300)}`;
  if (context === 'content' && !ownPage(kind, payload as Record<string, unknown>, sender, reported))
    return kind + NOT_OWN_PAGE;
  return null;
}

/**
 * The background's guard: `refuse`, and for a content script naming a page that is not its frame's, a
 * second look with the page its tab last reported (`lastReported`, read only then).
 */
export function guardWith(
  lastReported: (tabId: number) => Promise<string | undefined>,
): (
  type: string,
  payload: unknown,
  sender: Browser.runtime.MessageSender,
) => string | null | Promise<string | null> {
  return (type, payload, sender) => {
    const refused = refuse(type, payload, sender);
    const tabId = sender.tab?.id;
    if (!refused?.endsWith(NOT_OWN_PAGE) || tabId === undefined) return refused;
    return lastReported(tabId).then(
      (reported) => (reported ? refuse(type, payload, sender, reported) : refused),
      () => refused,
    );
  };
}
