/**
 * One block of text → candidate names. Capitalised runs are grown over particles and connectors, cleaned
 * of positional capitals, then classified: gazetteer, title, organisation/place cue, person shape, acronym,
 * context. Each candidate carries a strength the document-level pass weighs.
 */
import type { Entry, Lexicon } from './lexicon';
import { isAcronym } from './rules/acronyms';
import { featureAfter, isOtherName, isTeamName, orgCue, placeCue, TEAM_NUMBER } from './rules/cues';
import { appositionIsPerson, definedKind } from './rules/definitions';
import { personShape } from './rules/names';
import { quotedTitles } from './rules/quotes';
import { connect, CONNECTORS } from './rules/particles';
import { appositionAfter, descriptorStart } from './rules/roles';
import {
  ARTICLES,
  givenName,
  isFunctionWord,
  isGlueTail,
  isHeadline,
  isPositionalCapital,
} from './rules/sentence';
import { isTitleHead, isTitleWord, titleBefore, titleEnd } from './rules/titles';
import { fold, phraseKey } from './text';
import { isCallSign, tokenize, type TextFacts, type Token } from './tokenize';
import * as cues from './data/curated/cues.json';
import * as titles from './data/curated/titles.json';
import * as wordLists from './data/curated/words.json';
import type { Kind } from './types';

/** Evidence: 3 gazetteer, 2 cue/title/known name/acronym, 1 shape or context only, 0 needs page support. */
export type Strength = 0 | 1 | 2 | 3;

export interface Candidate {
  /** Offsets of the name in the block's text, end exclusive. */
  start: number;
  end: number;
  text: string;
  /** `fold(text)`. */
  key: string;
  kind: Kind;
  subkind?: string;
  entry?: Entry;
  strength: Strength;
  words: number;
  role?: string;
  acronym?: boolean;
  /** For "Syrian Democratic Forces (SDF)": the folded full name this acronym stands for. */
  expands?: string;
  /** The kind is a default, not read from any cue: it weighs little in the page's vote. */
  guess?: boolean;
  /** Whether it opens a sentence, where a capital says nothing. */
  initial: boolean;
  /** Indices of the first and last token. */
  first: number;
  last: number;
}

interface Scan {
  text: string;
  toks: Token[];
  lex: Lexicon;
  headline: boolean;
  out: Candidate[];
  /** Answers for words that may open a longer phrase, by (token, max): made when first needed. */
  phrases: Map<number, { n: number; entry: Entry } | null> | undefined;
  /**
   * Per token index (filled as asked): the most tokens a gazetteer phrase starting there may span, or, for a
   * word no phrase of two words or more starts with, the answer itself.
   */
  reach: Array<number | { n: number; entry: Entry } | null>;
  /** When set, the names of the cascade's rules that settled or trimmed a run, in order (for tests). */
  trace?: string[];
  /** The last name of a list after a describing noun ("guitarists such as X, Y"), with the noun's kind. */
  listed?: { last: Candidate; kind: Kind };
}

/**
 * Three common words or more in Title Case, not ending in a place's word ("exemption from Value Added
 * Tax"): a preposition before them says nothing of a place ("in Salt Lake City" ends in one; two words
 * such as "at West Ham" are left to the preposition, as sides and towns are named so).
 */
function commonPhrase(lex: Lexicon, run: Token[]): boolean {
  return (
    run.length > 2 &&
    run.every((r) => !r.capitalised || lex.isWord(r.key)) &&
    !lex.placeSuffix.has(run[run.length - 1].key)
  );
}

export function scanBlock(text: string, lex: Lexicon, trace?: string[]): Candidate[] {
  const facts: TextFacts = { quoted: false };
  const toks = tokenize(text, lex, facts);
  const scan: Scan = {
    text,
    toks,
    lex,
    headline: isHeadline(toks, text),
    out: [],
    phrases: undefined,
    reach: [],
    trace,
    listed: undefined,
  };
  for (let i = 0; i < toks.length;) {
    if (!toks[i].capitalised) {
      if (isDigitCode(text.charCodeAt(toks[i].start))) unitNumber(scan, toks[i]);
      i++;
      continue;
    }
    let j = i;
    for (;;) {
      // "Howe's Brigade", "St Mary's College": a possessive inside a name that a cue ends.
      // ... a plural's too ("the Ratepayers' Association", "the Teachers' Union").
      if (
        !toks[j].joins &&
        j + 1 < toks.length &&
        toks[j + 1].capitalised &&
        ((toks[j].possessive && toks[j + 1].start - toks[j].end === 3) ||
          (toks[j + 1].start - toks[j].end === 2 &&
            toks[j].text.endsWith('s') &&
            (text.charCodeAt(toks[j].end) === 39 || text.charCodeAt(toks[j].end) === 8217)))
      ) {
        let end = j + 1;
        while (end + 1 < toks.length && toks[end].joins && toks[end + 1].capitalised) end++;
        const last = toks[end].key;
        // ... or a known name that starts with the possessive ("People's Republic of China").
        const known = (lex.firstWords.get(fold(text.slice(toks[j].start, toks[j].end + 2))) ?? 1) > 1;
        // A known place or organisation owns what follows rather than naming it ("Chicago's Palmer House").
        const owner =
          toks[j].index === i
            ? lex.phrase(toks[j].key)
            : lex.phrase(phraseKey(text.slice(toks[i].start, toks[j].end)));
        const ownedBy = !!owner && !owner.ambiguous && owner.kind !== 'person';
        // ... and so does a person named in full ("Olaf Scholz's Social Democrats"), while a surname or a
        // saint may name it ("Howe's Brigade", "St Mary's College").
        let fullName = false;
        for (let f = i; f < j; f++)
          fullName ||=
            !lex.placePrefix.has(toks[f].key) && !(toks[f].sentenceStart && lex.isWord(toks[f].key));
        // Up to two words after it ("Howe's Brigade", "St Mary's Catholic College"); three or more make a
        // name of their own that the possessive owns ("Yoon's People Power Party").
        if (
          end - j <= 2 &&
          ((!fullName && !ownedBy && (lex.orgSuffix.has(last) || lex.placeSuffix.has(last))) || known)
        ) {
          j = end;
          continue;
        }
      }
      // "Washington, D.C.": a known name with a comma inside; "CBS, Inc.": a company's legal form after one.
      if (
        j + 1 < toks.length &&
        toks[j + 1].capitalised &&
        toks[j + 1].start - toks[j].end === 2 &&
        text.charCodeAt(toks[j].end) === 44 &&
        text.charCodeAt(toks[j].end + 1) === 32 &&
        // ... whose full stop is no sentence's ("CBS, Inc., dedicated to").
        ((LEGAL_AFTER_COMMA.has(toks[j + 1].text) &&
          (!toks[j + 1].text.endsWith('.') || text.charCodeAt(toks[j + 1].end) === 44)) ||
          lex.knows(phraseKey(text.slice(toks[i].start, toks[j + 1].end))))
      ) {
        j++;
        continue;
      }
      // Joaquín "El Chapo" Guzmán: a quoted nickname between a first name and a surname.
      const nick = nicknameEnd(scan, i, j);
      if (nick > 0) {
        j = nick;
        continue;
      }
      // No name runs longer; a capitalised list or heading is cut into pieces (and work stays linear).
      if (!(j + 1 < toks.length && toks[j].joins) || j - i >= MAX_RUN) break;
      // "In Youghal The Old Imperial will ...": a capital "The" right after a name opens the next one.
      if (toks[j + 1].text === 'The' && toks[j].capitalised && !scan.headline) break;
      if (toks[j + 1].capitalised) j++;
      else {
        const k = connect(toks, j, i, lex);
        if (k < 0) break;
        j = k;
      }
    }
    // "BBC Radio 4", "Rustavi 2 television": a number after a broadcaster's name belongs to it.
    if (
      j + 1 < toks.length &&
      toks[j].joins &&
      isDigitCode(text.charCodeAt(toks[j + 1].start)) &&
      /^\d{1,3}$/.test(toks[j + 1].text)
    ) {
      const after = toks[j + 2];
      if (
        lex.orgSuffix.get(toks[j].key) === 'media' ||
        (after && toks[j + 1].joins && BROADCAST.has(after.text))
      )
        j++;
    }
    // "San Francisco 49ers", "Ottawa 67s": a number with a plural's ending after a place is its team.
    if (
      j + 1 < toks.length &&
      toks[j].joins &&
      isDigitCode(text.charCodeAt(toks[j + 1].start)) &&
      TEAM_NUMBER.test(toks[j + 1].text) &&
      lex.phrase(
        phraseKey(text.slice(toks[ARTICLES.has(toks[i].key) && i < j ? i + 1 : i].start, toks[j].end)),
      )?.kind === 'place'
    )
      j++;
    splitRun(scan, i, j + 1);
    i = j + 1;
  }
  definedSubject(scan);
  linkNeighbours(scan);
  if (facts.quoted) dropInTitles(scan);
  // The word lists and rules are English: in a block of another language keep only names the gazetteer knows.
  return scan.out.some((c) => c.strength < 3) && isForeign(toks, lex)
    ? scan.out.filter((c) => c.strength === 3)
    : scan.out;
}

/**
 * No mentions inside a quoted title ("Anarchy in Tokyo"), unless the quotes hold one known name whole
 * (the so-called "Islamic State").
 */
function dropInTitles(scan: Scan): void {
  if (!scan.out.length) return;
  for (const [a, b] of quotedTitles(scan.text, scan.toks)) {
    const inside = scan.out.filter((c) => c.start > a && c.end <= b);
    if (inside.length === 1 && inside[0].strength >= 2 && scan.text.slice(a + 1, b).trim() === inside[0].text)
      continue;
    if (inside.length) scan.out = scan.out.filter((c) => !(c.start > a && c.end <= b));
  }
}

