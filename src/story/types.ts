/**
 * The story as the side panel shows it: the page's cast and its updates, sent by the content script of the
 * panel's tab while the panel is open (over a port, so a closed panel costs the page nothing).
 */
import type { Kind } from '../detect/types';

export interface StoryEntity {
  key: string;
  name: string;
  kind: Kind;
  subkind?: string;
  /** The first role phrase the page gives it ("Turkish Prime Minister"). */
  role?: string;
  /** Mentions on the page. */
  count: number;
  geo?: { lat: number; lon: number };
  /** The updates that mention it, by index into `Story.updates`. */
  updates: number[];
}

export interface StoryUpdate {
  id: string;
  label: string;
  time?: string;
  firstLine: string;
}

export interface Story {
  url: string;
  title: string;
  liveBlog: boolean;
  /** Updates in the page's order; `newestFirst` says which way time runs. */
  updates: StoryUpdate[];
  newestFirst: boolean;
  entities: StoryEntity[];
  /** Whether names are looked for on this page (English pages only). */
  names: 'on' | 'off-language' | 'off-settings';
}

/** What the panel asks of the page. */
export type PanelRequest =
  { type: 'select'; key: string; index: number } | { type: 'clear' } | { type: 'jump'; id: string };

/** What the page tells the panel. */
export type PanelMessage =
  { type: 'story'; story: Story } | { type: 'selected'; key: string; index: number; total: number };

export const PANEL_PORT = 'backstory-panel';
/** The highlight the panel's selection draws (the page's CSS gives it its own look). */
export const SELECTED_HIGHLIGHT = 'backstory-selected';

/** Bounds on what a page can make the content script send. */
export const STORY_LIMITS = { entities: 400, updates: 1000, text: 200, updatesPerEntity: 1000 } as const;
