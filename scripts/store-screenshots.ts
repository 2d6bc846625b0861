/**
 * `npm run store:screenshots`: the stores' 1280×800 screenshots, taken from the demo (the test build in
 * headless Chromium on the bundled sample live blog, Wikipedia answered by the local mock). Written to
 * store-output/screenshots/ (not committed: run this before uploading a listing).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureBrowsers } from './lib/browsers';
import { buildTestExtension, hoverName, openDemo, openPopup, type Demo } from './lib/demo-page';
import { REPO } from './lib/server';

const SIZE = { width: 1280, height: 800 };
const outDir = resolve(REPO, process.env.BACKSTORY_STORE_OUT ?? 'store-output/screenshots');

/** The page as it is, with the popup drawn where the toolbar button opens it. */
async function withPopup(demo: Demo, file: string): Promise<void> {
  const [pageShot, popupShot] = [
    await demo.page.screenshot(),
    await (await openPopup(demo)).screenshot({ fullPage: true }),
  ];
  const canvas = await demo.context.newPage();
  await canvas.setViewportSize(SIZE);
  const src = (b: Buffer) => `data:image/png;base64,${b.toString('base64')}`;
  await canvas.setContent(`<!doctype html><body style="margin:0;width:${SIZE.width}px;height:${SIZE.height}px;overflow:hidden;position:relative">
    <img src="${src(pageShot)}" style="position:absolute;inset:0;width:100%;height:100%;filter:brightness(.92)">
    <img src="${src(popupShot)}" style="position:absolute;top:12px;right:24px;width:400px;max-height:${SIZE.height - 36}px;object-fit:cover;object-position:top;
      border:1px solid #c4c7cc;border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.28)">
  </body>`);
  await canvas.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
  await canvas.screenshot({ path: file });
  await canvas.close();
}

async function shoot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: file });
  console.log(`  ${file}`);
}

async function main(): Promise<void> {
  if (!ensureBrowsers(['chromium'])) process.exit(1);
  buildTestExtension();
  mkdirSync(outDir, { recursive: true });
  const demo = await openDemo({ headless: true, viewport: SIZE });
  try {
    const { page } = demo;
    console.log(`Store screenshots (${SIZE.width}×${SIZE.height}):`);
    await hoverName(page, 'Binali Yıldırım');
    await shoot(page, join(outDir, '1-person-card.png'));
    await page.keyboard.press('Escape');
    await hoverName(page, 'Damascus');
    await shoot(page, join(outDir, '2-place-card.png'));
    await page.keyboard.press('Escape');
    await page.emulateMedia({ colorScheme: 'dark' });
    await hoverName(page, 'Binali Yıldırım');
    await shoot(page, join(outDir, '3-dark.png'));
    await page.keyboard.press('Escape');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.mouse.move(5, 5);
    const file = join(outDir, '4-popup.png');
    await withPopup(demo, file);
    console.log(`  ${file}`);
  } finally {
    await demo.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
