/**
 * The content script's runtime. A page session is one page (one URL) while Backstory runs on it: its state
 * in one place (`PageContext`: names, live blog, settings, the features' services) and a list of features,
 * each started in its own try/catch with its own AbortSignal (a child of the session's), so one failing is
 * reported once and the others go on. A soft navigation (the page changes its URL by script) ends the
 * session, every feature aborted through its signal, and starts a new one for the new URL once the page
 * has swapped its content.
 */
import type { LiveBlog, LiveUpdate } from '../liveblog';
import type { ContentProtocol } from '../messaging/protocol';
import { listen } from '../messaging/router';
import { liveBlogAnswer, loadSettings, watchSettings, type Settings } from '../shared/settings';
import type {
  CardsService,
  Feature,
  FeatureId,
  PageContext,
  PageEvents,
  ReadingService,
  UpdateRef,
} from './context';
import { reportFailure } from './errors';
import { cardsLater, markersLater, readingLater, storyLater } from './features/later';
import { namesFeature } from './features/names';
import { LiveBlogWatch } from './liveblog-watch';
import { loadDetector } from './more';
import { NamesIndex, type PageMention } from './names';
import { settled, watchUrl, type UrlWatch, type UrlWatchOptions } from './navigation';
import { watchDom, type DomBatch } from './observer';
import { PaintGate } from './paint';
import { beginSlice } from './schedule';
import { UpdateIndex } from './update-index';

/** Every feature of the page, in the order they start: all but names load their code when first needed (./more.ts). */
export const FEATURES: readonly Feature[] = [
  namesFeature,
  readingLater,
  markersLater,
  cardsLater,
  storyLater,
];

type Listener = { fn: (arg: never) => void; feature: string };

/** How long the live blog's detection waits for the names in view before it starts anyway. */
const FIRST_NAMES_WAIT = 1000;

/**
 * Test build only (compiled out of the store build): `backstory-test-fail=<feature>` in the page's query
 * makes that feature throw as it starts, so the real-browser tests can watch the others go on.
 */
function failOnRequest(id: FeatureId, url: string): void {
  if (
    url.includes('backstory-test-fail') &&
    new URL(url).searchParams.getAll('backstory-test-fail').includes(id)
  )
    throw new Error(`${id} made to fail by the page's test parameter`);
}

export class PageSession implements PageContext {
  readonly url: string;
  names: NamesIndex;
  liveblog: LiveBlog | null = null;
  reading: ReadingService | null = null;
  cards: CardsService | null = null;
  /** Features that failed to start on this page. */
  readonly failed: FeatureId[] = [];
  private listeners = new Map<keyof PageEvents, Set<Listener>>();
  /** Which feature a signal belongs to, to say who failed when a listener throws. */
  private featureOf = new WeakMap<AbortSignal, string>();
  private gate: PaintGate;

  constructor(
    readonly doc: Document,
    public settings: Settings,
    private signal: AbortSignal,
    private features: readonly Feature[] = FEATURES,
    private onDom?: (batch: DomBatch) => void,
  ) {
    this.url = doc.location.href;
    this.names = new NamesIndex(doc);
    this.gate = new PaintGate((e) => reportFailure('session', e, this.url));
    // Paints held for an ended session are dropped: its features have taken down what they drew.
    signal.addEventListener('abort', () => this.gate.drop(), { once: true });
  }

  paint(fn: () => void): void {
    if (!this.signal.aborted) this.gate.paint(fn);
  }

  hold(): () => void {
    return this.gate.hold();
  }

  on<E extends keyof PageEvents>(event: E, fn: (arg: PageEvents[E]) => void, signal: AbortSignal): void {
    if (signal.aborted) return;
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const entry: Listener = {
      fn: fn as (arg: never) => void,
      feature: this.featureOf.get(signal) ?? 'session',
    };
    set.add(entry);
    signal.addEventListener('abort', () => set.delete(entry), { once: true });
  }

