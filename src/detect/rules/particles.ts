/**
 * Name particles and connectors: what may stand in lower case inside one name. "Ursula von der Leyen",
 * "Abu Bakr al-Baghdadi", "University of Birmingham", "On the Ground News".
 */
import * as wordLists from '../data/curated/words.json';
import type { Lexicon } from '../lexicon';
import { phraseKey } from '../text';
import type { Token } from '../tokenize';

/** Lower-case words inside personal names. */
export const PARTICLES = new Set(wordLists.particles);

/** Lower-case words inside place names ("Newcastle upon Tyne", "Frankfurt am Main", "Boulogne-sur-Mer"). */
export const PLACE_PARTICLES = new Set(wordLists.placeParticles);

/** Connectors that join two capitalised parts into one organisation or place name when a cue allows. */
export const CONNECTORS = new Set(wordLists.connectors);

/** The last index of the capitalised run that starts at `from` (joined by single spaces). */
function runEnd(toks: Token[], from: number): number {
  let k = from;
  while (k + 1 < toks.length && toks[k].joins && toks[k + 1].capitalised) k++;
  return k;
}

/** The last token of the name starting at `from`, through a possessive ("Couch's Division"). */
function nameEnd(toks: Token[], from: number): number {
  const end = runEnd(toks, from);
  return toks[end].possessive && end + 1 < toks.length && toks[end + 1].capitalised
    ? runEnd(toks, end + 1)
    : end;
}

/** Whether the run so far has a word that heads organisation names ("Institute", "Committee", "Bank"). */
function hasOrgHead(toks: Token[], from: number, to: number, lex: Lexicon): boolean {
  for (let k = from; k <= to; k++) if (toks[k].capitalised && lex.orgPrefix.has(toks[k].key)) return true;
  return false;
}

/**
 * Whether the run ending at `to` has an organisation head, then "of" or "for", then one to three capitalised
 * words ("Department of Physics", "Centres for Disease Control").
 */
function ofAfterHead(toks: Token[], from: number, to: number, lex: Lexicon): boolean {
  let k = to;
  while (k > from && to - k < 3 && toks[k].capitalised) k--;
  // "Council of the Nations": the article after "of" too.
  if (k > from + 1 && toks[k].text === 'the' && toks[k - 1].text === 'of') k--;
  const of = toks[k];
  return k < to && (of.text === 'of' || of.text === 'for') && hasOrgHead(toks, from, k - 1, lex);
}

/**
 * If the lower-case words after token `j` connect it to a following capitalised part, the index of that
 * part's first token; else -1.
 */
export function connect(toks: Token[], j: number, runStart: number, lex: Lexicon): number {
  let k = j + 1;
  // Personal-name particles: one or two, then a capital ("von der Leyen", "bin Salman").
  let particles = 0;
  while (
    k < toks.length &&
    toks[k - 1].joins &&
    !toks[k].capitalised &&
    (PARTICLES.has(toks[k].text) || PLACE_PARTICLES.has(toks[k].text)) &&
    particles < 2
  ) {
    k++;
    particles++;
  }
  if (particles && k < toks.length && toks[k - 1].joins && toks[k].capitalised) return k;
  k = j + 1;
  const words: string[] = [];
  while (
    k < toks.length &&
    toks[k - 1].joins &&
    !toks[k].capitalised &&
    CONNECTORS.has(toks[k].text) &&
    words.length < 2
  ) {
    words.push(toks[k].text);
    k++;
  }
  if (!words.length || k >= toks.length || !toks[k - 1].joins || !toks[k].capitalised || k - runStart > 9)
    return -1;
  const first = words[0];
  // "Bosnia and Herzegovina", "Alternative for Germany": the joined words are a known name.
  if (j === runStart && (lex.firstWords.get(toks[j].key) ?? 1) > 1) {
    let phrase = `${toks[j].key} ${words.join(' ')}`;
    for (let m = k; m < toks.length && toks[m].capitalised; m++) {
      phrase += ` ${toks[m].key}`;
      if (lex.knows(phraseKey(phrase))) return k;
      if (!toks[m].joins) break;
    }
  }
  // "University of Birmingham", "Gulf of Mexico", "Secretary of State".
  const left = toks[j].key;
  if (first === 'of' && lex.ofHeads.has(left)) return k;
  // "Council of Europe", "Forces of the North", but not one unit of another ("Howe's Brigade of Couch's
  // Division"): after an organisation or place cue, "of" joins a name that is no organisation itself.
  if (
    first === 'of' &&
    (lex.orgSuffix.has(left) || lex.placeSuffix.has(left)) &&
    !lex.orgSuffix.has(toks[nameEnd(toks, k)].key)
  )
    return k;
  // "Institute for the Study of War", "Committee to Protect Journalists": an organisation head came before.
  // ... unless the far side is a name of its own ("Super League for FC Basel").
  const farKnown =
    toks[k].upper || lex.orgLead.has(toks[k].key) || lex.phrase(toks[k].key)?.ambiguous === false;
  if (
    (first === 'of' || first === 'for' || first === 'to') &&
    !farKnown &&
    hasOrgHead(toks, runStart, j, lex)
  )
    return k;
  // "Department of Physics and Astronomy", "Brooklyn Institute of Arts and Sciences": after an organisation
  // head and its "of", one more field joins by "and".
  if (
    first === 'and' &&
    words.length === 1 &&
    j - runStart >= 2 &&
    ofAfterHead(toks, runStart, j, lex) &&
    lex.isWord(toks[k].key) &&
    !lex.knows(toks[k].key)
  )
    return k;
  if (first === 'of' || first === 'to' || ((first === 'the' || first === 'on') && j > runStart)) return -1;
  // A person's job before "for" is no organisation's head: "the Asia Digital Editor for NBC News".
  if (first === 'for' && lex.personNouns.has(left)) return -1;
  // Otherwise the far side must end in an organisation cue: "On the Ground News", "Competition and Markets
  // Authority" (but not "Britain and the European Union": a known name does not start such a run).
  // ... or a railway's, named for the places it joins ("Franklin and Megantic Railway").
  const end = runEnd(toks, k);
  const cue = toks[end].key;
  if (!(
    (lex.orgSuffix.has(cue) && !lex.placeSuffix.has(cue)) ||
    (first === 'and' && lex.placeSuffix.get(cue) === 'railway')
  ))
    return -1;
  // A railway joins the known places it is named for ("London and South Western Railway").
  const railway = lex.placeSuffix.get(cue) === 'railway';
  if (first === 'and' && (words.length > 1 || j - runStart > 1 || (lex.knows(toks[j].key) && !railway)))
    return -1;
  return k;
}
