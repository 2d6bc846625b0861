/** Acronyms and initialisms: "YPG", "U.N.", "NATO" name organisations unless they are common words. */
import type { Lexicon } from '../lexicon';
import type { Token } from '../tokenize';

const SHAPE = /^(?:(?:\p{Lu}\.){2,6}|\p{Lu}[\p{Lu}\d&]{1,6}|\p{Lu}{2,}s|\d{1,3}\p{Lu}{2,4})$/u;

/** Whether a token has the shape of an acronym and is not a shouted word ("UPDATE", "PHOTO"). */
export function isAcronym(t: Token, lex: Lexicon): boolean {
  if (!t.upper || !SHAPE.test(t.text) || lex.isNever(t.text)) return false;
  const lower = t.text.toLowerCase();
  return t.text.length <= 3 || !lex.isWord(lower);
}

/** Initials of a multi-word name ("Syrian Democratic Forces" → "SDF"), or '' when too short. */
export function initials(name: string): string {
  let out = '';
  for (const w of name.split(/[\s-]+/)) {
    const c = w[0];
    if (c && c !== c.toLowerCase()) out += c;
  }
  return out.length >= 2 ? out : '';
}