  emit<E extends keyof PageEvents>(event: E, arg: PageEvents[E]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) {
      try {
        (l.fn as (arg: PageEvents[E]) => void)(arg);
      } catch (e) {
        reportFailure(l.feature, e, this.url);
      }
    }
  }

  private liveBlogWatch: LiveBlogWatch | null = null;
  /** Whether the page has been looked at for a live blog yet (the names in view are drawn first). */
  liveBlogLooked = false;

  /** A borderline live blog the reader has not been asked about (the popup asks). */
  get borderline(): boolean {
    return this.liveBlogWatch?.borderline ?? false;
  }

  setSettings(settings: Settings): void {
    this.settings = settings;
    this.emit('settings', settings);
  }

  async start(): Promise<void> {
    const { doc, signal } = this;
    const host = doc.location.hostname;
    const watch = new LiveBlogWatch(
      doc,
      (blog) => {
        this.liveblog = blog;
        this.emit('liveblog', blog);
      },
      signal,
      () => liveBlogAnswer(this.settings, host),
      () => loadDetector(doc.defaultView as Window),
    );
    this.liveBlogWatch = watch;
    // Names need no live blog: the first viewport is underlined first, then the updates are looked for.
    const early = this.features.filter((f) => f.id === 'names');
    const drawn = early.length ? this.firstNames() : Promise.resolve();
    const started = early.map((f) => this.startFeature(f));
    try {
      await drawn;
      if (signal.aborted) return;
      this.liveblog = await watch.start();
    } catch (e) {
      reportFailure('session', e, this.url);
    }
    this.liveBlogLooked = true;
    if (signal.aborted) return;
    started.push(...this.features.filter((f) => !early.includes(f)).map((f) => this.startFeature(f)));
    watchDom(
      doc.documentElement,
      (batch) => {
        this.onDom?.(batch);
        if (signal.aborted) return;
        // Updates first: a live insertion must count as new within a second.
        try {
          watch.onBatch(batch);
        } catch (e) {
          reportFailure('session', e, this.url);
        }
        this.emit('dom', batch);
      },
      signal,
      { onText: (nodes) => !signal.aborted && this.emit('text', nodes) },
    );
    await Promise.all(started);
  }

  /**
   * Resolves when the names feature's first scan has had the viewport's blocks answered, or after
   * `FIRST_NAMES_WAIT`. The live blog's detection runs in slices that yield, and a browser runs yielded
   * work before a message: started at once, it held those answers back (first viewport underlined ~400 ms
   * after start instead of ~150 on a 2,000-update page, at load 10).
   */
  private async firstNames(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, FIRST_NAMES_WAIT)));
    await Promise.race([this.names.viewportDrawn, late]).finally(() => clearTimeout(timer));
    // The answer is drawn by the observer's report after the next frame, which yielded slices would also
    // hold back: that frame first (a hidden tab has none, hence the timer).
    const win = this.doc.defaultView;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 100);
      win?.requestAnimationFrame(() =>
        win.requestAnimationFrame(() => {
          clearTimeout(t);
          setTimeout(resolve);
        }),
      );
    });
  }

  launch(feature: Feature): Promise<void> {
    return this.startFeature(feature);
  }

  private startFeature(feature: Feature): Promise<void> {
    const own = new AbortController();
    const stop = () => own.abort();
    this.signal.addEventListener('abort', stop, { once: true });
    own.signal.addEventListener('abort', () => this.signal.removeEventListener('abort', stop), {
      once: true,
    });
    this.featureOf.set(own.signal, feature.id);
    const fail = (e: unknown) => {
      if (this.signal.aborted) return; // stopped with its session, not failed
      this.failed.push(feature.id);
      reportFailure(feature.id, e, this.url);
      // What it started before failing goes with it.
      own.abort();
    };
    try {
      if (import.meta.env.BACKSTORY_TEST_BUILD) failOnRequest(feature.id, this.url);
      return Promise.resolve(feature.init(this, own.signal)).catch(fail);
    } catch (e) {
      fail(e);
      return Promise.resolve();
    }
  }

  updatesMentioning(mentions: readonly PageMention[]): UpdateRef[] {
    const updates = this.liveblog?.updates;
    if (!updates?.length || !mentions.length) return [];
    // The mention's text node: enough to find its update, without building a Range per mention.
    return this.updateIndex(updates).refsFor(mentions.map((m) => m.node));
  }

  private index: UpdateIndex | null = null;

  /**
   * One index for the questions of one task (a card asks for the name's updates and its mention's): the
   * page cannot change in between, and it is dropped before anything else runs.
   */
  private updateIndex(updates: readonly LiveUpdate[]): UpdateIndex {
    if (this.index?.updates !== updates) {
      const index = (this.index = new UpdateIndex(updates));
      queueMicrotask(() => {
        if (this.index === index) this.index = null;
      });
    }
    return this.index;
  }

  jump(id: string): boolean {
    return this.reading?.jump(id) ?? false;
  }
}

