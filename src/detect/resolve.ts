/**
 * The document-level pass over every block's candidates: one kind per surface (votes weighted by
 * evidence), surnames and partial names as aliases of the full name ("Ayrault" → "Jean-Marc Ayrault"),
 * acronyms as aliases of their expansion ("SDF" → "Syrian Democratic Forces"), curated aliases through
 * the gazetteer ("Daesh" → Islamic State), and names with weak evidence kept only when the page backs them.
 * Cost is linear in the number of candidates, not in the text.
 */
import * as cues from './data/curated/cues.json';
import { storySupports } from './places';
import { initials } from './rules/acronyms';
import { GLUED } from './rules/hyphens';
import type { Candidate } from './scan';
import {
  appliesTo,
  blockShape,
  decide,
  features,
  LABELS,
  score,
  type MentionFacts,
  type RetypeModel,
} from './retype';
import { fold } from './text';
import type { EntitySummary, Kind, Mention, PageEntities } from './types';

const WEIGHT = [0.5, 1, 3, 10];
const GUESS_WEIGHT = 0.3;
/** Mid-sentence mentions that make a page's own Title Case phrase a name. */
const REPEATED = 3;
const MAX_ROLES = 5;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * An indefinite article ("a ", "an ", any case) right before `start`, as a word of its own: the page
 * describes something as one. Read by character codes (it is asked of every candidate).
 */
