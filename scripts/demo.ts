/**
 * `npm run demo`: builds the extension and opens it in Chromium on a bundled sample live blog served
 * from 127.0.0.1, with Wikipedia answered by the local mock (no internet needed).
 * With a display: a real window, until you close it. Without one (or with --headless): hovers a name,
 * opens the popup, and writes screenshots of the card (light and dark) and of the popup to a folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { TEST_MODE } from '../src/manifest';
import { ensureBrowsers } from './lib/browsers';
import { launchChromiumWithExtension, setExtensionSettings } from './lib/chromium';
import { mockEndpoints, REPO, startServer } from './lib/server';

const headed = !process.argv.includes('--headless') && !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const outDir = resolve(REPO, process.env.BACKSTORY_DEMO_OUT ?? 'demo-output');
const PAGE = '/demo/syria-live.html';

async function hoverName(page: Page, text: string): Promise<{ x: number; y: number }> {
  await page.waitForFunction(() => (CSS.highlights.get('backstory-person')?.size ?? 0) > 0, undefined, { timeout: 15_000 });
  const point = await page.evaluate((text) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n as Text).data.indexOf(text);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + text.length);
      // Low in the window, so the card has room above the line, where it prefers to open.
      window.scrollBy({ top: r.getClientRects()[0].top - innerHeight * 0.8, behavior: 'instant' as ScrollBehavior });
      const rect = r.getClientRects()[0];
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    return null;
  }, text);
  if (!point) throw new Error(`"${text}" is not on the demo page`);
  await page.mouse.move(point.x - 40, point.y + 30);
  await page.mouse.move(point.x, point.y, { steps: 6 });
  await page.waitForFunction(() => document.querySelector('backstory-card')?.shadowRoot?.querySelector('[role="dialog"] .wiki, [role="dialog"] .muted:not([aria-busy])'), undefined, { timeout: 15_000 });
  await page.waitForTimeout(400);
  return point;
}

/** Screenshot of the card with the line it belongs to. */
async function shootCard(page: Page, file: string, point: { x: number; y: number }): Promise<void> {
  const box = await page.evaluate(() => {
    const r = document.querySelector('backstory-card')!.shadowRoot!.querySelector('[role="dialog"]')!.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });
  const vp = page.viewportSize()!;
  const left = Math.max(0, Math.min(box.left, point.x - 120) - 24);
  const top = Math.max(0, Math.min(box.top, point.y - 20) - 24);
  const right = Math.min(vp.width, Math.max(box.right, point.x + 120) + 24);
  const bottom = Math.min(vp.height, Math.max(box.bottom, point.y + 20) + 24);
  await page.screenshot({ path: file, clip: { x: left, y: top, width: right - left, height: bottom - top } });
}

async function main(): Promise<void> {
  if (!ensureBrowsers(['chromium'])) process.exit(1);
  // The test build: the store build plus the local origins the demo page is served from.
  console.log('Building the extension (Chrome MV3, test build)…');
  const build = spawnSync('npx', ['--no-install', 'wxt', 'build', '--mode', TEST_MODE], { stdio: ['ignore', 'ignore', 'inherit'], cwd: REPO });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const server = await startServer(Number(process.env.BACKSTORY_DEMO_PORT ?? 0));
  const url = server.origin + PAGE;
  const profileDir = mkdtempSync(join(tmpdir(), 'backstory-demo-'));
  const { context, extensionId } = await launchChromiumWithExtension({
    extensionDir: join(REPO, `.output/chrome-mv3-${TEST_MODE}`),
    profileDir,
    headless: !headed,
    viewport: headed ? null : { width: 1280, height: 800 },
  });
  await setExtensionSettings(context, extensionId, mockEndpoints(server));
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });

  const cleanup = async () => {
    await context.close().catch(() => undefined);
    await server.close();
    rmSync(profileDir, { recursive: true, force: true });
  };

  if (headed) {
    console.log(`\nBackstory is running in Chromium on ${url}`);
    console.log('Hover an underlined name for its card; the toolbar button opens the popup. Close the window (or Ctrl-C) to stop.');
    await new Promise<void>((done) => {
      context.on('close', () => done());
      process.on('SIGINT', () => done());
    });
    await cleanup();
    return;
  }

  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  const shot = (name: string) => {
    const f = join(outDir, name);
    files.push(f);
    return f;
  };
  await page.screenshot({ path: shot('page.png') });
  let point = await hoverName(page, 'Binali Yıldırım');
  await shootCard(page, shot('card-light.png'), point);
  await page.keyboard.press('Escape');
  await page.emulateMedia({ colorScheme: 'dark' });
  point = await hoverName(page, 'Binali Yıldırım');
  await shootCard(page, shot('card-dark.png'), point);
  await page.keyboard.press('Escape');
  await page.emulateMedia({ colorScheme: 'light' });
  point = await hoverName(page, 'Damascus');
  await shootCard(page, shot('card-place.png'), point);
  await page.keyboard.press('Escape');

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 520 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?url=${encodeURIComponent(url)}`);
  await popup.waitForSelector('li.update');
  await popup.screenshot({ path: shot('popup.png'), fullPage: true });

  await cleanup();
  console.log(`\nNo display: ran headless. Screenshots of the card and the popup are in ${outDir}/`);
  for (const f of files) console.log(`  ${f}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
