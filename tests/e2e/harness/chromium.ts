import type { BrowserContext, Page } from 'playwright-core';
import { launchChromiumWithExtension, setExtensionSettings } from '../../../scripts/lib/chromium';
import { buildDir, tempProfile, VIEWPORT, type Driver, type Tab } from './driver';

function tab(page: Page): Tab {
  // Emulation overrides belong to the CDP session that set them and vanish when it detaches (the page
  // then falls back to the bare window size), so one session stays attached for the page's life.
  let cdp: Promise<import('playwright-core').CDPSession> | null = null;
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg),
    mouseMove: (x, y, steps = 4) => page.mouse.move(x, y, { steps }),
    wheel: (dy) => page.mouse.wheel(0, Math.round(dy)),
    press: (key) => page.keyboard.press(key),
    click: (x, y) => page.mouse.click(x, y),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
    addScript: async (source) => void (await page.evaluate(source)),
    async setViewport(width, height, scale = 1) {
      cdp ??= page.context().newCDPSession(page);
      await (
        await cdp
      ).send('Emulation.setDeviceMetricsOverride', {
        width,
        height,
        deviceScaleFactor: scale,
        mobile: false,
      });
    },
  };
}

export interface ChromiumLaunch {
  /** Names resolved to 127.0.0.1, so the local server can be reached as a real-looking site. */
  hosts?: string[];
  /** Extra Chromium switches (certificate errors, extension debugging). */
  args?: string[];
  /** `'store'` for the build a reader installs; default the test build. */
  build?: 'store' | 'test';
}

export async function launchChromium(
  options: ChromiumLaunch = {},
): Promise<Driver & { context(): BrowserContext; extensionId(): string }> {
  const extensionDir = buildDir('chrome', options.build);
  const profile = tempProfile('chromium');
  let context: BrowserContext;
  let id = '';
  const start = async () => {
    ({ context, extensionId: id } = await launchChromiumWithExtension({
      extensionDir,
      profileDir: profile.dir,
      viewport: VIEWPORT,
      args: [
        ...(options.hosts?.length
          ? [`--host-resolver-rules=${options.hosts.map((h) => `MAP ${h} 127.0.0.1`).join(',')}`]
          : []),
        ...(options.args ?? []),
      ],
    }));
  };
  await start();

  return {
    context: () => context,
    extensionId: () => id,
    async open(url) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return tab(page);
    },
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/${path}`, { waitUntil: 'load' });
      return tab(page);
    },
    setSettings: (patch) => setExtensionSettings(context, id, patch),
    async restart() {
      await context.close();
      await start();
    },
    async close() {
      await context.close().catch(() => undefined);
      profile.remove();
    },
  };
}
