/** Chromium with the production build of the extension loaded: shared by the demo and the tests. */
import { chromium, type BrowserContext } from 'playwright-core';
import { requireBrowser } from './browsers';

export interface ChromiumOptions {
  extensionDir: string;
  profileDir: string;
  headless?: boolean;
  viewport?: { width: number; height: number } | null;
  /** More command-line switches (a test's `--host-resolver-rules`). */
  args?: string[];
}

export async function launchChromiumWithExtension(options: ChromiumOptions): Promise<{ context: BrowserContext; extensionId: string }> {
  const context = await chromium.launchPersistentContext(options.profileDir, {
    executablePath: requireBrowser('chromium'),
    headless: options.headless ?? true,
    viewport: options.viewport === undefined ? { width: 1280, height: 720 } : options.viewport,
    args: [
      `--disable-extensions-except=${options.extensionDir}`,
      `--load-extension=${options.extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      // This machine's network is closed: without these Chromium keeps dialling out and failing.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-features=Translate,OptimizationHints,MediaRouter',
      ...(options.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, extensionId: new URL(worker.url()).host };
}

/** Writes extension settings from an extension page, as the options page would. */
export async function setExtensionSettings(context: BrowserContext, extensionId: string, patch: Record<string, unknown>): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.evaluate(async (p) => {
    const storage = (globalThis as any).chrome.storage.local;
    const cur = ((await storage.get('settings')).settings ?? {}) as Record<string, unknown>;
    await storage.set({ settings: { ...cur, ...p } });
  }, patch);
  await page.close();
}
