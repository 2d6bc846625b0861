/**
 * The card's layers, in the order the card shows them. A layer is one folder here: `fetch.ts` (what it
 * fetches in the background, exporting `fetcher`) and `view.tsx` (how the card renders it, exporting
 * `view`), with its test in tests/layers/. Adding a layer is that folder and one entry in this list;
 * tests/layers/contract.test.ts holds every layer to it.
 */
export const LAYERS = ['page', 'places', 'background', 'context'] as const;

export type LayerId = (typeof LAYERS)[number];
