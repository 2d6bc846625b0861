/**
 * Trains the re-typer (src/detect/retype.ts) and writes src/detect/data/retype.json.
 *
 * Training data: CoNLL-2003's training split (../shared/data/conll2003/train.txt) without the documents
 * `npm run eval` holds out (#5, #10, …: every fifth), and our own dev gold (tests/fixtures/gold/dev-*).
 * Never WikiGold, never the held-out CoNLL documents, never our test gold. Each mention the rules resolve
 * is an example: its gold kind when a gold span has exactly its offsets, else `none` (an extra or a wrong
 * span; a MISC span is no example: the scores count it neither way).
 *
 *   npm run train:retype                 write the weights
 *   npm run train:retype -- --validate   train on 3/4 of the development documents, score the other 1/4
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lexicon } from '../src/detect/lexicon';
import { resolveCandidates } from '../src/detect/resolve';
import { appliesTo, blockShape, decide as retypeDecide, LABELS, type Label } from '../src/detect/retype';
import type { Kind } from '../src/detect/types';
import { scanBlock } from '../src/detect/scan';
import { conll, type Doc, ownGold, SHARED } from './lib/gold';

const args = new Set(process.argv.slice(2));
const validate = args.has('--validate');
const EPOCHS = Number([...args].find((a) => a.startsWith('--epochs='))?.slice(9) ?? 8);
/**
 * The stored weights are integers, the largest 100; smaller than MIN_WEIGHT are dropped (chosen with
 * `--validate`: 5,000 features score as well as 15,000).
 */
const SCALE = 100;
const MIN_WEIGHT = 8;
/**
 * Margins by which the model must beat the rules' kind to drop a mention or retype it, chosen with
 * `--validate` as the best sum of F1 over both validation sets.
 */
const MARGIN = 0;
const KIND_MARGIN = 0;

const docNumber = (d: Doc) => Number(d.name.slice(d.name.indexOf('#') + 1));
const conllDocs = conll(`${SHARED}data/conll2003/train.txt`, 'conll-train').filter(
  (d) => docNumber(d) % 5 !== 0,
);
const own = ownGold('dev');
const trainDocs = validate ? conllDocs.filter((d) => docNumber(d) % 5 !== 4) : [...conllDocs, ...own];
/** Validation: the fifth of the development documents not trained on, and our own dev gold (other prose). */
const testSets: Array<[string, Doc[]]> = validate
  ? [
      ['CoNLL development, #4, #9, …', conllDocs.filter((d) => docNumber(d) % 5 === 4)],
      ['own dev gold', own],
    ]
  : [];
const goldCount = (docs: Doc[]) =>
  docs.reduce(
    (n, d) => n + d.blocks.reduce((m, b) => m + b.spans.filter((s) => s.kind !== 'misc').length, 0),
    0,
  );

interface Example {
  feats: string[];
  label: number;
  /** The rules' kind. */
  rules: number;
  alias: boolean;
  strength: number;
  /** Whether the model has a say in its block (see `appliesTo`). */
  applies: boolean;
  /** Surface on its page, for the page-level sum. */
  group: string;
  /** Gold kind of the exact span, if any (for scoring). */
  gold?: Label | 'misc';
}

const lex = lexicon();
function examples(docs: Doc[]): Example[] {
  const out: Example[] = [];
  docs.forEach((doc, d) => {
    const texts = doc.blocks.map((b) => b.text);
    const blocks = texts.map((t) => scanBlock(t, lex));
    resolveCandidates(blocks, {
      texts,
      onFacts(b, facts, feats) {
        const applies = appliesTo(blockShape(doc.blocks[b].text));
        const g = doc.blocks[b].spans.find((s) => s.start === facts.start && s.end === facts.end);
        // A MISC span counts neither way in the scores: no example either way.
        if (g?.kind === 'misc') return;
        const label: Label = g ? g.kind : 'none';
        out.push({
          feats,
          label: LABELS.indexOf(label),
          rules: LABELS.indexOf(facts.kind),
          alias: facts.alias,
          strength: facts.strength,
          applies,
          group: `${d}|${facts.text.toLowerCase()}`,
          gold: g?.kind,
        });
      },
    });
  });
  return out;
}

