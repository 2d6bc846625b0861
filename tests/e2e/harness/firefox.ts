import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../../src/manifest';
import { requireBrowser } from '../../../scripts/lib/browsers';
import { FIREFOX_PREFS, FIREFOX_UUID, firefoxArgs } from '../../../scripts/lib/firefox';
import { buildDir, sleep, tempProfile, until, VIEWPORT, type Driver, type Tab } from './driver';
import { packXpi } from './xpi';
import { answerPermissionPrompt, startScreen, type Screen } from './prompt';

export { FIREFOX_UUID };

function tab(page: Page): Tab {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async mouseMove(x, y, steps = 4) {
      await page.mouse.move(x, y, { steps });
    },
    wheel: (dy) => page.mouse.wheel({ deltaY: Math.round(dy) }),
    press: (key) => page.keyboard.press(key as never),
    click: (x, y) => page.mouse.click(x, y),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
    addScript: async (source) => void (await page.evaluate(source)),
    setViewport: (width, height, scale = 1) => page.setViewport({ width, height, deviceScaleFactor: scale }),
  };
}

export interface FirefoxLaunch {
  /** Names resolved to 127.0.0.1, so the local server can be reached as a real-looking site. */
  hosts?: string[];
  /** Extra preferences (e.g. network.dns.localDomains to serve a real-looking host). */
  prefs?: Record<string, string | number | boolean>;
  /** Accept the test's self-signed certificate, as a reader accepts a site's certificate. */
  acceptInsecureCerts?: boolean;
  build?: 'store' | 'test';
  /** Shows the browser's own permission prompts, to be answered with `answerPermissionPrompt`: headful on a
   * virtual screen of its own (./prompt.ts). Off by default: headless Firefox shows no prompt. */
  prompts?: boolean;
}

export async function launchFirefox(options: FirefoxLaunch = {}): Promise<Driver> {
  const executablePath = requireBrowser('firefox');
  const extension = buildDir('firefox', options.build);
  const profile = tempProfile('firefox');
  // Installed the way a reader's add-on is: an .xpi in the profile's extensions folder, found and
  // enabled at startup, kept across restarts (unsigned: Firefox ESR honours signatures.required=false).
  mkdirSync(join(profile.dir, 'extensions'));
  packXpi(extension, join(profile.dir, 'extensions', `${GECKO_ID}.xpi`));
  let browser: Browser;
  const screen: Screen | null = options.prompts ? await startScreen() : null;

  const start = async () => {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath,
      headless: !screen,
      ...(screen ? { env: screen.env } : {}),
      userDataDir: profile.dir,
      defaultViewport: VIEWPORT,
      acceptInsecureCerts: options.acceptInsecureCerts ?? false,
      args: firefoxArgs(VIEWPORT),
      extraPrefsFirefox: {
        ...FIREFOX_PREFS,
        ...(options.hosts?.length ? { 'network.dns.localDomains': options.hosts.join(',') } : {}),
        ...options.prefs,
      },
    });
    // The add-on starts after the browser does: wait for it before any page loads without it.
    await (await extensionTab('options.html')).close();
  };

  const extensionTab = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    // Over BiDi, goto to a moz-extension:// page never resolves although the page loads: poll instead.
    void page.goto(`moz-extension://${FIREFOX_UUID}/${path}`).catch(() => undefined);
    await until(
      () =>
        page
          .evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete')
          .catch(() => false),
      {
        what: `moz-extension page ${path}`,
      },
    );
    return page;
  };
  await start();

  return {
    async open(url) {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return tab(page);
    },
    async openExtensionPage(path) {
      return tab(await extensionTab(path));
    },
    async setSettings(patch) {
      const page = await extensionTab('options.html');
      await page.evaluate(async (p) => {
        const b = (globalThis as any).browser;
        const reply = await b.runtime.sendMessage({ bs: 1, type: 'settings:set', payload: p });
        if (!reply || 'error' in reply) throw new Error(`settings:set: ${reply?.error ?? 'no answer'}`);
      }, patch);
      await page.close();
    },
    async restart() {
      await browser.close();
      await sleep(300);
      await start();
    },
    answerPermissionPrompt(answer) {
      if (!screen) throw new Error('answerPermissionPrompt needs a browser launched with { prompts: true }');
      return answerPermissionPrompt(screen, answer);
    },
    async close() {
      await browser.close().catch(() => undefined);
      screen?.close();
      profile.remove();
    },
  };
}
