/** Detection engine: text in, mentions out. No DOM, no browser APIs. */
import { lexicon, type ExtraData } from './lexicon';
import { resolveCandidates } from './resolve';
import { scanBlock, type Candidate } from './scan';
import type { EntitySummary, Mention, PageDetector } from './types';

export type { EntitySummary, Kind, Mention, PageDetector, PageEntities } from './types';
export type { ExtraData } from './lexicon';

export interface DetectorOptions {
  /**
   * The long tail of the gazetteer (towns, more regions, surnames, more common words), in the format of
   * `data/extra.json`. Optional: the content script may start without it and pass it to a later detector.
   */
  extra?: ExtraData;
}

export function createPageDetector(options: DetectorOptions = {}): PageDetector {
  const lex = lexicon(options.extra);
  const blocks: Candidate[][] = [];
  return {
    add(text: string): number {
      blocks.push(scanBlock(text, lex));
      return blocks.length - 1;
    },
    resolve() {
      return resolveCandidates(blocks);
    },
  };
}

/** One text as one page: its mentions (with their text) and entities. */
export function detect(text: string, options?: DetectorOptions): { mentions: Array<Mention & { text: string }>; entities: Map<string, EntitySummary> } {
  const detector = createPageDetector(options);
  detector.add(text);
  const { blocks, entities } = detector.resolve();
  return { mentions: blocks[0].map((m) => ({ ...m, text: text.slice(m.start, m.end) })), entities };
}
