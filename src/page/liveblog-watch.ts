/**
 * The page's live blog, kept current from the batched observer's batches at the least cost: a batch that
 * does not touch the updates costs nothing, one that does re-reads the touched entries, and a burst (the
 * observer's overflow) costs one full detection. Detections run in slices that yield to the page, one at a
 * time; batches that need one while one runs get a single one after it. On a page that is not a live blog
 * (yet), detection runs only for batches that add elements, at most once a second.
 */
import { detectLiveBlog, isBorderline, rereadLiveBlog, type LiveBlog } from '../liveblog';
import type { DomBatch } from './observer';
import { runSteps } from './schedule';

const IDLE_DETECT_MS = 1000;

export class LiveBlogWatch {
  blog: LiveBlog | null = null;
  /** The page only looks like a live blog and the reader has not said whether to track it. */
  borderline = false;
  private lastFull = 0;
  private deferred: ReturnType<typeof setTimeout> | undefined;
  private detecting: Promise<void> | null = null;
  private again = false;

  constructor(
    private doc: Document,
    /** Called with the new blog whenever a batch changed it. */
    private onChange: (blog: LiveBlog | null) => void,
    private signal: AbortSignal,
    /** The reader's answer for this site's borderline pages: true track, false don't, undefined not asked. */
    private answer: () => boolean | undefined = () => undefined,
  ) {
    signal.addEventListener('abort', () => clearTimeout(this.deferred));
  }

  async start(): Promise<LiveBlog | null> {
    this.lastFull = performance.now();
    this.blog = await this.find();
    return this.blog;
  }

  /**
   * A detection; a borderline result counts only when the reader said to track this site's. A page
   * already known as a sure live blog is looked at again without the borderline search (less work in
   * a burst of insertions).
   */
  private async find(): Promise<LiveBlog | null> {
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
      const wait = this.lastFull + IDLE_DETECT_MS - performance.now();
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
    const reread =
      this.blog && !batch.overflow
        ? rereadLiveBlog(this.blog, [...batch.added, ...batch.changed, ...batch.removedFrom])
        : null;
    if (reread?.work === 'none') return;
    if (reread) {
      this.blog = reread.blog;
      this.onChange(this.blog);
    } else {
      // A burst, or the list was replaced: one detection from scratch.
      this.detect(true);
    }
  }

  /** One detection at a time; `always`: report its result even when it finds nothing (the blog went away). */
  private detect(always: boolean): void {
    if (this.detecting) {
      this.again = true;
      return;
    }
    this.lastFull = performance.now();
    this.detecting = this.find().then((blog) => {
      this.detecting = null;
      if (this.signal.aborted) return;
      if (blog || always) {
        this.blog = blog ?? null;
        this.onChange(this.blog);
      }
      if (this.again) {
        this.again = false;
        this.detect(always);
      }
    });
  }
}
