/**
 * Page-controlled strings (update ids, alias keys) used as keys. A page picks its own DOM ids, so an id
 * may be `__proto__`, `constructor` or `toString`: plain-object lookups would answer with Object.prototype
 * members. Aliases live in null-prototype records and are read through `aliasOf` only (own properties).
 */
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

/** 53-bit hash (cyrb53) of a string, base 36: deterministic, so a long id maps to the same key every time. */
function hash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The key an update id is stored under: itself, or for an over-long id a bounded stand-in. */
export function storedId(id: string): string {
  return id.length <= ID_MAX ? id : `${id.slice(0, 64)}…#${hash(id)}`;
}
