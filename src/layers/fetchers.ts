/** Every layer's background part, in the card's order (the background imports this, never the views). */
import type { LayerFetcher } from './fetch-contract';
import { LAYERS } from './list';

const modules = import.meta.glob<{ fetcher: LayerFetcher }>('./*/fetch.ts', { eager: true });

export const FETCHERS: readonly LayerFetcher[] = LAYERS.map((id) => {
  const f = modules[`./${id}/fetch.ts`]?.fetcher;
  if (!f || f.id !== id) throw new Error(`card layer ${id}: no fetcher`);
  return f;
});
