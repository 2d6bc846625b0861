/**
 * What every tier asks of a would-be entry: is it an update, or something that sits among updates (an ad
 * slot, a teaser rail, an empty placeholder), or a second copy of one (a pinned post, a summary)?
 */
import { nameWords } from '../dom/names';
import { openingWords } from './hash';
import type { LiveUpdate } from './types';
import { COPY_TOKENS, DIGEST_HEADING, MEDIA, NOT_ENTRY_TOKENS } from './words';

/** The words of an element's id and classes: "div-gpt-ad-slot", "adSlot" → div, gpt, ad, slot. */
export function tokensOf(el: Element): string[] {
  return nameWords(el, { camelCase: true });
}

/** Joined tokens too, so "key-events" and "keyEvents" are both "keyevents". */
function tokenSet(el: Element): Set<string> {
  const t = tokensOf(el);
  const set = new Set(t);
  for (let i = 0; i + 1 < t.length; i++) set.add(t[i] + t[i + 1]);
  return set;
}

const hasAny = (set: Set<string>, words: Set<string>): boolean => {
  for (const w of set) if (words.has(w)) return true;
  return false;
};

/** Whether any text under `el` is more than blank: stops at the first that is (entries can be long). */
function hasText(el: Element): boolean {
  const walker = el.ownerDocument.createTreeWalker(el, 0x4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.trim()) return true;
  return false;
}

/** An ad slot, teaser, rail or empty placeholder where an entry could stand; AMP's `amp-ad` too. */
export function isNotEntry(el: Element): boolean {
  if (/^(AMP-AD|AMP-EMBED|AMP-STICKY-AD|INS|ASIDE|NAV|SCRIPT|STYLE|TEMPLATE)$/.test(el.tagName)) return true;
  if (el.hasAttribute('data-ad') || el.hasAttribute('data-ad-slot')) return true;
  if (hasAny(tokenSet(el), NOT_ENTRY_TOKENS)) return true;
  // Nothing to read or see: a slot waiting for an ad or a widget.
  return !hasText(el) && !el.querySelector(MEDIA);
}

/** Marked as a copy or digest of other entries: a pinned post, a summary, key events. */
export const isMarkedCopy = (el: Element): boolean =>
  hasAny(tokenSet(el), COPY_TOKENS) || !!el.closest('[data-gu-marker="pinned-post"]');

/**
 * The updates less second copies and digests, which are shown again, not posted again, and never count
 * twice: an entry marked pinned/summary (or headed "Summary", "Key events") that repeats another entry's id
 * or first line; any entry that repeats both (a copy, marked or not); and an entry with neither a
 * time nor a label among entries that have them, when it is marked as a digest or is `unlisted` (the
 * page's schema.org data lists updates, and not this one).
 */
export function dropCopies(
  updates: LiveUpdate[],
  unlisted: (u: LiveUpdate) => boolean = () => false,
): LiveUpdate[] {
  if (updates.length < 2) return updates;
  // Counted by id and by first line in maps of their own: no key made per entry (a live re-read of a long
  // blog runs this at every insertion).
  const ids = new Map<string, number>();
  const lines = new Map<string, number>();
  const facts = updates.map(factsOf);
  let stamped = 0;
  updates.forEach((u, i) => {
    ids.set(u.id, (ids.get(u.id) ?? 0) + 1);
    lines.set(facts[i].line, (lines.get(facts[i].line) ?? 0) + 1);
    if (u.time || u.label) stamped++;
  });
  return updates.filter((u, i) => {
    const { line, marked } = facts[i];
    const id = ids.get(u.id)! > 1;
    const same = lines.get(line)! > 1;
    // A copy (the same id, own, schema-given or hashed from the same label and words, and the same first
    // line): the later one is the list's own, a pinned copy sits on top.
    if ((id && same) || (marked && (id || same))) {
      ids.set(u.id, ids.get(u.id)! - 1);
      lines.set(line, lines.get(line)! - 1);
      return false;
    }
    if (u.time || u.label || (!marked && !unlisted(u))) return true;
    // Unstamped among stamped entries: a digest, not a post.
    return stamped < (updates.length - 1) * 0.8;
  });
}

const firstLineOf = (text: string): string => text.split('\n', 1)[0];

/** What dropCopies needs of an entry, kept while its text stays the same: live re-reads of long blogs repeat it. */
const facts = new WeakMap<Element, { text: string; line: string; marked: boolean }>();
/** Works out what `dropCopies` will ask of an update now, so a read can spread that work over its steps. */
export const noteFacts = (u: LiveUpdate): void => void factsOf(u);
/** What `dropCopies` asks of an update: its opening words, and whether it is marked as a copy or digest. */
export const copyFacts = (u: LiveUpdate): { line: string; marked: boolean } => factsOf(u);
function factsOf(u: LiveUpdate): { line: string; marked: boolean } {
  const el = u.elements[0];
  let f = facts.get(el);
  if (!f || f.text !== u.text) {
    const line = firstLineOf(u.text);
    f = { text: u.text, line: openingWords(line, 12), marked: isMarkedCopy(el) || DIGEST_HEADING.test(line) };
    facts.set(el, f);
  }
  return f;
}
