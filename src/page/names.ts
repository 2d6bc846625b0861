/**
 * The names found on the page. The content script only reads the page's text blocks and sends them to the
 * background, which runs the detector (one lexicon for every tab) and answers mentions as offsets; this
 * index turns them into mentions with lazily built DOM Ranges, indexed by text node (hit-testing) and by
 * entity (cards). Blocks go out viewport first, in batches, so the names in view are known first; after
 * that only what changes is sent again: an edited block, an inserted subtree, a removal.
 *
 * Contract with the cards: `entities`, `mentionsOf(key)` (page order, no scan of every mention),
 * `at(node, offset)` (hit-test) and each mention's `range` (built on first use).
 */
import { precedes } from '../dom/order';
import type { EntitySummary, Kind } from '../detect/types';
import type { PageLanguage } from '../detect/language';
import { ask } from '../messaging/client';
import { answeredBlocks, BlockBatch, MENTION_FIELDS } from '../messaging/detect-wire';
import { DETECT_KINDS, DETECT_LIMITS, type DetectAnswer, type DetectRequest } from '../messaging/protocol';
import { blockOf, isInline, locate, walkBlockSteps, type TextBlock } from '../dom/blocks';
import { randomId } from './ids';
import { runSliced, SLICE_MS, yieldTask } from './schedule';

/** How the index reaches the detector: the background, or (in tests) the same service in-process. */
export type DetectFn = (req: DetectRequest) => Promise<DetectAnswer>;

const askBackground: DetectFn = (req) => ask('names:detect', req);

/** Bounds of what is sent (the background refuses more: src/messaging/schemas.ts). */
// Its answer is applied in one task: a message's text stays small enough for that task to stay short.
export const MAX_MESSAGE_CHARS = 128_000;
export const MAX_BLOCK_CHARS = 100_000;
export const MAX_MESSAGE_BLOCKS = 4_000;
const MAX_DROPS = 10_000;
/** The first message's size when the viewport goes first; each next one doubles, up to the cap. */
const FIRST_BATCH_CHARS = 24_000;
/** What "near the viewport" means for the first batch: half a screen more above and below. */
const VIEW_MARGIN = 0.5;
/**
 * Text past that which goes with the viewport's blocks in the first message, as context: a name's other
 * mentions decide it (a lone "Assad" in view is a person once "Assad and Putin" comes three blocks down),
 * and without them a name in view was underlined only after the next answer, twice as late.
 */
export const VIEW_CONTEXT_CHARS = 6_000;
/** While an answer is applied, the highlighter is handed the blocks done every this many blocks. */
const APPLY_FLUSH_BLOCKS = 64;
/** The share of the gap to its next neighbour that a block placed after the last one takes (see `situate`). */
const WALK_STEP = 1 / 1024;

/** Where a mention lies in its block's text nodes. */
interface Place {
  startContainer: Text;
  startOffset: number;
  endContainer: Text;
  endOffset: number;
}

const hasStaticRange = () => typeof StaticRange !== 'undefined';

export class PageMention {
  private cached: Range | null = null;
  private fixed: StaticRange | null = null;

  constructor(
    readonly key: string,
    readonly kind: Kind,
    readonly text: string,
    /** The block's index in the page. */
    readonly block: number,
    readonly start: number,
    readonly end: number,
    private rec: BlockRec,
  ) {}

  /** The text node the mention starts in: enough to find its update or element, without a Range. */
  get node(): Text {
    return locate(this.rec.block, this.start, false).node;
  }

  /**
   * Its block's text was edited and the mention is still there: the live Range is built again (an edit
   * moves its boundaries), and the drawn one is kept when the mention lies in the same nodes at the same
   * offsets (a highlight whose ranges do not change costs the page no repaint).
   */
  reset(): void {
    this.cached = null;
    const f = this.fixed;
    if (!f) return;
    const p = this.place();
    if (
      !p ||
      p.startContainer !== f.startContainer ||
      p.startOffset !== f.startOffset ||
      p.endContainer !== f.endContainer ||
      p.endOffset !== f.endOffset
    )
      this.fixed = null;
  }

