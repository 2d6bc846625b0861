/**
 * Throughput of the detector and of `compromise` on the same text (≥ 1 MB), peak memory, and what the
 * detector adds to the content script as the extension's build ships it. Run: `npm run bench`
 * (`-- --size` for the sizes alone).
 *
 * The page text is extracted once with happy-dom, as the content script reads it; each system is then
 * timed in a fresh process of its own, so neither happy-dom's garbage nor the other system's heap weighs
 * on its timings. The machine is shared: the load average is printed with the figures.
 *
 * Sizes come from a real production build (WXT, Chrome, into a temporary folder): the content script's
 * file as it ships, and the code of the modules under src/detect that the bundler put into it, as the
 * bundler reports them per module.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const MB = 1024 * 1024;
const ROUNDS = 15;
const WARMUPS = 5;

interface Timing {
  wall: number;
  cpu: number;
}
interface Result {
  time: Timing;
  found: number;
  peakRss: number;
  peakHeap: number;
  cold?: number;
  slowest?: number;
  retained?: number;
}

/**
 * Best of `rounds` timed runs after warm-ups (the JIT needs a few passes), in seconds of wall time and of
 * this process's CPU time: the machine is shared, so the minimum is the signal.
 */
function time(run: () => void, rounds: number, warmups: number, sample: () => void): Timing {
  for (let i = 0; i < warmups; i++) run();
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < rounds; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    wall = Math.min(wall, performance.now() - t0);
    cpu = Math.min(cpu, process.cpuUsage(c0).user / 1000);
    sample();
  }
  return { wall: wall / 1000, cpu: cpu / 1000 };
}

/** What one built script holds of the detector. */
interface Share {
  /** The script's file as it ships: bytes, gzipped bytes. */
  bytes: number;
  gzipped: number;
  /**
   * Modules under src/detect in it (paths from src/detect) with the bytes of their code as bundled, and
   * that code minified and gzipped on its own.
   */
  modules: Array<[string, number]>;
  detectBytes: number;
  detectGzipped: number;
}

interface RenderedChunk {
  type: string;
  fileName: string;
  modules?: Record<string, { renderedLength: number; code: string | null }>;
}

/**
 * A production build into a temporary folder, in this (fresh) process; prints, as JSON, the detector's
 * share of the content script and of the other scripts that run the detector. The share is the code of the
 * modules under src/detect as the bundler rendered them into the file, minified and gzipped on its own
 * (compressed alone it cannot borrow from the rest of the file, so this is not less than what it adds).
 */
