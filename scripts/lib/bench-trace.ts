/**
 * Reading a Chromium trace for `npm run bench:page`: the page's main thread (found by a user-timing mark
 * the page makes), its top-level tasks, and which of them ran extension script. A task counts as the
 * extension's when any event inside it on that thread names a chrome-extension:// (or moz-extension://)
 * script: compile, evaluate, function call, event listener. Layout and paint the extension causes later
 * run in the page's tasks and are caught by the with-minus-without totals instead.
 */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, any>;
}

export interface TaskSpan {
  start: number;
  dur: number;
}

export interface TraceFacts {
  /** Page time (ms, the page's performance.now()) when extension script first ran on the page's thread. */
  extensionStart: number | null;
  /** Top-level tasks that ran extension script, in page time. */
  extensionTasks: TaskSpan[];
  /** Every top-level task of the page's main thread, in page time. */
  tasks: TaskSpan[];
}

const EXTENSION_URL = /(chrome|moz)-extension:\/\//;

export function analyzeTrace(events: ReadonlyArray<TraceEvent>, syncMark = 'bench-sync'): TraceFacts | null {
  const mark = events.find(
    (e) =>
      e.name === syncMark &&
      e.cat.includes('blink.user_timing') &&
      typeof e.args?.data?.startTime === 'number',
  );
  if (!mark) return null;
  // Trace clock (µs) to page clock (ms).
  const offset = mark.args!.data.startTime - mark.ts / 1000;
  const page = (ts: number) => ts / 1000 + offset;
  const own = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid);
  const tasks = own
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts);
  const marks = own
    .filter((e) => e.args && EXTENSION_URL.test(JSON.stringify(e.args)))
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const extensionTasks: TaskSpan[] = [];
  let m = 0;
  for (const t of tasks) {
    while (m < marks.length && marks[m] < t.ts) m++;
    if (m < marks.length && marks[m] <= t.ts + t.dur!)
      extensionTasks.push({ start: page(t.ts), dur: t.dur! / 1000 });
  }
  return {
    extensionStart: marks.length ? page(marks[0]) : null,
    extensionTasks,
    tasks: tasks.map((t) => ({ start: page(t.ts), dur: t.dur! / 1000 })),
  };
}

/** Longest and total duration of the spans that start inside [from, to) (page time). */
export function spanStats(
  spans: ReadonlyArray<TaskSpan>,
  from = -Infinity,
  to = Infinity,
): { longest: number; total: number; count: number } {
  let longest = 0;
  let total = 0;
  let count = 0;
  for (const s of spans) {
    if (s.start < from || s.start >= to) continue;
    longest = Math.max(longest, s.dur);
    total += s.dur;
    count++;
  }
  return { longest, total, count };
}
