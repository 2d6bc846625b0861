/**
 * Page-controlled strings (update ids, alias keys) used as keys. A page picks its own DOM ids, so an id
 * may be `__proto__`, `constructor` or `toString`: plain-object lookups would answer with Object.prototype
 * members. Aliases live in null-prototype records and are read through `aliasOf` only (own properties).
 */
import { hash53 } from '../liveblog/hash';

export type Aliases = Record<string, string>;

const own = Object.prototype.hasOwnProperty;

/** Aliases kept per page: the most recent ones (an alias is added each time an id-less update is edited). */
export const ALIASES_MAX = 500;

/** A null-prototype copy of `from`, keeping only string values (a stored or imported record may be anything). */
export function aliasRecord(from?: unknown): Aliases {
  const out = Object.create(null) as Aliases;
  if (from && typeof from === 'object') {
    for (const key of Object.keys(from).slice(-ALIASES_MAX)) {
      const value = (from as Record<string, unknown>)[key];
      if (typeof value === 'string') out[key] = value;
    }
  }
  return out;
}

/** The stored id a reported id stands for, if it is an alias (own properties only). */
export function aliasOf(aliases: Aliases | undefined | null, id: string): string | undefined {
  if (!aliases || !own.call(aliases, id)) return undefined;
  const value = aliases[id];
  return typeof value === 'string' ? value : undefined;
}

/** Ids longer than this are stored as a prefix and a hash of the whole id (a page may use 100 KB ids). */
export const ID_MAX = 256;

/** The key an update id is stored under: itself, or for an over-long id a bounded stand-in. */
export function storedId(id: string): string {
  return id.length <= ID_MAX ? id : `${id.slice(0, 64)}…#${hash53(id)}`;
}

/** Updates a page reports (its first ones in page order): all the store keeps of a page. */
export const REPORTED_MAX = 500;