export function indefiniteBefore(text: string, start: number): boolean {
  if (start < 2 || text.charCodeAt(start - 1) !== 32) return false;
  let a = start - 2;
  const c = text.charCodeAt(a) | 32;
  if (c === 110 && a > 0) a--;
  else if (c !== 97) return false;
  if ((text.charCodeAt(a) | 32) !== 97) return false;
  if (a === 0) return true;
  const lo = text.charCodeAt(a - 1);
  if (lo < 128) return !((lo >= 48 && lo <= 57) || ((lo | 32) >= 97 && (lo | 32) <= 122));
  // The code point before it, read within the 8 characters before the phrase (the window the rule has
  // always read: a surrogate pair cut by it counts as its lone half, no letter).
  let cp = lo;
  if (lo >= 0xdc00 && lo <= 0xdfff && a - 2 >= Math.max(0, start - 8)) {
    const hi = text.charCodeAt(a - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) cp = (hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
  }
  return !WORD_CHAR.test(String.fromCodePoint(cp));
}

/** What follows a name used as a modifier ("a One Nation candidate"). */
const MODIFIES = /^ \p{Ll}/u;

interface Vote {
  strength: number;
  scores: Record<Kind, number>;
  entry?: Candidate['entry'];
  subkind?: string;
  /** The page's kind for the surface, once every vote is in. */
  kind: Kind;
  /** Mentions of the surface the re-typer reads, and the scores it summed over them. */
  count: number;
  sum?: Float64Array;
}

interface Anchor {
  block: number;
  start: number;
  key: string;
}

const entityKey = (kind: Kind, key: string) => `${kind === 'organization' ? 'org' : kind}:${key}`;
const lastWords = (text: string) => {
  const words = text.split(' ');
  const last = words[words.length - 1];
  const out = [fold(last)];
  const dash = last.indexOf('-');
  if (dash > 0 && GLUED.has(last.slice(0, dash).toLowerCase())) out.push(fold(last.slice(dash + 1)));
  if (words.length > 2) out.push(fold(words.slice(-2).join(' ')));
  return out;
};

/**
 * The family name of a name written family name first ("Kim Jong Un", "Yoon Suk Yeol", "Moon Jae-in"):
 * short syllables, or a hyphenated given name. Used only when no full name ends with the mention.
 */
const familyFirst = (text: string) => {
  const words = text.split(' ');
  const east =
    words[0].length <= 4 &&
    words.every((w) => w.length <= 7) &&
    (words.length >= 3 || words[words.length - 1].includes('-'));
  return east && words.length >= 2 ? fold(words[0]) : undefined;
};

function bestKind(v: Vote): Kind {
  const s = v.scores;
  return s.person >= s.organization && s.person >= s.place
    ? 'person'
    : s.organization >= s.place
      ? 'organization'
      : 'place';
}

/** Whether the page names a military unit in full ("65th Air Division", "VI Corps"): its numbers alone name units too. */
function namesUnits(blocks: Candidate[][]): boolean {
  for (const block of blocks)
    for (const c of block)
      if (c.strength >= 2 && (c.subkind === 'military' || c.subkind === 'armed-group')) return true;
  return false;
}

/** Initials that end as a railway's do ("B&SR", "CRR", "LNER"). */
const RAILWAY_INITIALS = /^[A-Z&]{1,5}R$/;

/** Whether the page names two railways or more ("Sandy River Railroad", "Monson Railroad"). */
function namesRailways(blocks: Candidate[][]): boolean {
  let n = 0;
  for (const block of blocks) for (const c of block) if (c.subkind === 'railway' && ++n >= 2) return true;
  return false;
}

export interface ResolveOptions {
  /** Each block's text, for the re-typer's context words. */
  texts?: readonly string[];
  model?: RetypeModel;
  /** For training: every mention's facts and features, before the model's verdict. */
  onFacts?: (block: number, facts: MentionFacts, features: string[]) => void;
}

/** A name spelled with a number or a lower-case word inside ("30 Seconds to Mars"), which no run joins. */
const SPELLED_INSIDE = /(?:^|\s)[\p{Ll}\d]/u;
const isWordCode = (c: number) => /[\p{L}\p{N}]/u.test(String.fromCharCode(c));

/**
 * A name the page defines whole though runs cannot join it ("30 Seconds to Mars (...) is an alternative rock
 * band") is that name wherever the page spells it so: its other mentions replace what the runs made of them
 * ("Mars"). Returns the blocks with those mentions (new arrays only where something changed).
 */
function spreadDefined(blocks: Candidate[][], texts: readonly string[]): Candidate[][] {
  let defined: Candidate[] | undefined;
  for (const block of blocks)
    for (const c of block)
      if (c.strength === 3 && !c.entry && SPELLED_INSIDE.test(c.text)) (defined ??= []).push(c);
  if (!defined) return blocks;
  return blocks.map((block, b) => {
    const text = texts[b];
    let out = block;
    for (const d of defined) {
      for (let at = text.indexOf(d.text); at >= 0; at = text.indexOf(d.text, at + 1)) {
        const end = at + d.text.length;
        if (
          (at > 0 && isWordCode(text.charCodeAt(at - 1))) ||
          (end < text.length && isWordCode(text.charCodeAt(end)))
        )
          continue;
        // A longer name holding it stays ("882 6PR" for a defined "6PR").
        if (out.some((c) => c.start <= at && c.end >= end)) continue;
        out = out.filter((c) => c.end <= at || c.start >= end);
        out.push({ ...d, start: at, end, role: undefined, initial: false });
        out.sort((x, y) => x.start - y.start);
      }
    }
    return out;
  });
}

const PAST = new Set(cues.pastVerbs);
const PAST_FORM = /^\p{Ll}{3,}ed$/u;
const SUBJECT_ADVERBS = new Set(cues.subjectAdverbs);

/**
 * Whether the words after a name say what a subject did: "was", "began", "also played", "moved". Read from
 * the 32 characters after the name, by character codes (no slice of the text but the words themselves).
 */
function didAfter(text: string | undefined, end: number): boolean {
  if (!text || text.charCodeAt(end) !== 32) return false;
  const limit = Math.min(text.length, end + 32);
  const to = lowerEnd(text, end + 1, limit);
  if (to === end + 1) return false;
  let verb = text.slice(end + 1, to);
  if (SUBJECT_ADVERBS.has(verb)) {
    if (to >= limit || text.charCodeAt(to) !== 32) return false;
    const next = lowerEnd(text, to + 1, limit);
    if (next === to + 1) return false;
    verb = text.slice(to + 1, next);
  }
  return PAST.has(verb) || PAST_FORM.test(verb);
}

const LOWER = /\p{Ll}/u;
/** Where the run of lower-case letters from `from` ends, before `limit`. */
function lowerEnd(text: string, from: number, limit: number): number {
  let k = from;
  for (; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c >= 97 && c <= 122) continue;
    if (c < 128 || !LOWER.test(text[k])) break;
  }
  return k;
}

