/**
 * A first, simple detector: capitalised sequences classified by country data, titles and organisation
 * cues, with surname aliases resolved across the page. Issue 3 replaces it with the real engine behind
 * the same PageDetector interface.
 */
import countries from './data/countries.json';
import type { EntitySummary, Kind, Mention, PageDetector, PageEntities } from './types';

const PLACES = new Map<string, { subkind: string; code: string; lat: number; lon: number }>();
for (const c of countries) {
  for (const n of [c.name, ...c.alt]) PLACES.set(n, { subkind: 'country', code: c.code, lat: c.lat, lon: c.lon });
  if (c.capital) PLACES.set(c.capital, { subkind: 'city', code: c.code, lat: c.lat, lon: c.lon });
}
const DEMONYMS = new Set(countries.flatMap((c) => c.demonyms));

const TITLES = /(?:^|\s)((?:(?:Foreign|Prime|Defense|Defence|Interior)\s+Minister|President(?:-elect)?|Ambassador|Minister|Secretary|Senator|General|King|Queen|Chancellor|Professor|Dr\.?)\s*)$/;
const ORG_CUES = new Set(['Department', 'Ministry', 'Forces', 'Army', 'News', 'University', 'Council', 'Party', 'Agency', 'Times', 'Post', 'Statesman', 'Today', 'Front', 'Brigade', 'Corporation', 'Bank', 'Committee', 'Commission', 'Union', 'Organization', 'Organisation']);
const KNOWN_ORGS = new Set(['Reuters', 'Hezbollah', 'ISIS', 'Daesh', 'NATO', 'U.N.', 'UN', 'EU', 'YPG', 'PKK', 'FSA', 'RT', 'BBC', 'CNN', 'Guardian']);
const ALIASES: Record<string, string> = { Daesh: 'ISIS', 'Islamic State': 'ISIS', UN: 'U.N.', US: 'United States', 'U.S.': 'United States' };
const STOP = new Set(['The', 'A', 'An', 'It', 'These', 'This', 'That', 'He', 'She', 'They', 'We', 'I', 'In', 'On', 'At', 'But', 'And', 'Or', 'If', 'As', 'After', 'Before', 'Since', 'While', 'Far', 'Less', 'Ten', 'Four', 'Today', 'UPDATE', 'GMT', 'PHOTO', 'ORIGINAL', 'ENTRY', 'Report', 'Opinion', 'Jump', 'Previous', 'Earlier', 'Residents', 'Rebels', 'Professor', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'President', 'Minister', 'Prime', 'Foreign', 'Cabinet', 'Parliament', 'Don’t', 'Well-informed', 'Related', 'Posts', 'Leave', 'Comment', 'Total', 'War', 'Original', 'Entry', 'Pro-Assad']);
const PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'van', 'von', 'de', 'da', 'di', 'du', 'der', 'la', 'le', 'of', 'the', 'on', 'for']);

