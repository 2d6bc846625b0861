/**
 * `npm run check:robustness`: hostile pages, fuzz, data loss and the message matrix, each group printed
 * with how many checks were tried and passed, per browser (Chromium, Firefox ESR) and in Node.
 *
 *   npm run check:robustness              the short profile (CI): 10 s mutation storm, 2 MB page, 1,000 fuzzed
 *                                         documents in Node and 20 in Chromium, 10 worker stops
 *   npm run check:robustness -- --full    60 s storm, 10 MB page, 5,000 documents in Node and 100 in Chromium,
 *                                         40 worker stops
 *   npm run check:robustness -- --ci      the profile `npm test` runs (about a minute): every group and
 *                                         every budget, on a 6 s storm, a 0.5 MB page,
 *                                         20,000 text nodes, 200 documents in Node and 3 in Chromium,
 *                                         3 worker stops; the Node checks run beside the browsers'
 *   --only pages,fuzz,data,messages       some groups only;  --no-build  use the test build as it is
 *
 * The groups' files run in two vitest runs (the Node ones in the unit project; the real-browser ones,
 * which end in .browser.ts, with tests/robustness/vitest.config.ts on the test build: one start-up and
 * one browser launch per file instead of one per group) and each check is counted in the groups that
 * name its file, from vitest's JSON report. Exit code 1 when any check failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBrowsers } from './lib/browsers';

const args = process.argv.slice(2);
const full = args.includes('--full');
const ci = !full && args.includes('--ci');
const profile = full ? 'full' : ci ? 'ci' : 'short';
const FUZZ_DOCS = { full: 5000, short: 1000, ci: 200 }[profile];
const BROWSER_FUZZ_DOCS = { full: 100, short: 20, ci: 3 }[profile];
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

/** The storm's share of the main thread: measured alone, after every other check (nothing else running). */
const SHARE_TEST = "of the page's main thread";

interface Pass {
  label: string;
  where: Run['where'];
  files: string[];
  /** vitest's -t. */
  names?: string;
}

/** One vitest run; `quiet`: its output is kept and printed when it ends (it runs beside another). */
function runVitest(
  pass: Pass,
  dir: string,
  n: number,
  quiet = false,
): Promise<{ report: Report | null; status: number | null; seconds: number }> {
  const out = join(dir, `report-${n}.json`);
  const argv = [
    'vitest',
    'run',
    ...(pass.where === 'unit' ? ['--project', 'unit'] : ['--config', 'tests/robustness/vitest.config.ts']),
    ...pass.files,
    ...(pass.names ? ['-t', pass.names] : []),
    '--reporter=dot',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ];
  const t0 = Date.now();
  const child = spawn('npx', argv, {
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
    env: {
      ...process.env,
      ROBUST_PROFILE: profile,
      ROBUST_FUZZ_DOCS: String(FUZZ_DOCS),
      ROBUST_BROWSER_FUZZ_DOCS: String(BROWSER_FUZZ_DOCS),
    },
  });
  let text = '';
  child.stdout?.on('data', (d) => (text += d));
  child.stderr?.on('data', (d) => (text += d));
  return new Promise((resolve) => {
    child.on('close', (status) => {
      if (quiet) process.stdout.write(`\n[${pass.label}]\n${text}`);
      const seconds = Math.round((Date.now() - t0) / 1000);
      try {
        resolve({ report: JSON.parse(readFileSync(out, 'utf8')) as Report, status, seconds });
      } catch {
        resolve({ report: null, status, seconds });
      }
    });
  });
}

