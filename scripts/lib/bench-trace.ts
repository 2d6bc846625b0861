/**
 * Reading a Chromium trace for `npm run bench:page`: the page's main thread (found by a user-timing mark
 * the page makes), its top-level tasks, and which of them ran extension script. A task counts as the
 * extension's when any event inside it on that thread names a chrome-extension:// (or moz-extension://)
 * script: compile, evaluate, function call, event listener. A rendering update (a task that pre-paints
 * or commits a frame) runs whether or not the extension is there: in one, only the extension's own
 * script counts (its animation-frame and observer callbacks, with any layout they force), not the page's
 * style, layout and paint around it. Layout and paint the extension causes later run in the page's tasks
 * and are caught by the with-minus-without totals instead.
 *
 * Events alone miss the extension's promise continuations: an answer from the background resumes its
 * async code in a task that holds nothing but `RunMicrotasks`, and no event in it names a script. The
 * trace's CPU samples (category disabled-by-default-v8.cpu_profiler) do: a task in which a sample has
 * extension script on its stack is the extension's too, and in a rendering update those samples count.
 *
 * A task's length is given twice: its wall time, and its thread time (`tdur`: the time the thread ran).
 * On this 2-core machine, under a trace, the page's thread waits its turn for a core inside long tasks:
 * the story panel's longest extension tasks ran 6–9 ms of thread time in 50–79 ms of wall time.
 */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread time (µs) of a complete event: what the thread itself ran. */
  tdur?: number;
  pid: number;
  tid: number;
  /** A profile's id (`Profile` and `ProfileChunk` events). */
  id?: string;
  args?: Record<string, any>;
}

export interface TaskSpan {
  start: number;
  /** Wall time (ms). */
  dur: number;
  /** Thread time (ms): the wall time less the time the thread waited for a core. */
  cpu: number;
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

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string };
}

/**
 * The CPU samples of one thread whose stack holds extension script, as [trace µs, µs until the next
 * sample]. The thread's `Profile` event starts the clock; its `ProfileChunk`s (same pid and id, written
 * from the sampler's thread) add nodes and samples with time deltas.
 */
export function extensionSamples(
  events: ReadonlyArray<TraceEvent>,
  pid: number,
  tid: number,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const profile of events) {
    if (profile.name !== 'Profile' || profile.pid !== pid || profile.tid !== tid) continue;
    const id = profile.id;
    let t = Number(profile.args?.data?.startTime ?? profile.ts);
    const parent = new Map<number, number>();
    const own = new Set<number>();
    const ext = new Map<number, boolean>();
    const isExt = (n: number): boolean => {
      let v = ext.get(n);
      if (v === undefined) {
        const p = parent.get(n);
        v = own.has(n) || (p !== undefined && isExt(p));
        ext.set(n, v);
      }
      return v;
    };
    const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === id);
    let last: [number, number] | null = null;
    for (const chunk of chunks) {
      const data = chunk.args?.data ?? {};
      for (const n of (data.cpuProfile?.nodes ?? []) as ProfileNode[]) {
        if (n.parent !== undefined) parent.set(n.id, n.parent);
        if (n.callFrame?.url && EXTENSION_URL.test(n.callFrame.url)) own.add(n.id);
      }
      const samples: number[] = data.cpuProfile?.samples ?? [];
      const deltas: number[] = data.timeDeltas ?? [];
      for (let k = 0; k < samples.length; k++) {
        t += deltas[k] ?? 0;
        if (last) last[1] = t - last[0];
        last = null;
        if (isExt(samples[k])) out.push((last = [t, 0]));
      }
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** An event's thread time (µs); its wall time where the trace gives none. */
const thread = (e: TraceEvent): number => e.tdur ?? e.dur ?? 0;

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
  let extCpu = 0;
  let extEnd = -Infinity;
  let rendering = false;
  let touched = false;
  /** The extension events' spans in this task, in trace µs. */
  let covered: Array<[number, number]> = [];
  const samples = extensionSamples(events, mark.pid, mark.tid);
  let next = 0;
  const close = () => {
    if (task) {
      // Samples of extension script in this task that no extension event covers.
      const end = task.ts + task.dur!;
      while (next < samples.length && samples[next][0] < task.ts) next++;
      let sampled = 0;
      for (; next < samples.length && samples[next][0] < end; next++) {
        const [at, dur] = samples[next];
        if (!covered.some(([a, b]) => at >= a && at < b)) sampled += Math.min(dur, end - at);
        touched = true;
      }
      // A sample's share is wall time: in a rendering update it stands for thread time as well.
      if (touched)
        extensionTasks.push({
          start: page(task.ts),
          dur: (rendering ? ext + sampled : task.dur!) / 1000,
          cpu: (rendering ? extCpu + sampled : thread(task)) / 1000,
        });
    }
    task = null;
  };
  for (const e of own) {
    const isTask = e.ph === 'X' && e.name === 'RunTask' && typeof e.dur === 'number';
    if (isTask && (!task || e.ts >= task.ts + task.dur!)) {
      close();
      task = e;
      tasks.push(e);
      ext = 0;
      extCpu = 0;
      extEnd = -Infinity;
      rendering = false;
      touched = false;
      covered = [];
      continue;
    }
    const isExt = !!e.args && EXTENSION_URL.test(JSON.stringify(e.args));
    if (isExt && firstMark == null) firstMark = e.ts;
    if (!task || e.ts > task.ts + task.dur!) continue;
    if (isExt) {
      touched = true;
      if (e.ts >= extEnd) {
        ext += e.dur ?? 0;
        extCpu += thread(e);
        extEnd = e.ts + (e.dur ?? 0);
        covered.push([e.ts, extEnd]);
      }
    } else if (e.ts >= extEnd && (e.name === 'PrePaint' || e.name === 'Commit')) rendering = true;
  }
  close();
  return {
    extensionStart: firstMark == null ? null : page(firstMark),
    extensionTasks,
    tasks: tasks.map((t) => ({ start: page(t.ts), dur: t.dur! / 1000, cpu: thread(t) / 1000 })),
  };
}

/**
 * The span running at page time `t` (a mutation observer's callback runs inside the task that made the
 * change, so its clock reading names that task). `slack`: the trace's and the page's clocks differ by a
 * fraction of a millisecond.
 */
export function spanAt(spans: ReadonlyArray<TaskSpan>, t: number, slack = 0.5): TaskSpan | undefined {
  return spans.find((s) => s.start <= t && t <= s.start + s.dur + slack);
}

/**
 * Longest and total wall time of the spans that start inside [from, to) (page time), and the longest
 * thread time (`longestCpu`, which need not be the same span's).
 */
export function spanStats(
  spans: ReadonlyArray<TaskSpan>,
  from = -Infinity,
  to = Infinity,
): { longest: number; longestCpu: number; total: number; count: number } {
  let longest = 0;
  let longestCpu = 0;
  let total = 0;
  let count = 0;
  for (const s of spans) {
    if (s.start < from || s.start >= to) continue;
    longest = Math.max(longest, s.dur);
    longestCpu = Math.max(longestCpu, s.cpu);
    total += s.dur;
    count++;
  }
  return { longest, longestCpu, total, count };
}
