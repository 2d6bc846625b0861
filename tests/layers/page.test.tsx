import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { fetcher } from '../../src/layers/page/fetch';
import { UPDATES_SHOWN, view, visibleUpdates } from '../../src/layers/page/view';
import type { CardProps, CardUpdateRef, FollowControl } from '../../src/layers/view-contract';

const updates: CardUpdateRef[] = Array.from({ length: 2000 }, (_, i) => ({
  id: `u${i}`,
  label: `${String(10 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
  position: i + 1,
}));

function mount(props: Partial<CardProps> = {}) {
  const el = document.createElement('div');
  const all: CardProps = {
    entity: { key: 'k', name: 'Aleppo', kind: 'place', aliases: [], roles: [], count: 3000 },
    mentions: 3000,
    position: 1500,
    updates,
    current: updates[1200],
    knowledge: 'loading',
    theme: 'light',
    onClose: vi.fn(),
    onStep: vi.fn(),
    onJump: vi.fn(),
    onPick: vi.fn(),
    onOptions: vi.fn(),
    ...props,
  };
  if (view.needsBackground) throw new Error('the page layer needs no background');
  render(<>{view.render(all)}</>, el);
  return el;
}

describe('the "On this page" layer', () => {
  it('fetches nothing in the background', () => {
    expect(fetcher.local).toBe(true);
    expect(fetcher.fetch({} as never)).toBeUndefined();
  });

  it('lists a few of a name’s 2,000 updates, its own among them, and more only when asked', async () => {
    const el = mount();
    expect(el.querySelector('.count')?.textContent).toBe('Mentioned 3,000 times, in 2,000 updates:');
    const items = () => el.querySelectorAll('.updates li');
    expect(items().length).toBe(UPDATES_SHOWN);
    expect(el.querySelector('[aria-current="true"]')?.textContent).toBe(updateLabel(1200));
    const more = el.querySelector<HTMLButtonElement>('.more button')!;
    expect(more.textContent).toBe('Show 100 more of 1,992');
    more.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(items().length).toBe(UPDATES_SHOWN + 100);
  });

  it('keeps the window on the card’s own update', () => {
    expect(visibleUpdates(updates, updates[0], 8).map((u) => u.id)[0]).toBe('u0');
    expect(visibleUpdates(updates, updates[1999], 8).map((u) => u.id)).toContain('u1999');
    expect(visibleUpdates(updates.slice(0, 5), undefined, 8)).toHaveLength(5);
  });
});

describe('the Follow toggle', () => {
  const tick = () => new Promise((r) => setTimeout(r, 0));

  /** A page the reader does (or does not) follow; `elsewhere` follows or unfollows it from outside the card. */
  function control(initially: boolean) {
    let following = initially;
    const listeners = new Set<(f: boolean) => void>();
    const c: FollowControl = {
      get: vi.fn(async () => following),
      set: vi.fn(async (on: boolean) => (following = on)),
      watch: vi.fn((fn: (f: boolean) => void) => {
        listeners.add(fn);
        return () => listeners.delete(fn);
      }),
    };
    const elsewhere = (on: boolean) => {
      following = on;
      for (const fn of listeners) fn(on);
    };
    return { c, elsewhere, listeners };
  }

  /** Mounts the layer and returns the toggle's closed shadow root, which the page cannot reach. */
  async function mountToggle(follow: FollowControl) {
    const attach = vi.spyOn(Element.prototype, 'attachShadow');
    try {
      const el = mount({ follow });
      await tick();
      const host = el.querySelector<HTMLElement>('.follow')!;
      expect(host, 'the toggle’s host').not.toBeNull();
      expect(host.shadowRoot, 'closed: not reachable from the host').toBeNull();
      expect(attach).toHaveBeenCalledWith({ mode: 'closed' });
      const root = attach.mock.results[0].value as ShadowRoot;
      const button = () => root.querySelector<HTMLButtonElement>('button')!;
      return { el, root, button };
    } finally {
      attach.mockRestore();
    }
  }

  it('is not there on a page the reader cannot follow', () => {
    expect(mount().querySelector('.follow')).toBeNull();
  });

  it('shows whether the reader follows the page, and follows and unfollows it when pressed', async () => {
    const { c } = control(false);
    const { button } = await mountToggle(c);
    expect(button().getAttribute('aria-pressed')).toBe('false');
    expect(button().disabled).toBe(false);
    // Both labels always there (one hidden by CSS): the toggle's size does not tell the state.
    expect([...button().querySelectorAll('span')].map((s) => s.textContent)).toEqual(['Follow', 'Following']);
    button().click();
    await tick();
    expect(c.set).toHaveBeenLastCalledWith(true);
    expect(button().getAttribute('aria-pressed')).toBe('true');
    button().click();
    await tick();
    expect(c.set).toHaveBeenLastCalledWith(false);
    expect(button().getAttribute('aria-pressed')).toBe('false');
  });

  it('starts from the background’s answer, follows a change made elsewhere, and stops listening when gone', async () => {
    const { c, elsewhere, listeners } = control(true);
    const { el, button } = await mountToggle(c);
    expect(button().getAttribute('aria-pressed')).toBe('true');
    elsewhere(false);
    await tick();
    expect(button().getAttribute('aria-pressed')).toBe('false');
    expect(listeners.size).toBe(1);
    render(null, el);
    expect(listeners.size).toBe(0);
  });

  it('is drawn at once from an answer already known; the same answer again changes nothing, another corrects it', async () => {
    let answer: (f: boolean) => void = () => undefined;
    const c: FollowControl = {
      get: () => new Promise((ok) => (answer = ok)),
      set: vi.fn(async (on: boolean) => on),
      watch: () => () => undefined,
      known: () => true,
    };
    const { root, button } = await mountToggle(c);
    expect(button().disabled).toBe(false);
    expect(button().getAttribute('aria-pressed')).toBe('true');
    let changes = 0;
    const seen = new MutationObserver((records) => (changes += records.length));
    seen.observe(root, { subtree: true, attributes: true, childList: true, characterData: true });
    answer(true);
    await tick();
    changes += seen.takeRecords().length;
    expect(changes).toBe(0);
    seen.disconnect();
    const other = { ...c, get: async () => false };
    const again = await mountToggle(other);
    expect(again.button().getAttribute('aria-pressed')).toBe('false');
  });

  it('waits for the answer before it can be pressed', async () => {
    let answer: (f: boolean) => void = () => undefined;
    const c: FollowControl = {
      get: () => new Promise((ok) => (answer = ok)),
      set: vi.fn(async (on: boolean) => on),
      watch: () => () => undefined,
    };
    const { button } = await mountToggle(c);
    expect(button().disabled).toBe(true);
    expect(button().hasAttribute('aria-pressed')).toBe(false);
    button().click();
    expect(c.set).not.toHaveBeenCalled();
    answer(false);
    await tick();
    expect(button().disabled).toBe(false);
    expect(button().getAttribute('aria-pressed')).toBe('false');
  });
});

function updateLabel(i: number) {
  return updates[i].label;
}
