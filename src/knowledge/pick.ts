/**
 * Picking the right Wikipedia article for a name from the page's context: what kind of thing it is, the
 * countries and places around it, the roles the page gives it. Pure functions; lookup.ts does the fetching.
 */
import type { Kind } from '../detect/types';
import { distanceKm } from './geo';
import { nameKey } from './normalize';
import type { SearchHit } from './wikipedia';

const KIND_WORDS: Record<Kind, RegExp> = {
  person:
    /\b(politician|president|minister|diplomat|journalist|reporter|photographer|actor|actress|singer|writer|author|businessman|businesswoman|lawyer|judge|general|officer|commander|leader|activist|footballer|scholar|academic|historian|professor|king|queen|prince|princess|monarch|emir|sultan|cleric|imam|ayatollah|militant|spokesperson|official|secretary|ambassador|envoy|born\s+\d{4})\b|\(\s*(?:born\s+)?\d{4}\s*[–-]|\b\d{4}\s*[–-]\s*\d{4}\b/i,
  organization:
    /\b(organi[sz]ation|group|party|agency|company|corporation|militia|army|armed forces|military|forces|movement|news|newspaper|broadcaster|channel|network|coalition|alliance|council|ministry|department|union|front|brigade|faction|government|intergovernmental|institution|university|charity|observatory|committee|commission|office)\b/i,
  place:
    /\b(city|town|village|country|capital|state in|province|governorate|district|region|municipality|island|river|mountain|neighbou?rhood|suburb|area|territory|sovereign state|nation|airbase|air base)\b/i,
};

/** +1 when a description reads like the kind, −1 when it reads like another kind only, 0 when unclear. */
export function kindFit(description: string | undefined, kind: Kind): number {
  if (!description) return 0;
  if (KIND_WORDS[kind].test(description)) return 1;
  return (Object.keys(KIND_WORDS) as Kind[]).some((k) => k !== kind && KIND_WORDS[k].test(description))
    ? -1
    : 0;
}

/** Title variants for a name, most likely first: a province is a "Governorate" in the Arab world. */
export function titleVariants(name: string, countryCodes: Set<string> = new Set()): string[] {
  const out = [name];
  const m = /^(.+?)\s+(province|governorate)$/i.exec(name);
  if (m) {
    const arab = ['SY', 'IQ', 'JO', 'LB', 'EG', 'SA', 'YE', 'KW', 'BH', 'OM', 'PS'].some((c) =>
      countryCodes.has(c),
    );
    out.push(
      ...(arab ? [`${m[1]} Governorate`, `${m[1]} Province`] : [`${m[1]} Province`, `${m[1]} Governorate`]),
    );
  }
  return [...new Set(out)].slice(0, 3);
}

export interface PickContext {
  name: string;
  kind: Kind;
  roles: string[];
  /** Country names and demonyms named on the page ("Syria", "Syrian", "Turkey", "Turkish"). */
  countryWords: string[];
  /** The page's places, for coordinates. */
  places: Array<{ lat: number; lon: number }>;
}

const STOP = new Set(['the', 'of', 'and', 'for', 'in', 'on', 'a', 'an', 'to']);

/** How well a search hit fits the name in this page's context. */
export function scoreHit(hit: SearchHit, ctx: PickContext): number {
  if (hit.disambiguation) return -Infinity;
  let s = 0;
  const title = nameKey(hit.title.replace(/\s*\(.*\)$/, ''));
  const name = nameKey(ctx.name);
  if (title === name) s += 1.5;
  else if (title.includes(name) || name.includes(title)) s += 0.75;
  else if (name.split(' ').every((w) => title.split(' ').includes(w))) s += 0.5;
  s += kindFit(hit.description, ctx.kind) * 1.5;
  const desc = hit.description ?? '';
  s += Math.min(
    2,
    ctx.countryWords.filter((w) =>
      new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(desc),
    ).length,
  );
  const roleWords = new Set(
    ctx.roles.flatMap((r) => nameKey(r).split(' ')).filter((w) => w.length > 2 && !STOP.has(w)),
  );
  const descWords = new Set(nameKey(desc).split(' '));
  s += Math.min(1, [...roleWords].filter((w) => descWords.has(w)).length * 0.5);
  if (hit.coordinates && ctx.places.some((p) => distanceKm(p, hit.coordinates!) < 400)) s += 1;
  return s - (hit.index - 1) * 0.15;
}

export interface Ranked {
  best?: SearchHit;
  /** Unsure: the best is weak, or the next is close behind. */
  unsure: boolean;
  candidates: SearchHit[];
}

export function rankHits(hits: SearchHit[], ctx: PickContext): Ranked {
  const scored = hits
    .map((hit) => ({ hit, score: scoreHit(hit, ctx) }))
    .filter((x) => x.score > -Infinity)
    .sort((a, b) => b.score - a.score);
  if (!scored.length) return { unsure: true, candidates: [] };
  const [first, second] = scored;
  const unsure = first.score < 2 || (second !== undefined && first.score - second.score < 1);
  return { best: first.hit, unsure, candidates: scored.slice(0, 5).map((x) => x.hit) };
}
