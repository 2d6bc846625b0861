/**
 * Following a live blog from a name's card, in Chromium and Firefox ESR, on the test build: the reader
 * opens the blog, rests the pointer on a name, presses Follow in the card's "On this page" layer, and the
 * background's followed list (what the popup shows) has the blog; pressing again takes it off. A follow
 * made elsewhere while the card is open (an extension page) is what the next press undoes. The toggle sits
 * in a closed shadow root, so the page cannot read it: the test reads the background, and (Chromium) the
 * toggle itself through the DevTools protocol, which sees closed roots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LocalServer } from '../../scripts/lib/server';
import { BROWSERS } from './harness/browsers';
import { sleep, until, VIEWPORT, type Driver, type Tab } from './harness/driver';
import { cardInfo, pointOfName } from './harness/page';

const SEED = '/shared/eaworldview-syria-daily.html';
const NAME = 'Jean-Marc Ayrault';

/** The toggle's box in the card (the card scrolled to it, as a reader would), or null while there is none. */
function toggleBox(tab: Tab): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return tab.evaluate(() => {
    const host = document.querySelector('backstory-card')?.shadowRoot?.querySelector<HTMLElement>('.follow');
    if (!host) return null;
    host.scrollIntoView({ block: 'nearest' });
    const r = host.getBoundingClientRect();
    if (!r.width || !r.height) return null;
    // Its button: the first thing in its row, at its left.
    return { x: r.left + 12, y: r.top + r.height / 2, width: r.width, height: r.height };
  });
}

/** Followed blogs as the background lists them to the popup, asked from an extension page. */
function followed(probe: Tab): Promise<string[]> {
  return probe.evaluate(async () => {
    const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
    const reply = await api.runtime.sendMessage({ bs: 1, type: 'follow:list', payload: {} });
    if (!reply || 'error' in reply) throw new Error(`follow:list: ${reply?.error ?? 'no answer'}`);
    return (reply.ok as Array<{ url: string }>).map((b) => b.url);
  });
}

/** The toggle's aria-pressed, read through the closed shadow root with the DevTools protocol (Chromium). */
async function pressedViaCdp(driver: Driver, url: string): Promise<string | null> {
  const context = (driver as unknown as { context(): import('playwright-core').BrowserContext }).context();
  const target = context.pages().find((p) => p.url() === url)!;
  const cdp = await context.newCDPSession(target);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const find = (n: CdpNode, inFollow: boolean): CdpNode | null => {
      const here = inFollow || attr(n, 'class') === 'follow';
      if (here && n.nodeName === 'BUTTON') return n;
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
        const hit = find(c, here);
        if (hit) return hit;
      }
      return null;
    };
    const button = find(root, false);
    return button ? attr(button, 'aria-pressed') : null;
  } finally {
    await cdp.detach();
  }
}

/** An attribute of a DevTools node (its attributes are a flat name, value, name, value … list). */
function attr(n: CdpNode, name: string): string | null {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return null;
}

