/**
 * Every message between the content script, the popup, the options page and the background, typed.
 * Content scripts and pages never touch IndexedDB or the network: they ask the background.
 */
import type {
  ExportFile,
  FollowedPage,
  ImportResult,
  PageChange,
  PageDelta,
  PageReport,
  PageState,
  UpdateState,
} from '../reading/types';
import type { Knowledge, KnowledgeRequest } from '../knowledge/types';
import type { Settings } from '../shared/settings';
import type { StoreStatus } from '../storage/status';
import type { StoryMap, StoryMapRequest } from '../knowledge/types';
import type { EntitySummary, Kind } from '../detect/types';
import type { PageLanguage } from '../detect/language';
import type { PagePart } from '../manifest';
import type { FollowView, WatchRecord } from '../follow/types';
import type { FollowsExport } from '../follow/store';

/** A followed blog with what the reader has not seen of it: the reading store's count plus what checks found. */
export interface FollowedBlog extends FollowView {
  /** Unseen as of the reader's last visit plus the updates checks found since. */
  unseen: number;
}

/** Requests handled by the background: name → [request, response]. */
export interface BackgroundProtocol {
  /** The content script found (or re-found) a page's updates; answers with their reading state. */
  'page:report': [PageReport, PageState];
  /**
   * A later report of the same page load: what changed since the last one acknowledged. Answers what
   * changed in the reading state, or `resync` when the background cannot apply it (report in full).
   */
  'page:update': [PageDelta, PageChange | { resync: true }];
  /** The content script's page went away (navigation, tab closed); `visit` is the page load's id. */
  'page:leave': [{ visit: string }, void];
  /** Mark updates seen or new. `manual` choices stick: automatic marking never overrides them. */
  'updates:mark': [{ url: string; ids: string[]; state: UpdateState; manual: boolean }, PageState | null];
  /** The page saw these updates (dwell rule): marks them seen, automatically; answers what changed. */
  'updates:seen': [{ url: string; ids: string[] }, PageChange | null];
  /** One page's state, by URL or by tab (the popup without `?url=` asks for the active tab). */
  'page:get': [{ url?: string; tabId?: number }, PageState | null];
  /** Scroll a tab showing this page to an update (popup click); opens the page if no tab shows it. */
  'page:jump': [{ url: string; id: string }, { ok: boolean }];
  /** Live blogs the reader follows, with unseen counts as of the last visit. */
  'pages:followed': [Record<string, never>, FollowedPage[]];
  /** Background for a card: Wikipedia summary and more. Only the entity's title leaves the device. */
  'knowledge:lookup': [KnowledgeRequest, Knowledge];
  /** The card closed before its lookup answered: stop the requests still in flight. */
  'knowledge:cancel': [{ requestId: string }, void];
  /** One chunk of the export, from `cursor` (absent: the first); `next` is the next chunk's cursor (absent: the last). */
  'data:export': [{ cursor?: string }, ExportFile & { next?: string }];
  'data:import': [ExportFile, ImportResult];
  'data:clear': [{ what: 'reading' | 'cache' | 'all' }, void];
  /** Per-site enabling: register the content script for an origin whose permission the popup obtained. */
  'site:enable': [{ origin: string; tabId?: number }, { enabled: boolean }];
  'site:disable': [{ origin: string }, { enabled: boolean }];
  'site:status': [{ url: string }, { enabled: boolean; builtIn: boolean }];
  /** Several sites at once (the options page's publishers list), after one permission prompt. */
  'sites:enable': [{ origins: string[] }, { enabled: string[] }];
  /** "Run on this page": start the content script in one tab through activeTab, no lasting permission. */
  'site:runOnce': [{ tabId: number }, { ok: boolean }];
  /** The card's settings button: open the options page. */
  'options:open': [Record<string, never>, void];
  /** Origin patterns the reader enabled (options page). */
  'site:list': [Record<string, never>, string[]];
  /** A content-script feature failed on a page (once per feature and message): for the options page's error log. */
  'errors:log': [ErrorReport, void];
  /** The error log, newest first (options page). */
  'errors:list': [Record<string, never>, ErrorEntry[]];
  'errors:clear': [Record<string, never>, void];
  /** Settings are written by the background only (options page); answers the settings now in force. */
  'settings:set': [Partial<Settings>, Settings];
  /** Storage health for the popup and options: quota trouble, marks held in memory. */
  'status:get': [Record<string, never>, StoreStatus];
  /** The side panel's map of the story's places (drawn here, like the card's locator map). */
  'story:map': [StoryMapRequest, StoryMap];
  /** The card's "story panel" button: opens the side panel for the sender's tab (within the reader's click). */
  'panel:open': [Record<string, never>, { ok: boolean }];
  /**
   * The page needs one of its other scripts (src/manifest.ts, PAGE_SCRIPTS): the features' (a card,
   * reading, the story panel) or the live-blog detector's. Put into the sender's frame.
   */
  'page:more': [{ part: PagePart }, { ok: boolean }];
  /**
   * The content script's text blocks (by their index in the page) for name detection in the background;
   * answers the mentions (as offsets) and entities that changed, or `lost` when the background no longer
   * holds the session (the service worker stopped): the content script then sends its page again.
   */
  'names:detect': [DetectRequest, DetectAnswer];
  /** Followed blogs (checked in the background), newest update first; with `url`, that blog only (a card). */
  'follow:list': [{ url?: string }, FollowedBlog[]];
  /** Follow or unfollow a live blog the reader has visited (popup and card toggles, options page). */
  'follow:set': [{ url: string; on: boolean }, { following: boolean }];
  /** The reader's choices for one followed blog: notifications, cookies with checks. */
  'follow:patch': [{ url: string; notify?: boolean; cookies?: boolean }, FollowedBlog | null];
  /** "Check now": one blog, or every followed blog, at once (still one request per site at a time). */
  'follow:check': [{ url?: string }, void];
  'follow:export': [Record<string, never>, FollowsExport];
  'follow:import': [
    { follows: unknown[]; watches: unknown[] },
    { follows: number; watches: number; skipped: number },
  ];
  /** "Watch this name" (a card): tell the reader when a followed blog's new update mentions it. */
  'watch:add': [
    { name: string; kind?: 'person' | 'organization' | 'place'; aliases?: string[] },
    WatchRecord | null,
  ];
  'watch:remove': [{ key: string }, void];
  'watch:list': [Record<string, never>, WatchRecord[]];
}

