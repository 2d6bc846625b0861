/**
 * The page's text, as blocks (paragraphs, headings, captions, list items) of joined text nodes, with a
 * map back to the nodes so a mention's offsets become a DOM Range. Reads the DOM, never changes it.
 */
import {
  EXCLUDED_SELECTOR,
  isExcluded,
  judgeRepeats,
  LONG_RUN,
  moreChildrenThan,
  structuralChrome,
} from './scope';

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

/**
 * Whether two neighbours are laid out apart although both are inline: a time stamp, or a wrapper holding
 * elements of its own (an author box beside a date box, "Jen Mills" + "Published ..."), as opposed to
 * elements styling letters of one word (`<b>Ger</b><i>many</i>`). Text glued across such a seam is not
 * one word.
 */
function seamBetween(left: Node, right: Node): boolean {
  const l = left.nodeType === 1 ? (left as Element) : null;
  const r = right.nodeType === 1 ? (right as Element) : null;
  if (l?.tagName === 'TIME' || r?.tagName === 'TIME') return true;
  if (!l || !r || !INLINE.has(l.tagName) || !INLINE.has(r.tagName)) return false;
  return l.firstElementChild !== null || r.firstElementChild !== null;
}

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
 *
 * A plain walk over firstChild/nextSibling, with the subtrees excluded by selector found by one
 * querySelectorAll per subtree of up to `chunk` elements (a TreeWalker whose filter is called back for
 * every node, and a selector matched per element, cost a big page several times more; one query over a
 * 2,000-update page took 40–50 ms in one task, before the first block); chrome found from structure is
 * judged per element entered, its judgements cached.
 */
export function* walkBlocks(
  root: Node,
  doc: Document = root.ownerDocument ?? (root as Document),
  skip?: string,
  chunk = EXCLUDE_CHUNK,
): Generator<TextBlock> {
  for (const block of walkBlockSteps(root, doc, skip, chunk)) if (block) yield block;
}

/**
 * The same walk in steps for a caller that yields to the page between them: null between the costly
 * judgements of a long run (a live blog's feed, entered: its like children found, then what they repeat,
 * 10–15 ms each on a 2,000-entry page), so that each is a step of its own.
 */
export function* walkBlockSteps(
  root: Node,
  doc: Document = root.ownerDocument ?? (root as Document),
  skip?: string,
  chunk = EXCLUDE_CHUNK,
): Generator<TextBlock | null> {
  void doc;
  // The root itself may sit inside an excluded element (a live insertion inside a comment thread).
  if (root.nodeType === 1 && (root as Element).closest?.('[data-backstory-host]')) return;
  const excluded = new Exclusions(root, skip, chunk);
  let current: TextBlock | null = null;
  let currentBlock: Node | null = null;
  // The element each level's text flows in: the nearest ancestor that is not inline, or the root.
  const flow: Node[] = [root];
  let node: Node | null = root.firstChild;
  // Set when the walk crosses a seam between inline neighbours laid out apart (see seamBetween).
  let seam = false;
  while (node) {
    if (node.nodeType === 3) {
      const text = node as Text;
      const block = flow[flow.length - 1];
      // Text glued across a seam starts a block of its own; with a space between, the words are apart anyway.
      if (seam && current && endsInText(current.text) && startsWithText(text.data)) currentBlock = null;
      if (text.data) seam = false;
      if (block !== currentBlock) {
        if (current && hasText(current.text)) yield current;
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
      current!.text += text.data;
    } else if (node.nodeType === 1 && node.firstChild) {
      const el = node as Element;
      const long = moreChildrenThan(el, LONG_RUN - 1);
      if (long) yield null;
      if (!excluded.has(el, flow.length) && !structuralChrome(el)) {
        if (long) {
          yield null;
          judgeRepeats(el);
          yield null;
        }
        flow.push(INLINE.has(el.tagName) ? flow[flow.length - 1] : node);
        node = node.firstChild;
        continue;
      }
      // Left-out inline content separates what is around it: the words on either side must not read as
      // one run ("Angela Merkel" + "Berlin" around a dropped <span>).
      if (INLINE.has(el.tagName)) currentBlock = null;
    }
    // Next: the sibling, or the sibling of the nearest ancestor that has one.
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      flow.pop();
    }
    if (!node || node === root) break;
    if (seamBetween(node, node.nextSibling!)) seam = true;
    node = node.nextSibling;
  }
  if (current && hasText(current.text)) yield current;
}

