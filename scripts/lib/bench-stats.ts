/**
 * The pure half of `npm run bench:page`: summaries of repeated runs and the lines it prints. Kept apart
 * from the browser code so it is unit-tested (tests/scripts/bench-page.test.ts).
 */

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** Median (mean of the middle two for an even count) and range; null when nothing was measured. */
export function summarize(values: ReadonlyArray<number | null | undefined>): Summary | null {
  const xs = values
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (!xs.length) return null;
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  return { median, min: xs[0], max: xs[xs.length - 1], n: xs.length };
}

/** Pairwise differences (with − without) of alternating runs, run i against run i. */
export function differences(
  withExt: ReadonlyArray<number | null>,
  without: ReadonlyArray<number | null>,
): Array<number | null> {
  return withExt.map((w, i) => (w == null || without[i] == null ? null : w - (without[i] as number)));
}

/** Figures in the unit's usual precision: ms under 10 with one decimal, larger ones whole. */
export function num(v: number, unit = 'ms'): string {
  const digits = Math.abs(v) < 10 && unit !== 'KiB' ? 1 : unit === 'MB' ? 1 : 0;
  return `${v.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

/** "12.3 ms [10.1–15.0]" ("+" in front of a difference), or "n/a" when the metric was not available. */
export function fmt(s: Summary | null, unit = 'ms', signed = false): string {
  if (!s) return 'n/a';
  const sign = (v: number) => (signed && v > 0 ? '+' : '');
  const head = `${sign(s.median)}${num(s.median, unit)}`;
  if (s.n < 2 || s.min === s.max) return head;
  const bare = (v: number) => num(v, '').trim();
  return `${head} [${sign(s.min)}${bare(s.min)}–${bare(s.max)}]`;
}

export type Verdict = 'PASS' | 'FAIL' | 'n/a' | '—';

/** PASS when the median is within the limit (inclusive); n/a when unmeasured; "—" when no budget applies. */
export function verdict(s: Summary | null, limit: number | null, op: '<=' | '<' = '<='): Verdict {
  if (limit == null) return '—';
  if (!s) return 'n/a';
  return (op === '<=' ? s.median <= limit : s.median < limit) ? 'PASS' : 'FAIL';
}

export interface Row {
  what: string;
  with: string;
  without: string;
  added: string;
  budget: string;
  verdict: Verdict;
}

/** A Markdown table, so the printed figures can be pasted into the README as they are. */
export function table(rows: ReadonlyArray<Row>): string {
  const head = ['what', 'with extension', 'without', 'extension adds', 'budget', ''];
  const lines = [
    head,
    head.map(() => '---'),
    ...rows.map((r) => [r.what, r.with, r.without, r.added, r.budget, r.verdict]),
  ];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/**
 * Growth from the first to the last size against the growth in size: ≤ 1 is linear or better overall
 * (a fixed cost such as compiling the script flatters it: see `steps`).
 */
export function scaling(sizes: ReadonlyArray<number>, costs: ReadonlyArray<number | null>): number | null {
  const first = costs[0];
  const last = costs[costs.length - 1];
  if (first == null || last == null || first <= 0) return null;
  return last / first / (sizes[sizes.length - 1] / sizes[0]);
}

/**
 * Cost growth per step of the series against the step's growth in size (1 = linear, 2 for a doubling
 * step = quadratic). The last step, where fixed costs weigh least, is the one that tells.
 */
export function steps(
  sizes: ReadonlyArray<number>,
  costs: ReadonlyArray<number | null>,
): Array<number | null> {
  const out: Array<number | null> = [];
  for (let i = 1; i < sizes.length; i++) {
    const a = costs[i - 1];
    const b = costs[i];
    out.push(a == null || b == null || a <= 0 ? null : b / a / (sizes[i] / sizes[i - 1]));
  }
  return out;
}

/**
 * The series' verdict on a cost's growth: the last step within 1.1× (linear, with room for noise), or,
 * given `floor`, a cost still within that budget at the largest size (a few ms that is the difference of
 * two runs is noise, and so are its ratios). Null when nothing can be said.
 */
export function growthVerdict(
  sizes: ReadonlyArray<number>,
  costs: ReadonlyArray<number | null>,
  floor: number | null = null,
): { verdict: 'PASS' | 'FAIL' | null; withinFloor: boolean } {
  const last = steps(sizes, costs).at(-1) ?? null;
  const largest = costs.at(-1) ?? null;
  if (last != null && last <= 1.1) return { verdict: 'PASS', withinFloor: false };
  if (floor != null && largest != null && largest <= floor) return { verdict: 'PASS', withinFloor: true };
  return { verdict: last == null ? null : 'FAIL', withinFloor: false };
}
