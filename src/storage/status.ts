/**
 * Storage health, for the popup and the options page (`status:get`). When the browser refuses a write
 * for lack of space (`QuotaExceededError`), it is recorded here once, with what was being written; the
 * way out the UI offers is clearing the cache (`data:clear` with `what: 'cache'`), after which held
 * marks are written again.
 */
export interface StoreStatus {
  /** Set while the last write of this kind failed for lack of space: since when, and what could not be written. */
  quota: { at: number; what: 'reading' | 'cache' } | null;
  /** Marks accepted but held (in memory and storage.session) until space returns. */
  heldMarks: number;
}

export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  const inner = (e as { inner?: { name?: unknown } } | null)?.inner?.name;
  return (
    name === 'QuotaExceededError' ||
    inner === 'QuotaExceededError' ||
    /quota/i.test(String((e as Error)?.message ?? ''))
  );
}

/** One status per background. */
export const storeStatus: StoreStatus = { quota: null, heldMarks: 0 };

export function noteQuota(what: 'reading' | 'cache', now = Date.now()): void {
  if (!storeStatus.quota) storeStatus.quota = { at: now, what };
}

export function clearQuota(): void {
  storeStatus.quota = null;
}
