/**
 * Capitals that do not mark names: the first word of a sentence ("Residents of eastern Aleppo"), function
 * words ("The"), and headlines in Title Case ("Darayya Council Shuts Down After 4-Year Regime Siege").
 */
import * as wordLists from '../data/curated/words.json';
import type { Lexicon } from '../lexicon';
import type { Token } from '../tokenize';

const FUNCTION_WORDS = new Set(wordLists.functionWords);
/** Calls to action a page's markup glues to the word before ("Bashar al-AssadRead more"). */
const LINK_WORDS = new Set(wordLists.linkWords);

export const isFunctionWord = (t: Token) => FUNCTION_WORDS.has(t.key);

/** A word that may end a run-together pair ("ShareThe", "AssadRead"): a function word or a call to action. */
export const isGlueTail = (key: string) => key.length > 2 && (FUNCTION_WORDS.has(key) || LINK_WORDS.has(key));
export const ARTICLES = new Set(wordLists.articles);
const DETERMINERS = new Set(wordLists.determiners);
/** Common words that open a sentence before a name without being part of it. */
const OPENERS = new Set(wordLists.sentenceOpeners);

/** "NEC Nijmegen 1 PSV Eindhoven 4": two sides and their scores. */
const RESULTS_LINE = /^\D*\p{L} \d{1,3} \p{Lu}\D* \d{1,3}$/u;
/** "4. Tatiana Stiajkina (Ukraine) 11": a place in a ranking. */
const RANKED = /^\d{1,3}\. \p{Lu}/u;

/**
 * A heading or title in Title Case (or all capitals): its capitals say little. Most longer words are
 * capitalised and no lower-case word but a function word stands between them ("Darayya Council Shuts Down
 * After 4-Year Regime Siege and Attacks"); a sentence full of names still has its verb in lower case.
 */
export function isHeadline(toks: Token[], text: string): boolean {
  // A sentence ends with a full stop; a headline seldom does.
  if (toks.length > 30 || endsWithStop(text)) return false;
  // Names with their countries in brackets make a list of players, not a headline ("A (Spain) vs. B (Chile)"),
  // and so do two sides with their scores ("NEC Nijmegen 1 PSV Eindhoven 4") and a ranked line ("4. Tatiana
  // Stiajkina (Ukraine) 11").
  if (
    text.indexOf('(') !== text.lastIndexOf('(') ||
    RANKED.test(text) ||
    (RESULTS_LINE.test(text) && !toks.some(isFunctionWord))
  )
    return false;
  let long = 0;
  let caps = 0;
  for (let k = 1; k < toks.length; k++) {
    const t = toks[k];
    if (!t.capitalised && t.text.length > 2 && !FUNCTION_WORDS.has(t.text) && !/^\d/.test(t.text))
      return false;
    if (t.text.length < 4 || /^\d/.test(t.text)) continue;
    long++;
    if (t.capitalised) caps++;
  }
  return long >= 2 && caps >= long * 0.8;
}

/**
 * "Jan Kroslak", "Sun Jian": a month's or a day's short form before a name is a given or family name; "Sunday
 * Times", "Sunday Telegraph": a day before a paper's word names the paper.
 */
export function givenName(t: Token, next: Token | undefined, lex: Lexicon): boolean {
  if (next?.capitalised && t.joins && t.key.endsWith('day') && lex.orgSuffix.get(next.key) === 'media')
    return true;
  return (
    t.text.length === 3 &&
    !!next?.capitalised &&
    !next.upper &&
    !lex.isNever(next.text) &&
    (lex.firstNames.has(t.key) || lex.familyFirst.has(t.key))
  );
}

/**
 * Whether a capitalised word at the start of a run is only there because of its position: a function word,
 * or a common word opening a sentence or sitting in a headline.
 */
export function isPositionalCapital(
  t: Token,
  next: Token | undefined,
  headline: boolean,
  lex: Lexicon,
): boolean {
  if (t.contraction) return true;
  if (lex.isNever(t.text)) return !givenName(t, next, lex);
  // A capital "The" mid-sentence is part of a name ("The Hague", "The Triffids"); lower-case "the" never is.
  if (ARTICLES.has(t.key) && (t.sentenceStart || headline || !next?.capitalised)) return true;
  // Mid-sentence, a capitalised function word belongs to a name ("All Souls College"), but a determiner
  // ("This Page") does not.
  if (DETERMINERS.has(t.key)) return true;
  if (!(t.sentenceStart || headline)) return false;
  if (isFunctionWord(t)) return true;
  // "Top-seeded Thomas Muster", "Long-time ally": a compound of common words describes what follows.
  if (commonCompound(t.key, lex)) return true;
  if (t.upper && t.text.length <= 4) return false;
  // "Will Smith" may open a sentence: a first name followed by another capital stays.
  if (lex.firstNames.has(t.key) && next?.capitalised) return false;
  // So does a common word before a name no list knows ("Hulk Hogan", "Magic Johnson"), unless the word
  // opens sentences ("Earlier Obama", "Watch Obama") or describes the person ("Wrestler Hogan").
  if (
    !headline &&
    t.joins &&
    next &&
    isNameToken(next, lex) &&
    !OPENERS.has(t.key) &&
    !/(?:ly|ing|ed)$/.test(t.key) &&
    !lex.personNouns.has(t.key) &&
    !lex.titleModifiers.has(t.key)
  )
    return false;
  // An opener the word list lacks ("Iconic") is positional all the same.
  return lex.isWord(t.key) || lex.quiet.has(t.key) || OPENERS.has(t.key);
}

function commonCompound(key: string, lex: Lexicon): boolean {
  const dash = key.indexOf('-');
  if (dash < 1) return false;
  for (const part of key.split('-'))
    if (!lex.isWord(part) && !lex.isWord(part.replace(/(?:ed|d|ing|s)$/, ''))) return false;
  return true;
}

/**
 * A capitalised word that can only be a person's name: a first name or surname that is no common word and
 * nothing else the lists know ("Hogan", not "Cobh" in "Popular Cobh spot").
 */
function isNameToken(t: Token, lex: Lexicon): boolean {
  return (
    t.capitalised &&
    lex.firstNames.has(t.key) &&
    !t.upper &&
    !t.contraction &&
    !lex.isWord(t.key) &&
    !lex.quiet.has(t.key) &&
    !lex.knows(t.key) &&
    !lex.isDemonym(t.key) &&
    !lex.isNever(t.text) &&
    !lex.titleHeads.has(t.key) &&
    !FUNCTION_WORDS.has(t.key)
  );
}

/** Whether the text ends with a full stop, question or exclamation mark (maybe inside a quote or bracket). */
function endsWithStop(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && text.charCodeAt(i) <= 32) i--;
  if (i >= 0 && '"\'”’)'.includes(text[i])) i--;
  return i >= 0 && '.!?'.includes(text[i]);
}
