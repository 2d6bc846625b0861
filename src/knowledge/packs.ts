/**
 * Context packs: curated JSON (src/knowledge/packs/*.json, schema in schema.json, checked by tests) for what
 * general sources describe badly — armed groups and their sides, operations, offices over time.
 */
import type { Kind } from '../detect/types';
import { nameKey } from './normalize';
import international from './packs/international.json';
import syria from './packs/syria.json';
import worldLeaders from './packs/world-leaders.json';
import type { Office, PackLine } from './types';

export interface PackEntry {
  key: string;
  name: string;
  kind: Kind | 'event';
  subkind?: string;
  aliases?: string[];
  wikiTitle: string;
  summary: string;
  countries?: string[];
  sides?: Array<{ conflict: string; side: string; from?: string; to?: string; note?: string }>;
  backers?: string[];
  offices?: Office[];
  geo?: { lat: number; lon: number; country?: string; note?: string };
}

export interface Pack {
  id: string;
  title: string;
  asOf: string;
  description: string;
  conflicts?: Array<{ id: string; name: string; sides: Array<{ id: string; label: string }> }>;
  entries: PackEntry[];
}

export const PACKS = [syria, worldLeaders, international] as Pack[];

const byKey = new Map<string, { pack: Pack; entry: PackEntry }>();
const byName = new Map<string, Array<{ pack: Pack; entry: PackEntry }>>();
const conflicts = new Map(PACKS.flatMap((p) => p.conflicts ?? []).map((c) => [c.id, c]));
for (const pack of PACKS) {
  for (const entry of pack.entries) {
    byKey.set(entry.key, { pack, entry });
    for (const n of [entry.name, entry.wikiTitle, ...(entry.aliases ?? [])]) {
      const k = nameKey(n);
      const list = byName.get(k) ?? [];
      if (!list.some((x) => x.entry === entry)) list.push({ pack, entry });
      byName.set(k, list);
    }
  }
}

/** Events (operations, talks) are underlined as organizations or places by the detector: any kind fits. */
const fits = (entry: PackEntry, kind: Kind) => entry.kind === kind || entry.kind === 'event';

/** The entry for a name (or any of its surface forms on the page) of this kind, if a pack has it. */
export function findPackEntry(names: string[], kind: Kind): { pack: Pack; entry: PackEntry } | undefined {
  for (const n of names) {
    const hits = byName.get(nameKey(n))?.filter((h) => fits(h.entry, kind));
    if (hits?.length) return hits[0];
  }
  // The detector may class a group as a place or a person's surname alone: accept a unique match of another kind.
  for (const n of names) {
    const hits = byName.get(nameKey(n));
    if (hits?.length === 1 && nameKey(n).includes(' ')) return hits[0];
  }
  return undefined;
}

function period(from?: string, to?: string): string {
  if (from && to) return ` ${from.slice(0, 4)}–${to.slice(0, 4)}`.replace(/ (\d{4})–\1$/, ' $1');
  if (from) return ` from ${from.slice(0, 4)}`;
  if (to) return ` until ${to.slice(0, 4)}`;
  return '';
}

export function packLine({ pack, entry }: { pack: Pack; entry: PackEntry }): PackLine {
  return {
    pack: pack.id,
    packTitle: pack.title,
    asOf: pack.asOf,
    name: entry.name,
    summary: entry.summary,
    sides: (entry.sides ?? []).flatMap((s) => {
      const c = conflicts.get(s.conflict);
      const side = c?.sides.find((x) => x.id === s.side);
      return c && side
        ? [`${side.label} (${c.name}${period(s.from, s.to)})${s.note ? `; ${s.note}` : ''}`]
        : [];
    }),
    backers: (entry.backers ?? []).flatMap((k) => {
      const b = byKey.get(k);
      return b ? [b.entry.name] : [];
    }),
    aliases: (entry.aliases ?? []).filter((a) => nameKey(a) !== nameKey(entry.name)).slice(0, 6),
    offices: entry.offices ?? [],
    wikiTitle: entry.wikiTitle,
  };
}
