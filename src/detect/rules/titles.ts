/**
 * Titles and appositions: "Turkish Prime Minister Binali Yıldırım", "Mr Trump", "foreign minister
 * Mevlut Cavusoglu". The title makes the following name a person and is kept as the person's role.
 */
import type { Lexicon } from '../lexicon';
import type { Token } from '../tokenize';
import { isFunctionWord } from './sentence';

const bare = (t: Token) => (t.key.endsWith('.') ? t.key.slice(0, -1) : t.key);
export const isTitleHead = (t: Token, lex: Lexicon) => lex.titleHeads.has(bare(t));
const isTitleWord = (t: Token, lex: Lexicon) => isTitleHead(t, lex) || lex.titleModifiers.has(bare(t));

/**
 * In a capitalised run, where the name starts after a title ("Prime Minister" in "Prime Minister Binali
 * Yıldırım"): the index of the name's first token, or -1 when no title leads the run.
 */
export function titleEnd(run: Token[], lex: Lexicon): number {
  let head = -1;
  for (let k = 0; k < run.length - 1; k++) if (isTitleHead(run[k], lex)) head = k;
  if (head < 0) return -1;
  let k = head + 1;
  // "Secretary of State John Kerry": the title goes on through "of" and its modifiers.
  if (run[k].text === 'of') {
    const after = ++k;
    while (k < run.length - 1 && lex.titleModifiers.has(bare(run[k])) && !run[k].upper) k++;
    // "Duchess of Sussex", "President of France Emmanuel Macron": what follows "of" is the title's domain,
    // not the person, unless it was only more title words ("Secretary of State John Kerry").
    if (k === after) return -1;
  }
  const rest = run.length - k;
  if (rest < 1 || rest > 4) return -1;
  // What follows must look like a name, not more words ("Major League Baseball").
  const firstName = lex.firstNames.has(run[k].key);
  for (let r = k; r < run.length; r++) {
    const t = run[r];
    if (!t.capitalised) continue;
    if (!firstName && (lex.orgSuffix.has(t.key) || lex.placeSuffix.has(t.key))) return -1;
    if (isTitleWord(t, lex) || isFunctionWord(t)) return -1;
    if ((lex.isWord(t.key) || lex.isNever(t.text)) && !lex.firstNames.has(t.key) && rest > 1 && r === k)
      return -1;
  }
  return k;
}

/**
 * Whether the word right before token `i` is a title ("foreign minister Mevlut Cavusoglu",
 * "President-elect Donald Trump", "spokesman John Kirby").
 */
export function titleBefore(toks: Token[], i: number, text: string, lex: Lexicon): boolean {
  const prev = toks[i - 1];
  if (!prev || text.slice(prev.wordEnd, toks[i].start) !== ' ') return false;
  const word = text.slice(prev.wordStart, prev.wordEnd).toLowerCase().replace(/\.$/, '');
  return lex.titleHeads.has(word) || lex.titleHeads.has(word.slice(0, word.indexOf('-')));
}

export { isTitleWord };
