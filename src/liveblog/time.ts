/**
 * Turning what a page prints or stores about an update's time into ISO 8601: machine values (ISO strings,
 * epoch seconds or milliseconds), relative labels ("40 min ago", "vor 2 Stunden") counted back from the
 * page's load, and clock labels ("UPDATE 1615 GMT", "Update, 13:17 Uhr", "12:09 a.m. ET, October 30, 2023")
 * dated with the page's date and stated zone.
 */
import { jsonMayHold } from './schema';

const ZONES: Record<string, number> = {
  GMT: 0,
  UTC: 0,
  Z: 0,
  BST: 60,
  IST: 60,
  CET: 60,
  CEST: 120,
  MEZ: 60,
  MESZ: 120,
  WET: 0,
  WEST: 60,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  ET: -300,
  CST: -360,
  CDT: -300,
  CT: -360,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  PT: -480,
  AEST: 600,
  AEDT: 660,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
};

export interface PageClock {
  /** The page's date, YYYY-MM-DD: its last modification, else its publication. */
  date?: string;
  /** The dates of its last modification and of its publication, when it states them. */
  modified?: string;
  published?: string;
  /** Offset in minutes of the page's stated zone, when it states one. */
  offset?: number;
  /** When the page was loaded (epoch ms): relative labels count back from here. */
  now?: number;
  /** A match's kick-off (epoch ms), when the page states one: match minutes count from here. */
  kickoff?: number;
}

/** A clock label taken apart: the time of day, and the date and zone when the label prints them. */
export interface LabelParts {
  minutes: number;
  date?: string;
  offset?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function toIso(date: string, minutes: number, offset: number): string | undefined {
  const utc =
    Date.parse(`${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00Z`) - offset * 60_000;
  return Number.isNaN(utc) ? undefined : new Date(utc).toISOString();
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  mai: 5,
  okt: 10,
  dez: 12,
  mär: 3,
  mrz: 3,
  maerz: 3,
  januar: 1,
  februar: 2,
  märz: 3,
  juni: 6,
  juli: 7,
  janv: 1,
  févr: 2,
  fevr: 2,
  mars: 3,
  avr: 4,
  juin: 6,
  juil: 7,
  août: 8,
  aout: 8,
  sept: 9,
  déc: 12,
  gen: 1,
  genn: 1,
  gennaio: 1,
  febbraio: 2,
  marzo: 3,
  aprile: 4,
  magg: 5,
  maggio: 5,
  giu: 6,
  giugno: 6,
  lug: 7,
  luglio: 7,
  ago: 8,
  agosto: 8,
  sett: 9,
  settembre: 9,
  ott: 10,
  ottobre: 10,
  novembre: 11,
  dic: 12,
  dicembre: 12,
  enero: 1,
  febrero: 2,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  septiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
};

const monthOf = (word: string): number | undefined => {
  const w = word.toLowerCase().replace(/\.$/, '');
  return MONTHS[w] ?? MONTHS[w.slice(0, 4)] ?? MONTHS[w.slice(0, 3)];
};

// "03. Mai 2020", "30 October 2023", "October 30, 2023", "29.04.2020", "2023-10-30".
const DATE_DAY_MONTH = /\b(\d{1,2})\.?\s+(?:de\s+)?([A-Za-zäéûèì]{3,10})\.?\s+(?:de\s+)?(\d{4})\b/;
const DATE_MONTH_DAY = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b/;
const DATE_NUMERIC = /\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b/;
const DATE_ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;

function explicitDate(label: string): { date: string; match: string } | undefined {
  const candidates: Array<
    [RegExpExecArray | null, (m: RegExpExecArray) => [number, number | undefined, number]]
  > = [
    [DATE_ISO.exec(label), (m) => [Number(m[3]), Number(m[2]), Number(m[1])]],
    [DATE_DAY_MONTH.exec(label), (m) => [Number(m[1]), monthOf(m[2]), Number(m[3])]],
    [DATE_MONTH_DAY.exec(label), (m) => [Number(m[2]), monthOf(m[1]), Number(m[3])]],
    [
      DATE_NUMERIC.exec(label),
      (m) => [Number(m[1]), Number(m[2]), m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])],
    ],
  ];
  for (const [m, parts] of candidates) {
    if (!m) continue;
    const [d, mo, y] = parts(m);
    if (!mo || mo > 12 || d < 1 || d > 31) continue;
    return { date: `${y}-${pad(mo)}-${pad(d)}`, match: m[0] };
  }
  return undefined;
}