// `/\S$/`, `/^\S/` and `/\S/`, spelled with trim (whose white space is `\s`'s): no regex to compile on every
// page load for these questions asked at every text node.
export const endsInText = (s: string): boolean => s.length > 0 && s.trimEnd().length === s.length;
export const startsWithText = (s: string): boolean => s.length > 0 && s.trimStart().length === s.length;
export const hasText = (s: string): boolean => s.trim().length > 0;

/** Subtrees of up to this many elements have what the walk leaves out found by one query each. */
export const EXCLUDE_CHUNK = 500;
/** Below this depth a subtree is queried whatever its size (a page nested 10,000 deep is not sized at each level). */
const EXCLUDE_MAX_DEPTH = 32;
/** Editable areas in any case of the attribute's value (some DOM implementations ignore the selector's `i`). */
const EDITABLE_ANY = '[contenteditable]';
const NOTHING: ReadonlySet<Element> = new Set();

/**
 * Whether `el` has at most `n` descendant elements, looking at no more than n + 1 of them. Stepped through,
 * not counted by `getElementsByTagName`: each such live collection stays registered with the document until
 * collected, and every change the page makes to its tree then updates them all.
 */
function atMost(el: Element | Document | DocumentFragment, n: number): boolean {
  let count = 0;
  let e = el.firstElementChild;
  while (e) {
    if (++count > n) return false;
    if (e.firstElementChild) {
      e = e.firstElementChild;
      continue;
    }
    while (!e.nextElementSibling) {
      const up: Element | null = e.parentElement;
      // A shadow root's own children have no parent element: the walk up ends there, as it does at `el`.
      if (!up || up === (el as Node)) return true;
      e = up;
    }
    e = e.nextElementSibling;
  }
  return true;
}

/**
 * The elements under `root` the walk leaves out (the selector's, editable areas, `skip`'s), found a subtree
 * at a time as the walk enters it: the root's own when it is small, else each child's that is, and so on
 * down. The walk asks about each element it enters, with its depth; a queried subtree answers for every
 * element below it until the walk climbs back out.
 */
class Exclusions {
  private found: ReadonlySet<Element> = NOTHING;
  /** The walk's depth from which the last queried subtree answers (-1: none). */
  private coveredFrom = -1;

  constructor(
    root: Node,
    private skip: string | undefined,
    private chunk: number,
  ) {
    if (typeof (root as ParentNode).querySelectorAll !== 'function') return;
    // The root's own match does not count: the walk starts inside it.
    if (atMost(root as Element, this.chunk)) this.query(root as ParentNode, 1);
  }

  /** Whether the walk leaves `el` out; `depth`: the walk's depth where `el` is a child. */
  has(el: Element, depth: number): boolean {
    if (this.coveredFrom >= 0 && depth >= this.coveredFrom) return this.found.has(el);
    this.coveredFrom = -1;
    if (this.excludes(el)) return true;
    // No element below (a paragraph of text): nothing to look for.
    if (!el.firstElementChild) {
      this.found = NOTHING;
      this.coveredFrom = depth + 1;
    } else if (depth >= EXCLUDE_MAX_DEPTH || atMost(el, this.chunk)) this.query(el, depth + 1);
    return false;
  }

  private excludes(el: Element): boolean {
    return (
      el.matches(EXCLUDED_SELECTOR) ||
      (el.hasAttribute('contenteditable') && isExcluded(el)) ||
      (!!this.skip && el.matches(this.skip))
    );
  }

  /** One query for the three kinds, each found element then told apart. */
  private query(scope: ParentNode, from: number): void {
    const found = new Set<Element>();
    const any = `${EXCLUDED_SELECTOR},${EDITABLE_ANY}${this.skip ? `,${this.skip}` : ''}`;
    for (const el of scope.querySelectorAll(any)) if (this.excludes(el)) found.add(el);
    this.found = found;
    this.coveredFrom = from;
  }
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
