/**
 * The weakest tier: hand-written tickers inside one article body, where paragraphs start with a time
 * label ("UPDATE 1615 GMT:", "Update, 13:17 Uhr:", "2200 GMT:") and the first report is "ORIGINAL ENTRY".
 */
import { TEXT_CHARS, type Steps } from './extract';
import { textId } from './hash';
import { Timeline, type PageClock } from './time';
import type { LiveUpdate } from './types';

/**
 * A paragraph that opens with one of these is the start of an update; group 1 is its label, group 2 the
 * colon or dash after it. Without one, the label must be the whole (short) paragraph: "Erstmeldung" on a
 * line of its own, not a page stamp such as "Updated 2010 GMT (0410 HKT) April 8, 2018".
 */
export const MARKER =
  /^\s*((?:UPDATE|Update|Updated)\b[^:\n]{0,40}?\d{1,2}[:.h]?\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:[A-Z]{2,4}|Uhr)?|\d{3,4}\s*(?:GMT|UTC|BST|CET|ET)|\d{1,2}[:.]\d{2}\s*(?:GMT|UTC|BST|CET|ET|Uhr)|ORIGINAL ENTRY|Original Entry|Erstmeldung|Original post)\s*([:—–-]|$)/;

const WHOLE_LABEL_MAX = 32;

/** The marker a block opens with, if any. */
export function markerOf(text: string): RegExpExecArray | null {
  const m = MARKER.exec(text);
  return m && (m[2] || text.trim().length <= WHOLE_LABEL_MAX) ? m : null;
}

const BLOCKS = 'p, h2, h3, h4, h5, h6, div, li, blockquote, figure, ul, ol, table, section';

/**
 * A bold clock time at the very start of a block ("<p><strong>07.13</strong> …", "<p><b>14:35 Uhr</b>
 * Jonathan …"): an older hand-written ticker's marker, with no colon after it. Group 1 is the time.
 */
const BOLD_TIME =
  /^\s*(\d{1,2}[.:]\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|BST|UTC|CET|CEST|ET|EST|EDT|IST|Uhr|h))?)(?=\s|$|[:,–—-])/i;

/**
 * A heading that opens with a clock time and a separator ("<h2>12.31 Uhr: …", "<h3>14h05 : …", "<h2>9:40
 * am — …"): flat rich text whose entries are a heading and the paragraphs after it. Group 1 is the time.
 */
const HEADING_TIME =
  /^\s*(\d{1,2}(?:[.:]|\s?h\s?)\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|BST|UTC|CET|CEST|ET|EST|EDT|IST|Uhr|h))?)\s*[:|–—-]\s*\S/i;

/** The element the block's text starts in, if the block starts with an element's text (no loose text before it). */
function leadingBold(block: Element): Element | null {
  for (let n: Node | null = block.firstChild; n;) {
    if (n.nodeType === 3) {
      if ((n as Text).data.trim()) return null;
      n = n.nextSibling;
      continue;
    }
    if (n.nodeType !== 1) {
      n = n.nextSibling;
      continue;
    }
    const el = n as Element;
    if (el.tagName === 'STRONG' || el.tagName === 'B') return el;
    if (el.tagName === 'BR') {
      n = n.nextSibling;
      continue;
    }
    // An inline wrapper around the bold text (<span><strong>…).
    if (/^(SPAN|EM|I|FONT)$/.test(el.tagName) && el.textContent?.trim()) {
      n = el.firstChild;
      continue;
    }
    return null;
  }
  return null;
}

