import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { PageState } from '../../src/reading/types';
import { Popup, when, type PageAccess, type PopupApi } from '../../src/ui/Popup';

const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
};

const URL_A = 'http://127.0.0.1:9000/live.html';
const stateWith = (url: string, ids: string[], seen: string[] = []): PageState => ({
  url,
  title: 'Live',
  isLiveBlog: true,
  updates: ids.map((id) => ({
    id,
    label: `UPDATE ${id}`,
    firstLine: `text ${id}`,
    state: seen.includes(id) ? 'seen' : 'new',
    manual: false,
    fresh: false,
    backlog: false,
  })),
  unseen: ids.length - seen.length,
  aliases: {},
});

function fakeApi(initial: PageState | null) {
  let onState: ((s: PageState) => void) | null = null;
  const api: PopupApi = {
    load: async () => ({ state: initial, url: URL_A + '#block-2' }),
    followed: async () => [],
    mark: vi.fn(async () => null),
    jump: vi.fn(async () => undefined),
    watch: (cb) => {
      onState = cb;
      return () => (onState = null);
    },
  };
  return { api, push: (s: PageState) => onState?.(s) };
}

const rows = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>('li.update')].map(
    (li) => `${li.dataset.updateId}:${li.dataset.state}`,
  );

describe('the popup', () => {
  it('shows a page the content script reports only after the popup opened', async () => {
    const root = document.createElement('div');
    const { api, push } = fakeApi(null);
    render(<Popup api={api} />, root);
    await tick();
    expect(root.textContent).toContain('has not seen this page yet');
    push(stateWith(URL_A, ['a', 'b']));
    await tick();
    expect(rows(root)).toEqual(['a:new', 'b:new']);
  });

  it('follows changes to its page and ignores other pages', async () => {
    const root = document.createElement('div');
    const { api, push } = fakeApi(stateWith(URL_A, ['a', 'b']));
    render(<Popup api={api} />, root);
    await tick();
    push(stateWith('http://127.0.0.1:9000/other.html', ['x']));
    push(stateWith(URL_A, ['c', 'a', 'b'], ['a']));
    await tick();
    expect(rows(root)).toEqual(['c:new', 'a:seen', 'b:new']);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('2 new of 3');
  });
});

function withAccess(access: PageAccess, state: PageState | null = null, extra: Partial<PopupApi> = {}) {
  const root = document.createElement('div');
  const api: PopupApi = {
    load: async () => ({ state, url: 'https://news.test/live', access }),
    followed: async () => [],
    mark: vi.fn(async () => null),
    jump: vi.fn(async () => undefined),
    ...extra,
  };
  render(<Popup api={api} />, root);
  return root;
}

