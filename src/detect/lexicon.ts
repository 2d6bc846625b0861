/**
 * The detector's knowledge: gazetteer phrases (curated names, countries, cities, regions), first names,
 * demonyms, common words, titles and cues, as lookup tables keyed by `fold`ed text.
 * Built once from the shipped data.
 */
import core from './data/core.json';
import * as cues from './data/curated/cues.json';
import * as curated from './data/curated/entities.json';
import * as titles from './data/curated/titles.json';
import * as wordLists from './data/curated/words.json';
import { HashSet } from './hashset';
import { fold, phraseKey, stems } from './text';
import type { Kind } from './types';

export interface Geo {
  lat: number;
  lon: number;
  country?: string;
  population?: number;
}

/** A known name. */
export interface Entry {
  key: string;
  name: string;
  kind: Kind;
  subkind?: string;
  wikiTitle?: string;
  geo?: Geo;
  /** A town whose name is also a common word or a person's name: a place only when the context says so. */
  ambiguous?: boolean;
}

const lines = (s: string) => s.split('\n');

/**
 * Every entry with the same fields in the same order (absent ones undefined): one object shape, so the
 * rules' reads of `entry.kind`, `entry.ambiguous`, `entry.geo` stay monomorphic instead of going generic
 * over the five shapes countries, cities, regions, curated names and aliases would otherwise have.
 */
function entryOf(
  key: string,
  name: string,
  kind: Kind,
  subkind: string | undefined,
  wikiTitle: string | undefined,
  geo: Geo | undefined,
  ambiguous: boolean | undefined,
): Entry {
  return { key, name, kind, subkind, wikiTitle, geo, ambiguous };
}

/** The same entry, ambiguous or not. */
const withAmbiguous = (e: Entry, ambiguous: boolean) =>
  entryOf(e.key, e.name, e.kind, e.subkind, e.wikiTitle, e.geo, ambiguous);
/** How many recent answers a lexicon keeps in front of its big tables (a page's names and phrases). */
const RECENT = 4096;
const set = (list: readonly string[]) => new Set(list.map(fold));

/**
 * The first words of the gazetteer's phrases (some 1,400), with the page's recent answers in front: a small
 * table the rules just filled, where the big one's keys lie all over the heap.
 */
class FirstWords {
  private readonly words = new Map<string, number>();
  private readonly recent = new Map<string, number>();

  /** The most words a phrase starting with `key` has (undefined: it starts none). */
  get(key: string): number | undefined {
    let answer = this.recent.get(key);
    if (answer === undefined) {
      answer = this.words.get(key) ?? 0;
      if (this.recent.size >= RECENT) this.recent.clear();
      this.recent.set(key, answer);
    }
    return answer || undefined;
  }

  /** A phrase of `words` words starts with `key` (while the lexicon is built: no recent answers yet). */
  note(key: string, words: number): void {
    if (words > (this.words.get(key) ?? 1)) this.words.set(key, words);
  }
}

export class Lexicon {
  /** Gazetteer phrases by key: an entry, or a data line turned into one on first lookup (fast start). */
  private readonly phrases = new Map<string, Entry | string>();
  /** For each first word of a gazetteer phrase, the most words a phrase starting with it has. */
  readonly firstWords = new FirstWords();
  readonly firstNames: HashSet;
  private readonly words: HashSet;
  readonly demonyms = new Map<string, string>();
  readonly titleHeads = set(titles.heads);
  readonly titleModifiers = set(titles.modifiers);
  readonly abbreviations = new Set(titles.abbreviations);
  readonly orgSuffix = new Map(Object.entries(cues.orgSuffix).map(([w, s]) => [fold(w), s]));
  readonly orgPrefix = set(cues.orgPrefix);
  readonly orgLead = set(cues.orgLead);
  readonly clubWords = set(cues.clubWords);
  readonly placeSuffix = new Map(Object.entries(cues.placeSuffix).map(([w, s]) => [fold(w), s]));
  readonly placePrefix = set(cues.placePrefix);
  readonly ofHeads = set(cues.ofHeads);
  readonly directions = set(cues.directions);
  readonly placePrepositions = new Set(cues.placePrepositions);
  readonly personVerbs = new Set(cues.personVerbs);
  readonly roleNouns = new Set(cues.roleNouns);
  readonly placeNouns = new Set(cues.placeNouns);
  readonly ofPlaceNouns = new Set(cues.ofPlaceNouns);
  readonly orgNouns = new Set(cues.orgNouns);
  readonly personNouns = new Set(cues.personNouns);
  readonly companyBefore = new Set(cues.companyBefore);
  readonly companyAfter = new Set(cues.companyAfter);
  readonly leaderNouns = new Set(cues.leaderNouns);
  readonly miscSuffix = set(cues.miscSuffix);
  readonly miscPrefix = set(cues.miscPrefix);
  readonly miscLead = set(cues.miscLead);
  readonly honourPrefix = set(cues.honourPrefixes);
  readonly sportVerbs = new Set(cues.sportVerbs);
  readonly playVerbs = new Set(cues.playVerbs);
  readonly coachVerbs = new Set(cues.coachVerbs);
  readonly teamNouns = new Set(cues.teamNouns);
  readonly sports = set(cues.sports);
  /** Never names, also in capitals ("Nov", "NOV"), and days and abbreviations as plurals ("Fridays", "KOs"). */
  private readonly never = new Set(
    wordLists.never.flatMap((w) => [
      w,
      w.toUpperCase(),
      ...(w === w.toUpperCase() || w.endsWith('day') ? [`${w}s`] : []),
    ]),
  );
  readonly quiet = set(wordLists.quiet);
  readonly familyFirst = set(wordLists.familyFirst);

