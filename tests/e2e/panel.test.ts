/**
 * The story side panel in Chromium and Firefox ESR, on the production (test) build: the panel page opened
 * for the tab as the popup's tests open the popup (`sidepanel.html?tab=ID`; a headless browser shows no
 * side panel or sidebar). On the seed page the cast is the detector's (the `npm run detect` command on the
 * same file), selecting a name draws its own highlight and steps through its mentions, the map has a dot
 * for every place with coordinates, and axe finds nothing. On a 300-update live blog, a return visit with
 * five new entries lists them under "Since you last looked" and marks the name they bring as new.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHtml, liveBlogHtml, paragraphs } from '../../scripts/lib/bench-pages';
import { REPO, SHARED, startServer, type LocalServer } from '../../scripts/lib/server';
import { BROWSERS } from './harness/browsers';
import { until, type Driver, type Tab } from './harness/driver';

const SEED_FILE = join(SHARED, 'fixtures', 'eaworldview-syria-daily.html');
const SEED = '/shared/eaworldview-syria-daily.html';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The detector's verdict on the seed page, from the project's own command: entity → mentions. */
function detectorCounts(): Map<string, { count: number; kind: string }> {
  const out = execFileSync(
    process.execPath,
    [join(REPO, 'node_modules/tsx/dist/cli.mjs'), join(REPO, 'scripts/detect.ts'), SEED_FILE],
    { cwd: REPO, encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const counts = new Map<string, { count: number; kind: string }>();
  for (const m of JSON.parse(out).mentions as Array<{ entity: string; kind: string }>) {
    const c = counts.get(m.entity) ?? { count: 0, kind: m.kind };
    c.count++;
    counts.set(m.entity, c);
  }
  return counts;
}

interface CastRow {
  key: string;
  name: string;
  count: number;
  fresh: boolean;
}

const cast = (panel: Tab): Promise<CastRow[]> =>
  panel.evaluate(() =>
    [...document.querySelectorAll<HTMLButtonElement>('button.who')].map((b) => ({
      key: b.dataset.key ?? '',
      name: b.querySelector('.name')?.textContent ?? '',
      count: Number(b.querySelector('.count')?.textContent),
      fresh: !!b.querySelector('.new'),
    })),
  );

/** Updates counted in the live blog of 300: the same prose as the bench's page. */
const texts = paragraphs(readFileSync(SEED_FILE, 'utf8'));
/** A name the seed's prose never uses, in the five entries published between the two visits. */
const NEWS = [
  'Jens Stoltenberg, the NATO Secretary General, said the alliance was watching the situation closely.',
];

describe.each(BROWSERS)('%s', (_name, launch) => {
  let server: LocalServer;
  let driver: Driver;
  let probe: Tab;
  let expected: Map<string, { count: number; kind: string }>;

  const tabIds = (): Promise<number[]> =>
    probe.evaluate(async () =>
      (
        (await ((globalThis as any).browser ?? (globalThis as any).chrome).tabs.query({})) as Array<{
          id: number;
        }>
      ).map((t) => t.id),
    );

  /** Opens a page and the panel for its tab. */
  async function openWithPanel(url: string): Promise<{ page: Tab; panel: Tab }> {
    const known = new Set(await tabIds());
    const page = await driver.open(url);
    const tabId = (await tabIds()).find((id) => !known.has(id));
    expect(tabId, 'the page tab').toBeDefined();
    await until(
      () =>
        page.evaluate(() =>
          ['person', 'organization', 'place'].some(
            (k) => (CSS.highlights.get(`backstory-${k}`)?.size ?? 0) > 0,
          ),
        ),
      { what: 'names underlined', timeout: 20_000 },
    );
    const panel = await driver.openExtensionPage(`sidepanel.html?tab=${tabId}`);
    await until(() => panel.evaluate(() => document.querySelectorAll('button.who').length > 0), {
      what: 'the cast in the panel',
      timeout: 20_000,
    });
    return { page, panel };
  }

  beforeAll(async () => {
    expected = detectorCounts();
    server = await startServer();
    driver = await launch();
    probe = await driver.openExtensionPage('options.html');
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  describe('on the seed page', () => {
    let page: Tab;
    let panel: Tab;
    beforeAll(async () => {
      ({ page, panel } = await openWithPanel(server.origin + SEED));
    });
    afterAll(async () => {
      await panel?.close();
      await page?.close();
    });

    it("lists the detector's entities with their mention counts, grouped by kind", async () => {
      const rows = await until(
        async () => {
          const r = await cast(panel);
          return r.length >= expected.size ? r : null;
        },
        { what: `${expected.size} entities in the cast` },
      );
      expect(Object.fromEntries(rows.map((r) => [r.key, r.count]))).toEqual(
        Object.fromEntries([...expected].map(([k, v]) => [k, v.count])),
      );
      const groups = await panel.evaluate(() =>
        [...document.querySelectorAll('.group h3')].map((h) => h.firstChild?.textContent?.trim()),
      );
      expect(groups).toEqual(['People', 'Organizations', 'Places']);
    });

    it('selecting a name highlights its mentions on the page and steps through them', async () => {
      const key = 'person:assad';
      const total = expected.get(key)!.count;
      await panel.evaluate(
        (k) => document.querySelector<HTMLButtonElement>(`button.who[data-key="${k}"]`)!.click(),
        key,
      );
      /** The selection's ranges on the page: how many, and how many lie beyond a screen of the viewport. */
      const selection = () =>
        page.evaluate(() => {
          const h = CSS.highlights.get('backstory-selected') as unknown as Iterable<Range> | undefined;
          const ranges = [...(h ?? [])];
          const far = ranges.filter((r) => {
            const b = r.getBoundingClientRect();
            return b.bottom < -innerHeight || b.top > 2 * innerHeight;
          });
          return { size: ranges.length, far: far.length };
        });
      // The stepped-to mention at once, the others as they come within a screen of the viewport: the
      // page is many screens long, so some of its mentions are not drawn.
      await until(
        async () => {
          const { size, far } = await selection();
          return size > 0 && size < total && far === 0;
        },
        { what: `the selection highlight near the viewport only (of ${total} mentions)` },
      );
      const status = () =>
        panel.evaluate(() => document.querySelector('.stepper [aria-live]')?.textContent ?? '');
      await until(async () => (await status()) === `Mention 1 of ${total}`, { what: 'mention 1' });
      /** The selected mention the page scrolled to: which of the highlight's ranges is in the middle. */
      const inView = () =>
        page.evaluate(() => {
          const ranges = [...(CSS.highlights.get('backstory-selected') as unknown as Iterable<Range>)];
          return ranges.findIndex((r) => {
            const rect = r.getBoundingClientRect();
            return rect.top >= 0 && rect.bottom <= innerHeight;
          });
        });
      expect(await inView()).toBeGreaterThanOrEqual(0);
      const y1 = await page.evaluate(() => scrollY);
      for (let i = 2; i <= 4; i++) {
        await panel.evaluate(() =>
          document.querySelector<HTMLButtonElement>('[aria-label="Next mention"]')!.click(),
        );
        await until(async () => (await status()) === `Mention ${i} of ${total}`, { what: `mention ${i}` });
      }
      expect(await page.evaluate(() => scrollY)).not.toBe(y1);
      // Escape in the card closes the selection, and the page's highlight goes with it.
      await panel.evaluate(() => document.querySelector<HTMLButtonElement>('.stepper button.link')!.click());
      await until(
        async () => (await page.evaluate(() => CSS.highlights.get('backstory-selected')?.size ?? 0)) === 0,
        { what: 'the selection highlight emptied' },
      );
    });

    it('maps every place with coordinates, labels apart', async () => {
      const gazetteer = [...expected.keys()].filter((k) => /^(country|city):/.test(k));
      const map = await until(
        () =>
          panel.evaluate(() => {
            const svg = document.querySelector('svg.map');
            if (!svg) return null;
            const dots = [...svg.querySelectorAll<SVGGElement>('g.dot')].map((g) => g.dataset.key!);
            const boxes = [...svg.querySelectorAll('text')].map((t) => t.getBBox());
            const overlaps = boxes.some((a, i) =>
              boxes.some(
                (b, j) =>
                  i < j &&
                  a.x < b.x + b.width &&
                  b.x < a.x + a.width &&
                  a.y < b.y + b.height &&
                  b.y < a.y + a.height,
              ),
            );
            // Places far from the story's area (the US on a Syria blog) are named under the map instead.
            const off = [...document.querySelectorAll('.off-map [data-key]')].map(
              (e) => (e as HTMLElement).dataset.key!,
            );
            return { dots, labels: boxes.length, overlaps, off };
          }),
        { what: 'the map' },
      );
      expect(gazetteer.filter((k) => !map.dots.includes(k) && !map.off.includes(k))).toEqual([]);
      expect(map.dots.length).toBeGreaterThan(map.off.length * 4);
      expect(map.labels).toBeGreaterThan(3);
      expect(map.overlaps).toBe(false);
    });

    it('fits a 400 px panel at 200% zoom: nothing wider than the panel, the cast still usable', async () => {
      await panel.setViewport(200, 400, 2);
      const fit = await panel.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        button: document.querySelector('button.who')!.getBoundingClientRect().width,
      }));
      expect(fit.overflow).toBeLessThanOrEqual(0);
      expect(fit.button).toBeGreaterThan(150);
      await panel.setViewport(400, 900, 1);
    });

    it('axe-core finds no violations in the panel', async () => {
      await panel.addScript(AXE);
      const violations = await panel.evaluate(async () => {
        const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map(
          (v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`,
        );
      });
      expect(violations).toEqual([]);
    });
  });

  it('on a 300-update live blog, a return visit with new entries lists them and marks the names they bring', async () => {
    let updates = 300;
    const extra = (id: number) => entryHtml(id, [...NEWS, ...texts.slice(0, 3)]);
    server.route('/story-300.html', (_req, res) => {
      // The second visit's page: the same 300 entries, and five newer ones on top that name someone new.
      const base = liveBlogHtml(300, texts);
      const added = Array.from({ length: updates - 300 }, (_, i) => extra(updates - i)).join('');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(base.replace('<div class="liveblog-feed">', `<div class="liveblog-feed">${added}`));
    });
    const url = `${server.origin}/story-300.html`;
    const first = await openWithPanel(url);
    const ticks = () =>
      first.panel.evaluate(() => document.querySelectorAll('svg.timeline rect.tick').length);
    await until(async () => (await ticks()) === 300, { what: '300 updates on the timeline' });
    const firstCast = await cast(first.panel);
    expect(firstCast.some((r) => r.key === 'person:jens stoltenberg')).toBe(false);
    expect(firstCast.filter((r) => r.fresh)).toEqual([]);
    await first.panel.close();
    await first.page.close();

    updates = 305;
    const second = await openWithPanel(url);
    const row = await until(
      async () => (await cast(second.panel)).find((r) => r.key === 'person:jens stoltenberg'),
      { what: 'Jens Stoltenberg in the cast', timeout: 20_000 },
    );
    const since = await until(
      () =>
        second.panel.evaluate(() => {
          const items = [...document.querySelectorAll('#new-h ~ ol.updates > li')];
          return items.length ? items.map((li) => li.querySelector('.brings')?.textContent ?? '') : null;
        }),
      { what: 'Since you last looked', timeout: 20_000 },
    );
    expect(since).toHaveLength(5);
    expect(since[0]).toContain('Jens Stoltenberg');
    expect((await cast(second.panel)).find((r) => r.key === row.key)!.fresh).toBe(true);
    // Names the story already had are not new.
    expect((await cast(second.panel)).find((r) => r.key === 'person:assad')?.fresh ?? false).toBe(false);
    await second.panel.close();
    await second.page.close();
  });
});
