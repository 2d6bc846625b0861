/**
 * Document order, asked of the browser. `compareDocumentPosition` walks from the node it is asked of, so
 * callers ask it of the node they expect earlier (a live insertion lands at the top or the end).
 */

/** `Node.DOCUMENT_POSITION_FOLLOWING`, spelled out: the Node global is not there in every DOM this runs on. */
const FOLLOWING = 4;

/** Whether `a` comes before `b` in the document. */
export const precedes = (a: Node, b: Node): boolean => (a.compareDocumentPosition(b) & FOLLOWING) !== 0;

/** A sort comparator: document order (the same node: 0). */
export const byDocumentOrder = (a: Node, b: Node): number => (a === b ? 0 : precedes(a, b) ? -1 : 1);

/** Whether two lists hold the same elements in the same order. */
export const sameElements = (a: readonly Element[], b: readonly Element[]): boolean =>
  a.length === b.length && a.every((el, i) => el === b[i]);
