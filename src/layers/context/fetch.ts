import { packLine } from '../../knowledge/packs';
import type { LayerFetcher } from '../fetch-contract';

/** Backstory's own context packs, bundled with the extension. */
export const fetcher: LayerFetcher = {
  id: 'context',
  fetches: 'nothing remote: the context packs (src/knowledge/packs) are bundled',
  local: true,
  fetch(ctx) {
    if (ctx.packHit) ctx.answer.pack = packLine(ctx.packHit);
  },
};
