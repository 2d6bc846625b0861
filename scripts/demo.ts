/**
 * `npm run demo`: builds the extension (the test build) and opens it in Chromium on a bundled sample live
 * blog served from 127.0.0.1, with Wikipedia answered by the local mock (no internet needed).
 * With a display: a real window, until you close it. Without one (or with --headless): hovers a name,
 * opens the popup and the story panel, and writes screenshots of the card (light and dark), the popup and
 * the panel (light and dark) to a folder.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureBrowsers } from './lib/browsers';
import { buildTestExtension, hoverName, openDemo, openPanel, openPopup, shootCard } from './lib/demo-page';
import { REPO } from './lib/server';

const headed = !process.argv.includes('--headless') && !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const outDir = resolve(REPO, process.env.BACKSTORY_DEMO_OUT ?? 'demo-output');

async function main(): Promise<void> {
  if (!ensureBrowsers(['chromium'])) process.exit(1);
  buildTestExtension();
  const demo = await openDemo({
    headless: !headed,
    viewport: headed ? null : { width: 1280, height: 800 },
    port: Number(process.env.BACKSTORY_DEMO_PORT ?? 0),
  });
  const { page, url } = demo;

  if (headed) {
    console.log(`\nBackstory is running in Chromium on ${url}`);
    console.log(
      'Hover an underlined name for its card; the toolbar button opens the popup. Close the window (or Ctrl-C) to stop.',
    );
    await new Promise<void>((done) => {
      demo.context.on('close', () => done());
      process.on('SIGINT', () => done());
    });
    await demo.close();
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

  const popup = await openPopup(demo);
  await popup.screenshot({ path: shot('popup.png'), fullPage: true });

  // The story panel, light with the cast and map, dark with a place selected (its mentions stepped through).
  const panel = await openPanel(demo);
  await panel.screenshot({ path: shot('panel-light.png'), fullPage: true });
  await panel.close();
  const dark = await openPanel(demo, undefined, 'dark');
  await dark.click('button.who.place');
  await dark.waitForSelector('.stepper');
  await dark.screenshot({ path: shot('panel-dark.png'), fullPage: true });
  await dark.close();

  await demo.close();
  console.log(
    `\nNo display: ran headless. Screenshots of the card, the popup and the story panel are in ${outDir}/`,
  );
  for (const f of files) console.log(`  ${f}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