export interface RuntimeOptions {
  features?: readonly Feature[];
  urls?: UrlWatchOptions;
  /** How long the page must stay unchanged after a soft navigation before the new session starts. */
  quietMs?: number;
  /** …but no longer than this. */
  settleMaxMs?: number;
}

/** Sessions, one after another, for the pages a tab shows without reloading. */
export class PageRuntime {
  session: PageSession | null = null;
  /** Resolves when the current (or next, while the page settles) session has started. */
  ready: Promise<void> = Promise.resolve();
  private ending: AbortController | null = null;
  private settling: AbortController | null = null;
  private urls!: UrlWatch;

  constructor(
    readonly doc: Document,
    private settings: Settings,
    private signal: AbortSignal,
    private options: RuntimeOptions = {},
  ) {}

  start(): void {
    const { doc, signal } = this;
    const stopListening = listen<ContentProtocol>({
      'update:jump': ({ id }) => ({ ok: this.session?.jump(id) ?? false }),
      'state:changed': (state) => this.session?.reading?.apply(state),
      'reading:reset': () => this.session?.reading?.reset(),
      'names:step': ({ direction }) => this.session?.cards?.step(direction),
      'page:ping': () => ({
        url: doc.location.href,
        isLiveBlog: !!this.session?.liveblog,
        looked: this.session?.liveBlogLooked ?? false,
        names: this.session?.names.entities.size ?? 0,
        language: this.session?.names.language.language ?? 'en',
        borderline: this.session?.borderline ?? false,
      }),
    });
    signal.addEventListener('abort', stopListening, { once: true });
    watchSettings((s) => {
      const host = doc.location.hostname;
      const answered = liveBlogAnswer(this.settings, host) !== liveBlogAnswer(s, host);
      this.settings = s;
      // The reader answered "track this site's live blogs?": the page starts again with that answer.
      if (answered && this.session) this.restart();
      else this.session?.setSettings(s);
    }, signal);
    this.urls = watchUrl(doc.defaultView as Window, () => this.navigated(), signal, this.options.urls);
    this.begin();
  }

  private begin(): void {
    // A session starts in a task of its own (the first page, a soft navigation, the reader's answer): the
    // names' first walk yields once that task, with the start before it, has spent a slice.
    beginSlice();
    const ctl = new AbortController();
    const stop = () => ctl.abort();
    this.signal.addEventListener('abort', stop, { once: true });
    ctl.signal.addEventListener('abort', () => this.signal.removeEventListener('abort', stop), {
      once: true,
    });
    this.ending = ctl;
    const session = new PageSession(this.doc, this.settings, ctl.signal, this.options.features, () =>
      this.urls.check(),
    );
    this.session = session;
    this.ready = session.start().catch((e) => reportFailure('session', e, session.url));
  }

  /** The page moved to another URL by script: the old page ends now, the new one starts once it has settled. */
  private restart(): void {
    this.ending?.abort();
    this.ending = null;
    this.session = null;
    this.begin();
  }

  private navigated(): void {
    this.ending?.abort();
    this.ending = null;
    this.session = null;
    this.settling?.abort();
    const wait = new AbortController();
    this.settling = wait;
    const cancel = () => wait.abort();
    this.signal.addEventListener('abort', cancel, { once: true });
    this.ready = settled(this.doc, wait.signal, this.options.quietMs, this.options.settleMaxMs).then(() => {
      this.signal.removeEventListener('abort', cancel);
      if (wait.signal.aborted) return;
      this.settling = null;
      this.begin();
      return this.ready;
    });
  }
}

declare global {
  interface Window {
    __backstoryStarted?: boolean;
  }
}

/** Entry point of the content script. Safe to call twice (manifest and runtime registration). */
export async function startBackstory(
  doc: Document,
  signal: AbortSignal,
  options?: RuntimeOptions,
): Promise<PageRuntime | null> {
  const win = doc.defaultView as Window;
  if (win.__backstoryStarted) return null;
  win.__backstoryStarted = true;
  signal.addEventListener('abort', () => (win.__backstoryStarted = false));
  const settings = await loadSettings();
  const runtime = new PageRuntime(doc, settings, signal, options);
  runtime.start();
  await runtime.ready;
  return runtime;
}
