/**
 * `npm run bench:page`: what Backstory costs a page, measured in real browsers on the production build.
 * The same page is served to a profile with the extension and to one without it, in alternating runs;
 * every figure is the median [range] over the runs, and "extension adds" is with minus without, run
 * against run (the page's own work cancels out). Budgets are issue 10's, for Chromium on this 2-core
 * machine; the load average is printed because the machine is shared.
 *
 * How time is attributed (Chromium):
 *  - main-thread time: CDP Performance.getMetrics TaskDuration of the page's renderer (thread CPU time,
 *    so other processes on a loaded machine do not count), with minus without, read with no trace running
 *    (the article's load and the insertions: a trace's CPU sampling about doubled what 100 insertions add);
 *  - extension tasks: a trace of the page's main thread; a top-level task is the extension's when extension
 *    script (chrome-extension://…) runs inside it; the longest of them is "longest extension task", in
 *    thread time as the main-thread rows are (the wall time, which waits for a core, is printed beside);
 *  - underline times: a frame loop in the page watches the shared CSS.highlights registry (as any page
 *    could); "after the content script starts" counts from the first extension script in the trace (the
 *    2,000-update page's: a load of its own, traced without CPU samples); an insertion's underline is
 *    timed on the untraced insertion, its tasks on a traced one of its own;
 *  - cards: from the hover delay's end (the pointer's last move plus the delay) to the first frame that
 *    finds the dialog, and from a trace the task that drew it and the other tasks while the pointer rested.
 * The article's floor (Chromium): after the runs, the article's untraced loads again over each run's window,
 * of the test build with its content script replaced by each script of scripts/bench-floor/ (FLOORS in
 * scripts/lib/bench-floor.ts says what each does), each against a load without the extension of its own,
 * printed beside the article's row: what any content script costs the page, what the least one that
 * underlines names costs, and what Backstory's own first pass costs alone.
 * Firefox ESR (puppeteer-core over BiDi) has no CDP: its rows give the times a page can observe, and say
 * n/a where a figure needs CDP.
 *
 * The `follow` group follows a few live blogs served by the bench's own server while the big page is open
 * in a tab, lets one background check of each find new updates, and reports the extension's work on the
 * open page meanwhile (trace, CDP) and what each check took in the background (the background's own
 * notes, src/follow/timing.ts): the checks run in the service worker and Chrome's offscreen document
 * (Firefox: its background page), never on a page's thread.
 *
 * Flags: --runs N (default 5), --quick (2 runs, small pages: a smoke test), --browser chromium|firefox|both,
 * --only ROW[,ROW] (article, load, steady, insert, card, panel, follow, size, series), --build DIR (Chromium build;
 * default .output/chrome-mv3-test, the test build), --firefox-build DIR (default .output/firefox-mv3-test).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs, type Group, type Options } from './lib/bench-options';
import {
  launchChromiumBench,
  launchFirefoxBench,
  type BenchBrowser,
  type BenchPage,
  type BrowserKind,
  type Metrics,
} from './lib/bench-browser';
import { inert, liveBlogHtml, paragraphs, textSize } from './lib/bench-pages';
import { floorBuild, FLOORS, type Floor } from './lib/bench-floor';
import { PROBE } from './lib/bench-probe';
import {
  differences,
  fmt,
  growthVerdict,
  num,
  scaling,
  steps,
  summarize,
  table,
  verdict,
  type Row,
  type Summary,
} from './lib/bench-stats';
import { analyzeTrace, spanAt, spanStats, type TraceFacts } from './lib/bench-trace';
import { ensureBrowsers } from './lib/browsers';
import { answerConditional, mockEndpoints, SHARED, startServer, type LocalServer } from './lib/server';
import { PAGE_SCRIPTS, type PagePart } from '../src/manifest';

const HOVER_DELAY = 300;
/** Each of the page's other scripts, as its size row names it (every one in PAGE_SCRIPTS has a row). */
const PAGE_SCRIPT_ROWS: Record<PagePart, string> = {
  more: "its second script (cards, reading, markers, the story panel's end)",
  liveblog: 'its live-blog detector, for a page that could be a live blog',
};
/** One frame at 60 Hz: the budget for painting what the background answered once it arrives. */
const FRAME_MS = 1000 / 60;
/**
 * Insertions measured per page of the series (each against the same insertion without the extension):
 * five, as every budget is judged on a median of five or more, and the one-insertion growth falls back on
 * its budget at the largest size.
 */
const SERIES_INSERTIONS = 5;
/** Card data stays local: no Wikipedia or Wikidata lookups, no images. */
const SETTINGS = { wikipedia: false, cardImages: false, hoverDelay: HOVER_DELAY };
const ARTICLE = 'real/reuters-parasite.html';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const taskMs = (a: Metrics | null, b: Metrics | null) =>
  a && b ? (b.TaskDuration - a.TaskDuration) * 1000 : null;

declare global {
  interface Window {
    __bench: any;
    __page: any;
  }
}

/** One load of a page, and what happened until the extension was done with it. */
interface Load {
  page: BenchPage;
  /** Page-side wall time from navigation to settled (the without run waits as long as its with run). */
  settledAt: number;
  mainThread: number | null;
  /** Wall time of the page thread's top-level tasks in the trace (a loaded machine stretches it). */
  mainWall: number | null;
  /** Thread time of the longest extension task (the budget's figure); its wall time below. */
  longestExtTask: number | null;
  longestExtWall: number | null;
  extTasks: number | null;
  viewportAt: number | null;
  knownAt: number | null;
  names: number | null;
  /** Ranges in the highlight registry once settled (the extension draws those in and near the viewport). */
  mentions: number | null;
  heap: number | null;
  /** What underline times count from: the first extension script (Chromium's trace), else DOMContentLoaded. */
  origin: 'script' | 'dcl';
}

/**
 * How a load is traced: with the CPU samples that tell the extension's promise continuations apart
 * ('sampled'), with the events only ('events': the samples slow the extension's script), or not at all.
 */
type Trace = 'sampled' | 'events' | 'none';

