/** Detection engine: text in, mentions out. No DOM, no browser APIs. */
import { createSimpleDetector } from './simple';
import type { EntitySummary, Mention, PageDetector } from './types';

export type { EntitySummary, Kind, Mention, PageDetector, PageEntities } from './types';

export function createPageDetector(): PageDetector {
  return createSimpleDetector();
}

/** One text as one page: its mentions (with their text) and entities. */
export function detect(text: string): { mentions: Array<Mention & { text: string }>; entities: Map<string, EntitySummary> } {
  const detector = createPageDetector();
  detector.add(text);
  const { blocks, entities } = detector.resolve();
  return { mentions: blocks[0].map((m) => ({ ...m, text: text.slice(m.start, m.end) })), entities };
}
