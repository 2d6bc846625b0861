import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { Knowledge } from '../../src/knowledge/types';
import { Card, ordinal, type CardProps } from '../../src/ui/Card';
import { formatCount, shortDate, shortTime } from '../../src/ui/card-format';

const entity = {
  key: 'binali yıldırım',
  name: 'Binali Yıldırım',
  kind: 'person' as const,
  aliases: ['Binali Yıldırım', 'Yıldırım'],
  roles: ['Turkish Prime Minister'],
  count: 2,
};
const knowledge: Knowledge = {
  status: 'ok',
  summary: {
    title: 'Binali Yıldırım',
    description: 'Turkish politician',
    extract: 'Binali Yıldırım is a Turkish politician.',
    url: 'https://en.wikipedia.org/wiki/Binali_Y%C4%B1ld%C4%B1r%C4%B1m',
    lang: 'en',
    dir: 'ltr',
    type: 'standard',
  },
  offices: [
    { label: 'Prime Minister of Turkey', start: '2016-05-24', end: '2018-07-09' },
    { label: 'Speaker of the Grand National Assembly', start: '2018-07-12', end: '2019-02-18' },
  ],
  pack: {
    pack: 'world-leaders',
    packTitle: 'World leaders',
    asOf: '2025-06',
    name: 'Binali Yıldırım',
    summary: 'AKP politician.',
    sides: [],
    backers: [],
    aliases: ['Yildirim'],
    offices: [],
    wikiTitle: 'Binali Yıldırım',
  },
  place: {
    kind: 'town',
    name: 'al-Bab',
    lat: 36.37,
    lon: 37.52,
    source: 'GeoNames',
    country: { code: 'SY', name: 'Syria', official: 'Syrian Arab Republic', flag: '🇸🇾', region: 'Asia' },
    relations: [
      {
        name: 'Aleppo',
        lat: 36.2,
        lon: 37.16,
        km: 37,
        direction: 'north-east',
        phrase: 'about 40 km north-east of Aleppo',
      },
    ],
    map: {
      width: 300,
      height: 120,
      land: 'M0,0L10,10Z',
      focus: 'M1,1L2,2Z',
      marker: [150, 60],
      dots: [{ x: 140, y: 62, name: 'Aleppo' }],
      label: 'Map of al-Bab, about 40 km north-east of Aleppo',
    },
  },
};

function mount(props: Partial<CardProps> = {}) {
  const el = document.createElement('div');
  const handlers = {
    onClose: vi.fn(),
    onStep: vi.fn(),
    onJump: vi.fn(),
    onPick: vi.fn(),
    onOptions: vi.fn(),
  };
  render(
    <Card
      entity={entity}
      mentions={2}
      position={1}
      updates={[{ id: 'u1', label: 'UPDATE 1615 GMT', time: '2016-11-24T16:15:00Z' }]}
      current={{ id: 'u1', label: 'UPDATE 1615 GMT', time: '2016-11-24T16:15:00Z' }}
      knowledge={knowledge}
      theme="light"
      {...handlers}
      {...props}
    />,
    el,
  );
  return { el, ...handlers };
}

