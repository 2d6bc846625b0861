// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../scripts/lib/bench-options';
import {
  CHARS_PER_UPDATE,
  entryHtml,
  inert,
  liveBlogHtml,
  paragraphs,
  POOL,
  textSize,
} from '../../scripts/lib/bench-pages';
import {
  differences,
  fmt,
  growthVerdict,
  scaling,
  steps,
  summarize,
  table,
  verdict,
} from '../../scripts/lib/bench-stats';
import {
  analyzeTrace,
  extensionSamples,
  spanAt,
  spanStats,
  type TraceEvent,
} from '../../scripts/lib/bench-trace';
import { SHARED } from '../../scripts/lib/server';

describe('bench:page figures', () => {
  it('summarizes runs as median and range, skipping what was not measured', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
    expect(summarize([4, 1, 3, 10])).toEqual({ median: 3.5, min: 1, max: 10, n: 4 });
    expect(summarize([null, 2, undefined, Number.NaN])).toEqual({ median: 2, min: 2, max: 2, n: 1 });
    expect(summarize([null])).toBeNull();
  });

  it('subtracts without from with, run against run', () => {
    expect(differences([10, 12, null], [4, 5, 1])).toEqual([6, 7, null]);
    expect(summarize(differences([393, 400, 350], [10, 9, 11]))).toEqual({
      median: 383,
      min: 339,
      max: 391,
      n: 3,
    });
  });

  it('formats a figure with its range, a sign on differences, and n/a when unmeasured', () => {
    expect(fmt({ median: 393, min: 346, max: 492, n: 5 }, 'ms', true)).toBe('+393 ms [+346–492]');
    expect(fmt({ median: 4.25, min: 3.5, max: 6, n: 5 }, 'ms/s')).toBe('4.3 ms/s [3.5–6.0]');
    expect(fmt({ median: 16.2, min: 16.2, max: 16.2, n: 1 }, 'MB', true)).toBe('+16.2 MB');
    expect(fmt({ median: -2, min: -3, max: 1, n: 3 }, 'ms', true)).toBe('-2.0 ms [-3.0–1.0]');
    expect(fmt(null)).toBe('n/a');
  });

  it('passes a budget only when the median is within it', () => {
    const s = (median: number) => ({ median, min: median - 10, max: median + 10, n: 5 });
    expect(verdict(s(20), 20)).toBe('PASS');
    expect(verdict(s(20.1), 20)).toBe('FAIL');
    expect(verdict(s(16), 16, '<')).toBe('FAIL');
    expect(verdict(null, 20)).toBe('n/a');
    expect(verdict(s(1), null)).toBe('—');
  });

  it('prints a Markdown table with a verdict per row', () => {
    const out = table([
      {
        what: 'article',
        with: '400 ms',
        without: '7 ms',
        added: '+393 ms',
        budget: '≤ 20 ms',
        verdict: 'FAIL',
      },
    ]);
    expect(out.split('\n')).toEqual([
      '| what | with extension | without | extension adds | budget |  |',
      '| --- | --- | --- | --- | --- | --- |',
      '| article | 400 ms | 7 ms | +393 ms | ≤ 20 ms | FAIL |',
    ]);
  });

  it('reads the series growth against the growth in size', () => {
    expect(scaling([500, 1000, 2000, 4000], [10, 20, 40, 80])).toBe(1);
    expect(scaling([500, 4000], [10, 640])).toBe(8);
    expect(scaling([500, 4000], [null, 5])).toBeNull();
    // Per step: a linear cost gives 1, a quadratic one 2 for each doubling.
    expect(steps([500, 1000, 2000, 4000], [10, 20, 40, 80])).toEqual([1, 1, 1]);
    expect(steps([500, 1000, 2000, 4000], [1, 4, 16, 64])).toEqual([2, 2, 2]);
    expect(steps([500, 1000], [0, 4])).toEqual([null]);
  });

  it('passes growth on the last step, or on a cost still within its budget at the largest size', () => {
    const sizes = [500, 1000, 2000, 4000];
    expect(growthVerdict(sizes, [10, 20, 40, 80])).toEqual({ verdict: 'PASS', withinFloor: false });
    expect(growthVerdict(sizes, [1, 4, 16, 64])).toEqual({ verdict: 'FAIL', withinFloor: false });
    // One insertion's few ms, the difference of two runs: its ratios are noise, its size is not.
    expect(growthVerdict(sizes, [-7.7, 17, 2.1, 12], 16)).toEqual({ verdict: 'PASS', withinFloor: true });
    expect(growthVerdict(sizes, [-7.7, 17, 2.1, 24], 16)).toEqual({ verdict: 'FAIL', withinFloor: false });
    expect(growthVerdict(sizes, [1, 4, 16, 64], 16)).toEqual({ verdict: 'FAIL', withinFloor: false });
    expect(growthVerdict(sizes, [null, null, null, null])).toEqual({ verdict: null, withinFloor: false });
  });
});

