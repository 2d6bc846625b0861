import { browser } from 'wxt/browser';
import type { Kind } from '../detect/types';

/**
 * The reader's choices. The background writes them (`settings:set`, from the options page only) to
 * storage.local, where every part of the extension reads them. A content script can write storage.local
 * too (a compromised renderer): the background keeps its own copy in storage.session (trusted contexts
 * only) and puts it back when anyone else changes the stored settings; lookups use the background's copy,
 * and only https Wikimedia endpoints whoever wrote them (`src/knowledge/remote.ts`).
 */
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
   * Draw the new-update markers and the "N new" pill in the page. They sit in a closed shadow root, but a
   * page can still find that something is drawn at a point (elementFromPoint): off, nothing a page can
   * observe depends on what the reader has seen; the popup still lists what is new.
   */
  pageMarkers: boolean;
  /**
   * The reader's answer, by host name, for pages that only look like live blogs (thin structure, no
   * schema or platform evidence): true tracks their updates, false stops asking.
   */
  liveBlogSites: Record<string, boolean>;
  /** Minutes between background checks of followed live blogs (at least 1 in the store build). */
  followMinutes: number;
  /** On a tab that is not a live blog, the toolbar badge shows the unseen updates of all followed blogs. */
  followBadge: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  wikipedia: true,
  wikipediaEndpoint: 'https://en.wikipedia.org/api/rest_v1',
  wikidataEndpoint: 'https://www.wikidata.org/w/api.php',
  cardImages: true,
  hoverDelay: 300,
  kinds: { person: true, organization: true, place: true },
  autoSeen: true,
  pageMarkers: true,
  liveBlogSites: {},
  followMinutes: 5,
  followBadge: false,
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

/** Settings as the background keeps them: its trusted copy, else (first run, after a browser restart) storage.local. */
export async function trustedSettings(): Promise<Settings> {
  const session = browser.storage.session;
  const kept = session ? ((await session.get(KEY))[KEY] as Partial<Settings> | undefined) : undefined;
  if (kept) return mergeSettings(kept);
  const stored = await loadSettings();
  await session?.set({ [KEY]: stored });
  return stored;
}

/** Background only: write settings, to its trusted copy and to storage.local for the rest of the extension. */
export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = mergeSettings({ ...(await trustedSettings()), ...patch });
  await browser.storage.session?.set({ [KEY]: next });
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

/**
 * Background only: storage.session readable by trusted contexts alone (Chrome's default; said explicitly
 * where the API exists), and settings changed by anyone but the background put back.
 */
export function guardSettings(): void {
  // Not storage.local (newer Chrome could restrict it too): content scripts must still read the settings.
  const session = browser.storage.session as
    { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> } | undefined;
  try {
    void Promise.resolve(session?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })).catch(
      () => undefined,
    );
  } catch {
    // Not implemented here (Firefox keeps session storage to trusted contexts anyway).
  }
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes[KEY]) return;
    void trustedSettings().then(async (trusted) => {
      const now = (await browser.storage.local.get(KEY))[KEY];
      if (JSON.stringify(now) !== JSON.stringify(trusted))
        await browser.storage.local.set({ [KEY]: trusted });
    });
  });
}

/** Calls back with the new settings whenever they change (options page, another window). */
export function watchSettings(callback: (settings: Settings) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && changes[KEY]) callback(mergeSettings(changes[KEY].newValue as Partial<Settings>));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
}
