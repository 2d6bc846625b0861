/** Detection engine: text in, mentions out. No DOM, no browser APIs. */
import retypeData from './data/retype.json';
import { lexicon } from './lexicon';
import { resolveCandidates } from './resolve';
import { loadModel, type RetypeModel } from './retype';
import { scanBlock, type Candidate } from './scan';
import type { EntitySummary, Mention, PageDetector } from './types';

export type { EntitySummary, Kind, Mention, PageDetector, PageEntities } from './types';

let model: RetypeModel | undefined;
/** The re-typer's weights, read once per context on first use (the eval and the background use the same). */
export const retypeModel = () => (model ??= loadModel(retypeData));

export function createPageDetector(): PageDetector {
  const lex = lexicon();
  const blocks: Candidate[][] = [];
  const texts: string[] = [];
  return {
    add(text: string): number {
      blocks.push(scanBlock(text, lex));
      texts.push(text);
      return blocks.length - 1;
    },
    resolve() {
      return resolveCandidates(blocks, { texts, model: retypeModel() });
    },
  };
}

/** One text as one page: its mentions (with their text) and entities. */
export function detect(text: string): {
  mentions: Array<Mention & { text: string }>;
  entities: Map<string, EntitySummary>;
} {
  const detector = createPageDetector();
  detector.add(text);
  const { blocks, entities } = detector.resolve();
  return { mentions: blocks[0].map((m) => ({ ...m, text: text.slice(m.start, m.end) })), entities };
}
