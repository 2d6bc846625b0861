/**
 * The panel's views of a story, pure: cast order and filter, what each update brings that the story had
 * not mentioned before, which names are new since the last visit, and the timeline's layout.
 */
import type { Kind } from '../detect/types';
import type { Story, StoryEntity } from './types';

export type CastSort = 'mentions' | 'first' | 'name';

/** Update indices in the order things happened: page order, reversed when the page puts the newest first. */
export function chronological(story: Pick<Story, 'updates' | 'newestFirst'>): number[] {
  const order = story.updates.map((_, i) => i);
  return story.newestFirst ? order.reverse() : order;
}

/** For each entity key, the update (index) where the story first mentions it. */
export function firstAppearances(story: Story): Map<string, number> {
  const rank = new Map(chronological(story).map((u, r) => [u, r]));
  const first = new Map<string, number>();
  for (const e of story.entities) {
    let best: number | undefined;
    for (const u of e.updates) if (best === undefined || rank.get(u)! < rank.get(best)!) best = u;
    if (best !== undefined) first.set(e.key, best);
  }
  return first;
}

/** Names each update brings that the story had not mentioned before it: update index → entities. */
export function namesBroughtBy(story: Story): Map<number, StoryEntity[]> {
  const first = firstAppearances(story);
  const byKey = new Map(story.entities.map((e) => [e.key, e]));
  const out = new Map<number, StoryEntity[]>();
  for (const [key, u] of first) {
    const list = out.get(u) ?? [];
    list.push(byKey.get(key)!);
    out.set(u, list);
  }
  return out;
}

/** Keys of the entities whose first appearance is in an unseen update: new in the story since the last visit. */
export function newNames(story: Story, unseen: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const [key, u] of firstAppearances(story)) if (unseen.has(story.updates[u].id)) out.add(key);
  return out;
}

export const KIND_ORDER: readonly Kind[] = ['person', 'organization', 'place'];

/** The cast, filtered by `query` (name, alias-free, role) and sorted. */
export function castView(story: Story, sort: CastSort, query: string): StoryEntity[] {
  const q = query.trim().toLocaleLowerCase();
  const first = firstAppearances(story);
  const rank = new Map(chronological(story).map((u, r) => [u, r]));
  const firstRank = (e: StoryEntity) => {
    const u = first.get(e.key);
    return u === undefined ? Infinity : rank.get(u)!;
  };
  const list = story.entities.filter(
    (e) => !q || e.name.toLocaleLowerCase().includes(q) || (e.role?.toLocaleLowerCase().includes(q) ?? false),
  );
  const byName = (a: StoryEntity, b: StoryEntity) => a.name.localeCompare(b.name);
  const compare =
    sort === 'mentions'
      ? (a: StoryEntity, b: StoryEntity) => b.count - a.count || byName(a, b)
      : sort === 'first'
        ? (a: StoryEntity, b: StoryEntity) => firstRank(a) - firstRank(b) || b.count - a.count || byName(a, b)
        : byName;
  return list.sort(compare);
}

export interface CastGroup {
  kind: Kind;
  entities: StoryEntity[];
  /** By subkind (armed groups, governments, media; countries, cities), largest first; `undefined`: no subkind. */
  subgroups: Array<{ subkind: string | undefined; entities: StoryEntity[] }>;
}

/** Groups of the cast: by kind, then by subkind, each keeping the list's order. */
export function castGroups(list: readonly StoryEntity[]): CastGroup[] {
  return KIND_ORDER.map((kind) => {
    const entities = list.filter((e) => e.kind === kind);
    const bySub = new Map<string | undefined, StoryEntity[]>();
    for (const e of entities) bySub.set(e.subkind, [...(bySub.get(e.subkind) ?? []), e]);
    const subgroups = [...bySub]
      .map(([subkind, members]) => ({ subkind, entities: members }))
      // Named subkinds by size; the unnamed rest last.
      .sort((a, b) =>
        a.subkind === undefined ? 1 : b.subkind === undefined ? -1 : b.entities.length - a.entities.length,
      );
    return { kind, entities, subgroups };
  }).filter((g) => g.entities.length);
}

export interface TimelineTick {
  /** Update index. */
  update: number;
  /** 0–1 along the axis. */
  at: number;
}

/**
 * Updates along a time axis: by their times when most have one (across days), else evenly in story order.
 * Returns the axis' start and end (epoch ms, or undefined when evenly spaced).
 */
export function timeline(story: Story): { ticks: TimelineTick[]; start?: number; end?: number } {
  const order = chronological(story);
  const times = order.map((u) => {
    const t = story.updates[u].time ? Date.parse(story.updates[u].time!) : NaN;
    return Number.isFinite(t) ? t : undefined;
  });
  const known = times.filter((t): t is number => t !== undefined);
  if (known.length >= Math.max(2, order.length * 0.6)) {
    const start = Math.min(...known);
    const end = Math.max(...known);
    const span = Math.max(1, end - start);
    // An update without a time sits where its neighbour in story order does.
    let last = start;
    const ticks = order.map((update, i) => {
      const t = times[i] ?? last;
      last = t;
      return { update, at: (t - start) / span };
    });
    return { ticks, start, end };
  }
  const n = Math.max(1, order.length - 1);
  return { ticks: order.map((update, i) => ({ update, at: order.length === 1 ? 0.5 : i / n })) };
}