async function load(
  browser: BenchBrowser,
  url: string,
  waitMs: number | null,
  quiet: number,
  trace: Trace = 'sampled',
): Promise<Load> {
  let m0: Metrics | null = null;
  const page = await browser.open(url, PROBE, async (p) => {
    if (trace !== 'none') await p.startTrace(trace === 'sampled');
    m0 = await p.metrics();
  });
  const timeOrigin = await page.evaluate(() => performance.timeOrigin);
  const pageNow = () => Date.now() - timeOrigin;
  const samples: Array<[number, number | null]> = [];
  if (waitMs == null) {
    // With the extension: settled once the registry and the content script's entity count stay still.
    let stillSince = pageNow();
    let last = '';
    const end = Date.now() + 60_000;
    while (Date.now() < end) {
      const names = await browser.names(url);
      const total = await page.evaluate(() => window.__bench.total() as number);
      samples.push([pageNow(), names]);
      const key = `${names}/${total}`;
      if (key !== last) {
        last = key;
        stillSince = pageNow();
      } else if (names != null && pageNow() - stillSince >= quiet) break;
      await sleep(100);
    }
  } else {
    await sleep(Math.max(0, waitMs - pageNow()));
  }
  const settledAt = pageNow();
  const m1 = await page.metrics();
  const events = await page.stopTrace();
  const facts = events ? analyzeTrace(events) : null;
  const b = await page.evaluate(() => ({
    hl: window.__bench.hl as Array<[number, number, number]>,
    dcl: window.__bench.dcl as number,
  }));
  const origin = facts?.extensionStart ?? null;
  const zero = origin ?? b.dcl;
  let viewportAt: number | null = null;
  let knownAt: number | null = null;
  let names: number | null = null;
  if (browser.extension) {
    const finalVp = b.hl.at(-1)?.[2] ?? 0;
    const vp = finalVp > 0 ? b.hl.find((r) => r[2] >= finalVp) : undefined;
    viewportAt = vp ? vp[0] - zero : null;
    names = samples.at(-1)?.[1] ?? null;
    const firstFinal = samples.find((s) => s[1] === names && names != null);
    const lastHl = b.hl.at(-1)?.[0];
    if (firstFinal) knownAt = Math.max(firstFinal[0], lastHl ?? 0) - zero;
  }
  await page.gc();
  const m2 = await page.metrics();
  const ext = facts ? spanStats(facts.extensionTasks) : null;
  return {
    page,
    settledAt,
    mainThread: taskMs(m0, m1),
    mainWall: facts ? spanStats(facts.tasks).total : null,
    longestExtTask: ext ? ext.longestCpu : null,
    longestExtWall: ext ? ext.longest : null,
    extTasks: ext ? ext.total : null,
    viewportAt,
    knownAt,
    names,
    mentions: browser.extension ? (b.hl.at(-1)?.[1] ?? 0) : null,
    heap: m2 ? m2.JSHeapUsedSize / 1e6 : null,
    origin: origin != null ? 'script' : 'dcl',
  };
}

/** Main-thread ms per second of page time over `ms`, the page left alone (frame loop off). */
async function perSecond(page: BenchPage, ms: number): Promise<number | null> {
  const a = await page.metrics();
  const t0 = Date.now();
  await sleep(ms);
  const b = await page.metrics();
  const t = taskMs(a, b);
  return t == null ? null : t / ((Date.now() - t0) / 1000);
}

/**
 * A window of work on the page, measured against the page's own ongoing cost: a quiet second first gives
 * that rate (the page's and the extension's idle work), then the counters start, and a trace when `traced`.
 * `end()` stops both and gives the window's main-thread work less the rate, and the trace's facts (null
 * without CDP or a trace).
 */
async function measureWindow(
  page: BenchPage,
  traced = true,
): Promise<{ end(): Promise<{ main: number | null; facts: TraceFacts | null }> }> {
  const q0 = await page.metrics();
  const w0 = Date.now();
  await sleep(1000);
  const q1 = await page.metrics();
  const rate = (taskMs(q0, q1) ?? 0) / (Date.now() - w0);
  if (traced) {
    await page.startTrace();
    // A fresh clock mark inside this trace, to read its times on the page's clock.
    await page.evaluate(() => performance.mark('bench-sync'));
  }
  const m0 = await page.metrics();
  const started = Date.now();
  return {
    async end() {
      const m1 = await page.metrics();
      const elapsed = Date.now() - started;
      const trace = traced ? await page.stopTrace() : null;
      const work = taskMs(m0, m1);
      return {
        main: work == null ? null : work - rate * elapsed,
        facts: trace ? analyzeTrace(trace) : null,
      };
    },
  };
}

interface Insertion {
  mainThread: number | null;
  /** Thread time of the longest extension task; its wall time below. */
  longestExtTask: number | null;
  longestExtWall: number | null;
  /** The longest task of any kind (the page's own rendering of the new entries included). */
  longestTask: number | null;
  underlinedAfter: number | null;
}

/**
 * `n` entries inserted at once by the page's own script, and a fixed window of `ms` after it. The page's
 * (and the extension's) ongoing cost is measured over a quiet window just before and taken off, so the
 * figure is the insertion's own work. `traced`: with a trace, for the tasks (its CPU sampling slows the
 * page's thread, and most where script runs: 100 insertions read +104 and +106 ms traced, +46, +58 and
 * +65 untraced, 6 pairs each); untraced, the main-thread work and the time to the underline.
 */
async function insert(page: BenchPage, n: number, ms: number, traced = true): Promise<Insertion> {
  await page.evaluate(() => window.__bench.watch(true));
  await sleep(300);
  const win = await measureWindow(page, traced);
  const before = await page.evaluate(() => window.__bench.total() as number);
  // The page holds POOL entries to insert: one that ran out would be timed as a smaller insertion.
  const [t0, inserted] = await page.evaluate((n): [number, number] => {
    const b = window.__bench;
    return [b.insert(n) as number, (b.ins.els as Element[]).length];
  }, n);
  if (inserted !== n) throw new Error(`The page inserted ${inserted} entries, not ${n}: raise POOL`);
  // The first registry change after the insertion; checked against the new entries once, at the end.
  let changedAt: number | null = null;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (changedAt == null) {
      const hl = await page.evaluate(() => window.__bench.hl.at(-1) as [number, number, number] | undefined);
      if (hl && hl[0] > t0 && hl[1] !== before) changedAt = hl[0];
    }
    await sleep(50);
  }
  const { main, facts } = await win.end();
  const own = await page.evaluate(() => {
    const b = window.__bench;
    const els = b.ins.els as Element[];
    let n = 0;
    for (const [, h] of CSS.highlights)
      for (const r of h as unknown as Iterable<Range>) if (els.some((e) => e.contains(r.startContainer))) n++;
    b.watch(false);
    return n;
  });
  const ext = facts ? spanStats(facts.extensionTasks, t0) : null;
  return {
    mainThread: main,
    longestExtTask: ext ? ext.longestCpu : null,
    longestExtWall: ext ? ext.longest : null,
    longestTask: facts ? spanStats(facts.tasks, t0).longest : null,
    underlinedAfter: own > 0 && changedAt != null ? changedAt - t0 : null,
  };
}