/** One text block of a page, for name detection: its index in the page, its text, its nearest `lang`. */
export interface DetectBlock {
  i: number;
  text: string;
  lang?: string | null;
}

/**
 * A batch of blocks on the wire (src/messaging/detect-wire.ts): one joined string and flat numbers, not
 * an object per block, so a big page's batches cost the page little to send (and the background little
 * to check).
 */
export interface DetectRequest {
  /** The content script's id for this page. */
  session: string;
  /** The first request of a session: the page's language, or what to judge it from. */
  open?: { htmlLang: string | null; sample: string } | { language: PageLanguage };
  /** The blocks' texts, one after another. */
  text: string;
  /** Per block, flat: `[index, length, langRef, …]` (langRef indexes `langs`; -1: none). */
  blocks: number[];
  /** The blocks' `lang` values, each once. */
  langs: string[];
  /** Blocks that left the page. */
  drop?: number[];
}

/** Bounds of a detection message (the schema refuses more; the content script batches below them). */
export const DETECT_LIMITS = {
  /** Characters of text in one message. */
  messageChars: 400_000,
  /** Blocks in one message. */
  messageBlocks: 20_000,
  /** Block indices of one page (a page that keeps replacing its text runs out eventually). */
  blocks: 200_000,
  /** A `lang` value. */
  lang: 100,
  /** Distinct `lang` values in one message. */
  langs: 64,
  /**
   * Characters of the text sample the page's language is told from: what pageLanguage reads of it
   * (LANGUAGE_READ, src/detect/language.ts; a test holds this to at least that), and a little more.
   */
  sample: 2_000,
} as const;

/** Kinds on the wire, by code. */
export const DETECT_KINDS: readonly Kind[] = ['person', 'organization', 'place'];

