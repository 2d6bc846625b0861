/**
 * The learned last word on a resolved mention's kind: an averaged perceptron over the rules' verdict and
 * the words in and around the name (person, organization, place, or none: not a name the page means).
 * Trained by `npm run train:retype` (scripts/train-retype.ts) on CoNLL-2003's training documents that
 * `npm run eval` does not hold out, plus our own dev gold; weights in data/retype.json. Its scores are
 * summed over every mention of one surface on the page, so a name keeps one kind.
 */
import { fold } from './text';
import type { Kind } from './types';

export type Label = Kind | 'none';
export const LABELS: readonly Label[] = ['person', 'organization', 'place', 'none'];

/** Weights as stored: classes in LABELS order, integers (scaled). */
export interface RetypeModel {
  weights: Map<string, Int16Array | number[]>;
  /** How much more the model must favour another label than the rules' kind to overrule them. */
  margin: number;
  /** ... and to give it another kind. */
  kindMargin: number;
}

/** What the rules knew about one mention when they typed it. */
export interface MentionFacts {
  text: string;
  start: number;
  end: number;
  /** The rules' final kind, and the candidate's own before the page's vote. */
  kind: Kind;
  candidateKind: Kind;
  strength: number;
  guess: boolean;
  subkind?: string;
  entryKind?: Kind;
  entrySubkind?: string;
  /** Stands for a longer name on the page (a surname, an acronym). */
  alias: boolean;
  acronym: boolean;
  initial: boolean;
  words: number;
  /** The page's vote: which kinds any mention of this surface got. */
  voted: string;
  /** Mentions of this surface on the page. */
  count: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.&-]*|[^\s\p{L}\p{N}]/gu;

/** Up to `n` words or marks before `at`, nearest first. */
function before(text: string, at: number, n: number): string[] {
  const from = Math.max(0, at - 48);
  const parts = text.slice(from, at).match(WORD) ?? [];
  // The first part may be cut by the window: drop it unless the window starts the text.
  if (from > 0 && parts.length) parts.shift();
  const out: string[] = [];
  for (let i = parts.length - 1; i >= 0 && out.length < n; i--) out.push(parts[i]);
  while (out.length < n) out.push('<s>');
  return out;
}

function after(text: string, at: number, n: number): string[] {
  const parts = text.slice(at, at + 48).match(WORD) ?? [];
  const out = parts.slice(0, n);
  while (out.length < n) out.push('</s>');
  return out;
}

const shape = (w: string) =>
  w
    .replace(/\p{Lu}+/gu, 'A')
    .replace(/\p{Ll}+/gu, 'a')
    .replace(/\d+/g, '0')
    .slice(0, 6);

const lower = (w: string) => (/\d/.test(w) ? shape(w) : fold(w));

/**
 * What one code unit adds to blockShape's counts, packed: digits in bits 0-9, letters in 10-19, capitals in
 * 20-29 (at most 400 units are read, so no field overflows). A table read and an add per unit: no branch
 * to mispredict on every change between letters, spaces and digits.
 */
const SHAPE_COUNTS = new Int32Array(128);
for (let c = 48; c <= 57; c++) SHAPE_COUNTS[c] = 1;
for (let c = 65; c <= 90; c++) SHAPE_COUNTS[c] = (1 << 10) | (1 << 20);
for (let c = 97; c <= 122; c++) SHAPE_COUNTS[c] = 1 << 10;

/** The block's make-up: a line of a results table reads differently from prose. */
function blockShape(text: string): string {
  let counts = 0;
  const n = Math.min(text.length, 400);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) counts += SHAPE_COUNTS[c];
  }
  const digits = counts & 1023;
  const letters = (counts >>> 10) & 1023;
  const upper = counts >>> 20;
  const d = digits * 4 > letters ? 'num' : digits * 12 > letters ? 'some' : 'prose';
  const u = upper * 2 > letters ? 'caps' : 'mixed';
  return `${d}|${u}|${text.length < 60 ? 'short' : 'long'}`;
}