/** Whether a check of `file` belongs to `run`: its file is one of the run's, and it matches its filter. */
const inRun = (run: Run, file: string, a: Assertion) =>
  run.files.some((f) => file.endsWith(f)) && (!run.filter || new RegExp(run.filter).test(a.fullName));

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
const results: Array<{ group: Group; tallies: Map<string, Tally>; broken: string[] }> = groups.map(
  (group) => ({ group, tallies: new Map(), broken: [] }),
);
const filesOf = (where: Run['where']) => [
  ...new Set(groups.flatMap((g) => g.runs.filter((r) => r.where === where).flatMap((r) => r.files))),
];
const unitFiles = filesOf('unit');
const browserFiles = filesOf('browser');
const pages = 'tests/robustness/browser/pages.browser.ts';
const passes = (
  [
    { label: 'Node', where: 'unit', files: unitFiles },
    {
      label: 'browsers',
      where: 'browser',
      files: browserFiles,
      names: browserFiles.includes(pages) ? `^(?!.*${SHARE_TEST})` : undefined,
    },
    {
      label: 'storm share',
      where: 'browser',
      files: browserFiles.includes(pages) ? [pages] : [],
      names: SHARE_TEST,
    },
  ] as Pass[]
).filter((p) => p.files.length);
const reports: Array<{ pass: Pass; report: Report | null; status: number | null }> = [];
const timings: string[] = [];
let n = 0;
const run = async (pass: Pass, quiet = false) => {
  if (!quiet) console.log(`\n▶ ${pass.label} (${profile} profile): ${pass.files.length} files`);
  const r = await runVitest(pass, dir, n++, quiet);
  timings.push(`${pass.label} ${r.seconds} s`);
  reports.push({ pass, ...r });
};
// In CI's profile the Node checks run beside the browsers' (they end long before the storm's share is
// measured, which runs alone in every profile); elsewhere one after another.
const node = passes.find((p) => p.where === 'unit');
const browser = passes.filter((p) => p.where === 'browser');
if (ci && node && browser.length) await Promise.all([run(node, true), run(browser[0])]);
else if (node) await run(node);
for (const pass of ci && node ? browser.slice(1) : browser) await run(pass);

for (const { pass, report, status } of reports) {
  for (const { group, tallies, broken } of results) {
    const own = group.runs.filter(
      (r) => r.where === pass.where && r.files.some((f) => pass.files.includes(f)),
    );
    if (!own.length) continue;
    if (!report) {
      broken.push(`${pass.label}: vitest wrote no report (exit ${status})`);
      continue;
    }
    for (const file of report.testResults) {
      const mine = own.filter((r) => r.files.some((f) => file.name.endsWith(f)));
      if (!mine.length) continue;
      if (file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed'))
        broken.push(`${file.name}: ${(file.message ?? 'failed to run').split('\n')[0]}`);
      for (const a of file.assertionResults) {
        if (a.status !== 'passed' && a.status !== 'failed') continue;
        if (!mine.some((r) => inRun(r, file.name, a))) continue;
        const place = placeOf(a);
        const t = tallies.get(place) ?? { tried: 0, passed: 0, failed: [] };
        t.tried++;
        if (a.status === 'passed') t.passed++;
        else t.failed.push(a.fullName);
        tallies.set(place, t);
      }
    }
  }
}
rmSync(dir, { recursive: true, force: true });

console.log(`\nRobustness (${profile} profile), tried/passed per group:`);
let ok = true;
for (const { group, tallies, broken } of results) {
  const parts = ['node', 'chromium', 'firefox']
    .filter((p) => tallies.has(p))
    .map((p) => `${p} ${tallies.get(p)!.passed}/${tallies.get(p)!.tried}`);
  const failed = [...tallies.values()].flatMap((t) => t.failed);
  const pass = !failed.length && !broken.length && parts.length > 0;
  ok &&= pass;
  console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${group.title.padEnd(15)} ${parts.join(', ')}`);
  for (const f of failed) console.log(`          ✖ ${f}`);
  for (const b of broken) console.log(`          ✖ ${b}`);
}
console.log(
  `\n${ok ? '✔ every group passed' : '✖ some checks failed'} in ${Math.round((Date.now() - started) / 1000)} s (${timings.join(', ')}).`,
);
process.exit(ok ? 0 : 1);
