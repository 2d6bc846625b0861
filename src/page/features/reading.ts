/**
 * Reading state for a live blog's updates: reports them to the background (then only what changed),
 * marks them seen while the reader reads (the dwell rule, fed by an IntersectionObserver: `reading/seen.ts`),
 * keeps unacknowledged marks until the background confirms them (a stopped service worker loses nothing),
 * and says what the markers feature should draw (`reading/draw.ts`). Its state is in one place
 * (`ReadingParts`); each unit does one thing and costs nothing while nothing changes.
 */
import { sameElements } from '../../dom/order';
import type { LiveUpdate, UpdatesDelta } from '../../liveblog/types';
import { ask } from '../../messaging/client';
import { DwellTracker } from '../../reading/dwell';
import type { PageChange, PageState, UpdateView } from '../../reading/types';
import type { Feature, PageContext, ReadingService } from '../context';
import { randomId } from '../ids';
import { boxOf, Drawing, onPage, type UpdateIndex } from '../reading/draw';
import { SeenWatch } from '../reading/seen';
import { MarkQueue, Reporter, type ReportAnswer } from '../reading/sync';
import { pageIdOf, ReadingView } from '../reading/view';

/** Room left above an update we jump to, for the sticky headers most news sites have. */
const JUMP_MARGIN = 72;

export interface ReadingHandle extends ReadingService {
  state(): PageState | null;
  /** The page's updates changed (live insertion, edit): report what changed, redraw. */
  updatesChanged(): void;
  apply(state: PageState): void;
  /** The reader cleared their reading data: this page is new to Backstory again. */
  reset(): void;
  /** Scroll to an update (popup, pill) and flash its outline. */
  jump(id: string): boolean;
  /** The pill: scroll to the first update flagged new. */
  jumpToFirstNew(): void;
  /** For tests and benchmarks: what the seen-marking watches now. */
  watching(): SeenWatch['watching'];
}

/** Everything the reading feature keeps for one page load. */
interface ReadingParts {
  session: PageContext;
  win: Window;
  /**
   * The page's key as the background canonicalised it (from the first answer: URLs are canonicalised in
   * the store only). States about another page are ignored: a tab that moved on may still hear of its old one.
   */
  key: string | null;
  view: ReadingView;
  index: UpdateIndex & { byId: Map<string, LiveUpdate> };
  /** The updates as last indexed (the live blog's list). */
  list: readonly LiveUpdate[];
  tracker: DwellTracker;
  seen: SeenWatch;
  marks: MarkQueue;
  reporter: Reporter;
  drawing: Drawing;
}

const updatesOf = (session: PageContext): readonly LiveUpdate[] => session.liveblog?.updates ?? [];

/** Page id → update, rebuilt when the updates change and the live blog cannot say how. */
function reindex(parts: ReadingParts): void {
  parts.index.byId.clear();
  const list = updatesOf(parts.session);
  for (const update of list) parts.index.byId.set(pageIdOf(update), update);
  parts.list = list;
}

/**
 * The live blog's own account of how its list changed (a live insertion, an edit, a removal), taken at
 * the cost of the change: the index and what the seen-marking watches follow the updates added and
 * removed, and nothing is asked of the others. 'edited' when only records of updates kept changed; null
 * when the delta does not fit what is indexed (then the list is indexed again).
 */
function applyDelta(parts: ReadingParts, delta: UpdatesDelta): 'edited' | 'moved' | null {
  const { byId } = parts.index;
  const removed = new Set(delta.removed.map(pageIdOf));
  for (const u of delta.removed) if (byId.get(pageIdOf(u)) !== u) return null;
  for (const u of delta.added) {
    const id = pageIdOf(u);
    if (byId.has(id) && !removed.has(id)) return null;
  }
  for (const u of delta.changed) if (!byId.has(pageIdOf(u)) || removed.has(pageIdOf(u))) return null;
  for (const id of removed) byId.delete(id);
  const watch = new Map<string, readonly Element[]>();
  for (const update of delta.added) {
    const id = pageIdOf(update);
    byId.set(id, update);
    if (watchable(parts, id)) watch.set(id, update.elements);
  }
  for (const u of delta.changed) byId.set(pageIdOf(u), u);
  parts.list = updatesOf(parts.session);
  if (!delta.added.length && !delta.removed.length) return 'edited';
  parts.seen.change(watch, removed);
  return 'moved';
}

