/**
 * The structural tier for entries without ids: sibling blocks of one shape (`<section>`s, `<li>`s,
 * `div.comment`s) that each print a stamp at their start or end (a clock time, a match minute, a relative
 * age). With no schema or platform to vouch for the page, the structure must: enough entries, stamps in
 * one order, each entry with text of its own; schedules, "latest news" rails and teaser lists fail that.
 */
import type { Steps } from './extract';
import { inContent, isContentList, isTeaserList, shapeOf, siblingsOfShape } from './generic';
import { orderScore } from './order';
import { edgeStamp, leadingStamp, mayBeStamp, mayLeadStamp, stampKind, type Stamp } from './stamps';
import { matchMinute, parseLabel } from './time';
import { isNotEntry } from './vet';

export interface StampedList {
  container: Element;
  shape: string;
  entries: Element[];
  kind: Stamp['kind'];
  newestFirst: boolean;
  /** 0–1: how strongly the structure says "stream of updates" (entries, order, own text). */
  strength: number;
}

/** Stamped entries a list needs without evidence. */
export const STAMPED_MIN = 2;
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG', 'OPTION', 'SELECT', 'BUTTON']);
const MAX_DEPTH = 6;
/** Stops the walk on giant pages: a page with more stamps than this is a listing, and its head is enough. */
const MAX_STAMPS = 3000;

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** A stamp's value for ordering: minutes of the day, or of the match; undefined for relative ages. */
function orderValue(stamp: Stamp): number | undefined {
  if (stamp.kind === 'minute') {
    const m = matchMinute(stamp.text)!;
    return m.minute + m.added / 100;
  }
  if (stamp.kind === 'clock') return parseLabel(stamp.text)?.minutes;
  if (stamp.kind === 'machine') return stamp.instant;
  return undefined;
}

/** Entries of a list found before: its siblings of the shape that print a stamp and are not ads. */
export const stampedSiblings = (container: Element, shape: string): Element[] =>
  siblingsOfShape(container, shape).filter((el) => !isNotEntry(el) && !!edgeStamp(el));

/** A digit in the first 80 characters: what findStampedList asks of a text first. */
const DIGIT_IN_80 = /^[^]{0,79}\d/;

/**
 * Whether findStampedList could count text node `n` (whose text is `text`) as one of `root`'s stamps: its
 * own first tests, and what stampKind and leadingStamp need (a necessary condition, without their dozen
 * patterns). For a short text, what leadingStamp needs is part of what stampKind needs.
 */
export function mayCountStamp(n: Text, text: string, root: Element): boolean {
  if (!DIGIT_IN_80.test(text)) return false;
  const parent = n.parentElement;
  if (!parent || SKIP.has(parent.tagName) || !root.contains(n)) return false;
  return text.length <= 80 ? mayBeStamp(text) : mayLeadStamp(text);
}

const MACHINE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** `<time datetime>` elements under `root` whose value is a full date and time, up to `enough` of them. */
export function machineStamps(root: Element, enough: number): number {
  const times = root.querySelectorAll('time[datetime]');
  let count = 0;
  for (let i = 0; i < times.length && i < MAX_STAMPS && count < enough; i++)
    if (MACHINE_TIME.test(times[i].getAttribute('datetime') ?? '')) count++;
  return count;
}

