/**
 * Scores the detector (and `compromise`, for comparison) against the gold the project keeps:
 * - the seed live blog (entity-level, as its gold's "about" says; must_not; the ≥95% targets as PASS/FAIL),
 * - WikiGold (mention-level exact spans; a detection that exactly matches a MISC span counts neither way),
 * - our own gold texts in tests/fixtures/gold (dev and held-out test splits, mention-level),
 * - CoNLL-2003's training split (../shared/data/conll2003, Reuters 1996): every fifth document (#5, #10, …,
 *   #945: 189 documents) is held out and scored; the other 757 are for development (`-- --conll-dev`).
 * Run: `npm run eval` (add `-- --errors` to list misses, `-- --only=<regex>` to score some documents).
 */
import { readFileSync } from 'node:fs';
import nlp from 'compromise';
import { createPageDetector, type Kind } from '../src/detect';
import { fold } from '../src/detect/text';
import { htmlBlocks } from '../tests/detect/html';
import {
  conll,
  type Doc,
  fmt,
  type Label,
  ownGold,
  pct,
  Score,
  scoreSpans,
  SHARED,
  type Span,
  type System,
  wikigold,
} from './lib/gold';

const args = new Set(process.argv.slice(2));
const showErrors = args.has('--errors');
/** `--only=<regex>`: score only the documents whose names match (e.g. `--only=test-0[1-4]`). */
const only = [...args].find((a) => a.startsWith('--only='))?.slice(7);
const selected = (docs: Doc[]) => (only ? docs.filter((d) => new RegExp(only).test(d.name)) : docs);

const ours: System = (blocks) => {
  const d = createPageDetector();
  for (const b of blocks) d.add(b);
  return d.resolve().blocks.map((ms) => ms.map((m) => ({ start: m.start, end: m.end, kind: m.kind })));
};

