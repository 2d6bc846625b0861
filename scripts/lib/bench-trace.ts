/**
 * Reading a Chromium trace for `npm run bench:page`: the page's main thread (found by a user-timing mark
 * the page makes), its top-level tasks, and which of them ran extension script. A task counts as the
 * extension's when any event inside it on that thread names a chrome-extension:// (or moz-extension://)
 * script: compile, evaluate, function call, event listener. A rendering update (a task that pre-paints
 * or commits a frame) runs whether or not the extension is there: in one, only the extension's own
 * script counts (its animation-frame and observer callbacks, with any layout they force), not the page's
 * style, layout and paint around it. Layout and paint the extension causes later run in the page's tasks
 * and are caught by the with-minus-without totals instead.
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
  /**
   * Top-level tasks that ran extension script, in page time; a rendering update's duration is the
   * extension's script inside it.
   */
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
  const own = events
    .filter((e) => e.pid === mark.pid && e.tid === mark.tid)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks: TraceEvent[] = [];
  const extensionTasks: TaskSpan[] = [];
  let firstMark: number | null = null;
  // One pass in time order: each event belongs to the top-level task open when it starts.
  let task: TraceEvent | null = null;
  let ext = 0;
  let extEnd = -Infinity;
  let rendering = false;
  let touched = false;
  const close = () => {
    if (task && touched)
      extensionTasks.push({ start: page(task.ts), dur: (rendering ? ext : task.dur!) / 1000 });
    task = null;
  };
  for (const e of own) {
    const isTask = e.ph === 'X' && e.name === 'RunTask' && typeof e.dur === 'number';
    if (isTask && (!task || e.ts >= task.ts + task.dur!)) {
      close();
      task = e;
      tasks.push(e);
      ext = 0;
      extEnd = -Infinity;
      rendering = false;
      touched = false;
      continue;
    }
    const isExt = !!e.args && EXTENSION_URL.test(JSON.stringify(e.args));
    if (isExt && firstMark == null) firstMark = e.ts;
    if (!task || e.ts > task.ts + task.dur!) continue;
    if (isExt) {
      touched = true;
      if (e.ts >= extEnd) {
        ext += e.dur ?? 0;
        extEnd = e.ts + (e.dur ?? 0);
      }
    } else if (e.ts >= extEnd && (e.name === 'PrePaint' || e.name === 'Commit')) rendering = true;
  }
  close();
  return {
    extensionStart: firstMark == null ? null : page(firstMark),
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
