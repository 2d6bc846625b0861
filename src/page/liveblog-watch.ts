/**
 * The page's live blog, kept current from the batched observer's batches at the least cost: a batch that
 * does not touch the updates costs nothing, one that does re-reads the touched entries, and a burst (the
 * observer's overflow) costs one full detection. Detections run in slices that yield to the page, one at a
 * time; batches that need one while one runs get a single one after it. On a page that is not a live blog
 * (yet), detection runs only for batches that add elements, at most once a second, then (each look that
 * finds none) half as often, down to once every `IDLE_DETECT_MAX_MS`: a page that keeps adding elements
 * without becoming a live blog (a ticker, a mutation storm) stops costing a detection a second.
 * The detector is a script of its own (src/page/more.ts): a page is looked at first with what is cheap
 * (couldBeLiveBlog), and only one that could be a live blog has the detector put in and run.
 */
import type { DomChange, LiveBlog } from '../liveblog';
import { couldBeLiveBlog } from '../liveblog/could';
import { isBorderline } from '../liveblog/types';
import { reportFailure } from './errors';
import type { LiveBlogDetector } from './more';
import type { DomBatch } from './observer';
import { runSteps } from './schedule';

const IDLE_DETECT_MS = 1000;
const IDLE_DETECT_MAX_MS = 8000;

export class LiveBlogWatch {
  blog: LiveBlog | null = null;
  /** The page only looks like a live blog and the reader has not said whether to track it. */
  borderline = false;
  private lastFull = 0;
  /** How long after the last detection an ordinary page is looked at again. */
  private idleWait = IDLE_DETECT_MS;
  private deferred: ReturnType<typeof setTimeout> | undefined;
  private detecting: Promise<void> | null = null;
  private again = false;
  /** Nodes of batches waiting for the re-read in progress to end, by kind. */
  private dirty = { added: [] as Node[], changed: [] as Node[], removedFrom: [] as Node[] };
  private rereading = false;
  /** Bumped by each full detection: a re-read begun before one is stale when it ends. */
  private generation = 0;
  /** The detector, once put into the page. */
  private detector: LiveBlogDetector | null = null;

  constructor(
    private doc: Document,
    /** Called with the new blog whenever a batch changed it. */
    private onChange: (blog: LiveBlog | null) => void,
    private signal: AbortSignal,
    /** The reader's answer for this site's borderline pages: true track, false don't, undefined not asked. */
    private answer: () => boolean | undefined,
    /** Puts the detector into the page (src/page/more.ts, loadDetector): only when a page could be a live blog. */
    private loadDetector: () => Promise<LiveBlogDetector>,
  ) {
    signal.addEventListener('abort', () => clearTimeout(this.deferred));
  }

  async start(): Promise<LiveBlog | null> {
    this.lastFull = performance.now();
    try {
      this.blog = await this.find();
    } catch (e) {
      this.retry();
      throw e;
    }
    return this.blog;
  }

  /** The detector could not be put in (the worker restarting): the page is looked at again in a while. */
  private retry(): void {
    if (this.signal.aborted) return;
    this.deferred ??= setTimeout(() => {
      this.deferred = undefined;
      this.detect(false);
    }, this.idleWait);
  }

  /**
   * A detection; a borderline result counts only when the reader said to track this site's. A page
   * already known as a sure live blog is looked at again without the borderline search (less work in
   * a burst of insertions).
   */
  private async find(): Promise<LiveBlog | null> {
    if (!this.blog && !couldBeLiveBlog(this.doc)) {
      this.borderline = false;
      return null;
    }
    const { detectLiveBlog } = (this.detector ??= await this.loadDetector());
    if (this.signal.aborted) return null;
    const borderline = !this.blog || isBorderline(this.blog);
    const blog = (await runSteps(detectLiveBlog(this.doc, Date.now(), { borderline }), this.signal)) ?? null;
    if (!blog || !isBorderline(blog)) {
      this.borderline = false;
      return blog;
    }
    const answer = this.answer();
    this.borderline = answer === undefined;
    return answer === true ? blog : null;
  }

  onBatch(batch: DomBatch): void {
    if (!this.blog && !batch.overflow) {
      if (!batch.added.some((n) => n.nodeType === 1)) return;
      const wait = this.lastFull + this.idleWait - performance.now();
      if (wait > 0) {
        // Coalesce: the page is building itself; look once it has had a moment.
        this.deferred ??= setTimeout(() => {
          this.deferred = undefined;
          this.detect(false);
        }, wait);
        return;
      }
      this.detect(false);
      return;
    }
    if (!this.blog || batch.overflow) {
      // A burst: one detection from scratch.
      this.detect(true);
      return;
    }
    this.dirty.added.push(...batch.added);
    this.dirty.changed.push(...batch.changed);
    this.dirty.removedFrom.push(...batch.removedFrom);
    if (!this.rereading) void this.reread();
  }

  /** Re-reads the touched entries in slices that yield (one at a time; batches meanwhile wait for the next). */
  private async reread(): Promise<void> {
    this.rereading = true;
    try {
      while (this.pending() && this.blog && !this.signal.aborted) {
        const nodes: DomChange = this.dirty;
        this.dirty = { added: [], changed: [], removedFrom: [] };
        const generation = this.generation;
        const blog = this.blog;
        // A blog comes only from the detector: it is in the page.
        const steps = this.detector!.rereadLiveBlogSteps(blog, nodes);
        // A text edit patches its entry at once: most batches end in their first step.
        const r = steps.next();
        const reread = r.done ? r.value : await runSteps(steps, this.signal);
        if (this.signal.aborted) return;
        // A detection from scratch replaced the blog meanwhile: its result stands.
        if (generation !== this.generation || blog !== this.blog) continue;
        if (reread?.work === 'none') continue;
        if (reread) {
          this.blog = reread.blog;
          this.onChange(this.blog);
        } else {
          // The list was replaced: one detection from scratch.
          this.detect(true);
        }
      }
    } finally {
      this.rereading = false;
    }
  }

  private pending(): boolean {
    const { added, changed, removedFrom } = this.dirty;
    return added.length + changed.length + removedFrom.length > 0;
  }

  /** One detection at a time; `always`: report its result even when it finds nothing (the blog went away). */
  private detect(always: boolean): void {
    if (this.detecting) {
      this.again = true;
      return;
    }
    this.lastFull = performance.now();
    this.generation++;
    this.detecting = this.find().then(
      (blog) => {
        this.detecting = null;
        if (this.signal.aborted) return;
        if (blog || always) {
          this.blog = blog ?? null;
          this.onChange(this.blog);
        }
        this.idleWait = blog ? IDLE_DETECT_MS : Math.min(this.idleWait * 2, IDLE_DETECT_MAX_MS);
        if (this.again) {
          this.again = false;
          this.detect(always);
        }
      },
      (e: unknown) => {
        this.detecting = null;
        if (this.signal.aborted) return;
        reportFailure('session', e, this.doc.location.href);
        this.idleWait = Math.min(this.idleWait * 2, IDLE_DETECT_MAX_MS);
        this.again = false;
        this.retry();
      },
    );
  }
}
