/**
 * Organisation and place cues: the word that ends or opens a name says its kind ("State Department",
 * "On the Ground News", "University of Birmingham", "Idlib Province", "Lake Chad").
 */
import * as cues from '../data/curated/cues.json';
import type { Lexicon } from '../lexicon';
import type { Token } from '../tokenize';

const OF = new Set(cues.ofWords);
/** Words that make "X of Y" a place: "City of Brampton", "Kingdom of Bahrain". */
const PLACE_OF = new Set(cues.placeOf);
/** What a district runs when the district is an organisation ("Coronado Unified School District"). */
export const SERVICES = new Set(cues.services);
/** What a station serves: "a railway station" is a place, "a radio station" an organisation. */
export const TRANSIT = new Set(cues.transit);
/** Lower-case nouns that belong to a feature's name ("the Mandovi river", "Cape Verde islands"). */
const FEATURES = new Set(cues.features);
/** Words before Centre or Center that make it a venue, a place ("National Tennis Centre"). */
const VENUE_CENTRES = new Set(cues.venueCentres);

/** Whether the run ends in a venue's Centre or Center ("Santa Clara Convention Center"). */
function venueCentre(run: Token[]): boolean {
  const last = run[run.length - 1].key;
  return (last === 'centre' || last === 'center') && VENUE_CENTRES.has(run[run.length - 2].text);
}

/** How many lower-case words after `last` say what feature it names ("river", "railway station"), or 0. */
export function featureAfter(toks: Token[], last: Token): number {
  const next = toks[last.index + 1];
  if (!last.joins || !next || next.capitalised) return 0;
  if (FEATURES.has(next.text)) return 1;
  const after = toks[last.index + 2];
  return next.joins && after?.text === 'station' && TRANSIT.has(next.text) ? 2 : 0;
}

/** Subkind when the run names an organisation by its cue words, else undefined. */
export function orgCue(run: Token[], lex: Lexicon): string | undefined {
  if (run.length < 2) return undefined;
  const last = run[run.length - 1];
  if (last.capitalised) {
    const sub = lex.orgSuffix.get(last.key);
    if (sub) return venueCentre(run) ? undefined : sub;
    // "Coronado Unified School District", "Metropolitan Water District": a district that runs a service.
    if ((last.key === 'district' || last.key === 'districts') && SERVICES.has(run[run.length - 2].key))
      return 'government';
  }
  if (lex.orgPrefix.has(run[0].key) && (run[1].text === 'of' || run[1].text === 'for')) return 'government';
  // "Cricket Australia", "USA Badminton": a sport and a country name the sport's governing body.
  if (
    run.length === 2 &&
    (lex.sports.has(run[0].key) || lex.sports.has(run[1].key)) &&
    run[0].capitalised &&
    run[1].capitalised
  )
    return 'sport';
  // "FC Basel", "Real Madrid", "Radio Free Europe": words that open organisation names.
  if (lex.orgLead.has(run[0].key) && run[1].capitalised)
    return run[0].upper || run[0].key === 'real' ? 'sport' : 'company';
  // "Fogo Unia Leszno", "Betard Sparta Wrocław": a club's word anywhere, behind its sponsor's name.
  for (const t of run) if (t.capitalised && lex.clubWords.has(t.key)) return 'sport';
  // "Election Commission of India", "Serum Institute of India": the cue stands before the "of".
  for (let k = 1; k < run.length - 1; k++) {
    if (!run[k].capitalised && (run[k].text === 'of' || run[k].text === 'for')) {
      const sub = lex.orgSuffix.get(run[k - 1].key);
      if (sub) return sub;
      // "State Railway of Thailand": a country's railway is the company that runs it, not a line.
      if (run[k].text === 'of' && lex.placeSuffix.get(run[k - 1].key) === 'railway') return 'company';
      break;
    }
  }
  return undefined;
}

/** A team's number-name after its home: "49ers", "76ers", "67s". */
export const TEAM_NUMBER = /^\d{1,3}(?:ers|s)$/;

/**
 * A sports side named after its home: a known place followed by a plural nickname ("Buffalo Bisons",
 * "Texas Longhorns", "West Coast Eagles").
 */
export function isTeamName(place: Token[], rest: Token[], lex: Lexicon): boolean {
  if (!place.length || !rest.length || rest.length > 3) return false;
  // "San Francisco 49ers", "Ottawa 67s".
  if (rest.length === 1 && TEAM_NUMBER.test(rest[0].text)) return true;
  if (!rest.every((t) => t.capitalised && !t.upper)) return false;
  const last = rest[rest.length - 1];
  return (
    /[^s]s$/.test(last.text) &&
    !lex.knows(last.key) &&
    !lex.orgSuffix.has(last.key) &&
    !lex.placeSuffix.has(last.key)
  );
}

/** Subkind when the run names a place by its cue words, else undefined. */
export function placeCue(run: Token[], lex: Lexicon): string | undefined {
  if (run.length < 2) return undefined;
  const last = run[run.length - 1];
  const sub = last.capitalised ? lex.placeSuffix.get(last.key) : undefined;
  if (sub) return sub;
  if (last.capitalised && venueCentre(run)) return 'landmark';
  // "Lake Chad", "Gulf of Mexico", "Port of Liverpool".
  // ... not a title after the prefix ("Circuit Judge").
  if (
    lex.placePrefix.has(run[0].key) &&
    (run[1].capitalised || OF.has(run[1].text)) &&
    !lex.titleHeads.has(last.key)
  )
    return 'landmark';
  // "City of Brampton", "Island of Divar", "Grand Duchy of Poznań".
  const of = run.findIndex((t) => t.text === 'of');
  if (of > 0 && of < run.length - 1 && PLACE_OF.has(run[of - 1].key)) return 'region';
  return undefined;
}

/**
 * Whether the run names an event, award, law or work rather than a person, organisation or place
 * ("MTV Video Music Awards", "Battle of the Bulge", "Hurricane Milton", "World Cup"): then nothing in it
 * is a mention of its own either.
 */
export function isOtherName(run: Token[], lex: Lexicon): boolean {
  if (!run.length) return false;
  // "All-American", "All-Star": an honour.
  const dash = run[0].key.indexOf('-');
  if (dash > 0 && lex.honourPrefix.has(run[0].key.slice(0, dash))) return true;
  if (run.length < 2) return false;
  const last = run[run.length - 1];
  if (last.capitalised && lex.miscSuffix.has(last.key)) return true;
  // "Hurricane Milton", "Operation Euphrates Shield".
  if (lex.miscLead.has(run[0].key) && run[1].capitalised) return true;
  // "Battle of the Bulge", "Tour de France", "Giro di Lombardia".
  return lex.miscPrefix.has(run[0].key) && !run[1].capitalised && OF.has(run[1].text);
}