describe('the popup tells the truth on every page', () => {
  it('a site not enabled: Enable and Run once, and nothing about having seen the page', async () => {
    const root = withAccess({ kind: 'off', host: 'news.test' }, null, {
      enableSite: vi.fn(async () => false),
      runOnce: vi.fn(async () => false),
    });
    await tick();
    const buttons = [...root.querySelectorAll('button')].map((b) => b.textContent);
    expect(buttons).toContain('Enable on news.test');
    expect(buttons).toContain('Run on this page');
    expect(root.textContent).toContain('Backstory is off on news.test');
    expect(root.textContent).not.toContain('has not seen');
  });

  it('Enable calls the API within the click, before anything is awaited', async () => {
    let inClick = false;
    const enableSite = vi.fn(() => {
      expect(inClick).toBe(true);
      return Promise.resolve(false);
    });
    const root = withAccess({ kind: 'off', host: 'news.test' }, null, { enableSite });
    await tick();
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Enable'))!;
    inClick = true;
    button.click();
    inClick = false;
    expect(enableSite).toHaveBeenCalledTimes(1);
  });

  it('opens the story panel from its button, within the click (the browsers ask for a gesture), where it runs', async () => {
    let inClick = false;
    const openPanel = vi.fn(() => expect(inClick).toBe(true));
    const running = { kind: 'running', host: 'news.test', site: true, isLiveBlog: true, names: 3 } as const;
    const root = withAccess(running, null, { openPanel });
    await tick();
    const button = [...root.querySelectorAll('button')].find(
      (b) => b.textContent === 'Open the story panel',
    )!;
    inClick = true;
    button.click();
    inClick = false;
    expect(openPanel).toHaveBeenCalledTimes(1);
    // Not where Backstory is off: there is no story to show.
    const off = withAccess({ kind: 'off', host: 'news.test' }, null, { openPanel });
    await tick();
    expect(off.textContent).not.toContain('Open the story panel');
  });

  it('an ordinary article with names: "Not a live blog · 54 names on this page"', async () => {
    const root = withAccess({ kind: 'running', host: 'news.test', site: true, isLiveBlog: false, names: 54 });
    await tick();
    expect(root.querySelector('[role="status"]')?.textContent).toBe(
      'Not a live blog · 54 names on this page',
    );
    expect(root.textContent).not.toContain('has not seen');
    expect(root.textContent).not.toContain('is off');
  });

  it('a page not yet looked at for a live blog says so, not "Not a live blog"', async () => {
    const root = withAccess({
      kind: 'running',
      host: 'news.test',
      site: true,
      isLiveBlog: false,
      looked: false,
      names: 8,
    });
    await tick();
    expect(root.querySelector('[role="status"]')?.textContent).toBe(
      'Looking for live updates · 8 names on this page',
    );
  });

  it('a page in another language: names are for English pages only, and the popup says so', async () => {
    const root = withAccess({
      kind: 'running',
      host: 'www.spiegel.de',
      site: true,
      isLiveBlog: false,
      names: 0,
      english: false,
    });
    await tick();
    expect(root.querySelector('[role="status"]')?.textContent).toBe(
      'Not a live blog · Names: English pages only',
    );
  });

  it('a page that only looks like a live blog: asks to track it, and passes the answer on', async () => {
    const answerLiveBlog = vi.fn(async () => true);
    const root = withAccess(
      { kind: 'running', host: 'news.test', site: true, isLiveBlog: false, names: 8, borderline: true },
      null,
      { answerLiveBlog },
    );
    await tick();
    expect(root.textContent).toContain('Looks like a live blog — track updates?');
    [...root.querySelectorAll('button')].find((b) => b.textContent === 'Track updates')!.click();
    expect(answerLiveBlog).toHaveBeenCalledWith(true);
  });

  it('after Run on this page, waits for the page to be looked at for a live blog before it settles (names come first)', async () => {
    const answers: PageAccess[] = [
      { kind: 'off', host: 'news.test' },
      { kind: 'running', host: 'news.test', site: false, isLiveBlog: false, looked: false, names: 8 },
      { kind: 'running', host: 'news.test', site: false, isLiveBlog: false, looked: false, names: 8 },
      {
        kind: 'running',
        host: 'news.test',
        site: false,
        isLiveBlog: false,
        looked: true,
        names: 8,
        borderline: true,
      },
    ];
    let at = 0;
    const root = document.createElement('div');
    const api: PopupApi = {
      load: async () => ({ state: null, url: 'https://news.test/live', access: answers[Math.min(at++, 3)] }),
      followed: async () => [],
      mark: vi.fn(async () => null),
      jump: vi.fn(async () => undefined),
      runOnce: vi.fn(async () => true),
      answerLiveBlog: vi.fn(async () => true),
    };
    render(<Popup api={api} />, root);
    await tick();
    [...root.querySelectorAll('button')].find((b) => b.textContent === 'Run on this page')!.click();
    await tick();
    expect(root.textContent).toContain('Starting Backstory on this page');
    await vi.waitFor(() => expect(root.textContent).toContain('Looks like a live blog — track updates?'), {
      timeout: 3000,
    });
  });

  it('a page where no extension can run says so, and offers nothing', async () => {
    const root = withAccess({
      kind: 'restricted',
      reason: 'This is a browser page: no extension can run here.',
    });
    await tick();
    expect(root.textContent).toContain('no extension can run here');
    expect(root.querySelectorAll('.site button')).toHaveLength(0);
    expect(root.textContent).not.toContain('has not seen');
  });

  it('a live blog lists its updates; run once says it lasts for this page', async () => {
    const root = withAccess(
      { kind: 'running', host: 'news.test', site: false, isLiveBlog: true, names: 12 },
      stateWith('https://news.test/live', ['a', 'b']),
    );
    await tick();
    expect(rows(root)).toEqual(['a:new', 'b:new']);
    expect(root.textContent).toContain('Running on this page only');
  });

  it('icon buttons have tooltips and accessible names', async () => {
    const root = withAccess(
      { kind: 'running', host: 'news.test', site: true, isLiveBlog: true, names: 3 },
      stateWith('https://news.test/live', ['a', 'b'], ['a']),
    );
    await tick();
    for (const b of root.querySelectorAll<HTMLButtonElement>('button.toggle, button.above')) {
      expect(b.title, b.outerHTML).not.toBe('');
      expect(b.getAttribute('aria-label'), b.outerHTML).toBeTruthy();
    }
  });
});

describe('a full disk', () => {
  it('is said once, with Clear cache as the way out', async () => {
    let full = true;
    const clearCache = vi.fn(async () => void (full = false));
    const status = vi.fn(async () => ({
      quota: full ? { at: 1, what: 'reading' as const } : null,
      heldMarks: full ? 3 : 0,
    }));
    const root = withAccess(
      { kind: 'running', host: 'news.test', site: true, isLiveBlog: false, names: 2 },
      null,
      { status, clearCache },
    );
    await tick();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'storage is full: 3 seen marks are kept in memory',
    );
    [...root.querySelectorAll('button')].find((b) => b.textContent === 'Clear cache')!.click();
    await tick();
    expect(clearCache).toHaveBeenCalled();
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });
});

describe('update times', () => {
  it("shows the label as the page prints it, the local time beneath only when the printed clock is not the reader's", () => {
    const t = new Date(2030, 0, 1, 18, 40);
    expect(when({ label: '18:40', time: t.toISOString() }).local).toBeUndefined();
    expect(
      when({ label: 'UPDATE 1840 GMT', time: t.toISOString() }).local,
      'the same clock, written without a colon',
    ).toBeUndefined();
    expect(when({ label: '6.40pm', time: t.toISOString() }).local, 'a 12-hour clock').toBeUndefined();
    const other = when({ label: 'UPDATE 1615 GMT', time: t.toISOString() });
    expect(other.time).toBe('UPDATE 1615 GMT');
    expect(other.local).toMatch(/your time/);
    expect(when({ label: '21 mins ago', time: t.toISOString() }).local, 'no clock printed').toMatch(
      /your time/,
    );
    expect(when({ label: "45+2'", time: undefined })).toEqual({ time: "45+2'" });
  });
});