  constructor() {
    this.firstNames = new HashSet(core.firstNames);
    this.words = new HashSet(core.words);
    const wiki: Record<string, string> = curated.countryWiki;
    // Aliases by country code, so each country reads its own (the build is on the first block's path).
    const aliases = new Map<string, string[]>();
    for (const [alias, code] of Object.entries(curated.countryAliases as Record<string, string>)) {
      const list = aliases.get(code);
      if (list) list.push(alias);
      else aliases.set(code, [alias]);
    }
    for (const c of core.countries) {
      const entry = entryOf(
        `country:${c.code}`,
        c.name,
        'place',
        'country',
        wiki[c.code] ?? c.name,
        { lat: c.lat, lon: c.lon, country: c.code },
        undefined,
      );
      this.add(c.name, entry, true);
      // A native name that is one English word ("Island" for Iceland) names the country only in context;
      // acronyms ("US") and phrases are names as they are.
      for (const n of c.alt) {
        const word = /^\p{Lu}\p{Ll}+$/u.test(n) && this.isWord(fold(n));
        this.add(n, word ? withAmbiguous(entry, true) : entry, true);
      }
      for (const alias of aliases.get(c.code) ?? []) this.add(alias, entry, true);
      for (const d of c.demonyms) {
        this.demonyms.set(fold(d), c.code);
        this.demonyms.set(fold(d) + 's', c.code);
      }
    }
    this.addLines(core.cities);
    this.addLines(core.regions);
    for (const [name, kind, subkind, wikiTitle, ...aliases] of curated.entities) {
      const entry = entryOf(
        `${kind === 'place' ? 'place' : 'org'}:${fold(name)}`,
        name,
        kind as Kind,
        subkind,
        wikiTitle,
        undefined,
        undefined,
      );
      // Curated names outrank the datasets ("Hama" the Syrian city, not a homonym).
      for (const n of [name, ...aliases]) this.add(n, entry, true);
    }
    for (const d of wordLists.demonyms) this.demonyms.set(fold(d), '');
    this.addPlaceAliases();
  }

  /** English names of cities the data lists under a local name ("Geneva" for Genève). */
  private addPlaceAliases(): void {
    for (const [alias, name] of Object.entries(curated.placeAliases as Record<string, string>)) {
      const entry = this.phrase(phraseKey(name));
      const key = fold(alias);
      if (entry && !this.knows(phraseKey(alias)))
        this.add(alias, withAmbiguous(entry, this.isWord(key) || this.quiet.has(key)));
    }
  }

  private add(surface: string, entry: Entry, override = false): void {
    const key = phraseKey(surface);
    if (!override && this.phrases.has(key)) return;
    this.phrases.set(key, entry);
    // An answer given before this phrase was added would be stale.
    this.recentPhrases.delete(key);
    this.noteWords(key);
    // "WHO" and "US" are names only in capitals: "Doctor Who", "Us" opening a sentence are not.
    if (/^[A-Z]{2,5}$/.test(surface) && this.isWord(key)) this.capsOnly.add(key);
    else this.capsOnly.delete(key);
  }