interface CardTimes {
  /** Hover delay's end → the dialog at a frame. */
  latency: number | null;
  /** Thread time of the task that drew it, and the longest other one while the pointer rested. */
  task: number | null;
  dwell: number | null;
  /**
   * `remote`: the background's answer (Wikipedia's summary) arriving in the page → its layer at a frame,
   * counted from the start of the task that received and drew it (trace); the answer drawn → at a frame
   * (the page's clock alone, Firefox as well); and that task's thread time.
   */
  answer?: number | null;
  answerFrame?: number | null;
  answerTask?: number | null;
}

/**
 * Hovers a name (the first underlined one in view, or the most-mentioned one) and times intent end → dialog
 * at a frame; `remote`, also its background layer's answer → painted (the card stays open until it comes).
 */
async function card(page: BenchPage, which: 'first' | 'most', remote = false): Promise<CardTimes> {
  await page.mouseMove(2, 2, 1);
  await page.press('Escape');
  await sleep(600);
  const point = await page.evaluate(async (which) => {
    // The registry holds StaticRanges (no text, no boxes): each is read through a live Range over it.
    const live = (s: AbstractRange) => {
      const r = document.createRange();
      r.setStart(s.startContainer, s.startOffset);
      r.setEnd(s.endContainer, s.endOffset);
      return r;
    };
    const ranges: Range[] = [];
    for (const [, h] of CSS.highlights)
      for (const r of h as unknown as Iterable<AbstractRange>) ranges.push(live(r));
    const inView = (r: Range) => {
      const rect = r.getClientRects()[0];
      return (
        !!rect && rect.top > 40 && rect.bottom < innerHeight - 40 && rect.left > 0 && rect.right < innerWidth
      );
    };
    let pick = ranges;
    if (which === 'most' || !ranges.some(inView)) {
      const count = new Map<string, number>();
      for (const r of ranges) count.set(r.toString(), (count.get(r.toString()) ?? 0) + 1);
      const top = which === 'most' ? [...count].sort((a, b) => b[1] - a[1])[0]?.[0] : ranges[0]?.toString();
      pick = ranges.filter((r) => r.toString() === top);
      pick[0]?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      await new Promise((r) => setTimeout(r, 1000));
      // The extension may highlight what is in view only: read the registry again.
      pick = [];
      for (const [, h] of CSS.highlights)
        for (const s of h as unknown as Iterable<AbstractRange>) {
          const r = live(s);
          if (r.toString() === top) pick.push(r);
        }
    }
    for (const r of pick) {
      const rect = r.getClientRects()[0];
      if (inView(r))
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, text: r.toString() };
    }
    return null;
  }, which);
  if (!point) return { latency: null, task: null, dwell: null };
  await page.evaluate((remote) => {
    window.__bench.card = { at: null, remote };
    window.__bench.watch(true);
  }, remote);
  const tracing = await page.startTrace();
  // The trace's clock is tied to the page's by a mark made while it records.
  if (tracing) await page.evaluate(() => void performance.mark('bench-sync'));
  await page.mouseMove(point.x, point.y, 4);
  const end = Date.now() + (remote ? 8000 : 4000);
  let at: {
    at: number | null;
    drawn: number | null;
    move: number;
    layer: number | null;
    layerAt: number | null;
  } | null = null;
  while (Date.now() < end) {
    at = await page.evaluate(() => ({
      at: window.__bench.card.at as number | null,
      drawn: (window.__bench.card.drawn ?? null) as number | null,
      move: window.__bench.lastMove as number,
      layer: (window.__bench.card.layer ?? null) as number | null,
      layerAt: (window.__bench.card.layerAt ?? null) as number | null,
    }));
    if (at.at != null && (!remote || at.layerAt != null)) break;
    await sleep(50);
  }
  await page.evaluate(() => window.__bench.watch(false));
  await sleep(100);
  const facts = tracing ? analyzeTrace((await page.stopTrace()) ?? []) : null;
  if (at?.at == null) return { latency: null, task: null, dwell: null };
  const answered: Pick<CardTimes, 'answer' | 'answerFrame' | 'answerTask'> = {};
  if (remote) {
    const { layer, layerAt } = at;
    const received = layer == null || !facts ? undefined : spanAt(facts.extensionTasks, layer);
    answered.answer = received && layerAt != null ? layerAt - received.start : null;
    answered.answerFrame = layer != null && layerAt != null ? layerAt - layer : null;
    answered.answerTask = received?.cpu ?? null;
  }
  // The card's own work, from the trace: the task that drew it (the one running when the dialog was put
  // in), and the longest of the others while the pointer rested (hit test, host, the name's facts).
  let task: number | null = null;
  let dwell: number | null = null;
  if (facts) {
    const during = facts.extensionTasks.filter((t) => t.start >= at!.move - 1 && t.start < at!.at!);
    const drew = at.drawn == null ? undefined : spanAt(during, at.drawn);
    task = drew?.cpu ?? null;
    dwell = Math.max(0, ...during.filter((t) => t !== drew).map((t) => t.cpu));
  }
  return { latency: at.at - (at.move + HOVER_DELAY), task, dwell, ...answered };
}

/**
 * The story panel opened on the page's tab: the page's content script sends the cast, the reader selects
 * the most-mentioned name and steps through ten of its mentions. Measured on the page: its extension
 * tasks (trace) and main-thread work above the page's own rate.
 */
async function panel(
  browser: BenchBrowser,
  page: BenchPage,
  url: string,
): Promise<{ longest: number | null; wall: number | null; main: number | null } | null> {
  if (!browser.panel) return null;
  await page.evaluate(() => window.__bench.watch(false));
  const win = await measureWindow(page);
  const p = await browser.panel(url);
  if (!p) {
    await win.end();
    return null;
  }
  const steps = await p.run(async () => {
    const wait = async (ok: () => boolean) => {
      for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
      return ok();
    };
    if (!(await wait(() => document.querySelectorAll('button.who').length > 0))) return -1;
    document.querySelector<HTMLButtonElement>('button.who')!.click();
    const status = () => document.querySelector('.stepper [aria-live]')?.textContent ?? '';
    if (!(await wait(() => status().startsWith('Mention 1 of')))) return 0;
    let n = 0;
    for (let i = 2; i <= 11; i++) {
      document.querySelector<HTMLButtonElement>('[aria-label="Next mention"]')!.click();
      if (await wait(() => status().startsWith(`Mention ${i} of`) || status().startsWith('Mention 1 of 1')))
        n++;
    }
    return n;
  });
  await sleep(500);
  await p.close();
  const { main, facts } = await win.end();
  if (steps < 1) return null;
  const ext = facts ? spanStats(facts.extensionTasks) : null;
  return { longest: ext ? ext.longestCpu : null, wall: ext ? ext.longest : null, main };
}

