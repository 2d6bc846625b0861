/**
 * Everything the extension may ask for, and why. tests/e2e/manifest.test.ts holds the built manifests to
 * this list: a new permission has to be added here, with its reason, in review. docs/store/permissions.md
 * gives the same reasons to the stores' reviewers.
 */
export const ALLOWED_PERMISSIONS: Record<string, string> = {
  storage:
    'settings (storage.local) and the tab→page map that survives a stopped service worker (storage.session)',
  scripting: 'register the content script on sites the reader enables from the popup',
  activeTab: 'the popup reads the active tab’s URL when the reader opens it',
  sidePanel: 'Chrome: the story side panel (cast, map, what is new) for the page the reader is on',
  alarms: 'wake the background for the next check of a followed live blog (every 5 minutes by default)',
  offscreen:
    'Chrome only: parse a followed live blog’s HTML with the live-blog code in an offscreen document (DOM_PARSER)',
};

/** Asked at run time only, when the reader turns the feature on. */
export const ALLOWED_OPTIONAL_PERMISSIONS: Record<string, string> = {
  notifications: 'tell the reader of new updates on a followed blog, when they turn it on for that blog',
};

/** Host access granted at install by the store build: none. Every site is enabled by the reader. */
export const ALLOWED_INSTALL_HOSTS: string[] = [];

/** What the test build adds, and nothing else: local pages for the demo and the real-browser tests, and
 * plain-http news.test (mapped to 127.0.0.1 by the tests) as a page that is not a secure context. */
export const TEST_BUILD_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*', 'http://news.test/*'];

/** Asked one site at a time from the popup, never at install. */
export const ALLOWED_OPTIONAL_HOSTS = ['http://*/*', 'https://*/*'];
