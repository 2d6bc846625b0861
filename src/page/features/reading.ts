/**
 * Reading state for a live blog's updates: reports them to the background, marks them seen while the
 * reader reads (dwell rule, `src/reading/dwell.ts`), keeps unacknowledged marks until the background
 * confirms them (a stopped service worker loses nothing), and draws what is new in the page (markers and
 * the "N new" pill, `markers.ts`).
 *
 * What is flagged in the page: an update the reader has not seen that was not there at their first visit.
 * On a first visit the updates already there are the backlog: counted in the badge and the popup, never
 * flagged (a flag on every entry says nothing); from then on every update that arrives, live or while the
 * reader was away, is flagged until seen. Updates that arrived during this page load keep a hollow flag
 * once seen, so the reader still sees where the new part began.
 */
import { firstLine } from '../../liveblog';
import type { LiveUpdate } from '../../liveblog/types';
import { ask } from '../../messaging/client';
import { DwellTracker, type Visibility } from '../../reading/dwell';
import type { PageState, UpdateSummary, UpdateView } from '../../reading/types';
import { aliasOf, aliasRecord, storedId, type Aliases } from '../../reading/keys';
import { canonicalUrl } from '../../shared/url';
import type { Feature, PageContext, ReadingService } from '../context';
import { randomId } from '../ids';
import type { MarkerBox, Overlay } from './markers';

const TICK_MS = 200;
const FLUSH_MS = 400;
/** Room left above an update we jump to, for the sticky headers most news sites have. */
const JUMP_MARGIN = 72;

export interface ReadingHandle extends ReadingService {
  state(): PageState | null;
  /** The page's updates changed (live insertion, edit): re-report if what the background knows changed. */
  updatesChanged(): void;
  apply(state: PageState): void;
  /** The reader cleared their reading data: this page is new to Backstory again. */
  reset(): void;
  /** Scroll to an update (popup, pill) and flash its outline. */
  jump(id: string): boolean;
  /** The pill: scroll to the first update flagged new. */
  jumpToFirstNew(): void;
}

interface Box {
  update: LiveUpdate;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Height on screen, and full height (zero while the page hides the update). */
  visible: number;
  height: number;
}