interface CdpNode {
  nodeName: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

describe.each(BROWSERS)('%s', (name, launch) => {
  let server: LocalServer;
  let driver: Driver;
  let page: Tab;
  let probe: Tab;
  let url: string;

  /** Chromium: the toggle shows `pressed`. Firefox cannot read a closed root: a moment for the message. */
  const shows = async (pressed: 'true' | 'false') => {
    if (name === 'chromium')
      await until(async () => (await pressedViaCdp(driver, url)) === pressed, {
        what: `the card's toggle aria-pressed=${pressed}`,
      });
    else await sleep(800);
  };

  const press = async () => {
    await page.bringToFront();
    const box = await until(() => toggleBox(page), { what: 'the Follow toggle in the card' });
    await page.click(box.x, box.y);
  };

  beforeAll(async () => {
    server = await startServer();
    driver = await launch();
    // Card lookups stay local: this test is about the page layer.
    await driver.setSettings({ wikipedia: false });
    probe = await driver.openExtensionPage('options.html');
    url = server.origin + SEED;
    page = await driver.open(url);
    await until(() => page.evaluate(() => (CSS.highlights.get('backstory-person')?.size ?? 0) > 0), {
      what: 'names underlined',
    });
  });

  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('follows the blog from a card, and unfollows it; the toggle follows a change made elsewhere', async () => {
    const point = await pointOfName(page, NAME);
    expect(point, `"${NAME}" underlined`).not.toBeNull();
    await page.mouseMove(point!.x - 30, point!.y + 40, 2);
    await page.mouseMove(point!.x, point!.y, 4);
    await until(async () => (await cardInfo(page)).name === NAME, { what: `the card of ${NAME}` });
    // The page can see the toggle's host, never its state: its shadow root is closed.
    expect(
      await page.evaluate(() => {
        const host = document.querySelector('backstory-card')!.shadowRoot!.querySelector('.follow');
        return { host: !!host, root: host?.shadowRoot ?? null };
      }),
    ).toEqual({ host: true, root: null });
    expect(await followed(probe)).not.toContain(url);
    const before = await toggleBox(page);

    await press();
    await until(async () => (await followed(probe)).includes(url), { what: 'the blog in the followed list' });
    await shows('true');
    expect((await cardInfo(page)).open).toBe(true);
    // Both labels take the same room: the page cannot tell the state from the toggle's size.
    const after = await toggleBox(page);
    expect([after?.width, after?.height]).toEqual([before?.width, before?.height]);

    await press();
    await until(async () => !(await followed(probe)).includes(url), { what: 'the blog gone from the list' });
    await shows('false');

    // Followed from elsewhere while the card is open: the card hears it, so its next press unfollows.
    await probe.evaluate(async (url) => {
      const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
      await api.runtime.sendMessage({ bs: 1, type: 'follow:set', payload: { url, on: true } });
    }, url);
    expect(await followed(probe)).toContain(url);
    await shows('true');
    await press();
    await until(async () => !(await followed(probe)).includes(url), {
      what: 'the press after a follow made elsewhere unfollows',
    });
    await page.press('Escape');
    await until(async () => !(await cardInfo(page)).open, { what: 'the card closed' });
  });

  it('from the keyboard at 200% zoom: the name command opens the card, Tab reaches the toggle, Space and Enter press it', async () => {
    // The pointer out of the way first: Firefox refuses a move that starts outside the smaller viewport.
    await page.mouseMove(2, 2, 1);
    await page.setViewport(VIEWPORT.width / 2, VIEWPORT.height / 2, 2);
    try {
      // The next-name command (Alt+Shift+N) reaches the page as names:step, as the commands API sends it.
      await probe.evaluate(async () => {
        const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
        for (const t of await api.tabs.query({}))
          await api.tabs
            .sendMessage(t.id, { bs: 1, type: 'names:step', payload: { direction: 1 } })
            .catch(() => undefined);
      });
      await page.bringToFront();
      await until(async () => (await cardInfo(page)).focused, { what: 'a card opened from the keyboard' });
      const onToggle = () =>
        page.evaluate(
          () =>
            document
              .querySelector('backstory-card')
              ?.shadowRoot?.activeElement?.classList.contains('follow') ?? false,
        );
      for (let i = 0; i < 40 && !(await onToggle()); i++) await page.press('Tab');
      expect(await onToggle(), 'Tab reached the Follow toggle').toBe(true);
      // Inside the card and the window, at twice the size.
      const fits = await page.evaluate(() => {
        const root = document.querySelector('backstory-card')!.shadowRoot!;
        const card = root.querySelector('[role="dialog"]')!.getBoundingClientRect();
        const host = root.querySelector('.follow')!.getBoundingClientRect();
        return host.left >= card.left && host.right <= card.right && card.right <= innerWidth;
      });
      expect(fits).toBe(true);
      await page.press(' ');
      await until(async () => (await followed(probe)).includes(url), { what: 'Space followed the blog' });
      await shows('true');
      await page.press('Enter');
      await until(async () => !(await followed(probe)).includes(url), { what: 'Enter unfollowed it' });
      expect((await cardInfo(page)).focused).toBe(true);
      await page.press('Escape');
    } finally {
      await page.setViewport(VIEWPORT.width, VIEWPORT.height, 1);
    }
  });
});
