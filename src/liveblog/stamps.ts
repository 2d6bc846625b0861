/**
 * Printed stamps: the short text a page prints as an entry's time, when it gives no machine value. A
 * clock time ("14:35", "ore 14.35", "12.31 Uhr", "4:05 pm ET", "27 agosto 2024, 14:35"), a match minute
 * ("95'", "45+2'") or a relative age ("5 minuti fa", "2 hours ago").
 */
import { matchMinute, parseLabel, relativeAge } from './time';

/** 'machine': no printed stamp, but a `<time datetime>` with a full date and time. */
export type StampKind = 'clock' | 'minute' | 'relative' | 'machine';

/** A stamp is short: longer text with a time in it is a sentence, not a stamp. */
const MAX_STAMP = 48;

/** Words that may stand around a printed time without making it a sentence. */
const AROUND_TIME =
  /^(ore|alle|um|uhr|à|a|las|kl|klokken|godz|at|h|hrs|am|pm|a\.m|p\.m|update|updated|posted|published|aggiornamento|aggiornato|pubblicato|aktualisiert|veröffentlicht|mis|jour|publié|actualizado|publicado|oppdatert|publisert|de|del|di|der|le|el|il|the|on|gmt|utc|bst|cet|cest|mez|mesz|et|est|edt|ist|pt|pst|ct)$/i;

/** What a clock time's digits need (LEADING_TIME's, parseLabel's first pattern): digits around ':', '.', 'h'. */
const CLOCK_DIGITS = /\d\s*[:.h]\s*\d/i;

/**
 * Words a stamp may hold without clock digits: a zone or "hrs" ("2015 GMT", "0830 hrs"), a relative age's
 * ("2 hours ago", "vor 5 Minuten", "il y a 2 heures", "hace 3 horas", "5 minuti fa", "just now", "gerade
 * eben", "soeben", "à l'instant", "ahora mismo", "adesso"). Lower case, as split by WORD_BREAKS.
 */
const STAMP_WORDS = new Set(
  'gmt utc bst cet cest et est edt ist hr hrs uhr h ago vor il hace fa just gerade soeben instant ahora adesso'.split(
    ' ',
  ),
);
/** What a match minute prints after its digits ("95'", "45+2′"). */
const MINUTE_MARKS = ["'", '’', '′', '+'];
/** Between words: a pattern's word boundary lies on one of these, so its whole words are among the split's. */
const WORD_BREAKS = /[^A-Za-z]+/;

/**
 * Whether `text` could be a stamp: what every stamp stampKind tells holds, in one look and fewer patterns
 * (each compiles when first run, and most texts with digits are no stamp). Clock digits around ':', '.' or
 * 'h' (what leadingStamp needs too); else a stamp's length, and a match minute's mark after its digits,
 * "min" at its start or a word of STAMP_WORDS. Only a necessary condition: false means stampKind finds
 * none.
 */
export function mayBeStamp(text: string): boolean {
  if (CLOCK_DIGITS.test(text)) return true;
  // Longer than a stamp once its whitespace is run together (and a separator after it dropped).
  if (text.length > MAX_STAMP + 1 && text.replace(/\s+/g, ' ').trim().length > MAX_STAMP + 1) return false;
  const start = text.trimStart();
  const first = start.charCodeAt(0);
  if (first >= 48 && first <= 57) for (const mark of MINUTE_MARKS) if (start.includes(mark)) return true;
  if (start.slice(0, 3).toLowerCase() === 'min') return true;
  for (const word of text.split(WORD_BREAKS)) if (STAMP_WORDS.has(word.toLowerCase())) return true;
  return false;
}

/** What kind of stamp `text` is, if it is one: the whole text, not a sentence that mentions a time. */
export const stampKind = (text: string): StampKind | undefined =>
  mayBeStamp(text) ? readStamp(text) : undefined;

