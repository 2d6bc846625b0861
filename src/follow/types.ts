/**
 * Followed live blogs and watched names: what the background checks while the reader is away, and what
 * it found. Kept in their own IndexedDB database (src/follow/store.ts), apart from the reading state.
 */

/** One update of a followed blog as the last check read it (the same id the content script would give). */
export interface FollowEntry {
  id: string;
  label: string;
  time?: string;
  firstLine: string;
  /** Hash of the update's opening text: an edit changes it, a re-label does not change the id's match. */
  textHash: string;
}

/** Why a blog cannot be checked in the background; the reader sees the reason, never a silent zero. */
export type CantCheckReason =
  | 'not-enabled'
  | 'login-wall'
  | 'consent-wall'
  | 'script-rendered'
  | 'no-entries'
  | 'http-error'
  | 'network-error'
  | 'too-large';

export interface CantCheck {
  reason: CantCheckReason;
  /** Extra detail for the reader: the HTTP status, the host that asked to log in. */
  detail?: string;
  at: number;
}

/** An update the background found while the reader was away, kept until they see the blog again. */
export interface FoundUpdate extends FollowEntry {
  /** Epoch ms of the check that found it. */
  foundAt: number;
}

/** A mention of a watched name in a found update, with the sentence it is in. */
export interface WatchHit {
  watch: string;
  updateId: string;
  sentence: string;
}

export interface FollowRecord {
  /** Canonical URL: the key. */
  url: string;
  title: string;
  followedAt: number;
  /** A notification when checks find new updates (off by default; needs the optional permission). */
  notify: boolean;
  /** Send the site's cookies with checks (off by default: a check is then a logged-out visit). */
  cookies: boolean;
  /** The updates as last read (by a check, or by the reader's own visit when following began). */
  entries: FollowEntry[];
  /** Whether `entries` is a baseline yet: an imported follow has none, and its first check only sets it. */
  baselined: boolean;
  /** Updates found by checks that the reader has not been shown since, newest first. */
  found: FoundUpdate[];
  /** Watched names mentioned in `found`. */
  hits: WatchHit[];
  etag?: string;
  lastModified?: string;
  /** Epoch ms of the last check that answered (200 or 304), and of the last one that found something new. */
  lastCheck?: number;
  lastChange?: number;
  nextCheck: number;
  /** Failed checks in a row, and checks in a row that found nothing new: both slow the schedule down. */
  failures: number;
  quiet: number;
  problem?: CantCheck;
}

/** A name the reader asked to be told about when a followed blog mentions it. */
export interface WatchRecord {
  /** Normalised name: the key. */
  key: string;
  name: string;
  kind?: 'person' | 'organization' | 'place';
  /** Other forms of the name that count as a mention ("Ayrault" for "Jean-Marc Ayrault"). */
  aliases: string[];
  addedAt: number;
}

/** A followed blog as the popup and options page see it. */
export interface FollowView {
  url: string;
  title: string;
  notify: boolean;
  cookies: boolean;
  /** Found updates the reader has not been shown (those of the reader's last visit left out), newest first. */
  found: FoundUpdate[];
  hits: WatchHit[];
  /** The newest update's time (ISO) or, without one, when the newest was found: the list's order. */
  newest?: string;
  lastCheck?: number;
  nextCheck: number;
  problem?: CantCheck;
}

/** What parsing a fetched page gives (in the offscreen document or the Firefox background page). */
export type ParseResult =
  | { ok: true; title: string; entries: FollowEntry[]; hits: WatchHit[] }
  | { ok: false; reason: CantCheckReason; detail?: string };
