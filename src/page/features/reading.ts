/**
 * Reading state for a live blog's updates: reports them to the background, marks them seen while the
 * reader reads (dwell rule), and keeps unacknowledged marks until the background confirms (a stopped
 * service worker loses nothing).
 */
import { firstLine } from '../../liveblog';
import type { LiveUpdate } from '../../liveblog/types';
import { ask } from '../../messaging/client';
import { DwellTracker, type Visibility } from '../../reading/dwell';
import type { PageState } from '../../reading/types';
import type { PageSession } from '../session';

const TICK_MS = 200;
const FLUSH_MS = 400;

export interface ReadingHandle {
  state(): PageState | null;
  /** Re-report after the updates changed (live insertion). */
  refresh(): Promise<void>;
  apply(state: PageState): void;
  onChange(listener: (state: PageState) => void): void;
}

export function runReading(session: PageSession, signal: AbortSignal): ReadingHandle {
  const doc = session.doc;
  const win = doc.defaultView!;
  const visit = crypto.randomUUID();
  const tracker = new DwellTracker();
  const pending = new Set<string>();
  let current: PageState | null = null;
  let flushing = false;
  const listeners = new Set<(s: PageState) => void>();

  const updates = (): LiveUpdate[] => session.liveblog?.updates ?? [];

  const apply = (state: PageState) => {
    current = state;
    for (const u of state.updates) {
      if (u.state === 'seen') tracker.settle(u.id);
      else if (u.manual) tracker.reset(u.id);
    }
    for (const l of listeners) l(state);
  };

  const report = async () => {
    const list = updates();
    const state = await ask('page:report', {
      url: doc.location.href,
      visit,
      title: doc.title,
      isLiveBlog: !!session.liveblog,
      updates: list.map((u) => ({ id: u.id, label: u.label, time: u.time, firstLine: firstLine(u.text) })),
    });
    apply(state);
  };

  const flush = async () => {
    if (flushing || !pending.size) return;
    flushing = true;
    const ids = [...pending];
    try {
      const state = await ask('updates:mark', { url: doc.location.href, ids, state: 'seen', manual: false });
      for (const id of ids) pending.delete(id);
      if (state) apply(state);
    } catch {
      // The background was stopped or restarting: keep the ids and try again on the next flush.
    } finally {
      flushing = false;
    }
  };

  // Visibility of each update: the sum over its elements of their visible heights.
  const visibility = (): Map<string, Visibility> => {
    const out = new Map<string, Visibility>();
    const vh = win.innerHeight;
    for (const u of updates()) {
      if (u.hidden) continue;
      let visible = 0;
      let height = 0;
      for (const el of u.elements) {
        const r = el.getBoundingClientRect();
        height += r.height;
        visible += Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
      }
      out.set(u.id, { visible, height });
    }
    return out;
  };

  // Only input from the reader counts as reading; a scroll the browser restores after a reload does not.
  const engage = (e: Event) => {
    if (e.isTrusted) tracker.engage();
  };
  for (const type of ['wheel', 'keydown', 'pointerdown', 'touchstart', 'pointermove']) {
    win.addEventListener(type, engage, { passive: true, capture: true, signal });
  }

  const tick = () => {
    if (!session.liveblog || !session.settings.autoSeen) return;
    const now = performance.now();
    const seen = tracker.tick(now, visibility(), win.innerHeight, doc.visibilityState === 'visible');
    for (const id of seen) pending.add(id);
  };
  const ticker = setInterval(tick, TICK_MS);
  const flusher = setInterval(() => void flush(), FLUSH_MS);
  doc.addEventListener('visibilitychange', () => void flush(), { signal });
  win.addEventListener('pagehide', () => void flush(), { signal });
  signal.addEventListener('abort', () => {
    clearInterval(ticker);
    clearInterval(flusher);
  });

  void report().catch(() => undefined);

  return {
    state: () => current,
    refresh: () => report().catch(() => undefined),
    apply,
    onChange: (l) => void listeners.add(l),
  };
}
