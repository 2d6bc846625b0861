import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { fetcher } from '../../src/layers/page/fetch';
import { UPDATES_SHOWN, view, visibleUpdates } from '../../src/layers/page/view';
import type { CardProps, CardUpdateRef } from '../../src/layers/view-contract';

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

function updateLabel(i: number) {
  return updates[i].label;
}
