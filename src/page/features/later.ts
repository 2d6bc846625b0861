/**
 * The features whose code is the page's second script (src/page/more.ts), as the content script starts
 * them: each waits, cheaply, for the moment its page needs it, then has the second script put in and
 * starts the real feature with the same context and signal.
 *  - reading and markers: when the page is (or turns into) a live blog;
 *  - cards: when the pointer first comes onto an underlined name, or the keyboard asks for a card; the hover
 *    delay covers the load, and the pointer's rest counts from its last move, not from when the cards ran;
 *  - story: when the side panel connects; what the panel sends meanwhile is kept and handed over.
 * A page that is none of these (an ordinary article read without hovering) never loads the second script.
 */
import { browser, type Browser } from 'wxt/browser';
import { PANEL_PORT } from '../../story/types';
import type { CardsService, Feature, FeatureId, PageContext } from '../context';
import { reportFailure } from '../errors';
import { mentionAt } from '../hit-test';
import { loadMore, type More } from '../more';

/** Runs `start` with the second script once loaded, unless the feature's signal ended meanwhile. */
function withMore(
  ctx: PageContext,
  id: FeatureId,
  signal: AbortSignal,
  start: (more: More) => void,
  failed?: () => void,
): void {
  const win = ctx.doc.defaultView;
  if (!win) return;
  loadMore(win).then(
    (more) => {
      if (!signal.aborted) start(more);
    },
    (e) => {
      if (signal.aborted) return;
      reportFailure(id, e, ctx.url);
      failed?.();
    },
  );
}

/** A feature of the second script that runs on live blogs: started when the page is one. */
function onLiveBlog(id: 'reading' | 'markers'): Feature {
  return {
    id,
    init(ctx, signal) {
      const start = () => withMore(ctx, id, signal, (more) => void ctx.launch(more[id]));
      if (ctx.liveblog) return start();
      const found = new AbortController();
      signal.addEventListener('abort', () => found.abort(), { once: true });
      ctx.on(
        'liveblog',
        (blog) => {
          if (!blog || found.signal.aborted) return;
          found.abort();
          start();
        },
        found.signal,
      );
    },
  };
}

export const readingLater = onLiveBlog('reading');
export const markersLater = onLiveBlog('markers');

export const cardsLater: Feature = {
  id: 'cards',
  init(ctx, signal) {
    const { doc } = ctx;
    const waiting = new AbortController();
    signal.addEventListener('abort', () => waiting.abort(), { once: true });
    /** The latest pointer event while the script loads: the cards start from where the pointer is now. */
    let last: PointerEvent | undefined;
    let steps: Array<1 | -1> = [];
    let asked = false;
    const ask = () => {
      if (asked) return;
      asked = true;
      withMore(
        ctx,
        'cards',
        signal,
        (more) => {
          waiting.abort();
          const cards = more.cards(ctx, signal, last);
          ctx.cards = cards;
          signal.addEventListener('abort', () => {
            if (ctx.cards === cards) ctx.cards = null;
          });
          for (const d of steps) cards.step(d);
          steps = [];
        },
        // The worker may have been restarting: the next name under the pointer asks again.
        () => {
          asked = false;
          steps = [];
        },
      );
    };
    doc.addEventListener(
      'pointermove',
      (e) => {
        if (e.pointerType === 'touch') return;
        if (asked) return void (last = e);
        if (mentionAt(doc, ctx.names, e.clientX, e.clientY)) {
          last = e;
          ask();
        }
      },
      { passive: true, signal: waiting.signal },
    );
    const service: CardsService = {
      step(direction) {
        steps.push(direction);
        ask();
      },
    };
    ctx.cards = service;
    signal.addEventListener('abort', () => {
      if (ctx.cards === service) ctx.cards = null;
    });
  },
};

export const storyLater: Feature = {
  id: 'story',
  init(ctx, signal) {
    const onConnect = (port: Browser.runtime.Port) => {
      // Whose port it is, is checked by the panel's server (src/page/features/story.ts) before it answers.
      if (port.name !== PANEL_PORT) return;
      const early: unknown[] = [];
      const keep = (msg: unknown) => void early.push(msg);
      port.onMessage.addListener(keep);
      withMore(ctx, 'story', signal, (more) => {
        port.onMessage.removeListener(keep);
        more.panel(ctx, port, signal, early);
      });
    };
    browser.runtime.onConnect.addListener(onConnect);
    signal.addEventListener('abort', () => browser.runtime.onConnect.removeListener(onConnect), {
      once: true,
    });
  },
};