/**
 * "UPDATE 1615 GMT", "Update, 13:17 Uhr", "19.41 GMT", "4:05 pm ET", "13h20", "Update vom 03. Mai 2020,
 * 16:05 Uhr". Undefined when the label shows no time of day.
 */
export function parseLabel(label: string): LabelParts | undefined {
  const found = explicitDate(label);
  // Drop a printed date first, so that its day and month are not read as a time ("29.04.2020, 17:15 Uhr").
  const rest = found ? label.replace(found.match, ' ') : label;
  const m =
    /(?<![\d.:])(\d{1,2})(?:[:.]|\s?h\s?)(\d{2})(?![\d.:])\s*(a\.?\s?m\.?|p\.?\s?m\.?)?\s*(?:Uhr\s*)?([A-Z]{1,4}\b)?/i.exec(
      rest,
    ) ?? /(?<![\d.:])([01]\d|2[0-3])([0-5]\d)(?![\d.:])\s*(?:hrs?\s*)?()([A-Z]{2,4}\b)?/.exec(rest);
  if (!m) return undefined;
  let hh = Number(m[1]);
  const mm = Number(m[2]);
  // "16:05 Am Sonntag" is German, not a.m.: a meridiem only counts on a 12-hour clock.
  const ampm = hh >= 1 && hh <= 12 ? m[3]?.toLowerCase() : undefined;
  if (ampm?.startsWith('p') && hh < 12) hh += 12;
  if (ampm?.startsWith('a') && hh === 12) hh = 0;
  if (hh > 23 || mm > 59) return undefined;
  const zone = m[4]?.toUpperCase();
  return {
    minutes: hh * 60 + mm,
    date: found?.date,
    offset: zone && zone in ZONES ? ZONES[zone] : undefined,
  };
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The unit of a relative label's word, in any of the languages below. */
function unitOf(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^(s|secs?|seconds?|sek\.?|sekunden?|secondes?|segundos?|secondi|secondo)$/.test(w)) return UNIT_MS.s;
  if (/^(m|mins?\.?|minutes?|minuten?|minutos?|minuti|minuto)$/.test(w)) return UNIT_MS.m;
  if (/^(h|hrs?|hours?|std\.?|stunden?|heures?|horas?|ore|ora)$/.test(w)) return UNIT_MS.h;
  if (/^(d|days?|tag|tagen?|jours?|j|días?|dias?|giorni|giorno)$/.test(w)) return UNIT_MS.d;
  return undefined;
}

