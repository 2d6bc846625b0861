/**
 * Organisation and place cues: the word that ends or opens a name says its kind ("State Department",
 * "On the Ground News", "University of Birmingham", "Idlib Province", "Lake Chad").
 */
import type { Lexicon } from '../lexicon';
import type { Token } from '../tokenize';

/** Subkind when the run names an organisation by its cue words, else undefined. */
export function orgCue(run: Token[], lex: Lexicon): string | undefined {
  if (run.length < 2) return undefined;
  const last = run[run.length - 1];
  if (last.cap) {
    const sub = lex.orgSuffix.get(last.key);
    if (sub) return sub;
  }
  if (lex.orgPrefix.has(run[0].key) && (run[1].text === 'of' || run[1].text === 'for')) return 'government';
  // "Election Commission of India", "Serum Institute of India": the cue stands before the "of".
  for (let k = 1; k < run.length - 1; k++) {
    if (!run[k].cap && (run[k].text === 'of' || run[k].text === 'for')) {
      const sub = lex.orgSuffix.get(run[k - 1].key);
      if (sub) return sub;
      break;
    }
  }
  return undefined;
}

/** Subkind when the run names a place by its cue words, else undefined. */
export function placeCue(run: Token[], lex: Lexicon): string | undefined {
  if (run.length < 2) return undefined;
  const last = run[run.length - 1];
  const sub = last.cap ? lex.placeSuffix.get(last.key) : undefined;
  if (sub) return sub;
  if (lex.placePrefix.has(run[0].key) && run[1].cap) return 'landmark';
  return undefined;
}
