/**
 * The page's second script. What every page needs (names, underlines, the live-blog check) is the content
 * script; what a page needs only now and then (a card, reading and markers on a live blog, the story
 * panel's end) is the second script, which the background puts into this page's isolated world the first
 * time one of them is needed (src/page/features/later.ts says when). An ordinary article that the reader
 * only reads compiles and runs none of it. The page cannot see the hand-over: it is a property of the
 * isolated world's window, which the page's own scripts never see.
 */
import { ask } from '../messaging/client';
import type { CardsService, Feature, PageContext } from './context';

/** What the second script gives the content script (src/page/features/more.ts builds it). */
export interface More {
  reading: Feature;
  markers: Feature;
  /** Starts the cards; `first`: the pointer's last move while they were on their way, played once they run. */
  cards(ctx: PageContext, signal: AbortSignal, first?: PointerEvent): CardsService;
  /** Serves a side panel's port; `early` holds what the panel sent before this ran. */
  panel(ctx: PageContext, port: unknown, signal: AbortSignal, early: readonly unknown[]): void;
}

declare global {
  interface Window {
    __backstoryMore?: More;
  }
}

/** The request on its way (once answered, the window's property serves). */
let loading: Promise<More> | null = null;

/** The second script's features: put into the page once, when first asked for. */
export function loadMore(win: Window): Promise<More> {
  if (win.__backstoryMore) return Promise.resolve(win.__backstoryMore);
  loading ??= ask('page:more', {}).then(
    ({ ok }) => {
      loading = null;
      const more = win.__backstoryMore;
      if (!ok || !more) throw new Error('the page could not be given its second script');
      return more;
    },
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}
