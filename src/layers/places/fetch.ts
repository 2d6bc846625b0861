import { renderLocator } from '../../knowledge/map';
import { resolvePlace } from '../../knowledge/places';
import type { LayerFetcher } from '../fetch-contract';

/** The offline gazetteer and locator map: the place the page's geography picks, and where it lies. */
export const fetcher: LayerFetcher = {
  id: 'places',
  fetches:
    'nothing remote: the gazetteer and world map are bundled (Wikidata population comes with the background layer)',
  local: true,
  fetch({ req, geo, packHit, answer }) {
    if (req.kind !== 'place' && !packHit?.entry.geo) return;
    const place = resolvePlace(req, geo, packHit?.entry.geo);
    if (place) answer.place = place;
  },
  // Last: the background layer may have placed a town the gazetteer does not know, or added its population.
  settle({ answer }) {
    if (answer.place) answer.place = { ...answer.place, map: renderLocator(answer.place) };
  },
};