/** An ordinal right before a name: "93d ", "102nd ". */
const ORDINAL_BEFORE = /(?:^|[\s(])(\d{1,3}(?:st|nd|rd|th|d)) $/;

/**
 * "the 93d PVI", "the 62d NY": on a page that names military units in full, initials after an ordinal are a
 * unit with its number (elsewhere "the 100th NBA game" is the league's). Returns the blocks with those
 * candidates widened (new arrays only where something changed).
 */
function numberedUnits(blocks: Candidate[][], texts: readonly string[]): Candidate[][] {
  let units: boolean | undefined;
  let out = blocks;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    const text = texts[b];
    for (let i = 0; i < block.length; i++) {
      const c = block[i];
      // An ordinal's last letter and a space before the initials ("93d PVI", "21st SAS"), read before any pattern.
      if (!c.acronym || c.start < 3 || text.charCodeAt(c.start - 1) !== 32) continue;
      const e = text.charCodeAt(c.start - 2);
      if (e !== 100 && e !== 104 && e !== 116) continue;
      const m = ORDINAL_BEFORE.exec(text.slice(Math.max(0, c.start - 6), c.start));
      if (!m || !(units ??= namesUnits(blocks))) continue;
      const start = c.start - m[1].length - 1;
      const name = text.slice(start, c.end);
      if (out === blocks) out = blocks.slice();
      if (out[b] === block) out[b] = block.slice();
      out[b][i] = { ...c, start, text: name, key: fold(name), subkind: 'military', acronym: false };
    }
  }
  return out;
}

/** Each surface's mentions that the re-typer reads. */
function countMentions(list: ReadonlyArray<{ vote: Vote }>): void {
  for (const p of list) p.vote.count++;
}

/**
 * One block's votes. The page pass keeps its loops over blocks in functions called per block: the JIT
 * compiles those as any hot function, where a long loop in the pass itself (called once per page) would be
 * compiled on the fly and thrown away again at its next call.
 */
function addVotes(block: Candidate[], votes: Map<string, Vote>, voteOf: Vote[]): void {
  for (const c of block) {
    let v = votes.get(c.key);
    if (!v)
      votes.set(
        c.key,
        (v = {
          strength: 0,
          scores: { person: 0, organization: 0, place: 0 },
          entry: undefined,
          subkind: undefined,
          kind: 'person',
          count: 0,
          sum: undefined,
        }),
      );
    v.scores[c.kind] += c.guess ? GUESS_WEIGHT : WEIGHT[c.strength];
    if (c.strength > v.strength) v.strength = c.strength;
    if (c.entry && c.strength >= 2) v.entry ??= c.entry;
    v.subkind ??= c.subkind;
    voteOf.push(v);
  }
}

