/**
 * One page, while Backstory runs on it: the names found, the live blog's updates, and the features that
 * use them. Every feature gets the session's AbortSignal, so stopping is one abort.
 */
import type { LiveBlog } from '../liveblog';
import { listen } from '../messaging/router';
import type { ContentProtocol } from '../messaging/protocol';
import { loadSettings, watchSettings, type Settings } from '../shared/settings';
import type { CardUpdateRef } from '../ui/Card';
import { runCards } from './features/cards';
import { runReading, type ReadingHandle } from './features/reading';
import { Highlighter } from './highlights';
import { LiveBlogWatch } from './liveblog-watch';
import { NamesIndex, type PageMention } from './names';
import { watchDom, type DomBatch } from './observer';
import { isExcluded, scanRoot, EXCLUDED_SELECTOR } from './scope';

export class PageSession {
  names: NamesIndex;
  liveblog: LiveBlog | null = null;
  reading: ReadingHandle | null = null;
  private highlighter: Highlighter;
  private cards: ReturnType<typeof runCards> | null = null;
  private root: Element | null = null;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    readonly doc: Document,
    public settings: Settings,
    private signal: AbortSignal,
  ) {
    this.names = new NamesIndex(doc);
    this.highlighter = new Highlighter(settings.kinds);
  }

  async start(): Promise<void> {
    const { doc, signal } = this;
    const watch = new LiveBlogWatch(doc, (blog) => this.onLiveBlog(blog), signal);
    this.liveblog = await watch.start();
    if (this.liveblog) this.reading = runReading(this, signal);
    this.cards = runCards(this, signal);
    this.root = scanRoot(doc);
    listen<ContentProtocol>({
      'update:jump': ({ id }) => ({ ok: this.jump(id) }),
      'state:changed': (state) => this.reading?.apply(state),
      'reading:reset': () => this.reading?.reset(),
      'names:step': ({ direction }) => this.cards?.step(direction),
      'page:ping': () => ({ url: doc.location.href, isLiveBlog: !!this.liveblog, names: this.names.entities.size }),
    });
    watchSettings((s) => {
      this.settings = s;
      this.highlighter.setEnabled(s.kinds, this.names.mentions);
    }, signal);
    signal.addEventListener('abort', () => this.highlighter.clear());
    if (this.root) await this.serial(() => this.names.scan([this.root!], signal));
    this.highlighter.set(this.names.mentions);
    watchDom(
      doc.documentElement,
      (batch) => {
        // Updates first, outside the queue of name scans: a live insertion must count as new within a second.
        watch.onBatch(batch);
        void this.serial(() => this.onBatch(batch));
      },
      signal,
    );
  }

  private onLiveBlog(blog: LiveBlog | null): void {
    this.liveblog = blog;
    if (blog && !this.reading) this.reading = runReading(this, this.signal);
    else this.reading?.updatesChanged();
  }

  /** DOM work runs one batch at a time, in order. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.busy.then(work, work);
    this.busy = next.catch(() => undefined);
    return next;
  }

  private async onBatch(batch: DomBatch): Promise<void> {
    const { signal } = this;
    if (signal.aborted) return;
    if (batch.overflow) {
      // One rescan of everything instead of thousands of small ones.
      this.names = new NamesIndex(this.doc);
      this.root = scanRoot(this.doc);
      if (this.root) await this.names.scan([this.root], signal);
    } else {
      const pruned = batch.removed ? this.names.prune() : false;
      const roots = this.inScope([...batch.added, ...batch.changed.map((t) => t.parentElement).filter((e): e is HTMLElement => !!e)]);
      const changedText = batch.changed.filter((t) => this.names.has(t));
      if (changedText.length) {
        // Edited text: simplest correct answer is a fresh index of the whole scope.
        this.names = new NamesIndex(this.doc);
        if (this.root) await this.names.scan([this.root], signal);
      } else if (roots.length) {
        await this.names.scan(roots, signal);
      } else if (!pruned) return;
    }
    this.highlighter.set(this.names.mentions);
  }

  private inScope(nodes: Node[]): Node[] {
    const root = this.root ?? this.doc.body;
    return nodes.filter((n) => {
      const el = n.nodeType === 1 ? (n as Element) : n.parentElement;
      if (!el || !root?.contains(el)) return false;
      if (isExcluded(el) || el.closest(EXCLUDED_SELECTOR)) return false;
      return true;
    });
  }

  /** The updates whose elements contain any of these mentions, in page order. */
  updatesMentioning(mentions: PageMention[]): CardUpdateRef[] {
    const updates = this.liveblog?.updates ?? [];
    return updates
      .filter((u) => mentions.some((m) => u.elements.some((el) => el.contains(m.range.startContainer))))
      .map((u) => ({ id: u.id, label: u.label, time: u.time }));
  }

  jump(id: string): boolean {
    return this.reading?.jump(id) ?? false;
  }
}

declare global {
  interface Window {
    __backstoryStarted?: boolean;
  }
}

/** Entry point of the content script. Safe to call twice (manifest and runtime registration). */
export async function startBackstory(doc: Document, signal: AbortSignal): Promise<PageSession | null> {
  const win = doc.defaultView as Window;
  if (win.__backstoryStarted) return null;
  win.__backstoryStarted = true;
  signal.addEventListener('abort', () => (win.__backstoryStarted = false));
  const settings = await loadSettings();
  const session = new PageSession(doc, settings, signal);
  await session.start();
  return session;
}