/** The best stamped list under `root`, or null (a step per few hundred text nodes). */
export function* findStampedList(
  doc: Document,
  root: Element,
  min = 3,
  /** The text nodes under `root` that could be stamps, in order (a first look's): the others need no walk. */
  texts?: readonly Text[],
): Steps<StampedList | null> {
  // Every short text that is a stamp, and the blocks above it that could be its entry.
  const groups = new Map<Element, Map<string, Set<Element>>>();
  const walker = texts ? null : doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  let next = 0;
  const nextText = (): Node | null => (walker ? walker.nextNode() : (texts![next++] ?? null));
  let stamps = 0;
  let seen = 0;
  for (let n = nextText(); n && stamps < MAX_STAMPS; n = nextText()) {
    if (++seen % 400 === 0) yield;
    const text = (n as Text).data;
    if (!DIGIT_IN_80.test(text)) continue;
    const parent = n.parentElement;
    if (
      !parent ||
      SKIP.has(parent.tagName) ||
      (!(text.length <= 80 ? stampKind(text) : undefined) && !leadingStamp(text))
    )
      continue;
    stamps++;
    let a: Element | null = parent;
    for (let depth = 0; a && a !== root && depth < MAX_DEPTH; depth++, a = a.parentElement) {
      const up = a.parentElement;
      if (!up) break;
      let byShape = groups.get(up);
      if (!byShape) groups.set(up, (byShape = new Map()));
      const shape = shapeOf(a);
      let set = byShape.get(shape);
      if (!set) byShape.set(shape, (set = new Set()));
      set.add(a);
    }
  }
  // <time datetime> elements: a stamp even where the printed words are not one.
  const times = root.querySelectorAll('time[datetime]');
  for (let i = 0; i < times.length && i < MAX_STAMPS; i++) {
    if (!MACHINE_TIME.test(times[i].getAttribute('datetime') ?? '')) continue;
    let a: Element | null = times[i].parentElement;
    for (let depth = 0; a && a !== root && depth < MAX_DEPTH; depth++, a = a.parentElement) {
      const up = a.parentElement;
      if (!up) break;
      const byShape = groups.get(up) ?? new Map<string, Set<Element>>();
      groups.set(up, byShape);
      const set = byShape.get(shapeOf(a)) ?? new Set<Element>();
      byShape.set(shapeOf(a), set.add(a));
    }
  }
  const candidates: Array<{ container: Element; shape: string; size: number }> = [];
  for (const [container, byShape] of groups)
    for (const [shape, set] of byShape)
      if (set.size >= min) candidates.push({ container, shape, size: set.size });
  candidates.sort((a, b) => b.size - a.size);
  let best: StampedList | null = null;
  for (const c of candidates.slice(0, 12)) {
    yield;
    const list = judge(doc, c.container, c.shape, min);
    if (list && (!best || list.strength * list.entries.length > best.strength * best.entries.length))
      best = list;
  }
  return best;
}

/** A candidate list, if it has the structure of a stream of updates. */
function judge(doc: Document, container: Element, shape: string, min: number): StampedList | null {
  // Paragraphs and headings that open with a stamp are text markers: their update runs on past them.
  if (/^(P|H[1-6]|SPAN|STRONG|B|TIME|A|EM|I|TD|TR)\b/.test(shape)) return null;
  const siblings = siblingsOfShape(container, shape).filter((el) => !isNotEntry(el));
  if (isTeaserList(doc, siblings, 0)) return null;
  const stamped: Array<{ el: Element; stamp: Stamp }> = [];
  for (const el of siblings) {
    const stamp = edgeStamp(el);
    if (stamp) stamped.push({ el, stamp });
  }
  if (stamped.length < min || stamped.length < siblings.length * 0.6) return null;
  // One kind of stamp for the list: most entries' kind.
  const kinds = new Map<Stamp['kind'], number>();
  for (const { stamp } of stamped) kinds.set(stamp.kind, (kinds.get(stamp.kind) ?? 0) + 1);
  const kind = [...kinds].sort((a, b) => b[1] - a[1])[0][0];
  // Out of content (navigation, sidebars) or a comment thread. Readers' comments are not stamped by the
  // minute of play: a match "commentary" is the reporter's.
  if (kind === 'minute' ? !inContent(container) : !isContentList(container, siblings)) return null;
  // Text of their own: not links, and more than the stamp.
  let own = 0;
  let withText = 0;
  let links = 0;
  let total = 0;
  for (const { el, stamp } of stamped) {
    const text = clean(el.textContent);
    let linked = 0;
    for (const a of el.querySelectorAll('a')) linked += clean(a.textContent).length;
    const mine = Math.max(0, text.length - stamp.text.length - linked);
    own += mine;
    links += linked;
    total += text.length;
    if (mine >= 12) withText++;
  }
  if (withText < stamped.length * 0.8 || own / stamped.length < 40 || links > total * 0.5) return null;
  const wrap = kind === 'clock' ? 1440 : undefined;
  const { score, newestFirst } =
    kind === 'relative'
      ? { score: 1, newestFirst: true }
      : orderScore(
          stamped.map(({ stamp }) => (stamp.kind === kind ? orderValue(stamp) : undefined)),
          wrap,
        );
  if (score < 0.75) return null;
  // Strength: order, and how many entries (five or more make a stream).
  const strength = score * Math.min(1, stamped.length / 5);
  return { container, shape, entries: stamped.map((s) => s.el), kind, newestFirst, strength };
}