export function resolveCandidates(blocks: Candidate[][], options: ResolveOptions = {}): PageEntities {
  if (options.texts) blocks = numberedUnits(spreadDefined(blocks, options.texts), options.texts);
  // 1. Votes per surface.
  const votes = new Map<string, Vote>();
  // Each candidate's vote, in the order the passes below walk the candidates.
  const voteOf: Vote[] = [];
  blocks.forEach((block) => addVotes(block, votes, voteOf));
  for (const v of votes.values()) v.kind = bestKind(v);
  // A phrase of common words the page gives again and again mid-sentence is a name ("One Nation"),
  // unless the page also calls something "a" one: a description ("Erdogan is a Turkmen Nationalist";
  // "a One Nation candidate" is the name used as a modifier).
  const midSentence = new Map<string, number>();
  blocks.forEach((block, b) => {
    const text = options.texts?.[b];
    for (const c of block) {
      if (c.initial) continue;
      const described =
        text !== undefined && indefiniteBefore(text, c.start) && !MODIFIES.test(text.slice(c.end, c.end + 2));
      midSentence.set(c.key, described ? -Infinity : (midSentence.get(c.key) ?? 0) + 1);
    }
  });

  // 2. Full names that shorter mentions may stand for, and acronym expansions.
  const people = new Map<string, Anchor[]>();
  const families = new Map<string, Anchor[]>();
  // The full names each first name opens: a lone first name stands for the one person the page names so.
  const givenNames = new Map<string, Set<string>>();
  const acronyms = new Map<string, string>();
  const orgInitials = new Map<string, string>();
  const tails = new Map<string, string[]>();
  // Words of the page's longer organisation names and cue-typed place names, with how often each name is
  // given: "the League" refers back to "Australian League of Rights", "the Reading" to the "Reading
  // Railroad" the page names more often than its "Reading Road".
  const namedBy = new Map<string, Map<string, number>>();
  let at = 0;
  blocks.forEach((block, b) => {
    for (const c of block) {
      const v = voteOf[at++];
      if (v.strength < 1) continue;
      const kind = v.kind;
      if (kind === 'person' && c.words >= 2) {
        let lasts = tails.get(c.key);
        if (!lasts) tails.set(c.key, (lasts = lastWords(c.text)));
        for (const last of lasts) {
          let list = people.get(last);
          if (!list) people.set(last, (list = []));
          list.push({ block: b, start: c.start, key: c.key });
        }
        const given = fold(c.text.slice(0, c.text.indexOf(' ')));
        let keys = givenNames.get(given);
        if (!keys) givenNames.set(given, (keys = new Set()));
        keys.add(c.key);
        const family = familyFirst(c.text);
        if (family) {
          let list = families.get(family);
          if (!list) families.set(family, (list = []));
          list.push({ block: b, start: c.start, key: c.key });
        }
      } else if (kind === 'organization' && c.words >= 2 && !v.entry && !tails.has(c.key)) {
        tails.set(c.key, []);
        const acr = initials(c.text);
        if (acr) orgInitials.set(acr, c.key);
      }
      if (
        c.words >= 2 &&
        ((kind === 'organization' && v.strength >= 2) ||
          (kind === 'place' && c.strength === 2 && c.subkind && !c.entry))
      ) {
        for (const w of c.text.split(' ')) {
          if (w.length <= 2 || w[0] === w[0].toLowerCase()) continue;
          let counts = namedBy.get(fold(w));
          if (!counts) namedBy.set(fold(w), (counts = new Map()));
          counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
        }
      }
      if (c.expands) acronyms.set(c.key, c.expands);
    }
  });

  const pageNameOf = new Map<string, string>();
  for (const [word, counts] of namedBy) {
    const key = mostNamed(counts);
    if (key) pageNameOf.set(word, key);
  }

  // 3. Each candidate's target and kind.
  interface Pending {
    candidate: Candidate;
    vote: Vote;
    target: string;
    kind: Kind;
    entry?: Candidate['entry'];
  }
  at = 0;
  let units: boolean | undefined;
  let railways: boolean | undefined;
  const pending: Pending[][] = blocks.map((block, b) => {
    const list: Pending[] = [];
    for (const c of block) {
      const v = voteOf[at++];
      let target = c.key;
      let kind = v.kind;
      // The gazetteer's entry names the entity only if the page agrees on its kind ("Liverpool" the club).
      let entry = v.entry?.kind === kind ? v.entry : undefined;
      // A surname stands for the full name, unless it is a country or a curated name ("Africa", "Hezbollah").
      const fixed = entry && (entry.subkind === 'country' || !entry.geo?.population);
      // ... and so does a name the page itself says is a place or an organisation ("the town of Zandvoort",
      // "Caloi is a manufacturer"), whoever else bears it ("Park Zandvoort", "Guido Caloi").
      const placed = kind !== 'person' && v.strength >= 2 && !v.entry;
      // A two-word name the gazetteer knows ("Santa Clara") is no surname, even after "Hyatt Regency".
      const anchors =
        (c.words === 1 || (c.words === 2 && !entry)) && !fixed && !placed
          ? (people.get(c.key) ?? (c.words === 1 ? families.get(c.key) : undefined))
          : undefined;
      // ... even when the first name is also a word, but then not at a sentence's start ("took young Carter"),
      // unless what follows is what a subject did ("Carter was mesmerized", "Carter began playing").
      const given =
        c.words === 1 &&
        !fixed &&
        kind === 'person' &&
        (v.strength >= 1 || !c.initial || didAfter(options.texts?.[b], c.end))
          ? givenNames.get(c.key)
          : undefined;
      const full = anchors ? pick(anchors, b, c.start) : given?.size === 1 ? [...given][0] : undefined;
      if (full && full !== c.key) {
        target = full;
        kind = 'person';
        entry = undefined;
      } else if (c.acronym || acronyms.has(c.key)) {
        const expansion =
          acronyms.get(c.key) ?? (entry ? undefined : orgInitials.get(c.text.replace(/\./g, '')));
        if (expansion && votes.has(expansion)) {
          target = expansion;
          const ev = votes.get(expansion)!;
          kind = ev.kind;
          entry = ev.entry?.kind === kind ? ev.entry : undefined;
        } else if (v.strength === 0) continue;
        // "B&SR", "CRR" on a page of railroads: a railway's initials, the line as the page has its lines.
        else if (!entry && RAILWAY_INITIALS.test(c.text) && (railways ??= namesRailways(blocks)))
          kind = 'place';
      } else if (
        v.strength <= 1 &&
        c.words === 1 &&
        !c.guess &&
        kind === 'organization' &&
        pageNameOf.has(c.key)
      ) {
        // Only the words around it said what it is ("the League", "the Reading"): the page's longer name says better.
        target = pageNameOf.get(c.key)!;
        kind = votes.get(target)!.kind;
        entry = undefined;
      } else if (
        v.strength === 0 &&
        !(c.words >= 2 && (midSentence.get(c.key) ?? 0) >= REPEATED) &&
        !(c.subkind === 'unit' && (units ??= namesUnits(blocks)))
      )
        continue;
      list.push({ candidate: c, vote: v, target, kind, entry });
    }
    return list;
  });

  // 4. The learned re-typer, when there is one and the texts are known: one kind per surface.
  if (options.texts && (options.model || options.onFacts)) {
    pending.forEach(countMentions);
    pending.forEach((list, b) => {
      if (!list.length) return;
      const text = options.texts![b];
      const shape = blockShape(text);
      const applies = appliesTo(shape);
      // Prose is the rules' alone: no features to build there (unless a trainer wants every mention).
      if (!applies && !options.onFacts) return;
      for (const p of list) {
        const s = p.vote.scores;
        const facts: MentionFacts = {
          text: p.candidate.text,
          start: p.candidate.start,
          end: p.candidate.end,
          kind: p.kind,
          candidateKind: p.candidate.kind,
          strength: p.candidate.strength,
          guess: !!p.candidate.guess,
          subkind: p.candidate.subkind,
          entryKind: p.vote.entry?.kind,
          entrySubkind: p.vote.entry?.subkind,
          alias: p.target !== p.candidate.key,
          acronym: !!p.candidate.acronym,
          initial: p.candidate.initial,
          words: p.candidate.words,
          voted: `${s.person > 0 ? 'P' : ''}${s.organization > 0 ? 'O' : ''}${s.place > 0 ? 'L' : ''}`,
          count: p.vote.count,
        };
        const feats = features(facts, text, shape);
        options.onFacts?.(b, facts, feats);
        if (!options.model || !applies) continue;
        score(options.model, feats, (p.vote.sum ??= new Float64Array(LABELS.length)));
      }
    });
    if (options.model) {
      pending.forEach((list, b) => {
        pending[b] = list.filter((p) => {
          // A short name the page links to a longer one keeps that name's kind ("Assad" for "Bashar al-Assad").
          const sum = p.vote.sum;
          const label =
            sum && p.target === p.candidate.key
              ? decide(options.model!, sum, p.kind, p.candidate.strength)
              : p.kind;
          if (label === 'none') return false;
          if (label !== p.kind) {
            p.kind = label;
            if (p.entry?.kind !== label) p.entry = p.vote.entry?.kind === label ? p.vote.entry : undefined;
          }
          return true;
        });
      });
    }
  }

  // 5. Mentions and entities; towns keyed by the page's geography.
  const placeEntries: Array<Candidate['entry']> = [];
  pending.forEach((list) => {
    for (const p of list) if (p.kind === 'place') placeEntries.push(p.entry);
  });
  const townKeys = pageTownKeys(placeEntries);
  const entities = new Map<string, EntitySummary>();
  const nameWords = new Map<string, number>();
  const out: Mention[][] = pending.map((list) => {
    const mentions: Mention[] = [];
    for (const { candidate: c, target, kind, entry } of list) {
      const key = entry ? (townKeys.get(entry.key) ?? entry.key) : entityKey(kind, target);
      mentions.push({ start: c.start, end: c.end, kind, key });
      let e = entities.get(key);
      if (!e) {
        e = { key, name: c.text, kind, aliases: [], roles: [], count: 0 };
        const subkind = entry?.subkind ?? votes.get(target)?.subkind;
        if (subkind) e.subkind = subkind;
        if (entry?.geo) e.geo = entry.geo;
        if (entry?.wikiTitle) e.wikiTitle = entry.wikiTitle;
        entities.set(key, e);
        nameWords.set(key, c.words);
      }
      e.count++;
      if (!e.aliases.includes(c.text)) e.aliases.push(c.text);
      const words = nameWords.get(key)!;
      // The fullest name, in its ordinary case ("Seoul" over a dateline's "SEOUL").
      if (
        !c.acronym &&
        (c.words > words ||
          (c.words === words &&
            (c.text.length > e.name.length ||
              (e.name === e.name.toUpperCase() && c.text !== c.text.toUpperCase()))))
      ) {
        e.name = c.text;
        nameWords.set(key, c.words);
      }
      if (c.role && e.roles.length < MAX_ROLES && !e.roles.includes(c.role)) e.roles.push(c.role);
    }
    return mentions;
  });
  return { blocks: out, entities };
}