/** Followed blogs: how many, their size, what each gains, and the check period (the test build allows 3 s). */
const FOLLOW = { blogs: 5, updates: 500, gain: 3, minutes: 0.05 };
const FOLLOW_QUICK = { ...FOLLOW, blogs: 3, updates: 100 };

/** A followed blog on the bench's server: gains entries when told, answers 304 to a check's validator. */
function serveFollowed(
  server: LocalServer,
  path: string,
  updates: number,
): { url: string; gain(n: number): void } {
  let count = updates;
  let html = liveBlogHtml(count, TEXTS);
  server.route(path, (req, res) => void answerConditional(req, res, `"${count}"`, () => html));
  return {
    url: server.origin + path,
    gain(n) {
      count += n;
      html = liveBlogHtml(count, TEXTS);
    },
  };
}

async function waitFor(ok: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return true;
    await sleep(250);
  }
  return false;
}

interface FollowRun {
  longest: number | null;
  extTotal: number | null;
  main: number | null;
  /** One entry per check that found the new updates: total, request and parse, ms. */
  checks: Array<{ total: number; fetch: number; parse: number }>;
}

/**
 * Follows a few blogs (as the popup does, from an extension page), with the period shortened; their first
 * checks set the baselines. Then, measured on the open page, the blogs gain entries and one background check
 * of each finds them. The checks' own times come from the background's notes.
 */
async function followChecks(
  browser: BenchBrowser,
  page: BenchPage,
  server: LocalServer,
  run: number,
  quick: boolean,
): Promise<FollowRun | null> {
  const ask = browser.ask;
  if (!ask) return null;
  const f = quick ? FOLLOW_QUICK : FOLLOW;
  const blogs = Array.from({ length: f.blogs }, (_, j) =>
    serveFollowed(server, `/bench/follow-${run}-${j}.html`, f.updates),
  );
  const ours = async () => {
    const all = (await ask('follow:list', {})) as Array<{
      url: string;
      lastCheck?: number;
      found: unknown[];
    }>;
    return blogs.map((b) => all.find((x) => x.url === b.url));
  };
  await ask('settings:set', { followMinutes: f.minutes });
  for (const b of blogs) await ask('follow:set', { url: b.url, on: true });
  try {
    // Never opened, the blogs have no baseline: their first checks set it and find nothing.
    if (!(await waitFor(async () => (await ours()).every((r) => r?.lastCheck != null), 60_000))) return null;
    await page.evaluate(() => window.__bench.watch(false));
    const win = await measureWindow(page);
    for (const b of blogs) b.gain(f.gain);
    const found = await waitFor(
      async () => (await ours()).every((r) => (r?.found.length ?? 0) >= f.gain),
      60_000,
    );
    const { main, facts } = await win.end();
    if (!found) return null;
    const notes = ((await browser.checkTimings?.()) ?? []).filter(
      (n) =>
        blogs.some((b) => b.url === n.detail.url) && n.detail.outcome === 'changed' && n.detail.added > 0,
    );
    const ext = facts ? spanStats(facts.extensionTasks) : null;
    return {
      longest: ext ? ext.longestCpu : null,
      extTotal: ext ? ext.total : null,
      main,
      checks: notes.map((n) => ({ total: n.duration, fetch: n.detail.fetchMs, parse: n.detail.parseMs })),
    };
  } finally {
    for (const b of blogs) await ask('follow:set', { url: b.url, on: false });
  }
}

function gzippedContentScript(dir: string): number {
  const cs = join(dir, 'content-scripts');
  return readdirSync(cs)
    .filter((f) => f.endsWith('.js'))
    .reduce((n, f) => n + gzipSync(readFileSync(join(cs, f)), { level: 9 }).length, 0);
}

interface Collected {
  [key: string]: Array<number | null>;
}

function push(c: Collected, key: string, v: number | null | undefined): void {
  (c[key] ??= []).push(v ?? null);
}