export function runReading(session: PageContext, signal: AbortSignal): ReadingHandle {
  const doc = session.doc;
  const win = doc.defaultView!;
  // The page this session reads: after a soft navigation, nothing of it is sent for the next URL.
  const url = session.url;
  const visit = randomId();
  const tracker = new DwellTracker();
  const pending = new Set<string>();
  let current: PageState | null = null;
  let views = new Map<string, UpdateView>();
  let aliases: Aliases = aliasRecord();
  let flushing = false;
  /** Ids in the first report of this load, and those the first answer called fresh. */
  let firstIds: Set<string> | null = null;
  const freshHere = new Set<string>();
  let reported = '';
  let reporting: Promise<void> | null = null;
  let reportAgain = false;
  /** The last report did not reach the background: the flusher sends it again. */
  let reportLost = true;
  let lastNewCount = -1;

  const updates = (): LiveUpdate[] => session.liveblog?.updates ?? [];
  const idOf = (u: LiveUpdate): string => aliasOf(aliases, storedId(u.id)) ?? storedId(u.id);

  // Drawn by the markers feature, which may be off (it failed) without stopping reading.
  const overlay: Overlay = {
    update: (model) => session.emit('overlay', model),
    flash: (box) => session.emit('flash', box),
  };

  const summaries = (): UpdateSummary[] =>
    updates().map((u) => ({ id: u.id, label: u.label, time: u.time, firstLine: firstLine(u.text) }));

  const apply = (state: PageState) => {
    // A tab that went on to another page may still be told about the one it showed before.
    if (signal.aborted || state.url !== canonicalUrl(url)) return;
    current = state;
    aliases = aliasRecord(state.aliases);
    views = new Map(state.updates.map((u) => [u.id, u]));
    for (const u of state.updates) {
      if (u.state === 'seen') tracker.settle(u.id);
      else if (u.manual) tracker.reset(u.id);
    }
    render();
  };

  const report = async (): Promise<void> => {
    const list = summaries();
    if (signal.aborted) return;
    const state = await ask('page:report', {
      url,
      visit,
      title: doc.title,
      isLiveBlog: !!session.liveblog,
      updates: list,
    });
    reported = JSON.stringify(list);
    reportLost = false;
    if (!firstIds) {
      firstIds = new Set(list.map((u) => aliasOf(state.aliases, storedId(u.id)) ?? storedId(u.id)));
      for (const u of state.updates) if (u.fresh) freshHere.add(u.id);
    } else {
      for (const u of state.updates) if (!firstIds.has(u.id)) freshHere.add(u.id);
    }
    apply(state);
  };

  /** One report at a time; changes during one are sent right after it. Failures are retried by the flusher. */
  const sendReport = (): Promise<void> => {
    if (reporting) {
      reportAgain = true;
      return reporting;
    }
    reporting = report()
      .catch(() => void (reportLost = true))
      .finally(() => {
        reporting = null;
        if (reportAgain) {
          reportAgain = false;
          void sendReport();
        }
      });
    return reporting;
  };

  const flush = async () => {
    if (reportLost && !reporting) void sendReport();
    if (flushing || !pending.size) return;
    flushing = true;
    const ids = [...pending];
    try {
      const state = await ask('updates:mark', { url, ids, state: 'seen', manual: false });
      for (const id of ids) pending.delete(id);
      if (state) apply(state);
    } catch {
      // The background was stopped or restarting: keep the ids and try again on the next flush.
    } finally {
      flushing = false;
    }
  };

  /** Where an update is, in viewport coordinates, and how much of it is on screen. */
  const measure = (update: LiveUpdate): Box => {
    const vh = win.innerHeight;
    const box: Box = {
      update,
      top: Infinity,
      bottom: -Infinity,
      left: Infinity,
      right: -Infinity,
      visible: 0,
      height: 0,
    };
    for (const el of update.elements) {
      const r = el.getBoundingClientRect();
      if (!r.height && !r.width) continue;
      box.top = Math.min(box.top, r.top);
      box.bottom = Math.max(box.bottom, r.bottom);
      box.left = Math.min(box.left, r.left);
      box.right = Math.max(box.right, r.right);
      box.height += r.height;
      box.visible += Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
    }
    return box;
  };
  const geometry = (): Box[] => updates().map(measure);

  /** A box in document coordinates, for the overlay. */
  const onPage = (b: Box) => ({
    top: b.top + win.scrollY,
    left: b.left + win.scrollX,
    width: b.right - b.left,
    height: b.bottom - b.top,
  });

  const markerKind = (id: string): MarkerBox['kind'] | null => {
    const v = views.get(id);
    if (!v) return null;
    if (v.state === 'new' && !v.backlog) return 'new';
    if (v.state === 'seen' && freshHere.has(id)) return 'seen';
    return null;
  };

  /** The first flagged update in page order that the page shows; else where the page reveals hidden ones. */
  const firstNewTarget = (boxes: Box[]): { el: Element; box?: Box } | null => {
    const flagged = boxes.filter((b) => markerKind(idOf(b.update)) === 'new');
    const shown = flagged.find((b) => b.height > 0);
    if (shown) return { el: shown.update.elements[0], box: shown };
    if (!flagged.length) return null;
    const at = session.liveblog?.revealAt ?? session.liveblog?.container;
    return at ? { el: at } : null;
  };

  const render = (boxes = geometry()) => {
    const markers: MarkerBox[] = [];
    let count = 0;
    for (const b of boxes) {
      const kind = markerKind(idOf(b.update));
      if (kind === 'new') count++;
      if (!kind || b.height <= 0) continue;
      markers.push({ id: idOf(b.update), kind, ...onPage(b) });
    }
    const target = count ? firstNewTarget(boxes) : null;
    const targetTop = target?.box?.top ?? target?.el.getBoundingClientRect().top ?? 0;
    drawing = markers.length > 0 || count > 0;
    overlay.update({
      markers,
      pill: count ? { count, direction: targetTop > win.innerHeight ? 'down' : 'up' } : null,
      announce: lastNewCount >= 0 && count > lastNewCount ? count - lastNewCount : 0,
    });
    lastNewCount = count;
  };

  const scrollTo = (el: Element) => {
    el.scrollIntoView({ block: 'start', behavior: 'instant' as ScrollBehavior });
    const top = el.getBoundingClientRect().top;
    if (top < JUMP_MARGIN) win.scrollBy({ top: top - JUMP_MARGIN, behavior: 'instant' as ScrollBehavior });
  };

  const jumpToFirstNew = () => {
    // The reader asked to go there: that is reading.
    tracker.engage();
    const target = firstNewTarget(geometry());
    if (!target) return;
    scrollTo(target.el);
    if (target.box) overlay.flash(onPage(measure(target.box.update)));
  };

  // Only input from the reader counts as reading; a scroll the browser restores after a reload does not,
  // nor do the synthetic mouse moves some browsers send when content moves under a still pointer.
  const engage = (e: Event) => {
    if (e.isTrusted) tracker.engage();
  };
  for (const type of ['wheel', 'keydown', 'pointerdown', 'touchstart']) {
    win.addEventListener(type, engage, { passive: true, capture: true, signal });
  }

  let drawing = false;
  const tick = () => {
    if (!session.liveblog) return;
    if (doc.visibilityState !== 'visible') {
      // Time in another tab is not reading: an update looked at briefly before does not count on return.
      tracker.pause();
      return;
    }
    if (!session.settings.autoSeen && !drawing) return;
    const boxes = geometry();
    if (session.settings.autoSeen) {
      const visibility = new Map<string, Visibility>(
        boxes.map((b) => [idOf(b.update), { visible: b.visible, height: b.height }]),
      );
      const scroller = doc.scrollingElement ?? doc.documentElement;
      const atEnd = scroller.scrollTop + win.innerHeight >= scroller.scrollHeight - 4;
      for (const id of tracker.tick(performance.now(), visibility, win.innerHeight, atEnd)) pending.add(id);
    }
    render(boxes);
  };
  const ticker = setInterval(tick, TICK_MS);
  const flusher = setInterval(() => void flush(), FLUSH_MS);
  doc.addEventListener('visibilitychange', () => void flush(), { signal });
  win.addEventListener(
    'pagehide',
    (e) => {
      void flush();
      // Leaving for good: the background stops telling this tab about this page. Kept in the back-forward
      // cache instead: it reports again when shown.
      if (!e.persisted) void ask('page:leave', { visit }).catch(() => undefined);
    },
    { signal },
  );
  win.addEventListener('pageshow', (e) => e.persisted && void sendReport(), { signal });

  // Layout changes (images loading, a revealed update, a narrower window) move the markers at once.
  let frame = 0;
  const relayout = () => {
    if (frame) return;
    frame = win.requestAnimationFrame(() => {
      frame = 0;
      if (session.liveblog) render();
    });
  };
  win.addEventListener('resize', relayout, { passive: true, signal });
  // A page whose content scrolls inside an element, not the document: markers must follow that scroll.
  doc.addEventListener('scroll', (e) => e.target !== doc && relayout(), {
    passive: true,
    capture: true,
    signal,
  });
  const resizes = new ResizeObserver(relayout);
  if (doc.body) resizes.observe(doc.body);
  signal.addEventListener('abort', () => {
    clearInterval(ticker);
    clearInterval(flusher);
    resizes.disconnect();
    if (frame) win.cancelAnimationFrame(frame);
    // The session ended (a soft navigation, the extension stopping): marks still queued go to their own
    // page, and the background stops telling this tab about it.
    if (pending.size)
      void ask('updates:mark', { url, ids: [...pending], state: 'seen', manual: false }).catch(
        () => undefined,
      );
    void ask('page:leave', { visit }).catch(() => undefined);
  });

  void sendReport();

  return {
    state: () => current,
    updatesChanged() {
      if (JSON.stringify(summaries()) !== reported) void sendReport();
      relayout();
    },
    apply,
    jumpToFirstNew,
    reset() {
      pending.clear();
      for (const u of updates()) tracker.reset(idOf(u));
      aliases = aliasRecord();
      firstIds = null;
      freshHere.clear();
      reported = '';
      void sendReport();
    },
    jump(id) {
      const update = updates().find((u) => u.id === id || idOf(u) === id);
      if (!update) return false;
      tracker.engage();
      if (measure(update).height <= 0) {
        // Kept hidden by the page (Guardian's pending updates): go where the page reveals them.
        const at = session.liveblog?.revealAt ?? session.liveblog?.container;
        if (at) scrollTo(at);
        return true;
      }
      scrollTo(update.elements[0]);
      overlay.flash(onPage(measure(update)));
      return true;
    },
  };
}

/** The reading feature: runs while the page is a live blog (found at start or later). */
export const readingFeature: Feature = {
  id: 'reading',
  init(ctx, signal) {
    let handle: ReadingHandle | null = null;
    const start = () => {
      handle = runReading(ctx, signal);
      ctx.reading = handle;
    };
    if (ctx.liveblog) start();
    ctx.on('liveblog', (blog) => (blog && !handle ? start() : handle?.updatesChanged()), signal);
    signal.addEventListener('abort', () => {
      if (ctx.reading === handle) ctx.reading = null;
    });
  },
};