function train(data: Example[]): Map<string, Float64Array> {
  const w = new Map<string, Float64Array>();
  const total = new Map<string, Float64Array>();
  const stamp = new Map<string, number>();
  let t = 0;
  const get = (m: Map<string, Float64Array>, f: string) => {
    let v = m.get(f);
    if (!v) m.set(f, (v = new Float64Array(LABELS.length)));
    return v;
  };
  // Lazy averaging: total += w * (time since last update), flushed on update and at the end.
  const touch = (f: string) => {
    const last = stamp.get(f) ?? 0;
    if (last < t) {
      const wf = get(w, f);
      const tf = get(total, f);
      for (let c = 0; c < LABELS.length; c++) tf[c] += wf[c] * (t - last);
      stamp.set(f, t);
    }
  };
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errors = 0;
    for (const i of order) {
      const ex = data[i];
      t++;
      const s = new Float64Array(LABELS.length);
      for (const f of ex.feats) {
        const wf = w.get(f);
        if (wf) for (let c = 0; c < LABELS.length; c++) s[c] += wf[c];
      }
      let best = 0;
      for (let c = 1; c < LABELS.length; c++) if (s[c] > s[best]) best = c;
      if (best !== ex.label) {
        errors++;
        for (const f of ex.feats) {
          touch(f);
          const wf = get(w, f);
          wf[ex.label] += 1;
          wf[best] -= 1;
        }
      }
    }
    console.error(`epoch ${epoch + 1}: ${errors} errors of ${data.length}`);
  }
  t++;
  const avg = new Map<string, Float64Array>();
  for (const f of w.keys()) {
    touch(f);
    const tf = total.get(f)!;
    avg.set(
      f,
      tf.map((x) => x / t),
    );
  }
  return avg;
}

function quantize(avg: Map<string, Float64Array>): Record<string, number[]> {
  // Weights relative to the largest bias-like magnitude, as small integers.
  let max = 0;
  for (const v of avg.values()) for (const x of v) max = Math.max(max, Math.abs(x));
  const out: Record<string, number[]> = {};
  for (const f of [...avg.keys()].sort()) {
    const q = [...avg.get(f)!].map((x) => Math.round((x / max) * SCALE));
    if (q.every((x) => Math.abs(x) < MIN_WEIGHT)) continue;
    out[f] = q;
  }
  return out;
}

const MARGINS = [0, 40, 80, 160, 320, 1e9];
const decide = (s: Float64Array, rules: number, none: number, kind: number, strength: number) =>
  LABELS.indexOf(
    retypeDecide({ weights: new Map(), margin: none, kindMargin: kind }, s, LABELS[rules] as Kind, strength),
  );

/** Mention-level score of the examples as `npm run eval` counts it, with and without the model. */
function evaluate(data: Example[], gold: number, weights: Record<string, number[]>): void {
  const sums = new Map<string, Float64Array>();
  for (const ex of data) {
    let s = sums.get(ex.group);
    if (!s) sums.set(ex.group, (s = new Float64Array(LABELS.length)));
    for (const f of ex.feats) {
      const wf = weights[f];
      if (wf) for (let c = 0; c < LABELS.length; c++) s[c] += wf[c];
    }
  }
  const tally = (pick: (ex: Example) => number) => {
    let tp = 0;
    let fp = 0;
    for (const ex of data) {
      if (ex.gold === 'misc') continue;
      const p = pick(ex);
      if (LABELS[p] === 'none') continue;
      if (ex.gold && LABELS[p] === ex.gold) tp++;
      else fp++;
    }
    return { tp, fp };
  };
  const f1 = ({ tp, fp }: { tp: number; fp: number }) => ((200 * tp) / (2 * tp + fp + gold - tp)).toFixed(2);
  console.log(`  rules: F1 ${f1(tally((ex) => ex.rules))}`);
  const row: string[] = [];
  for (const none of MARGINS) {
    for (const kind of MARGINS) {
      const model = tally((ex) =>
        ex.alias || !ex.applies ? ex.rules : decide(sums.get(ex.group)!, ex.rules, none, kind, ex.strength),
      );
      row.push(`${none}/${kind}: ${f1(model)}`);
    }
  }
  console.log(`  model (none/kind margins): ${row.join('  ')}`);
}

const trainData = examples(trainDocs);
console.error(`${trainData.length} training mentions from ${trainDocs.length} documents`);
const weights = quantize(train(trainData));
console.error(`${Object.keys(weights).length} features kept`);
if (validate)
  for (const [name, docs] of testSets) {
    console.log(name);
    evaluate(examples(docs), goldCount(docs), weights);
  }
else {
  const file = fileURLToPath(new URL('../src/detect/data/retype.json', import.meta.url));
  writeFileSync(file, JSON.stringify({ margin: MARGIN, kindMargin: KIND_MARGIN, w: weights }) + '\n');
  console.log(`wrote ${file}`);
}
