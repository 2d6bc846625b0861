import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { Knowledge } from '../../src/knowledge/types';
import { fetcher } from '../../src/layers/background/fetch';
import { view } from '../../src/layers/background/view';
import type { FetchContext } from '../../src/layers/fetch-contract';
import type { CardProps } from '../../src/layers/view-contract';

describe('the Background layer', () => {
  it('needs the network, and asks nothing when lookups are off', async () => {
    expect(fetcher.local).toBe(false);
    expect(fetcher.fetches).toMatch(/Wikipedia/);
    const net = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no request when lookups are off');
        },
      },
    );
    const ctx = {
      req: { name: 'Aleppo', kind: 'place' },
      settings: { wikipedia: false },
      net,
      answer: { status: 'off' },
    } as unknown as FetchContext;
    await fetcher.fetch(ctx);
    expect(ctx.answer).toEqual({ status: 'off' });
  });

  it('says why there is no summary, and offers the candidates of an unsure match', () => {
    const el = document.createElement('div');
    const onPick = vi.fn();
    const k: Knowledge = {
      status: 'not-found',
      unsure: true,
      candidates: [{ title: 'Tripoli, Libya' }, { title: 'Tripoli, Lebanon' }],
    };
    if (!view.needsBackground) throw new Error('needs the background');
    render(<>{view.render({ onPick } as unknown as CardProps, k)}</>, el);
    expect(el.querySelector('.unsure')?.textContent).toMatch(/^Not sure this is the right article/);
    expect(el.textContent).toContain('No Wikipedia article found for this name.');
    el.querySelector<HTMLButtonElement>('.candidates button')!.click();
    expect(onPick).toHaveBeenCalledWith('Tripoli, Libya');
    render(<>{view.render({ onPick } as unknown as CardProps, { status: 'off' })}</>, el);
    expect(el.textContent).toContain('Wikipedia lookups are off');
  });
});
