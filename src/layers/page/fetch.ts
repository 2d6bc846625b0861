import type { LayerFetcher } from '../fetch-contract';

/** "On this page" is what the page itself says (roles, mentions, updates): the content script has it all. */
export const fetcher: LayerFetcher = {
  id: 'page',
  fetches: 'nothing: the content script counts the mentions and updates itself',
  local: true,
  fetch() {},
};
