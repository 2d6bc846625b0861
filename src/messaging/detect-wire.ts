/**
 * The names:detect messages on the wire. A big page sends thousands of blocks and gets tens of thousands
 * of mentions back: as an object per block and an array per block's mentions, each message was thousands
 * of small objects to copy, check and rebuild on both sides. Here a batch is one joined string and flat
 * number arrays: blocks out as `[index, length, langRef]`, mentions back as `[block, start, end, ref]`
 * with one table of the keys (and kinds) they name. Pure: the content script, the background and the
 * schema share it.
 */
import { DETECT_LIMITS, type DetectBlock, type DetectDelta, type DetectRequest } from './protocol';

/** Numbers per block in a request, and per mention in an answer. */
export const BLOCK_FIELDS = 3;
export const MENTION_FIELDS = 4;

/** A batch of blocks, built as the request carries it (no object per block on the page). */
export class BlockBatch {
  private texts: string[] = [];
  private flat: number[] = [];
  private langs: string[] = [];
  private langRef = new Map<string, number>();
  /** Characters so far. */
  chars = 0;

  get size(): number {
    return this.texts.length;
  }

  add(i: number, text: string, lang?: string | null): void {
    let ref = -1;
    if (lang) {
      ref = this.langRef.get(lang) ?? -1;
      if (ref < 0) this.langRef.set(lang, (ref = this.langs.push(lang) - 1));
    }
    this.flat.push(i, text.length, ref);
    this.texts.push(text);
    this.chars += text.length;
  }

  /** Whether one more block with this `lang` would pass the table's bound (DETECT_LIMITS.langs). */
  full(lang?: string | null): boolean {
    return !!lang && !this.langRef.has(lang) && this.langs.length >= DETECT_LIMITS.langs;
  }

  wire(): Pick<DetectRequest, 'text' | 'blocks' | 'langs'> {
    return { text: this.texts.join(''), blocks: this.flat, langs: this.langs };
  }
}

/** A batch of blocks as the request carries them. */
export function encodeBlocks(
  blocks: readonly DetectBlock[],
): Pick<DetectRequest, 'text' | 'blocks' | 'langs'> {
  const batch = new BlockBatch();
  for (const { i, text, lang } of blocks) batch.add(i, text, lang);
  return batch.wire();
}

/** The blocks of a request (checked by `wellFormed` first: the background's schema does). */
export function decodeBlocks(req: Pick<DetectRequest, 'text' | 'blocks' | 'langs'>): DetectBlock[] {
  const out: DetectBlock[] = [];
  let at = 0;
  for (let k = 0; k + BLOCK_FIELDS <= req.blocks.length; k += BLOCK_FIELDS) {
    const [i, length, ref] = [req.blocks[k], req.blocks[k + 1], req.blocks[k + 2]];
    const text = req.text.slice(at, at + length);
    at += length;
    out.push(ref >= 0 ? { i, text, lang: req.langs[ref] } : { i, text });
  }
  return out;
}

const isIndex = (n: number, below: number) => Number.isInteger(n) && n >= 0 && n < below;

/**
 * Whether a request's blocks add up: whole triples, within the bounds (DETECT_LIMITS), indices in range,
 * lengths that cover the text exactly, langRefs into the table.
 */
export function wellFormed(req: Pick<DetectRequest, 'text' | 'blocks' | 'langs'>): boolean {
  const { blocks, text, langs } = req;
  if (blocks.length % BLOCK_FIELDS !== 0) return false;
  if (blocks.length / BLOCK_FIELDS > DETECT_LIMITS.messageBlocks) return false;
  let total = 0;
  for (let k = 0; k < blocks.length; k += BLOCK_FIELDS) {
    const [i, length, ref] = [blocks[k], blocks[k + 1], blocks[k + 2]];
    if (!isIndex(i, DETECT_LIMITS.blocks) || !isIndex(length, text.length + 1)) return false;
    if (ref !== -1 && !isIndex(ref, langs.length)) return false;
    total += length;
  }
  return total === text.length;
}

/** One block's mentions as the background resolved them. */
export interface BlockMentions {
  block: number;
  mentions: ReadonlyArray<{ start: number; end: number; key: string; kind: number }>;
}

/** The answer's blocks, mentions and key table, from each answered block's mentions. */
export function encodeMentions(
  answered: readonly BlockMentions[],
): Pick<DetectDelta, 'keys' | 'kinds' | 'blocks' | 'mentions'> {
  const keys: string[] = [];
  const kinds: number[] = [];
  const refOf = new Map<string, number>();
  const blocks: number[] = [];
  const mentions: number[] = [];
  for (const { block, mentions: ms } of answered) {
    blocks.push(block);
    for (const m of ms) {
      const id = `${m.kind}|${m.key}`;
      let ref = refOf.get(id);
      if (ref === undefined) {
        refOf.set(id, (ref = keys.push(m.key) - 1));
        kinds.push(m.kind);
      }
      mentions.push(block, m.start, m.end, ref);
    }
  }
  return { keys, kinds, blocks, mentions };
}

/**
 * An answer block by block: each answered block with the range of `mentions` (in numbers, a multiple of
 * MENTION_FIELDS) that belongs to it; a generator, so the page can apply it in slices.
 */
export function* answeredBlocks(
  answer: Pick<DetectDelta, 'blocks' | 'mentions'>,
): Generator<[block: number, from: number, to: number]> {
  let k = 0;
  const { blocks, mentions } = answer;
  for (const block of blocks) {
    const from = k;
    while (k + MENTION_FIELDS <= mentions.length && mentions[k] === block) k += MENTION_FIELDS;
    yield [block, from, k];
  }
}