  private place(): Place | null {
    const { block } = this.rec;
    const from = locate(block, this.start, false);
    const to = locate(block, this.end, true);
    if (!from.node || !to.node || from.offset > from.node.length || to.offset > to.node.length) return null;
    return {
      startContainer: from.node,
      startOffset: from.offset,
      endContainer: to.node,
      endOffset: to.offset,
    };
  }

  /** The mention's Range, built on first use: only hovered or stepped-to mentions need one. */
  get range(): Range {
    if (this.cached) return this.cached;
    const { block } = this.rec;
    const doc = block.nodes[0].ownerDocument;
    const range = doc.createRange();
    const p = this.place();
    try {
      if (!p) throw new Error('moved');
      range.setStart(p.startContainer, p.startOffset);
      range.setEnd(p.endContainer, p.endOffset);
    } catch {
      // The text changed under us: a collapsed range draws nothing, and the edit is being sent again.
      return range;
    }
    return (this.cached = range);
  }

  /**
   * What the highlighter draws: a StaticRange where the browser has one. A live Range is updated by the
   * browser on every change to the page's DOM and collapses when its text node is rewritten (the
   * underline vanishes until the edit is read again); a static one stays, and the highlight's set of
   * ranges changes only when the names do. Checked against the page's text where it is drawn
   * (`stillMarks`) when a text node changes.
   */
  get drawn(): AbstractRange {
    if (!hasStaticRange()) return this.range;
    if (this.fixed) return this.fixed;
    const p = this.place();
    if (!p) return this.range;
    return (this.fixed = new StaticRange(p));
  }

  /** Whether the drawn range still covers the mention's own text (the page may have edited it since). */
  stillMarks(): boolean {
    const r = this.fixed;
    if (!r) return true;
    const start = r.startContainer as Text;
    const end = r.endContainer as Text;
    if (!start.isConnected || r.startOffset > start.length || r.endOffset > end.length) return false;
    if (start === end) return start.data.slice(r.startOffset, r.endOffset) === this.text;
    // Across nodes (a name split by inline markup): its first and last characters are where they were.
    return (
      start.data.slice(r.startOffset) === this.text.slice(0, start.length - r.startOffset) &&
      end.data.slice(0, r.endOffset) === this.text.slice(this.text.length - r.endOffset)
    );
  }
}

/** One text block of the page as the index keeps it. */
export interface BlockRec {
  index: number;
  block: TextBlock;
  /** Nearest `lang` attribute (the block's language test reads it). */
  lang: string | null;
  /** Bumped when the block's text changes; `sent` is the version the background has. */
  version: number;
  sent: number;
  /** The version the mentions were answered for. */
  answered: number;
  /** In or near the viewport when first read: drawn without waiting for the highlighter's observer. */
  seen?: boolean;
  mentions: PageMention[];
  alive: boolean;
  /** Rises in page order (src/page/names.ts `situate`): blocks are sorted by it, never by asking the DOM. */
  order: number;
}

const sameMention = (m: PageMention, start: number, end: number, key: string, kind: Kind) =>
  m.start === start && m.end === end && m.key === key && m.kind === kind;

export class NamesIndex {
  entities = new Map<string, EntitySummary>();
  /** The page's language as the background judged it (English until it has answered). */
  language: PageLanguage;
  /** Called with the blocks whose mentions changed or that left the page. */
  onChange: ((recs: BlockRec[]) => void) | null = null;
  /** Main-thread milliseconds spent so far (the names feature caps its share under a mutation storm). */
  work = 0;

  private recs = new Map<number, BlockRec>();
  private next = 0;
  private byNode = new WeakMap<Text, BlockRec>();
  private byKey = new Map<string, Set<PageMention>>();
  private sortedOf = new Map<string, PageMention[]>();
  private orderedCache: PageMention[] | null = null;
  /** The blocks in page order, those that left among them until the next compaction. */
  private seq: BlockRec[] = [];
  private leftInSeq = 0;
  /** Blocks given their place since `seq` was last put together (they join it, sorted, when it is asked). */
  private pending: BlockRec[] = [];
  /** The block given its place last, and the one after it then: a batch of inserted blocks lands together. */
  private last: BlockRec | null = null;
  private lastNext: BlockRec | null = null;

