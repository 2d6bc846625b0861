/** Every layer's view, in the card's order (the card imports this, never the fetchers). */
import { LAYERS } from './list';
import type { LayerView } from './view-contract';

const modules = import.meta.glob<{ view: LayerView }>('./*/view.tsx', { eager: true });

export const VIEWS: readonly LayerView[] = LAYERS.map((id) => {
  const v = modules[`./${id}/view.tsx`]?.view;
  if (!v || v.id !== id) throw new Error(`card layer ${id}: no view`);
  return v;
});
