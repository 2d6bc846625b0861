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

function blockChildren(body: Element): Element[] {
  return [...body.children].filter((el) => el.matches(BLOCKS));
}

/** Finds the article body with the most markers among its direct children (a step per candidate body). */
export function* findMarkerBody(doc: Document): Steps<Element | null> {
  let best: Element | null = null;
  let bestCount = 0;
  const seen = new Set<Element>();
  for (const p of doc.querySelectorAll('p, h2, h3, h4, h5, h6')) {
    const body = p.parentElement;
    if (!body || seen.has(body)) continue;
    seen.add(body);
    const count = blockChildren(body).filter((el) => markerOf(el.textContent ?? '')).length;
    if (count > bestCount) [best, bestCount] = [body, count];
    yield;
  }
  return bestCount >= 2 ? best : null;
}

/**
 * The updates inside `body`, newest first. `published` dates the original entry, unless an update printed
 * above it is older (then the page's "published" stamp is really its last change).
 */
export function* textMarkerUpdates(body: Element, clock: PageClock, published?: string): Steps<LiveUpdate[]> {
  const groups: Array<{ label: string; elements: Element[] }> = [];
  for (const el of blockChildren(body)) {
    const m = markerOf(el.textContent ?? '');
    if (m) groups.push({ label: m[1].replace(/\s+/g, ' ').trim(), elements: [el] });
    else groups.at(-1)?.elements.push(el);
  }
  const timeline = new Timeline(clock);
  const times: Array<string | undefined> = [];
  for (const i of timeline.walk(groups.length, true)) times[i] = timeline.resolve([groups[i].label]);
  const oldest = times.reduce<string | undefined>((min, t) => (t && (!min || t < min) ? t : min), undefined);
  const updates: LiveUpdate[] = [];
  for (const [i, { label, elements }] of groups.entries()) {
    // The opening is enough (see TEXT_CHARS); the first block always counts.
    const parts = [(elements[0].textContent ?? '').replace(MARKER, '')];
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