/** stampKind without its first look (which a test holds to be only a necessary condition). */
export function readStamp(text: string): StampKind | undefined {
  const t = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[:|–—-]\s*$/, '');
  if (!t || t.length > MAX_STAMP) return undefined;
  if (matchMinute(t)) return 'minute';
  if (t.length <= 30 && relativeAge(t) !== undefined) return 'relative';
  // Prices, shares and scores are numbers with a dot too ("€ 12.50", "12.50%").
  if (/[€$£¥₹%]|\b(eur|usd|gbp|chf|kr|zł|pln|nok|sek|dkk|euros?|dollars?|pounds?)\b/i.test(t))
    return undefined;
  // "2015" is a year, unless a zone or "hrs" says it is a time ("2015 GMT", "0830 hrs").
  if (!/\d\s?[:.h]\s?\d/.test(t) && !/\b(GMT|UTC|BST|CET|CEST|ET|EST|EDT|IST|hrs?|Uhr|h)\b/i.test(t))
    return undefined;
  const parts = parseLabel(t);
  if (!parts) return undefined;
  // Once its numbers are gone, a stamp is at most a date's month and a few words from AROUND_TIME.
  const words = t
    .replace(/\(([^)]*)\)/g, ' $1 ')
    .replace(/[\d:.,/'|·•–—-]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const other = words.filter((w) => !AROUND_TIME.test(w.replace(/\.$/, '')));
  // A printed date brings its month and weekday: "Mercoledì 17 maggio 2023, 14:35".
  return other.length <= (parts.date ? 2 : 1) ? 'clock' : undefined;
}

/**
 * A clock time opening an entry's first text, then a separator and the text ("Ore 14:35 - Il Lamone
 * esonda", "14h05 : la grève…", "12.31 Uhr | …"): the time is the stamp. Group 1 is the stamp.
 */
const LEADING_TIME =
  /^\s*((?:(?:ore|alle|um|à|a las|kl\.?|at)\s+)?\d{1,2}(?:[:.]|\s?h\s?)\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|BST|UTC|CET|CEST|ET|EST|EDT|IST|Uhr|h))?)\s*[:|–—-]\s+\S/i;

/** Whether `text` could open with a clock time: false means leadingStamp finds none. */
export const mayLeadStamp = (text: string): boolean => CLOCK_DIGITS.test(text.slice(0, 60));

/** The clock time a text opens with, before a separator and more text, if it does. */
export const leadingStamp = (text: string): string | undefined =>
  mayLeadStamp(text) ? readLeadingStamp(text) : undefined;

/** leadingStamp without its first look (which a test holds to be only a necessary condition). */
export function readLeadingStamp(text: string): string | undefined {
  const m = LEADING_TIME.exec(text.slice(0, 60));
  return m && stampKind(m[1]) === 'clock' ? m[1].replace(/\s+/g, ' ').trim() : undefined;
}

const SKIP_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/** The first (or last) few non-blank text nodes under `el`, in reading order. */
function edgeTexts(el: Element, fromEnd: boolean, count: number): Text[] {
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, 0x4 /* SHOW_TEXT */);
  const out: Text[] = [];
  if (!fromEnd) {
    for (let n = walker.nextNode(); n && out.length < count; n = walker.nextNode()) {
      if ((n as Text).data.trim() && !SKIP_TEXT.has(n.parentElement?.tagName ?? '')) out.push(n as Text);
    }
    return out;
  }
  walker.currentNode = el;
  let last: Node | null = el.lastChild;
  while (last?.lastChild) last = last.lastChild;
  walker.currentNode = last ?? el;
  for (
    let n: Node | null = last?.nodeType === 3 ? last : walker.previousNode();
    n && out.length < count;
    n = walker.previousNode()
  ) {
    if (n.nodeType === 3 && (n as Text).data.trim() && !SKIP_TEXT.has(n.parentElement?.tagName ?? ''))
      out.push(n as Text);
  }
  return out;
}

export interface Stamp {
  /** The stamp as printed. */
  text: string;
  kind: StampKind;
  /** The element that holds it (the text node's parent). */
  element: Element;
  /** Printed before the entry's text (most) or after it. */
  at: 'start' | 'end';
  /** For a machine stamp: its instant (epoch ms). */
  instant?: number;
}

/**
 * The stamp an entry prints at its start (its first four texts) or at its end (its last one). A stamp
 * split over two texts ("<span>21 mins ago</span>11:48") gives its first that is one.
 */
export function edgeStamp(el: Element): Stamp | undefined {
  // The first few texts: a stamp may follow a byline or a headline ("Mario Rossi · Title · 14:35").
  const head = edgeTexts(el, false, 4);
  for (const node of head) {
    const kind = stampKind(node.data);
    if (kind)
      return {
        text: node.data.replace(/\s+/g, ' ').trim(),
        kind,
        element: node.parentElement ?? el,
        at: 'start',
      };
  }
  const lead = head[0] && leadingStamp(head[0].data);
  if (lead) return { text: lead, kind: 'clock', element: head[0].parentElement ?? el, at: 'start' };
  const [tail] = edgeTexts(el, true, 1);
  const kind = tail && stampKind(tail.data);
  if (kind)
    return {
      text: tail.data.replace(/\s+/g, ' ').trim(),
      kind,
      element: tail.parentElement ?? el,
      at: 'end',
    };
  // A <time> whose machine value is a full date and time, printed in words the list above cannot read.
  const time = el.querySelector('time[datetime]');
  const value = time?.getAttribute('datetime') ?? '';
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? Date.parse(value) : NaN;
  return time && !Number.isNaN(instant)
    ? {
        text: (time.textContent ?? '').replace(/\s+/g, ' ').trim(),
        kind: 'machine',
        element: time,
        at: 'start',
        instant,
      }
    : undefined;
}