const OPEN_NICK = /^ ["“] ?$/;
const CLOSE_NICK = /^ ?["”] $/;

/**
 * After a first name at token `j` (a run from `i`): a quoted nickname of one or two capitalised words and the
 * surname after it, as the index of the surname; else 0.
 */
function nicknameEnd(scan: Scan, i: number, j: number): number {
  const { toks, text, lex } = scan;
  const t = toks[j];
  // The gap holds a space and an opening quote (read without cutting it out of the text first).
  const gap = j + 3 < toks.length ? toks[j + 1].start - t.end : 0;
  if (
    t.joins ||
    t.possessive ||
    gap < 2 ||
    gap > 3 ||
    text.charCodeAt(t.end) !== 32 ||
    !OPEN_NICK.test(text.slice(t.end, toks[j + 1].start))
  )
    return 0;
  let first = false;
  for (let f = i; f <= j; f++) first ||= lex.firstNames.has(toks[f].key);
  if (!first) return 0;
  let m = j + 1;
  while (m < j + 2 && toks[m].capitalised && toks[m].joins && toks[m + 1].capitalised) m++;
  const surname = toks[m + 1];
  return toks[m].capitalised &&
    surname?.capitalised &&
    CLOSE_NICK.test(text.slice(toks[m].end, surname.start))
    ? m + 1
    : 0;
}

/** Whether a block's lower-case words are mostly not English (German, French ... pages). */
const isDigitCode = (c: number) => c >= 48 && c <= 57;

function isForeign(toks: Token[], lex: Lexicon): boolean {
  let seen = 0;
  let english = 0;
  // Sixteen words tell the language; long blocks need not be read to the end.
  for (let k = 0; k < toks.length && seen < 16; k++) {
    const t = toks[k];
    // Numbers are in no language ("15 July 1985; ... 12 August 1986").
    if (t.capitalised || t.text.length < 3 || isDigitCode(t.text.charCodeAt(0))) continue;
    seen++;
    // Seven English words settle it: 40% of sixteen.
    if (lex.isWord(t.text) && ++english >= 7) return false;
  }
  return seen >= 8 && english < seen * 0.4;
}

/** Splits a run at words that cannot be inside a name (and, in headlines, at common words). */
function splitRun(scan: Scan, a: number, b: number): void {
  const { toks, lex, headline } = scan;
  // "MTV Video Music Awards": an event's name, though web furniture ("Video") sits inside it.
  if (b - a > 2 && lex.miscSuffix.has(toks[b - 1].key)) return;
  let start = a;
  // A gazetteer phrase is never split ("Russia Today" in a headline, "Islamic State").
  let keep = a;
  for (let k = a; k < b; k++) {
    const t = toks[k];
    if (!t.capitalised) continue;
    if (k >= keep) {
      const hit = phraseAt(scan, toks, k, b);
      if (hit && hit.n > 1 && !hit.entry.ambiguous) keep = k + hit.n;
    }
    if (k < keep && k > start) continue;
    // "wrote on X. Employees had ...": a lone capital letter and its full stop ended the sentence; after
    // a block's start, a comma or a bracket it is an initial ("(M. Walker 59, D. Fulton 53)").
    if (
      k > start &&
      lex.isWord(t.key) &&
      INITIAL.test(toks[k - 1].text) &&
      k - 1 === start &&
      !INITIAL_OPENS.test(scan.text.slice(Math.max(0, toks[start].start - 4), toks[start].start))
    ) {
      segment(scan, trim(toks, start, k));
      start = k;
      continue;
    }
    // A Roman numeral stays after a name ("Louis XVI") and before a unit ("VI Corps").
    if (
      (lex.isNever(t.text) &&
        !(k + 1 < b && givenName(t, toks[k + 1], lex)) &&
        !(k === start && k + 1 < b && STAGE_PREFIXES.has(t.text) && toks[k + 1].capitalised) &&
        !(ROMAN.test(t.text) && (k > start || lex.orgSuffix.get(toks[b - 1].key) === 'military'))) ||
      t.contraction
    ) {
      if (k > start) segment(scan, trim(toks, start, k));
      start = k + 1;
    } else if (
      headline &&
      k > start &&
      !t.upper &&
      lex.isWord(t.key) &&
      !isTitleWord(t, lex) &&
      !lex.orgSuffix.has(t.key) &&
      !lex.placeSuffix.has(t.key)
    ) {
      segment(scan, trim(toks, start, k));
      start = k;
    }
  }
  if (b > start) segment(scan, ampersand(scan, trim(toks, start, b)));
}

/**
 * "Karl Langdon & Harvey Deegan" are two people; "Procter & Gamble" is one company. Reads the part before
 * an ampersand on its own when both sides are full personal names, and returns the rest.
 */
function ampersand(scan: Scan, run: Token[]): Token[] {
  // Two words each side: runs of four words or more (most runs are shorter).
  if (run.length < 4) return run;
  const { text, lex } = scan;
  // " & " between two words, read by character codes (no slice per gap).
  const at = run.findIndex(
    (t, k) =>
      k + 1 < run.length &&
      run[k + 1].start - t.end === 3 &&
      text.charCodeAt(t.end) === 32 &&
      text.charCodeAt(t.end + 1) === 38 &&
      text.charCodeAt(t.end + 2) === 32,
  );
  if (at < 1 || run.length - at - 1 < 2) return run;
  const left = run.slice(0, at + 1);
  const right = run.slice(at + 1);
  if (personShape(left, lex) !== 2 || personShape(right, lex) !== 2) return run;
  segment(scan, left);
  return right;
}

/** The run without lower-case connectors at its edges (a number after a cue stays: "BBC Radio 4"). */
function trim(toks: Token[], a: number, b: number): Token[] {
  while (a < b && !toks[a].capitalised) a++;
  while (b > a && !toks[b - 1].capitalised && !/^\d/.test(toks[b - 1].text)) b--;
  return toks.slice(a, b);
}

const isKnown = (hit: { entry: Entry } | null) => !!hit && !hit.entry.ambiguous;
/** A country, a curated place or a city of a million: too big to be a surname ("Will Russia", "West Africa"). */
const isMajorPlace = (e: Entry | undefined) =>
  !!e &&
  e.kind === 'place' &&
  (e.subkind === 'country' || !e.geo?.population || e.geo.population >= 1_000_000);

/**
 * Longest gazetteer phrase starting at run[i] and ending before run[end] (the run's end unless given: the
 * block's tokens can be read as a run without copying them): its length in tokens and entry, or null.
 */
function phraseAt(
  scan: Scan,
  run: Token[],
  i: number,
  end: number = run.length,
): { n: number; entry: Entry } | null {
  const t = run[i];
  let reach = scan.reach[t.index];
  if (reach === undefined) {
    // Runs may hold connectors the phrase spells differently; allow two extra tokens.
    // A phrase may start with a possessive the token had cut ("People's Republic of China").
    const longest =
      scan.lex.firstWords.get(t.key) ?? (t.possessive ? scan.lex.firstWords.get(`${t.key}'s`) : undefined);
    // Most words open no phrase of two words or more: their one answer takes the reach's place.
    reach = scan.reach[t.index] = longest ? longest + 2 : lookupPhrase(scan, run, i, 1);
  }
  if (typeof reach !== 'number') return reach;
  // Runs are stretches of the block's tokens, and the answer reads only the first `max` tokens from run[i]:
  // rules ask about the same positions again and again, so answers are remembered per (token, max).
  const max = Math.min(end - i, reach);
  const id = t.index * 4096 + max;
  const memo = (scan.phrases ??= new Map()).get(id);
  if (memo !== undefined) return memo;
  const hit = lookupPhrase(scan, run, i, max);
  scan.phrases.set(id, hit);
  return hit;
}

function lookupPhrase(scan: Scan, run: Token[], i: number, max: number): { n: number; entry: Entry } | null {
  const { lex, text } = scan;
  for (let n = max; n > 1; n--) {
    const last = run[i + n - 1];
    if (!last.capitalised) continue;
    const entry = lex.phrase(phraseKey(text.slice(run[i].start, last.end)));
    if (entry) return { n, entry };
  }
  const entry = lex.phrase(run[i].key);
  return entry && (run[i].upper || !lex.needsCapitals(run[i].key)) ? { n: 1, entry } : null;
}

/** One run on its way through the cascade: rules may trim it; its person shape is computed once per run. */
interface Segment {
  run: Token[];
  shapeOf?: Token[];
  shapeValue?: 0 | 1 | 2;
}

function shapeOf(seg: Segment, lex: Lexicon): 0 | 1 | 2 {
  if (seg.shapeOf !== seg.run) {
    seg.shapeOf = seg.run;
    seg.shapeValue = personShape(seg.run, lex) as 0 | 1 | 2;
  }
  return seg.shapeValue as 0 | 1 | 2;
}

/**
 * One step of the cascade that classifies a run. `decide` returns true when it has settled the run (emitted
 * candidates, or none); it may instead trim `seg.run` and return false, and the next rule reads the rest.
 */
export interface SegmentRule {
  name: string;
  /** What the rule decides, in a phrase. */
  decides: string;
  decide(scan: Scan, seg: Segment): boolean;
}

/**
 * The classification cascade, in the order it runs: the first rule that settles a run wins, so a rule's
 * place in this list is part of its meaning (a whole gazetteer phrase before a title, a cue before a person's
 * shape, the words around a name last).
 */
export const SEGMENT_RULES: readonly SegmentRule[] = [
  {
    name: 'otherName',
    decides:
      'titles of works, events and operations are no mention (unless the gazetteer holds the run whole)',
    decide: (scan, { run }) => isOtherName(run, scan.lex) && phraseAt(scan, run, 0)?.n !== run.length,
  },
  {
    name: 'numbered',
    decides: 'a thing with a number after its name is no mention ("Train No. 23")',
    decide(scan, { run }) {
      const last = run[run.length - 1];
      return run.length > 1 && last.text === 'No.' && /^ \d/.test(scan.text.slice(last.end, last.end + 2));
    },
  },
  {
    name: 'stageName',
    decides: 'a DJ\'s or MC\'s prefix and a name is one person, the prefix too ("DJ Khaled", "MC Hammer")',
    decide(scan, { run }) {
      if (run.length < 2 || !STAGE_PREFIXES.has(run[0].text) || !run[1].capitalised) return false;
      emit(scan, run, 'person', 2);
      return true;
    },
  },
  {
    name: 'familyFirst',
    decides: 'a family name and given-name syllables is one person ("Bong Joon Ho")',
    decide(scan, { run }) {
      if (!isFamilyFirst(run, scan.lex)) return false;
      emit(scan, run, 'person', 2);
      return true;
    },
  },
  {
    name: 'positionalCapitals',
    decides: 'capitals that only mark a sentence start are dropped; a lone one waits for the page',
    decide: stripPositional,
  },
  {
    name: 'describingWord',
    decides: 'a common word before a first name describes the person ("Senior Kory Lichtensteiger")',
    decide: stripDescribingWord,
  },
  {
    name: 'shouted',
    decides: 'a common word in a line of capitals is shouted, not an acronym ("THIS IS A LIVE BLOG")',
    decide: (scan, { run }) => run.length === 1 && shouted(scan, run[0]),
  },
  {
    name: 'seatTitleAfter',
    decides:
      'a member\'s title in capitals ends no name: what comes before it is read on its own ("the Liberal-Labour MPP for Kenora")',
    decide(scan, seg) {
      const { run } = seg;
      const last = run[run.length - 1];
      if (!(last.upper && MEMBERS.has(last.key) && scan.lex.titleHeads.has(last.key))) return false;
      if (run.length === 1) return !phraseAt(scan, run, 0);
      seg.run = run.slice(0, -1);
      return false;
    },
  },
  {
    name: 'wholePhrase',
    decides: 'a gazetteer phrase that is the whole run takes its entry',
    decide(scan, { run }) {
      const whole = phraseAt(scan, run, 0);
      if (!whole || whole.n !== run.length) return false;
      emitEntry(scan, run, whole.entry);
      return true;
    },
  },
  {
    name: 'otherNameTrimmed',
    decides: 'what is left after trimming is the title of a work or event: no mention',
    decide: (scan, { run }) => isOtherName(run, scan.lex),
  },
  {
    name: 'directionDemonym',
    decides: 'a direction and a demonym name a people, no entity ("North African")',
    decide: (scan, { run }) =>
      run.length === 2 && scan.lex.directions.has(run[0].key) && scan.lex.isDemonym(run[1].key),
  },
  {
    name: 'directionPlace',
    decides: 'a direction and a known place name a region ("Southern California", "West Cork")',
    decide(scan, { run }) {
      if (run.length < 2 || !scan.lex.directions.has(run[0].key)) return false;
      const rest = phraseAt(scan, run, 1);
      if (!rest || rest.n !== run.length - 1 || rest.entry.kind !== 'place') return false;
      emit(scan, run, 'place', 3, { subkind: 'region' });
      return true;
    },
  },
  {
    name: 'placeCompassAfter',
    decides: 'a known place and a compass point after it name a region ("Ilocos Norte")',
    decide(scan, { run }) {
      const { lex } = scan;
      if (
        run.length !== 2 ||
        !(COMPASS_AFTER.has(run[1].key) || (lex.directions.has(run[1].key) && run[1].key.length > 5))
      )
        return false;
      const base = phraseAt(scan, run, 0);
      if (!(base?.n === 1 && base.entry.kind === 'place' && !base.entry.ambiguous)) return false;
      emit(scan, run, 'place', 3, { subkind: 'region' });
      return true;
    },
  },
  {
    name: 'title',
    decides: 'a title before a name makes a person, with the title as role ("President Emmanuel Macron")',
    decide: titled,
  },
  {
    name: 'titleOf',
    decides: 'titles before "of" name no one; what follows is read on its own ("Duchess of Sussex")',
    decide(scan, { run }) {
      const { lex } = scan;
      const of = run.findIndex((t) => t.text === 'of');
      if (!(
        of > 0 &&
        run.slice(0, of).every((t) => isTitleWord(t, lex) || lex.isDemonym(t.key)) &&
        isTitleHead(run[of - 1], lex)
      ))
        return false;
      // "Duke of Edinburgh", "Princess of Wales": a peer's title with its territory is the person.
      if (PEERAGES.has(run[of - 1].key) && of < run.length - 1 && !scan.headline) {
        emit(scan, run.slice(run.findIndex((t) => PEERAGES.has(t.key))), 'person', 2);
        return true;
      }
      segment(scan, trim(scan.toks, run[of].index + 1, run[run.length - 1].index + 1));
      return true;
    },
  },
  {
    name: 'firstNameCueSurname',
    decides:
      'a first name and a surname that is also a cue word, said or titled, is a person ("Coach David Field")',
    decide(scan, { run }) {
      const { lex } = scan;
      if (!(
        run.length === 2 &&
        lex.firstNames.has(run[0].key) &&
        !lex.titleHeads.has(run[0].key) &&
        !describedAs(scan, run) &&
        ((run[1].joins && guessKind(scan, run) === 'person') ||
          titleBefore(scan.toks, run[0].index, scan.text, lex))
      ))
        return false;
      emit(scan, run, 'person', 2);
      return true;
    },
  },
  {
    name: 'orgCue',
    decides: 'an organisation cue makes an organisation ("State Department", "FC Basel")',
    decide(scan, { run }) {
      const org = orgCue(run, scan.lex);
      if (!org) return false;
      emit(scan, run, 'organization', 2, { subkind: org });
      return true;
    },
  },
  {
    name: 'placeTeam',
    decides: 'a known place and a plural nickname is a team ("St. Louis Cardinals")',
    decide(scan, { run }) {
      const home = phraseAt(scan, run, 0);
      if (!(
        home &&
        home.n < run.length &&
        home.entry.kind === 'place' &&
        home.entry.subkind !== 'country' &&
        !scan.headline &&
        isTeamName(run.slice(0, home.n), run.slice(home.n), scan.lex)
      ))
        return false;
      emit(scan, run, 'organization', 2, { subkind: 'sport' });
      return true;
    },
  },
  {
    name: 'townPaper',
    decides: 'a town and a people\'s name or a hyphenated pair is its paper ("Odessa American")',
    decide(scan, { run }) {
      const { lex } = scan;
      const home = phraseAt(scan, run, 0);
      const last = run[run.length - 1];
      if (!(
        home &&
        home.n === run.length - 1 &&
        home.entry.kind === 'place' &&
        home.entry.subkind !== 'country' &&
        !scan.headline &&
        !last.upper &&
        (lex.isDemonym(last.key) || PAPER.test(last.text))
      ))
        return false;
      emit(scan, run, 'organization', 2, { subkind: 'media' });
      return true;
    },
  },
  {
    name: 'placeCue',
    decides: 'a place cue makes a place ("Idlib Province")',
    decide(scan, { run }) {
      const place = placeCue(run, scan.lex);
      if (!place) return false;
      emit(scan, run, 'place', 2, { subkind: place });
      return true;
    },
  },
  {
    name: 'compassPlace',
    decides: 'a compass point opens a place\'s name, not a person\'s ("North Shields")',
    decide(scan, { run }) {
      const { lex } = scan;
      if (!(
        run.length >= 2 &&
        run.length <= 3 &&
        COMPASS.test(run[0].text) &&
        run.every((t) => t.capitalised && !t.upper) &&
        !(run.length === 3 && PLURAL.test(run[2].text)) &&
        !phraseAt(scan, run, 1) &&
        !run.some((t) => lex.isDemonym(t.key) || lex.orgSuffix.has(t.key))
      ))
        return false;
      emit(scan, run, 'place', 1);
      return true;
    },
  },
  {
    name: 'demonymLead',
    decides: 'a leading demonym describes what follows ("Kurdish YPG") or opens an organisation\'s name',
    decide: demonymLead,
  },
  {
    name: 'describedAs',
    decides: 'a describing noun before the name gives its kind ("the band X", "the town of al-Bab")',
    decide(scan, { run }) {
      const described = describedAs(scan, run);
      if (!described || phraseAt(scan, run, 0)) return false;
      // "the band Gigi": the page's word for what a name is outweighs a first name's look elsewhere on it, but a
      // person named in full after a noun that may be a job ("operator George F. Hauser") keeps the usual weight,
      // "the headquarters of Yoon" says less: the noun must stand right before the name.
      const defined =
        described !== 'person' &&
        scan.toks[run[0].index - 1]?.text !== 'of' &&
        (run.length === 1 || !scan.lex.firstNames.has(run[0].key));
      emit(scan, run, described, defined ? 3 : 2);
      return true;
    },
  },
  {
    name: 'titleBefore',
    decides: 'a title in the words before an unknown run makes a person ("analyst Tom Park")',
    decide(scan, { run }) {
      if (!(
        run.length <= 4 &&
        !run[0].upper &&
        // A title after a title is more of it ("Prime Minister" with "Prime" dropped), not the person.
        !isTitleWord(run[0], scan.lex) &&
        titleBefore(scan.toks, run[0].index, scan.text, scan.lex) &&
        !phraseAt(scan, run, 0)
      ))
        return false;
      emit(scan, run, 'person', 2);
      return true;
    },
  },
  {
    name: 'acronymPlace',
    decides: 'an acronym and a place after it name an organisation ("PSV Eindhoven")',
    decide(scan, { run }) {
      if (!(
        run.length === 2 &&
        run[0].upper &&
        run[0].text.length <= 4 &&
        !scan.headline &&
        !scan.lex.knows(run[0].key) &&
        phraseAt(scan, run, 1)?.entry.kind === 'place'
      ))
        return false;
      emit(scan, run, 'organization', 2);
      return true;
    },
  },
  {
    name: 'initialsName',
    decides: 'initials and a surname are a person, whatever the surname is ("G. Archer", "J. Crawley")',
    decide(scan, { run }) {
      let k = 0;
      while (k < run.length && k < 3 && INITIAL.test(run[k].text)) k++;
      const rest = run.slice(k);
      if (!(
        k > 0 &&
        rest.length >= 1 &&
        rest.length <= 2 &&
        rest.every((t) => t.capitalised && !t.upper && !/\d/.test(t.text)) &&
        !scan.headline &&
        !phraseAt(scan, run, 0) &&
        !orgCue(run, scan.lex) &&
        !placeCue(run, scan.lex) &&
        !majorPlaceAfter(scan, run)
      ))
        return false;
      emit(scan, run, 'person', 2);
      return true;
    },
  },
  {
    name: 'personShape',
    decides:
      'a first name and more is a person, unless a common first word meets a major place ("Will Russia")',
    decide(scan, seg) {
      const { lex } = scan;
      const { run } = seg;
      if (shapeOf(seg, lex) !== 2) return false;
      const placeFirst =
        phraseAt(scan, run, 0)?.entry.kind === 'place' && lex.isWord(run[run.length - 1].key);
      if (placeFirst || (lex.isWord(run[0].key) && majorPlaceAfter(scan, run))) return false;
      emit(scan, run, 'person', 2);
      return true;
    },
  },
  {
    name: 'unknownWordsPerson',
    decides: 'unknown words all through, at most a town last, are a person ("Rui Gomez Pereira")',
    decide(scan, seg) {
      const { run } = seg;
      if (!(
        shapeOf(seg, scan.lex) === 1 &&
        !nounAfter(scan, run) &&
        !phraseAt(scan, run, 0) &&
        !majorPlaceAfter(scan, run) &&
        !run.slice(1, -1).some((_, k) => phraseAt(scan, run, k + 1))
      ))
        return false;
      emit(scan, run, 'person', 1);
      return true;
    },
  },
  {
    name: 'cityAcronymClub',
    decides: 'a city and an acronym name its club ("Sunderland AFC")',
    decide(scan, { run }) {
      if (!(
        run.length === 2 &&
        run[1].upper &&
        !scan.headline &&
        phraseAt(scan, run, 0)?.entry.kind === 'place' &&
        !scan.lex.knows(run[1].key)
      ))
        return false;
      emit(scan, run, 'organization', 2, { subkind: 'sport' });
      return true;
    },
  },
  {
    name: 'brandWithPlace',
    decides: 'a place and a word no list knows, side by side, name a company ("Cathay Pacific")',
    decide(scan, { run }) {
      if (!(run.length === 2 && !scan.headline && isBrandWithPlace(scan, run))) return false;
      emit(scan, run, 'organization', 1);
      return true;
    },
  },
  {
    name: 'wordCountry',
    decides: 'a plural common noun and a country name a national body ("Skills England", "Universities UK")',
    decide(scan, { run }) {
      const { lex } = scan;
      const word = run[0];
      if (!(
        run.length === 2 &&
        !scan.headline &&
        !word.sentenceStart &&
        !word.upper &&
        lex.isWord(word.key) &&
        PLURAL.test(word.text) &&
        !lex.directions.has(word.key) &&
        !lex.isDemonym(word.key) &&
        !isTitleWord(word, lex) &&
        !isFunctionWord(word) &&
        !lex.quiet.has(word.key) &&
        !lex.phrase(word.key) &&
        isNation(phraseAt(scan, run, 1)?.entry)
      ))
        return false;
      emit(scan, run, 'organization', 1);
      return true;
    },
  },
  {
    name: 'nationSlogan',
    decides: 'a country and a slogan\'s word name a party or movement ("Britain First")',
    decide(scan, { run }) {
      if (!(
        run.length === 2 &&
        !scan.headline &&
        NATION_SLOGANS.has(run[1].text) &&
        isNation(phraseAt(scan, run, 0)?.entry)
      ))
        return false;
      emit(scan, run, 'organization', 2, { subkind: 'party' });
      return true;
    },
  },
  {
    name: 'innerPhrases',
    decides: 'gazetteer phrases inside the run; what lies between them is read on its own',
    decide: innerPhrases,
  },
  {
    name: 'unknownRun',
    decides: 'a run no list knows: an acronym, a person by shape, or a guess from the words around it',
    decide(scan, seg) {
      unknownRun(scan, seg.run, shapeOf(seg, scan.lex));
      return true;
    },
  },
];

/** Whether a place's or an organisation's noun follows the run ("the Bijeli Brijeg neighbourhood"). */
function nounAfter(scan: Scan, run: Token[]): boolean {
  const end = run[run.length - 1];
  const next = scan.toks[end.index + 1];
  return (
    end.joins &&
    !!next &&
    !next.capitalised &&
    (scan.lex.placeNouns.has(next.text) || scan.lex.orgNouns.has(next.text))
  );
}

function segment(scan: Scan, run: Token[]): void {
  const seg: Segment = { run };
  for (const rule of SEGMENT_RULES) {
    const before = seg.run;
    const decided = rule.decide(scan, seg);
    if (scan.trace && (decided || seg.run !== before)) scan.trace.push(rule.name);
    if (decided) return;
  }
}

/** Whether a major place follows the run's first word ("Will Russia", "West Africa"). */
function majorPlaceAfter(scan: Scan, run: Token[]): boolean {
  return run.slice(1).some((_, k) => isMajorPlace(phraseAt(scan, run, k + 1)?.entry));
}

/**
 * Positional capitals at the start ("The", "Residents", "After") are not names, unless the gazetteer says so.
 * A connector right after it means the word opened a longer name ("On the Ground News").
 * A common word that opens a name ended by an organisation cue stays ("Legislative Assembly voted").
 */
function stripPositional(scan: Scan, seg: Segment): boolean {
  const { lex, headline } = scan;
  let { run } = seg;
  // "Legislative Assembly voted", "Princes Street is quiet": a cue word ends the name.
  // Asked only of a positional capital (most runs have none): the cues cost a few lookups.
  const whole = run;
  let ended: boolean | undefined;
  const unit =
    run.length > 1 && ROMAN.test(run[0].text) && lex.orgSuffix.get(run[run.length - 1].key) === 'military';
  while (
    !unit &&
    run.length &&
    run[1]?.capitalised !== false &&
    isPositionalCapital(run[0], run[1], headline, lex) &&
    !isKnown(phraseAt(scan, run, 0)) &&
    !(
      !isFunctionWord(run[0]) &&
      !lex.isNever(run[0].text) &&
      (ended ??= !headline && (cueEnds(whole, lex) || definedWhole(scan, whole)))
    )
  ) {
    // Alone, it may still be a name the page gives in full elsewhere ("Power said ..."): let the page decide.
    if (
      run.length === 1 &&
      !isFunctionWord(run[0]) &&
      !lex.isNever(run[0].text) &&
      !run[0].contraction &&
      !lex.isDemonym(run[0].key)
    ) {
      emit(scan, run, 'person', 0, { guess: true });
      return true;
    }
    run = run.slice(1);
    while (run.length && !run[0].capitalised) run = run.slice(1);
  }
  seg.run = run;
  return !run.length;
}

const MAX_SUBJECT = 7;
const STAGE_PREFIXES = new Set(wordLists.stagePrefixes);

/**
 * "30 Seconds to Mars (or Thirty Seconds to Mars) is an alternative rock band": a block that opens with a
 * name and defines it names all of it, numbers and lower-case words inside too, which no run joins. Only
 * such a subject (one with a number or a lower-case word in it) is read here; the others are runs.
 */
function definedSubject(scan: Scan): void {
  const { toks, text, lex } = scan;
  if (!toks.length || toks[0].start !== 0 || scan.headline) return;
  let inner = false;
  let end = -1;
  // "The Australian League of Rights is ...": the article opens the sentence, not the name.
  const from = ARTICLES.has(toks[0].key) && toks[0].joins ? 1 : 0;
  for (let k = from; k < toks.length && k < from + MAX_SUBJECT; k++) {
    const t = toks[k];
    const digit = isDigitCode(text.charCodeAt(t.start));
    if (!t.capitalised && !digit && !(k > from && CONNECTORS.has(t.text))) break;
    if (!t.capitalised) inner = true;
    else end = k;
    if (!t.joins) break;
  }
  if (!inner || end <= from) return;
  const last = toks[end];
  const kind = definedKind(text, last.end, lex);
  if (!kind) return;
  const names = [toks.slice(from, end + 1)];
  // "(or Thirty Seconds to Mars)": the other name it gives in brackets.
  const or = toks[end + 1];
  if (or?.text === 'or' && text.slice(last.end, or.start) === ' (') {
    let k = end + 2;
    while (
      k < toks.length &&
      k < end + 2 + MAX_SUBJECT &&
      (toks[k].capitalised || isDigitCode(text.charCodeAt(toks[k].start)) || CONNECTORS.has(toks[k].text))
    ) {
      if (text.charCodeAt(toks[k].end) === 41) {
        if (toks[k].capitalised) names.push(toks.slice(end + 2, k + 1));
        break;
      }
      if (!toks[k].joins) break;
      k++;
    }
  }
  for (const run of names) {
    const from = run[0].start;
    const to = run[run.length - 1].end;
    scan.out = scan.out.filter((c) => c.end <= from || c.start >= to);
    emit(scan, run, kind, 3);
  }
  scan.out.sort((a, b) => a.start - b.start);
}

/** Whether an organisation or place cue ends a run of more than one word ("Legislative Assembly"). */
/** "Dark Room Notes are a band": a definition after the whole run names all of it, its first word too. */
function definedWhole(scan: Scan, whole: Token[]): boolean {
  const last = whole[whole.length - 1];
  return (
    whole.length > 1 &&
    whole.length <= 4 &&
    whole[0].sentenceStart &&
    last.capitalised &&
    !!definedKind(scan.text, last.end, scan.lex, whole[0].start)
  );
}

function cueEnds(whole: Token[], lex: Lexicon): boolean {
  return (
    whole.length > 1 &&
    (!!orgCue(whole, lex) ||
      (!!placeCue(whole, lex) &&
        // "Circuit Park Zandvoort", "Port Elizabeth": a prefix cue is the name's own first word.
        (lex.placePrefix.has(whole[0].key) || !whole.slice(1).some((t) => lex.firstNames.has(t.key)))))
  );
}

/** "Senior Kory Lichtensteiger", "Engineer John Greiner": a common word before a first name describes. */
function stripDescribingWord(scan: Scan, seg: Segment): boolean {
  const { lex } = scan;
  const { run } = seg;
  if (
    run.length > 2 &&
    run.length < 6 &&
    run[1].capitalised &&
    lex.isWord(run[0].key) &&
    !lex.firstNames.has(run[0].key) &&
    lex.firstNames.has(run[1].key) &&
    !lex.orgLead.has(run[0].key) &&
    !lex.placePrefix.has(run[0].key) &&
    !lex.directions.has(run[0].key) &&
    !isTitleWord(run[0], lex) &&
    !orgCue(run, lex) &&
    !placeCue(run, lex) &&
    !phraseAt(scan, run, 1) &&
    personShape(run.slice(1), lex) === 2
  )
    seg.run = run.slice(1);
  return false;
}

/** A title before a name: the person, the title as role, and the names inside the title as mentions too. */
function titled(scan: Scan, { run }: Segment): boolean {
  const { lex } = scan;
  const title = titleEnd(run, lex);
  if (title <= 0) return false;
  const name = run.slice(title);
  // The role starts at the first title word or demonym ("See Prince Harry" → "Prince").
  let from = 0;
  while (
    from < title - 1 &&
    !isTitleWord(run[from], lex) &&
    !lex.isDemonym(run[from].key) &&
    !phraseAt(scan, run, from)
  )
    from++;
  const role = roleBefore(scan, run[from], name[0]);
  // Names inside the title are mentions too: "European Commission President ...", "U.S. Secretary of State ...".
  for (let k = 0; k < title;) {
    const hit = phraseAt(scan, run, k);
    if (hit && k + hit.n <= title && !hit.entry.ambiguous && hit.entry.kind !== 'person') {
      emitEntry(scan, run.slice(k, k + hit.n), hit.entry);
      k += hit.n;
    } else {
      // ... and acronyms: "NFL Champion", "IOC member".
      if (!hit && isAcronym(run[k], lex)) emit(scan, [run[k]], 'organization', 2, { acronym: true });
      k++;
    }
  }
  const inName = phraseAt(scan, name, 0);
  // A place that is also a name or a word is the person the title says ("Princess Diana", "Queen Victoria").
  if (inName && inName.n === name.length && inName.entry.kind !== 'person' && !inName.entry.ambiguous)
    emitEntry(scan, name, inName.entry);
  // "the NFL Champion Baltimore Colts": a title word before a side's name is its honour, not a person's.
  else if (
    inName &&
    inName.entry.kind === 'place' &&
    isTeamName(name.slice(0, inName.n), name.slice(inName.n), lex)
  )
    emit(scan, name, 'organization', 2, { subkind: 'sport' });
  else emit(scan, name, 'person', 2, { role });
  return true;
}

/** A leading demonym describes what follows ("Kurdish YPG"); alone it is no entity. */
function demonymLead(scan: Scan, { run }: Segment): boolean {
  const { lex, headline } = scan;
  if (!lex.isDemonym(run[0].key)) return false;
  // "Christian Rudd", "Germaine Greer": a demonym that is a first name, before a word no list knows, opens a
  // person's name.
  if (
    run.length === 2 &&
    lex.firstNames.has(run[0].key) &&
    run[1].capitalised &&
    !run[1].upper &&
    !lex.isWord(run[1].key) &&
    !lex.knows(run[1].key)
  )
    return false;
  const rest = run.slice(1);
  while (rest.length && !rest[0].capitalised) rest.shift();
  // ... unless what follows is no name of its own but common words: the demonym opens an organisation's
  // name ("American Scientific Affiliation", "Brazilian Cycling Confederation").
  const caps = rest.filter((t) => t.capitalised);
  const commonRest =
    caps.length > 0 &&
    caps.every((t) => lex.isWord(t.key) && !lex.isDemonym(t.key)) &&
    !rest.some((_, k) => phraseAt(scan, rest, k));
  // "Nazi Germany", "French Sudan", "German Europe": a people's word before a country or continent names one
  // place, the state or territory they held.
  const held = !headline && rest.length && rest.length === run.length - 1 ? phraseAt(scan, rest, 0) : null;
  if (held && held.n === rest.length && isNation(held.entry)) {
    emit(scan, run, 'place', 2, { subkind: 'region' });
    return true;
  }
  if (commonRest && !headline) {
    // One common word after the demonym ("Georgian Dream") names an organisation only when the context
    // says so ("the ruling Georgian Dream party") or the page does elsewhere.
    if (caps.length >= 2) emit(scan, run, 'organization', 1);
    else emit(scan, run, 'organization', guessKind(scan, run) === 'organization' ? 1 : 0);
  } else if (rest.length) segment(scan, rest);
  return true;
}

/** Gazetteer phrases inside the run; what lies between them is classified on its own. */
function innerPhrases(scan: Scan, { run }: Segment): boolean {
  const { lex } = scan;
  let gap = 0;
  let found = false;
  for (let k = 0; k < run.length;) {
    const at = run[k].capitalised ? phraseAt(scan, run, k) : null;
    // A town that is also a word or a name does not cut a run in two ("Sushil Chandra").
    const hit = at && (!at.entry.ambiguous || run.length === 1) ? at : null;
    if (!hit) {
      k++;
      continue;
    }
    // "Euphrates Shield", "Syria Daily": a known name followed by common words is a name of something else.
    const after = run.slice(k + hit.n).filter((t) => t.capitalised);
    if (
      k === 0 &&
      hit.entry.kind === 'organization' &&
      after.length &&
      after.every((t) => INNER_CAPITAL.test(t.text))
    ) {
      emit(scan, run, 'organization', 2, { subkind: hit.entry.subkind }); // "Google DeepMind"
      return true;
    }
    if (
      k === 0 &&
      after.length &&
      after.every((t) => lex.isWord(t.key) && !isTitleWord(t, lex) && !lex.directions.has(t.key))
    ) {
      // A known organisation followed by more words names a part of it ("Samsung Electronics", "Microsoft
      // Gaming"); a known place followed by common words names something else, most often a club, a
      // company or a paper ("Perth Glory", "Texas Instruments", "Syria Daily").
      emit(scan, run, 'organization', hit.entry.kind === 'organization' ? 2 : 1, {
        subkind: hit.entry.kind === 'organization' ? hit.entry.subkind : undefined,
      });
      return true;
    }
    if (k > gap) unknownRun(scan, trim(scan.toks, run[gap].index, run[k - 1].index + 1));
    emitEntry(scan, run.slice(k, k + hit.n), hit.entry);
    found = true;
    k += hit.n;
    gap = k;
  }
  if (found && gap < run.length)
    unknownRun(scan, trim(scan.toks, run[gap].index, run[run.length - 1].index + 1));
  return found;
}

/** Two words, one a known place, the other no common word, name, title, demonym or direction. */
const SYLLABLE = /^\p{Lu}\p{Ll}{1,3}(?:-\p{Ll}{1,4})?$/u;

function isFamilyFirst(run: Token[], lex: Lexicon): boolean {
  if (run.length < 2 || run.length > 3 || !lex.familyFirst.has(run[0].key)) return false;
  const given = run.slice(1);
  // Two syllables, or one hyphenated ("Jae-in"): "Park Avenue" or "Moon Landing" are not names.
  if (!given.every((t) => SYLLABLE.test(t.text))) return false;
  return given.length === 2 || given[0].text.includes('-');
}

function isBrandWithPlace(scan: Scan, run: Token[]): boolean {
  const { lex } = scan;
  // Cheap test first: exactly one of the two words is in the gazetteer.
  if (lex.knows(run[0].key) === lex.knows(run[1].key)) return false;
  const places = run.map((t) => {
    const hit = phraseAt(scan, [t], 0);
    return !!hit && hit.entry.kind === 'place' && !hit.entry.ambiguous;
  });
  if (places[0] === places[1]) return false;
  const other = run[places[0] ? 1 : 0];
  return (
    other.capitalised &&
    !other.upper &&
    !lex.knows(other.key) &&
    !lex.isWord(other.key) &&
    !lex.firstNames.has(other.key) &&
    !lex.isDemonym(other.key) &&
    !lex.directions.has(other.key) &&
    !isTitleWord(other, lex)
  );
}

/** A country, or a nation no ISO list holds ("England", "Wales"): what a national body is named after. */
const isNation = (e: Entry | undefined) =>
  !!e && e.kind === 'place' && (e.subkind === 'country' || (e.subkind === 'region' && !!e.wikiTitle));

/** Awards named alone ("a posthumous Oscar"): no person or organisation. */
const AWARDS = new Set(wordLists.awards);

/** "Israel-Hamas war", "US-China trade": two known names joined by a hyphen describe what follows. */
function namesCompound(word: string, lex: Lexicon): boolean {
  const parts = word.split('-');
  return parts.length > 1 && parts.every((p) => /^\p{Lu}/u.test(p) && lex.knows(phraseKey(p)));
}

/** "THIS IS A LIVE BLOG": a common word in a line of capitals is shouted, not an acronym. */
function shouted(scan: Scan, t: Token): boolean {
  return (
    t.upper &&
    inCapitals(scan.toks[t.index - 1]) &&
    inCapitals(scan.toks[t.index + 1]) &&
    scan.lex.isWord(t.key.toLowerCase())
  );
}

/** A word written in capitals. (Module level: a closure per call costs an allocation on a hot path.) */
function inCapitals(u: Token | undefined): boolean {
  return !!u && /\p{Lu}/u.test(u.text) && u.text === u.text.toUpperCase();
}

/** A run no list knows: an acronym, a person by shape, or a guess from the words around it. */
function unknownRun(scan: Scan, run: Token[], shape = personShape(run, scan.lex)): void {
  if (!run.length) return;
  const { lex, headline } = scan;
  const t = run[0];
  if (run.length === 1) {
    // A letter alone ("C", "J.") or an abbreviation ("No.", "St.") is no name, nor a company's legal form
    // cut off by a comma ("Cascade Timberlands, LLC").
    if (
      lex.isNever(t.text) ||
      t.contraction ||
      lex.isDemonym(t.key) ||
      t.text.replace('.', '').length < 2 ||
      lex.abbreviations.has(t.text.replace(/\.$/, '')) ||
      lex.orgSuffix.get(t.key) === 'company' ||
      AWARDS.has(t.text) ||
      namesCompound(t.text, lex)
    )
      return;
    if (isAcronym(t, lex)) return emit(scan, run, 'organization', 2, { acronym: true });
    // "MySpace", "YouTube", "PlayStation": a capital inside a word is a brand, not a person ("McGill" is).
    // Page text glued across elements ("NewsThe", "CoronavirusIreland") is no brand.
    if (INNER_CAPITAL.test(t.text))
      return isGlued(t.text, lex) ? undefined : emit(scan, run, 'organization', 1);
    if (t.upper && t.text.length > 4) return;
    const common = lex.isWord(t.key) || lex.quiet.has(t.key);
    const named = lex.firstNames.has(t.key);
    const kind = guessKind(scan, run);
    const guess = kind === undefined;
    // Never seen, no context: people come with a full name or a title somewhere on the page (and are then
    // aliased), so a lone unknown word is more often an organisation ("Activision", "Gavi").
    // ... unless it ends as surnames do ("Stevenson", "Kowalski", "Petrenko").
    // ... and a place when it ends as places do ("Petersburg", "Vijaynagar").
    const fallback =
      named || SURNAME_END.test(t.key) ? 'person' : PLACE_END.test(t.key) ? 'place' : 'organization';
    // A sentence's first word counts when it is no English word ("Panasonic, which supplies ...").
    // "the Patriots", "the Flecktones": a capitalised plural after "the" mid-sentence names a team or a band.
    if (
      !headline &&
      !t.sentenceStart &&
      !guess &&
      kind === 'organization' &&
      PLURAL.test(t.text) &&
      scan.toks[t.index - 1]?.text === 'the'
    )
      return emit(scan, run, kind, 1);
    // "the Allied invasion", "the Confederate army": a war's side named by its adjective.
    if (!headline && t.joins && WAR_SIDES.has(t.text) && FORCE_NOUNS.has(scan.toks[t.index + 1].text))
      return emit(scan, run, 'organization', 1);
    if (common || headline || (t.sentenceStart && !named && !kind))
      return emit(scan, run, kind ?? fallback, 0, { guess });
    // A lone first name is weak evidence of a person: towns are named Harrison and Brittany too.
    return emit(scan, run, kind ?? fallback, 1, { guess: guess && !named });
  }
  if (shape > 0 && !(shape === 1 && nounAfter(scan, run)))
    return emit(scan, run, 'person', headline ? 0 : (shape as 1 | 2));
  // "Hall of Famer Bill McKechnie", "Hall of Fame Finger-picker Muriel Anderson": what a person is, in
  // capitals and with a lower-case word inside, before their full name in one run.
  if (!headline) {
    const tail = describedPerson(run, lex);
    if (tail) return emit(scan, tail, 'person', 1);
  }
  if (run.every((r) => !r.capitalised || isAcronym(r, lex))) return emit(scan, run, 'organization', 1);
  if (!headline && run.filter((r) => r.capitalised).length <= 4) {
    // Capitalised words mid-sentence name something, most often an organisation; the words around may say
    // what ("Elon Musk said", "the Killing Joke"). At a sentence start they may be ordinary words.
    const kind = guessKind(scan, run);
    // A word that is a name only when the context says so needs the words around to place it ("in Bowling
    // Green"); a title is no name ("the Foreign Minister").
    if (kind !== 'place' && run.some((r) => r.capitalised && lex.quiet.has(r.key))) return;
    // Only common words and nothing around to say what they name ("Registered Historic Place", "Writing
    // Fellow"): a Title Case phrase more often than a name, so the page must back it.
    const allCommon = run.every((r) => !r.capitalised || lex.isWord(r.key));
    return emit(scan, run, kind ?? 'organization', (run[0].sentenceStart || allCommon) && !kind ? 0 : 1, {
      guess: !kind,
    });
  }
}

/** The full name at the end of a run that opens with a description holding a lower-case word, if any. */
function describedPerson(run: Token[], lex: Lexicon): Token[] | undefined {
  for (let k = 2; k + 1 < run.length && k < MAX_RUN; k++) {
    if (!lex.firstNames.has(run[k].key) || !run[k - 1].capitalised) continue;
    const tail = run.slice(k);
    if (tail.length > 3 || !tail.every((t) => t.capitalised) || personShape(tail, lex) !== 2) continue;
    return run.slice(0, k).some((t) => !t.capitalised) ? tail : undefined;
  }
  return undefined;
}

/**
 * Kind from a describing noun right before the name: "band The Mad Capsule Markets", "the newspaper
 * As-Safir", "the town of al-Bab". Titles ("minister", "singer") are handled as titles.
 */
function describedAs(scan: Scan, run: Token[]): Kind | undefined {
  const { toks, lex } = scan;
  let prev = toks[run[0].index - 1];
  // "American rock band, Eels", "A driving Jazz band, Blue Indigo performed": an organisation's noun and a
  // comma before a name that is no person's.
  if (
    prev &&
    !prev.joins &&
    !prev.capitalised &&
    prev.end + 2 === run[0].start &&
    scan.text.charCodeAt(prev.end) === 44 &&
    lex.orgNouns.has(prev.text) &&
    !lex.firstNames.has(run[0].key) &&
    indefinite(toks, prev.index)
  )
    return 'organization';
  if (prev && prev.joins && prev.text === 'of') prev = toks[prev.index - 1];
  if (!prev || !prev.joins || prev.capitalised) return undefined;
  // "an area called Pampa Hermosa", "a company named Vextor": the noun before the naming verb.
  if (prev.text === 'called' || prev.text === 'named') {
    const noun = toks[prev.index - 1];
    if (!noun || !noun.joins || noun.capitalised) return undefined;
    return lex.placeNouns.has(noun.text)
      ? 'place'
      : lex.orgNouns.has(noun.text)
        ? 'organization'
        : lex.personNouns.has(noun.text)
          ? 'person'
          : undefined;
  }
  if (lex.placeNouns.has(prev.text)) return 'place';
  if (lex.orgNouns.has(prev.text) && toks[run[0].index - 1] === prev) return 'organization';
  // "drummer Shanahan", "his fellow countryman Adelson".
  if (lex.personNouns.has(prev.text) && toks[run[0].index - 1] === prev && run.length <= 3) return 'person';
  return undefined;
}

/**
 * Whether the noun phrase ending at token `at` is indefinite ("a driving Jazz band", "American rock band"),
 * so that it describes the name after it, not one named before ("his Amsterdam club, Endt said").
 */
function indefinite(toks: Token[], at: number): boolean {
  for (let k = at - 1; k >= 0 && k >= at - 4; k--) {
    const t = toks[k];
    if (!t.joins) return true;
    if (t.key === 'a' || t.key === 'an') return true;
    if (t.key === 'the' || DEFINITE.has(t.key)) return false;
  }
  return true;
}

/** A run and the tokens around it, as the context rules see them. */
interface RunContext {
  run: Token[];
  /** Indices of the run's first and last tokens. */
  first: number;
  last: number;
  /** The run's last token. */
  end: Token;
  /** The word before, when it joins the run (one space, no cut). */
  prev: Token | undefined;
  /** The word after. */
  next: Token | undefined;
}

/** A rule that reads a run's kind from the words around it; undefined when they say nothing. */
export interface ContextRule {
  name: string;
  /** What the rule decides, in a phrase. */
  decides: string;
  kind(scan: Scan, at: RunContext): Kind | undefined;
}

/** The word two before the run, when it joins the one before. */
const twoBefore = (scan: Scan, first: number) =>
  first > 1 && scan.toks[first - 2].joins ? scan.toks[first - 2] : undefined;

/** Kinds from the words around a run, in order: the first rule that says something wins. */
export const CONTEXT_RULES: readonly ContextRule[] = [
  {
    name: 'personVerb',
    decides: 'a person\'s verb or an age after the name makes a person ("X said", "X, 45,")',
    kind: (scan, { next, end }) =>
      next &&
      (scan.lex.personVerbs.has(next.text) || /^,\s*\d{1,3},/.test(scan.text.slice(end.end, end.end + 6)))
        ? 'person'
        : undefined,
  },
  {
    name: 'subjectWithPronoun',
    decides: 'the subject of a verb that "he" or "his" follows is a person ("Cowley finished his career")',
    kind: (scan, { last, next }) =>
      next &&
      !next.capitalised &&
      scan.toks[last].joins &&
      (/^\p{Ll}{3,}ed$/u.test(next.text) || PAST.has(next.text)) &&
      refersToPerson(scan.toks, last + 1)
        ? 'person'
        : undefined,
  },
  {
    name: 'leaderOfBody',
    decides: 'a leader\'s name before the body they lead is a person ("the Assad regime")',
    kind: (scan, { run, next, end }) =>
      next &&
      !next.capitalised &&
      (end.joins || end.possessive) &&
      scan.lex.leaderNouns.has(next.text) &&
      run.length <= 3
        ? 'person'
        : undefined,
  },
  {
    name: 'orgNounAfter',
    decides: 'an organisation noun after the name, or ", which", makes an organisation ("the Wagner group")',
    kind(scan, { next, end }) {
      if (next && !next.capitalised && end.joins && scan.lex.orgNouns.has(next.text)) return 'organization';
      if (next?.text === 'which' && scan.text.slice(end.end, next.start) === ', ') return 'organization';
      return undefined;
    },
  },
  {
    name: 'proAnti',
    decides: 'what one is for or against is most often a leader ("pro-Assad")',
    kind: (scan, { run }) =>
      run.length === 1 &&
      run[0].cut &&
      /^(?:pro|anti)-/i.test(scan.text.slice(run[0].wordStart, run[0].start))
        ? 'person'
        : undefined,
  },
  {
    name: 'soldTo',
    decides: 'what something was sold or signed to is an organisation ("sold the rights to Aero Composites")',
    kind(scan, { first, prev }) {
      if (prev?.text !== 'to') return undefined;
      // The verb within the clause before: "sold all rights to the design to X", "signed as a solo artist to X".
      for (let k = first - 2; k >= 0 && k >= first - 9; k--) {
        const t = scan.toks[k];
        if (SALE_VERBS.has(t.text)) return 'organization';
        if (!t.joins || t.sentenceStart) break;
      }
      return undefined;
    },
  },
  {
    name: 'placePreposition',
    decides: 'a place preposition before the name makes a place ("in X")',
    kind: (scan, { run, prev }) =>
      prev && !prev.capitalised && scan.lex.placePrepositions.has(prev.text) && !commonPhrase(scan.lex, run)
        ? 'place'
        : undefined,
  },
  {
    name: 'placeAdjective',
    decides: 'a word only places take before their names makes a place ("suburban Reston")',
    kind: (scan, { prev }) => (prev && PLACE_ADJECTIVES.has(prev.text) ? 'place' : undefined),
  },
  {
    name: 'seat',
    decides: 'the seat a member is elected for is a place ("the MPP for Kenora")',
    kind(scan, { first, prev }) {
      if (prev?.text !== 'for') return undefined;
      const before = twoBefore(scan, first);
      return before && MEMBERS.has(before.key) ? 'place' : undefined;
    },
  },
  {
    name: 'representedIn',
    decides:
      'what a member represented in a legislature is a place, the seat ("represented Welland in the Legislative Assembly")',
    kind(scan, { prev, end }) {
      if (!prev || !REPRESENT_VERBS.has(prev.text) || !scan.text.startsWith(' in the ', end.end))
        return undefined;
      return LEGISLATURE.test(scan.text.slice(end.end + 8, end.end + 48)) ? 'place' : undefined;
    },
  },
  {
    name: 'borderWith',
    decides: 'what a border is with is a place ("near the boundary with Hyndburn")',
    kind(scan, { first, prev }) {
      if (prev?.text !== 'with') return undefined;
      const before = twoBefore(scan, first);
      return before && BORDER_NOUNS.has(before.text) ? 'place' : undefined;
    },
  },
  {
    name: 'ofPlaceNoun',
    decides: '"of X" after words like "the outskirts of" makes a place',
    kind(scan, { run, first, prev }) {
      if (prev?.text !== 'of' || run.length !== 1) return undefined;
      const before = twoBefore(scan, first);
      return before && scan.lex.ofPlaceNouns.has(before.key) ? 'place' : undefined;
    },
  },
  {
    name: 'placeNounAfter',
    decides: 'a place noun after the name makes a place ("the Mandovi river")',
    kind: (scan, { next, end }) =>
      next && !next.capitalised && end.joins && scan.lex.placeNouns.has(next.text) ? 'place' : undefined,
  },
  {
    name: 'theX',
    decides: '"in the X" is a place, other "the X" an organisation ("across the Sahel", "the Patriots")',
    kind(scan, { first, prev }) {
      if (prev?.text !== 'the') return undefined;
      const before = twoBefore(scan, first);
      return before && IN_THE.has(before.text) ? 'place' : 'organization';
    },
  },
];

/** Kind from the words around a run: "in X" is a place, "X said" a person, "the X" an organisation. */
function guessKind(scan: Scan, run: Token[]): Kind | undefined {
  const { toks } = scan;
  const first = run[0].index;
  const last = first + run.length - 1;
  const at: RunContext = {
    run,
    first,
    last,
    end: run[run.length - 1],
    prev: first > 0 && toks[first - 1].joins ? toks[first - 1] : undefined,
    next: last + 1 < toks.length ? toks[last + 1] : undefined,
  };
  for (const rule of CONTEXT_RULES) {
    const kind = rule.kind(scan, at);
    if (kind) {
      scan.trace?.push(rule.name);
      return kind;
    }
  }
  return undefined;
}

/** Whether "he", "his", "she" or "her" comes in the clause from token `from`, before any capitalised word. */
function refersToPerson(toks: Token[], from: number): boolean {
  for (let k = from; k < toks.length && k < from + 8; k++) {
    const t = toks[k];
    if (t.capitalised || t.sentenceStart) return false;
    if (PRONOUNS.has(t.text)) return true;
    if (!t.joins) return false;
  }
  return false;
}
/**
 * "The 139th was formed", "the 65th also controlled": a unit called by its number alone, the subject of what
 * it did. Weak: the page keeps it only when it names units ("65th Air Division", "VI Corps").
 */
function unitNumber(scan: Scan, t: Token): void {
  const prev = scan.toks[t.index - 1];
  const next = scan.toks[t.index + 1];
  if (!prev?.joins || !t.joins || !next || next.capitalised || prev.key !== 'the') return;
  if (!UNIT_NUMBER.test(t.text)) return;
  if (PAST.has(next.text) || /^\p{Ll}{3,}ed$/u.test(next.text) || UNIT_ADVERB.test(next.text))
    emit(scan, [t], 'organization', 0, { subkind: 'unit' });
}
const UNIT_NUMBER = /^\d{1,3}(?:st|nd|rd|th|d)$/;
const UNIT_ADVERB = /^(?:also|along|then|later|now)$/;
/** Verbs in the past and auxiliaries that open what a subject did ("Pezuela recognized", "X would not"). */
const PAST = new Set(cues.pastVerbs);
const PRONOUNS = new Set(cues.personPronouns);

/** Two words run together by the page's markup: the second part a function word, a known name or first name. */
function isGlued(word: string, lex: Lexicon): boolean {
  const m = /\p{Ll}(\p{Lu}\p{Ll}*)$/u.exec(word);
  if (!m) return false;
  const right = fold(m[1]);
  return isGlueTail(right) || lex.knows(right) || lex.firstNames.has(right);
}

const HONORIFICS = new Set(titles.honorifics);
/** Peers' titles: with their territory they name a person ("Duke of Edinburgh"). */
const PEERAGES = new Set(titles.peerages);

function roleBefore(scan: Scan, from: Token, name: Token): string | undefined {
  const { toks, lex, text } = scan;
  const i = from.index;
  const d = descriptorStart(toks, i, text, lex);
  const start = d >= 0 ? toks[d].wordStart : from.start;
  const role = text.slice(start, name.start).trim();
  // "Mr." tells the reader nothing about who someone is.
  return role && !HONORIFICS.has(role.replace(/\.$/, '')) ? role : undefined;
}

/** Tokens in one capitalised run at most. */
const MAX_RUN = 14;
// "Sydney 2-1", and a cricket side's runs and wickets ("Essex 532-8").
const SCORE_AFTER = /^ \d{1,3}-\d{1,2}\b/;
const SCORE_BEFORE = /\b\d{1,2}-\d{1,2} $/;
const PAPER = /^\p{Lu}\p{Ll}+-\p{Lu}\p{Ll}+$/u;
const MEMBERS = new Set(cues.seatHolders);
const IN_THE = new Set(cues.placeBeforeThe);
const BROADCAST = new Set(cues.broadcastNouns);
const WAR_SIDES = new Set(cues.warSides);
const SALE_VERBS = new Set(cues.saleVerbs);
const NATION_SLOGANS = new Set(cues.nationSlogans);
const REPRESENT_VERBS = new Set(cues.representVerbs);
const BORDER_NOUNS = new Set(cues.borderNouns);
/** A legislature's name, a few capitalised words ending in its noun ("Legislative Assembly", "House of Commons"). */
const LEGISLATURE = new RegExp(`^(?:\\p{Lu}[\\p{L}-]* ){0,3}(?:${cues.legislatures.join('|')})\\b`, 'u');
/** Determiners that make a noun phrase point back at a name the text gave before ("his club"). */
const DEFINITE = new Set(wordLists.determiners);
const LEGAL_AFTER_COMMA = new Set(cues.legalAfterComma);
const PLACE_ADJECTIVES = new Set(cues.placeAdjectives);
const PLACE_END = new RegExp(`\\p{Ll}{2}(?:${wordLists.placeEndings.join('|')})$`, 'u');
const SURNAME_END = new RegExp(`\\p{Ll}{3}(?:${wordLists.surnameEndings.join('|')})$`, 'u');
const FORCE_NOUNS = new Set(cues.forceNouns);
const INNER_CAPITAL = /^(?!Mc|Mac|O'|O’|(?:De|Di|La|Le|Van|Von)\p{Lu})\p{Lu}\p{Ll}+\p{Lu}/u;

/** A city named as a sports side: "Liverpool beat Manchester City 2-1", "host Brighton". */
function isTeam(scan: Scan, c: Candidate): boolean {
  const { toks, text, lex } = scan;
  const prev = toks[c.first - 1];
  // "played for Footscray", "signed with North Melbourne", "coached Lausanne": whatever the name, a club.
  if (prev && prev.joins && !prev.capitalised && (c.kind === 'place' || c.guess)) {
    if (lex.coachVerbs.has(prev.text)) return true;
    // ... also with a few words between ("play 26 games for Lausanne", "played in Scotland with Rangers").
    // National sides stay places, as CoNLL has them ("play in group five with Cameroon").
    if (prev.text === 'for' || prev.text === 'with')
      for (let k = c.first - 2; k >= 0 && k >= c.first - 5; k--) {
        const t = toks[k];
        if (!t.joins) break;
        if (lex.playVerbs.has(t.text)) return k === c.first - 2 || c.subkind !== 'country';
        if (t.sentenceStart) break;
      }
  }
  // "NEW YORK 74 62 .544", "TEXAS 70 64": a place opening a row of figures is a side in a table (a country
  // stays a place: national sides are places, as CoNLL has them).
  if (
    (c.kind === 'place' || c.guess) &&
    c.subkind !== 'country' &&
    c.start === 0 &&
    TABLE_ROW.test(text.slice(c.end, c.end + 24))
  )
    return true;
  // "Essex 72-0", "Texas 24-17": a score beside any place but a country.
  const side = c.kind === 'place' && c.subkind !== 'country';
  if (
    side &&
    (SCORE_AFTER.test(text.slice(c.end, c.end + 8)) ||
      // ... not a month before its day ("March 10 (Reuters)").
      (INNINGS_AFTER.test(text.slice(c.end, c.end + 12)) && !lex.quiet.has(c.key)) ||
      SCORE_BEFORE.test(text.slice(Math.max(0, c.start - 7), c.start)))
  )
    return true;
  if (c.kind !== 'place' || !(c.subkind === 'city' || c.subkind === 'town')) return false;
  const next = toks[c.last + 1];
  const joined = toks[c.last].joins && !!next;
  return (
    (!!prev && prev.joins && lex.sportVerbs.has(prev.text)) ||
    (joined && (lex.sportVerbs.has(next.text) || lex.teamNouns.has(next.text)))
  );
}
/** "Lancashire 323 (N. Fairbrother 86", "Essex 280 and 27-4", "Yorkshire 11 points": a side's runs or points. */
const INNINGS_AFTER = /^ \d{1,3} (?:\(|and \d|all out|for \d|points?\b)/;
/** "Cabral, (born 22 October 1988)", "Stone (born 1960)". */
const BORN_AFTER = /^,? \((?:born|b\.) /;
/** Between two names of one list. */
const LIST_GAP = /^(?:,|,? and|,? or) $/;
const EXAMPLES = /(?:^|[^\p{L}])(?:(\p{L}+) )?(\p{L}\p{Ll}{2,})s,? (?:such as|like|including) $/u;

/** The kind of the plural describing noun before "such as", "like" or "including" right before `at`, if any. */
function examplesKind(scan: Scan, at: number): Kind | undefined {
  const { text, lex } = scan;
  if (!(
    text.startsWith(' as ', at - 4) ||
    text.startsWith(' like ', at - 6) ||
    text.startsWith(' including ', at - 11)
  ))
    return undefined;
  const m = EXAMPLES.exec(text.slice(Math.max(0, at - 48), at));
  // "bands and artists such as": a noun after "and" or "or" shares the list with another.
  if (!m || m[1] === 'and' || m[1] === 'or') return undefined;
  const word = m[2].toLowerCase();
  const noun = word.endsWith('ie') ? `${word.slice(0, -2)}y` : word;
  return lex.personNouns.has(noun) ? 'person' : lex.orgNouns.has(noun) ? 'organization' : undefined;
}

/** What stands between a name and another name of it ("Kyiv (also Kiev)", "Lincolnshire, known as Lindsey"). */
const OTHER_NAME =
  /^(?:,? (?:(?:is|was|are|were|can be|may be) )?(?:(?:also|commonly|better|formerly|now|often) )?(?:known|spelt|spelled|written|called) as|,? (?:also|formerly) called| \((?:also|or|formerly|now)(?: known as| called)?) $/;
/** ... and between that one and a second other name ("(also Sunnybower or Sunny Bower)"). */
const OR_ELSE = /^ or (?:even )?$/;
/** "Adilson Tavares Varela, commonly known as Cabral". */
const KNOWN_AS = /^,? (?:(?:also|commonly|better|simply|popularly|professionally) )?known as $/;
const RESULT_BETWEEN = /^ \d{1,2},? $/;
const FIXTURE = /^ (?:v|vs\.?|versus) $/;
const TABLE_ROW = /^\s+\d+\s+\.?\d+\b/;
const RESULT_AFTER = /^ \d{1,2}(?!\d|[:.,]\d)/;
/**
 * Who may be a side in a results line: not a country (national sides stay places, as CoNLL has them) nor a
 * person named in full or by title ("Ronnie O'Sullivan 6 John Higgins 4").
 */
const isSide = (c: Candidate) =>
  c.subkind !== 'country' && !(c.kind === 'person' && (c.words > 1 || c.role || c.strength >= 3));

function emitEntry(scan: Scan, run: Token[], entry: Entry): void {
  // A town whose name is also a word or a first name needs a place preposition ("in Harem") to count.
  if (entry.ambiguous) {
    // A town whose name is also a word or a name: the context decides ("in Reading", "the Morena party").
    const kind = guessKind(scan, run);
    if (kind && kind !== 'place') return emit(scan, run, kind, 1);
    return emit(scan, run, entry.kind, kind ? 2 : 0, { entry, subkind: entry.subkind });
  }
  emit(scan, run, entry.kind, 3, { entry, subkind: entry.subkind });
}

/** Compass points that follow a place's name in Spanish, French and Portuguese ("Ilocos Norte", "Nord"). */
const COMPASS_AFTER = new Set(cues.compassAfter);
const ROMAN = /^[IVX]{1,4}$/;
/** A person's initial: one capital and a full stop. */
const INITIAL = /^\p{Lu}\.$/u;
/** What may stand before an initial that opens a name rather than ends a sentence. */
const INITIAL_OPENS = /(?:^|[,(;:–-]\s?|\band |& )$/;
const COMPASS = /^(?:North|South|East|West)(?:east|west)?(?:ern)?$/;
const PLURAL = /^\p{Lu}\p{Ll}+[^s]s$/u;
const OWNS_NOTHING = /^(?:$|[,;:)]|\.(?:\s|$)| (?:and|or|became|in \d))/;
/** " and Mitsubishi's": another owner after the possessive, which may then own what follows both. */
const SHARED_OWNER = /^ (?:and|or) \p{Lu}[\p{L}.&-]*(?: \p{Lu}[\p{L}.&-]*)*['’]s\b/u;
const ORDINAL = /^\d{1,3}(?:st|nd|rd|th|d)?$/;

/** A dial position: kHz on AM (531-1710) or MHz on FM ("882", "1116", "96.9"). */
const FREQUENCY = /^(?:[5-9]\d\d|1[0-7]\d\d|(?:8[7-9]|9\d|10[0-7])\.\d)$/;

/** No extras: one object for every call without them. */
const NO_EXTRA: Partial<Candidate> = {};

function emit(
  scan: Scan,
  run: Token[],
  kind: Kind,
  strength: Strength,
  extra: Partial<Candidate> = NO_EXTRA,
): void {
  // The extras come in many shapes (one per call site): each is read once.
  const { subkind, entry, role: extraRole, acronym } = extra;
  let guess = extra.guess;
  // "the 82nd Airborne Division", "65 Fighter Wing": a unit's number is part of its name.
  const before = scan.toks[run[0].index - 1];
  if (
    before &&
    before.joins &&
    (subkind === 'military' || subkind === 'armed-group') &&
    ORDINAL.test(before.text)
  )
    run = [before, ...run];
  // "882 6PR": a station's dial position before its call sign is part of its name.
  else if (
    before &&
    before.joins &&
    isDigitCode(run[0].text.charCodeAt(0)) &&
    FREQUENCY.test(before.text) &&
    isCallSign(run[0].text)
  )
    run = [before, ...run];
  const first = run[0];
  const last = run[run.length - 1];
  // "Thalhimer's became Hecht's in 1992", "shoppers at Macy's": a possessive that owns nothing is part of a
  // shop's name, also when the name alone would be a first name.
  const shop =
    last.possessive &&
    (kind === 'organization' ||
      (run.length === 1 && strength < 3 && (guess || scan.lex.firstNames.has(last.key)))) &&
    OWNS_NOTHING.test(scan.text.slice(last.end + 2, last.end + 12));
  let end = shop ? last.end + 2 : last.end;
  if (shop) {
    kind = 'organization';
    // The "'s" says more than a sentence's capital ("Dillard's was added") or a word's look ("at Miller's").
    // ... unless another possessive follows ("Maakinen's and Mitsubishi's positions").
    if (
      strength === 0 &&
      (!scan.lex.isWord(last.key) || scan.lex.placePrepositions.has(scan.toks[last.index - 1]?.text)) &&
      !SHARED_OWNER.test(scan.text.slice(last.end + 2, last.end + 40))
    )
      strength = 1;
  }
  // "the Mandovi river", "Cosham railway station": a feature's lower-case noun is part of its name.
  const feature = shop || (kind === 'person' && !guess) ? 0 : featureAfter(scan.toks, last);
  if (feature) {
    end = scan.toks[last.index + feature].end;
    kind = 'place';
    if (strength < 2) strength = 2;
    guess = false;
  }
  // Words join across a no-break space too ("Jean-Marc\u00a0Ayrault"): one spelling, so keys and aliases agree.
  // A one-word name is its token's text (no space inside a word): the page's spellings are shared, not copied.
  const raw = run.length === 1 && end === first.end ? first.text : scan.text.slice(first.start, end);
  const text = raw.includes('\u00a0') ? raw.replace(/\u00a0/g, ' ') : raw;
  let role = extraRole;
  if (!role && kind !== 'place' && descriptorStart(scan.toks, first.index, scan.text, scan.lex) >= 0)
    role = roleBefore(scan, first, first);
  let words = 0;
  for (const t of run) if (t.capitalised) words++;
  // Every candidate has the same fields in the same order: one object shape keeps the page pass fast.
  scan.out.push({
    start: first.start,
    end,
    text,
    key: run.length === 1 ? first.key : fold(text),
    kind,
    subkind,
    entry,
    strength,
    words,
    role,
    acronym,
    expands: undefined,
    guess,
    initial: first.sentenceStart,
    first: first.index,
    last: last.index,
  });
}

/**
 * `c`, a comma, then `next`, a state or country: a town and where it lies. A place before it makes a state
 * that is also a first name a place ("Tarbeck, Virginia"); a known state after it makes a name no cue types a
 * town ("Sandy Hook, Maryland"), unless `c` is one of a list of names ("Yes, Gentle Giant, Kansas").
 */
function townAndState(scan: Scan, c: Candidate, next: Candidate, listed: boolean): boolean {
  if (next.entry?.kind !== 'place' || (next.subkind !== 'region' && next.subkind !== 'country')) return false;
  if (c.kind === 'place') {
    if (next.strength >= 2) return false;
    Object.assign(next, { kind: 'place', strength: 2, guess: false });
    return true;
  }
  if (
    listed ||
    next.strength < 3 ||
    c.entry ||
    c.role ||
    c.acronym ||
    c.strength > 2 ||
    (c.subkind && !c.guess)
  )
    return false;
  // The state closes the phrase ("in Sandy Hook, Maryland, ..."), and is no possessive ("Virginia's governor").
  const after = scan.text.slice(next.end, next.end + 7);
  if (/^(?:$|[,.;:)]|\s+(?:on|in|at|where|and|from|to|was|is|with)\b)/.test(after) && !/^['’]s/.test(after)) {
    Object.assign(c, { kind: 'place', subkind: 'town', strength: 2, guess: false, entry: undefined });
    return true;
  }
  return false;
}

/** Whether the words around a name are a market's: "shares of X", "analysts at X", "X shares". */
function isTraded(scan: Scan, c: Candidate): boolean {
  const { toks, lex } = scan;
  const p1 = toks[c.first - 1];
  const p2 = toks[c.first - 2];
  const next = toks[c.last + 1];
  if (p1 && p2 && p1.joins && p2.joins && !p1.capitalised && lex.companyBefore.has(`${p2.key} ${p1.text}`))
    return true;
  return !!next && toks[c.last].joins && !next.capitalised && lex.companyAfter.has(next.text);
}

/** A candidate and its neighbours in the block, as the link rules see them. */
interface Neighbours {
  candidate: Candidate;
  next: Candidate | undefined;
  previous: Candidate | undefined;
  /** Text between `candidate` and `next`. */
  between: string;
  /** Text between the previous candidate and this one. */
  gap: string;
}

/** A step of the pass over neighbouring candidates: `apply` returns whether it changed any candidate. */
export interface LinkRule {
  name: string;
  /** What the rule decides, in a phrase. */
  decides: string;
  apply(scan: Scan, n: Neighbours): boolean;
}

const SPORT_SIDE = {
  kind: 'organization',
  subkind: 'sport',
  entry: undefined,
  strength: 3,
  guess: false,
} as const;

/** What a bracket beside a player or a competitor's country may name: a guessed or unlisted name, or a city (its club). */
const bracketedTeam = (next: Candidate) =>
  (!next.entry && next.strength < 3 && (next.guess || next.kind === 'organization')) ||
  (next.entry?.kind === 'place' && next.entry.subkind === 'city');
/** ... which is then the team or make. */
const BRACKETED_TEAM = {
  kind: 'organization',
  strength: 2,
  guess: false,
  subkind: undefined,
  entry: undefined,
} as const;

/**
 * Links between neighbouring candidates, in the order they run for each candidate: a later rule sees what
 * an earlier one decided (a definition overrules a side read from a list; a role is read last, once the kind
 * is settled).
 */
export const LINK_RULES: readonly LinkRule[] = [
  {
    name: 'sportsSide',
    decides:
      'a city named as a sports side is a club, and so is the next side in its list ("played for Footscray and North Melbourne")',
    apply(scan, { candidate: c, next, between }) {
      // A side named earlier in a list passes it on ("Footscray, North Melbourne and Coburg").
      const team = c.subkind === 'sport' && c.strength === 3 && !c.entry;
      if (!team && !isTeam(scan, c)) return false;
      Object.assign(c, SPORT_SIDE);
      if (next && next.kind === 'place' && (between === ' and ' || between === ', '))
        Object.assign(next, SPORT_SIDE);
      return true;
    },
  },
  {
    name: 'resultsLine',
    decides:
      'a results line, fixture or "X beat Y" names two sides ("Arsenal 2 Chelsea 1", "Arsenal v Chelsea")',
    apply(scan, { candidate: c, next, between }) {
      if (!next) return false;
      const { text, lex } = scan;
      const places = c.kind === 'place' && next.kind === 'place';
      // "Essex beat Gloucestershire", "Texas hosted Oklahoma": two places either side of a sports verb.
      const played =
        places &&
        between.length > 2 &&
        between[0] === ' ' &&
        between[between.length - 1] === ' ' &&
        lex.sportVerbs.has(between.slice(1, -1));
      const fixture = FIXTURE.test(between) || (between === ' AT ' && places) || played;
      if (
        !(
          fixture ||
          (RESULT_BETWEEN.test(between) && RESULT_AFTER.test(text.slice(next.end, next.end + 4)))
        ) ||
        !isSide(c) ||
        !isSide(next)
      )
        return false;
      for (const side of [c, next]) Object.assign(side, SPORT_SIDE);
      return true;
    },
  },
  {
    name: 'nameCountry',
    decides:
      'a name no list knows with a country in brackets after it is a player or a competitor ("Guy Forget (France)")',
    apply(scan, { candidate: c, next, between }) {
      if (!(
        next &&
        between === ' (' &&
        scan.text[next.end] === ')' &&
        next.subkind === 'country' &&
        !c.entry &&
        c.strength < 3 &&
        c.kind !== 'person' &&
        (c.guess || c.strength < 2) &&
        !c.acronym
      ))
        return false;
      Object.assign(c, { kind: 'person', subkind: undefined, strength: 2, guess: false });
      return true;
    },
  },
  {
    name: 'entrantTeam',
    decides:
      'a name after a competitor\'s country in brackets is the team or make ("Jean Alesi (France) Benetton")',
    apply(scan, { candidate: c, next, between }) {
      if (!(
        next &&
        between === ') ' &&
        c.subkind === 'country' &&
        scan.text[c.start - 1] === '(' &&
        bracketedTeam(next)
      ))
        return false;
      Object.assign(next, BRACKETED_TEAM);
      return true;
    },
  },
  {
    name: 'townAndState',
    decides: 'a town, a comma and its state or country: both places ("Sandy Hook, Maryland")',
    apply: (scan, { candidate: c, next, between, gap }) =>
      !!next && between === ', ' && townAndState(scan, c, next, gap === ', '),
  },
  {
    name: 'definition',
    decides: 'a definition outranks shape and gazetteer ("Caloi is a Brazilian manufacturer of bicycles")',
    apply(scan, { candidate: c }) {
      const defined = definedKind(scan.text, c.end, scan.lex, c.start);
      if (!defined) return false;
      Object.assign(c, {
        kind: defined,
        strength: 3,
        guess: false,
        ...(c.entry && c.entry.kind !== defined ? { entry: undefined, subkind: undefined } : {}),
      });
      return true;
    },
  },
  {
    name: 'bornOrKnownAs',
    decides:
      'a name with its birth in brackets after it, or a person\'s other name, is a person ("Adilson Tavares Varela, commonly known as Cabral, (born 1988)")',
    apply(scan, { candidate: c, previous, gap }) {
      if (c.kind === 'person' && c.strength >= 2) return false;
      const born = BORN_AFTER.test(scan.text.slice(c.end, c.end + 12));
      const alias = !!previous && previous.kind === 'person' && previous.strength >= 1 && KNOWN_AS.test(gap);
      if (!born && !alias) return false;
      Object.assign(c, { kind: 'person', subkind: undefined, entry: undefined, strength: 3, guess: false });
      return true;
    },
  },
  {
    name: 'otherNameOf',
    decides:
      'a weak name given as another name of a place or organisation is one too ("Kyiv (also Kiev)", "Lincolnshire, known as Lindsey"), and so is a second one after "or"; another name of a name the block leaves weak is what the page makes of that name',
    apply(scan, { candidate: c, previous, gap, next, between }) {
      if (!(previous && c.strength < 2 && !c.entry && !c.acronym && OTHER_NAME.test(gap))) return false;
      const known =
        previous.kind !== 'person' &&
        (previous.strength >= 2 || (previous.strength === 1 && !previous.guess));
      // "Aisby can be spelt as Azeby": the page's other blocks say what Aisby is.
      if (!known && !(previous.strength === 0 || previous.guess)) return false;
      const other = known
        ? ({ kind: previous.kind, subkind: undefined, strength: 2, guess: false } as const)
        : { expands: previous.key };
      Object.assign(c, other);
      if (next && next.strength <= 2 && !next.entry && !next.acronym && OR_ELSE.test(between))
        Object.assign(next, other);
      return true;
    },
  },
  {
    name: 'appositionPerson',
    decides:
      'a place that is also a first name, described as a person, is one ("Diana, the princess of Wales")',
    apply(scan, { candidate: c }) {
      if (!(
        c.kind === 'place' &&
        c.subkind !== 'country' &&
        c.words === 1 &&
        scan.lex.firstNames.has(c.key) &&
        appositionIsPerson(scan.text, c.end, scan.lex)
      ))
        return false;
      Object.assign(c, { kind: 'person', subkind: undefined, entry: undefined, strength: 3, guess: false });
      return true;
    },
  },
  {
    name: 'traded',
    decides: 'a market\'s words make a name a company ("shares of Morgan Stanley", "Exxon Mobil shares")',
    apply(scan, { candidate: c }) {
      if (c.kind === 'organization' || c.strength > 2 || c.entry || c.role || !isTraded(scan, c))
        return false;
      Object.assign(c, { kind: 'organization', subkind: 'company', strength: 2, guess: false });
      return true;
    },
  },
  {
    name: 'listedKind',
    decides: 'a guessed kind follows the known name it is listed with ("Kyiv and Odesa")',
    apply(scan, { candidate: c, next, between, gap }) {
      // ... but "in Ottawa and Halifax, Cowley broke in": after "X and Y" the list has ended.
      const ended = between === ', ' && gap === ' and ';
      if (
        !next ||
        !(between === ' and ' || between === ', ' || between === ', and ') ||
        ended ||
        !!c.guess === !!next.guess
      )
        return false;
      const { lex } = scan;
      const [known, guessed] = c.guess ? [next, c] : [c, next];
      // A word no list knows, listed with a known name, is a name too ("Anthropic and Google DeepMind").
      const unknownWord = guessed.words === 1 && !lex.isWord(guessed.key) && !lex.quiet.has(guessed.key);
      // A place the words around it placed counts too ("born in Senlis, Oise").
      if (!(
        known.strength >= 2 ||
        (known.kind === 'place' && known.strength === 1) ||
        (known.kind === 'person' && known.strength === 1 && guessed.words >= 2)
      ))
        return false;
      Object.assign(guessed, {
        kind: known.kind,
        guess: false,
        strength: unknownWord ? Math.max(guessed.strength, 1) : guessed.strength,
      });
      return true;
    },
  },
  {
    name: 'examplesOf',
    decides:
      'names listed after a plural describing noun and "such as", "like" or "including" take its kind ("guitarists such as X and Y", "bands like X")',
    apply(scan, { candidate: c, previous, gap }) {
      const listed = scan.listed;
      const kind =
        listed && listed.last === previous && LIST_GAP.test(gap) ? listed.kind : examplesKind(scan, c.start);
      if (!kind) return false;
      scan.listed = { last: c, kind };
      // A cue's word ("players such as IBM Corp.") or a person named in full ("bands including Rudy Vallee's")
      // says more than the list.
      if (
        c.entry ||
        c.strength === 3 ||
        c.acronym ||
        (c.kind === kind ? c.strength >= 2 : c.strength === 2 && (!!c.subkind || c.kind === 'person'))
      )
        return false;
      Object.assign(c, { kind, subkind: c.kind === kind ? c.subkind : undefined, strength: 2, guess: false });
      return true;
    },
  },
  {
    name: 'personClub',
    decides:
      'a name no list knows or a city in brackets after a person is the club or party the person is listed with ("Frank de Boer (Ajax)", "Xavier Gravelaine (Marseille)")',
    apply(scan, { candidate: c, next, between }) {
      if (!(
        next &&
        between === ' (' &&
        scan.text[next.end] === ')' &&
        c.kind === 'person' &&
        c.strength >= 1 &&
        !c.guess &&
        bracketedTeam(next)
      ))
        return false;
      Object.assign(next, BRACKETED_TEAM);
      return true;
    },
  },
  {
    name: 'acronymExpansion',
    decides: 'an acronym in brackets after a name stands for it ("Syrian Democratic Forces (SDF)")',
    apply(scan, { candidate: c, next, between }) {
      // A person's bracketed acronym is a club or a party ("Jaap Stam (PSV)"), no expansion.
      if (!next || !next.acronym || between !== ' (' || scan.text[next.end] !== ')' || c.kind === 'person')
        return false;
      next.expands = c.key;
      return true;
    },
  },
  {
    name: 'appositionKind',
    decides:
      'an apposition ending in a describing noun says what a weak name is ("Gavi, the vaccine alliance")',
    apply(scan, { candidate: c }) {
      if (c.strength !== 0 && !c.guess) return false;
      const { lex } = scan;
      const what = appositionAfter(scan.text, c.end, lex)?.split(' ').pop();
      const kind =
        what &&
        (lex.orgNouns.has(what)
          ? 'organization'
          : lex.placeNouns.has(what)
            ? 'place'
            : lex.titleHeads.has(what)
              ? 'person'
              : undefined);
      if (!kind) return false;
      Object.assign(c, { kind, strength: Math.max(c.strength, 1), guess: false });
      return true;
    },
  },
  {
    name: 'personRole',
    decides:
      'a person\'s role from "X of <org>" or an apposition ("Jan Egeland of the Norwegian Refugee Council")',
    apply(scan, { candidate: c, next, between }) {
      if (c.kind !== 'person' || c.strength === 0 || c.role !== undefined) return false;
      const { text } = scan;
      if (next && next.kind === 'organization' && /^ of (?:the )?$/.test(between))
        c.role = text.slice(c.end, next.end).trim();
      else c.role = appositionAfter(text, c.end, scan.lex);
      return c.role !== undefined;
    },
  },
];

/** Runs the link rules over each candidate and its neighbours, in order. */
function linkNeighbours(scan: Scan): void {
  const { out, text } = scan;
  for (let k = 0; k < out.length; k++) {
    const c = out[k];
    const next = out[k + 1];
    const n: Neighbours = {
      candidate: c,
      next,
      previous: out[k - 1],
      between: next ? text.slice(c.end, next.start) : '',
      gap: k > 0 ? text.slice(out[k - 1].end, c.start) : '',
    };
    for (const rule of LINK_RULES) if (rule.apply(scan, n) && scan.trace) scan.trace.push(rule.name);
  }
}