async function run(
  kind: BrowserKind,
  o: Options,
  server: LocalServer,
  bigUrl: (n: number) => string,
): Promise<void> {
  const want = (g: Group) => !o.only || o.only.has(g);
  const chromium = kind === 'chromium';
  const launch = chromium ? launchChromiumBench : launchFirefoxBench;
  const withExt = await launch(true, o.build[kind], SETTINGS);
  const without = await launch(false, o.build[kind], SETTINGS);
  const c: Collected = {};
  /** The article's windows, run by run, for its floor. */
  const windows: number[] = [];
  const big = o.quick ? 300 : 2000;
  const quiet = o.quick ? 1000 : 1200;
  const steadyMs = o.quick ? 2000 : 6000;
  const articleUrl = `${server.origin}/bench/article.html`;
  const log = (s: string) => process.stderr.write(`[${kind}] ${s}\n`);
  try {
    for (let i = 0; i < o.runs; i++) {
      if (want('article')) {
        log(`article run ${i + 1}/${o.runs}`);
        // This load finds when the extension is done with the page (it asks the content script and the
        // page's registry every 100 ms, and traces): its answers, not its main-thread time, which the asking
        // and the trace inflate. The main-thread rows come from loads that neither ask nor wait for
        // anything, with and without the extension alike, over the same window.
        const w = await load(withExt, articleUrl, null, quiet);
        if (want('card')) {
          const r = await card(w.page, 'first');
          push(c, 'card.article', r.latency);
          push(c, 'card.article.task', r.task);
          push(c, 'card.article.dwell', r.dwell);
        }
        await w.page.close();
        for (const traced of [false, true]) {
          const pair: Array<[BenchBrowser, string]> = [
            [withExt, 'with'],
            [without, 'without'],
          ];
          if (i % 2) pair.reverse();
          for (const [b, side] of pair) {
            const l = await load(b, articleUrl, w.settledAt, quiet, traced ? 'sampled' : 'none');
            await l.page.close();
            if (traced) push(c, `article.wall.${side}`, l.mainWall);
            else push(c, `article.${side}`, l.mainThread);
          }
        }
        windows.push(w.settledAt);
        push(c, 'article.longest', w.longestExtTask);
        push(c, 'article.longest.wall', w.longestExtWall);
        push(c, 'article.names', w.names);
        push(c, 'article.mentions', w.mentions);
      }
      if (
        want('load') ||
        want('steady') ||
        want('insert') ||
        want('card') ||
        want('panel') ||
        want('follow')
      ) {
        log(`${big}-update live blog run ${i + 1}/${o.runs}`);
        const url = bigUrl(big);
        // The underline times from a load of their own, traced without the CPU samples, which slow the
        // extension's script most (see README, Performance); closed before the others open.
        const times = await load(withExt, url, null, quiet, 'events');
        await times.page.close();
        const w = await load(withExt, url, null, quiet);
        const wo = await load(without, url, w.settledAt, quiet);
        for (const [k, v] of Object.entries({
          viewport: times.viewportAt,
          known: times.knownAt,
          longest: w.longestExtTask,
          'longest.wall': w.longestExtWall,
          names: w.names,
          mentions: w.mentions,
          'heap.with': w.heap,
          'heap.without': wo.heap,
          'main.with': w.mainThread,
          'main.without': wo.mainThread,
          'wall.with': w.mainWall,
          'wall.without': wo.mainWall,
        }))
          push(c, `big.${k}`, v);
        c.origin = [times.origin === 'script' ? 1 : 0];
        if (want('steady')) {
          log('steady state');
          for (const [tag, l] of [
            ['with', w],
            ['without', wo],
          ] as const) {
            // One new update arrives while the reader is away from it: the marker and the pill show.
            await l.page.evaluate(() => window.__page.insert(1));
            await sleep(1500);
            await l.page.evaluate(() => window.__bench.watch(false));
            if (tag === 'with')
              push(
                c,
                'steady.hosts',
                await l.page.evaluate(() => document.querySelectorAll('[data-backstory-host]').length),
              );
            await sleep(300);
            push(c, `steady.idle.${tag}`, await perSecond(l.page, steadyMs));
            await l.page.evaluate(() => window.__page.startEdits(200));
            await sleep(1000);
            push(c, `steady.edits.${tag}`, await perSecond(l.page, steadyMs));
            await l.page.evaluate(() => window.__page.stopEdits());
          }
        }
        if (want('insert')) {
          log('live insertions');
          for (const [tag, l] of [
            ['with', w],
            ['without', wo],
          ] as const) {
            // Untraced first: the main-thread work and the time to the underline (a trace's sampling would
            // add to both); then traced, for the tasks.
            const one = await insert(l.page, 1, 2000, false);
            const hundred = await insert(l.page, 100, 3000, false);
            const oneTraced = await insert(l.page, 1, 2000);
            const hundredTraced = await insert(l.page, 100, 3000);
            push(c, `ins1.main.${tag}`, one.mainThread);
            push(c, `ins100.main.${tag}`, hundred.mainThread);
            push(c, `ins1.any.${tag}`, oneTraced.longestTask);
            push(c, `ins100.any.${tag}`, hundredTraced.longestTask);
            if (tag === 'with') {
              push(c, 'ins1.longest', oneTraced.longestExtTask);
              push(c, 'ins1.underline', one.underlinedAfter);
              push(c, 'ins100.longest', hundredTraced.longestExtTask);
              push(c, 'ins100.longest.wall', hundredTraced.longestExtWall);
              push(c, 'ins100.underline', hundred.underlinedAfter);
            }
          }
        }
        if (want('card')) {
          log('cards');
          for (const [key, which] of [
            ['card.big', 'first'],
            ['card.most', 'most'],
          ] as const) {
            const r = await card(w.page, which);
            push(c, key, r.latency);
            push(c, `${key}.task`, r.task);
            push(c, `${key}.dwell`, r.dwell);
          }
          if (withExt.ask) {
            log('a card and its Wikipedia answer (the local mock)');
            // A page of its own: the content script keeps the answers of the cards it opened.
            await withExt.ask('settings:set', { wikipedia: true, ...mockEndpoints(server) });
            try {
              const fresh = await load(withExt, url, null, quiet, 'none');
              const r = await card(fresh.page, 'first', true);
              await fresh.page.close();
              push(c, 'card.answer', r.answer);
              push(c, 'card.answer.frame', r.answerFrame);
              push(c, 'card.answer.task', r.answerTask);
            } finally {
              await withExt.ask('settings:set', SETTINGS);
            }
          }
        }
        if (want('panel') && chromium) {
          log('story panel');
          const r = await panel(withExt, w.page, url);
          push(c, 'panel.longest', r?.longest);
          push(c, 'panel.wall', r?.wall);
          push(c, 'panel.main', r?.main);
        }
        if (want('follow')) {
          log('followed blogs checked in the background');
          const r = await followChecks(withExt, w.page, server, i, o.quick);
          push(c, 'follow.longest', r?.longest);
          push(c, 'follow.ext', r?.extTotal);
          push(c, 'follow.main', r?.main);
          for (const k of r?.checks ?? []) {
            push(c, 'follow.check', k.total);
            push(c, 'follow.fetch', k.fetch);
            push(c, 'follow.parse', k.parse);
          }
        }
        await w.page.close();
        await wo.page.close();
      }
    }
    if (chromium && windows.length) await articleFloor(without, o.build[kind], articleUrl, windows, quiet, c);
    // The table first: the series is long, and a cut-off run still leaves the main figures.
    report(kind, o, c, [], big);
    const sizes = o.quick ? [100, 200, 400] : [500, 1000, 2000, 4000];
    const seriesRuns = o.quick ? 1 : Math.max(1, Math.floor(o.runs / 5));
    const series: Series = [];
    if (want('series')) {
      for (const size of sizes) {
        const s: Collected = {};
        for (let i = 0; i < seriesRuns; i++) {
          log(`series: ${size} updates, run ${i + 1}/${seriesRuns}`);
          const w = await load(withExt, bigUrl(size), null, quiet);
          const wo = await load(without, bigUrl(size), w.settledAt, quiet);
          push(s, 'with', w.mainThread);
          push(s, 'without', wo.mainThread);
          push(s, 'known', w.knownAt);
          push(s, 'longest', w.longestExtTask);
          // The page's own idle cost is in both windows; the pill is not showing yet on this fresh visit.
          // One insertion's added work is a few ms against the page's tens: pairs, run against run.
          for (let k = 0; k < SERIES_INSERTIONS; k++) {
            const iw = await insert(w.page, 1, 2000, false);
            const iwo = await insert(wo.page, 1, 2000, false);
            push(
              s,
              'ins',
              iw.mainThread != null && iwo.mainThread != null ? iw.mainThread - iwo.mainThread : null,
            );
          }
          await w.page.close();
          await wo.page.close();
        }
        series.push({
          size,
          chars: textSize(liveBlogHtml(size, TEXTS)),
          added: summarize(differences(s.with, s.without)),
          known: summarize(s.known),
          longest: summarize(s.longest),
          insertion: summarize(s.ins),
        });
      }
    }
    if (series.length) report(kind, o, null, series, big);
  } finally {
    await withExt.close();
    await without.close();
  }
}

