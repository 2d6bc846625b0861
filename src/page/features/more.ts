/**
 * The page's second script's features (src/page/more.ts): the entrypoint `page-more` hands this object to
 * the content script, whose stand-ins (./later.ts) start them when the page first needs them.
 */
import type { Browser } from 'wxt/browser';
import type { More } from '../more';
import { runCards } from './cards';
import { markersFeature } from './markers';
import { readingFeature } from './reading';
import { serveTrustedPanel } from './story';

export const more: More = {
  reading: readingFeature,
  markers: markersFeature,
  cards: runCards,
  panel: (ctx, port, signal, early) => serveTrustedPanel(ctx, port as Browser.runtime.Port, signal, early),
};