/** The label a block opens with, if it opens an update: a text marker, or a bold time at its start. */
export function blockMarker(el: Element): { label: string; strong: boolean } | null {
  const text = el.textContent ?? '';
  const m = markerOf(text);
  if (m) return { label: m[1].replace(/\s+/g, ' ').trim(), strong: true };
  const h = /^H[2-4]$/.test(el.tagName) ? HEADING_TIME.exec(text) : null;
  if (h) return { label: h[1].replace(/\s+/g, ' ').trim(), strong: true };
  const bold = el.matches('p, h2, h3, h4, h5, h6, div') ? leadingBold(el) : null;
  const b = bold && BOLD_TIME.exec(bold.textContent ?? '');
  return b ? { label: b[1].replace(/\s+/g, ' ').trim(), strong: false } : null;
}

/**
 * The body's blocks in reading order. Wrappers without text of their own (a CMS's "firstPar", "body"
 * divs) are read through, so a ticker split over several of them is one sequence.
 */
function blockChildren(body: Element, depth = 0): Element[] {
  const out: Element[] = [];
  for (const el of body.children) {
    if (!el.matches(BLOCKS)) continue;
    if (depth < 2 && isWrapper(el)) out.push(...blockChildren(el, depth + 1));
    else out.push(el);
  }
  return out;
}

function isWrapper(el: Element): boolean {
  if (el.tagName !== 'DIV' && el.tagName !== 'SECTION') return false;
  if (!el.children.length) return false;
  for (const n of el.childNodes) if (n.nodeType === 3 && (n as Text).data.trim()) return false;
  // Scripts (an embed's loader), line breaks and rules are no text of its own.
  for (const c of el.children)
    if (!c.matches(BLOCKS) && !/^(SCRIPT|STYLE|NOSCRIPT|BR|HR|LINK|META)$/.test(c.tagName)) return false;
  return true;
}

/**
 * How the text of a block that opens an update must begin, whatever follows: MARKER, HEADING_TIME and
 * BOLD_TIME (each on its own text) less what may lie past the block's end, within OPENING_LENGTH.
 */
const OPENING =
  /^(?:(?:UPDATE|Update)[^:\n]{0,41}?\d{1,2}[:.h]?\d{2}|\d{3,4}(?:\s{0,50}(?:GMT|UTC|BST|CET|ET)|\s{51})|\d{1,2}(?:[:.]|\s?[hH]\s?)\d{2}|ORIGINAL ENTRY|Original Entry|Original post|Erstmeldung)/;
/** OPENING's first character: a digit, or the first letter of a word in OPENING_WORDS. */
const OPENING_FIRST = /^\s*[\dUOE]/;
/** The longest text OPENING reads. */
const OPENING_LENGTH = 60;
const OPENING_WORDS = [
  'UPDATE',
  'Update',
  'ORIGINAL ENTRY',
  'Original Entry',
  'Original post',
  'Erstmeldung',
];

/** What a block's text is made of, for a TreeWalker: text and CDATA nodes. */
export const BLOCK_TEXT = 0x4 | 0x8;

/**
 * Whether a block whose text begins in node `n` (whose text is `data`) could open an update, as a
 * necessary condition read from the node and, through `ahead` (a walker over the document's BLOCK_TEXT),
 * the nodes after it: a marker may go on in them ("<b>Up</b>date 1615 GMT:"). A block's text is its text
 * nodes' in order, so the node its first letter is in (for a bold time, the bold's) begins text that
 * OPENING matches. Most nodes begin with neither a digit nor a marker's word: passed over at a glance.
 */
export function mayOpenMarker(n: CharacterData, data: string, ahead: TreeWalker): boolean {
  if (!OPENING_FIRST.test(data)) return false;
  let text = data.trimStart();
  const first = text.charCodeAt(0);
  const digit = first >= 48 && first <= 57;
  if (!digit && !OPENING_WORDS.some((word) => word.startsWith(text.slice(0, word.length)))) return false;
  if (text.length < OPENING_LENGTH) {
    ahead.currentNode = n;
    // Only what OPENING reads of each: the next node may be a script of a megabyte.
    for (let m = ahead.nextNode(); m && text.length < OPENING_LENGTH; m = ahead.nextNode())
      text += (m as CharacterData).data.slice(0, OPENING_LENGTH - text.length);
  }
  return OPENING.test(text);
}