/** Feature names of one mention in its block's text. */
export function features(m: MentionFacts, text: string, shapeOfBlock: string): string[] {
  const words = m.text.split(' ');
  const first = words[0];
  const last = words[words.length - 1];
  const [p1, p2] = before(text, m.start, 2);
  const [n1, n2] = after(text, m.end, 2);
  const k = m.kind;
  const f = [
    'b',
    `k=${k}`,
    `ck=${m.candidateKind}`,
    `s=${m.strength}${m.guess ? 'g' : ''}|${k}`,
    `sub=${m.subkind ?? '-'}|${k}`,
    `e=${m.entryKind ?? '-'}|${m.entrySubkind ?? '-'}`,
    `v=${m.voted}`,
    `a=${m.alias ? 1 : 0}${m.acronym ? 1 : 0}${m.initial ? 1 : 0}|${k}`,
    `n=${Math.min(m.words, 4)}|${k}`,
    `c=${m.count > 4 ? 5 : m.count}`,
    `blk=${shapeOfBlock}`,
    `blk=${shapeOfBlock}|${k}`,
    `sh=${shape(m.text)}`,
    `w0=${lower(first)}`,
    `wl=${lower(last)}`,
    `suf=${fold(last.slice(-3))}`,
    `p1=${lower(p1)}`,
    `p1=${lower(p1)}|${k}`,
    `p2=${lower(p2)}|${lower(p1)}`,
    `n1=${lower(n1)}`,
    `n1=${lower(n1)}|${k}`,
    `n2=${lower(n1)}|${lower(n2)}`,
    `pn=${shape(p1)}|${shape(n1)}`,
  ];
  if (words.length > 1) f.push(`all=${fold(m.text)}`);
  for (let i = 1; i < words.length - 1 && i < 4; i++) f.push(`wi=${lower(words[i])}`);
  return f;
}

export { blockShape };

/**
 * Blocks the model has a say in: tables, results lines and capitalised lines, the wire formats the rules
 * read worst. Prose stays with the rules: on our own prose (dev gold, a validation set) and on the unit
 * tests' sentences the model's verdicts were worse than the rules'; on Reuters' tables far better.
 */
export const appliesTo = (shape: string) => shape.startsWith('num') || shape.includes('caps');

/** Scores per class, added into `into`. */
export function score(model: RetypeModel, feats: string[], into: Float64Array): void {
  for (const f of feats) {
    const w = model.weights.get(f);
    if (!w) continue;
    for (let c = 0; c < LABELS.length; c++) into[c] += w[c];
  }
}

/** The stored form: `{ "scale": n, "w": { feature: [person, organization, place, none] } }`. */
export function loadModel(json: {
  margin: number;
  kindMargin: number;
  w: Record<string, number[]>;
}): RetypeModel {
  const weights = new Map<string, Int16Array | number[]>();
  for (const [f, w] of Object.entries(json.w)) weights.set(f, w);
  return {
    weights,
    margin: json.margin,
    kindMargin: json.kindMargin,
  };
}

/** The label for summed scores: the model's best, if it beats the rules' kind by the model's margin. */
export function decide(model: RetypeModel, sum: Float64Array, rules: Kind, strength: number): Label {
  const r = LABELS.indexOf(rules);
  const none = LABELS.length - 1;
  let best = 0;
  for (let i = 1; i < none; i++) if (sum[i] > sum[best]) best = i;
  // A name a cue, a title, a list or the gazetteer vouches for stays a name; the strongest evidence (a
  // definition, the gazetteer, a side read from a results line) keeps its kind too.
  if (strength >= 3) return rules;
  if (sum[none] > sum[best] && sum[none] - sum[r] > model.margin) return strength >= 2 ? rules : 'none';
  return sum[best] - sum[r] > model.kindMargin ? LABELS[best] : rules;
}
