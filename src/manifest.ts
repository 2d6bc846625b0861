/**
 * The manifest, as data: wxt.config.ts uses it and tests/manifest.test.ts checks it against an allowlist.
 * WXT adds the entrypoints (background, content script, popup, options) itself.
 */
export const GECKO_ID = 'backstory@backstory.invalid';

/** Origins that get the content script at install: local pages for the demo and the tests. */
export const LOCAL_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];

export function buildManifest(browser: string) {
  const manifest: Record<string, unknown> = {
    name: 'Backstory',
    description:
      'Who and where, on hover, and what is new since you last looked: for readers of live blogs.',
    // storage: settings; scripting: register the content script on sites the reader enables;
    // activeTab: the popup reads the active tab's URL when the reader opens it.
    permissions: ['storage', 'scripting', 'activeTab'],
    // Asked for one site at a time, from the popup, never at install.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Backstory' },
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
