/**
 * The weakest tier: hand-written tickers inside one article body, where paragraphs start with a time
 * label ("UPDATE 1615 GMT:", "Update, 13:17 Uhr:", "2200 GMT:") and the first report is "ORIGINAL ENTRY".
 */
import { textId } from './hash';
import { labelTime, type PageClock } from './time';
import type { LiveUpdate } from './types';

/** A paragraph that opens with one of these is the start of an update; group 1 is its label. */
export const MARKER =
  /^\s*((?:UPDATE|Update|Updated)\b[^:\n]{0,40}?\d{1,2}[:.h]?\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:[A-Z]{2,4}|Uhr)?|\d{3,4}\s*(?:GMT|UTC|BST|CET|ET)|\d{1,2}[:.]\d{2}\s*(?:GMT|UTC|BST|CET|ET|Uhr)|ORIGINAL ENTRY|Original Entry|Erstmeldung|Original post)\s*[:—–-]/;

const BLOCKS = 'p, h2, h3, h4, h5, h6, div, li, blockquote, figure, ul, ol, table, section';

function blockChildren(body: Element): Element[] {
  return [...body.children].filter((el) => el.matches(BLOCKS));
}

/** Finds the article body with the most markers among its direct children. */
export function findMarkerBody(doc: Document): Element | null {
  let best: Element | null = null;
  let bestCount = 0;
  const seen = new Set<Element>();
  for (const p of doc.querySelectorAll('p, h2, h3, h4, h5, h6')) {
    const body = p.parentElement;
    if (!body || seen.has(body)) continue;
    seen.add(body);
    const count = blockChildren(body).filter((el) => MARKER.test(el.textContent ?? '')).length;
    if (count > bestCount) [best, bestCount] = [body, count];
  }
  return bestCount >= 2 ? best : null;
}

export function textMarkerUpdates(body: Element, clock: PageClock, fallbackTime?: string): LiveUpdate[] {
  const updates: LiveUpdate[] = [];
  let current: { label: string; elements: Element[] } | null = null;
  const flush = () => {
    if (!current) return;
    const full = current.elements.map((el) => el.textContent ?? '').join('\n');
    const text = full.replace(MARKER, '').replace(/\s+/g, ' ').trim();
    const original = /original|erstmeldung/i.test(current.label);
    updates.push({
      id: textId(current.label, text),
      label: current.label,
      time: labelTime(current.label, clock) ?? (original ? fallbackTime : undefined),
      text,
      elements: current.elements,
    });
  };
  for (const el of blockChildren(body)) {
    const m = MARKER.exec(el.textContent ?? '');
    if (m) {
      flush();
      current = { label: m[1].replace(/\s+/g, ' ').trim(), elements: [el] };
    } else if (current) {
      current.elements.push(el);
    }
  }
  flush();
  return updates;
}