const COUNT = String.raw`(\d+|an?|one|einer?|einem|une?|una?|un)`;
const UNIT = String.raw`([a-zäéíì]+\.?)`;
const RELATIVE = [
  new RegExp(String.raw`\b${COUNT}\s*${UNIT}\s+ago\b`, 'i'),
  new RegExp(String.raw`\bvor\s+${COUNT}\s*${UNIT}`, 'i'),
  new RegExp(String.raw`\bil y a\s+${COUNT}\s*${UNIT}`, 'i'),
  new RegExp(String.raw`\bhace\s+${COUNT}\s*${UNIT}`, 'i'),
  // Italian elides: "un'ora fa".
  new RegExp(String.raw`\b${COUNT}\s*['’]?\s*${UNIT}\s+fa\b`, 'i'),
];
const JUST_NOW = /\b(just now|moments? ago|gerade eben|soeben|à l[’']instant|ahora mismo|adesso|poco fa)\b/i;

/** "40 min ago", "2h ago", "Just now", "vor 5 Minuten", "il y a 2 heures", "hace 3 horas": ms before now. */
export function relativeAge(label: string): number | undefined {
  if (JUST_NOW.test(label)) return 0;
  for (const re of RELATIVE) {
    const m = re.exec(label);
    if (!m) continue;
    const unit = unitOf(m[2]);
    if (unit === undefined) continue;
    const n = /^\d+$/.test(m[1]) ? Number(m[1]) : 1;
    return n * unit;
  }
  return undefined;
}

/**
 * A match minute as printed ("95'", "45+2'", "90'+4", "67′"): the minute of play, stoppage time apart.
 * A label, not a time of day: it becomes one only with the match's kick-off.
 */
export function matchMinute(label: string): { minute: number; added: number } | undefined {
  const t = label.trim();
  // "95'", "45+2'", "90'+4", "67′"; "Min. 88", "Min 45+2" (Spanish, Italian); "90.+3" (German, only with time added:
  // a bare "88." is a numbered list's too).
  const m =
    /^(\d{1,3})\s*(?:\+\s*(\d{1,2})\s*['’′]{1,2}|['’′]{1,2}\s*(?:\+\s*(\d{1,2}))?)$/.exec(t) ??
    /^min\.?\s*(\d{1,3})(?:\s*\+\s*(\d{1,2}))?()$/i.exec(t) ??
    /^(\d{1,3})\.\s*\+\s*(\d{1,2})()$/.exec(t);
  if (!m) return undefined;
  const minute = Number(m[1]);
  return minute <= 130 ? { minute, added: Number(m[2] || m[3] || 0) } : undefined;
}

/**
 * Kick-off plus the minutes played and the breaks before them: 15 minutes at half time, 5 before extra
 * time. Approximate by nature (stoppage time and breaks vary), and only as good as the kick-off.
 */
export function minuteTime(label: string, kickoff: number | undefined): string | undefined {
  const m = matchMinute(label);
  if (!m || kickoff === undefined) return undefined;
  const played = m.minute + m.added;
  // "45+2'" is still the first half, "90+4'" the second; 91' and on is extra time.
  const breaks = m.minute > 90 ? 20 : m.minute > 45 ? 15 : 0;
  return new Date(kickoff + (played + breaks) * 60_000).toISOString();
}

/** Relative labels are not stable across loads, so they never go into an update's id. */
export const isRelativeLabel = (label: string): boolean => relativeAge(label) !== undefined;

function isoOffset(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/**
 * A machine value as ISO 8601: epoch seconds or milliseconds, or an ISO date-time (one without a zone is
 * read in the page's zone). Undefined for anything else.
 */
export function machineTime(raw: string, clock: PageClock): string | undefined {
  const value = raw.trim();
  if (/^\d{9,13}$/.test(value)) {
    const n = Number(value);
    return new Date(value.length <= 10 ? n * 1000 : n).toISOString();
  }
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    value,
  );
  if (!m) return undefined;
  const zone = m[3] ?? isoOffset(clock.offset ?? 0);
  const t = Date.parse(
    `${m[1]}T${m[2] ?? '00:00'}${zone.length === 5 ? zone.slice(0, 3) + ':' + zone.slice(3) : zone}`,
  );
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** The date and time of day of an instant in the page's zone. */
function localParts(iso: string, offset: number): { date: string; minutes: number } {
  const local = new Date(Date.parse(iso) + offset * 60_000);
  return {
    date: local.toISOString().slice(0, 10),
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Dates a list of updates one after the other. Labels that print only a time of day take the date of the
 * update resolved before them, and cross midnight when the order says they must: walking back in time, an
 * update printed "23:50" after one printed "00:10" is from the day before. The walk starts from the page's
 * last modification (newest update) when the page states it, else from its publication (oldest update):
 * `walk` says which, and in which order the caller must feed the updates.
 */
export class Timeline {
  private last?: { date: string; minutes: number };
  /** True: feed the updates newest first. */
  readonly backward: boolean;

  constructor(private clock: PageClock) {
    this.backward = clock.modified !== undefined || clock.published === undefined;
  }

  /** Page positions in the order the updates must be fed, for a list of `count` in the given order. */
  walk(count: number, newestFirst: boolean): number[] {
    const order = Array.from({ length: count }, (_, i) => i);
    return this.backward === newestFirst ? order : order.reverse();
  }

  /** Tries each raw value in turn (machine values, relative labels, clock labels); the first that works wins. */
  resolve(raws: Array<string | undefined>): string | undefined {
    const offset = this.clock.offset ?? 0;
    for (const raw of raws) {
      if (!raw) continue;
      if (matchMinute(raw)) {
        // A minute of play: a time only from a stated kick-off, and never a time of day to date others by.
        const t = minuteTime(raw, this.clock.kickoff);
        if (t) return t;
        continue;
      }
      const exact = machineTime(raw, this.clock) ?? this.relative(raw);
      if (exact) {
        this.last = localParts(exact, offset);
        return exact;
      }
      const parts = parseLabel(raw);
      if (!parts) continue;
      let date = parts.date;
      if (!date && this.last) {
        const crossed = this.backward ? parts.minutes > this.last.minutes : parts.minutes < this.last.minutes;
        date = crossed ? shiftDate(this.last.date, this.backward ? -1 : 1) : this.last.date;
      }
      date ??= this.backward ? this.clock.date : this.clock.published;
      if (!date) continue;
      this.last = { date, minutes: parts.minutes };
      return toIso(date, parts.minutes, parts.offset ?? offset);
    }
    return undefined;
  }

  private relative(raw: string): string | undefined {
    const age = relativeAge(raw);
    if (age === undefined) return undefined;
    const now = this.clock.now ?? Date.now();
    // Whole minutes: the label is no finer, and ids never depend on it.
    return new Date(Math.floor((now - age) / 60_000) * 60_000).toISOString();
  }
}

function metaContent(doc: Document, selector: string): string | undefined {
  return doc.querySelector<HTMLMetaElement>(selector)?.content || undefined;
}

/** A stamp's date in its own zone, and that zone. */
function stampParts(stamp: string | null | undefined): { date: string; offset?: number } | undefined {
  const m = stamp && /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?/.exec(stamp.trim());
  if (!m) return undefined;
  if (!m[2]) return { date: m[1] };
  const offset =
    m[2] === 'Z' ? 0 : (m[2][0] === '-' ? -1 : 1) * (Number(m[2].slice(1, 3)) * 60 + Number(m[2].slice(-2)));
  const t = Date.parse(stamp!.trim());
  return { date: Number.isNaN(t) ? m[1] : localParts(new Date(t).toISOString(), offset).date, offset };
}

/** The page's dates and zone, from its metadata (Open Graph, schema.org, <time>), and its load time. */
export function pageClock(doc: Document, now = Date.now()): PageClock {
  const modified = stampParts(
    metaContent(doc, 'meta[property="article:modified_time"], meta[itemprop="dateModified"]'),
  );
  const published = stampParts(
    metaContent(
      doc,
      'meta[property="article:published_time"], meta[itemprop="datePublished"], meta[name="date"]',
    ) ?? (modified ? undefined : doc.querySelector('time[datetime]')?.getAttribute('datetime')),
  );
  return {
    date: modified?.date ?? published?.date,
    modified: modified?.date,
    published: published?.date,
    offset: modified?.offset ?? published?.offset,
    now,
    kickoff: kickoffOf(doc),
  };
}

/**
 * The kick-off of the match a page covers, when it states one in schema.org data: a SportsEvent's
 * `startDate` (JSON-LD or microdata), with a time of day. A page without one gets no times for minutes.
 */
export function kickoffOf(doc: Document): number | undefined {
  const fromValue = (v: unknown): number | undefined => {
    if (typeof v !== 'string' || !/T\d{2}:\d{2}/.test(v)) return undefined;
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  };
  const visit = (node: unknown, depth: number): number | undefined => {
    if (!node || typeof node !== 'object' || depth > 5) return undefined;
    if (Array.isArray(node)) {
      for (const n of node) {
        const t = visit(n, depth + 1);
        if (t !== undefined) return t;
      }
      return undefined;
    }
    const obj = node as Record<string, unknown>;
    const types = (Array.isArray(obj['@type']) ? obj['@type'] : [obj['@type']]).map(String);
    if (types.some((t) => /SportsEvent$/.test(t))) {
      const t = fromValue(obj.startDate);
      if (t !== undefined) return t;
    }
    for (const key of ['@graph', 'about', 'mainEntity', 'subjectOf']) {
      const t = key in obj ? visit(obj[key], depth + 1) : undefined;
      if (t !== undefined) return t;
    }
    return undefined;
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? '';
    if (!jsonMayHold(text, 'SportsEvent')) continue;
    try {
      const t = visit(JSON.parse(text), 0);
      if (t !== undefined) return t;
    } catch {
      // Broken JSON-LD says nothing.
    }
  }
  const item = doc.querySelector('[itemscope][itemtype*="SportsEvent"] [itemprop="startDate"]');
  return fromValue(item?.getAttribute('content') ?? item?.getAttribute('datetime'));
}

/** The page's publication time, for a hand-written ticker's "ORIGINAL ENTRY". */
export function publishedTime(doc: Document): string | undefined {
  const raw = metaContent(doc, 'meta[property="article:published_time"], meta[itemprop="datePublished"]');
  if (!raw) return undefined;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
