/** Every real-browser scenario runs in both browsers: `describe.each(BROWSERS)('%s', (name, launch) => …)`. */
import { launchChromium } from './chromium';
import type { Driver } from './driver';
import { launchFirefox } from './firefox';

export const BROWSERS: ReadonlyArray<readonly ['chromium' | 'firefox', () => Promise<Driver>]> = [
  ['chromium', launchChromium],
  ['firefox', launchFirefox],
];
