/** Turning printed time labels into ISO 8601, given what the page says about its date and zone. */

const ZONES: Record<string, number> = { GMT: 0, UTC: 0, Z: 0, BST: 60, CET: 60, CEST: 120, MEZ: 60, MESZ: 120, EST: -300, EDT: -240, ET: -300, CST: -360, CDT: -300, PST: -480, PDT: -420, IST: 330, AEST: 600, AEDT: 660, JST: 540, EET: 120, EEST: 180 };

export interface PageClock {
  /** The page's date, YYYY-MM-DD, from its published/modified metadata. */
  date?: string;
  /** Offset in minutes of the page's stated zone, when it states one. */
  offset?: number;
}

function iso(date: string, hh: number, mm: number, offset: number): string | undefined {
  if (hh > 23 || mm > 59) return undefined;
  const utc = Date.parse(`${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00Z`) - offset * 60_000;
  return Number.isNaN(utc) ? undefined : new Date(utc).toISOString();
}

/**
 * "UPDATE 1615 GMT", "Update, 13:17 Uhr", "19.41 GMT", "4:05pm ET". Returns undefined when the label has
 * no time or the page has no date.
 */
export function labelTime(label: string, clock: PageClock): string | undefined {
  const date = explicitDate(label);
  // Drop a printed date first, so its year is not read as a time ("03. Mai 2020, 16:05 Uhr").
  const rest = date ? label.replace(DATE_DE, ' ').replace(DATE_EN, ' ') : label;
  const day = date ?? clock.date;
  if (!day) return undefined;
  // "16:05", "19.41 GMT", "4:05 pm ET", "13h20"; then compact "1615 GMT" / "UPDATE 0830".
  const m =
    /\b(\d{1,2})[:.h](\d{2})\b\s*(a\.?m\.?|p\.?m\.?)?\s*(?:Uhr\s*)?([A-Z]{1,4}\b)?/i.exec(rest) ??
    /\b([01]\d|2[0-3])([0-5]\d)\b\s*(?:hrs?\s*)?()([A-Z]{2,4}\b)?/.exec(rest);
  if (!m) return undefined;
  let hh = Number(m[1]);
  const mm = Number(m[2]);
  const ampm = m[3]?.toLowerCase();
  if (ampm?.startsWith('p') && hh < 12) hh += 12;
  if (ampm?.startsWith('a') && hh === 12) hh = 0;
  const zone = m[4]?.toUpperCase();
  const offset = zone && zone in ZONES ? ZONES[zone] : (clock.offset ?? 0);
  return iso(day, hh, mm, offset);
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, mai: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, okt: 10, nov: 11, dec: 12, dez: 12, mär: 3, maerz: 3, januar: 1, februar: 2, märz: 3, juni: 6, juli: 7 };

const DATE_DE = /\b(\d{1,2})\.\s*([A-Za-zä]+)\s+(\d{4})\b/;
const DATE_EN = /\b([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})\b/;

/** "03. Mai 2020" or "October 30, 2023" inside a label. */
function explicitDate(label: string): string | undefined {
  const de = DATE_DE.exec(label);
  const en = DATE_EN.exec(label);
  let d: number | undefined, mo: number | undefined, y: number | undefined;
  if (de) [d, mo, y] = [Number(de[1]), MONTHS[de[2].toLowerCase()] ?? MONTHS[de[2].slice(0, 3).toLowerCase()], Number(de[3])];
  else if (en) [d, mo, y] = [Number(en[2]), MONTHS[en[1].slice(0, 3).toLowerCase()], Number(en[3])];
  if (!d || !mo || !y) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The page's date and zone, from its metadata (Open Graph, schema.org, <time>). */
export function pageClock(doc: Document): PageClock {
  const meta =
    doc.querySelector<HTMLMetaElement>('meta[property="article:published_time"], meta[itemprop="datePublished"], meta[name="date"]')?.content ??
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  if (!meta) return {};
  const m = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?/.exec(meta);
  if (!m) return {};
  let offset: number | undefined;
  if (m[2] === 'Z') offset = 0;
  else if (m[2]) offset = (m[2][0] === '-' ? -1 : 1) * (Number(m[2].slice(1, 3)) * 60 + Number(m[2].slice(-2)));
  return { date: m[1], offset };
}
