import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from '../../src/shared/settings';
import { Options, type OptionsApi } from '../../src/ui/Options';

const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
};

/** What a click on a checkbox does, spelled out (happy-dom's click does not fire change). */
function toggle(input: HTMLInputElement): void {
  input.checked = !input.checked;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function fakeApi(sites: string[]): OptionsApi & { current: Settings } {
  const api = {
    current: mergeSettings({}),
    load: async () => api.current,
    save: vi.fn(
      async (patch: Partial<Settings>) => (api.current = mergeSettings({ ...api.current, ...patch })),
    ),
    clear: vi.fn(async () => undefined),
    exportFile: vi.fn(async () => undefined),
    importFile: vi.fn(async () => ''),
    sites: async () => [...sites],
    removeSite: vi.fn(async (p: string) => void sites.splice(sites.indexOf(p), 1)),
  };
  return api;
}

describe('the options page', () => {
  it('turns lookups off, sets the hover delay and the kinds to underline', async () => {
    const api = fakeApi([]);
    const el = document.createElement('div');
    render(<Options api={api} />, el);
    await tick();
    const boxes = el.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
    toggle(boxes[0]);
    await tick();
    expect(api.current.wikipedia).toBe(false);
    const delay = el.querySelector<HTMLInputElement>('input[type="number"]')!;
    delay.value = '5000';
    delay.dispatchEvent(new Event('change'));
    await tick();
    expect(api.current.hoverDelay).toBe(2000);
    const place = [...el.querySelectorAll('label')]
      .find((l) => l.textContent?.includes('Places'))!
      .querySelector('input')!;
    toggle(place);
    await tick();
    expect(api.current.kinds).toEqual({ ...DEFAULT_SETTINGS.kinds, place: false });
    expect(el.textContent).toMatch(/No site enabled yet/);
  });

  it('lists the sites enabled from the popup and turns one off', async () => {
    const api = fakeApi(['https://www.theguardian.com/*', 'http://example.org/*']);
    const el = document.createElement('div');
    render(<Options api={api} />, el);
    await tick();
    expect([...el.querySelectorAll('.sites li span')].map((s) => s.textContent)).toEqual([
      'www.theguardian.com',
      'example.org (http)',
    ]);
    el.querySelector<HTMLButtonElement>(
      'button[aria-label="Turn off Backstory on www.theguardian.com"]',
    )!.click();
    await tick();
    await tick();
    expect(api.removeSite).toHaveBeenCalledWith('https://www.theguardian.com/*');
    expect([...el.querySelectorAll('.sites li span')].map((s) => s.textContent)).toEqual([
      'example.org (http)',
    ]);
    expect(el.querySelector('[role="status"]')?.textContent).toBe('Backstory is off on www.theguardian.com.');
    [...el.querySelectorAll('button')].find((b) => b.textContent === 'Clear cache')!.click();
    expect(api.clear).toHaveBeenCalledWith('cache');
  });

  it('grants chosen publishers in one request, made within the click, and shows them on', async () => {
    const sites: string[] = ['https://www.theguardian.com/*'];
    let inClick = false;
    const enableSites = vi.fn((origins: string[]) => {
      expect(inClick, 'the request runs in the click').toBe(true);
      sites.push(...origins);
      return Promise.resolve(origins);
    });
    const api = { ...fakeApi(sites), enableSites };
    const el = document.createElement('div');
    render(<Options api={api} />, el);
    await tick();
    const box = (name: string) =>
      [...el.querySelectorAll<HTMLLabelElement>('.publishers label')]
        .find((l) => l.textContent?.includes(name))!
        .querySelector('input')!;
    expect(box('The Guardian').disabled, 'an enabled publisher shows as on').toBe(true);
    toggle(box('BBC News'));
    toggle(box('Reuters'));
    await tick();
    const button = [...el.querySelectorAll('button')].find(
      (b) => b.textContent === 'Turn on for the chosen publishers',
    )!;
    inClick = true;
    button.click();
    inClick = false;
    expect(enableSites).toHaveBeenCalledTimes(1);
    expect(enableSites.mock.calls[0][0]).toEqual([
      'https://www.bbc.co.uk/*',
      'https://www.bbc.com/*',
      'https://www.reuters.com/*',
    ]);
    await tick();
    await tick();
    expect(box('Reuters').disabled).toBe(true);
    expect(el.querySelector('[role="status"]')?.textContent).toBe('Backstory is on for 3 more sites.');
  });

  it('shows the error log with its counts, exports it and clears it', async () => {
    const entries = [
      {
        feature: 'cards',
        message: 'TypeError: x is null',
        origin: 'https://news.test',
        at: '2030-01-01T10:00:00.000Z',
        count: 3,
      },
    ];
    const exportErrors = vi.fn();
    const clearErrors = vi.fn(async () => undefined);
    const api = { ...fakeApi([]), errors: async () => entries, exportErrors, clearErrors };
    const el = document.createElement('div');
    render(<Options api={api} />, el);
    await tick();
    expect(el.querySelector('.errors li')?.textContent).toContain(
      'cards on https://news.test: TypeError: x is null (3 times)',
    );
    [...el.querySelectorAll('button')].find((b) => b.textContent === 'Export the error log')!.click();
    expect(exportErrors).toHaveBeenCalledWith(entries);
    [...el.querySelectorAll('button')].find((b) => b.textContent === 'Clear the error log')!.click();
    await tick();
    expect(clearErrors).toHaveBeenCalled();
    expect(el.querySelector('.errors')).toBeNull();
  });
});
