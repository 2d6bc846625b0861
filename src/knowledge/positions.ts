/**
 * Offices held (Wikidata P39 with start P580 and end P582, or a context pack's list): which office a
 * person held at the time of an update, and how to write one ("Prime Minister of Turkey (2016–2018)").
 * Pure and small: the card imports it to pick the office for the update under the reader's pointer.
 */
import type { Office } from './types';

/** The first or last instant a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean. */
function edge(date: string, end: boolean): number {
  const [y, m, d] = date.split('-').map(Number);
  if (m === undefined) return end ? Date.UTC(y + 1, 0, 1) - 1 : Date.UTC(y, 0, 1);
  if (d === undefined) return end ? Date.UTC(y, m, 1) - 1 : Date.UTC(y, m - 1, 1);
  return end ? Date.UTC(y, m - 1, d + 1) - 1 : Date.UTC(y, m - 1, d);
}

/** Whether the office was held at `time` (ISO): an office without an end is still held. */
export function heldAt(office: Office, time: string): boolean {
  const t = Date.parse(time);
  if (Number.isNaN(t) || !office.start) return false;
  return edge(office.start, false) <= t && (!office.end || t <= edge(office.end, true));
}

/** The office held at `time`: the preferred one, else the most recently started. */
export function officeAt(offices: Office[], time: string | undefined): Office | undefined {
  if (!time) return undefined;
  const held = offices.filter((o) => heldAt(o, time));
  return held.sort(
    (a, b) => Number(!!b.preferred) - Number(!!a.preferred) || edge(b.start!, false) - edge(a.start!, false),
  )[0];
}

/** "Prime Minister of Turkey (2016–2018)", "President of Turkey (since 2014)". */
export function formatOffice(o: Office): string {
  const from = o.start?.slice(0, 4);
  const to = o.end?.slice(0, 4);
  if (!from && !to) return o.label;
  if (from && !to) return `${o.label} (since ${from})`;
  if (!from) return `${o.label} (until ${to})`;
  return `${o.label} (${from === to ? from : `${from}–${to}`})`;
}

/** Most recent first, at most `limit`. */
export function recentOffices(offices: Office[], limit = 4): Office[] {
  const key = (o: Office) => (o.end ? edge(o.end, true) : Infinity);
  return [...offices]
    .sort((a, b) => key(b) - key(a) || (b.start ?? '').localeCompare(a.start ?? ''))
    .slice(0, limit);
}
