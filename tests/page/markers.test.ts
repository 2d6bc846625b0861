/** The in-page markers and pill: one closed shadow root, mounted from the start on every page, drawn into only when there is something new. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOverlay, type MarkerBox } from '../../src/page/features/markers';

/** The closed root, caught as it is attached (the page itself gets null from host.shadowRoot). */
function catchRoots(): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const attach = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (
    this: HTMLElement,
    init: ShadowRootInit,
  ) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
  return roots;
}

const marker = (id: string, kind: MarkerBox['kind'], top: number, left = 300): MarkerBox => ({
  id,
  kind,
  top,
  left,
  width: 600,
  height: 200,
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const h of document.querySelectorAll('[data-backstory-host]')) h.remove();
});

describe('overlay', () => {
  it('mounts the same empty host from the start, whether or not there is anything to show (a page cannot tell a return visit)', () => {
    const roots = catchRoots();
    createOverlay(document, new AbortController().signal, () => undefined);
    const host = document.querySelector('backstory-reading')!;
    expect(host.parentElement).toBe(document.documentElement);
    expect([...host.attributes].map((a) => a.name).sort()).toEqual(['data-backstory-host', 'style']);
    expect(roots[0].querySelectorAll('.marker')).toHaveLength(0);
    expect((roots[0].querySelector('.pill') as HTMLElement).hidden).toBe(true);
  });

  it('draws in a closed shadow root outside <body>, which the page cannot open', () => {
    const roots = catchRoots();
    const overlay = createOverlay(document, new AbortController().signal, () => undefined);
    overlay.update({ markers: [marker('a', 'new', 1200)], pill: { count: 1, direction: 'up' }, announce: 0 });
    const host = document.querySelector('backstory-reading')!;
    expect(host.parentElement).toBe(document.documentElement);
    expect(host.shadowRoot).toBeNull();
    expect(roots[0].mode).toBe('closed');
    expect([...host.attributes].map((a) => a.name).sort()).toEqual(['data-backstory-host', 'style']);
  });

  it('places a bar beside each flagged update in document coordinates, and moves or removes it as things change', () => {
    const roots = catchRoots();
    const overlay = createOverlay(document, new AbortController().signal, () => undefined);
    overlay.update({
      markers: [marker('a', 'new', 1200), marker('b', 'seen', 1500, 30)],
      pill: null,
      announce: 0,
    });
    const bars = () => [...roots[0].querySelectorAll<HTMLElement>('.marker')];
    expect(bars().map((b) => [b.className, b.style.top, b.style.left, b.style.height])).toEqual([
      ['marker new', '1202.5px', '290px', '195px'],
      ['marker seen', '1502.5px', '20px', '195px'],
    ]);
    // The "NEW" tag goes in the margin only when there is room for it.
    expect(bars().map((b) => (b.querySelector('.tag') as HTMLElement).hidden)).toEqual([false, true]);
    overlay.update({ markers: [marker('a', 'seen', 1320)], pill: null, announce: 0 });
    expect(bars().map((b) => [b.className, b.style.top])).toEqual([['marker seen', '1322.5px']]);
  });

  it('shows the pill as a real button with an accessible name, which calls back when pressed', () => {
    const roots = catchRoots();
    const onPill = vi.fn();
    const overlay = createOverlay(document, new AbortController().signal, onPill);
    overlay.update({ markers: [], pill: { count: 3, direction: 'down' }, announce: 0 });
    const pill = roots[0].querySelector('button')!;
    expect(pill.type).toBe('button');
    expect(pill.hidden).toBe(false);
    expect(pill.textContent).toBe('3 new ↓');
    expect(pill.getAttribute('aria-label')).toBe('3 new updates: jump to the first one you have not seen');
    pill.click();
    expect(onPill).toHaveBeenCalledTimes(1);
    overlay.update({ markers: [], pill: { count: 1, direction: 'up' }, announce: 1 });
    expect(pill.textContent).toBe('1 new ↑');
    expect(roots[0].querySelector('[role="status"]')!.textContent).toBe('1 new update');
    overlay.update({ markers: [], pill: null, announce: 0 });
    expect(pill.hidden).toBe(true);
  });

  it('writes nothing to the page when what it is told to show has not changed', async () => {
    const roots = catchRoots();
    const overlay = createOverlay(document, new AbortController().signal, () => undefined);
    const model = () => ({
      markers: [marker('a', 'new', 1200)],
      pill: { count: 1, direction: 'up' as const },
      announce: 0,
    });
    overlay.update(model());
    const writes: MutationRecord[] = [];
    const mo = new MutationObserver((r) => writes.push(...r));
    mo.observe(roots[0], { subtree: true, childList: true, attributes: true, characterData: true });
    for (let i = 0; i < 5; i++) overlay.update(model());
    await Promise.resolve();
    expect(writes.concat(mo.takeRecords())).toEqual([]);
    overlay.update({ ...model(), pill: { count: 1, direction: 'down' } });
    await Promise.resolve();
    expect(writes.concat(mo.takeRecords()).length).toBeGreaterThan(0);
    mo.disconnect();
  });

  it('goes away with its session', () => {
    const ctl = new AbortController();
    const overlay = createOverlay(document, ctl.signal, () => undefined);
    overlay.update({ markers: [marker('a', 'new', 10)], pill: null, announce: 0 });
    ctl.abort();
    expect(document.querySelector('backstory-reading')).toBeNull();
  });
});
