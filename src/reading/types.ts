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
}

export interface PageReport {
  url: string;
  /** Random id of this page load: a new one starts a new visit. */
  visit: string;
  title: string;
  isLiveBlog: boolean;
  updates: UpdateSummary[];
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

export interface PageState {
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
