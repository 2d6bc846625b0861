/**
 * Words of one block with the facts the rules need: offsets, capitalisation, sentence start, whether the
 * next word follows after a single space (so the two may form one name).
 */
import * as wordLists from './data/curated/words.json';
import type { Lexicon } from './lexicon';
import { GLUED, nameInCompound } from './rules/hyphens';
import { isContraction, possessiveLength } from './rules/possessives';
import { fold } from './text';

export interface Token {
  /** Index in the block's token list. */
  index: number;
  /** Start and end of the whole word ("pro-Assad", "President-elect"). */
  wordStart: number;
  wordEnd: number;
  /** The name-bearing part of the word (a possessive or a hyphenated prefix/suffix cut away). */
  start: number;
  end: number;
  text: string;
  /** `fold(text)`. */
  key: string;
  /** Starts with a capital letter (or a glued particle before one: "al-Bab"). */
  capitalised: boolean;
  /** Two or more letters, all capitals ("YPG", "U.N.", "UPDATE"). */
  upper: boolean;
  /** First word of a sentence, a heading or a block. */
  sentenceStart: boolean;
  /** May join the next word into one name: a single space between, no possessive or compound cut. */
  joins: boolean;
  /** Cut out of a hyphenated compound ("pro-Assad"). */
  cut: boolean;
  /** Followed by a possessive 's (cut away). */
  possessive: boolean;
  contraction: boolean;
}

