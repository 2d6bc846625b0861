/**
 * Role phrases the page itself uses for a name, for the card: "Turkish Prime Minister" (a title before),
 * "pro-Assad regime Lebanese daily" (a descriptor before), "of On the Ground News" and ", the ... ,"
 * (after).
 */
import type { Lexicon } from '../lexicon';
import type { Token } from '../tokenize';
import { isFunctionWord } from './sentence';

const MAX_WORDS = 6;

/**
 * A descriptor right before token `i` ("foreign minister", "Lebanese daily"), as the index of its first
 * token, or -1. It must end in a title or role noun and stops at determiners and punctuation.
 */
export function descriptorStart(toks: Token[], i: number, text: string, lex: Lexicon): number {
  const prev = toks[i - 1];
  if (
    !prev ||
    !prev.joins ||
    prev.capitalised ||
    !(lex.roleNouns.has(prev.text) || lex.titleHeads.has(prev.text))
  )
    return -1;
  let first = i - 1;
  for (let k = i - 2; k >= 0 && i - k <= MAX_WORDS; k--) {
    const t = toks[k];
    if ((!t.joins && !t.cut) || isFunctionWord(t) || /^\d/.test(t.text)) break;
    // Lower-case words, demonyms, prefixed names ("pro-Assad") and possessors ("Turkey's").
    if (t.capitalised && !t.cut && !lex.isDemonym(t.key) && !/^['’]s/.test(text.slice(t.end, t.end + 2)))
      break;
    first = k;
  }
  return first;
}

const CAPS = "\\p{Lu}[\\p{L}'’.-]*(?:\\s\\p{Lu}[\\p{L}'’.-]*)*";
const APPOSITION = new RegExp(
  `^,\\s+((?:the|a|an|his|her|its|their)\\s[^,;.()\\n]{3,80}?|${CAPS}(?:\\s(?:of|at|for)\\s(?:the\\s)?${CAPS})+)(?=[,;.)]|\\s*$)`,
  'u',
);

/** An apposition right after a name (", the group's spokesman,"), or undefined. */
export function appositionAfter(text: string, end: number, lex: Lexicon): string | undefined {
  if (text.charCodeAt(end) !== 44) return undefined;
  const m = APPOSITION.exec(text.slice(end, end + 100));
  if (!m) return undefined;
  const phrase = m[1];
  const firstWord = phrase.slice(0, phrase.indexOf(' '));
  if (/^\p{Lu}/u.test(firstWord) && !lex.titleHeads.has(firstWord.toLowerCase())) return undefined;
  return phrase;
}
