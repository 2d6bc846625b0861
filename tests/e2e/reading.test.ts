/**
 * Reading state end to end, on the production build, in Chromium and in Firefox ESR: seen-marking by
 * scrolling (and not by scrolling fast past), a live insertion that raises the badge and the pill within
 * a second, the pill from the mouse and the keyboard, mark-all-above and the jump from the popup, a page
 * that cannot read what the reader has seen, no marking after a restored scroll, and persistence across a
 * browser restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LocalServer } from '../../scripts/lib/server';
import { BROWSERS } from './harness/browsers';
import { sleep, until, type Driver, type Tab } from './harness/driver';
import { serveLiveBlog, type LiveBlogRoute } from './harness/live-blog';
import { popupRows, type PopupRow } from './harness/page';

/** Where the pill sits (fixed, 16 px from the bottom-right corner): a point inside it. */
const PILL_POINT = { dx: 40, dy: 34 };

describe.each(BROWSERS)('%s', (name, launch) => {
  let server: LocalServer;
  let driver: Driver;
  let blog: LiveBlogRoute;
  let page: Tab;
  /** An extension page kept open to read badges from. */
  let probe: Tab;

  const rowsOf = async (url: string, expected?: number): Promise<PopupRow[]> => {
    const popup = await driver.openExtensionPage(`popup.html?url=${encodeURIComponent(url)}`);
    const rows = await until(
      async () => {
        const r = await popupRows(popup);
        return r.length && (expected === undefined || r.length === expected) ? r : null;
      },
      { what: `popup rows${expected ? ` (${expected})` : ''}` },
    );
    await popup.close();
    await page.bringToFront();
    return rows;
  };
  /**
   * Every update's state, asked of the background from the extension page kept open behind the blog:
   * unlike the popup in a tab of its own, this leaves the blog's tab in front, so polling it does not
   * hide the page the reader is reading (a hidden tab marks nothing).
   */
  const statesOf = (url: string): Promise<Record<string, string>> =>
    probe.evaluate(async (url) => {
      const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
      const reply = await api.runtime.sendMessage({ bs: 1, type: 'page:get', payload: { url } });
      if (!reply || 'error' in reply) throw new Error(`page:get: ${reply?.error ?? 'no answer'}`);
      return Object.fromEntries(
        ((reply.ok?.updates ?? []) as Array<{ id: string; state: string }>).map((u) => [u.id, u.state]),
      );
    }, url);
  const stateOf = async (id: number) => (await statesOf(blog.url))[`id_${id}`];
  /** What the page itself says about being shown, for failure messages. */
  const visibility = () => page.evaluate(() => `${document.visibilityState}, focus ${document.hasFocus()}`);

  /** The toolbar badge of the tab showing `url`, read from the extension itself. */
  const badge = (url: string): Promise<string> =>
    probe.evaluate(async (url) => {
      const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
      // The background's tab map (src/background/tabs.ts): tab id → the page it shows.
      const tabs = ((await api.storage.session.get('tabs')).tabs ?? {}) as Record<string, { url: string }>;
      const tabId = Object.keys(tabs).find((t) => tabs[t].url === url);
      return tabId === undefined ? '(no tab)' : await api.action.getBadgeText({ tabId: Number(tabId) });
    }, url);

  /** What is at the pill's place, as the page sees it: our (closed) host, or the page's own content. */
  const atPill = () =>
    page.evaluate(
      ({ dx, dy }) =>
        document.elementFromPoint(innerWidth - dx, innerHeight - dy)?.tagName.toLowerCase() ?? null,
      PILL_POINT,
    );

  /** Top of an entry relative to the window. */
  const topOf = (id: number) =>
    page.evaluate((id) => document.getElementById(`id_${id}`)!.getBoundingClientRect().top, id);

  /** Scrolls with the wheel (real input) until entry `id` is `offset` px below the top of the window. */
  const wheelTo = async (id: number, offset = 80) => {
    for (let i = 0; i < 4; i++) {
      const top = await topOf(id);
      if (Math.abs(top - offset) < 30) return;
      await page.mouseMove(640, 400);
      await page.wheel(top - offset);
      await until(async () => Math.abs((await topOf(id)) - offset) < 30 || null, {
        what: `entry ${id} scrolled into place`,
        timeout: 3000,
      }).catch(() => undefined);
    }
    expect(Math.abs((await topOf(id)) - offset)).toBeLessThan(30);
  };

  beforeAll(async () => {
    server = await startServer();
    blog = serveLiveBlog(server, `floods-${name}`);
    driver = await launch();
    probe = await driver.openExtensionPage('options.html');
    page = await driver.open(blog.url);
  });

  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('on a first visit, counts every update as unseen and flags none in the page', async () => {
    const rows = await rowsOf(blog.url, 12);
    expect(rows.map((r) => r.id)).toEqual(blog.ids().map((id) => `id_${id}`));
    expect(rows.every((r) => r.state === 'new')).toBe(true);
    expect(await until(async () => (await badge(blog.url)) === '12' || null, { what: 'badge 12' })).toBe(
      true,
    );
    expect(await atPill()).not.toBe('backstory-reading');
  });

  it('marks an update seen once the reader has scrolled to it and stayed a second, not one scrolled past fast', async () => {
    // Fast: one wheel turn straight past entries 12…9 to entry 8, and away again within half a second.
    await wheelTo(8);
    await sleep(400);
    await wheelTo(5);
    await sleep(1800);
    expect(await stateOf(5)).toBe('seen');
    for (const passed of [12, 11, 10, 9, 8]) expect(await stateOf(passed), `entry ${passed}`).toBe('new');
    expect(await until(async () => Number(await badge(blog.url)) < 12 || null, { what: 'badge down' })).toBe(
      true,
    );
  });

  it('marks nothing after a reload that restores the scroll position, until the reader scrolls', async () => {
    // Bring unseen entries into view without marking them (marking off), then reload with marking on.
    await driver.setSettings({ autoSeen: false });
    await page.bringToFront();
    await wheelTo(9);
    await sleep(1500);
    await driver.setSettings({ autoSeen: true });
    await page.bringToFront();
    const before = await page.evaluate(() => scrollY);
    await page.reload();
    const restored = await until(
      async () => {
        const y = await page.evaluate(() => scrollY);
        return Math.abs(y - before) < 5 ? y : null;
      },
      { what: `scroll restored to ${before}` },
    );
    expect(restored).toBeGreaterThan(0);
    const inView = await page.evaluate(() =>
      [...document.querySelectorAll('article.liveblog-entry')]
        .filter((a) => {
          const r = a.getBoundingClientRect();
          return Math.min(r.bottom, innerHeight) - Math.max(r.top, 0) >= r.height / 2;
        })
        .map((a) => a.id),
    );
    const states = await statesOf(blog.url);
    expect(inView.length).toBeGreaterThan(0);
    for (const id of inView) expect(states[id], id).toBe('new');
    await sleep(2500);
    const after = await statesOf(blog.url);
    for (const id of inView) expect(after[id], `${id} after 2.5 s without input`).toBe('new');
    // The same entries do count once the reader actually scrolls.
    await page.mouseMove(640, 400);
    await page.wheel(2);
    let now: Record<string, string> = {};
    let shown = '';
    await until(
      async () => {
        now = await statesOf(blog.url);
        shown = await visibility();
        return inView.every((id) => now[id] === 'seen') || null;
      },
      {
        what: () =>
          `seen after real scrolling (${inView.map((id) => `${id}: ${now[id]}`).join(', ')}; page ${shown})`,
        timeout: 15_000,
      },
    );
  });

  it('finds a live insertion within a second: the badge goes up and the pill appears; the pill jumps to it', async () => {
    const before = Number(await badge(blog.url));
    expect(before, 'the badge before the insertion').toBeGreaterThan(0);
    const id = blog.publish('Entry 13: the river peaks');
    const inserted = await until(
      () => page.evaluate(() => (window as any).__insertedAt as number | undefined),
      { what: 'page inserted the entry' },
    );
    let text = '';
    const raised = await until(
      async () => (Number((text = await badge(blog.url))) === before + 1 ? Date.now() : null),
      {
        what: () => `badge ${before} + 1 (last badge: "${text}")`,
        interval: 25,
      },
    );
    console.log(`[${name}] live insertion → badge: ${raised - inserted} ms`);
    expect(raised - inserted).toBeLessThan(1000);
    expect(
      await until(async () => (await atPill()) === 'backstory-reading' || null, {
        what: 'pill shown',
        interval: 25,
      }),
    ).toBe(true);
    if (name === 'chromium') expect(await pillText(driver, blog.url)).toBe('1 new ↑');
    // The reader is further down: the pill takes them up to the new entry, which then counts as seen.
    const { dx, dy } = PILL_POINT;
    const vp = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
    await page.click(vp.w - dx, vp.h - dy);
    await until(async () => Math.abs(await topOf(id)) < 120 || null, { what: 'jumped to the new entry' });
    expect(
      await until(async () => (await stateOf(id)) === 'seen' || null, {
        what: 'new entry seen',
        timeout: 15_000,
      }),
    ).toBe(true);
    await until(async () => (await atPill()) !== 'backstory-reading' || null, {
      what: 'pill gone once seen',
    });
    expect(Number(await badge(blog.url))).toBeLessThanOrEqual(before);
  });

  it('offers the pill to the keyboard: a real button, next in the tab order, that jumps on Enter', async () => {
    await wheelTo(6);
    const id = blog.publish('Entry 14: evacuation order lifted');
    await until(() => page.evaluate((id) => !!document.getElementById(`id_${id}`), id), {
      what: 'entry inserted',
    });
    await until(async () => (await atPill()) === 'backstory-reading' || null, { what: 'pill shown' });
    await page.evaluate(() => (document.getElementById('back-to-top') as HTMLElement).focus());
    await page.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe(
      'backstory-reading',
    );
    await page.press('Enter');
    await until(async () => Math.abs(await topOf(id)) < 120 || null, { what: 'jumped to the new entry' });
  });

  it('marks everything above an update seen from the popup', async () => {
    const popup = await driver.openExtensionPage(`popup.html?url=${encodeURIComponent(blog.url)}`);
    await until(async () => (await popupRows(popup)).length === 14, { what: 'popup rows' });
    // "Mark this and everything above": entry 7's row.
    await popup.evaluate(() =>
      (document.querySelector('li.update[data-update-id="id_7"] button.above') as HTMLButtonElement).click(),
    );
    const rows = await until(
      async () => {
        const r = await popupRows(popup);
        return r.find((x) => x.id === 'id_7')?.state === 'seen' ? r : null;
      },
      { what: 'marked above' },
    );
    const above = rows.slice(0, rows.findIndex((r) => r.id === 'id_7') + 1);
    expect(above.every((r) => r.state === 'seen')).toBe(true);
    expect(rows.find((r) => r.id === 'id_1')?.state).toBe('new');
    await popup.close();
    await page.bringToFront();
    const unseen = rows.filter((r) => r.state === 'new').length;
    expect(
      await until(async () => (await badge(blog.url)) === String(unseen) || null, {
        what: `badge ${unseen}`,
      }),
    ).toBe(true);
  });

  it("jumps from the popup's list to an update in the page", async () => {
    await page.evaluate(() => scrollTo(0, 0));
    const popup = await driver.openExtensionPage(`popup.html?url=${encodeURIComponent(blog.url)}`);
    await until(async () => (await popupRows(popup)).length === 14, { what: 'popup rows' });
    await popup.evaluate(() =>
      (document.querySelector('li.update[data-update-id="id_2"] button.jump') as HTMLButtonElement).click(),
    );
    await until(
      async () => {
        const top = await topOf(2);
        return top >= 0 && top < 150 ? top : null;
      },
      { what: 'page scrolled to entry 2' },
    );
    await popup.close();
    await page.bringToFront();
  });

  it('leaves the page unable to read what was seen: no attribute or element of its own touched, a closed root, names-only highlights', async () => {
    const seen = await page.evaluate(() => ({
      foreign: (window as any).__foreign as string[],
      hosts: [...document.querySelectorAll('[data-backstory-host]')].map((h) => ({
        tag: h.tagName.toLowerCase(),
        shadow: h.shadowRoot === null ? null : 'open',
        attrs: [...h.attributes].map((a) => a.name).sort(),
        parent: h.parentElement?.tagName,
      })),
      highlights: [...(CSS.highlights as unknown as Map<string, unknown>).keys()],
    }));
    expect(seen.foreign.filter((f) => !/^element BACKSTORY-[A-Z]+ in HTML$/.test(f))).toEqual([]);
    const reading = seen.hosts.find((h) => h.tag === 'backstory-reading');
    expect(reading).toEqual({
      tag: 'backstory-reading',
      shadow: null,
      attrs: ['data-backstory-host', 'style'],
      parent: 'HTML',
    });
    for (const h of seen.highlights) expect(h).toMatch(/^backstory-(person|organization|place)$/);
  });

  it('keeps reading state across a browser restart', async () => {
    const before = await rowsOf(blog.url, 14);
    const unseen = before.filter((r) => r.state === 'new').length;
    expect(unseen).toBeGreaterThan(0);
    await driver.restart();
    probe = await driver.openExtensionPage('options.html');
    // Firefox re-opens the add-on installed in the profile (a sideload), not a temporary one ("development").
    if (name === 'firefox')
      expect(
        await probe.evaluate(
          async () => (await (globalThis as any).browser.management.getSelf()).installType,
        ),
      ).toBe('sideload');
    page = await driver.open(blog.url);
    const after = await rowsOf(blog.url, 14);
    expect(after.map((r) => [r.id, r.state])).toEqual(before.map((r) => [r.id, r.state]));
    expect(
      await until(async () => (await badge(blog.url)) === String(unseen) || null, {
        what: `badge ${unseen} after restart`,
      }),
    ).toBe(true);
  });
});

/** The pill's text, read through the closed shadow root with the DevTools protocol (Chromium only). */
async function pillText(driver: Driver, url: string): Promise<string | null> {
  const context = (driver as unknown as { context(): import('playwright-core').BrowserContext }).context();
  const target = context.pages().find((p) => p.url() === url)!;
  const cdp = await context.newCDPSession(target);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const find = (n: CdpNode): CdpNode | null => {
      if (n.nodeName === 'BUTTON' && n.attributes?.includes('pill')) return n;
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
        const hit = find(c);
        if (hit) return hit;
      }
      return null;
    };
    const button = find(root);
    return button?.children?.map((c) => c.nodeValue).join('') ?? null;
  } finally {
    await cdp.detach();
  }
}

interface CdpNode {
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}
