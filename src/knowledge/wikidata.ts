/**
 * Wikidata `wbgetentities` for the item behind an opened card's article (its QID comes from the summary):
 * offices held (P39 with P580/P582 qualifiers; deprecated statements skipped) and population (P1082, the
 * preferred or latest). Office names come from a second call for their labels, batched.
 */
import { DAY, type Net } from './net';
import type { Office } from './types';

const TTL = 7 * DAY;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- remote JSON, read field by field (temporary)
type Snak = { snaktype: string; datavalue?: { type: string; value: any } };
type Statement = {
  mainsnak: Snak;
  rank: 'preferred' | 'normal' | 'deprecated';
  qualifiers?: Record<string, Snak[]>;
};
export type Entity = {
  id: string;
  missing?: string;
  labels?: Record<string, { value: string }>;
  claims?: Record<string, Statement[]>;
};

/** Wikidata time ("+2016-05-24T00:00:00Z", precision 9/10/11) as YYYY, YYYY-MM or YYYY-MM-DD. */
export function wikidataDate(snak: Snak | undefined): string | undefined {
  const v = snak?.snaktype === 'value' ? snak.datavalue?.value : undefined;
  if (!v?.time) return undefined;
  const m = /^([+-]\d+)-(\d\d)-(\d\d)/.exec(v.time);
  if (!m || m[1].startsWith('-')) return undefined;
  const y = String(Number(m[1])).padStart(4, '0');
  if (v.precision <= 9 || m[2] === '00') return y;
  if (v.precision === 10 || m[3] === '00') return `${y}-${m[2]}`;
  return `${y}-${m[2]}-${m[3]}`;
}

function usable(statements: Statement[] | undefined): Statement[] {
  return (statements ?? []).filter((s) => s.rank !== 'deprecated' && s.mainsnak.snaktype === 'value');
}

/** P39 statements as offices, labels still QIDs. */
export function positionClaims(entity: Entity): Array<Office & { qid: string }> {
  return usable(entity.claims?.P39).map((s) => ({
    qid: s.mainsnak.datavalue!.value.id as string,
    label: s.mainsnak.datavalue!.value.id as string,
    start: wikidataDate(s.qualifiers?.P580?.[0]),
    end: wikidataDate(s.qualifiers?.P582?.[0]),
    preferred: s.rank === 'preferred' || undefined,
  }));
}

/** Population: the preferred statement, else the latest by point in time (P585). */
export function population(entity: Entity): { value: number; year?: string } | undefined {
  const list = usable(entity.claims?.P1082).map((s) => ({
    value: Math.round(Number(s.mainsnak.datavalue!.value.amount)),
    year: wikidataDate(s.qualifiers?.P585?.[0])?.slice(0, 4),
    preferred: s.rank === 'preferred',
  }));
  if (!list.length) return undefined;
  const pick =
    list.find((p) => p.preferred) ?? [...list].sort((a, b) => (b.year ?? '').localeCompare(a.year ?? ''))[0];
  return Number.isFinite(pick.value) ? { value: pick.value, year: pick.year } : undefined;
}

function url(endpoint: string, params: Record<string, string>): string {
  return `${endpoint}?${new URLSearchParams({ action: 'wbgetentities', format: 'json', origin: '*', ...params })}`;
}

export function getEntity(net: Net, endpoint: string, qid: string): Promise<Entity | null> {
  return net.cached(`wd|${endpoint}|${qid}`, TTL, async () => {
    const json = await net.json<{ entities?: Record<string, Entity> }>(
      url(endpoint, { ids: qid, props: 'claims' }),
    );
    const e = json?.entities?.[qid];
    return e && !e.missing
      ? { id: e.id, claims: { P39: e.claims?.P39 ?? [], P1082: e.claims?.P1082 ?? [] } }
      : null;
  });
}

/** English labels of items, up to 50 per call. */
export async function getLabels(net: Net, endpoint: string, qids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(qids)].sort();
  for (let i = 0; i < unique.length; i += 50) {
    const batch = unique.slice(i, i + 50);
    const labels = await net.cached(`wdl|${endpoint}|${batch.join('|')}`, TTL, async () => {
      const json = await net.json<{ entities?: Record<string, Entity> }>(
        url(endpoint, { ids: batch.join('|'), props: 'labels', languages: 'en', languagefallback: '1' }),
      );
      return Object.fromEntries(
        Object.values(json?.entities ?? {}).flatMap((e) => (e.labels?.en ? [[e.id, e.labels.en.value]] : [])),
      );
    });
    for (const [k, v] of Object.entries(labels)) out.set(k, v);
  }
  return out;
}

/** A person's offices with their names; offices Wikidata cannot name are left out. */
export async function officesOf(net: Net, endpoint: string, entity: Entity): Promise<Office[]> {
  const claims = positionClaims(entity);
  if (!claims.length) return [];
  const labels = await getLabels(
    net,
    endpoint,
    claims.map((c) => c.qid),
  );
  return claims.flatMap(({ qid, ...o }) => (labels.has(qid) ? [{ ...o, label: labels.get(qid)! }] : []));
}
