/** Possessives and contractions: "Assad's forces" names Assad; "Don't" and "It's" name nobody. */

const POSSESSIVE = /['’]s$/;
const CONTRACTION = /(?:n['’]t|['’](?:t|ll|re|ve|d|m))$/i;

/** Length of a trailing possessive ('s) to cut from a word, or 0. */
export function possessiveLength(word: string): number {
  return word.length > 3 && POSSESSIVE.test(word) ? 2 : 0;
}

/** "Don't", "We'll", "They're": words, not names. */
export function isContraction(word: string): boolean {
  return CONTRACTION.test(word);
}
