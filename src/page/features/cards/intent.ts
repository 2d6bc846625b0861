/**
 * The reader's intent: a pointer resting on a name for the hover delay opens its card; one sweeping across
 * the text opens nothing; leaving both name and card hides it. Escape closes it. The keyboard command
 * steps through the page's names. Touch does nothing on purpose: a long-press on text belongs to the
 * browser's own selection menu.
 */
import { mentionAt } from '../../hit-test';
import { firstInView } from '../../mentions';
import { dismiss, reveal, scheduleHide, show } from './card';
import type { CardState } from './state';

/** Faster than this (px per ms) the pointer is sweeping across the text, not resting on a name. */
const SWEEP_SPEED = 0.6;
/**
 * One frame at 60 Hz. The intent timer ends this much before the hover delay, so that the card is drawn
 * before the frame at the delay and painted in it: pointer events arrive at the start of a frame, and a
 * timer ending at the delay itself just misses that frame, so the card showed a whole frame late.
 */
export const FRAME_AHEAD = 16;

/** `late`: how long ago the event happened, when it is played after the fact (the cards' first event). */
export function onPointerMove(st: CardState, e: PointerEvent, late = 0): void {
  if (e.pointerType === 'touch') return;
  const now = e.timeStamp;
  const speed =
    Math.hypot(e.clientX - st.lastMove.x, e.clientY - st.lastMove.y) / Math.max(1, now - st.lastMove.t);
  st.lastMove = { x: e.clientX, y: e.clientY, t: now };
  if (st.host && e.composedPath().includes(st.host.element)) return;
  const hit = mentionAt(st.doc, st.ctx.names, e.clientX, e.clientY);
  const m = hit?.mention ?? null;
  if (m && m === st.open?.mention) {
    // Back on the open card's name within the hide delay: it stays (Page Previews loses this race).
    st.candidate = m;
    clearTimeout(st.intent);
    clearTimeout(st.hide);
    return;
  }
  // Still sweeping over the same name: wait for the pointer to rest before counting the delay.
  if (m && m === st.candidate && speed <= SWEEP_SPEED) return;
  st.candidate = m;
  st.candidateAt = hit?.rect ?? null;
  clearTimeout(st.intent);
  if (m) {
    const rect = hit!.rect;
    st.intent = setTimeout(
      () => {
        if (st.candidate === m) show(st, m, rect, false);
      },
      Math.max(0, st.ctx.settings.hoverDelay - FRAME_AHEAD - late),
    );
  } else if (st.open && !st.overCard && !st.open.keyboard) {
    scheduleHide(st);
  }
}

export function onKeyDown(st: CardState, e: KeyboardEvent): void {
  if (e.key === 'Escape' && st.open) {
    dismiss(st);
    e.stopPropagation();
    e.preventDefault();
  }
}

/** Next/previous name on the page from the current card or the top of the viewport. */
export function step(st: CardState, direction: 1 | -1): void {
  const kinds = st.ctx.settings.kinds;
  const all = st.ctx.names.ordered();
  const current = st.open?.mention ?? st.lastKeyboard;
  let i = current ? all.indexOf(current) : -1;
  if (i >= 0) {
    // From the current name to the next one of a kind the reader underlines.
    for (let n = 1; n <= all.length; n++) {
      const m = all[(i + direction * n + all.length * n) % all.length];
      if (kinds[m.kind]) return reveal(st, m);
    }
    return;
  }
  const list = all.filter((m) => kinds[m.kind]);
  if (!list.length) return;
  i = firstInView(list);
  if (i < 0) i = 0;
  if (direction < 0) i = Math.max(0, i - 1);
  reveal(st, list[i]);
}
