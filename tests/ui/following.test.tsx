/** The popup's Follow toggle and Following list, and the options page's list of follows and watches. */
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { FollowedBlog } from '../../src/messaging/protocol';
import type { PageState } from '../../src/reading/types';
import { cantCheckText } from '../../src/ui/Following';
import { cameBackToday, Popup, type PopupApi } from '../../src/ui/Popup';

const tick = async () => {
  for (let i = 0; i < 4; i++) await new Promise((r) => setTimeout(r, 0));
};
const URL_A = 'https://news.test/live-a';
const URL_B = 'https://news.test/live-b';
const state: PageState = {
  url: URL_A,
  title: 'Blog A',
  isLiveBlog: true,
  updates: [
    { id: 'a', label: '10:00', firstLine: 'A', state: 'seen', manual: false, fresh: false, backlog: true },
  ],
  unseen: 0,
  aliases: {},
};
const blog = (url: string, over: Partial<FollowedBlog> = {}): FollowedBlog => ({
  url,
  title: url.slice(-6),
  notify: false,
  cookies: false,
  found: [],
  hits: [],
  nextCheck: 0,
  unseen: 0,
  ...over,
});

function popup(follows: FollowedBlog[]) {
  let list = follows;
  let onChange: (() => void) | null = null;
  const setFollow = vi.fn(async (url: string, on: boolean) => {
    list = on ? [...list, blog(url)] : list.filter((b) => b.url !== url);
    return on;
  });
  const api: PopupApi = {
    load: async () => ({ state, url: URL_A }),
    followed: async () => [],
    mark: vi.fn(async () => null),
    jump: vi.fn(async () => undefined),
    follows: async () => list,
    setFollow,
    watchFollows: (cb) => ((onChange = cb), () => (onChange = null)),
  };
  const root = document.createElement('div');
  render(<Popup api={api} />, root);
  return {
    root,
    setFollow,
    change(next: FollowedBlog[]) {
      list = next;
      onChange?.();
    },
  };
}

describe('following from the popup', () => {
  it('toggles Follow for the page shown, and says it is pressed', async () => {
    const p = popup([]);
    await tick();
    const button = p.root.querySelector<HTMLButtonElement>('button.follow')!;
    expect(button.textContent).toBe('Follow');
    expect(button.getAttribute('aria-pressed')).toBe('false');
    button.click();
    await tick();
    expect(p.setFollow).toHaveBeenCalledWith(URL_A, true);
    expect(button.textContent).toBe('Following');
    expect(button.getAttribute('aria-pressed')).toBe('true');
  });

  it('lists other followed blogs with what checks found, live, and why one cannot be checked', async () => {
    const p = popup([blog(URL_A)]);
    await tick();
    expect(p.root.querySelector('[data-follow-url]')).toBeNull();
    p.change([
      blog(URL_B, {
        unseen: 2,
        found: [
          { id: 'n2', label: '10:20', firstLine: 'Second new', textHash: 'x', foundAt: 2 },
          { id: 'n1', label: '10:10', firstLine: 'First new', textHash: 'y', foundAt: 1 },
        ],
        hits: [{ watch: 'al bab', updateId: 'n2', sentence: 'Forces entered al-Bab.' }],
      }),
      blog('https://news.test/live-c', { problem: { reason: 'login-wall', detail: 'HTTP 403', at: 1 } }),
      blog(URL_A),
    ]);
    await tick();
    const rows = [...p.root.querySelectorAll<HTMLElement>('[data-follow-url]')];
    expect(rows.map((r) => r.dataset.followUrl)).toEqual([URL_B, 'https://news.test/live-c']);
    expect(rows[0].querySelector('.count')?.textContent).toBe('2 new');
    expect([...rows[0].querySelectorAll('.found .line')].map((x) => x.textContent)).toEqual([
      'Second new',
      'First new',
    ]);
    expect(rows[0].querySelector('.hits')?.textContent).toBe('Forces entered al-Bab.');
    expect(rows[1].querySelector('.cant-check')?.textContent).toBe(
      'Can’t check in the background: the site asks to log in (HTTP 403).',
    );
  });

  it('suggests following a blog the reader came back to within a day', () => {
    const now = Date.parse('2026-05-01T18:00:00Z');
    const h = 3_600_000;
    expect(cameBackToday({ lastVisit: now - h, previousVisit: now - 5 * h }, now)).toBe(true);
    expect(cameBackToday({ lastVisit: now - h, previousVisit: now - 30 * h }, now)).toBe(false);
    expect(cameBackToday({ lastVisit: now - h }, now)).toBe(false);
  });

  it('says every reason in words', () => {
    for (const reason of [
      'not-enabled',
      'login-wall',
      'consent-wall',
      'script-rendered',
      'no-entries',
      'http-error',
      'network-error',
      'too-large',
    ] as const)
      expect(cantCheckText({ reason, at: 0 })).not.toContain(reason);
  });
});

describe('the options page manages follows and watches', () => {
  it('lists followed blogs and watched names, each removable; notifications are asked within the click', async () => {
    const { Options } = await import('../../src/ui/Options');
    const { mergeSettings } = await import('../../src/shared/settings');
    let follows = [blog(URL_A, { problem: { reason: 'script-rendered', at: 1 } }), blog(URL_B)];
    let watches = [{ key: 'al bab', name: 'al-Bab', aliases: [], addedAt: 1 }];
    let inClick = false;
    const api = {
      load: async () => mergeSettings({}),
      save: vi.fn(async () => mergeSettings({})),
      clear: vi.fn(async () => undefined),
      exportFile: vi.fn(async () => undefined),
      importFile: vi.fn(async () => ''),
      sites: async () => [],
      removeSite: vi.fn(async () => undefined),
      follows: async () => follows,
      unfollow: vi.fn(async (url: string) => void (follows = follows.filter((f) => f.url !== url))),
      setNotify: vi.fn((_url: string, _on: boolean) => {
        expect(inClick).toBe(true);
        return Promise.resolve(true);
      }),
      watches: async () => watches,
      addWatch: vi.fn(async () => null),
      removeWatch: vi.fn(async (key: string) => void (watches = watches.filter((w) => w.key !== key))),
    };
    const el = document.createElement('div');
    render(<Options api={api} />, el);
    await tick();
    const rows = () => [...el.querySelectorAll<HTMLElement>('.follows [data-follow-url]')];
    expect(rows().map((r) => r.dataset.followUrl)).toEqual([URL_A, URL_B]);
    expect(rows()[0].textContent).toContain(
      'Can’t check in the background: the page draws its updates with scripts',
    );
    const notify = rows()[1].querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    inClick = true;
    notify.checked = true;
    notify.dispatchEvent(new Event('change', { bubbles: true }));
    inClick = false;
    expect(api.setNotify).toHaveBeenCalledWith(URL_B, true);
    [...rows()[0].querySelectorAll('button')].find((b) => b.textContent === 'Unfollow')!.click();
    await tick();
    expect(rows().map((r) => r.dataset.followUrl)).toEqual([URL_B]);
    expect(el.querySelector('.watches')?.textContent).toContain('al-Bab');
    el.querySelector<HTMLButtonElement>('.watches button')!.click();
    await tick();
    expect(el.querySelector('.watches')).toBeNull();
  });
});