describe('bench:page pages', () => {
  const seed = readFileSync(join(SHARED, 'fixtures/eaworldview-syria-daily.html'), 'utf8');
  const texts = paragraphs(seed);

  it('takes the seed page’s prose, with its names', () => {
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.join(' ')).toContain('Yıldırım');
    expect(texts.every((t) => !/[<>]/.test(t))).toBe(true);
  });

  it('generates a 2,000-update live blog of about 1.2 M characters in WordPress Liveblog markup', () => {
    const html = liveBlogHtml(2000, texts);
    const size = textSize(html);
    expect(size).toBeGreaterThan(1.1e6);
    expect(size).toBeLessThan(1.3e6);
    expect(html.match(/<article id="id_\d+" class="liveblog-entry">/g)).toHaveLength(2000);
    // Newest first, and the page script holds the entries it will insert later.
    expect(html.indexOf('id="id_2000"')).toBeLessThan(html.indexOf('id="id_1"'));
    expect(html).toContain('id=\\"id_2001\\"');
    expect(html).toContain(`id=\\"id_${2000 + POOL}\\"`);
  });

  it('sizes the series pages in proportion to their updates', () => {
    const sizes = [500, 1000, 2000, 4000].map((n) => textSize(liveBlogHtml(n, texts)) / n);
    for (const perUpdate of sizes) expect(Math.abs(perUpdate - CHARS_PER_UPDATE)).toBeLessThan(60);
  });

  it('keeps an entry’s text near its size and names whole', () => {
    const entry = entryHtml(7, texts);
    const text = entry.replace(/<[^>]+>/g, '');
    expect(text.length).toBeGreaterThan(CHARS_PER_UPDATE - 60);
    expect(text.length).toBeLessThan(CHARS_PER_UPDATE + 120);
  });

  it('serves a saved page inert: no script, no refresh', () => {
    const out = inert('<html><head><meta http-equiv="refresh" content="30"></head><body></body></html>');
    expect(out).not.toContain('refresh');
    expect(out).toContain("script-src 'none'");
  });
});

