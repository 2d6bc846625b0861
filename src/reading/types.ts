/**
 * Whether the reader has seen an update (it was on screen while they read, or they said so). Deliberately
 * not "read": a later "read" state (scrolled through to its end) would be a separate field.
 */
export type UpdateState = 'seen' | 'new';

/** What the content script reports about one update. */
export interface UpdateSummary {
  id: string;
  label: string;
  time?: string;
  /** First line of the update's text, for the popup. */
  firstLine: string;
  /**
   * Stored updates only: the id the page reports this update by now, when it differs from the stored id
   * (an id-less update whose opening was edited). Answers to a page are keyed by it, so the page never
   * applies aliases itself.
   */
  pageId?: string;
}

export interface PageReport {
  url: string;
  /** Random id of this page load: a new one starts a new visit. */
  visit: string;
  title: string;
  isLiveBlog: boolean;
  updates: UpdateSummary[];
}

/**
 * A report after the first of a page load: what changed in its updates since the last report the
 * background acknowledged, by the page's ids. `at` is the added update's place in the new list; `count`
 * the new list's length, so a delta that does not fit what is stored is refused (`resync`) and the page
 * reports in full instead.
 */
export interface PageDelta {
  url: string;
  visit: string;
  title: string;
  isLiveBlog: boolean;
  added: Array<UpdateSummary & { at: number }>;
  changed: UpdateSummary[];
  removed: string[];
  count: number;
}

export interface UpdateView extends UpdateSummary {
  state: UpdateState;
  /** The reader chose this state by hand; automatic marking leaves it alone. */
  manual: boolean;
  /** Not on the page when this visit began (for the latest visit; a tab keeps its own view of this). */
  fresh: boolean;
  /** On the page at the reader's first visit (or older than everything that was): never flagged in the page. */
  backlog: boolean;
}

/**
 * What changed in a page's reading state: the views of the updates that changed (every update, for a
 * whole `PageState`) and the unseen count now. `removed`: page ids of updates no longer listed.
 */
export interface PageChange {
  url: string;
  updates: UpdateView[];
  unseen: number;
  removed?: string[];
}

export interface PageState extends PageChange {
  /** Canonical URL: the storage key. */
  url: string;
  title: string;
  isLiveBlog: boolean;
  updates: UpdateView[];
  unseen: number;
  /** Epoch ms of the latest report and of the visit before this one, if any. */
  lastVisit?: number;
  previousVisit?: number;
  /** Reported id → stored id, for id-less updates whose opening was edited. */
  aliases: Record<string, string>;
}

export interface FollowedPage {
  url: string;
  title: string;
  unseen: number;
  total: number;
  lastVisit: number;
}

/** The JSON file the reader exports and imports (version 2; version 1 files, without the v2 fields, import too). */
export interface ExportFile {
  format: 'backstory-reading';
  version: number;
  exportedAt: string;
  pages: Array<{
    url: string;
    title: string;
    isLiveBlog: boolean;
    lastVisit: number;
    previousVisit?: number;
    updates: UpdateSummary[];
    /** v2: first visit, the updates there were then, and aliases of edited id-less updates. */
    firstVisit?: number;
    initial?: string[];
    aliases?: Record<string, string>;
  }>;
  entries: Array<{ url: string; id: string; state: UpdateState; manual: boolean; at: number }>;
}

export interface ImportResult {
  pages: number;
  updates: number;
  /** Malformed rows left out. */
  skipped: number;
  /** Canonical URLs of the pages the import changed (pages or their update states), for open tabs. */
  urls: string[];
}