/** A city this large is the one the page means whatever else it names ("Paris" on a Syria page). */
const MAJOR_POPULATION = 1_000_000;

/**
 * The detector keeps one town per name (the most populous), so its `city:CC:name` key claims a country.
 * The card ranks every same-named town by the page's geography (places.ts, the same ranking); a town
 * the page's countries and other places do not speak for, on a page that names some, may be another of
 * that name ("Westminster" beside London is not Westminster, Colorado; "Douglas" on a Cork page not the
 * Isle of Man's): it is keyed by its name alone, claiming no country. Returns entry key → page key.
 */
function pageTownKeys(entries: ReadonlyArray<Candidate['entry'] | undefined>): Map<string, string> {
  const named = new Set<string>();
  const towns = new Map<string, NonNullable<Candidate['entry']>>();
  for (const e of entries) {
    if (!e?.geo) continue;
    if (e.subkind === 'country') named.add(e.geo.country ?? '');
    else towns.set(e.key, e);
  }
  const out = new Map<string, string>();
  if (!named.size && towns.size < 2) return out;
  const places = [...towns.values()].map((t) => ({ key: t.key, lat: t.geo!.lat, lon: t.geo!.lon }));
  for (const town of towns.values()) {
    const geo = town.geo!;
    if (!geo.country || (geo.population ?? 0) >= MAJOR_POPULATION) continue;
    // The countries the page names and those of its other places; a town is no witness for itself.
    const countries = new Set(named);
    for (const other of towns.values())
      if (other !== town && other.geo!.country) countries.add(other.geo!.country);
    const candidate = { name: town.name, country: geo.country, lat: geo.lat, lon: geo.lon, population: 0 };
    if (!storySupports(candidate, town.key, { countries, places }))
      out.set(town.key, entityKey('place', fold(town.name)));
  }
  return out;
}

/** The key named most often, if one is. */
function mostNamed(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let most = 0;
  let tie = false;
  for (const [key, n] of counts) {
    if (n > most) [best, most, tie] = [key, n, false];
    else if (n === most) tie = true;
  }
  return tie ? undefined : best;
}

/** The full name a short mention stands for: the latest one before it, else the first after it. */
function pick(anchors: Anchor[], block: number, s: number): string {
  // Anchors are in document order: binary search for the last one before (block, s).
  let lo = 0;
  let hi = anchors.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const a = anchors[mid];
    if (a.block < block || (a.block === block && a.start < s)) lo = mid + 1;
    else hi = mid;
  }
  return anchors[lo > 0 ? lo - 1 : 0].key;
}