  private session = randomId();
  private languageKnown: boolean;
  private needOpen = true;
  private queue: number[] = [];
  private queued = new Set<number>();
  private drops: number[] = [];
  private sending: Promise<void> | null = null;
  private limit = MAX_MESSAGE_CHARS;
  private viewportDone: () => void = () => {};
  /** Resolves once a viewport-first scan has had the viewport's blocks answered, or has ended. */
  readonly viewportDrawn = new Promise<void>((resolve) => (this.viewportDone = resolve));
  /** Blocks the next message stops at (the viewport's, so the first answer is small and fast); 0: none. */
  private cut = 0;
  /** The background's cap on a page's text was reached: nothing more is sent. */
  private full = false;
  /** The extension went away (reloaded, uninstalled): nothing more is sent. */
  private dead = false;
  /** After a lost session: the entity keys heard again since, to forget the others once all is resent. */
  private sweep: Set<string> | null = null;

  /** `language`: the page's, when already known (a rescan of the same page need not judge it again). */
  constructor(
    private doc: Document,
    language?: PageLanguage,
    private detect: DetectFn = askBackground,
    /** Blocks per message (tests use fewer). */
    private messageBlocks = MAX_MESSAGE_BLOCKS,
  ) {
    this.language = language ?? { language: 'en', declared: null };
    this.languageKnown = !!language;
  }

  // ---- reading the page ----

  /**
   * Reads the blocks under `roots` (in slices) and sends them, those in and near the viewport first when
   * `viewportFirst`; resolves once the background has answered them all.
   */
  async scan(roots: Node[], signal?: AbortSignal, viewportFirst = false): Promise<void> {
    const view = viewportFirst ? this.doc.defaultView : null;
    const h = view?.innerHeight ?? 0;
    let passed = !view;
    // Small first messages, so the names in view come back fast; each next one doubles.
    if (view) this.limit = FIRST_BATCH_CHARS;
    const near: number[] = [];
    const above: number[] = [];
    // The block the walk stopped at, past the viewport: the walk waits for the viewport's answer there.
    let held: number | null = null;
    let context = 0;
    for (const root of roots) {
      const walk = walkBlockSteps(root, this.doc);
      const step = () => {
        const next = walk.next();
        if (next.done) return false;
        if (!next.value) return true;
        const rec = this.add(next.value);
        if (!rec) return true;
        if (passed) {
          this.enqueue(rec.index);
          return true;
        }
        const r = rec.block.element?.getBoundingClientRect();
        if (!r || (!r.width && !r.height) || r.bottom < -h * VIEW_MARGIN) above.push(rec.index);
        else if (r.top > h * (1 + VIEW_MARGIN)) {
          if (context < VIEW_CONTEXT_CHARS) {
            context += rec.block.text.length;
            near.push(rec.index);
            return true;
          }
          // Past the viewport: what is in it goes first, then the rest in page order.
          passed = true;
          this.enqueueView(near);
          held = rec.index;
          return false;
        } else {
          rec.seen = true;
          near.push(rec.index);
        }
        return true;
      };
      while (true) {
        // Up to the viewport at the page's priority; past it, the background's answers take turns.
        const walked = passed
          ? walkSliced(step, signal, this.meter)
          : runSliced(step, signal, SLICE_MS, undefined, this.meter);
        if (!(await walked)) return;
        if (held === null) break;
        // The walk's slices would hold the viewport's answer back until the whole page is read (a
        // browser runs yielded work before the message): the rest waits until the viewport is drawn.
        await this.idle(signal);
        if (view) this.viewportDone();
        this.enqueue(held);
        held = null;
      }
    }
    if (!passed) this.enqueueView(near);
    for (const i of above) this.enqueue(i);
    await this.idle(signal);
    if (view) this.viewportDone();
  }

