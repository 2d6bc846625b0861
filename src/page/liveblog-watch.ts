/**
 * The page's live blog, kept current from the batched observer's batches at the least cost: a batch that
 * does not touch the updates costs nothing, one that does re-reads the touched entries, and a burst (the
 * observer's overflow) costs one full detection. On a page that is not a live blog (yet), detection runs
 * only for batches that add elements, at most once a second.
 */
import { findLiveBlog, rereadLiveBlog, type LiveBlog } from '../liveblog';
import type { DomBatch } from './observer';

const IDLE_DETECT_MS = 1000;

export class LiveBlogWatch {
  blog: LiveBlog | null = null;
  private lastFull = 0;
  private deferred: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private doc: Document,
    /** Called with the new blog whenever a batch changed it. */
    private onChange: (blog: LiveBlog | null) => void,
    signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => clearTimeout(this.deferred));
  }

  start(): LiveBlog | null {
    this.lastFull = performance.now();
    this.blog = findLiveBlog(this.doc);
    return this.blog;
  }

  onBatch(batch: DomBatch): void {
    if (!this.blog && !batch.overflow) {
      if (!batch.added.some((n) => n.nodeType === 1)) return;
      const wait = this.lastFull + IDLE_DETECT_MS - performance.now();
      if (wait > 0) {
        // Coalesce: the page is building itself; look once it has had a moment.
        this.deferred ??= setTimeout(() => {
          this.deferred = undefined;
          this.detect();
        }, wait);
        return;
      }
      this.detect();
      return;
    }
    const reread = this.blog && !batch.overflow ? rereadLiveBlog(this.blog, [...batch.added, ...batch.changed, ...batch.removedFrom]) : null;
    if (reread?.work === 'none') return;
    if (!reread) {
      // A burst, or the list was replaced: one detection from scratch.
      this.lastFull = performance.now();
      this.blog = findLiveBlog(this.doc);
    } else this.blog = reread.blog;
    this.onChange(this.blog);
  }

  private detect(): void {
    this.lastFull = performance.now();
    const blog = findLiveBlog(this.doc);
    if (!blog) return;
    this.blog = blog;
    this.onChange(blog);
  }
}