/**
 * Whether the updates are the same elements in the same places as indexed; if so, takes their new records.
 * A text edit re-reads its own entry and keeps every other record as it was: those are passed over by
 * identity, so an edit costs its own entries, not the page's.
 */
function sameEntries(parts: ReadingParts): boolean {
  const list = updatesOf(parts.session);
  const before = parts.list;
  const { byId } = parts.index;
  if (list.length !== before.length || list.length !== byId.size) return false;
  const changed: LiveUpdate[] = [];
  for (let at = 0; at < list.length; at++) {
    const u = list[at];
    if (u === before[at]) continue;
    const e = byId.get(pageIdOf(u));
    if (!e || e !== before[at] || !sameElements(e.elements, u.elements)) return false;
    changed.push(u);
  }
  for (const u of changed) byId.set(pageIdOf(u), u);
  parts.list = list;
  return true;
}

/** Whether the seen-marking watches an update: not seen, not kept new by hand, not already being marked. */
const watchable = (parts: ReadingParts, id: string): boolean =>
  parts.session.settings.autoSeen && parts.view.markable(id) && !parts.marks.pending.has(id);

/** What the seen-marking should watch, over every update. */
function watchUnseen(parts: ReadingParts): void {
  const candidates = new Map<string, readonly Element[]>();
  for (const [id, update] of parts.index.byId) if (watchable(parts, id)) candidates.set(id, update.elements);
  parts.seen.sync(candidates);
}

/** What the seen-marking should watch of these updates (the others stay as they are). */
function watchSome(parts: ReadingParts, ids: Iterable<string>): void {
  const add = new Map<string, readonly Element[]>();
  const remove: string[] = [];
  for (const id of ids) {
    const entry = parts.index.byId.get(id);
    if (entry && watchable(parts, id)) add.set(id, entry.elements);
    else remove.push(id);
  }
  parts.seen.change(add, remove);
}

/**
 * A state or change from the background: the view takes it, the dwell clocks follow the reader's
 * choices. `ids`: the updates a change names (a whole state names them all), whose watching may change.
 */
function applyAnswer(parts: ReadingParts, moved: UpdateView[], ids?: Iterable<string>): void {
  for (const u of moved) {
    const id = u.pageId ?? u.id;
    if (u.state === 'seen') parts.tracker.settle(id);
    else if (u.manual) parts.tracker.reset(id);
  }
  if (moved.length) {
    if (ids) watchSome(parts, ids);
    else watchUnseen(parts);
  }
  // After the frame: the answer may follow the page's own change (a live insertion) that no frame has laid out yet.
  parts.drawing.soon();
}

function onState(parts: ReadingParts, state: PageState, reported: boolean): void {
  if (reported) parts.key ??= state.url;
  if (state.url !== parts.key) return;
  applyAnswer(parts, parts.view.applyState(state, reported));
}

function onChange(parts: ReadingParts, change: PageChange, reported: boolean): void {
  if (change.url !== parts.key) return;
  // A change names the updates it is about (a live insertion's answer, a mark's): only theirs is asked.
  const ids = [...change.updates.map((u) => u.pageId ?? u.id), ...(change.removed ?? [])];
  applyAnswer(parts, parts.view.applyChange(change, reported), ids);
}

function scrollTo(win: Window, el: Element): void {
  el.scrollIntoView({ block: 'start', behavior: 'instant' as ScrollBehavior });
  const top = el.getBoundingClientRect().top;
  if (top < JUMP_MARGIN) win.scrollBy({ top: top - JUMP_MARGIN, behavior: 'instant' as ScrollBehavior });
}

/** Scrolls to an update and outlines it; one the page keeps hidden: to where the page reveals them. */
function jumpTo(parts: ReadingParts, update: LiveUpdate | undefined, fallback?: Element | null): boolean {
  // The reader asked to go there: that is reading.
  parts.seen.engage();
  if (!update || boxOf(update).height <= 0) {
    const at = fallback ?? parts.session.liveblog?.revealAt ?? parts.session.liveblog?.container;
    if (at) scrollTo(parts.win, at);
    return !!update || !!fallback;
  }
  scrollTo(parts.win, update.elements[0]);
  parts.session.emit('flash', onPage(parts.win, boxOf(update)));
  return true;
}

/** Reader input counts as reading; a scroll the browser restores, or a synthetic event, does not. */
function listenForReader(parts: ReadingParts, signal: AbortSignal): void {
  const engage = (e: Event) => e.isTrusted && parts.seen.engage();
  for (const type of ['wheel', 'keydown', 'pointerdown', 'touchstart'])
    parts.win.addEventListener(type, engage, { passive: true, capture: true, signal });
}

