/** Where the card goes: above the name's line, or below it without room, never beside it on the line. */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import type { PageMention } from '../../names';

/** A virtual reference: the line of the name under the pointer, or the name's first line. */
export function referenceFor(mention: PageMention, anchor: DOMRect | null, keyboard: boolean) {
  const range = mention.range;
  return {
    getBoundingClientRect: () =>
      anchor && !keyboard ? anchor : (range.getClientRects()[0] ?? range.getBoundingClientRect()),
    getClientRects: () => range.getClientRects(),
    contextElement: range.startContainer.parentElement ?? undefined,
  };
}

export type Reference = ReturnType<typeof referenceFor>;

export async function place(doc: Document, reference: Reference, el: HTMLElement): Promise<void> {
  const { x, y, placement } = await computePosition(reference, el, {
    strategy: 'fixed',
    placement: 'top-start',
    middleware: [
      offset(6),
      // Above or below only: beside the name would cover the rest of its line.
      flip({ fallbackPlacements: ['bottom-start'], crossAxis: false }),
      shift({ padding: 8 }),
      size({
        padding: 8,
        apply: ({ availableHeight, availableWidth }) => {
          setStyle(el, 'max-height', `${Math.round(Math.max(96, Math.min(460, availableHeight)))}px`);
          setStyle(el, 'max-width', `${Math.round(Math.max(200, Math.min(348, availableWidth)))}px`);
        },
      }),
    ],
  });
  // Above the name, the card is held by its bottom edge so that content arriving later grows it
  // upwards, away from the line being read.
  const above = placement.startsWith('top');
  // Whole pixels: written as read back, so an unmoved card compares equal.
  const bottom = -Math.round(y + el.offsetHeight);
  setStyle(el, 'position', 'fixed');
  setStyle(el, 'left', `${Math.round(x)}px`);
  setStyle(el, 'top', above ? 'auto' : `${Math.round(y)}px`);
  setStyle(el, 'bottom', above ? `${bottom}px` : 'auto');
}

/**
 * Only what changed is written: re-placing a card that has not moved (the watch's first call, a scroll
 * that leaves it in place) then changes nothing on the page, and costs no frame of its own.
 */
function setStyle(el: HTMLElement, name: string, value: string): void {
  if (el.style.getPropertyValue(name) !== value) el.style.setProperty(name, value);
}

/** Keeps the card placed while the page scrolls or resizes; returns the stop function. */
export function follow(doc: Document, reference: Reference, el: HTMLElement): () => void {
  return autoUpdate(reference, el, () => void place(doc, reference, el), { animationFrame: false });
}