async function sizes(): Promise<void> {
  const { build } = await import('wxt');
  const { transform } = await import('esbuild');
  const out = mkdtempSync(join(tmpdir(), 'bench-build-'));
  const detect = `${fileURLToPath(new URL('../src/detect/', import.meta.url))}`;
  const chunks = new Map<string, RenderedChunk['modules']>();
  const quiet = () => {};
  try {
    await build({
      outDir: out,
      logger: {
        debug: quiet,
        info: quiet,
        log: quiet,
        success: quiet,
        warn: console.warn,
        error: console.error,
        fatal: console.error,
        level: 0,
      } as never,
      vite: () => ({
        plugins: [
          {
            name: 'bench-module-sizes',
            generateBundle(_: unknown, bundle: Record<string, RenderedChunk>) {
              for (const c of Object.values(bundle))
                if (c.type === 'chunk') chunks.set(c.fileName, c.modules);
            },
          },
        ],
      }),
    });
    const share = async (fileName: string): Promise<Share> => {
      const file = readFileSync(join(out, 'chrome-mv3', fileName));
      const modules = Object.entries(chunks.get(fileName) ?? {}).filter(([id]) => id.startsWith(detect));
      const code = modules.length
        ? (await transform(modules.map(([, m]) => m.code ?? '').join('\n'), { minify: true, loader: 'js' }))
            .code
        : '';
      return {
        bytes: file.length,
        gzipped: gzipSync(file, { level: 9 }).length,
        modules: modules.map(([id, m]) => [id.slice(detect.length), m.renderedLength]),
        detectBytes: Buffer.byteLength(code),
        detectGzipped: gzipSync(code, { level: 9 }).length,
      };
    };
    const content = await share('content-scripts/content.js');
    if (!content.bytes) throw new Error('no content script built');
    // Pages' blocks are detected in the background; the offscreen document reads followed pages with its own copy.
    const workers = [...chunks.keys()].filter(
      (f) => f === 'background.js' || f.startsWith('chunks/offscreen'),
    );
    const figures = {
      content,
      workers: await Promise.all(
        workers.map(async (f) => [f.replace(/-[\w-]+\.js$/, '.js'), await share(f)]),
      ),
    };
    console.log(`\nbench-sizes ${JSON.stringify(figures)}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The detector's engine and lexicon (paths from src/detect): the background's, never the content script's. */
const ENGINE = /^(?:index|lexicon|scan|resolve|retype|tokenize)\.ts$|^data\/(?:core|retype)\.json$/;

const kb = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);

/** The size rows: built in a fresh process (the build's own output goes nowhere). */
function sizeReport(script: string): string[] {
  // The build's progress goes to stdout too: the figures are the line marked as ours.
  const printed = execFileSync(process.execPath, [...process.execArgv, script, '--sizes'], {
    encoding: 'utf8',
    maxBuffer: 16 * MB,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const { content, workers } = JSON.parse(/^bench-sizes (.*)$/m.exec(printed)![1]) as {
    content: Share;
    workers: Array<[string, Share]>;
  };
  // The engine and its lexicon run in the background: in the content script they fail whatever their size
  // (the lexicon alone is under the budget, and would still be loaded on every page).
  const engine = content.modules.map(([f]) => f).filter((f) => ENGINE.test(f));
  const ok = content.detectGzipped <= 150 * 1024 && !engine.length;
  const list = (s: Share) =>
    s.modules.length ? s.modules.map(([f, n]) => `${f} ${n} B`).join(', ') : 'none';
  return [
    `content script (production build, Chrome, content-scripts/content.js): ${kb(content.bytes)} minified, ${kb(content.gzipped)} gzipped`,
    `  the detector's share of it (its src/detect modules as bundled, minified and gzipped on their own): ${kb(content.detectBytes)}, ${kb(content.detectGzipped)} gzipped  ${ok ? 'PASS' : 'FAIL'} (target ≤ 150 KB, and none of the engine or its lexicon${engine.length ? `: holds ${engine.join(', ')}` : ''}); modules: ${list(content)}`,
    ...workers.map(
      ([f, s]) =>
        `  information: ${f} ${kb(s.bytes)} minified, ${kb(s.gzipped)} gzipped; src/detect in it: ${kb(s.detectBytes)}, ${kb(s.detectGzipped)} gzipped (${s.modules.length} modules)`,
    ),
  ];
}

/** One system over the blocks in `file`, in this (fresh) process; prints its Result as JSON. */
async function measure(system: string, file: string): Promise<void> {
  const { blocks, unique } = JSON.parse(readFileSync(file, 'utf8')) as { blocks: string[]; unique: string[] };
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  if (system === 'compromise') {
    const nlp = (await import('compromise')).default;
    const text = blocks.join('\n\n');
    let found = 0;
    const t = time(
      () => {
        const doc = nlp(text);
        found = doc.people().length + doc.places().length + doc.organizations().length;
      },
      2,
      1,
      sample,
    );
    console.log(JSON.stringify({ time: t, found, peakRss, peakHeap } satisfies Result));
    return;
  }
  const { createPageDetector } = await import('../src/detect');
  type PageDetector = ReturnType<typeof createPageDetector>;
  type PageEntities = ReturnType<PageDetector['resolve']>;
  // Cold start first: the first detector builds the lexicon (word sets, phrase tables) once per page.
  const cold0 = performance.now();
  createPageDetector().add('Turkish Prime Minister Binali Yıldırım visited Ankara.');
  const cold = performance.now() - cold0;
  let found = 0;
  const t = time(
    () => {
      const d = createPageDetector();
      for (const b of blocks) d.add(b);
      found = d.resolve().blocks.reduce((n, ms) => n + ms.length, 0);
    },
    ROUNDS,
    WARMUPS,
    sample,
  );
  // What one page's detector holds on to: the heap it and its resolved page keep, measured as what a
  // collection frees once they are dropped (the lexicon's memos, shared by every page, stay out of it).
  let retained: number | undefined;
  if (gc) {
    let page: { d: PageDetector; kept: PageEntities } | undefined;
    const d = createPageDetector();
    for (const b of blocks) d.add(b);
    page = { d, kept: d.resolve() };
    if (!page.kept.entities.size) throw new Error('no entities');
    gc();
    const held = process.memoryUsage().heapUsed;
    page = undefined;
    gc();
    retained = held - process.memoryUsage().heapUsed;
  }
  // The slowest single block, against the 50 ms budget of one add().
  let slowest = 0;
  const d = createPageDetector();
  for (const b of unique) {
    const t0 = performance.now();
    d.add(b);
    slowest = Math.max(slowest, performance.now() - t0);
  }
  console.log(
    JSON.stringify({ time: t, found, peakRss, peakHeap, cold, slowest, retained } satisfies Result),
  );
}

async function main(): Promise<void> {
  const { htmlBlocks } = await import('../tests/detect/html');
  const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));
  // Real English news text (the shared saved pages and the seed), as the content script reads it, repeated to ≥ 1 MB.
  const pages = [
    'eaworldview-syria-daily.html',
    ...readdirSync(`${SHARED}fixtures/real`)
      .filter((f) => /^(bbc|cnn|guardian|nbcnews|nytimes|reuters|corkbeo)-.*\.html$/.test(f))
      .map((f) => `real/${f}`),
  ];
  const unique: string[] = [];
  for (const page of pages) unique.push(...htmlBlocks(readFileSync(`${SHARED}fixtures/${page}`, 'utf8')));
  const blocks: string[] = [];
  let size = 0;
  while (size < MB) {
    for (const b of unique) {
      blocks.push(b);
      size += b.length;
    }
  }
  const mb = Buffer.byteLength(blocks.join('\n\n'), 'utf8') / MB;
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const file = join(dir, 'blocks.json');
  writeFileSync(file, JSON.stringify({ blocks, unique }));
  const script = fileURLToPath(import.meta.url);
  const run = (system: string): Result =>
    JSON.parse(
      execFileSync(process.execPath, [...process.execArgv, script, '--measure', system, file], {
        encoding: 'utf8',
        maxBuffer: 16 * MB,
      }),
    );
  const load0 = loadavg();
  const ours = run('ours');
  const theirs = run('compromise');
  rmSync(dir, { recursive: true });

  const sizeRows = sizeReport(script);

  const ok = (b: boolean) => (b ? 'PASS' : 'FAIL');
  const ratio = theirs.time.wall / ours.time.wall;
  const speed = mb / ours.time.wall;
  console.log(
    `load average (1, 5, 15 min) at start: ${load0.map((l) => l.toFixed(2)).join(', ')} on 2 cores; at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  console.log(
    `text: ${mb.toFixed(2)} MB (${blocks.length} blocks from ${pages.length} pages); each system timed in a fresh process`,
  );
  console.log(
    `backstory:  ${speed.toFixed(1).padStart(7)} MB/s  (best of ${ROUNDS} after ${WARMUPS} warm-ups: ${(ours.time.wall * 1000).toFixed(0)} ms wall, ${(ours.time.cpu * 1000).toFixed(0)} ms CPU = ${(mb / ours.time.cpu).toFixed(1)} MB/s of CPU; ${ours.found} mentions)  ${ok(speed >= 10)} (target ≥ 10 MB/s)`,
  );
  console.log(
    `compromise: ${(mb / theirs.time.wall).toFixed(2).padStart(7)} MB/s  (best of 2: ${(theirs.time.wall * 1000).toFixed(0)} ms wall, ${(theirs.time.cpu * 1000).toFixed(0)} ms CPU; ${theirs.found} names)`,
  );
  console.log(`ratio:      ${ratio.toFixed(0).padStart(7)}×  ${ok(ratio >= 50)} (target ≥ 50×)`);
  console.log(
    `first add() on a page, building the lexicon: ${ours.cold!.toFixed(0)} ms; slowest single block afterwards: ${ours.slowest!.toFixed(2)} ms (budget 50 ms)`,
  );
  console.log(
    `peak memory while the detector ran: RSS ${(ours.peakRss / MB).toFixed(0)} MB, heap ${(ours.peakHeap / MB).toFixed(0)} MB (compromise: RSS ${(theirs.peakRss / MB).toFixed(0)} MB, heap ${(theirs.peakHeap / MB).toFixed(0)} MB)`,
  );
  console.log(
    `heap retained by one resolved detector over the ${mb.toFixed(2)} MB text: ${ours.retained === undefined ? 'n/a (run with --expose-gc)' : `${(ours.retained / MB).toFixed(1)} MB`}`,
  );
  for (const line of sizeRows) console.log(line);
}

const at = process.argv.indexOf('--measure');
if (at >= 0) await measure(process.argv[at + 1], process.argv[at + 2]);
else if (process.argv.includes('--sizes')) await sizes();
else if (process.argv.includes('--size'))
  for (const line of sizeReport(fileURLToPath(import.meta.url))) console.log(line);
else await main();
