/**
 * The page's text, as blocks (paragraphs, headings, captions, list items) of joined text nodes, with a
 * map back to the nodes so a mention's offsets become a DOM Range. Reads the DOM, never changes it.
 */
import { isExcluded } from './scope';

export interface TextBlock {
  text: string;
  nodes: Text[];
  /** Offset of each node's text within `text`. */
  starts: number[];
  /** The element the block's text flows in (the nearest ancestor that is not inline): what is seen or not. */
  element: Element | null;
}

/** Inline elements continue the current block; any other element starts a new one. */
const INLINE = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'DATA',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'DEL',
  'LABEL',
  'MARK',
  'Q',
  'S',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
  'VAR',
  'WBR',
  'BIG',
  'TT',
  'NOBR',
  'ACRONYM',
]);

/** Whether an element continues its parent's block of text. */
export const isInline = (el: Element): boolean => INLINE.has(el.tagName);

/** The element a node's text flows in: its nearest ancestor that is not inline (or `root`). */
export function blockOf(node: Node, root: Node): Node {
  let el = node.parentNode;
  while (el && el !== root && el.nodeType === 1 && INLINE.has((el as Element).tagName)) el = el.parentNode;
  return el ?? root;
}

/**
 * Walks text nodes under `root` in document order and groups them into blocks. A generator, so the
 * caller can stop after any block and yield to the page. `skip` leaves out more subtrees (an update's
 * header when reading its text).
 */
export function* walkBlocks(
  root: Node,
  doc: Document = root.ownerDocument ?? (root as Document),
  skip?: string,
): Generator<TextBlock> {
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode(node) {
      if (node.nodeType === 1)
        return isExcluded(node as Element) || (skip && (node as Element).matches(skip))
          ? 2 /* REJECT */
          : 3; /* SKIP */
      return 1; // ACCEPT text
    },
  });
  // The root itself may sit inside an excluded element (a live insertion inside a comment thread).
  if (root.nodeType === 1 && (root as Element).closest?.('[data-backstory-host]')) return;
  let current: TextBlock | null = null;
  let currentBlock: Node | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const data = text.data;
    const block = blockOf(text, root);
    if (block !== currentBlock) {
      if (current && /\S/.test(current.text)) yield current;
      current = {
        text: '',
        nodes: [],
        starts: [],
        element: block.nodeType === 1 ? (block as Element) : text.parentElement,
      };
      currentBlock = block;
    }
    current!.nodes.push(text);
    current!.starts.push(current!.text.length);
    current!.text += data;
  }
  if (current && /\S/.test(current.text)) yield current;
}

/** The (node, offset) of a block offset. Offsets at a node boundary resolve to the earlier node's end. */
export function locate(block: TextBlock, offset: number, preferEnd: boolean): { node: Text; offset: number } {
  let lo = 0;
  let hi = block.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (block.starts[mid] < offset || (!preferEnd && block.starts[mid] === offset)) lo = mid;
    else hi = mid - 1;
  }
  return { node: block.nodes[lo], offset: offset - block.starts[lo] };
}
