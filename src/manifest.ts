/**
 * The manifest, as data: wxt.config.ts uses it and tests/e2e/manifest.test.ts checks the store build's
 * against an allowlist. WXT adds the entrypoints (background, content script, popup, options) itself.
 */
export const GECKO_ID = 'backstory@backstory.invalid';

/** The WXT mode of the test build (`wxt build --mode test`), which outputs to .output/<browser>-mv3-test. */
export const TEST_MODE = 'test';

export function isTestMode(mode: string | undefined): boolean {
  return mode === TEST_MODE;
}

/** Origins that get the content script at install in the test build only: local pages for the demo and
 * the tests, and plain-http news.test, which the runtime tests need as a page that is not a secure context
 * (127.0.0.1 and localhost count as secure). The store build has none: every site is enabled by the
 * reader, and the tests of that path (tests/e2e/real-sites.test.ts) use the store build. */
export const LOCAL_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*', 'http://news.test/*'];

/** The origins this build runs on without being enabled: LOCAL_MATCHES in the test build, none in the
 * store build. For bundled code only (it reads the build-time constant). */
export function builtInMatches(): string[] {
  return import.meta.env.BACKSTORY_TEST_BUILD ? LOCAL_MATCHES : [];
}

/**
 * What a page needs only now and then, each a script of its own that the background puts into the page's
 * isolated world when the page first needs it (src/page/more.ts), so that an ordinary article compiles
 * and runs none of it: `more`, the features (cards, reading, markers, the story panel's end); `liveblog`,
 * the live-blog detector, for a page that could be one (src/liveblog/could.ts).
 */
export const PAGE_SCRIPTS = { more: '/page-more.js', liveblog: '/page-liveblog.js' } as const;
export type PagePart = keyof typeof PAGE_SCRIPTS;

export const ICON_SIZES = [16, 32, 48, 128] as const;
export type IconState = 'on' | 'off';

/** Where the build puts each icon (drawn from assets/icon.svg and assets/icon-off.svg, see
 * scripts/lib/icons.ts): icon/16.png … icon/128.png, icon/off-16.png … icon/off-128.png. */
export function iconPath(state: IconState, size: number): string {
  return state === 'on' ? `icon/${size}.png` : `icon/off-${size}.png`;
}

/** `{16: 'icon/16.png', …}`, for the manifest; `action.setIcon` wants a leading slash: `'/' + path`. */
export function iconSet(state: IconState): Record<string, string> {
  return Object.fromEntries(ICON_SIZES.map((s) => [String(s), iconPath(state, s)]));
}

/** `mode`: the WXT mode; the test build (`test`) holds on its local origins what a reader who enabled a site
 * holds on that site: the host permission (the background puts `PAGE_SCRIPTS` into pages with it) and the
 * content script (entrypoints/content). */
export function buildManifest(browser: string, mode?: string) {
  const manifest: Record<string, unknown> = {
    name: 'Backstory',
    description: 'Who and where, on hover, and what is new since you last looked: for readers of live blogs.',
    // storage: settings; scripting: register the content script on sites the reader enables;
    // activeTab: the popup reads the active tab's URL when the reader opens it; alarms: the checks of
    // followed live blogs; offscreen (Chrome only: Firefox's background page has a DOM parser): where a
    // followed blog's HTML is parsed.
    permissions: [
      'storage',
      'scripting',
      'activeTab',
      'alarms',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Asked when the reader turns on notifications for a followed blog, never at install.
    optional_permissions: ['notifications'],
    // Asked for one site at a time, from the popup, never at install.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    // The toolbar shows the "on" icon; the background switches a tab to icon/off-*.png where Backstory is off.
    ...(isTestMode(mode) ? { host_permissions: LOCAL_MATCHES } : {}),
    icons: iconSet('on'),
    action: { default_title: 'Backstory', default_icon: iconSet('on') },
    commands: {
      'next-name': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Open the card of the next name on the page',
      },
      'previous-name': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Open the card of the previous name on the page',
      },
    },
  };
  // The story side panel: Chrome's sidePanel opens from the background on the shortcut; Firefox's sidebar
  // has its own built-in command.
  (manifest.commands as Record<string, unknown>)[
    browser === 'firefox' ? '_execute_sidebar_action' : 'open-story'
  ] = {
    suggested_key: { default: 'Alt+Shift+S' },
    description: 'Open the story panel: who, where and what is new on this page',
  };
  if (browser === 'firefox') {
    manifest.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        // CSS Custom Highlight API and data_collection_permissions both arrived in Firefox 140.
        strict_min_version: '140.0',
        data_collection_permissions: {
          // Opening a card sends the entity's title (words from the page) to Wikipedia; the reader can turn it off.
          required: ['websiteContent'],
        },
      },
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return manifest;
}
