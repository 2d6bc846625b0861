/** The one-at-a-time runner: concurrent read-modify-writes keep every change; a failure stays its caller's. */
import { describe, expect, it } from 'vitest';
import { serial } from '../../src/shared/serial';

describe('serial', () => {
  it('runs read-modify-write steps one after another, so none is lost', async () => {
    let stored: string[] = [];
    const inTurn = serial();
    const add = (x: string) =>
      inTurn(async () => {
        const now = [...stored];
        await new Promise((r) => setTimeout(r, 1));
        stored = [...now, x];
      });
    await Promise.all(['a', 'b', 'c'].map(add));
    expect(stored.sort()).toEqual(['a', 'b', 'c']);
  });

  it('a failed step rejects only its caller; the next still runs', async () => {
    const inTurn = serial();
    const failed = inTurn(async () => {
      throw new Error('disk full');
    });
    const next = inTurn(async () => 'ok');
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('ok');
  });
});
