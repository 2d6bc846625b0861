import type { BrowserContext, Page } from 'playwright-core';
import { launchChromiumWithExtension, setExtensionSettings } from '../../../scripts/lib/chromium';
import { buildDir, tempProfile, VIEWPORT, type Driver, type Tab } from './driver';
import { alertsOnScreen, answerPermissionPrompt, PROMPT_ARGS, startScreen, type Screen } from './prompt';

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
  /**
   * Shows the browser's own permission prompts, to be answered with `answerPermissionPrompt`: the browser
   * runs headful on a virtual screen of its own, started here and stopped on close (./prompt.ts). Off by
   * default: headless Chromium shows no prompt a test could answer.
   */
  prompts?: boolean;
}

export type ChromiumDriver = Driver & {
  context(): BrowserContext;
  extensionId(): string;
  /** The texts of the alerts on screen (prompts, notification popups). Only with `prompts: true`. */
  alertsOnScreen(): Promise<string[]>;
};

export async function launchChromium(options: ChromiumLaunch = {}): Promise<ChromiumDriver> {
  const extensionDir = buildDir('chrome', options.build);
  const profile = tempProfile('chromium');
  const screen: Screen | null = options.prompts ? await startScreen() : null;
  let context: BrowserContext;
  let id = '';
  const start = async () => {
    ({ context, extensionId: id } = await launchChromiumWithExtension({
      extensionDir,
      profileDir: profile.dir,
      viewport: VIEWPORT,
      ...(screen ? { headless: false, env: screen.env } : {}),
      args: [
        ...(options.hosts?.length
          ? [`--host-resolver-rules=${options.hosts.map((h) => `MAP ${h} 127.0.0.1`).join(',')}`]
          : []),
        ...(screen ? PROMPT_ARGS : []),
        ...(options.args ?? []),
      ],
    }));
  };
  try {
    await start();
  } catch (e) {
    screen?.close();
    profile.remove();
    throw e;
  }

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
    answerPermissionPrompt(answer) {
      if (!screen) throw new Error('answerPermissionPrompt needs a browser launched with { prompts: true }');
      return answerPermissionPrompt(screen, answer);
    },
    alertsOnScreen() {
      if (!screen) throw new Error('alertsOnScreen needs a browser launched with { prompts: true }');
      return alertsOnScreen(screen);
    },
    async close() {
      await context.close().catch(() => undefined);
      screen?.close();
      profile.remove();
    },
  };
}
