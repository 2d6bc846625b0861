/**
 * Id-less updates are known by a hash of their label and opening words, so an edit to those words gives
 * them a new id. When a page reports an unknown hashed id while a hashed id it had before has gone, and
 * the two share their label and most of their opening, they are the same update: the new id becomes an
 * alias of the old one and the reader's state stays with it.
 */
import { normaliseText } from '../liveblog/hash';
import type { UpdateSummary } from './types';

/** Ids made by `textId` (a "t" and a base-36 hash, maybe a "~2" for the second of two alike). */
export const isTextId = (id: string): boolean => /^t[0-9a-z]{4,12}(~\d+)?$/.test(id);

function words(line: string): Set<string> {
  return new Set(normaliseText(line).split(' ').filter(Boolean).slice(0, 30));
}

/** Share of words two openings have in common (Jaccard). */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.size || !wb.size) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return common / (wa.size + wb.size - common);
}

const SAME_LABEL = 0.5;
const ANY_LABEL = 0.8;

/** Reported id → previous id, for each reported update that is an edited previous one. */
export function rematch(
  previous: readonly UpdateSummary[],
  reported: readonly UpdateSummary[],
): Map<string, string> {
  const before = new Set(previous.map((u) => u.id));
  const now = new Set(reported.map((u) => u.id));
  const orphans = previous.filter((u) => isTextId(u.id) && !now.has(u.id));
  const out = new Map<string, string>();
  for (const r of reported) {
    if (!orphans.length || !isTextId(r.id) || before.has(r.id)) continue;
    let best = -1;
    let bestScore = 0;
    orphans.forEach((o, i) => {
      const sim = similarity(r.firstLine, o.firstLine);
      const sameLabel = normaliseText(r.label) === normaliseText(o.label);
      if (sim < (sameLabel ? SAME_LABEL : ANY_LABEL)) return;
      const score = sim + (sameLabel ? 1 : 0);
      if (score > bestScore) [best, bestScore] = [i, score];
    });
    if (best >= 0) out.set(r.id, orphans.splice(best, 1)[0].id);
  }
  return out;
}
