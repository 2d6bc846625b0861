/**
 * Name detection over one page, kept between messages: the content script sends the page's text blocks
 * (in any order, by their index in the page) and gets back what changed. Pure (no browser API), so the
 * background's service and the detect command (scripts/detect.ts) run the same code: blocks in, the
 * detector's candidates kept per block, the document-level pass over all of them, mentions out as offsets.
 *
 * A block sent again (the page edited it) is scanned again; one dropped is forgotten. Each `delta` answers
 * the blocks it was given (even with no mentions, so the page can clear them) and every other block whose
 * resolved mentions changed (a later full name re-keys an earlier surname), and the entities that changed
 * or went away: the content script never receives the whole page twice.
 */
import { retypeModel, type EntitySummary, type PageEntities } from '../detect';
import { encodeMentions, type BlockMentions } from '../messaging/detect-wire';
import { DETECT_KINDS, type DetectBlock, type DetectDelta } from '../messaging/protocol';
import { namesWanted, pageLanguage, type PageLanguage } from '../detect/language';
import { lexicon } from '../detect/lexicon';
import { resolveCandidates } from '../detect/resolve';
import { scanBlock, type Candidate } from '../detect/scan';

export type BlockIn = DetectBlock;

/** Bounds: a page's text the background keeps, and one block's (a longer one is read from its start). */
export const MAX_PAGE_CHARS = 4_000_000;
export const MAX_BLOCK_CHARS = 100_000;
export const MAX_BLOCKS = 200_000;

const NONE: Candidate[] = [];

export class DetectSession {
  private candidates: Candidate[][] = [];
  private lengths: number[] = [];
  /** Each block's text as scanned: the re-typer reads the words around a name. */
  private texts: string[] = [];
  /** Characters of text the session holds (bounded by MAX_PAGE_CHARS). */
  chars = 0;
  /** What the content script was last told, per block and per entity. */
  private told: string[] = [];
  private toldEntities = new Map<string, string>();

  private maxChars: number;
  private maxBlockChars: number;

  /** `bounds: false`: no caps (the detect command reads whole files); `maxChars`: a smaller page cap. */
  constructor(
    readonly language: PageLanguage,
    private options: { allLanguages?: boolean; bounds?: boolean; maxChars?: number } = {},
  ) {
    this.maxChars =
      options.bounds === false ? Infinity : Math.min(options.maxChars ?? Infinity, MAX_PAGE_CHARS);
    this.maxBlockChars = options.bounds === false ? Infinity : MAX_BLOCK_CHARS;
  }

  /** The page's language from its `<html lang>` and a sample of its text (pageLanguage reads its opening). */
  static languageOf(htmlLang: string | null | undefined, sample: string): PageLanguage {
    return pageLanguage(htmlLang, [sample]);
  }

  /**
   * Scans the blocks (again, for an index already known). Returns false, scanning nothing more, once the
   * page's text would pass MAX_PAGE_CHARS.
   */
  put(blocks: readonly BlockIn[]): boolean {
    const lex = lexicon();
    for (const { i, text: full, lang } of blocks) {
      if (!Number.isInteger(i) || i < 0 || (i >= MAX_BLOCKS && this.maxChars !== Infinity)) continue;
      const text = full.length > this.maxBlockChars ? full.slice(0, this.maxBlockChars) : full;
      const before = this.lengths[i] ?? 0;
      if (this.chars - before + text.length > this.maxChars) return false;
      this.fill(i);
      // A block in another language is kept empty, so that block indices stay the page's.
      const wanted = this.options.allLanguages || namesWanted(text, lang, this.language);
      this.candidates[i] = wanted ? scanBlock(text, lex) : NONE;
      this.texts[i] = wanted ? text : '';
      this.lengths[i] = text.length;
      this.chars += text.length - before;
    }
    return true;
  }

  drop(indices: readonly number[]): void {
    for (const i of indices) {
      if (!(i < this.candidates.length)) continue;
      this.candidates[i] = NONE;
      this.texts[i] = '';
      this.chars -= this.lengths[i] ?? 0;
      this.lengths[i] = 0;
    }
  }

  /** Holes stay empty blocks: the document-level pass reads a dense list. */
  private fill(i: number): void {
    for (let b = this.candidates.length; b <= i; b++) {
      this.candidates[b] = NONE;
      this.texts[b] = '';
      this.lengths[b] = 0;
    }
  }

  /** The whole page's mentions and entities (the detect command's answer). */
  resolve(): PageEntities {
    return resolveCandidates(this.candidates, { texts: this.texts, model: retypeModel() });
  }

  /** Resolves the page and answers what the content script does not know yet (`sent`: the blocks just sent). */
  delta(sent: Iterable<number>): DetectDelta {
    const { blocks, entities } = this.resolve();
    const asked = new Set(sent);
    const answered: BlockMentions[] = [];
    blocks.forEach((mentions, i) => {
      const sig = mentions.map((m) => `${m.start},${m.end},${m.kind},${m.key}`).join(';');
      if (asked.has(i) || sig !== (this.told[i] ?? '')) {
        this.told[i] = sig;
        answered.push({
          block: i,
          mentions: mentions.map((m) => ({
            start: m.start,
            end: m.end,
            key: m.key,
            kind: DETECT_KINDS.indexOf(m.kind),
          })),
        });
      }
    });
    const changed: EntitySummary[] = [];
    for (const [key, e] of entities) {
      const sig = JSON.stringify(e);
      if (this.toldEntities.get(key) !== sig) {
        this.toldEntities.set(key, sig);
        changed.push(e);
      }
    }
    const gone: string[] = [];
    for (const key of this.toldEntities.keys())
      if (!entities.has(key)) {
        gone.push(key);
        this.toldEntities.delete(key);
      }
    return { language: this.language, ...encodeMentions(answered), entities: changed, gone };
  }
}

/** Detection over a whole page in one go: what the detect command prints, by the background's code. */
export function detectBlocks(
  blocks: ReadonlyArray<{ text: string; lang?: string | null }>,
  language: PageLanguage,
  options: { allLanguages?: boolean } = {},
): PageEntities {
  const session = new DetectSession(language, { ...options, bounds: false });
  session.put(blocks.map((b, i) => ({ i, text: b.text, lang: b.lang })));
  return session.resolve();
}
