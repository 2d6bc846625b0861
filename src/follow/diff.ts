/**
 * Fetched updates against the stored ones: what is really new. An update edited in place keeps its id
 * (or, without a DOM id, is re-matched by its opening); one whose label was rewritten ("12:05" → "1 hour
 * ago") keeps its opening text; a reordered list adds nothing; deleted updates leave the found list.
 */
import { firstLine, type LiveUpdate } from '../liveblog';
import { hash53, normaliseText } from '../liveblog/hash';
import { rematch } from '../reading/rematch';
import type { FollowEntry, FoundUpdate } from './types';

/** The hash an entry is compared by: its first line, normalised (what the popup shows of it). */
export const textHash = (line: string): string => hash53(normaliseText(line));

export function toEntry(u: Pick<LiveUpdate, 'id' | 'label' | 'time' | 'text'>): FollowEntry {
  const line = firstLine(u.text);
  const e: FollowEntry = { id: u.id, label: u.label, firstLine: line, textHash: textHash(line) };
  if (u.time !== undefined) e.time = u.time;
  return e;
}

/** From what the reading store keeps of a visit (id, label, time, first line). */
export function fromSummary(u: { id: string; label: string; time?: string; firstLine: string }): FollowEntry {
  const e: FollowEntry = {
    id: u.id,
    label: u.label,
    firstLine: u.firstLine,
    textHash: textHash(u.firstLine),
  };
  if (u.time !== undefined) e.time = u.time;
  return e;
}

export interface EntryDiff {
  /** Updates that were not there before, in page order. */
  added: FollowEntry[];
  /** Updates still there whose text changed, by their fetched id. */
  edited: FollowEntry[];
  /** Stored ids no longer on the page (not re-matched to a fetched update). */
  removed: string[];
  /** Fetched id → stored id, for updates whose id changed (a new label, an edited opening). */
  renamed: Map<string, string>;
  /** The updates both lists share are in another order. */
  reordered: boolean;
}

export function diffEntries(stored: readonly FollowEntry[], fetched: readonly FollowEntry[]): EntryDiff {
  const byId = new Map(stored.map((e) => [e.id, e]));
  const fetchedIds = new Set(fetched.map((e) => e.id));
  const renamed = new Map<string, string>();
  // Re-labelled: an unknown id whose opening text is exactly that of a stored update that is gone.
  const orphans = new Map<string, FollowEntry[]>();
  for (const e of stored)
    if (!fetchedIds.has(e.id)) orphans.set(e.textHash, [...(orphans.get(e.textHash) ?? []), e]);
  for (const e of fetched) {
    if (byId.has(e.id)) continue;
    const same = orphans.get(e.textHash);
    if (same?.length) renamed.set(e.id, same.shift()!.id);
  }
  // Edited openings of id-less updates: the reading store's own re-matching, on what is still unmatched.
  const taken = new Set(renamed.values());
  const restStored = stored.filter((e) => !fetchedIds.has(e.id) && !taken.has(e.id));
  const restFetched = fetched.filter((e) => !byId.has(e.id) && !renamed.has(e.id));
  for (const [reported, old] of rematch(restStored, restFetched)) renamed.set(reported, old);

  const added: FollowEntry[] = [];
  const edited: FollowEntry[] = [];
  for (const e of fetched) {
    const old = byId.get(e.id) ?? (renamed.has(e.id) ? byId.get(renamed.get(e.id)!) : undefined);
    if (!old) added.push(e);
    else if (old.textHash !== e.textHash) edited.push(e);
  }
  const matched = new Set([...fetched.map((e) => e.id).filter((id) => byId.has(id)), ...renamed.values()]);
  const removed = stored.filter((e) => !matched.has(e.id)).map((e) => e.id);
  const order = (list: readonly FollowEntry[], map: (id: string) => string) =>
    list.map((e) => map(e.id)).filter((id) => matched.has(id));
  const before = order(stored, (id) => id);
  const after = order(fetched, (id) => renamed.get(id) ?? id);
  const reordered = before.length === after.length && before.some((id, i) => id !== after[i]);
  return { added, edited, removed, renamed, reordered };
}

/**
 * The found list after a check: updates gone from the page leave it, edited ones take their new text and
 * renamed ones their new id, new ones join at the top (newest first), none twice.
 */
export function applyDiff(
  found: readonly FoundUpdate[],
  diff: EntryDiff,
  fetched: readonly FollowEntry[],
  now: number,
  newestFirst = true,
): FoundUpdate[] {
  const removed = new Set(diff.removed);
  const current = new Map(fetched.map((e) => [e.id, e]));
  const newIdOf = new Map([...diff.renamed].map(([fresh, old]) => [old, fresh]));
  const kept: FoundUpdate[] = [];
  for (const f of found) {
    if (removed.has(f.id)) continue;
    const id = newIdOf.get(f.id) ?? f.id;
    const now = current.get(id);
    kept.push(now ? { ...now, foundAt: f.foundAt } : f);
  }
  const have = new Set(kept.map((f) => f.id));
  const added = diff.added.filter((e) => !have.has(e.id)).map((e) => ({ ...e, foundAt: now }));
  // Page order of a newest-first blog is the popup's order; an oldest-first one is turned round.
  return [...(newestFirst ? added : added.reverse()), ...kept];
}

/** Found updates the reader has been shown since (their ids are in the reading store's page): not new. */
export function unshown(found: readonly FoundUpdate[], seenIds: ReadonlySet<string>): FoundUpdate[] {
  return found.filter((f) => !seenIds.has(f.id));
}