/** Blocks with markers a body needs to be a ticker. */
export const MIN_MARKERS = 2;

/** Finds the article body with the most markers among its blocks (a step per candidate body). */
export function* findMarkerBody(
  doc: Document,
  /**
   * Every node a marked block's text can begin in (mayOpenMarker's, a first look's): a body holding
   * fewer than MIN_MARKERS of them cannot count that many markers, and is not read.
   */
  starts?: readonly Node[],
): Steps<Element | null> {
  let holding: Map<Element, number> | undefined;
  if (starts) {
    holding = new Map();
    for (const start of starts)
      for (let a = start.parentElement; a; a = a.parentElement) holding.set(a, (holding.get(a) ?? 0) + 1);
  }
  let best: Element | null = null;
  let bestCount = 0;
  const seen = new Set<Element>();
  for (const p of doc.querySelectorAll('p, h2, h3, h4, h5, h6')) {
    // The block's parent, and the two above it: a body whose ticker sits in wrapper divs.
    let body = p.parentElement;
    for (let up = 0; body && up < 3; up++, body = body.parentElement) {
      if (seen.has(body) || body === doc.body || body === doc.documentElement) continue;
      seen.add(body);
      // Fewer than MIN_MARKERS never make the best body: it must count that many.
      if (holding && (holding.get(body) ?? 0) < MIN_MARKERS) continue;
      // A long body is counted in steps: each block's test reads its text.
      let count = 0;
      const blocks = blockChildren(body);
      for (let i = 0; i < blocks.length; i++) {
        if (blockMarker(blocks[i])) count++;
        if (i % 100 === 99) yield;
      }
      if (count > bestCount) [best, bestCount] = [body, count];
      yield;
    }
  }
  return bestCount >= MIN_MARKERS ? best : null;
}

/**
 * The updates inside `body`, newest first. `published` dates the original entry, unless an update printed
 * above it is older (then the page's "published" stamp is really its last change).
 */
export function* textMarkerUpdates(body: Element, clock: PageClock, published?: string): Steps<LiveUpdate[]> {
  const groups: Array<{ label: string; elements: Element[] }> = [];
  const blocks = blockChildren(body);
  for (let i = 0; i < blocks.length; i++) {
    const m = blockMarker(blocks[i]);
    if (m) groups.push({ label: m.label, elements: [blocks[i]] });
    else groups.at(-1)?.elements.push(blocks[i]);
    if (i % 100 === 99) yield;
  }
  const timeline = new Timeline(clock);
  const times: Array<string | undefined> = [];
  for (const i of timeline.walk(groups.length, true)) times[i] = timeline.resolve([groups[i].label]);
  const oldest = times.reduce<string | undefined>((min, t) => (t && (!min || t < min) ? t : min), undefined);
  const updates: LiveUpdate[] = [];
  for (const [i, { label, elements }] of groups.entries()) {
    // The opening is enough (see TEXT_CHARS); the first block always counts.
    const first = (elements[0].textContent ?? '').replace(/^\s+/, '');
    const parts = [
      MARKER.test(first)
        ? first.replace(MARKER, '')
        : first.startsWith(label)
          ? first.slice(label.length).replace(/^[\s:|–—-]+/, '')
          : first,
    ];
    for (let k = 1, length = parts[0].length; k < elements.length && length < TEXT_CHARS; k++) {
      parts.push(elements[k].textContent ?? '');
      length += parts[k].length;
    }
    const text = parts.join('\n').replace(/\s+/g, ' ').trim();
    const original = /original|erstmeldung/i.test(label);
    updates.push({
      id: textId(label, text),
      label,
      time: times[i] ?? (original && published && (!oldest || published <= oldest) ? published : undefined),
      text,
      elements,
    });
    yield;
  }
  return updates;
}
