import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { Knowledge, PlaceFacts } from '../../src/knowledge/types';
import { pageGeo } from '../../src/knowledge/places';
import type { FetchContext } from '../../src/layers/fetch-contract';
import { fetcher } from '../../src/layers/places/fetch';
import { view } from '../../src/layers/places/view';
import type { CardProps } from '../../src/layers/view-contract';

function ctx(req: FetchContext['req'], site?: string): FetchContext {
  return {
    req,
    geo: pageGeo(req.context, site),
    packHit: undefined,
    net: {} as FetchContext['net'],
    settings: { wikipedia: false, wikipediaEndpoint: '', wikidataEndpoint: '', images: false },
    answer: { status: 'off' },
  };
}

function mount(place: PlaceFacts, onPickPlace = vi.fn()) {
  const el = document.createElement('div');
  const props = { onPickPlace } as unknown as CardProps;
  const knowledge: Knowledge = { status: 'off', place };
  if (!view.needsBackground) throw new Error('places come from the background');
  render(<>{view.render(props, knowledge)}</>, el);
  return { el, onPickPlace };
}

describe('the Places layer', () => {
  it('fetches from the bundled gazetteer only, and draws the map once every layer is in', () => {
    expect(fetcher.local).toBe(true);
    const c = ctx({ name: 'Douglas', kind: 'place', context: [{ name: 'Cork', subkind: 'city' }] });
    fetcher.fetch(c);
    expect(c.answer.place?.country?.code).toBe('IE');
    expect(c.answer.place?.map).toBeUndefined();
    fetcher.settle!(c);
    expect(c.answer.place?.map?.label).toMatch(/^Map of Douglas, about \d km south(-east)? of Cork/);
    const person = ctx({ name: 'Binali Yıldırım', kind: 'person' });
    fetcher.fetch(person);
    expect(person.answer.place).toBeUndefined();
  });

  it('says when it is unsure which place it is, and offers the others as buttons', () => {
    const c = ctx({ name: 'Westminster', kind: 'place', context: [] });
    fetcher.fetch(c);
    const { el, onPickPlace } = mount(c.answer.place!);
    expect(el.querySelector('.unsure')?.textContent).toBe(
      'Not sure which Westminster the page means; the map shows the likeliest.',
    );
    const buttons = [...el.querySelectorAll<HTMLButtonElement>('.alternatives button')];
    expect(buttons.map((b) => b.textContent)).toContain('Westminster, United States');
    // Buttons: in the Tab order, Enter and Space work as for any button.
    expect(buttons.every((b) => b.type === 'button' && b.tabIndex >= 0)).toBe(true);
    buttons.find((b) => b.textContent === 'Westminster, United States')!.click();
    expect(onPickPlace).toHaveBeenCalledWith(c.answer.place!.alternatives![0].id);
  });

  it('folds the other places away when it is sure', () => {
    const c = ctx({ name: 'Westminster', kind: 'place', context: [] }, 'www.bbc.co.uk');
    fetcher.fetch(c);
    expect(c.answer.place?.unsure).toBeUndefined();
    const { el } = mount(c.answer.place!);
    expect(el.querySelector('.unsure')).toBeNull();
    expect(el.querySelector('details summary')?.textContent).toBe('Other places called Westminster');
  });
});
