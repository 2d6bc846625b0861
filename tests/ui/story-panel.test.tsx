/** The story panel's own behaviour (happy-dom): keyboard in the cast, the selected name's card, Escape. */
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Story } from '../../src/story/types';
import { StoryPanel, type Selection, type StoryPanelApi } from '../../src/ui/StoryPanel';

const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
};

const story: Story = {
  url: 'https://news.test/live',
  title: 'Live',
  liveBlog: true,
  newestFirst: true,
  names: 'on',
  updates: [
    { id: 'u2', label: '10:00', time: '2026-12-04T10:00:00Z', firstLine: 'Second' },
    { id: 'u1', label: '09:00', time: '2026-12-04T09:00:00Z', firstLine: 'First' },
  ],
  entities: [
    { key: 'person:assad', name: 'Assad', kind: 'person', count: 9, updates: [0, 1], role: 'President' },
    { key: 'person:erdogan', name: 'Erdogan', kind: 'person', count: 4, updates: [0] },
    { key: 'place:aleppo', name: 'Aleppo', kind: 'place', count: 2, updates: [1] },
  ],
};

function panel(selection: Selection | null) {
  const api: StoryPanelApi = {
    select: vi.fn(),
    clear: vi.fn(),
    jump: vi.fn(),
    markAllSeen: vi.fn(),
    lookup: vi.fn(async () => null),
  };
  const root = document.createElement('div');
  document.body.appendChild(root);
  render(<StoryPanel story={story} state={null} map={null} selection={selection} api={api} />, root);
  return { root, api };
}

const key = (el: Element, k: string) =>
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));

afterEach(() => {
  document.body.replaceChildren();
});

describe('the story panel', () => {
  it('moves between the cast’s names with the arrow keys, in the order shown, and stops at the ends', async () => {
    const { root } = panel(null);
    await tick();
    const who = [...root.querySelectorAll<HTMLButtonElement>('button.who')];
    expect(who.map((b) => b.dataset.key)).toEqual(['person:assad', 'person:erdogan', 'place:aleppo']);
    who[0].focus();
    key(who[0], 'ArrowDown');
    expect(document.activeElement).toBe(who[1]);
    key(who[1], 'ArrowDown');
    key(who[2], 'ArrowDown');
    expect(document.activeElement).toBe(who[2]);
    key(who[2], 'ArrowUp');
    expect(document.activeElement).toBe(who[1]);
  });

  it('selecting a name asks the page for its first mention; the selected name’s card shows in the panel', async () => {
    const { root, api } = panel(null);
    await tick();
    root.querySelector<HTMLButtonElement>('button.who[data-key="person:assad"]')!.click();
    expect(api.select).toHaveBeenCalledWith('person:assad', 0);

    const open = panel({ key: 'person:assad', index: 1, total: 9 });
    await tick();
    const card = open.root.querySelector('section.entity')!;
    expect(card.querySelector('h2')?.textContent).toBe('Assad');
    expect(card.textContent).toContain('President');
    expect(card.querySelector('[aria-live]')?.textContent).toBe('Mention 2 of 9');
    expect(open.api.lookup).toHaveBeenCalledWith(story.entities[0]);
    card.querySelector<HTMLButtonElement>('[aria-label="Next mention"]')!.click();
    expect(open.api.select).toHaveBeenCalledWith('person:assad', 2);
    // Escape anywhere in the panel ends the selection.
    key(document.body, 'Escape');
    expect(open.api.clear).toHaveBeenCalledTimes(1);
  });
});
