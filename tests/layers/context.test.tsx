import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { findPackEntry } from '../../src/knowledge/packs';
import { pageGeo } from '../../src/knowledge/places';
import { fetcher } from '../../src/layers/context/fetch';
import type { FetchContext } from '../../src/layers/fetch-contract';
import { view } from '../../src/layers/context/view';
import type { CardProps } from '../../src/layers/view-contract';

describe('the Context layer', () => {
  it('takes the context pack’s line, bundled, and renders it with its date and sides', () => {
    expect(fetcher.local).toBe(true);
    const req = { name: 'Hezbollah', kind: 'organization' as const };
    const ctx = {
      req,
      geo: pageGeo(),
      packHit: findPackEntry([req.name], req.kind),
      answer: { status: 'off' },
    } as FetchContext;
    fetcher.fetch(ctx);
    expect(ctx.answer.pack?.sides[0]).toMatch(/^Assad government and its allies/);
    const el = document.createElement('div');
    if (!view.needsBackground) throw new Error('packs come from the background');
    render(<>{view.render({} as CardProps, ctx.answer)}</>, el);
    expect(el.querySelector('.source')?.textContent).toMatch(
      /^Context · Backstory context pack “.+”, as of \d{4}-\d{2}$/,
    );
    expect(el.textContent).toMatch(/Side/);
    // Nothing in the pack: nothing drawn.
    render(<>{view.render({} as CardProps, { status: 'off' })}</>, el);
    expect(el.querySelector('.layer')).toBeNull();
  });
});
