/**
 * Hover cards. A name under a resting pointer for the intent delay opens its card above or below the line
 * (never over it, never beside it on the same line); the card stays while the pointer is in it or comes
 * back within the hide delay, hides shortly after the pointer leaves both, and closes on Escape. Opened
 * from the keyboard too (commands API → names:step): focus moves into the card and Escape gives it back.
 *
 * The units live in ./cards/: state.ts (everything kept, in one object), intent.ts (pointer and keys),
 * card.ts (open, draw, close), lookup.ts (the background's layers), placement.ts, theme.ts.
 */
import type { CardsService, Feature, PageContext } from '../context';
import { close, ensureHost, forgetPrepared, prepareSoon } from './cards/card';
import { onKeyDown, onPointerMove, step } from './cards/intent';
import { createState } from './cards/state';

export { themeAt } from './cards/theme';

/** `first`: the pointer's last move while the cards were on their way (src/page/features/later.ts), played once they run. */
export function runCards(ctx: PageContext, signal: AbortSignal, first?: PointerEvent): CardsService {
  const st = createState(ctx);
  const doc = ctx.doc;
  const moved = (e: PointerEvent, late?: number) => {
    onPointerMove(st, e, late);
    // A name under the pointer: its card may open after the hover delay, in a host already there,
    // with what the page says about the name worked out meanwhile.
    if (st.candidate && !st.host) ensureHost(st);
    prepareSoon(st, st.candidate);
  };
  doc.addEventListener('pointermove', (e) => moved(e), { passive: true, signal });
  doc.addEventListener('keydown', (e) => onKeyDown(st, e), { capture: true, signal });
  ctx.on('settings', () => st.answers.clear(), signal);
  for (const event of ['dom', 'names', 'liveblog'] as const) ctx.on(event, () => forgetPrepared(st), signal);
  signal.addEventListener('abort', () => {
    forgetPrepared(st);
    close(st);
    st.host?.remove();
  });
  // The pointer has rested since that move: the hover delay counts from it, not from now.
  if (first) moved(first, Math.max(0, performance.now() - first.timeStamp));
  return { step: (direction) => step(st, direction) };
}

export const cardsFeature: Feature = {
  id: 'cards',
  init(ctx, signal) {
    const cards = runCards(ctx, signal);
    ctx.cards = cards;
    signal.addEventListener('abort', () => {
      if (ctx.cards === cards) ctx.cards = null;
    });
  },
};
