/**
 * The demo's pieces, shared by `npm run demo` and `npm run store:screenshots`: the test build of the
 * extension in Chromium on the bundled sample live blog, served from 127.0.0.1 with the Wikipedia mock.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { TEST_MODE } from '../../src/manifest';
import { launchChromiumWithExtension, setExtensionSettings } from './chromium';
import { mockEndpoints, REPO, startServer } from './server';

export const DEMO_PAGE = '/demo/syria-live.html';

/** Builds the test build (the store build plus the local origins the demo page is served from). */
export function buildTestExtension(): void {
  console.log('Building the extension (Chrome MV3, test build)…');
  const build = spawnSync('npx', ['--no-install', 'wxt', 'build', '--mode', TEST_MODE], {
    stdio: ['ignore', 'ignore', 'inherit'],
    cwd: REPO,
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

export interface Demo {
  context: BrowserContext;
  extensionId: string;
  page: Page;
  url: string;
  close(): Promise<void>;
}

/** Chromium with the test build, on the demo page, its card lookups answered by the local mock. */
export async function openDemo(options: {
  headless: boolean;
  viewport: { width: number; height: number } | null;
  port?: number;
}): Promise<Demo> {
  const server = await startServer(options.port ?? 0);
  const url = server.origin + DEMO_PAGE;
  const profileDir = mkdtempSync(join(tmpdir(), 'backstory-demo-'));
  const { context, extensionId } = await launchChromiumWithExtension({
    extensionDir: join(REPO, `.output/chrome-mv3-${TEST_MODE}`),
    profileDir,
    headless: options.headless,
    viewport: options.viewport,
  });
  await setExtensionSettings(context, extensionId, mockEndpoints(server));
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return {
    context,
    extensionId,
    page,
    url,
    close: async () => {
      await context.close().catch(() => undefined);
      await server.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Hovers a name as a reader would and waits for its card's layers. Returns the point hovered. */
export async function hoverName(page: Page, text: string): Promise<{ x: number; y: number }> {
  await page.waitForFunction(() => (CSS.highlights.get('backstory-person')?.size ?? 0) > 0, undefined, {
    timeout: 15_000,
  });
  const point = await page.evaluate((text) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n as Text).data.indexOf(text);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + text.length);
      // Low in the window, so the card has room above the line, where it prefers to open.
      window.scrollBy({
        top: r.getClientRects()[0].top - innerHeight * 0.8,
        behavior: 'instant' as ScrollBehavior,
      });
      const rect = r.getClientRects()[0];
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    return null;
  }, text);
  if (!point) throw new Error(`"${text}" is not on the demo page`);
  await page.mouse.move(point.x - 40, point.y + 30);
  await page.mouse.move(point.x, point.y, { steps: 6 });
  await page.waitForFunction(
    () =>
      document
        .querySelector('backstory-card')
        ?.shadowRoot?.querySelector('[role="dialog"] .wiki, [role="dialog"] .muted:not([aria-busy])'),
    undefined,
    { timeout: 15_000 },
  );
  await page.waitForTimeout(400);
  return point;
}

/** Screenshot of the card with the line it belongs to. */
export async function shootCard(page: Page, file: string, point: { x: number; y: number }): Promise<void> {
  const box = await page.evaluate(() => {
    const r = document
      .querySelector('backstory-card')!
      .shadowRoot!.querySelector('[role="dialog"]')!
      .getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });
  const vp = page.viewportSize()!;
  const left = Math.max(0, Math.min(box.left, point.x - 120) - 24);
  const top = Math.max(0, Math.min(box.top, point.y - 20) - 24);
  const right = Math.min(vp.width, Math.max(box.right, point.x + 120) + 24);
  const bottom = Math.min(vp.height, Math.max(box.bottom, point.y + 20) + 24);
  await page.screenshot({ path: file, clip: { x: left, y: top, width: right - left, height: bottom - top } });
}

/** The popup for a page, as the toolbar button opens it (popup.html?url=… in a tab of its size). */
export async function openPopup(demo: Demo, size = { width: 400, height: 520 }): Promise<Page> {
  const popup = await demo.context.newPage();
  await popup.setViewportSize(size);
  await popup.goto(`chrome-extension://${demo.extensionId}/popup.html?url=${encodeURIComponent(demo.url)}`);
  await popup.waitForSelector('li.update');
  return popup;
}

/** The story side panel for the demo page's tab, opened as a page (a headless browser shows no side panel). */
export async function openPanel(
  demo: Demo,
  size = { width: 400, height: 1100 },
  colorScheme: 'light' | 'dark' = 'light',
): Promise<Page> {
  const panel = await demo.context.newPage();
  await panel.setViewportSize(size);
  await panel.emulateMedia({ colorScheme });
  await panel.goto(`chrome-extension://${demo.extensionId}/popup.html?url=${encodeURIComponent(demo.url)}`);
  // The test build reaches the page through its content script, not a host permission, so the tab's URL is
  // hidden here: ask each tab's content script which page it shows.
  const tabId = await panel.evaluate(async (url) => {
    const chrome = (globalThis as any).chrome;
    for (const t of (await chrome.tabs.query({})) as Array<{ id: number }>) {
      const reply = await chrome.tabs
        .sendMessage(t.id, { bs: 1, type: 'page:ping', payload: {} })
        .catch(() => null);
      if (reply?.ok?.url?.split('#')[0] === url) return t.id;
    }
    return undefined;
  }, demo.url);
  if (tabId === undefined) throw new Error(`No tab shows ${demo.url}`);
  await panel.goto(`chrome-extension://${demo.extensionId}/sidepanel.html?tab=${tabId}`);
  await panel.waitForSelector('button.who');
  await panel.waitForSelector('svg.map g.dot');
  return panel;
}
