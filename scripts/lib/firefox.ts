/** How every Firefox ESR we start (tests, bench) is set up: one place for its launch switches and prefs. */
import { GECKO_ID } from '../../src/manifest';

/** Fixed so tests can open moz-extension://UUID/… pages. */
export const FIREFOX_UUID = '5d2e6c1a-8b4f-4f0e-9a6d-2c7b1e0f4a11';

export const firefoxArgs = (viewport: { width: number; height: number }) => [
  '--remote-allow-system-access',
  `--width=${viewport.width}`,
  `--height=${viewport.height}`,
];

/** The add-on installed as an .xpi in the profile is found and enabled at startup, unsigned (ESR allows it). */
export const FIREFOX_PREFS: Record<string, string | number | boolean> = {
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
  'xpinstall.signatures.required': false,
  // Add-ons found in the profile are enabled without asking.
  'extensions.autoDisableScopes': 0,
  'extensions.enabledScopes': 15,
  'datareporting.policy.dataSubmissionEnabled': false,
  'browser.shell.checkDefaultBrowser': false,
};
