/**
 * Hover cards on the seed live blog, in Chromium and Firefox ESR, on the production build, with Wikipedia
 * and Wikidata answered by the local mock: a person, an organization, a country, a town and a city with
 * every layer filled; intent, hoverability, the hide delay, Escape, keyboard navigation through the same
 * path as the commands shortcut, isolation from page CSS, 200% zoom, dark pages, privacy of the requests,
 * and axe-core on the card and the popup.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mockEndpoints, startServer, type LocalServer } from '../../scripts/lib/server';
import { API_USER_AGENT } from '../../src/knowledge/net';
import { BROWSERS } from './harness/browsers';
import { sleep, until, VIEWPORT, type Driver, type Tab } from './harness/driver';
import { cardInfo, pointOfName, whatIsAt } from './harness/page';

const SEED = '/shared/eaworldview-syria-daily.html';
/** A Brexit live blog's opening, written for this test: Westminster named among British and European places. */
const BREXIT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Brexit live</title></head><body><main><article>
<h1>Brexit: MPs to vote on the deal – live</h1>
<p>Theresa May returned to Westminster on Tuesday after talks in Brussels with European leaders.</p>
<p>MPs in Westminster will vote on the deal next week, while Dublin insists the Irish border stays open.</p>
<p>Britain leaves the European Union in March, and the mood in Westminster is tense.</p>
</article></main></body></html>`;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface CardDetails {
  theme: string | null;
  nameFontSize: string;
  nameColor: string;
  width: number;
  height: number;
  thumb: string | null;
  map: string | null;
  sources: string[];
  active: string | null;
  scrollOverflow: boolean;
}

/** The card is drawn at once; its background layers are in when no part of it is busy any more. */
function layersIn(tab: Tab): Promise<boolean> {
  return tab.evaluate(() => {
    const root = document.querySelector('backstory-card')?.shadowRoot;
    return !!root?.querySelector('[role="dialog"]') && !root.querySelector('[aria-busy="true"]');
  });
}

function details(tab: Tab): Promise<CardDetails | null> {
  return tab.evaluate(() => {
    const root = document.querySelector('backstory-card')?.shadowRoot;
    const card = root?.querySelector<HTMLElement>('[role="dialog"]');
    if (!root || !card) return null;
    const name = root.querySelector('h2')!;
    const style = getComputedStyle(name);
    const active = root.activeElement as HTMLElement | null;
    return {
      theme: card.getAttribute('data-theme'),
      nameFontSize: style.fontSize,
      nameColor: style.color,
      width: card.getBoundingClientRect().width,
      height: card.getBoundingClientRect().height,
      thumb: root.querySelector('img.thumb')?.getAttribute('src')?.slice(0, 30) ?? null,
      map: root.querySelector('svg.map')?.getAttribute('aria-label') ?? null,
      sources: [...root.querySelectorAll('.layer > .source')].map((s) => s.textContent ?? ''),
      active: active ? `${active.tagName.toLowerCase()}:${active.textContent?.trim() ?? ''}` : null,
      scrollOverflow: card.scrollWidth > card.clientWidth + 1,
    };
  });
}

describe.each(BROWSERS)('%s', (_name, launch) => {
  let server: LocalServer;
  let driver: Driver;
  let page: Tab;
  let seedUrl: string;

  /** Rests the pointer on the n-th occurrence of `text` and waits for its card with its background. */
  const open = async (text: string, name = text, nth = 0) => {
    await closeCard();
    await page.bringToFront();
    const point = await pointOfName(page, text, nth);
    expect(point, `"${text}" underlined on the page`).not.toBeNull();
    await page.mouseMove(point!.x - 30, point!.y + 40, 2);
    await page.mouseMove(point!.x, point!.y, 4);
    let last = {};
    const card = await until(
      async () => {
        // Layers first, then the text: read the other way round, the text could predate the layers.
        const done = await layersIn(page);
        const c = await cardInfo(page);
        last = { ...c, text: c.text?.slice(0, 80), point };
        return c.open && c.name === name && done ? c : null;
      },
      { what: `card of ${name}`, timeout: 15_000 },
    ).catch(async (e: Error) => {
      const at = await whatIsAt(page, point!).catch(() => null);
      throw new Error(`${e.message}; card: ${JSON.stringify(last)}; at the point: ${JSON.stringify(at)}`);
    });
    return { point: point!, card };
  };

  async function closeCard() {
    if ((await cardInfo(page)).open) await page.press('Escape');
    await until(async () => !(await cardInfo(page)).open, { what: 'card closed' });
    await page.mouseMove(2, 2, 1);
  }

  /** Requests that reached the mock since `from`. */
  const requestsSince = (from: number) => server.apiRequests.slice(from);

  beforeAll(async () => {
    server = await startServer();
    driver = await launch();
    await driver.setSettings(mockEndpoints(server));
    seedUrl = server.origin + SEED;
    page = await driver.open(seedUrl);
    // A cookie for the mock's host: a lookup that sent credentials would carry it.
    await page.evaluate(() => void (document.cookie = 'session=reader-secret; path=/'));
    await until(() => page.evaluate(() => (CSS.highlights.get('backstory-person')?.size ?? 0) > 0), {
      what: 'names underlined',
    });
  });

  afterEach(async () => {
    if (page) await closeCard().catch(() => undefined);
  });

  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('opens only for a pointer that rests on a name, not one sweeping across the text', async () => {
    await page.bringToFront();
    const point = (await pointOfName(page, 'Jean-Marc Ayrault'))!;
    const sent = server.apiRequests.length;
    // Across the whole line and beyond, quickly, ending in the margin.
    await page.mouseMove(VIEWPORT.width - 10, point.y, 2);
    await page.mouseMove(2, point.y, 14);
    await sleep(900);
    expect((await cardInfo(page)).open).toBe(false);
    // No card, no lookup: nothing left the browser.
    expect(server.apiRequests.length).toBe(sent);
    await page.mouseMove(point.x, point.y, 3);
    await sleep(120);
    expect((await cardInfo(page)).open).toBe(false); // the intent delay (300 ms) has not passed
    await until(async () => (await cardInfo(page)).open, { what: 'card after the intent delay' });
    // Its lookups finish before it closes, so none of them reaches the server during the next test.
    await until(() => layersIn(page), { what: 'card answered' });
    await closeCard();
  });

  it('a person: roles and updates from the page, Wikipedia with the office held at the time, the context pack', async () => {
    const before = server.apiRequests.length;
    const { card, point } = await open('Binali Yıldırım');
    expect(card.role).toBe('dialog');
    expect(card.text).toContain('“Turkish Prime Minister”');
    expect(card.text).toMatch(/UPDATE 1615 GMT/);
    expect(card.text).toMatch(/At the time of this update \(24 Nov 2016\):\s*Prime Minister of Turkey/);
    expect(card.text).toContain('Speaker of the Grand National Assembly of Turkey (2018–2019)');
    expect(card.text).toMatch(/Read “Binali Yıldırım” on Wikipedia/);
    expect(card.text).toContain('AKP politician');
    // It does not cover the line being read.
    expect(card.rect!.bottom <= point.y - 6 || card.rect!.top >= point.y + 6).toBe(true);
    const d = (await details(page))!;
    expect(d.sources).toEqual([
      'On this page',
      'Background · Wikipedia, Wikidata',
      'Context · Backstory context pack “World leaders”, as of 2025-06',
    ]);
    expect(d.thumb).toMatch(/^data:image\//);
    // One card, in one host.
    expect(
      await page.evaluate(() => [
        document.querySelectorAll('backstory-card').length,
        document.querySelector('backstory-card')!.shadowRoot!.querySelectorAll('[role="dialog"]').length,
      ]),
    ).toEqual([1, 1]);
    // Only the opened name's title, identifiers from its own article and its image left the browser:
    // no cookie, no referrer (the page's URL), and an identifying Api-User-Agent on API calls.
    const sent = requestsSince(before);
    expect(sent.map((r) => decodeURIComponent(r.path).replace(/\?.*/, ''))).toEqual([
      '/wiki/api/rest_v1/page/summary/Binali_Yıldırım',
      '/wikidata/w/api.php',
      '/wikidata/w/api.php',
      expect.stringMatching(/^\/wiki-media\/.*Binali/),
    ]);
    expect(decodeURIComponent(sent[1].path)).toContain('ids=Q1333095&');
    for (const r of sent) {
      expect(r.headers.cookie).toBeUndefined();
      expect(r.headers.referer).toBeUndefined();
      if (!r.path.startsWith('/wiki-media/')) expect(r.headers['api-user-agent']).toBe(API_USER_AGENT);
    }
    await closeCard();
  });

  it('cancels the lookup still in flight when the card closes before its answer', async () => {
    let state: 'waiting' | 'aborted' | 'answered' | null = null;
    // A slow Wikipedia for this one title: the card shows "Loading…", then the pointer leaves.
    server.route('/wiki/api/rest_v1/page/summary/Reuters', (req, res) => {
      state = 'waiting';
      req.on('close', () => {
        if (!res.writableEnded) state = 'aborted';
      });
      setTimeout(() => {
        if (state !== 'waiting') return;
        state = 'answered';
        res.writeHead(404, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' });
        res.end('{}');
      }, 8000);
    });
    const point = (await pointOfName(page, 'Reuters'))!;
    await page.mouseMove(point.x, point.y, 3);
    await until(async () => (await cardInfo(page)).text?.includes('Loading…'), { what: 'card loading' });
    expect(state).toBe('waiting');
    await page.mouseMove(2, point.y + 80, 2);
    await until(async () => !(await cardInfo(page)).open, { what: 'card hidden' });
    await until(() => state === 'aborted', { what: 'request aborted', timeout: 5000 });
  });

  it('stays while the pointer is in it, and hides about 300 ms after the pointer leaves', async () => {
    const { card } = await open('Binali Yıldırım');
    await page.mouseMove(
      (card.rect!.left + card.rect!.right) / 2,
      (card.rect!.top + card.rect!.bottom) / 2,
      8,
    );
    await sleep(800);
    expect((await cardInfo(page)).open).toBe(true);
    // Out to the empty margin: still there a moment later, gone soon after.
    await page.mouseMove(2, card.rect!.bottom + 40, 3);
    const left = Date.now();
    await sleep(120);
    expect((await cardInfo(page)).open).toBe(true);
    await until(async () => !(await cardInfo(page)).open, {
      what: 'hidden after leaving',
      timeout: 3000,
      interval: 25,
    });
    expect(Date.now() - left).toBeGreaterThanOrEqual(250);
  });

  it('comes back at once when the pointer returns to the name within the hide delay', async () => {
    const { point } = await open('Binali Yıldırım');
    await page.mouseMove(2, point.y + 60, 2);
    await sleep(100);
    await page.mouseMove(point.x, point.y, 2);
    await sleep(700);
    expect((await cardInfo(page)).open).toBe(true);
    await closeCard();
  });

  it('an organization: its side and backers from the context pack, and its article', async () => {
    const { card } = await open('Hezbollah');
    expect(card.text).toContain('Assad government and its allies (Syrian civil war 2012–2024)');
    expect(card.text).toMatch(/Backed by\s*Islamic Revolutionary Guard Corps/);
    expect(card.text).toContain('Lebanese Shia Islamist political party and militant group');
    expect(card.text).toMatch(/Mentioned \d+ times/);
    await closeCard();
  });

  it('a country: map, capital, flag, region, population with its source, neighbours named on the page', async () => {
    const { card } = await open('Syria');
    const d = (await details(page))!;
    expect(d.map).toBe('Map of Syria');
    expect(d.sources[1]).toBe('Places · world-countries, Wikidata, Natural Earth');
    expect(card.text).toMatch(/Capital\s*Damascus/);
    expect(card.text).toMatch(/Region\s*Western Asia/);
    expect(card.text).toMatch(/Population\s*23\.2 million \(2023, Wikidata\)/);
    expect(card.text).toContain('Country in West Asia');
    await closeCard();
  });

  it('a town: where it is relative to the places the story names, its population, its article', async () => {
    const { card } = await open('al-Bab');
    const d = (await details(page))!;
    expect(d.map).toMatch(/^Map of al-Bab, about 40 km north-east of Aleppo/);
    expect(card.text).toContain('About 40 km north-east of Aleppo');
    expect(card.text).toMatch(/Population\s*130,745 \(GeoNames\)/);
    expect(card.text).toContain('City in Aleppo Governorate, Syria');
    await closeCard();
  });

  it('a city: a locator map and distances to the other places on the page', async () => {
    const { card } = await open('Damascus');
    const d = (await details(page))!;
    expect(d.map).toMatch(
      /^Map of Damascus, about [\d,]+ km (north|south|east|west|north-east|north-west|south-east|south-west) of /,
    );
    expect(card.text).toMatch(/Country\s*(\S+\s)?Syria/);
    expect(card.text).toMatch(/Population\s*1\.6 million \(GeoNames\)/);
    expect(card.text).toContain('Capital and largest city of Syria');
    await closeCard();
  });

  it('a place picked by the story: Westminster on a Brexit page is London’s, with no distance across an ocean (a page that is no live blog: the card’s code comes with the pointer)', async () => {
    server.route('/brexit-live.html', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(BREXIT_PAGE);
    });
    const tab = await driver.open(`${server.origin}/brexit-live.html`);
    try {
      await until(() => tab.evaluate(() => (CSS.highlights.get('backstory-place')?.size ?? 0) > 0), {
        what: 'places underlined',
      });
      const point = (await pointOfName(tab, 'Westminster'))!;
      expect(point, 'Westminster underlined').not.toBeNull();
      // No live blog here (no reading layer): the card's code comes when the pointer rests on the name.
      expect(
        await tab.evaluate(() => document.querySelector('backstory-reading, backstory-card')),
      ).toBeNull();
      await tab.mouseMove(point.x - 30, point.y + 40, 2);
      await tab.mouseMove(point.x, point.y, 4);
      const card = await until(
        async () => {
          if (!(await layersIn(tab))) return null;
          const c = await cardInfo(tab);
          return c.open && c.name === 'Westminster' ? c : null;
        },
        { what: 'card of Westminster', timeout: 15_000 },
      );
      expect(card.text).toMatch(/Country\s*(\S+\s)?United Kingdom/);
      expect(card.text).not.toContain('Not sure which Westminster');
      // Distances only within the story's area: Dublin and Brussels, not thousands of kilometres.
      expect(card.text).not.toMatch(/\d,\d{3} km/);
      const map = (await details(tab))!.map!;
      expect(map).toMatch(/^Map of Westminster, about \d{3} km [a-z-]+ of (Dublin|Brussels)$/);
    } finally {
      await tab.close();
    }
  });

  it('keyboard: the next/previous-name command opens a card with focus in it; Tab, Enter and Escape work inside', async () => {
    await page.mouseMove(2, 2, 1);
    await page.evaluate(() => window.scrollTo(0, 0));
    const ext = await driver.openExtensionPage('options.html');
    const step = (direction: 1 | -1, url: string) =>
      ext.evaluate(
        async ({ direction, url }) => {
          const api = (globalThis as any).chrome?.tabs
            ? (globalThis as any).chrome
            : (globalThis as any).browser;
          // Without the "tabs" permission tab URLs are hidden: tell every tab; only the page has our content script.
          const tabs: Array<{ id: number }> = await api.tabs.query({});
          const told = await Promise.all(
            tabs.map((t) =>
              api.tabs.sendMessage(t.id, { bs: 1, type: 'names:step', payload: { direction } }).then(
                () => 1,
                () => 0,
              ),
            ),
          );
          return { url, told: told.reduce((a: number, b: number) => a + b, 0) };
        },
        { direction, url },
      );
    await page.bringToFront();
    await step(1, seedUrl);
    const first = await until(
      async () => {
        const c = await cardInfo(page);
        return c.open && c.focused ? c : null;
      },
      { what: 'card opened from the keyboard, focused' },
    );
    await step(1, seedUrl);
    const second = await until(
      async () => {
        const c = await cardInfo(page);
        return c.open && c.name !== first.name ? c : null;
      },
      { what: 'the next name’s card' },
    );
    await step(-1, seedUrl);
    await until(async () => (await cardInfo(page)).name === first.name, {
      what: 'back to the previous name',
    });
    expect(second.focused).toBe(true);
    // The name's line stays in view and uncovered.
    const line = await page.evaluate(() => {
      const sel = document
        .querySelector('backstory-card')!
        .shadowRoot!.querySelector('[role="dialog"]')!
        .getBoundingClientRect();
      return { cardTop: sel.top, cardBottom: sel.bottom, h: innerHeight };
    });
    expect(line.cardTop).toBeGreaterThanOrEqual(0);
    expect(line.cardBottom).toBeLessThanOrEqual(line.h);
    // Tab moves through the card's controls; Enter activates one.
    await page.bringToFront();
    await page.press('Tab');
    const focused = await until(async () => (await details(page))?.active, { what: 'focus on a control' });
    expect(focused).toMatch(/^button:/);
    // Escape closes, and focus leaves the card.
    await page.press('Escape');
    await until(async () => !(await cardInfo(page)).open, { what: 'Escape closed the keyboard card' });
    expect(
      await page.evaluate(() => document.querySelector('backstory-card')?.shadowRoot?.activeElement ?? null),
    ).toBeNull();
    // Enter on "Next mention" (Hezbollah is mentioned several times) opens the next mention's card, focused.
    await open('Hezbollah');
    const position = () =>
      page.evaluate(
        () =>
          document.querySelector('backstory-card')?.shadowRoot?.querySelector('.steps .muted')?.textContent ??
          '',
      );
    const total = /^\d+ of (\d+)$/.exec(await until(position, { what: 'mention position' }))![1];
    expect(Number(total)).toBeGreaterThan(1);
    await page.evaluate(() =>
      document
        .querySelector('backstory-card')!
        .shadowRoot!.querySelector<HTMLButtonElement>('.steps button:last-of-type')!
        .focus(),
    );
    expect((await details(page))?.active).toBe('button:Next mention →');
    await page.press('Enter');
    await until(async () => (await position()) === `2 of ${total}`, { what: 'the second mention' });
    expect((await cardInfo(page)).focused).toBe(true);
    await page.press('Escape');
    await until(async () => !(await cardInfo(page)).open, { what: 'closed' });
    await ext.close();
  });

  it('page CSS does not leak in, and the page’s root font size does not change the card', async () => {
    await open('Hezbollah');
    const before = (await details(page))!;
    await closeCard();
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.id = 'hostile';
      style.textContent =
        '* { font-size: 40px !important; color: red !important; line-height: 3 !important; font-family: serif !important; letter-spacing: 4px !important; } html { font-size: 5px !important; } div, p, h2 { padding: 30px !important; margin: 30px !important; }';
      document.head.appendChild(style);
    });
    let after: CardDetails;
    try {
      await open('Hezbollah');
      after = (await details(page))!;
      await closeCard();
    } finally {
      await page.evaluate(() => document.getElementById('hostile')?.remove());
    }
    expect(after.nameFontSize).toBe(before.nameFontSize);
    expect(after.nameColor).toBe(before.nameColor);
    expect(after.width).toBe(before.width);
    expect(Math.abs(after.height - before.height)).toBeLessThan(2);
  });

  it('follows a dark page', async () => {
    await open('Hezbollah');
    expect((await details(page))!.theme).toBe('light');
    await closeCard();
    await page.evaluate(() => {
      document.documentElement.style.background = '#121212';
      document.body.style.background = '#121212';
    });
    try {
      await open('Hezbollah');
      expect((await details(page))!.theme).toBe('dark');
    } finally {
      await page.evaluate(() => {
        document.documentElement.style.background = '';
        document.body.style.background = '';
      });
    }
  });

  it('at 200% zoom: inside the window, not clipped, not over the line', async () => {
    await page.setViewport(VIEWPORT.width / 2, VIEWPORT.height / 2, 2);
    try {
      // The zoom really applies: half the CSS pixels, twice the device pixels per CSS pixel.
      expect(await page.evaluate(() => [innerWidth, devicePixelRatio])).toEqual([VIEWPORT.width / 2, 2]);
      const { card, point } = await open('Syria', 'Syria', 1);
      const vw = await page.evaluate(() => ({
        w: document.documentElement.clientWidth,
        h: document.documentElement.clientHeight,
      }));
      expect(card.rect!.left).toBeGreaterThanOrEqual(0);
      expect(card.rect!.top).toBeGreaterThanOrEqual(0);
      expect(card.rect!.right).toBeLessThanOrEqual(vw.w);
      expect(card.rect!.bottom).toBeLessThanOrEqual(vw.h);
      expect(card.rect!.bottom <= point.y - 6 || card.rect!.top >= point.y + 6).toBe(true);
      expect((await details(page))!.scrollOverflow).toBe(false);
      await closeCard();
    } finally {
      await page.setViewport(VIEWPORT.width, VIEWPORT.height, 1);
    }
  });

  it('axe-core finds no violations in an open card', async () => {
    await open('Binali Yıldırım');
    await page.addScript(AXE);
    const result = await page.evaluate(async () => {
      const axe = (window as any).axe;
      const r = await axe.run(
        { fromShadowDom: ['backstory-card', '[role="dialog"]'] },
        { resultTypes: ['violations'] },
      );
      return {
        violations: r.violations.map(
          (v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`,
        ),
        passes: r.passes.length,
      };
    });
    expect(result.violations).toEqual([]);
    expect(result.passes).toBeGreaterThan(5);
    await closeCard();
  });

  it('axe-core finds no violations in the popup', async () => {
    const popup = await driver.openExtensionPage(`popup.html?url=${encodeURIComponent(seedUrl)}`);
    await until(() => popup.evaluate(() => document.querySelectorAll('li.update').length > 0), {
      what: 'popup rows',
    });
    await popup.addScript(AXE);
    const violations = await popup.evaluate(async () => {
      const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map(
        (v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
    await popup.close();
  });
});
