/**
 * The names found on the page: detection over text blocks, each mention as a DOM Range, indexed by
 * text node for hit-testing and by entity for cards and counts. Built in slices; extended incrementally
 * when the page inserts content.
 */
import { createPageDetector, type EntitySummary, type Kind, type PageDetector } from '../detect';
import { namesWanted, pageLanguage, type PageLanguage } from '../detect/language';
import { locate, walkBlocks, type TextBlock } from '../dom/blocks';
import { runSliced } from './schedule';

export interface PageMention {
  key: string;
  kind: Kind;
  text: string;
  range: Range;
  block: number;
}

interface NodeSpan {
  start: number;
  end: number;
  mention: PageMention;
}

export class NamesIndex {
  private detector: PageDetector = createPageDetector();
  private blocks: TextBlock[] = [];
  private byNode = new Map<Text, NodeSpan[]>();
  mentions: PageMention[] = [];
  private sorted = true;
  entities = new Map<string, EntitySummary>();

  /** The page's language: detection is for English, so other pages (and foreign blocks) stay quiet. */
  readonly language: PageLanguage;

  /** `language`: the page's, when already known (a rescan of the same page need not sample it again). */
  constructor(
    private doc: Document,
    language?: PageLanguage,
  ) {
    this.language = language ?? pageLanguage(doc.documentElement?.getAttribute('lang'), sampleTexts(doc));
  }

  /** Scans `roots` in slices, then resolves names across the page. Returns the mentions added. */
  async scan(roots: Node[], signal?: AbortSignal): Promise<PageMention[]> {
    const first = this.blocks.length;
    for (const root of roots) {
      const walk = walkBlocks(root, this.doc);
      const ok = await runSliced(() => {
        const next = walk.next();
        if (next.done) return false;
        const block = next.value;
        this.blocks.push(block);
        // A skipped block is added empty, so that block indices stay the page's.
        const lang = block.nodes[0]?.parentElement?.closest('[lang]')?.getAttribute('lang');
        this.detector.add(namesWanted(block.text, lang, this.language) ? block.text : '');
        return true;
      }, signal);
      if (!ok) return [];
    }
    if (this.blocks.length === first) return [];
    return this.rebuild(first, signal);
  }

  /**
   * Resolves names across the page and builds ranges for blocks from `first` on. Earlier blocks keep
   * their ranges unless the document-level pass changed their keys or kinds (then they are rebuilt too).
   */
  private async rebuild(first: number, signal?: AbortSignal): Promise<PageMention[]> {
    const resolved = this.detector.resolve();
    this.entities = resolved.entities;
    // Earlier blocks whose resolution changed (a later full name re-keys an earlier surname).
    const changed = new Set<number>();
    for (const m of this.mentions) {
      const now = resolved.blocks[m.block]?.find(
        (r) =>
          this.blocks[m.block].text.slice(r.start, r.end) === m.text && r.key === m.key && r.kind === m.kind,
      );
      if (!now) changed.add(m.block);
    }
    if (changed.size) {
      this.mentions = this.mentions.filter((m) => !changed.has(m.block));
      for (const spans of this.byNode.values())
        spans.splice(0, spans.length, ...spans.filter((s) => !changed.has(s.mention.block)));
    }
    const todo = [...changed, ...Array.from({ length: this.blocks.length - first }, (_, i) => first + i)];
    const added: PageMention[] = [];
    let i = 0;
    await runSliced(() => {
      if (i >= todo.length) return false;
      const b = todo[i++];
      const block = this.blocks[b];
      for (const m of resolved.blocks[b] ?? []) {
        const mention = this.addMention(block, b, m.start, m.end, m.key, m.kind);
        if (mention) added.push(mention);
      }
      return true;
    }, signal);
    this.sorted = false;
    return added;
  }

  private addMention(
    block: TextBlock,
    b: number,
    start: number,
    end: number,
    key: string,
    kind: Kind,
  ): PageMention | null {
    const from = locate(block, start, false);
    const to = locate(block, end, true);
    if (!from.node.isConnected || !to.node.isConnected) return null;
    const range = this.doc.createRange();
    try {
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
    } catch {
      return null; // the text changed under us; the observer will rescan
    }
    const mention: PageMention = { key, kind, text: block.text.slice(start, end), range, block: b };
    this.mentions.push(mention);
    for (let n = block.nodes.indexOf(from.node); n >= 0 && n < block.nodes.length; n++) {
      const node = block.nodes[n];
      const nodeStart = block.starts[n];
      const s = Math.max(start, nodeStart) - nodeStart;
      const e = Math.min(end, nodeStart + node.data.length) - nodeStart;
      if (e > s) {
        let spans = this.byNode.get(node);
        if (!spans) this.byNode.set(node, (spans = []));
        spans.push({ start: s, end: e, mention });
      }
      if (node === to.node) break;
    }
    return mention;
  }

  /** The mention at a caret position, if any. */
  at(node: Node, offset: number): PageMention | null {
    const spans = this.byNode.get(node as Text);
    if (!spans) return null;
    // A caret sits between characters: the character under the pointer is at offset or offset - 1.
    for (const s of spans)
      if (offset >= s.start && offset <= s.end && s.mention.range.startContainer.isConnected)
        return s.mention;
    return null;
  }

  /** Drops mentions whose text left the document (live pages replace content). */
  prune(): boolean {
    const before = this.mentions.length;
    this.mentions = this.mentions.filter(
      (m) => m.range.startContainer.isConnected && m.range.endContainer.isConnected && !m.range.collapsed,
    );
    for (const node of [...this.byNode.keys()]) if (!node.isConnected) this.byNode.delete(node);
    return this.mentions.length !== before;
  }

  /** Mentions in document order. Sorted on demand: live insertions land anywhere. */
  ordered(): PageMention[] {
    if (!this.sorted) {
      this.mentions.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
      this.sorted = true;
    }
    return this.mentions;
  }

  /** Mentions of one entity, in document order. */
  of(key: string): PageMention[] {
    return this.ordered().filter((m) => m.key === key);
  }

  /** Whether a node's text has been scanned already. */
  has(node: Text): boolean {
    return this.blocks.some((b) => b.nodes.includes(node));
  }
}

/** The first 20,000 characters of the page's blocks: enough for a language, and a walk that stops early. */
function* sampleTexts(doc: Document): Generator<string> {
  if (!doc.body) return;
  let length = 0;
  for (const block of walkBlocks(doc.body, doc)) {
    yield block.text;
    length += block.text.length;
    if (length >= 20_000) return;
  }
}