  /** Whether a gazetteer key names something only when written in capitals. */
  needsCapitals(key: string): boolean {
    return this.capsOnly.has(key);
  }

  private readonly capsOnly = new Set<string>();

  private noteWords(key: string): void {
    if (!key.includes(' ')) return;
    const words = key.split(' ');
    this.firstWords.note(words[0], words.length);
  }

  /** Cities and regions (formats in scripts/build-data.ts): indexed now, parsed when first looked up. */
  private addLines(data: string): void {
    for (const line of lines(data)) {
      const key = phraseKey(line.slice(0, line.indexOf('\t')));
      if (this.phrases.has(key)) continue;
      this.phrases.set(key, line);
      this.noteWords(key);
    }
  }

  /**
   * The gazetteer entry for a phrase key, if any. The page's recent answers come first: a small table the
   * rules just filled, where the gazetteer's (some 9,000 keys, with their strings) lies all over the heap.
   */
  phrase(key: string): Entry | undefined {
    let answer = this.recentPhrases.get(key);
    if (answer === undefined) {
      answer = this.lookup(key) ?? null;
      if (this.recentPhrases.size >= RECENT) this.recentPhrases.clear();
      this.recentPhrases.set(key, answer);
    }
    return answer ?? undefined;
  }

  private readonly recentPhrases = new Map<string, Entry | null>();

  private lookup(key: string): Entry | undefined {
    const v = this.phrases.get(key);
    if (typeof v !== 'string') return v;
    const f = v.split('\t');
    const folded = fold(f[0]);
    let entry: Entry;
    if (f.length >= 6) {
      const population = +f[4] * 1000;
      entry = entryOf(
        `city:${f[1]}:${folded}`,
        f[0],
        'place',
        population >= 100_000 ? 'city' : 'town',
        undefined,
        { lat: +f[2], lon: +f[3], country: f[1], population },
        f[5].includes('a'),
      );
    } else {
      entry = entryOf(
        `region:${f[1]}:${folded}`,
        f[0],
        'place',
        'region',
        undefined,
        undefined,
        f[2].includes('a'),
      );
    }
    this.phrases.set(key, entry);
    return entry;
  }

  /** Whether the gazetteer knows a phrase key (without building its entry). */
  knows(key: string): boolean {
    return this.phrases.has(key);
  }

  /** A people's name or adjective, also in compounds ("Kurdish", "Russians", "African-American"). */
  isDemonym(key: string): boolean {
    if (this.demonyms.has(key)) return true;
    if (key.includes('-')) return key.split('-').every((part) => this.demonyms.has(part));
    // People of a known region or city: "Minnesotan", "Queenslander", "Berliner". Remembered: pages repeat words.
    if (!key.endsWith('er') && !key.endsWith('an')) return false;
    let known = this.derivedDemonyms.get(key);
    if (known === undefined) {
      const stem = key.endsWith('er') ? key.slice(0, -2) : key.slice(0, -1);
      const place = stem.length >= 5 ? this.phrase(stem) : undefined;
      known = !!place && place.kind === 'place' && !place.ambiguous && place.subkind !== 'town';
      this.derivedDemonyms.set(key, known);
    }
    return known;
  }

  private readonly derivedDemonyms = new Map<string, boolean>();

  /** A word that is never a name, in any capitalisation ("GMT", "NOV"). */
  isNever(text: string): boolean {
    return this.never.has(text);
  }

  /** Whether a lower-case word (or its lemma) is common English. Memoised: pages repeat their words. */
  isWord(lower: string): boolean {
    // The memo first: it holds the page's few thousand words, while the list's 300 KB bitmap is read at
    // random, after hashing the word again on every call.
    let known = this.wordMemo.get(lower);
    if (known === undefined) {
      // A first name is no inflected word ("Jared" is not "jar" + "ed", "James" not "jam" + "es").
      known =
        this.words.has(lower) || (!this.firstNames.has(lower) && stems(lower).some((s) => this.words.has(s)));
      if (this.wordMemo.size > 50_000) this.wordMemo.clear();
      this.wordMemo.set(lower, known);
    }
    return known;
  }

  private readonly wordMemo = new Map<string, boolean>();
}

let shipped: Lexicon | undefined;

/** The shipped lexicon, built once (on the first block of the first page). */
export function lexicon(): Lexicon {
  return (shipped ??= new Lexicon());
}