  /** Edited text nodes: their blocks are read again. Returns the nodes no known block holds. */
  edited(nodes: Iterable<Text>): Text[] {
    const t = performance.now();
    const unknown: Text[] = [];
    const touched = new Set<BlockRec>();
    for (const node of nodes) {
      const rec = this.byNode.get(node);
      if (rec?.alive) touched.add(rec);
      else unknown.push(node);
    }
    const resync: Element[] = [];
    for (const rec of touched) {
      const { block } = rec;
      if (!block.nodes.every((n) => n.isConnected)) {
        if (block.element?.isConnected) resync.push(block.element);
        continue;
      }
      let text = '';
      const starts: number[] = [];
      for (const n of block.nodes) {
        starts.push(text.length);
        text += n.data;
      }
      if (text === block.text) continue;
      this.replace(rec, { ...block, text, starts });
    }
    this.work += performance.now() - t;
    for (const el of resync) void this.resync(el);
    return unknown;
  }

  /**
   * Nodes added to the page (top-most only): a block-level subtree is new text; text or inline elements
   * added inside a known block change that block, which is read again.
   */
  async added(nodes: Node[], signal?: AbortSignal, root: Node = this.doc.documentElement): Promise<void> {
    const fresh: Node[] = [];
    const containers = new Set<Node>();
    for (const node of nodes) {
      if (!node.isConnected) continue;
      if (node.nodeType === 1 && !isInline(node as Element)) fresh.push(node);
      else {
        // Inside the scope: its block; text straight in the scope's root: the root.
        const container = blockOf(node, root);
        if (root.contains(container)) containers.add(container);
      }
    }
    for (const c of containers) await this.resync(c, signal);
    if (fresh.length) await this.scan(fresh, signal);
  }