// A capitalised word, with inner hyphens/apostrophes/dots (Jean-Marc, U.N., al-Bab).
const WORD = /[\p{Lu}][\p{L}\p{M}’'.-]*[\p{L}\p{M}.]|[\p{Lu}]|(?:al|el)-[\p{Lu}][\p{L}\p{M}-]*/gu;

interface Span {
  start: number;
  end: number;
  text: string;
  kind: Kind;
  subkind?: string;
  role?: string;
}

function classify(text: string, before: string): Omit<Span, 'start' | 'end' | 'text'> | null {
  const words = text.split(/\s+/);
  const last = words[words.length - 1];
  const place = PLACES.get(text);
  if (place) return { kind: 'place', subkind: place.subkind };
  if (KNOWN_ORGS.has(text) || ALIASES[text] === 'ISIS') return { kind: 'organization' };
  if (text === 'US' || text === 'U.S.') return { kind: 'place', subkind: 'country' };
  if (ORG_CUES.has(last) || words[0] === 'University') return { kind: 'organization' };
  if (/^[A-Z](?:\.?[A-Z]){1,5}\.?$/.test(text)) return { kind: 'organization' };
  const title = TITLES.exec(before);
  if (title) return { kind: 'person', role: title[1].trim() };
  // Two or three capitalised words none of which is a known place or a common heading word: a person.
  if (words.length >= 2 && words.length <= 4 && !words.some((w) => PLACES.has(w) || STOP.has(w) || ORG_CUES.has(w))) {
    return { kind: 'person' };
  }
  return null;
}

function spansOf(text: string): Span[] {
  const spans: Span[] = [];
  const words = [...text.matchAll(WORD)];
  let i = 0;
  while (i < words.length) {
    let j = i;
    let end = words[i].index! + words[i][0].length;
    // Extend over following capitalised words, allowing one particle between them.
    while (j + 1 < words.length) {
      const gap = text.slice(end, words[j + 1].index);
      const particle = gap.trim();
      const prev = words[j][0];
      // A word ending in a full stop ends the name unless it is an initialism ("U.S.", "Jr.").
      if (prev.endsWith('.') && !/^(?:[A-Z]\.)+$|^(?:Jr|Sr|St|Dr|Mr|Mrs|Ms)\.$/.test(prev)) break;
      if (gap === ' ' || (gap.length < 6 && PARTICLES.has(particle.toLowerCase()) && /^\s\S+\s$/.test(gap))) {
        j++;
        end = words[j].index! + words[j][0].length;
      } else break;
    }
    let start = words[i].index!;
    let surface = text.slice(start, end).replace(/[.’']+$/, (m) => (/^[A-Z](\.[A-Z])+\.$/.test(text.slice(start, end)) ? m : ''));
    // Strip stop-words at the edges ("The New Statesman" keeps "New Statesman"; "ISIS-held" → "ISIS").
    const parts = surface.split(' ');
    while (parts.length && STOP.has(parts[0])) {
      start += parts[0].length + 1;
      parts.shift();
    }
    while (parts.length && STOP.has(parts[parts.length - 1])) parts.pop();
    surface = parts.join(' ');
    // Titles and demonyms before a name are its role, not part of it.
    const lead = /^((?:(?:\p{Lu}\p{L}+) )*?(?:Foreign Affairs Minister|Foreign Minister|Prime Minister|President(?:-elect)?|Ambassador|Minister|Secretary|General|Professor))\s(?=\p{Lu})/u.exec(surface);
    let role: string | undefined;
    if (lead) {
      role = lead[1];
      start += lead[0].length;
      surface = surface.slice(lead[0].length);
    }
    const hyphen = /^(?:pro-|anti-)?(.+?)(?:-(?:held|led|backed|supported|rebel))?$/i.exec(surface);
    if (hyphen && hyphen[1] !== surface && !/^(?:al|el)-/i.test(surface)) {
      start += surface.indexOf(hyphen[1]);
      surface = hyphen[1];
    }
    if (surface && !STOP.has(surface) && !DEMONYMS.has(surface)) {
      const cls = classify(surface, text.slice(Math.max(0, start - 40), start));
      if (cls && role && cls.kind !== 'place') spans.push({ start, end: start + surface.length, text: surface, kind: 'person', role });
      else if (cls) spans.push({ start, end: start + surface.length, text: surface, ...cls });
    }
    i = j + 1;
  }
  return spans;
}

export function createSimpleDetector(): PageDetector {
  const blocks: Array<{ text: string; spans: Span[] }> = [];
  return {
    add(text: string): number {
      blocks.push({ text, spans: spansOf(text) });
      return blocks.length - 1;
    },
    resolve(): PageEntities {
      const entities = new Map<string, EntitySummary>();
      const surnames = new Map<string, string>();
      const keyOf = (s: Span) => (ALIASES[s.text] ?? s.text).toLowerCase();
      const all = blocks.flatMap((b) => b.spans);
      for (const s of all) {
        if (s.kind === 'person' && s.text.includes(' ') && !PLACES.has(s.text.split(' ').pop()!)) surnames.set(s.text.split(' ').pop()!, keyOf(s));
      }
      const out: Mention[][] = blocks.map((b) =>
        b.spans.flatMap((s) => {
          const key = surnames.get(s.text) ?? keyOf(s);
          const existing = entities.get(key);
          const kind = existing?.kind ?? (surnames.has(s.text) ? 'person' : s.kind);
          if (!existing) {
            entities.set(key, { key, name: s.text, kind, subkind: s.subkind, aliases: [s.text], roles: s.role ? [s.role] : [], count: 1 });
          } else {
            existing.count++;
            if (!existing.aliases.includes(s.text)) existing.aliases.push(s.text);
            if (s.text.length > existing.name.length && !ALIASES[s.text]) existing.name = s.text;
            if (s.role && !existing.roles.includes(s.role)) existing.roles.push(s.role);
          }
          return [{ start: s.start, end: s.end, kind, key }];
        }),
      );
      return { blocks: out, entities };
    },
  };
}
