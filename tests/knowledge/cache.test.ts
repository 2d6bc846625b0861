/** The lookup cache is bounded by age, count and bytes, and a full disk does not fail a lookup. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CACHE_MAX_AGE, DAY, evictCache, Net } from '../../src/knowledge/net';
import { storeStatus } from '../../src/storage/status';
import { openStore } from '../../src/storage';

let n = 0;
const NOW = 1_000 * DAY;
afterEach(() => {
  vi.restoreAllMocks();
  storeStatus.quota = null;
});

describe('cache eviction', () => {
  it('drops expired entries, then the oldest over the count and byte bounds', async () => {
    const db = await openStore(`cache-${n++}`);
    await db.put('cache', { key: 'ancient', value: 'x', at: NOW - CACHE_MAX_AGE - 1 });
    for (let i = 0; i < 10; i++)
      await db.put('cache', { key: `k${i}`, value: 'v', at: NOW - i * 1000, size: 100 });
    expect(await evictCache(db, NOW, 8)).toBe(3);
    expect((await db.getAllKeys('cache')).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7']);
    expect(await evictCache(db, NOW, 100, 350)).toBe(5);
    expect((await db.getAllKeys('cache')).sort()).toEqual(['k0', 'k1', 'k2']);
  });

  it('a full disk: the answer still comes, is not cached, and the quota is reported', async () => {
    const db = await openStore(`cache-${n++}`);
    const proto = Object.getPrototypeOf(db.transaction('cache', 'readwrite').objectStore('cache'));
    const put = proto.put;
    vi.spyOn(proto, 'put').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if ((args[0] as { key?: string }).key === 'big')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const net = new Net(db, { now: () => NOW });
    await expect(net.cached('big', DAY, async () => ({ title: 'Aleppo' }))).resolves.toEqual({
      title: 'Aleppo',
    });
    expect(net.failed).toBeUndefined();
    expect(storeStatus.quota).toMatchObject({ what: 'cache' });
    expect(await db.get('cache', 'big')).toBeUndefined();
  });
});