/**
 * The article's floor (Chromium, the browser its budget is for): the article's untraced loads again, over
 * each run's window, by profiles whose build has a floor's script in the content script's place, each run
 * against a load without the extension of its own. Its browsers are open only meanwhile: no other row is
 * measured beside them.
 */
async function articleFloor(
  without: BenchBrowser,
  build: string,
  url: string,
  windows: readonly number[],
  quiet: number,
  c: Collected,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-floor-'));
  const floors: Array<[BenchBrowser, Floor | null]> = [];
  try {
    for (const f of FLOORS)
      floors.push([await launchChromiumBench(true, floorBuild(build, f, join(dir, f.id)), SETTINGS), f]);
    for (const [i, until] of windows.entries()) {
      process.stderr.write(`[chromium] article's floor, run ${i + 1}/${windows.length}\n`);
      const order: Array<[BenchBrowser, Floor | null]> = [[without, null], ...floors];
      if (i % 2) order.reverse();
      for (const [b, f] of order) {
        const l = await load(b, url, until, quiet, 'none');
        await l.page.close();
        push(c, `article.floor.${f?.id ?? 'without'}`, l.mainThread);
        if (!f) continue;
        push(c, `article.floor.${f.id}.mentions`, l.mentions);
        if (f.draws && !l.mentions)
          throw new Error(`${f.file} drew no name by the window's end: has names:detect changed?`);
      }
    }
  } finally {
    for (const [b] of floors) await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

let TEXTS: string[] = [];
type Series = Array<{
  size: number;
  chars: number;
  added: Summary | null;
  known: Summary | null;
  longest: Summary | null;
  insertion: Summary | null;
}>;

/** Said of a task's wall time: on a 2-core machine under a trace, the thread waits for a core inside tasks. */
const WALL = "(trace; stretched by the machine's load)";

function report(kind: BrowserKind, o: Options, c: Collected | null, series: Series, big: number): void {
  const want = (g: Group) => !o.only || o.only.has(g);
  const chromium = kind === 'chromium';
  const budget = (b: number | null) => (chromium ? b : null);
  if (!c) return reportSeries(kind, o, series);
  const rows: Row[] = [];
  const add = (
    what: string,
    w: Summary | null,
    wo: Summary | null,
    added: Summary | null,
    unit: string,
    limit: number | null,
    limitText: string,
  ) => {
    const b = budget(limit);
    rows.push({
      what,
      with: fmt(w, unit),
      without: wo === undefined ? '—' : fmt(wo, unit),
      added: fmt(added, unit, wo !== undefined),
      budget: b == null ? (chromium ? '—' : `(Chromium: ${limitText})`) : limitText,
      verdict: verdict(added, b),
    });
  };
  const S = (k: string) => summarize(c[k] ?? []);
  const D = (a: string, b: string) => summarize(differences(c[a] ?? [], c[b] ?? []));
  const NONE = undefined as unknown as Summary;
  const from = c.origin?.[0]
    ? 'after the content script starts'
    : 'after DOMContentLoaded (content-script start not observable here)';
  if (want('article')) {
    const names = S('article.names');
    add(
      `ordinary article (${ARTICLE.replace('real/', '')}: ${names ? names.median : '?'} entities, ${S('article.mentions')?.median ?? '?'} mentions underlined, those in and near the viewport): main-thread time during load`,
      S('article.with'),
      S('article.without'),
      D('article.with', 'article.without'),
      'ms',
      20,
      '≤ 20 ms',
    );
    // What the budget leaves: the same loads with a short script in the content script's place.
    for (const f of FLOORS) {
      const k = `article.floor.${f.id}`;
      if (c[k])
        add(
          `ordinary article, for comparison: ${f.what} (scripts/bench-floor/${f.file}; ${S(`${k}.mentions`)?.median ?? '?'} mentions drawn) in place of the content script: main-thread time during load`,
          S(k),
          S('article.floor.without'),
          D(k, 'article.floor.without'),
          'ms',
          null,
          '—',
        );
    }
    add(
      "ordinary article: main-thread wall time during load (trace; stretched by the machine's load)",
      S('article.wall.with'),
      S('article.wall.without'),
      D('article.wall.with', 'article.wall.without'),
      'ms',
      20,
      '≤ 20 ms',
    );
    add(
      'ordinary article: longest extension task (thread time)',
      S('article.longest'),
      NONE,
      S('article.longest'),
      'ms',
      50,
      '≤ 50 ms',
    );
    add(
      `ordinary article: longest extension task, wall time ${WALL}`,
      S('article.longest.wall'),
      NONE,
      S('article.longest.wall'),
      'ms',
      null,
      '—',
    );
  }
  const bigName = `${big.toLocaleString('en')}-update live blog (${(textSize(liveBlogHtml(big, TEXTS)) / 1e6).toFixed(2)} M chars: ${S('big.names')?.median ?? '?'} entities, ${S('big.mentions')?.median ?? '?'} mentions underlined in and near the viewport)`;
  if (want('load') || want('steady') || want('insert') || want('card')) {
    add(
      `${bigName}: names in the first viewport underlined, ${from}`,
      S('big.viewport'),
      NONE,
      S('big.viewport'),
      'ms',
      200,
      '≤ 200 ms',
    );
    add(
      `${bigName}: every name known, ${from}`,
      S('big.known'),
      NONE,
      S('big.known'),
      'ms',
      1500,
      '≤ 1,500 ms',
    );
    add(
      `${bigName}: main-thread time during load`,
      S('big.main.with'),
      S('big.main.without'),
      D('big.main.with', 'big.main.without'),
      'ms',
      null,
      '—',
    );
    add(
      `${bigName}: main-thread wall time during load (trace)`,
      S('big.wall.with'),
      S('big.wall.without'),
      D('big.wall.with', 'big.wall.without'),
      'ms',
      null,
      '—',
    );
    add(
      `${bigName}: longest extension task (thread time)`,
      S('big.longest'),
      NONE,
      S('big.longest'),
      'ms',
      50,
      '≤ 50 ms',
    );
    add(
      `${bigName}: longest extension task, wall time ${WALL}`,
      S('big.longest.wall'),
      NONE,
      S('big.longest.wall'),
      'ms',
      null,
      '—',
    );
    add(
      `${bigName}: JS heap after GC`,
      S('big.heap.with'),
      S('big.heap.without'),
      D('big.heap.with', 'big.heap.without'),
      'MB',
      15,
      '≤ 15 MB',
    );
  }
  if (want('steady')) {
    const hosts = S('steady.hosts');
    add(
      `same page, idle, one new update flagged (extension hosts on the page: ${hosts?.median ?? '?'}): main thread per second over ${o.quick ? 2 : 6} s`,
      S('steady.idle.with'),
      S('steady.idle.without'),
      D('steady.idle.with', 'steady.idle.without'),
      'ms/s',
      5,
      '≤ 5 ms/s',
    );
    add(
      `same page, the page edits a text node every 200 ms: main thread per second over ${o.quick ? 2 : 6} s`,
      S('steady.edits.with'),
      S('steady.edits.without'),
      D('steady.edits.with', 'steady.edits.without'),
      'ms/s',
      25,
      '≤ 25 ms/s',
    );
  }
  if (want('insert')) {
    add(
      'one live insertion: main-thread work (untraced; 2 s window, less the ongoing rate measured just before)',
      S('ins1.main.with'),
      S('ins1.main.without'),
      D('ins1.main.with', 'ins1.main.without'),
      'ms',
      16,
      '≤ 16 ms',
    );
    add(
      'one live insertion: longest extension task (thread time)',
      S('ins1.longest'),
      NONE,
      S('ins1.longest'),
      'ms',
      null,
      '—',
    );
    add(
      "one live insertion: longest task of any kind (the page's own rendering of it included; traced)",
      S('ins1.any.with'),
      S('ins1.any.without'),
      D('ins1.any.with', 'ins1.any.without'),
      'ms',
      null,
      '—',
    );
    add(
      'one live insertion: underlined after insertion (untraced)',
      S('ins1.underline'),
      NONE,
      S('ins1.underline'),
      'ms',
      300,
      '≤ 300 ms',
    );
    add(
      '100 insertions at once: main-thread work (untraced; 3 s window, less the ongoing rate)',
      S('ins100.main.with'),
      S('ins100.main.without'),
      D('ins100.main.with', 'ins100.main.without'),
      'ms',
      50,
      '≤ 50 ms',
    );
    add(
      '100 insertions at once: longest extension task (thread time)',
      S('ins100.longest'),
      NONE,
      S('ins100.longest'),
      'ms',
      50,
      '≤ 50 ms',
    );
    add(
      `100 insertions at once: longest extension task, wall time ${WALL}`,
      S('ins100.longest.wall'),
      NONE,
      S('ins100.longest.wall'),
      'ms',
      null,
      '—',
    );
    add(
      "100 insertions at once: longest task of any kind (the page's own rendering of them included; traced)",
      S('ins100.any.with'),
      S('ins100.any.without'),
      D('ins100.any.with', 'ins100.any.without'),
      'ms',
      null,
      '—',
    );
    add(
      '100 insertions at once: underlined after insertion (untraced)',
      S('ins100.underline'),
      NONE,
      S('ins100.underline'),
      'ms',
      null,
      '—',
    );
  }
  if (want('card')) {
    for (const [key, what] of [
      ['card.article', 'small page (the article)'],
      ['card.big', 'big page, a name in view'],
      ['card.most', 'big page, the most-mentioned name'],
    ] as const) {
      add(
        `card with local data, ${what}: hover delay's end → dialog at a frame`,
        S(key),
        NONE,
        S(key),
        'ms',
        16,
        '≤ 16 ms',
      );
      if (chromium) {
        add(
          `card with local data, ${what}: the task that draws it (trace, thread time)`,
          S(`${key}.task`),
          NONE,
          S(`${key}.task`),
          'ms',
          16,
          '≤ 16 ms',
        );
        add(
          `card with local data, ${what}: longest other extension task while the pointer rests (trace, thread time)`,
          S(`${key}.dwell`),
          NONE,
          S(`${key}.dwell`),
          'ms',
          50,
          '≤ 50 ms',
        );
      }
    }
    const answer = 'card on the big page, its Wikipedia answer (the local mock)';
    if (chromium)
      add(
        `${answer}: answer in the page → its layer at a frame (from the start of the task that receives and draws it; trace)`,
        S('card.answer'),
        NONE,
        S('card.answer'),
        'ms',
        FRAME_MS,
        '≤ 1 frame (16.7 ms)',
      );
    add(
      `${answer}: layer drawn → at a frame (the page's clock)`,
      S('card.answer.frame'),
      NONE,
      S('card.answer.frame'),
      'ms',
      null,
      '—',
    );
    if (chromium)
      add(
        `${answer}: the task that receives and draws it (trace, thread time)`,
        S('card.answer.task'),
        NONE,
        S('card.answer.task'),
        'ms',
        null,
        '—',
      );
  }
  if (want('panel') && chromium) {
    add(
      `story panel opened on the ${big}-update page (cast sent, the top name selected, 10 mentions stepped): longest extension task on the page (thread time)`,
      S('panel.longest'),
      NONE,
      S('panel.longest'),
      'ms',
      50,
      '≤ 50 ms (no long task)',
    );
    add(
      `story panel, same: longest extension task, wall time ${WALL}`,
      S('panel.wall'),
      NONE,
      S('panel.wall'),
      'ms',
      null,
      '—',
    );
    add(
      'story panel, same: extension main-thread work on the page (less the page’s own rate)',
      S('panel.main'),
      NONE,
      S('panel.main'),
      'ms',
      null,
      '—',
    );
  }
  if (want('follow')) {
    const f = o.quick ? FOLLOW_QUICK : FOLLOW;
    const where = chromium ? 'the offscreen document' : 'the background page';
    add(
      `${f.blogs} followed blogs of ${f.updates} updates (local server), one background check of each finding ${f.gain} new, the ${big}-update page open in a tab: longest extension task on that page (thread time)`,
      S('follow.longest'),
      NONE,
      S('follow.longest'),
      'ms',
      50,
      '≤ 50 ms',
    );
    add(
      'same: extension main-thread time on that page during the checks (trace)',
      S('follow.ext'),
      NONE,
      S('follow.ext'),
      'ms',
      5,
      '≈ 0 (≤ 5 ms)',
    );
    add(
      'same: the page’s main-thread work above its own rate (CDP)',
      S('follow.main'),
      NONE,
      S('follow.main'),
      'ms',
      null,
      '—',
    );
    add(
      `one blog’s check, in the background (request, parse in ${where}, store; ${f.updates} updates, ${f.gain} new)`,
      S('follow.check'),
      NONE,
      S('follow.check'),
      'ms',
      1000,
      '≤ 1,000 ms (off every page’s thread)',
    );
    add(
      `of which the parse (${chromium ? `${where}, its round trip` : where})`,
      S('follow.parse'),
      NONE,
      S('follow.parse'),
      'ms',
      null,
      '—',
    );
    add(
      'of which the request (to the last byte)',
      S('follow.fetch'),
      NONE,
      S('follow.fetch'),
      'ms',
      null,
      '—',
    );
  }
  if (want('size')) {
    const bytes = gzippedContentScript(o.build[kind]);
    const s = summarize([bytes / 1000]);
    rows.push({
      what: `content script, gzipped (${o.build[kind].replace(/.*\/\.output\//, '.output/')})`,
      with: `${(bytes / 1000).toFixed(1)} kB (${(bytes / 1024).toFixed(1)} KiB)`,
      without: '—',
      added: `${(bytes / 1000).toFixed(1)} kB`,
      budget: chromium ? '≤ 150 kB' : '(Chromium: ≤ 150 kB)',
      verdict: chromium ? verdict(s, 150) : '—',
    });
    for (const [name, file] of Object.entries(PAGE_SCRIPTS) as Array<[PagePart, string]>) {
      const what = PAGE_SCRIPT_ROWS[name];
      const part = gzipSync(readFileSync(join(o.build[kind], file)), { level: 9 }).length;
      rows.push({
        what: `${what}, gzipped: put in when a page first needs it`,
        with: `${(part / 1000).toFixed(1)} kB (${(part / 1024).toFixed(1)} KiB)`,
        without: '—',
        added: `${(part / 1000).toFixed(1)} kB`,
        budget: '—',
        verdict: '—',
      });
    }
  }
  console.log(
    `\n## ${kind === 'chromium' ? 'Chromium' : 'Firefox ESR'}: ${o.runs} alternating runs with and without the extension${o.quick ? ' (--quick: small pages, a smoke test)' : ''}\n`,
  );
  if (!chromium)
    console.log(
      'Firefox ESR: no CDP over WebDriver BiDi, so main-thread time, extension tasks and heap are n/a; times count from DOMContentLoaded; budgets are for Chromium.\n',
    );
  console.log(table(rows));
}

function reportSeries(kind: BrowserKind, o: Options, series: Series): void {
  const chromium = kind === 'chromium';
  const cdp = (s: string) => (chromium ? s : 'n/a (no CDP over BiDi)');
  console.log(
    `\nCosts from ${series[0].size} to ${series.at(-1)!.size} updates (${o.quick ? 1 : Math.max(1, Math.floor(o.runs / 5))} run(s) per size, pairs with and without, ${SERIES_INSERTIONS} insertions each; extension adds = with − without):\n`,
  );
  console.log(
    '| updates | text | main-thread time added during load | every name known | longest extension task (thread time) | one insertion: main-thread work added |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const s of series)
    console.log(
      `| ${s.size.toLocaleString('en')} | ${(s.chars / 1e6).toFixed(2)} M chars | ${chromium ? fmt(s.added, 'ms', true) : cdp('')} | ${fmt(s.known, 'ms')} | ${chromium ? fmt(s.longest, 'ms') : cdp('')} | ${chromium ? fmt(s.insertion, 'ms', true) : cdp('')} |`,
    );
  const sizes = series.map((s) => s.size);
  /**
   * `floor`: a cost that stays within this at the largest size passes whatever its steps say (a few ms of
   * difference between two runs is noise, and its ratios are noise too).
   */
  const line = (what: string, costs: Array<Summary | null>, floor: number | null = null) => {
    const m = costs.map((x) => x?.median ?? null);
    const overall = scaling(sizes, m);
    const each = steps(sizes, m);
    const g = growthVerdict(sizes, m, floor);
    const mark =
      !chromium || !g.verdict
        ? ''
        : g.withinFloor
          ? ` PASS (${num(m.at(-1)!)} at the largest size, within its ${num(floor!)} budget)`
          : ` ${g.verdict}`;
    return `  ${what}: per step ${each.map((x) => (x == null ? 'n/a' : `${x.toFixed(2)}×`)).join(', ')}; first to last ${overall == null ? 'n/a' : `${overall.toFixed(2)}×`}${mark}`;
  };
  console.log(
    '\nGrowth of the cost against the growth in size (1× = linear, 2× per doubling = quadratic; the verdict reads the last step, where fixed costs weigh least, PASS up to 1.1× for noise):',
  );
  if (chromium)
    console.log(
      line(
        'load main-thread time added',
        series.map((s) => s.added),
      ),
    );
  console.log(
    line(
      'every name known',
      series.map((s) => s.known),
    ),
  );
  if (chromium)
    console.log(
      line(
        'one insertion',
        series.map((s) => s.insertion),
        16,
      ),
    );
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (!ensureBrowsers(o.browsers)) process.exit(1);
  for (const k of o.browsers) {
    if (!statSync(join(o.build[k], 'manifest.json'), { throwIfNoEntry: false }))
      throw new Error(`No build in ${o.build[k]}: run "npm run build:test" first.`);
  }
  TEXTS = paragraphs(readFileSync(join(SHARED, 'fixtures/eaworldview-syria-daily.html'), 'utf8'));
  const server = await startServer();
  const article = inert(readFileSync(join(SHARED, 'fixtures', ARTICLE), 'utf8'));
  server.route('/bench/article.html', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(article);
  });
  const pages = new Map<number, string>();
  const bigUrl = (n: number) => {
    if (!pages.has(n)) {
      const html = liveBlogHtml(n, TEXTS);
      pages.set(n, html);
      server.route(`/bench/live-${n}.html`, (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(html);
      });
    }
    return `${server.origin}/bench/live-${n}.html`;
  };
  const load0 = loadavg();
  const t0 = Date.now();
  console.log(
    `# npm run bench:page — load average (1, 5, 15 min) at start: ${load0.map((l) => l.toFixed(2)).join(', ')} on a shared 2-core machine`,
  );
  console.log(
    `Builds: ${o.browsers.map((k) => `${k} ${o.build[k]}`).join('; ')}.${o.browsers.includes('chromium') ? " Chromium: main-thread time = CDP TaskDuration (thread time) of the page's renderer; extension tasks from a trace." : ''}`,
  );
  try {
    for (const k of o.browsers) await run(k, o, server, bigUrl);
  } finally {
    await server.close();
  }
  console.log(
    `\nload average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}; ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
}

if (process.argv[1] && /bench-page\.ts$/.test(process.argv[1])) await main();
