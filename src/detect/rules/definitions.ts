/**
 * Definitions: "Caloi is a Brazilian manufacturer of bicycles", "Aisby is a village in Lincolnshire",
 * "Linkin Park are an American rock band", "X was born in ...", "X was founded in ...". The noun a name is
 * defined by says its kind, more surely than its shape or the gazetteer (a band named after a park).
 */
import * as titles from '../data/curated/titles.json';
import * as wordLists from '../data/curated/words.json';
import type { Lexicon } from '../lexicon';
import { SERVICES, TRANSIT } from './cues';
import type { Kind } from '../types';

// The copula, after an optional parenthesis ("Cowley (born June 12, 1912) was ...") and before an article.
const COPULA =
  /\s*(?:\([^()]{0,80}\)\s*)?,?\s+(?:is|was|are|were)\s+(?:(born|founded|formed|established|incorporated|raised)\b|(?:(?:a|an|the|one of the)\s+)([^.;:()"“”]{1,80}))/y;
/** Titles that are adjectives too ("a private, non-profit institution", "a major label"). */
const ADJECTIVES = new Set(titles.adjectives);
/** Words that end the noun phrase the head is read from: "a village [in] Lincolnshire". */
const STOP = new Set(wordLists.phraseStops);
const MAX_WORDS = 7;

const APPOSITION = /, (?:the|a|an) ([^.;:,()"“”]{1,80})/y;

/**
 * "Diana, the princess of Wales,": an apposition whose noun is a person's (a title or a person noun), so
 * the name before it is a person's. Only that kind: "In Idlib, the rebels" says nothing about Idlib.
 */
export function appositionIsPerson(text: string, end: number, lex: Lexicon): boolean {
  if (text.charCodeAt(end) !== 44) return false;
  APPOSITION.lastIndex = end;
  const m = APPOSITION.exec(text);
  if (!m) return false;
  const head = headOf(m[1]);
  return lex.personNouns.has(head) || (lex.titleHeads.has(head) && !ADJECTIVES.has(head));
}

/** The head noun of a noun phrase: its last word before a word that ends the phrase. */
function headOf(phrase: string): string {
  let head = '';
  let n = 0;
  for (const w of phrase.split(/,?\s+/)) {
    const word = w.toLowerCase();
    if (!word || STOP.has(word) || ++n > MAX_WORDS) break;
    head = word;
  }
  return head;
}

/** The kind a definition right after a name gives it, or undefined. */
export function definedKind(text: string, end: number, lex: Lexicon, start = 0): Kind | undefined {
  // "born in Danvers, Massachusetts is an American rapper": the subject came before the comma.
  if (start >= 2 && text.charCodeAt(start - 2) === 44) return undefined;
  // Most names are followed by something else: look at the next characters before running the pattern.
  const c = text.charCodeAt(end);
  if (c !== 32 && c !== 44 && c !== 40 && c !== 160) return undefined;
  COPULA.lastIndex = end;
  const m = COPULA.exec(text);
  if (!m) return undefined;
  if (m[1]) return m[1] === 'born' || m[1] === 'raised' ? 'person' : 'organization';
  let head = '';
  let before = '';
  let n = 0;
  for (const w of m[2].split(/,?\s+/)) {
    const word = w.toLowerCase();
    if (!word || STOP.has(word) || ++n > MAX_WORDS) break;
    before = head;
    head = word;
  }
  // "the school district in Coronado" runs schools: an organisation.
  if (head === 'district' && SERVICES.has(before)) return 'organization';
  if (head === 'station' && TRANSIT.has(before)) return 'place';
  // "the team's sole remaining star", "a rising star": defining someone as a star is about a person (while
  // "the star Betelgeuse", a describing noun before a name, is a place in the sky).
  if (lex.personNouns.has(head) || head === 'star' || (lex.titleHeads.has(head) && !ADJECTIVES.has(head)))
    return 'person';
  if (lex.orgNouns.has(head)) return 'organization';
  if (lex.placeNouns.has(head)) return 'place';
  return undefined;
}