const OTHER = 0;
const LETTER = 1; // letters and digits
const MARK = 2; // combining marks continue a word but do not start one
const classes = new Uint8Array(65536).fill(255);
for (let c = 0; c < 128; c++)
  classes[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? LETTER : OTHER;
const LETTER_RE = /[\p{L}\p{N}]/u;
const MARK_RE = /\p{M}/u;

/** Character class by UTF-16 code unit; non-ASCII classes are looked up once and cached. */
function charClass(c: number): number {
  let k = classes[c];
  if (k === 255) {
    const ch = String.fromCharCode(c);
    k = classes[c] = LETTER_RE.test(ch) ? LETTER : MARK_RE.test(ch) ? MARK : OTHER;
  }
  return k;
}
const UPPER_START = /^(?:\p{Lu}|\p{Lt})/u;
const INITIALISM = /^(?:\p{Lu}\.)*\p{Lu}$/u;
/** "ez-Zor", "al-Bab", "bin-Salman": a lower-case particle glued to a capitalised name counts as a capital. */
const GLUED_CAP = new RegExp(`^(?:${[...GLUED].join('|')})-\\p{Lu}`, 'u');
const HAS_UPPER = /\p{Lu}/u;
/** INITIALISM, without the regular expression for the many words that end in a lower-case letter or digit. */
function isInitialism(word: string): boolean {
  const c = word.charCodeAt(word.length - 1);
  return !((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) && INITIALISM.test(word);
}

const CAPITALISED = 1;
const UPPER = 2;
const SENTENCE_START = 4;
const JOINS = 8;
const CUT = 16;
const POSSESSIVE = 32;
const CONTRACTION = 64;

/**
 * A Token with its yes/no facts in one number: a page has hundreds of thousands of words, and seven fields
 * fewer each is a third less to allocate and collect.
 */
class Word implements Token {
  constructor(
    readonly index: number,
    readonly wordStart: number,
    readonly wordEnd: number,
    readonly start: number,
    readonly end: number,
    readonly text: string,
    readonly key: string,
    private flags: number,
  ) {}

  get capitalised(): boolean {
    return (this.flags & CAPITALISED) !== 0;
  }
  get upper(): boolean {
    return (this.flags & UPPER) !== 0;
  }
  get sentenceStart(): boolean {
    return (this.flags & SENTENCE_START) !== 0;
  }
  get joins(): boolean {
    return (this.flags & JOINS) !== 0;
  }
  set joins(on: boolean) {
    this.flags = on ? this.flags | JOINS : this.flags & ~JOINS;
  }
  get cut(): boolean {
    return (this.flags & CUT) !== 0;
  }
  get possessive(): boolean {
    return (this.flags & POSSESSIVE) !== 0;
  }
  get contraction(): boolean {
    return (this.flags & CONTRACTION) !== 0;
  }
}

/** What the tokenizer noticed between words, so no rule has to read the text again. */
export interface TextFacts {
  /** An opening quotation mark: a double quote, or a single one at the start or after a space. */
  quoted: boolean;
}

/**
 * What a word's letters alone decide: the name-bearing part, its text and key, and the yes/no facts that
 * do not depend on the words around it. Pages repeat their words, so each spelling is read once.
 */
class Shape {
  /** The same word followed by an abbreviation's full stop ("Mr."), made when first met. */
  dotted: Shape | undefined = undefined;
  constructor(
    /** The word as scanned (for the table's comparison). */
    readonly raw: string,
    readonly hash: number,
    /** Its full stop after it belongs to it: an initial or an abbreviation ("U.N.", "Mr."). */
    readonly abbreviation: boolean,
    /** The name-bearing part, as offsets from the word's start. */
    readonly start: number,
    readonly end: number,
    readonly text: string,
    readonly key: string,
    /** CAPITALISED, UPPER, CUT, POSSESSIVE, CONTRACTION, and JOINS when nothing was cut. */
    readonly flags: number,
  ) {}
}

/**
 * The facts of one word (`word`, as scanned, with an abbreviation's full stop when it has one), for a word
 * after "@" too (a social handle: no name however it is written).
 */
function shapeOf(word: string, raw: string, hash: number, handle: boolean, lex: Lexicon): Shape {
  const hyphen = word.includes('-');
  const apostrophe = hasApostrophe(word);
  let s = 0;
  let e = word.length;
  // Only words with a capital can hold a name: keep the others cheap.
  const code = word.charCodeAt(0);
  const mayCap =
    !handle &&
    ((isDigit(code) && apostrophe) ||
      (code >= 65 && code <= 90) ||
      (code > 127 && HAS_UPPER.test(word)) ||
      (code >= 97 && code <= 122 && hyphen && HAS_UPPER.test(word)));
  let cut = false;
  let poss = 0;
  if (mayCap) {
    if (hyphen) {
      const part = nameInCompound(word, (w) => lex.isWord(w));
      if (part) {
        cut = true;
        s = part.start;
        e = part.end;
        word = word.slice(part.start, part.end);
      }
    }
    poss = apostrophe && hasApostrophe(word) ? possessiveLength(word) : 0;
    if (poss) {
      e -= poss;
      word = word.slice(0, -poss);
    }
  }
  const first = word.charCodeAt(0);
  const cap =
    (mayCap &&
      word.length > 0 &&
      ((first >= 65 && first <= 90) || UPPER_START.test(word) || GLUED_CAP.test(word))) ||
    (isDigit(code) && isCallSign(word));
  const upper = cap && word.length > 1 && isAllCaps(word);
  // A capitalised word's key is folded once for all its occurrences.
  return new Shape(
    raw,
    hash,
    isInitialism(raw) || lex.abbreviations.has(raw),
    s,
    e,
    word,
    cap ? fold(word) : word,
    (cap ? CAPITALISED : 0) |
      (upper ? UPPER : 0) |
      (!cut && !poss ? JOINS : 0) |
      (cut ? CUT : 0) |
      (poss > 0 ? POSSESSIVE : 0) |
      (cap && apostrophe && hasApostrophe(word) && isContraction(word) ? CONTRACTION : 0),
  );
}

/**
 * The shapes met so far, by the scanned word's letters: an open-addressed table that is probed with the
 * text's own characters, so a word seen before costs no new string, no fold and no rule. Shapes depend on
 * the lexicon; the table is dropped when it is full (pages repeat their words, few repeat another's).
 */
let shapes: Array<Shape | null> = new Array<Shape | null>(1 << 12).fill(null);
let shapeCount = 0;
let shapeLex: Lexicon | undefined;
const MAX_SHAPES = 1 << 15;

function lookupShape(text: string, start: number, end: number, lex: Lexicon): Shape {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = (h ^ (h >>> 15)) | 0;
  const len = end - start;
  let mask = shapes.length - 1;
  let slot = h & mask;
  for (let found = shapes[slot]; found !== null; found = shapes[slot]) {
    if (found.hash === h && found.raw.length === len && sameLetters(text, start, found.raw)) return found;
    slot = (slot + 1) & mask;
  }
  if (shapeCount >= MAX_SHAPES) {
    clearShapes(shapes.length);
    mask = shapes.length - 1;
    slot = h & mask;
  } else if (2 * (shapeCount + 1) > shapes.length) {
    const old = shapes;
    clearShapes(old.length * 2);
    for (const s of old) if (s !== null) insertShape(s);
    mask = shapes.length - 1;
    slot = h & mask;
    while (shapes[slot] !== null) slot = (slot + 1) & mask;
  }
  const raw = text.slice(start, end);
  const shape = shapeOf(raw, raw, h, false, lex);
  shapes[slot] = shape;
  shapeCount++;
  return shape;
}

function sameLetters(text: string, start: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (text.charCodeAt(start + k) !== word.charCodeAt(k)) return false;
  return true;
}

function clearShapes(size: number): void {
  shapes = new Array<Shape | null>(size).fill(null);
  shapeCount = 0;
}

function insertShape(s: Shape): void {
  const mask = shapes.length - 1;
  let slot = s.hash & mask;
  while (shapes[slot] !== null) slot = (slot + 1) & mask;
  shapes[slot] = s;
  shapeCount++;
}

/** Whether any abbreviation is written in lower case: most sentences end in a lower-case word. */
let lowerAbbreviations = true;

export function tokenize(text: string, lex: Lexicon, facts?: TextFacts): Token[] {
  if (lex !== shapeLex) {
    shapeLex = lex;
    clearShapes(1 << 12);
    lowerAbbreviations = [...lex.abbreviations].some((a) => a.charCodeAt(0) >= 97 && a.charCodeAt(0) <= 122);
  }
  const out: Token[] = [];
  let prevEnd = 0;
  let prevAbbrev = false;
  let numericSoFar = true;
  let quoted = false;
  let prev: Word | undefined;
  const n = text.length;
  for (let i = 0; i < n;) {
    const c = text.charCodeAt(i);
    if (charClass(c) !== LETTER) {
      quoted ||= c === 34 || c === 0x201c || (c === 39 && (i === 0 || text.charCodeAt(i - 1) === 32));
      i++;
      continue;
    }
    const start = i++;
    let hyphen = false;
    for (;;) {
      while (i < n && charClass(text.charCodeAt(i)) !== OTHER) i++;
      // Inner apostrophes, hyphens, full stops and ampersands keep a word whole ("al-Bab", "U.N", "AT&T").
      // (Reads stay inside the text: a read past its end would cost the compiled loop its fast path.)
      if (i + 1 >= n) break;
      const j = text.charCodeAt(i);
      if (
        (j === 39 || j === 0x2019 || j === 45 || j === 46 || j === 38) &&
        charClass(text.charCodeAt(i + 1)) === LETTER
      ) {
        hyphen ||= j === 45;
        i += 2;
      } else break;
    }
    let wordEnd = i;
    let s = start;
    let e = i;
    let word: string;
    let key: string;
    let flags: number;
    let abbrev = false;
    if (c >= 97 && c <= 122 && !hyphen) {
      // A lower-case word (most are) holds no name: it is its own key, and joins what follows.
      word = key = text.slice(start, i);
      flags = JOINS;
      if (i < n && text.charCodeAt(i) === 46 && lowerAbbreviations && lex.abbreviations.has(word)) {
        word = key = word + '.';
        wordEnd = e = i + 1;
        abbrev = true;
      }
    } else {
      let shape = lookupShape(text, start, i, lex);
      // A full stop belongs to initials ("U.N.", "W.") and abbreviations ("Mr.", "St."): not a sentence end.
      abbrev = shape.abbreviation && i < n && text.charCodeAt(i) === 46;
      if (abbrev) {
        shape = shape.dotted ??= shapeOf(shape.raw + '.', shape.raw, shape.hash, false, lex);
        wordEnd = i + 1;
      }
      // A social handle ("@AndriyYermak") names an account, and is no name however it is written.
      if (start > 0 && text.charCodeAt(start - 1) === 64)
        shape = shapeOf(text.slice(start, wordEnd), shape.raw, shape.hash, true, lex);
      s = start + shape.start;
      e = start + shape.end;
      word = shape.text;
      key = shape.key;
      flags = shape.flags;
    }
    // A block's first word, also after a time stamp ("22:10 The National Electoral Institute ...").
    const sent =
      prev === undefined ||
      (!prevAbbrev && endsSentence(text, prevEnd, start)) ||
      (numericSoFar && !isDigit(text.charCodeAt(start)));
    prevEnd = wordEnd;
    prevAbbrev = abbrev;
    // "Procter & Gamble" is one name; a prefix cut ("pro-Assad") joins nothing before it.
    if (prev !== undefined && prev.joins && !(s === start && isJoint(text, prev.end, start)))
      prev.joins = false;
    numericSoFar &&= isDigit(text.charCodeAt(start));
    out.push(
      (prev = new Word(out.length, start, wordEnd, s, e, word, key, flags | (sent ? SENTENCE_START : 0))),
    );
  }
  if (facts) facts.quoted = quoted;
  return out;
}

/** Whether the characters between two words hold a sentence (or heading, list item) boundary. */
function endsSentence(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // . ! ? : ; | newline, bullet, dashes between words (a dateline's " - "), and openers of quoted or
    // bracketed text ( [ " “
    if (
      c === 46 ||
      c === 33 ||
      c === 63 ||
      c === 58 ||
      c === 59 ||
      c === 124 ||
      c === 10 ||
      c === 0x2022 ||
      c === 0x2014 ||
      c === 0x2013 ||
      c === 45 ||
      c === 40 ||
      c === 91 ||
      c === 34 ||
      c === 0x201c
    )
      return true;
  }
  return false;
}

/** A single space (or no-break space) or " & " between two words. */
function isJoint(text: string, from: number, to: number): boolean {
  if (to - from === 1) {
    const c = text.charCodeAt(from);
    return c === 32 || c === 160;
  }
  return (
    to - from === 3 &&
    text.charCodeAt(from) === 32 &&
    text.charCodeAt(from + 1) === 38 &&
    text.charCodeAt(from + 2) === 32
  );
}

const hasApostrophe = (w: string) => w.indexOf("'") >= 0 || w.indexOf('’') >= 0;

/** Two or more capital letters and no lower-case one ("YPG", "U.N.", "UPDATE"). */
function isAllCaps(w: string): boolean {
  let caps = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) caps++;
    else if (c > 127) {
      const ch = w[i];
      if (ch !== ch.toUpperCase()) return false;
      if (ch !== ch.toLowerCase()) caps++;
    }
  }
  return caps >= 2;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

const CALL_SIGN = /^\d{1,3}([A-Z]{2,4})$/;
/** Units and ordinals written after a number: "5PM", "20MW", "3RD" are no names. */
const UNITS = new Set(wordLists.units);

/** A broadcaster's call sign or a code name that starts with digits ("6PR", "3AW", "2GB"). */
export function isCallSign(word: string): boolean {
  const m = CALL_SIGN.exec(word);
  return !!m && !UNITS.has(m[1]);
}