  /** Nodes removed from the page: their blocks leave, or (partly removed) are read again. */
  removed(nodes: Node[], signal?: AbortSignal): Promise<void> {
    const t = performance.now();
    const hit = new Set<BlockRec>();
    for (const node of nodes) {
      if (node.isConnected) continue; // moved, not removed: the added nodes cover it
      if (node.nodeType === 3) {
        const rec = this.byNode.get(node as Text);
        if (rec?.alive) hit.add(rec);
      } else if (node.nodeType === 1) {
        const walker = this.doc.createTreeWalker(node, 0x4 /* SHOW_TEXT */);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const rec = this.byNode.get(n as Text);
          if (rec?.alive) hit.add(rec);
        }
      }
    }
    const resync = new Set<Element>();
    const gone: BlockRec[] = [];
    for (const rec of hit) {
      if (rec.block.nodes.some((n) => n.isConnected) && rec.block.element?.isConnected)
        resync.add(rec.block.element);
      else gone.push(rec);
    }
    this.drop(gone);
    this.work += performance.now() - t;
    return (async () => {
      for (const el of resync) await this.resync(el, signal);
      await this.idle(signal);
    })();
  }

  /**
   * Reads `container` again and keeps what did not change: a block with the same nodes and text keeps its
   * index and mentions; a changed one is sent again; new ones are added. `all`: the whole page is under
   * `container` (the page replaced its main content), so every block not found there leaves.
   */
  async resync(container: Node, signal?: AbortSignal, all = false): Promise<void> {
    const seen = new Set<BlockRec>();
    const walk = walkBlockSteps(container, this.doc);
    const ok = await walkSliced(
      () => {
        const next = walk.next();
        if (next.done) return false;
        const block = next.value;
        if (!block) return true;
        const old = this.byNode.get(block.nodes[0]);
        if (old?.alive && !seen.has(old) && old.block.nodes[0] === block.nodes[0]) {
          seen.add(old);
          const same =
            old.block.text === block.text &&
            old.block.nodes.length === block.nodes.length &&
            old.block.nodes.every((n, k) => n === block.nodes[k]);
          if (!same) this.replace(old, block);
        } else {
          const rec = this.add(block, true);
          if (rec) {
            seen.add(rec);
            this.enqueue(rec.index);
          }
        }
        return true;
      },
      signal,
      this.meter,
    );
    if (!ok) return;
    const t = performance.now();
    const gone: BlockRec[] = [];
    for (const rec of this.recs.values()) {
      if (seen.has(rec)) continue;
      if (all || (container.contains(rec.block.nodes[0]) && rec.block.nodes[0] !== undefined)) gone.push(rec);
    }
    // Blocks of the container that the walk no longer yields (emptied, merged) leave too.
    this.drop(gone);
    this.work += performance.now() - t;
    await this.idle(signal);
  }

  /** A new block; null when its text is already held by another block (nested insertions). */
  private add(block: TextBlock, fresh = false): BlockRec | null {
    const known = this.byNode.get(block.nodes[0]);
    if (known?.alive && !fresh) return null;
    const rec: BlockRec = {
      index: this.next++,
      block,
      lang: block.nodes[0].parentElement?.closest('[lang]')?.getAttribute('lang') ?? null,
      version: 0,
      sent: -1,
      answered: 0,
      mentions: [],
      alive: true,
      order: 0,
    };
    for (const n of block.nodes) this.byNode.set(n, rec);
    this.situate(rec);
    this.recs.set(rec.index, rec);
    this.orderedCache = null;
    return rec;
  }

  private replace(rec: BlockRec, block: TextBlock): void {
    for (const n of rec.block.nodes) if (this.byNode.get(n) === rec) this.byNode.delete(n);
    rec.block = block;
    for (const n of block.nodes) this.byNode.set(n, rec);
    rec.version++;
    this.enqueue(rec.index);
  }

  private drop(recs: BlockRec[]): void {
    if (!recs.length) return;
    for (const rec of recs) {
      rec.alive = false;
      this.leftInSeq++;
      this.recs.delete(rec.index);
      this.setMentions(rec, []);
      this.drops.push(rec.index);
    }
    this.orderedCache = null;
    this.onChange?.(recs);
    this.kick();
  }

  // ---- talking to the background ----

  /** The viewport's blocks, alone in the next message when nothing else waits. */
  private enqueueView(near: number[]): void {
    if (!this.queue.length && !this.sending && near.length) this.cut = near.length;
    for (const i of near) this.enqueue(i);
  }

  private enqueue(i: number): void {
    if (this.queued.has(i)) return;
    this.queued.add(i);
    this.queue.push(i);
    this.kick();
  }

  private kick(): void {
    if (this.sending || this.dead) return;
    if (!this.queue.length && !this.drops.length) return;
    this.sending = this.pump().finally(() => {
      this.sending = null;
      // Work queued while the last answer was applied.
      if (this.queue.length || this.drops.length) this.kick();
    });
  }

  /** Resolves once everything queued has been answered (or the extension is gone). */
  async idle(signal?: AbortSignal): Promise<void> {
    while (this.sending && !signal?.aborted) await this.sending;
  }

  private async pump(): Promise<void> {
    // Let the walk queue what is in view before the first message leaves.
    await Promise.resolve();
    while ((this.queue.length || this.drops.length) && !this.dead) {
      const t = performance.now();
      const batch = new BlockBatch();
      const sent: BlockRec[] = [];
      while (this.queue.length && !this.full) {
        const i = this.queue[0];
        const rec = this.recs.get(i);
        if (i >= DETECT_LIMITS.blocks) {
          // The page has used up its block indices (hours of replaced text): no more is sent.
          this.full = true;
          break;
        }
        if (rec) {
          if (batch.size >= this.messageBlocks || (this.cut && batch.size >= this.cut)) break;
          const text =
            rec.block.text.length > MAX_BLOCK_CHARS
              ? rec.block.text.slice(0, MAX_BLOCK_CHARS)
              : rec.block.text;
          if (batch.size && batch.chars + text.length > this.limit) break;
          const lang = rec.lang?.slice(0, DETECT_LIMITS.lang);
          if (batch.full(lang)) break;
          batch.add(i, text, lang);
          sent.push(rec);
        }
        this.queue.shift();
        this.queued.delete(i);
      }
      this.cut = 0;
      if (this.full) {
        this.queue = [];
        this.queued.clear();
      }
      const req: DetectRequest = { session: this.session, ...batch.wire() };
      if (this.drops.length) req.drop = this.drops.splice(0, MAX_DROPS);
      if (this.needOpen)
        req.open = this.languageKnown
          ? { language: this.language }
          : { htmlLang: this.doc.documentElement?.getAttribute('lang') ?? null, sample: this.sample() };
      for (const rec of sent) rec.sent = rec.version;
      const pending = this.detect(req);
      this.work += performance.now() - t;
      let answer: DetectAnswer;
      try {
        answer = await pending;
      } catch {
        this.dead = true;
        return;
      }
      this.limit = Math.min(this.limit * 2, MAX_MESSAGE_CHARS);
      if (answer.lost) {
        this.lost();
        continue;
      }
      this.needOpen = false;
      await this.apply(answer);
    }
  }

  /**
   * The blocks read so far, in the order read, as far as a message's sample may go: the background tells
   * the page's language from it (pageLanguage). The first message leaves once the walk has passed the
   * viewport, so this is the start of the story, read once (walking it again for a sample cost the first
   * pass a second walk and its judgements).
   */
  private sample(): string {
    let out = '';
    for (const rec of this.recs.values()) {
      if (!rec.alive) continue;
      out += rec.block.text + '\n';
      if (out.length >= DETECT_LIMITS.sample) break;
    }
    return out.slice(0, DETECT_LIMITS.sample);
  }

  /** The background lost this page (its worker stopped): send it all again. */
  private lost(): void {
    this.needOpen = true;
    this.full = false;
    this.drops = [];
    this.sweep = new Set();
    const rest = [...this.recs.keys()].filter((i) => !this.queued.has(i));
    for (const i of rest) {
      this.queued.add(i);
      this.queue.push(i);
    }
  }

  /**
   * Applies an answer in slices that yield (a big page's answer holds thousands of mentions): each slice's
   * blocks are handed to `onChange` as they are done, so the first blocks (the viewport's) are drawn first.
   */
  private async apply(answer: Exclude<DetectAnswer, { lost: true }>): Promise<void> {
    this.language = answer.language;
    this.languageKnown = true;
    if (answer.full) this.full = true;
    // Entities first: a block handed on below may name any of them.
    for (const e of answer.entities) {
      this.entities.set(e.key, e);
      this.sweep?.add(e.key);
    }
    let changed: BlockRec[] = [];
    let k = 0;
    const flush = () => {
      if (!changed.length) return;
      const recs = changed;
      changed = [];
      this.onChange?.(recs);
    };
    const blocks = answeredBlocks(answer);
    await runSliced(
      () => {
        const next = blocks.next();
        if (next.done) return false;
        this.applyBlock(answer, next.value, changed);
        // Hand on what is done before the slice yields (the budget is checked after each block).
        if (++k % APPLY_FLUSH_BLOCKS === 0) flush();
        return true;
      },
      undefined,
      SLICE_MS,
      undefined,
      this.meter,
    );
    const t = performance.now();
    for (const key of answer.gone) this.entities.delete(key);
    if (this.sweep && !this.queue.length) {
      // Everything was sent again: what the new session did not name is gone.
      for (const key of [...this.entities.keys()]) if (!this.sweep.has(key)) this.entities.delete(key);
      this.sweep = null;
    }
    this.work += performance.now() - t;
    flush();
  }

  private applyBlock(
    answer: Exclude<DetectAnswer, { lost: true }>,
    [i, from, to]: [block: number, from: number, to: number],
    changed: BlockRec[],
  ): void {
    const rec = this.recs.get(i);
    // A block edited (or dropped) since it was sent: the answer to its new text is on its way.
    if (!rec || !rec.alive || rec.version !== rec.sent) return;
    const before = rec.mentions;
    const next: PageMention[] = [];
    // Edited text: mentions that stay get new ranges (and the highlighter redraws them).
    const edited = rec.answered !== rec.version;
    rec.answered = rec.version;
    const flat = answer.mentions;
    let same = !edited && (to - from) / MENTION_FIELDS === before.length;
    for (let k = from; k < to; k += MENTION_FIELDS) {
      const [start, end, ref] = [flat[k + 1], flat[k + 2], flat[k + 3]];
      const key = answer.keys[ref];
      const kind = DETECT_KINDS[answer.kinds[ref]];
      if (!key || !kind || !(end <= rec.block.text.length) || !(start < end)) continue;
      const old = before[next.length];
      if (old && sameMention(old, start, end, key, kind)) {
        if (edited) old.reset();
        next.push(old);
      } else {
        same = false;
        next.push(new PageMention(key, kind, rec.block.text.slice(start, end), i, start, end, rec));
      }
    }
    if (same && next.length === before.length) return;
    this.setMentions(rec, next);
    changed.push(rec);
  }

  private setMentions(rec: BlockRec, next: PageMention[]): void {
    const keep = new Set(next);
    for (const m of rec.mentions) {
      if (keep.has(m)) continue;
      this.byKey.get(m.key)?.delete(m);
      this.sortedOf.delete(m.key);
    }
    for (const m of next) {
      let set = this.byKey.get(m.key);
      if (!set) this.byKey.set(m.key, (set = new Set()));
      if (!set.has(m)) {
        set.add(m);
        this.sortedOf.delete(m.key);
      }
    }
    rec.mentions = next;
    this.orderedCache = null;
  }

  /** Adds a sliced loop's time to `work` (the loops read the clock for their slices anyway). */
  private meter = (ms: number): void => {
    this.work += ms;
  };

  // ---- what the rest of the page asks ----

  /** The mention at a caret position, if any. */
  at(node: Node, offset: number): PageMention | null {
    const rec = this.byNode.get(node as Text);
    if (!rec?.alive) return null;
    const n = rec.block.nodes.indexOf(node as Text);
    if (n < 0) return null;
    const nodeStart = rec.block.starts[n];
    const nodeEnd = nodeStart + (node as Text).data.length;
    const pos = nodeStart + offset;
    // A caret sits between characters: the character under the pointer is at offset or offset - 1.
    for (const m of rec.mentions) {
      const s = Math.max(m.start, nodeStart);
      const e = Math.min(m.end, nodeEnd);
      if (e > s && pos >= s && pos <= e) return m;
    }
    return null;
  }

  /** Every mention, in page order (sorted on demand: live insertions land anywhere). */
  ordered(): PageMention[] {
    if (!this.orderedCache) {
      const out: PageMention[] = [];
      for (const r of this.inOrder()) if (r.alive) for (const m of r.mentions) out.push(m);
      this.orderedCache = out;
    }
    return this.orderedCache;
  }

  /** Mentions of one entity, in page order: from the entity index, never a scan of every mention. */
  mentionsOf(key: string): PageMention[] {
    let list = this.sortedOf.get(key);
    if (!list) {
      const set = this.byKey.get(key);
      const byRec = new Map<BlockRec, PageMention[]>();
      for (const m of set ?? []) {
        const rec = this.recs.get(m.block);
        if (!rec) continue;
        let ms = byRec.get(rec);
        if (!ms) byRec.set(rec, (ms = []));
        ms.push(m);
      }
      list = this.sortRecs([...byRec.keys()]).flatMap((r) => byRec.get(r)!.sort((a, b) => a.start - b.start));
      this.sortedOf.set(key, list);
    }
    return list;
  }

  /** The blocks the index holds (for the highlighter). */
  block(index: number): BlockRec | undefined {
    return this.recs.get(index);
  }

  /** The blocks holding these text nodes (those the index knows). */
  blocksOf(nodes: Iterable<Text>): Set<BlockRec> {
    const out = new Set<BlockRec>();
    for (const n of nodes) {
      const rec = this.byNode.get(n);
      if (rec?.alive) out.add(rec);
    }
    return out;
  }

  /** Whether a node's text has been read already. */
  has(node: Text): boolean {
    return !!this.byNode.get(node)?.alive;
  }

  private sortRecs(recs: BlockRec[]): BlockRec[] {
    return recs.sort((a, b) => a.order - b.order);
  }

  /**
   * `seq` with the blocks placed since put in by their place, at a cost in proportion to them: each run of
   * them that falls between the same two blocks goes in with one splice. Sorting the whole list called the
   * comparison over every block of the page (after a live insertion on the 2,000-update page, 8,000 blocks:
   * 7–15 ms of a CPU profile).
   */
  private inOrder(): BlockRec[] {
    if (this.leftInSeq) {
      this.seq = this.seq.filter((r) => r.alive);
      this.leftInSeq = 0;
    }
    if (this.pending.length) {
      const add = this.pending.filter((r) => r.alive);
      this.pending = [];
      if (!ascending(add)) this.sortRecs(add);
      putIn(this.seq, add);
    }
    return this.seq;
  }

  /**
   * Puts a new block in page order once, when it is read: after the block placed last (a walk in page order:
   * one comparison; a batch of insertions: two, with its neighbours, which the browser answers at once), else
   * after the last block, else by a binary search. Its place is a number between its neighbours'; no list
   * is spliced per block. (A CPU profile of a hundred insertions had this function at 31 ms when it compared
   * each new block with the feed's last one first, and 25 ms when it still spliced each one in.) Sorting a
   * live blog's 6,000 blocks by asking the DOM after an insertion took 86 ms in one task.
   *
   * A block placed after the last one, before the same neighbour, takes a small step from it: the walk's
   * next blocks come there too. Taking the middle each time used the gap up after ~45 blocks, and every
   * block of the page was numbered again and sorted: eight times (10 ms in a CPU profile) for a hundred
   * entries inserted at once. A block found by the search takes the middle: the next one may come on
   * either side.
   */
  private situate(rec: BlockRec): void {
    const node = rec.block.nodes[0];
    const last = this.last;
    const next0 = this.lastNext;
    let prev: BlockRec | undefined;
    let next: BlockRec | undefined;
    let share = 0.5;
    if (
      last?.alive &&
      precedes(last.block.nodes[0], node) &&
      (!next0 || (next0.alive && precedes(node, next0.block.nodes[0])))
    ) {
      prev = last;
      next = next0 ?? undefined;
      share = WALK_STEP;
    } else {
      const seq = this.inOrder();
      const after = (i: number) => precedes(seq[i].block.nodes[0], node);
      let at: number;
      if (!seq.length || after(seq.length - 1)) at = seq.length;
      else {
        let lo = 0;
        let hi = seq.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (after(mid)) lo = mid + 1;
          else hi = mid;
        }
        at = lo;
      }
      prev = seq[at - 1];
      next = seq[at];
    }
    this.last = rec;
    this.lastNext = next ?? null;
    rec.order = !prev
      ? next
        ? next.order - 1
        : 0
      : !next
        ? prev.order + 1
        : prev.order + (next.order - prev.order) * share;
    // The gap between the same two blocks used up: every block numbered again, this one between.
    if (prev && next && !(rec.order > prev.order && rec.order < next.order)) {
      this.inOrder().forEach((r, i) => (r.order = i));
      rec.order = (prev.order + next.order) / 2;
    }
    // A walk down the page places each block after every other: it joins `seq` now, and the first insertion
    // after the page's read has nothing to put in but its own blocks.
    const tail = this.seq[this.seq.length - 1];
    if (!this.pending.length && (!tail || tail.order < rec.order)) this.seq.push(rec);
    else this.pending.push(rec);
  }
}

