/** Detection engine: text in, mentions out. No DOM, no browser APIs. */
import retypeData from './data/retype.json';
import { lexicon } from './lexicon';
import { resolveCandidates } from './resolve';
import { loadModel, type RetypeModel } from './retype';
import { scanBlock, type Candidate } from './scan';
import type { EntitySummary, Mention, PageDetector, PageEntities } from './types';

export type { EntitySummary, Kind, Mention, PageDetector, PageEntities } from './types';

let model: RetypeModel | undefined;
/** The re-typer's weights, read once per context on first use (the eval and the background use the same). */
export const retypeModel = () => (model ??= loadModel(retypeData));

/**
 * One class rather than closures per page: every page's detector calls the same `add` and `resolve`, so
 * their callers stay monomorphic in the JIT (a new closure per page is a new call target each time).
 */
class Detector implements PageDetector {
  private readonly lex = lexicon();
  private readonly blocks: Candidate[][] = [];
  private readonly texts: string[] = [];

  add(text: string): number {
    this.blocks.push(scanBlock(text, this.lex));
    this.texts.push(text);
    return this.blocks.length - 1;
  }

  resolve(): PageEntities {
    return resolveCandidates(this.blocks, { texts: this.texts, model: retypeModel() });
  }
}

export function createPageDetector(): PageDetector {
  return new Detector();
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
