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
  /** Not present at the previous visit. */
  fresh: boolean;
}

export interface PageState {
  /** Canonical URL: the storage key. */
  url: string;
  title: string;
  isLiveBlog: boolean;
  updates: UpdateView[];
  unseen: number;
  /** Epoch ms of this visit's start and of the one before, if any. */
  lastVisit?: number;
  previousVisit?: number;
}

export interface FollowedPage {
  url: string;
  title: string;
  unseen: number;
  total: number;
  lastVisit: number;
}

/** The JSON file the reader exports and imports. */
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
  }>;
  entries: Array<{ url: string; id: string; state: UpdateState; manual: boolean; at: number }>;
}
