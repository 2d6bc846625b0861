/**
 * Hyphenated compounds: the name inside "ISIS-held" is ISIS, inside "pro-Assad" Assad, while "al-Bab",
 * "Jean-Marc" and "As-Safir" are names whole.
 */

import * as wordLists from '../data/curated/words.json';
import { ARABIC_ARTICLES } from '../text';

/** Arabic articles and name particles that stay glued to the name they introduce. */
export const GLUED = new Set([...ARABIC_ARTICLES, ...wordLists.glued]);

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
/** Word-forming prefixes ("Ex-friends", "Self-styled"): no name even when a sentence start capitalises them. */
const PREFIXES = new Set(wordLists.prefixes);
/** A prefix capitalised by its position: "Ex", "Anti", not "UN" in "UN-backed". */
const capitalisedPrefix = (p: string) =>
  PREFIXES.has(p.toLowerCase()) && p.slice(1) === p.slice(1).toLowerCase();

/**
 * The part of a hyphenated word that can be a name, as [start, end) within the word, and whether it is
 * a cut (a cut does not join the words around it into one name). Null: use the word whole.
 */
export function nameInCompound(
  word: string,
  isWord: (lower: string) => boolean,
): { start: number; end: number } | null {
  const first = word.indexOf('-');
  if (first < 0) return null;
  const parts = word.split('-');
  let start = 0;
  let i = 0;
  // A lower-case prefix ("pro-", "anti-", "mid-") falls away unless it is a glued particle ("al-"); so does
  // a prefix a sentence start capitalises before a lower-case word ("Ex-friends"), while one before a capital
  // is part of a name ("Anti-Defamation League", "Pre-Raphaelite Brotherhood").
  while (
    i < parts.length - 1 &&
    ((!isUpper(parts[i][0]) && !GLUED.has(parts[i].toLowerCase())) ||
      (capitalisedPrefix(parts[i]) && !isUpper(parts[i + 1][0])))
  ) {
    start += parts[i].length + 1;
    i++;
  }
  if (i === parts.length - 1 && !isUpper(parts[i][0])) return { start: 0, end: 0 };
  // The name ends before the first lower-case part that is an English word ("-held", "-led", "-backed");
  // other lower-case parts belong to it: "Kim Jong-un", "Moon Jae-in", "Roh Moo-hyun".
  let end = start;
  for (let j = i; j < parts.length; j++) {
    const p = parts[j];
    const glued = GLUED.has(p.toLowerCase()) && j < parts.length - 1 && isUpper(parts[j + 1][0]);
    const syllable = j > i && p.length > 0 && !(p.length > 2 && isWord(p.toLowerCase()));
    if (!isUpper(p[0]) && !glued && !syllable && !/^\d/.test(p)) break;
    end += (j === i ? 0 : 1) + p.length;
  }
  if (start === 0 && end === word.length) return null;
  return { start, end };
}