/** compromise's people/places/organizations, trimmed of the punctuation and possessives it keeps. */
const compromise: System = (blocks) =>
  blocks.map((text) => {
    const doc = nlp(text);
    const out: Span[] = [];
    const add = (list: Array<{ offset: { start: number; length: number } }>, kind: Kind) => {
      for (const { offset } of list) {
        let start = offset.start;
        let end = offset.start + offset.length;
        while (end > start && /[\s.,;:!?"'’”)\]]/.test(text[end - 1])) end--;
        if (/['’]s$/.test(text.slice(start, end))) end -= 2;
        while (start < end && /[\s"“'‘(\[]/.test(text[start])) start++;
        if (end > start) out.push({ start, end, kind });
      }
    };
    add(doc.people().json({ offset: true }), 'person');
    add(doc.places().json({ offset: true }), 'place');
    add(doc.organizations().json({ offset: true }), 'organization');
    return out;
  });

function scoreDocs(docs: Doc[], system: System, label: string, perFile: boolean, heldOut: boolean): Score {
  const total = new Score();
  for (const doc of docs) {
    const found = system(doc.blocks.map((b) => b.text));
    const s = new Score();
    const errors: string[] = [];
    doc.blocks.forEach((b, i) => s.add(scoreSpans(b.spans, found[i], b.text, errors)));
    total.add(s);
    if (perFile) console.log(`  ${label.padEnd(11)} ${doc.name.padEnd(34)} ${fmt(s)}`);
    // Held-out errors are never printed: nobody tunes on them.
    if (showErrors && !heldOut && label !== 'compromise' && errors.length) console.log(errors.join('\n'));
  }
  return total;
}

// --- Seed page (entity-level) -------------------------------------------------------------------------
interface SeedGold {
  entities: Array<{
    name: string;
    kind: Kind;
    variants: string[];
    alt_kind?: Partial<Record<Kind, string[]>>;
  }>;
  acceptable: string[];
  must_not: string[];
}
const norm = (s: string) => fold(s.replace(/^the\s+/i, '')).replace(/[’]/g, "'");

function seed(system: System, label: string): { found: number; right: number; mustNot: string[] } {
  const html = readFileSync(`${SHARED}fixtures/eaworldview-syria-daily.html`, 'utf8');
  const gold: SeedGold = JSON.parse(
    readFileSync(`${SHARED}fixtures/eaworldview-syria-daily.gold.json`, 'utf8'),
  );
  const texts = htmlBlocks(html);
  const spans = system(texts);
  // Distinct detected surfaces with their kinds.
  const detected = new Map<string, { surface: string; kinds: Set<Label> }>();
  spans.forEach((list, i) => {
    for (const s of list) {
      const surface = texts[i].slice(s.start, s.end);
      const k = norm(surface);
      let d = detected.get(k);
      if (!d) detected.set(k, (d = { surface, kinds: new Set() }));
      d.kinds.add(s.kind);
    }
  });
  const variantKind = new Map<string, Set<Kind>>();
  for (const e of gold.entities) {
    const add = (v: string, k: Kind) => {
      const key = norm(v);
      if (!variantKind.has(key)) variantKind.set(key, new Set());
      variantKind.get(key)!.add(k);
    };
    // The entity's own name is a right surface too (the gold lists "United States" with variants US, U.S.).
    for (const v of [e.name, ...e.variants]) add(v, e.kind);
    for (const [k, vs] of Object.entries(e.alt_kind ?? {})) for (const v of vs ?? []) add(v, k as Kind);
  }
  const acceptable = new Set(gold.acceptable.map(norm));
  const mustNot = new Set(gold.must_not.map(norm));
  // Precision over distinct detected names (acceptable ones count neither way).
  let judged = 0;
  let right = 0;
  let rightUntyped = 0;
  const wrong: string[] = [];
  const mustNotHits: string[] = [];
  for (const [k, d] of detected) {
    if (mustNot.has(k)) mustNotHits.push(d.surface);
    const kinds = variantKind.get(k);
    if (!kinds && acceptable.has(k)) continue;
    judged++;
    if (kinds) rightUntyped++;
    if (kinds && [...d.kinds].some((x) => kinds.has(x as Kind))) right++;
    else
      wrong.push(`${d.surface} (${[...d.kinds].join('/')}${kinds ? `, gold ${[...kinds].join('/')}` : ''})`);
  }
  // Recall over gold entities: found when any variant is detected with the right kind.
  let found = 0;
  let foundUntyped = 0;
  const missed: string[] = [];
  for (const e of gold.entities) {
    const variants: Array<[string, Kind]> = [
      ...[e.name, ...e.variants].map((v): [string, Kind] => [v, e.kind]),
      ...Object.entries(e.alt_kind ?? {}).flatMap(([k, vs]) =>
        (vs ?? []).map((v): [string, Kind] => [v, k as Kind]),
      ),
    ];
    if (variants.some(([v, k]) => detected.get(norm(v))?.kinds.has(k))) found++;
    else missed.push(`${e.name} (${e.kind})`);
    if (variants.some(([v]) => detected.has(norm(v)))) foundUntyped++;
  }
  const n = gold.entities.length;
  const typed = { p: judged ? right / judged : 0, r: found / n };
  const untyped = { p: judged ? rightUntyped / judged : 0, r: foundUntyped / n };
  const f1 = (x: { p: number; r: number }) => (x.p + x.r ? (2 * x.p * x.r) / (x.p + x.r) : 0);
  console.log(
    `  ${label.padEnd(11)} typed P ${pct(typed.p)} R ${pct(typed.r)} F1 ${pct(f1(typed))} | untyped P ${pct(untyped.p)} R ${pct(untyped.r)} F1 ${pct(f1(untyped))}  (${judged} names judged, ${n} gold entities)`,
  );
  if (showErrors && label !== 'compromise') {
    console.log(`    wrong: ${wrong.join('; ') || '-'}`);
    console.log(`    missed: ${missed.join('; ') || '-'}`);
  }
  return { found: typed.r, right: typed.p, mustNot: mustNotHits };
}

// --- Report -------------------------------------------------------------------------------------------
const configs: Array<[string, System]> = [['backstory', ours]];
configs.push(['compromise', compromise]);

console.log(
  'Seed page: eaworldview-syria-daily (entity-level; article scope as the content script scans it)',
);
for (const [label, system] of configs) {
  const r = seed(system, label);
  if (label === 'compromise') continue;
  const ok = (b: boolean) => (b ? 'PASS' : 'FAIL');
  console.log(
    `    gold entities found with the right kind: ${pct(r.found)}%  ${ok(r.found >= 0.95)} (target ≥ 95)`,
  );
  console.log(
    `    detected names right:                    ${pct(r.right)}%  ${ok(r.right >= 0.95)} (target ≥ 95)`,
  );
  console.log(
    `    must_not hits: ${r.mustNot.length ? r.mustNot.join(', ') : 'none'}  ${ok(!r.mustNot.length)}`,
  );
}

/** Title, documents, per-file lines, held out (no errors printed), the issue's typed-F1 target if any. */
const sets: Array<[string, Doc[], boolean, boolean, number?]> = [
  ['Own gold, dev split (tests/fixtures/gold/dev-*)', selected(ownGold('dev')), true, false],
  [
    'Own gold, held-out test split (tests/fixtures/gold/test-*; never tuned on)',
    selected(ownGold('test')),
    true,
    true,
    85,
  ],
  [
    'WikiGold (mention-level, exact spans; MISC exact matches ignored)',
    selected(wikigold()),
    false,
    false,
    85,
  ],
];
// CoNLL-2003 training split: documents #5, #10, … held out; the rest only on request (it takes a while).
const conllDocs = conll(`${SHARED}data/conll2003/train.txt`, 'conll-train');
const conllHeldOut = (d: Doc) => Number(d.name.slice(d.name.indexOf('#') + 1)) % 5 === 0;
if (args.has('--conll-dev'))
  sets.push([
    'CoNLL-2003 train, development documents (all but every fifth)',
    selected(conllDocs.filter((d) => !conllHeldOut(d))),
    false,
    false,
  ]);
sets.push([
  'CoNLL-2003 train, held-out documents (#5, #10, …: every fifth; never tuned on)',
  selected(conllDocs.filter(conllHeldOut)),
  false,
  true,
  85,
]);
for (const [title, docs, perFile, heldOut, target] of sets) {
  console.log(`\n${title}: ${docs.length} documents`);
  for (const [label, system] of configs) {
    const total = scoreDocs(docs, system, label, perFile, heldOut);
    console.log(`  ${label.padEnd(11)} ${'OVERALL'.padEnd(34)} ${fmt(total)}`);
    // Unrounded, so that 79.96 does not pass for 80.
    if (target && label === 'backstory' && !only) {
      const f = 100 * total.typed.f;
      console.log(
        `    typed F1 ${f.toFixed(2)} (${total.tp} right, ${total.fp} wrong or extra, ${total.fn} missed)  ${f >= target ? 'PASS' : 'FAIL'} (target ≥ ${target})`,
      );
    }
  }
}
