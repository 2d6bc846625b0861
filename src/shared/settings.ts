import { browser } from 'wxt/browser';
import type { Kind } from '../detect/types';

/** The reader's choices. Kept in storage.local, readable by every part of the extension. */
export interface Settings {
  /** Fetch the Wikipedia summary when a card opens (only the entity's title is sent). */
  wikipedia: boolean;
  /** Base URL of the Wikipedia REST API; tests and the demo point it at a local mock. */
  wikipediaEndpoint: string;
  /** Base URL of the Wikidata API (offices held); same mock in tests. */
  wikidataEndpoint: string;
  /** Show the article's image in cards (fetched by the background, never by the page). */
  cardImages: boolean;
  /** Hover intent delay before a card opens, in ms. */
  hoverDelay: number;
  /** Which kinds of names are underlined. */
  kinds: Record<Kind, boolean>;
  /** Mark updates seen while reading (opt-out, per READING.md ask 2). */
  autoSeen: boolean;
  /**
   * The reader's answer, by host name, for pages that only look like live blogs (thin structure, no
   * schema or platform evidence): true tracks their updates, false stops asking.
   */
  liveBlogSites: Record<string, boolean>;
}

export const DEFAULT_SETTINGS: Settings = {
  wikipedia: true,
  wikipediaEndpoint: 'https://en.wikipedia.org/api/rest_v1',
  wikidataEndpoint: 'https://www.wikidata.org/w/api.php',
  cardImages: true,
  hoverDelay: 300,
  kinds: { person: true, organization: true, place: true },
  autoSeen: true,
  liveBlogSites: {},
};

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<Settings> | undefined;
  return mergeSettings(stored);
}

export function mergeSettings(stored: Partial<Settings> | undefined): Settings {
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    kinds: { ...DEFAULT_SETTINGS.kinds, ...stored?.kinds },
    liveBlogSites: { ...stored?.liveBlogSites },
  };
}

/** The reader's answer for a host's borderline live blogs, if they gave one (a page names the key). */
export function liveBlogAnswer(settings: Settings, host: string): boolean | undefined {
  const answers = settings.liveBlogSites;
  return Object.hasOwn(answers, host) && typeof answers[host] === 'boolean' ? answers[host] : undefined;
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = mergeSettings({ ...(await loadSettings()), ...patch });
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

/** Calls back with the new settings whenever they change (options page, another window). */
export function watchSettings(callback: (settings: Settings) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && changes[KEY]) callback(mergeSettings(changes[KEY].newValue as Partial<Settings>));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
}
