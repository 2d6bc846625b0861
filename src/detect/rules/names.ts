/**
 * Person names never seen before: a known first name, particles ("bin", "al-", "van"),
 * or a short run of capitalised words that are not common English.
 */
import * as wordLists from '../data/curated/words.json';
import type { Lexicon } from '../lexicon';
import type { Token } from '../tokenize';
import { PARTICLES } from './particles';

const ROMAN = /^[IVX]{1,4}$/;
const ARTICLE_CAPS = new Set(wordLists.articleCaps);
const CAPITAL_PARTICLES = new Set(wordLists.capitalParticles);
const HYPHEN_PARTICLE = new RegExp(`^(?:${wordLists.hyphenParticles.join('|')})-`, 'i');

/**
 * How strongly a run of words looks like a person's name: 2 (a known first name, or a
 * particle), 1 (unknown capitalised words, none common), 0 (not a name by its shape).
 */
export function personShape(run: Token[], lex: Lexicon): number {
  // A regnal number ends a person's name ("Louis XVI", "Carlos I").
  if (run.length > 1 && ROMAN.test(run[run.length - 1].text)) run = run.slice(0, -1);
  const caps = run.filter((t) => t.capitalised);
  if (caps.length < 2 || caps.length > 5) return 0;
  if (run.some((t) => t.upper || /\d/.test(t.text))) return 0;
  // Lower-case words inside a person's name are particles only ("von der", "bin"), never "of".
  if (run.some((t) => !t.capitalised && !PARTICLES.has(t.text))) return 0;
  const first = caps[0];
  const last = caps[caps.length - 1];
  // "El Financiero", "Le Figaro", "La Stampa": an article opens a title, not a person (whose "El Sisi" is
  // still found as part of the full name).
  if (caps.length === 2 && ARTICLE_CAPS.has(first.text)) return 0;
  // A first name opens a person's name, unless it is a title opening an organisation's ("Major League Baseball",
  // "King Power Stadium").
  if (
    lex.firstNames.has(first.key) &&
    !(
      lex.titleHeads.has(first.key) &&
      caps.slice(1).some((t) => lex.orgSuffix.has(t.key) || lex.placeSuffix.has(t.key))
    )
  )
    return 2;
  // "Shubman Gill": an unknown given name and a surname that is also a first name.
  if (
    caps.length === 2 &&
    lex.firstNames.has(last.key) &&
    !lex.isWord(first.key) &&
    !lex.knows(first.key) &&
    !lex.isDemonym(first.key)
  )
    return 1;
  // "Hulk Hogan": a common word before a first name that is no common word is a nickname and a surname.
  if (
    caps.length === 2 &&
    lex.firstNames.has(last.key) &&
    !lex.isWord(last.key) &&
    lex.isWord(first.key) &&
    !lex.personNouns.has(first.key) &&
    !lex.titleModifiers.has(first.key) &&
    !lex.knows(first.key) &&
    !lex.isDemonym(first.key)
  )
    return 1;
  // A capitalised particle inside the name: "Marine Le Pen", "Lula Da Silva".
  if (
    caps.length >= 3 &&
    caps.slice(1, -1).some((t) => ARTICLE_CAPS.has(t.text) || CAPITAL_PARTICLES.has(t.text)) &&
    !lex.placePrefix.has(first.key)
  )
    return 2;
  if (run.some((t) => !t.capitalised) || HYPHEN_PARTICLE.test(last.text)) return 2;
  // Unknown words all through ("Binali Yıldırım") may be a person; a common word ("Killing Joke") is not.
  return caps.every((t) => !lex.isWord(t.key)) ? 1 : 0;
}
