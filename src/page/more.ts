/**
 * The page's other scripts. What every page needs (names, underlines, the first look for a live blog) is
 * the content script; what a page needs only now and then is a script of its own, which the background
 * puts into this page's isolated world the first time it is needed:
 *  - `more`: a card, reading and markers on a live blog, the story panel's end
 *    (src/page/features/later.ts says when);
 *  - `liveblog`: the live-blog detector, for a page that could be one (src/liveblog/could.ts).
 * An ordinary article that the reader only reads compiles and runs neither. The page cannot see the
 * hand-over: it is a property of the isolated world's window, which the page's own scripts never see.
 */
import type { detectLiveBlog, rereadLiveBlogSteps } from '../liveblog';
import type { PagePart } from '../manifest';
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

/** What the detector's script gives the content script (entrypoints/page-liveblog.ts). */
export interface LiveBlogDetector {
  detectLiveBlog: typeof detectLiveBlog;
  rereadLiveBlogSteps: typeof rereadLiveBlogSteps;
}

declare global {
  interface Window {
    __backstoryMore?: More;
    __backstoryLiveBlog?: LiveBlogDetector;
  }
}

/** The requests on their way (once answered, the window's property serves). */
const loading = new Map<PagePart, Promise<unknown>>();

function load<T>(part: PagePart, got: () => T | undefined): Promise<T> {
  const had = got();
  if (had) return Promise.resolve(had);
  let request = loading.get(part) as Promise<T> | undefined;
  if (!request) {
    request = ask('page:more', { part }).then(
      ({ ok }) => {
        loading.delete(part);
        const given = got();
        if (!ok || !given) throw new Error(`the page could not be given its ${part} script`);
        return given;
      },
      (e: unknown) => {
        loading.delete(part);
        throw e;
      },
    );
    loading.set(part, request);
  }
  return request;
}

/** The second script's features: put into the page once, when first asked for. */
export const loadMore = (win: Window): Promise<More> => load('more', () => win.__backstoryMore);

/** The live-blog detector: put into the page once, when a page could be a live blog. */
export const loadDetector = (win: Window): Promise<LiveBlogDetector> =>
  load('liveblog', () => win.__backstoryLiveBlog);