/** Page lifecycle: marks go before the page does; a page back from the cache reports again. */
function listenForLifecycle(parts: ReadingParts, visit: string, signal: AbortSignal): void {
  const { win, marks, reporter } = parts;
  win.document.addEventListener('visibilitychange', () => void marks.flush(), { signal });
  win.addEventListener(
    'pagehide',
    (e) => {
      void marks.flush();
      // Leaving for good: the background stops telling this tab about this page. Kept in the back-forward
      // cache instead: it reports again when shown.
      if (!e.persisted) void ask('page:leave', { visit }).catch(() => undefined);
    },
    { signal },
  );
  win.addEventListener(
    'pageshow',
    (e) => {
      if (!e.persisted) return;
      reporter.forget();
      void reporter.send();
    },
    { signal },
  );
  signal.addEventListener('abort', () => {
    // The session ended (a soft navigation, the extension stopping): marks still queued go to their own
    // page, and the background stops telling this tab about it.
    marks.last();
    void ask('page:leave', { visit }).catch(() => undefined);
  });
}

export function runReading(session: PageContext, signal: AbortSignal): ReadingHandle {
  const win = session.doc.defaultView!;
  // The page this session reads: after a soft navigation, nothing of it is sent for the next URL.
  const url = session.url;
  const visit = randomId();
  const tracker = new DwellTracker();
  const view = new ReadingView();
  const index = { byId: new Map<string, LiveUpdate>() };
  // The units call back into the whole; it exists by the time any of them can call.
  const parts = {} as ReadingParts;
  const marks = new MarkQueue(url, (change) => onChange(parts, change, false), signal);
  const seen = new SeenWatch(win, tracker, (ids) => parts.marks.add(ids), signal);
  const reporter = new Reporter(
    { url, visit, doc: session.doc, isLiveBlog: () => !!session.liveblog },
    () => updatesOf(session),
    ({ state, change }: ReportAnswer) => {
      if (state) onState(parts, state, true);
      if (change) onChange(parts, change, true);
    },
    signal,
  );
  const drawing = new Drawing(session, view, index, signal);
  Object.assign(parts, {
    session,
    win,
    key: null,
    view,
    index,
    list: [],
    tracker,
    seen,
    marks,
    reporter,
    drawing,
  });
  listenForReader(parts, signal);
  listenForLifecycle(parts, visit, signal);
  session.on('settings', () => watchUnseen(parts), signal);

  reindex(parts);
  void parts.reporter.send();
  // What the seen-marking watches, in a task of its own: observing a long live blog's updates was half of
  // a 50–70 ms start. Until then nothing is on screen long enough to be seen.
  const later = setTimeout(() => watchUnseen(parts));
  signal.addEventListener('abort', () => clearTimeout(later), { once: true });

  return {
    state: () => view.state([...new Set(parts.list.map(pageIdOf))]),
    updatesChanged() {
      // The same entries in the same places (text edited inside some): only their records change. Their
      // summaries go with the next edits report (at most every CHANGES_EVERY_MS, not worked out per edit),
      // and the markers move only if the layout did (the drawing's ResizeObserver says so).
      const delta = session.liveblog?.delta;
      const applied = delta?.base === parts.list ? applyDelta(parts, delta) : null;
      if (applied === 'edited' || (!applied && sameEntries(parts))) {
        parts.reporter.edited();
        return;
      }
      if (!applied) {
        reindex(parts);
        watchUnseen(parts);
      }
      // The new update's marker and the pill wait for its state (and the page's other changes): one frame.
      const release = session.hold();
      void parts.reporter.send().finally(release);
      parts.drawing.soon();
    },
    apply: (state) => !signal.aborted && onState(parts, state, false),
    jumpToFirstNew() {
      const target = parts.drawing.firstNew();
      if (target) jumpTo(parts, target.update, target.update ? undefined : target.el);
      else parts.seen.engage();
    },
    reset() {
      parts.marks.pending.clear();
      for (const id of index.byId.keys()) tracker.reset(id);
      view.reset();
      parts.reporter.forget();
      void parts.reporter.send();
    },
    jump(id) {
      const pageId = view.pageIdOfStored(id) ?? id;
      const update = index.byId.get(pageId) ?? index.byId.get(id);
      return update ? jumpTo(parts, update) : false;
    },
    watching: () => parts.seen.watching,
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