function ascending(recs: readonly BlockRec[]): boolean {
  for (let i = 1; i < recs.length; i++) if (recs[i - 1].order > recs[i].order) return false;
  return true;
}

/** Puts `add` (in order) into `seq` (in order), each run that falls in one gap with one splice. */
export function putIn(seq: BlockRec[], add: readonly BlockRec[]): void {
  let i = 0;
  let from = 0;
  while (i < add.length) {
    const order = add[i].order;
    if (!seq.length || seq[seq.length - 1].order <= order) {
      for (; i < add.length; i++) seq.push(add[i]);
      return;
    }
    let lo = from;
    let hi = seq.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[mid].order <= order) lo = mid + 1;
      else hi = mid;
    }
    // Every block of `add` up to the one that comes after seq[lo] goes in before it.
    const bound = seq[lo].order;
    let j = i + 1;
    while (j < add.length && add[j].order < bound) j++;
    // In chunks: a spread of a whole page's blocks could exceed the engine's argument limit.
    for (let c = i; c < j; c += 4096) seq.splice(lo + (c - i), 0, ...add.slice(c, Math.min(j, c + 4096)));
    from = lo + (j - i);
    i = j;
  }
}

/**
 * Walks in slices like runSliced, but yields with a task rather than scheduler.yield: a yield's
 * continuation runs before tasks already waiting, so a walk over a big page held every answer from the
 * background back until it was done. Between these slices they get their turn.
 */
function walkSliced(
  step: () => boolean,
  signal?: AbortSignal,
  spent?: (ms: number) => void,
): Promise<boolean> {
  return runSliced(step, signal, SLICE_MS, yieldTask, spent);
}
