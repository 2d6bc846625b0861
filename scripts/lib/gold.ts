/**
 * The gold the project evaluates on, and mention-level scoring: WikiGold (CoNLL, CC-BY 4.0), our own texts
 * in tests/fixtures/gold (dev and held-out test splits) and the seed page. Used by `npm run eval`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kind } from '../../src/detect';
import { parseGold, type GoldSpan } from '../../tests/fixtures/gold/format';

export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const GOLD_DIR = fileURLToPath(new URL('../../tests/fixtures/gold/', import.meta.url));

export type Label = Kind | 'misc';
export interface Span {
  start: number;
  end: number;
  kind: Label;
}
export interface Doc {
  name: string;
  blocks: Array<{ text: string; spans: Span[] }>;
}
/** A system: blocks of one document in, spans per block out. */
export type System = (blocks: string[]) => Span[][];

export class Score {
  tp = 0;
  fp = 0;
  fn = 0;
  utp = 0;
  ufp = 0;
  ufn = 0;
  add(o: Score) {
    this.tp += o.tp;
    this.fp += o.fp;
    this.fn += o.fn;
    this.utp += o.utp;
    this.ufp += o.ufp;
    this.ufn += o.ufn;
  }
  static prf(tp: number, fp: number, fn: number) {
    const p = tp + fp ? tp / (tp + fp) : 0;
    const r = tp + fn ? tp / (tp + fn) : 0;
    return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
  }
  get typed() {
    return Score.prf(this.tp, this.fp, this.fn);
  }
  get untyped() {
    return Score.prf(this.utp, this.ufp, this.ufn);
  }
}

export const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
export const fmt = (s: Score) => {
  const t = s.typed;
  const u = s.untyped;
  return `typed P ${pct(t.p)} R ${pct(t.r)} F1 ${pct(t.f)} | untyped P ${pct(u.p)} R ${pct(u.r)} F1 ${pct(u.f)}`;
};

/** Mention-level exact-span scoring; exact matches of MISC spans count neither way. */
export function scoreSpans(gold: Span[], found: Span[], text: string, errors: string[]): Score {
  const s = new Score();
  const at = new Map(gold.map((g) => [`${g.start}:${g.end}`, g]));
  const matched = new Set<string>();
  for (const f of found) {
    const id = `${f.start}:${f.end}`;
    const g = at.get(id);
    if (g?.kind === 'misc') continue;
    if (g) {
      matched.add(id);
      s.utp++;
      if (g.kind === f.kind) s.tp++;
      else {
        s.fp++;
        s.fn++;
        errors.push(`  kind  ${text.slice(f.start, f.end)}: ${f.kind}, gold ${g.kind}`);
      }
    } else {
      s.fp++;
      s.ufp++;
      errors.push(`  extra ${text.slice(f.start, f.end)} (${f.kind})`);
    }
  }
  for (const g of gold) {
    if (g.kind === 'misc' || matched.has(`${g.start}:${g.end}`)) continue;
    s.fn++;
    s.ufn++;
    errors.push(`  miss  ${text.slice(g.start, g.end)} (${g.kind})`);
  }
  return s;
}

// --- WikiGold -----------------------------------------------------------------------------------------
const NO_SPACE_BEFORE = /^(?:[.,;:!?)\]}%]|'s|'|n't|'re|'ve|'ll|'d|'m)$/;
const LABELS: Record<string, Label> = { PER: 'person', ORG: 'organization', LOC: 'place', MISC: 'misc' };

/** WikiGold's 145 articles, each sentence one block, detokenised the way prose is written. */
export function wikigold(): Doc[] {
  return conll(`${SHARED}data/wikigold/wikigold.conll.txt`, 'wikigold');
}

/** A CoNLL file (token first, tag last; `-DOCSTART-` between documents): documents named `<prefix>#<n>`. */
export function conll(file: string, prefix: string): Doc[] {
  const raw = readFileSync(file, 'utf8');
  const docs: Doc[] = [];
  let sentences: Array<Array<[string, string]>> = [];
  let sentence: Array<[string, string]> = [];
  const flushDoc = () => {
    if (sentence.length) sentences.push(sentence);
    sentence = [];
    if (sentences.length) docs.push(toDoc(`${prefix}#${docs.length + 1}`, sentences));
    sentences = [];
  };
  for (const line of raw.split('\n')) {
    if (line.startsWith('-DOCSTART-')) flushDoc();
    else if (!line.trim()) {
      if (sentence.length) sentences.push(sentence);
      sentence = [];
    } else {
      sentence.push([
        line.slice(0, line.indexOf(' ')),
        line.slice(line.lastIndexOf(' ') + 1).replace(/^0$/, 'O'),
      ]);
    }
  }
  flushDoc();
  return docs;
}

function toDoc(name: string, sentences: Array<Array<[string, string]>>): Doc {
  return {
    name,
    blocks: sentences.map((tokens) => {
      let text = '';
      const spans: Span[] = [];
      let open: Span | null = null;
      let prevTag = 'O';
      for (const [tok, tag] of tokens) {
        if (text && !NO_SPACE_BEFORE.test(tok) && !text.endsWith('(')) text += ' ';
        const start = text.length;
        text += tok;
        const type = tag === 'O' ? '' : tag.slice(2);
        const continues = open && tag.startsWith('I-') && prevTag !== 'O' && prevTag.slice(2) === type;
        if (continues) open!.end = text.length;
        else {
          if (open) spans.push(open);
          open = type ? { start, end: text.length, kind: LABELS[type] } : null;
        }
        prevTag = tag;
      }
      if (open) spans.push(open);
      return { text, spans };
    }),
  };
}

// --- Our gold -----------------------------------------------------------------------------------------
/** Our own gold texts of one split: `dev` (developed on) or `test` (held out, never tuned on). */
export function ownGold(split: 'dev' | 'test'): Doc[] {
  return readdirSync(GOLD_DIR)
    .filter((f) => f.startsWith(`${split}-`) && f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const paragraphs = readFileSync(GOLD_DIR + f, 'utf8')
        .split(/\n\s*\n/)
        .filter((p) => p.trim());
      return {
        name: f,
        blocks: paragraphs.map((p) => {
          const { text, spans } = parseGold(p.trim());
          return {
            text,
            spans: spans.map((s: GoldSpan) => ({ start: s.start, end: s.end, kind: LABELS[s.label] })),
          };
        }),
      };
    });
}
