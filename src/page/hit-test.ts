/** Which name is under the pointer, by caret position: there is no element per name to listen on. */
import type { NamesIndex, PageMention } from './names';

type CaretDoc = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

export function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as CaretDoc;
  if (d.caretPositionFromPoint) {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

/** The client rect of a mention's line that contains the point, or null when the point is beside it. */
export function rectAt(range: Range, x: number, y: number, slop = 1): DOMRect | null {
  for (const r of range.getClientRects()) {
    if (x >= r.left - slop && x <= r.right + slop && y >= r.top - slop && y <= r.bottom + slop) return r;
  }
  return null;
}

export function mentionAt(
  doc: Document,
  names: NamesIndex,
  x: number,
  y: number,
): { mention: PageMention; rect: DOMRect } | null {
  const caret = caretAt(doc, x, y);
  if (!caret || caret.node.nodeType !== 3) return null;
  const mention = names.at(caret.node, caret.offset);
  if (!mention) return null;
  // The caret snaps to the nearest character even when the pointer is in a margin: check the rects.
  const rect = rectAt(mention.range, x, y);
  return rect ? { mention, rect } : null;
}
