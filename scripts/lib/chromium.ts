/** Chromium with the production build of the extension loaded: shared by the demo and the tests. */
import { chromium, type BrowserContext } from 'playwright-core';
import { requireBrowser } from './browsers';

/** Headless switches for every Chromium we start (tests, demo, bench). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  // This machine's network is closed: without these Chromium keeps dialling out and failing.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

export interface ChromiumOptions {
  extensionDir: string;
  profileDir: string;
  headless?: boolean;
  viewport?: { width: number; height: number } | null;
  /** Extra switches, e.g. `--host-resolver-rules=MAP news.test 127.0.0.1` to serve a real-looking host. */
  args?: string[];
  /** The browser's environment (default this process's), e.g. the DISPLAY of a virtual screen. */
  env?: Record<string, string | undefined>;
}

export async function launchChromiumWithExtension(
  options: ChromiumOptions,
): Promise<{ context: BrowserContext; extensionId: string }> {
  const context = await chromium.launchPersistentContext(options.profileDir, {
    executablePath: requireBrowser('chromium'),
    headless: options.headless ?? true,
    ...(options.env ? { env: options.env } : {}),
    viewport: options.viewport === undefined ? { width: 1280, height: 720 } : options.viewport,
    args: [
      `--disable-extensions-except=${options.extensionDir}`,
      `--load-extension=${options.extensionDir}`,
      ...CHROMIUM_ARGS,
      ...(options.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, extensionId: new URL(worker.url()).host };
}

/** Writes extension settings from an extension page, as the options page does: through the background. */
export async function setExtensionSettings(
  context: BrowserContext,
  extensionId: string,
  patch: Record<string, unknown>,
): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.evaluate(async (p) => {
    const reply = await (globalThis as any).chrome.runtime.sendMessage({
      bs: 1,
      type: 'settings:set',
      payload: p,
    });
    if (!reply || 'error' in reply) throw new Error(`settings:set: ${reply?.error ?? 'no answer'}`);
  }, patch);
  await page.close();
}