describe('bench:page trace reading', () => {
  const ev = (e: Partial<TraceEvent>): TraceEvent => ({
    name: 'x',
    cat: 'devtools.timeline',
    ph: 'X',
    ts: 0,
    pid: 1,
    tid: 1,
    ...e,
  });
  const events = [
    // The page's clock mark: trace 1,000,000 µs = page 100 ms.
    ev({
      name: 'bench-sync',
      cat: 'blink.user_timing',
      ph: 'I',
      ts: 1_000_000,
      args: { data: { startTime: 100 } },
    }),
    ev({ name: 'RunTask', cat: 'disabled-by-default-devtools.timeline', ts: 1_010_000, dur: 5_000 }),
    // 80 ms of wall time, 30 of them run by the thread (it waited for a core the rest).
    ev({
      name: 'RunTask',
      cat: 'disabled-by-default-devtools.timeline',
      ts: 1_020_000,
      dur: 80_000,
      tdur: 30_000,
    }),
    ev({
      name: 'FunctionCall',
      ts: 1_030_000,
      dur: 70_000,
      args: { data: { url: 'chrome-extension://abc/content-scripts/content.js' } },
    }),
    ev({ name: 'RunTask', cat: 'disabled-by-default-devtools.timeline', ts: 1_200_000, dur: 30_000 }),
    ev({
      name: 'FunctionCall',
      ts: 1_201_000,
      dur: 1_000,
      args: { data: { url: 'http://127.0.0.1/page.js' } },
    }),
    // Another renderer's extension task is not the page's.
    ev({
      name: 'RunTask',
      cat: 'disabled-by-default-devtools.timeline',
      ts: 1_300_000,
      dur: 90_000,
      pid: 2,
      tid: 2,
    }),
    ev({
      name: 'FunctionCall',
      ts: 1_300_100,
      dur: 1_000,
      pid: 2,
      tid: 2,
      args: { data: { url: 'chrome-extension://abc/background.js' } },
    }),
  ];

  it('finds the extension’s tasks on the page’s main thread, on the page’s clock', () => {
    const facts = analyzeTrace(events)!;
    expect(facts.extensionStart).toBe(130);
    expect(facts.extensionTasks).toEqual([{ start: 120, dur: 80, cpu: 30 }]);
    expect(facts.tasks).toHaveLength(3);
    // A task without thread time in the trace counts its wall time as its thread time.
    expect(spanStats(facts.tasks)).toEqual({ longest: 80, longestCpu: 30, total: 115, count: 3 });
    expect(spanStats(facts.tasks, 150).total).toBe(30);
  });

  it('names the task running at a moment on the page’s clock (what a mutation observer read inside it)', () => {
    const spans = [
      { start: 10, dur: 5, cpu: 4 },
      { start: 20, dur: 8, cpu: 6 },
    ];
    expect(spanAt(spans, 12)).toBe(spans[0]);
    expect(spanAt(spans, 20)).toBe(spans[1]);
    // The observer runs as the task ends; the two clocks differ by a fraction of a millisecond.
    expect(spanAt(spans, 28.4)).toBe(spans[1]);
    expect(spanAt(spans, 17)).toBeUndefined();
    expect(spanAt(spans, 29)).toBeUndefined();
    expect(spanAt(spans, 9.9)).toBeUndefined();
  });

  it('in a rendering update, counts only the extension’s own script (the page’s pre-paint is the page’s)', () => {
    const ext = { data: { url: 'chrome-extension://abc/content-scripts/content.js' } };
    const frame = [
      events[0],
      ev({ name: 'RunTask', cat: 'disabled-by-default-devtools.timeline', ts: 1_010_000, dur: 90_000 }),
      ev({ name: 'FireAnimationFrame', ts: 1_010_000, dur: 7_000 }),
      ev({ name: 'FunctionCall', ts: 1_010_500, dur: 6_000, tdur: 5_000, args: ext }),
      // Layout forced inside the extension's callback is the extension's (it is nested in its call).
      ev({ name: 'Layout', ts: 1_012_000, dur: 2_000 }),
      ev({ name: 'PrePaint', ts: 1_020_000, dur: 60_000 }),
      ev({ name: 'FunctionCall', ts: 1_081_000, dur: 1_000, args: ext }),
      ev({ name: 'Commit', ts: 1_090_000, dur: 5_000 }),
      // The extension's own timer task, forcing a pre-paint inside its call, is the extension's whole.
      ev({
        name: 'RunTask',
        cat: 'disabled-by-default-devtools.timeline',
        ts: 1_200_000,
        dur: 30_000,
        tdur: 12_000,
      }),
      ev({ name: 'TimerFire', ts: 1_200_000, dur: 29_000 }),
      ev({ name: 'FunctionCall', ts: 1_200_100, dur: 20_000, args: ext }),
      ev({ name: 'PrePaint', ts: 1_205_000, dur: 3_000 }),
    ];
    // In thread time as well: the extension's calls' own (5 + 1 ms), and the timer task's whole.
    expect(analyzeTrace(frame)!.extensionTasks).toEqual([
      { start: 110, dur: 7, cpu: 6 },
      { start: 300, dur: 30, cpu: 12 },
    ]);
  });

  it('counts a task that only runs microtasks as the extension’s when its CPU samples are', () => {
    const url = 'chrome-extension://abc/content-scripts/content.js';
    // Samples every 1 ms from trace 1,400,000 µs: (program), then the extension's function (node 3, under
    // node 2 whose frame has no URL), then a page function. Written from the sampler's thread (tid 9).
    const profile = [
      ev({ name: 'Profile', ph: 'P', ts: 1_400_000, id: '0x1', args: { data: { startTime: 1_400_000 } } }),
      ev({
        name: 'ProfileChunk',
        ph: 'P',
        tid: 9,
        ts: 1_400_000,
        id: '0x1',
        args: {
          data: {
            cpuProfile: {
              nodes: [
                { id: 1, callFrame: { functionName: '(root)' } },
                { id: 2, parent: 1, callFrame: { functionName: 'walk', url } },
                { id: 3, parent: 2, callFrame: { functionName: 'createTreeWalker' } },
                { id: 4, parent: 1, callFrame: { functionName: 'f', url: 'http://127.0.0.1/page.js' } },
              ],
              samples: [1, 3, 3, 2, 4],
            },
            timeDeltas: [10_000, 1_000, 1_000, 1_000, 1_000],
          },
        },
      }),
      // The same profile id in another renderer is another profile.
      ev({ name: 'ProfileChunk', ph: 'P', pid: 2, tid: 9, ts: 1_400_000, id: '0x1', args: { data: {} } }),
    ];
    expect(extensionSamples(profile, 1, 1)).toEqual([
      [1_411_000, 1_000],
      [1_412_000, 1_000],
      [1_413_000, 1_000],
    ]);
    const microtasks = [
      events[0],
      ...profile,
      ev({ name: 'RunTask', cat: 'disabled-by-default-devtools.timeline', ts: 1_410_500, dur: 20_000 }),
      ev({ name: 'RunMicrotasks', ts: 1_410_500, dur: 19_000 }),
      // A later task, with no sample of extension script in it, is the page's.
      ev({ name: 'RunTask', cat: 'disabled-by-default-devtools.timeline', ts: 1_440_000, dur: 5_000 }),
    ];
    expect(analyzeTrace(microtasks)!.extensionTasks).toEqual([{ start: 510.5, dur: 20, cpu: 20 }]);
    // Without the samples the task goes unseen (what the events alone showed).
    expect(analyzeTrace(microtasks.filter((e) => !e.name.startsWith('Profile')))!.extensionTasks).toEqual([]);
  });

  it('says nothing without the clock mark', () => {
    expect(analyzeTrace(events.slice(1))).toBeNull();
  });
});

describe('bench:page options', () => {
  it('defaults to 5 runs in Chromium, and --quick to 2', () => {
    expect(parseArgs([])).toMatchObject({ runs: 5, quick: false, browsers: ['chromium'], only: null });
    expect(parseArgs(['--quick'])).toMatchObject({ runs: 2, quick: true });
    expect(
      parseArgs(['--runs', '7', '--browser', 'both', '--only', 'article,card', '--build', '/x']),
    ).toMatchObject({
      runs: 7,
      browsers: ['chromium', 'firefox'],
      only: new Set(['article', 'card']),
      build: { chromium: '/x' },
    });
    expect(parseArgs(['--only', 'panel,follow']).only).toEqual(new Set(['panel', 'follow']));
    expect(() => parseArgs(['--only', 'nope'])).toThrow(/--only/);
    expect(() => parseArgs(['--runs', '0'])).toThrow(/--runs/);
  });
});