/**
 * What changed, compactly: the blocks answered (in order, those without mentions too, so the page can
 * clear them), their mentions as one flat array of `[block, start, end, ref, …]` grouped by block in that
 * order (ref indexes `keys` and `kinds`, kinds by DETECT_KINDS code); the entities that changed and the
 * keys that went away.
 */
export interface DetectDelta {
  language: PageLanguage;
  keys: string[];
  kinds: number[];
  blocks: number[];
  mentions: number[];
  entities: EntitySummary[];
  gone: string[];
}

/** `lost`: the background holds no such session (its worker stopped): send the page again, with `open`. */
export type DetectAnswer = (DetectDelta & { lost?: undefined; full?: boolean }) | { lost: true };

/** A logged failure: the report, when it last came, and how often. */
export interface ErrorEntry extends ErrorReport {
  at: string;
  count: number;
}

/** A failure in a page, as the content script reports it: where the code broke, never what the page says. */
export interface ErrorReport {
  /** The feature that failed ('names', 'reading', 'markers', 'cards', or 'session'). */
  feature: string;
  /** The error's name and message, at most 300 characters. */
  message: string;
  /** The stack, at most 1,500 characters. */
  stack?: string;
  /** The page's origin only (`http://news.example`), never its path or query. */
  origin: string;
}

/** Requests handled by a tab's content script: name → [request, response]. */
export interface ContentProtocol {
  /** Scroll to an update (popup click) and flash its marker. */
  'update:jump': [{ id: string }, { ok: boolean }];
  /** Reading state changed elsewhere (another tab of the same blog, the popup, an import). */
  'state:changed': [PageState, void];
  /** The reader cleared their reading data: forget this page's marks and report afresh. */
  'reading:reset': [Record<string, never>, void];
  /** Keyboard shortcut from the commands API. */
  'names:step': [{ direction: 1 | -1 }, void];
  /** The page was followed or unfollowed (from the popup, the options page, another tab): a card's toggle shows it. */
  'follow:changed': [{ url: string; following: boolean }, void];
  /** Where the tab stands, for the popup. */
  /**
   * `language`: the page's, as the detector judged it; names are looked for on English pages only.
   * `looked`: the page has been looked at for a live blog (names come first, so `isLiveBlog` false means
   * "not a live blog" only once this is true).
   */
  'page:ping': [
    Record<string, never>,
    {
      url: string;
      isLiveBlog: boolean;
      looked: boolean;
      names: number;
      language: string;
      borderline: boolean;
    },
  ];
}

/** Announcements from the background to open extension pages (the popup), which need no answer. */
export interface PagesProtocol {
  /** A page's reading state changed (a report, a mark, an import): an open popup shows it at once. */
  'state:changed': [PageState, void];
  /** The followed blogs changed (a check found updates, a follow was added or removed). */
  'follow:changed': [Record<string, never>, void];
}

export type BackgroundRequest<K extends keyof BackgroundProtocol> = BackgroundProtocol[K][0];
export type BackgroundResponse<K extends keyof BackgroundProtocol> = BackgroundProtocol[K][1];
export type ContentRequest<K extends keyof ContentProtocol> = ContentProtocol[K][0];
export type ContentResponse<K extends keyof ContentProtocol> = ContentProtocol[K][1];

/** The envelope on the wire. `bs` tells our messages apart from anything else on runtime messaging. */
export interface Envelope<K extends string = string> {
  bs: 1;
  type: K;
  payload: unknown;
}

export function envelope<K extends string>(type: K, payload: unknown): Envelope<K> {
  return { bs: 1, type, payload };
}

/** The answer on the wire: a value, or the handler's error message (sendResponse cannot reject). */
export type Reply = { ok: unknown } | { error: string };

export function unwrap<T>(reply: Reply | undefined): T {
  if (!reply || typeof reply !== 'object') throw new Error('No answer from the extension (was it reloaded?)');
  if ('error' in reply) throw new Error(reply.error);
  return reply.ok as T;
}

export function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && (message as Envelope).bs === 1;
}
