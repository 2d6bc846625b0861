/**
 * Name particles and connectors: what may stand in lower case inside one name. "Ursula von der Leyen",
 * "Abu Bakr al-Baghdadi", "University of Birmingham", "On the Ground News".
 */
import type { Lexicon } from '../lexicon';
import type { Token } from '../tokenize';

/** Lower-case words inside personal names. */
export const PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'bint', 'van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'dos', 'das', 'del', 'della', 'la', 'le', 'ter', 'ten', 'zu', 'af', 'y', 'e', 'do']);

/** Connectors that join two capitalised parts into one organisation or place name when a cue allows. */
const CONNECTORS = new Set(['of', 'the', 'for', 'on', 'de', 'du', 'des', 'in', 'and']);

/** The last index of the capitalised run that starts at `from` (joined by single spaces). */
function runEnd(toks: Token[], from: number): number {
  let k = from;
  while (k + 1 < toks.length && toks[k].joins && toks[k + 1].cap) k++;
  return k;
}

/**
 * If the lower-case words after token `j` connect it to a following capitalised part, the index of that
 * part's first token; else -1.
 */
export function connect(toks: Token[], j: number, runStart: number, lex: Lexicon): number {
  let k = j + 1;
  // Personal-name particles: one or two, then a capital ("von der Leyen", "bin Salman").
  let particles = 0;
  while (k < toks.length && toks[k - 1].joins && !toks[k].cap && PARTICLES.has(toks[k].text) && particles < 2) {
    k++;
    particles++;
  }
  if (particles && k < toks.length && toks[k - 1].joins && toks[k].cap) return k;
  // "of", "of the", "for the", "on the": only towards an organisation or place name.
  k = j + 1;
  const words: string[] = [];
  while (k < toks.length && toks[k - 1].joins && !toks[k].cap && CONNECTORS.has(toks[k].text) && words.length < 2) {
    words.push(toks[k].text);
    k++;
  }
  if (!words.length || k >= toks.length || !toks[k - 1].joins || !toks[k].cap) return -1;
  if (words[0] === 'and' || (words[0] === 'the' && j > runStart)) return -1;
  const left = toks[j].key;
  if (words[0] === 'of' && lex.ofHeads.has(left)) return k;
  // Otherwise the far side must end in an organisation cue: "On the Ground News", "Committee to Protect Journalists".
  const end = runEnd(toks, k);
  if (end - runStart < 7 && lex.orgSuffix.has(toks[end].key) && !lex.placeSuffix.has(toks[end].key)) return k;
  return -1;
}
