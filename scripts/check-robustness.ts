/**
 * `npm run check:robustness`: hostile pages, fuzz, data loss and the message matrix, each group printed
 * with how many checks were tried and passed, per browser (Chromium, Firefox ESR) and in Node.
 *
 *   npm run check:robustness              the short profile (CI): 10 s mutation storm, 2 MB page, 1,000 fuzzed
 *                                         documents in Node and 20 in Chromium, 10 worker stops
 *   npm run check:robustness -- --full    60 s storm, 10 MB page, 5,000 documents in Node and 100 in Chromium,
 *                                         40 worker stops
 *   --only pages,fuzz,data,messages       some groups only;  --no-build  use the test build as it is
 *
 * Each group runs vitest on its files (the Node ones in the unit project; the real-browser ones, which
 * end in .browser.ts, with tests/robustness/vitest.config.ts on the test build) and reads the counts from
 * vitest's JSON report. Exit code 1 when any check failed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBrowsers } from './lib/browsers';

const args = process.argv.slice(2);
const full = args.includes('--full');
const profile = full ? 'full' : 'short';
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg
  ? onlyArg.includes('=')
    ? onlyArg.split('=')[1]
    : args[args.indexOf(onlyArg) + 1]
  : null;

interface Run {
  /** 'unit' (Node, happy-dom) or 'browser' (tests/robustness/vitest.config.ts). */
  where: 'unit' | 'browser';
  files: string[];
  /** Only the tests whose full name matches. */
  filter?: string;
}
interface Group {
  id: string;
  title: string;
  runs: Run[];
}

const GROUPS: Group[] = [
  {
    id: 'pages',
    title: 'hostile pages',
    runs: [{ where: 'browser', files: ['tests/robustness/browser/pages.browser.ts'] }],
  },
  {
    id: 'fuzz',
    title: 'fuzz',
    runs: [
      { where: 'unit', files: ['tests/robustness/fuzz.test.ts', 'tests/reading/fuzz.test.ts'] },
      { where: 'browser', files: ['tests/robustness/browser/fuzz.browser.ts'] },
    ],
  },
  {
    id: 'data',
    title: 'data loss',
    runs: [
      {
        where: 'unit',
        // Upgrades from every schema version, bounds and eviction, export/import at the caps, the store,
        // two tabs and reloads in the background, chunked transfer.
        files: [
          'tests/reading/upgrade.test.ts',
          'tests/reading/bounds.test.ts',
          'tests/reading/store.test.ts',
          'tests/background/reading.test.ts',
          'tests/messaging/transfer.test.ts',
        ],
      },
      // A full disk: quota errors through the real background.
      { where: 'unit', files: ['tests/background/security.test.ts'], filter: 'full disk' },
      { where: 'browser', files: ['tests/robustness/browser/data-loss.browser.ts'] },
    ],
  },
  {
    id: 'messages',
    title: 'message matrix',
    runs: [
      {
        where: 'unit',
        files: [
          'tests/robustness/messages.test.ts',
          'tests/messaging/schemas.test.ts',
          'tests/messaging/router.test.ts',
          'tests/background/security.test.ts',
        ],
      },
      { where: 'browser', files: ['tests/robustness/browser/messages.browser.ts'] },
    ],
  },
];

interface Assertion {
  ancestorTitles: string[];
  title: string;
  fullName: string;
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';
  failureMessages?: string[];
}
interface Report {
  testResults: Array<{ name: string; status: string; message?: string; assertionResults: Assertion[] }>;
}

interface Tally {
  tried: number;
  passed: number;
  failed: string[];
}

function runVitest(run: Run, dir: string, n: number): { report: Report | null; status: number | null } {
  const out = join(dir, `report-${n}.json`);
  const argv = [
    'vitest',
    'run',
    ...(run.where === 'unit' ? ['--project', 'unit'] : ['--config', 'tests/robustness/vitest.config.ts']),
    ...run.files,
    ...(run.filter ? ['-t', run.filter] : []),
    '--reporter=dot',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ];
  const r = spawnSync('npx', argv, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      ROBUST_PROFILE: profile,
      ROBUST_FUZZ_DOCS: String(full ? 5000 : 1000),
      ROBUST_BROWSER_FUZZ_DOCS: String(full ? 100 : 20),
    },
  });
  try {
    return { report: JSON.parse(readFileSync(out, 'utf8')) as Report, status: r.status };
  } catch {
    return { report: null, status: r.status };
  }
}

/** Where a check ran: the browser its describe block names, else Node. */
const placeOf = (a: Assertion) =>
  a.ancestorTitles.find((t) => t === 'chromium' || t === 'firefox') ??
  (a.ancestorTitles.length ? 'node' : 'node');

const started = Date.now();
const build = !args.includes('--no-build');
const groups = GROUPS.filter((g) => !only || only.split(',').includes(g.id));
if (groups.some((g) => g.runs.some((r) => r.where === 'browser'))) {
  if (!ensureBrowsers(['chromium', 'firefox'])) process.exit(1);
  if (build) {
    console.log('▶ Test build (npm run build:test)');
    const r = spawnSync('npm', ['run', '--silent', 'build:test'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) {
      console.error('✖ The test build failed.');
      process.exit(1);
    }
  }
}

const dir = mkdtempSync(join(tmpdir(), 'backstory-robustness-'));
const results: Array<{ group: Group; tallies: Map<string, Tally>; seconds: number; broken: string[] }> = [];
let n = 0;
for (const group of groups) {
  console.log(`\n▶ ${group.title} (${profile} profile)`);
  const t0 = Date.now();
  const tallies = new Map<string, Tally>();
  const broken: string[] = [];
  for (const run of group.runs) {
    const { report, status } = runVitest(run, dir, n++);
    if (!report) {
      broken.push(`${run.files.join(', ')}: vitest wrote no report (exit ${status})`);
      continue;
    }
    for (const file of report.testResults) {
      if (file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed'))
        broken.push(`${file.name}: ${(file.message ?? 'failed to run').split('\n')[0]}`);
      for (const a of file.assertionResults) {
        if (a.status !== 'passed' && a.status !== 'failed') continue;
        const place = placeOf(a);
        const t = tallies.get(place) ?? { tried: 0, passed: 0, failed: [] };
        t.tried++;
        if (a.status === 'passed') t.passed++;
        else t.failed.push(a.fullName);
        tallies.set(place, t);
      }
    }
  }
  results.push({ group, tallies, seconds: Math.round((Date.now() - t0) / 1000), broken });
}
rmSync(dir, { recursive: true, force: true });

console.log(`\nRobustness (${profile} profile), tried/passed per group:`);
let ok = true;
for (const { group, tallies, seconds, broken } of results) {
  const parts = ['node', 'chromium', 'firefox']
    .filter((p) => tallies.has(p))
    .map((p) => `${p} ${tallies.get(p)!.passed}/${tallies.get(p)!.tried}`);
  const failed = [...tallies.values()].flatMap((t) => t.failed);
  const pass = !failed.length && !broken.length && parts.length > 0;
  ok &&= pass;
  console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${group.title.padEnd(15)} ${parts.join(', ')}  (${seconds} s)`);
  for (const f of failed) console.log(`          ✖ ${f}`);
  for (const b of broken) console.log(`          ✖ ${b}`);
}
console.log(
  `\n${ok ? '✔ every group passed' : '✖ some checks failed'} in ${Math.round((Date.now() - started) / 1000)} s.`,
);
process.exit(ok ? 0 : 1);