describe('the card', () => {
  it('is a dialog named by its heading, with the layers in order and each labelled with its source', () => {
    const { el } = mount();
    const dialog = el.querySelector('[role="dialog"]')!;
    expect(el.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)?.textContent).toBe(
      'Binali Yıldırım',
    );
    const sources = [...el.querySelectorAll('.layer > .source')].map((h) => h.textContent);
    expect(sources).toEqual([
      'On this page',
      'Places · GeoNames, Natural Earth',
      'Background · Wikipedia, Wikidata',
      'Context · Backstory context pack “World leaders”, as of 2025-06',
    ]);
  });

  it('shows the office held at the time of the update it was opened from', () => {
    const { el } = mount();
    expect(el.querySelector('.office-at')?.textContent).toMatch(
      /At the time of this update \(24 Nov 2016\): Prime Minister of Turkey · Wikidata/,
    );
    const later = mount({ current: { id: 'u2', label: 'x', time: '2018-09-01T10:00:00Z' } }).el;
    expect(later.querySelector('.office-at')?.textContent).toMatch(/Speaker/);
  });

  it('draws the map as an image with a text alternative', () => {
    const svg = mount().el.querySelector('svg.map')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Map of al-Bab, about 40 km north-east of Aleppo');
    expect(svg.querySelector('title')?.textContent).toBe(svg.getAttribute('aria-label'));
    expect(mount().el.querySelector('.relations')?.textContent).toBe('About 40 km north-east of Aleppo');
  });

  it('lets text from the page and from Wikipedia run right to left', () => {
    const { el } = mount({
      entity: { ...entity, name: 'بشار الأسد' },
      knowledge: { ...knowledge, summary: { ...knowledge.summary!, lang: 'ar', dir: 'rtl' } },
    });
    expect(el.querySelector('h2')?.getAttribute('dir')).toBe('rtl');
    expect(el.querySelector('.wiki > div')?.getAttribute('dir')).toBe('rtl');
    expect(el.querySelector('.wiki > div')?.getAttribute('lang')).toBe('ar');
    // The card's own words stay left to right.
    expect(el.querySelector('[role="dialog"]')?.getAttribute('dir')).toBe('ltr');
  });

  it('says when it is unsure and lets the reader pick another article', () => {
    const { el, onPick } = mount({
      knowledge: {
        ...knowledge,
        unsure: true,
        candidates: [
          { title: 'Binali Yıldırım' },
          { title: 'Yıldırım (surname)', description: 'Turkish surname' },
        ],
      },
    });
    expect(el.querySelector('.unsure')?.textContent).toMatch(/Not sure this is the right article/);
    const buttons = [...el.querySelectorAll<HTMLButtonElement>('.candidates button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Yıldırım (surname)']);
    buttons[0].click();
    expect(onPick).toHaveBeenCalledWith('Yıldırım (surname)');
  });

  it('jumps to updates and other mentions, and says why a layer is empty', () => {
    const { el, onJump, onStep } = mount({ knowledge: { status: 'off' } });
    el.querySelector<HTMLButtonElement>('.updates button')!.click();
    expect(onJump).toHaveBeenCalledWith('u1');
    el.querySelectorAll<HTMLButtonElement>('.steps button')[1].click();
    expect(onStep).toHaveBeenCalledWith(1);
    expect(el.querySelector('.wiki')?.textContent).toMatch(/lookups are off/);
  });

  it('names every update in the "mentioned in" list: its label as printed, else its place from the top', () => {
    const { el } = mount({
      updates: [
        { id: 'a', label: '', position: 3 },
        { id: 'b', label: "45+2'" },
        { id: 'c', label: 'ore 18.42', time: '2023-05-17T16:42:00Z', position: 5 },
        { id: 'd', label: '', position: 12, time: '2023-05-17T09:00:00Z' },
        { id: 'e', label: '  ', firstLine: 'Kick-off at the Moustoir' },
      ],
    });
    const items = [...el.querySelectorAll('.updates li')];
    expect(items.map((li) => li.querySelector('button')?.textContent)).toEqual([
      '3rd update from the top',
      "45+2'",
      'ore 18.42',
      '12th update from the top',
      'Kick-off at the Moustoir',
    ]);
    // No empty bullet: every item has a name.
    expect(items.every((li) => li.querySelector('button')!.textContent!.trim())).toBe(true);
    // A label that prints a time keeps it, and gets only the date; an unlabelled one gets its time.
    expect(items[2].querySelector('time')?.textContent).toBe(' · 17 May 2023');
    expect(items[1].querySelector('time')).toBeNull();
    expect(items[3].querySelector('time')?.getAttribute('datetime')).toBe('2023-05-17T09:00:00Z');
  });

  it('is drawn at once with what the page says; the background’s layers follow, “Loading…” only when slow', () => {
    const quick = mount({ knowledge: 'loading' }).el;
    const sources = () => [...quick.querySelectorAll('.layer > .source')].map((h) => h.textContent);
    expect(quick.querySelector('.count')?.textContent).toBe('Mentioned 2 times, in 1 update:');
    expect(sources()).toEqual(['On this page', 'Places · Wikipedia · Context']);
    expect(quick.querySelector('[aria-busy="true"]')?.textContent).not.toContain('Loading…');
    const slow = mount({ knowledge: 'loading', slow: true }).el;
    expect(slow.querySelector('[aria-busy="true"]')?.textContent).toContain('Loading…');
  });

  it('says when it is unsure which place it is and offers the others, keyboard-reachable buttons', () => {
    const onPickPlace = vi.fn();
    const { el } = mount({
      onPickPlace,
      knowledge: {
        status: 'off',
        place: {
          ...knowledge.place!,
          name: 'Westminster',
          relations: [],
          unsure: true,
          alternatives: [{ id: 'US:39.837:-105.037', label: 'Westminster, United States' }],
        },
      },
    });
    expect(el.querySelector('.places .unsure')?.textContent).toMatch(/^Not sure which Westminster/);
    const button = el.querySelector<HTMLButtonElement>('.places .alternatives button')!;
    expect(button.textContent).toBe('Westminster, United States');
    button.click();
    expect(onPickPlace).toHaveBeenCalledWith('US:39.837:-105.037');
  });

  it('counts places in English', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });

  it('formatCount groups thousands as toLocaleString("en") does', () => {
    for (const n of [0, 7, 999, 1000, 12345, 1234567, 2_000_000_000, -4321, 1234.9])
      expect(formatCount(n)).toBe(Math.trunc(n).toLocaleString('en'));
  });

  it('shortTime and shortDate: UTC, as the page stored it, the same on every call', () => {
    expect(shortTime('2016-11-24T14:35:00Z')).toBe('24 Nov 2016, 14:35 UTC');
    expect(shortTime('2016-11-24T14:35:00Z')).toBe('24 Nov 2016, 14:35 UTC');
    expect(shortDate('2016-11-24T23:59:00-05:00')).toBe('25 Nov 2016');
    expect(shortTime('2024-03-05T09:07:00Z')).toBe('5 Mar 2024, 09:07 UTC');
    expect(shortTime('2023-12-31T23:30:00-01:00')).toBe('1 Jan 2024, 00:30 UTC');
    expect(shortTime('not a date')).toBeUndefined();
  });
});
