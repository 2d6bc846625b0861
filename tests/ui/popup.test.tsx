import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { PageState } from '../../src/reading/types';
import { Popup, type PopupApi } from '../../src/ui/Popup';

const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
};

const URL_A = 'http://127.0.0.1:9000/live.html';
const stateWith = (url: string, ids: string[], seen: string[] = []): PageState => ({
  url,
  title: 'Live',
  isLiveBlog: true,
  updates: ids.map((id) => ({ id, label: `UPDATE ${id}`, firstLine: `text ${id}`, state: seen.includes(id) ? 'seen' : 'new', manual: false, fresh: false, backlog: false })),
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

const rows = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('li.update')].map((li) => `${li.dataset.updateId}:${li.dataset.state}`);

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
