/**
 * Words of one block with the facts the rules need: offsets, capitalisation, sentence start, whether the
 * next word follows after a single space (so the two may form one name).
 */
import type { Lexicon } from './lexicon';
import { nameInCompound } from './rules/hyphens';
import { isContraction, possessiveLength } from './rules/possessives';
import { fold } from './text';

export interface Token {
  /** Start and end of the whole word ("pro-Assad", "President-elect"). */
  ws: number;
  we: number;
  /** The name-bearing part of the word (a possessive or a hyphenated prefix/suffix cut away). */
  s: number;
  e: number;
  text: string;
  /** `fold(text)`. */
  key: string;
  /** Starts with a capital letter (or a glued particle before one: "al-Bab"). */
  cap: boolean;
  /** Two or more letters, all capitals ("YPG", "U.N.", "UPDATE"). */
  upper: boolean;
  /** First word of a sentence, a heading or a block. */
  sent: boolean;
  /** May join the next word into one name: a single space between, no possessive or compound cut. */
  joins: boolean;
  /** Cut out of a hyphenated compound ("pro-Assad"). */
  cut: boolean;
  contraction: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-.&][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
const UPPER_START = /^(?:\p{Lu}|\p{Lt})/u;
const INITIALISM = /^(?:\p{Lu}\.)*\p{Lu}$/u;
const GLUED_CAP = /^(?:al|el|as|ad|ar|an|ash|at|az|ed|bin|ibn|abu|abd)-\p{Lu}/u;
const SENTENCE_END = /[.!?:;•|\n\u2014]/;
const HAS_UPPER = /\p{Lu}/u;

export function tokenize(text: string, lex: Lexicon): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  let prevAbbrev = false;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let word = m[0];
    let s = m.index;
    let e = s + word.length;
    // A full stop belongs to initials ("U.N.", "W.") and abbreviations ("Mr.", "St."): not a sentence end.
    let abbrev = false;
    if (text.charCodeAt(e) === 46 && (INITIALISM.test(word) || lex.abbreviations.has(word))) {
      e++;
      word += '.';
      abbrev = true;
    }
    const gap = text.slice(prevEnd, s);
    const sent = out.length === 0 ? true : !prevAbbrev && SENTENCE_END.test(gap);
    const wordEnd = e;
    prevEnd = e;
    prevAbbrev = abbrev;
    // Only words with a capital can hold a name: keep the others cheap.
    const code = word.charCodeAt(0);
    const mayCap = (code >= 65 && code <= 90) || (code > 127 && HAS_UPPER.test(word)) || (code >= 97 && code <= 122 && HAS_UPPER.test(word));
    let cut = false;
    let poss = 0;
    if (mayCap) {
      if (word.includes('-')) {
        const part = nameInCompound(word);
        if (part) {
          cut = true;
          s += part.start;
          e = s + (part.end - part.start);
          word = word.slice(part.start, part.end);
        }
      }
      poss = possessiveLength(word);
      if (poss) {
        e -= poss;
        word = word.slice(0, -poss);
      }
    }
    const cap = mayCap && word.length > 0 && (UPPER_START.test(word) || GLUED_CAP.test(word));
    const upper = cap && word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase() && /\p{Lu}.*\p{Lu}/u.test(word);
    if (out.length) {
      const prev = out[out.length - 1];
      const between = text.slice(prev.e, m.index);
      // "Procter & Gamble" is one name; a prefix cut ("pro-Assad") joins nothing before it.
      prev.joins &&= (between === ' ' || between === '\u00a0' || between === ' & ') && s === m.index;
    }
    out.push({
      ws: m.index,
      we: wordEnd,
      s,
      e,
      text: word,
      key: cap ? fold(word) : word,
      cap,
      upper,
      sent,
      joins: !cut && !poss && wordEnd === e,
      cut,
      contraction: cap && isContraction(word),
    });
  }
  return out;
}
