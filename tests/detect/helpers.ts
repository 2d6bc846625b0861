/** Small helpers for the detector's rule tests. */
import { createPageDetector, detect } from '../../src/detect';

/** "surface/kind" for each mention of one text. */
export function names(text: string): string[] {
  return detect(text).mentions.map((m) => `${m.text}/${m.kind}`);
}

/** Mentions and entities of several blocks read as one page. */
export function page(blocks: string[]) {
  const d = createPageDetector();
  for (const b of blocks) d.add(b);
  const r = d.resolve();
  const mentions = r.blocks.flatMap((ms, i) =>
    ms.map((m) => ({ ...m, text: blocks[i].slice(m.start, m.end) })),
  );
  /** The entity key of the first mention with this text; throws when there is none (so equal keys mean found). */
  const keyOf = (text: string): string => {
    const m = mentions.find((x) => x.text === text);
    if (!m) throw new Error(`no mention "${text}" in: ${mentions.map((x) => x.text).join(', ')}`);
    return m.key;
  };
  return { mentions, entities: r.entities, keyOf };
}
