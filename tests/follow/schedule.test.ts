import { describe, expect, it } from 'vitest';
import {
  afterCheck,
  conditionalHeaders,
  dueChecks,
  MAX_DELAY,
  MINUTE,
  nextDelay,
  nextWake,
  periodMs,
  QUIET_CHECKS,
  QUIET_MAX_FACTOR,
  STALE_AFTER,
} from '../../src/follow/schedule';
import type { FollowRecord } from '../../src/follow/types';

const P = 5 * MINUTE;
const NOW = Date.parse('2026-05-01T12:00:00Z');

function rec(over: Partial<FollowRecord> = {}): FollowRecord {
  return {
    url: 'https://news.example/live',
    title: 'Live',
    followedAt: 0,
    notify: false,
    cookies: false,
    entries: [],
    baselined: true,
    found: [],
    hits: [],
    nextCheck: NOW,
    failures: 0,
    quiet: 0,
    ...over,
  };
}

describe('period', () => {
  it('defaults to 5 minutes and clamps the setting', () => {
    expect(periodMs(undefined)).toBe(5 * MINUTE);
    expect(periodMs(0)).toBe(5 * MINUTE);
    expect(periodMs(0.01)).toBe(MINUTE);
    expect(periodMs(0.05, 0.05)).toBe(3000);
    expect(periodMs(1e9)).toBe(24 * 60 * MINUTE);
  });
});

describe('back-off', () => {
  it('checks an active blog every period', () => {
    expect(nextDelay(P, rec(), NOW)).toBe(P);
  });
  it('doubles the wait per failure in a row, up to the cap', () => {
    expect(nextDelay(P, rec({ failures: 1 }), NOW)).toBe(2 * P);
    expect(nextDelay(P, rec({ failures: 3 }), NOW)).toBe(8 * P);
    expect(nextDelay(P, rec({ failures: 40 }), NOW)).toBe(MAX_DELAY);
  });
  it('slows a blog that keeps answering with nothing new, then one that stopped updating', () => {
    expect(nextDelay(P, rec({ quiet: QUIET_CHECKS - 1 }), NOW)).toBe(P);
    expect(nextDelay(P, rec({ quiet: QUIET_CHECKS }), NOW)).toBe(2 * P);
    expect(nextDelay(P, rec({ quiet: 100 * QUIET_CHECKS }), NOW)).toBe(QUIET_MAX_FACTOR * P);
    expect(nextDelay(P, rec({ lastChange: NOW - STALE_AFTER - 1 }), NOW)).toBe(QUIET_MAX_FACTOR * P);
    expect(nextDelay(P, rec({ lastChange: NOW - MINUTE }), NOW)).toBe(P);
  });
  it('a failure resets nothing but the schedule; a success clears failures and the problem', () => {
    const failed = afterCheck(
      rec(),
      { kind: 'failed', problem: { reason: 'http-error', detail: '503', at: NOW } },
      NOW,
      P,
    );
    expect(failed.failures).toBe(1);
    expect(failed.problem?.reason).toBe('http-error');
    expect(failed.nextCheck).toBe(NOW + 2 * P);
    const ok = afterCheck(failed, { kind: 'unchanged' }, NOW + 2 * P, P);
    expect(ok.failures).toBe(0);
    expect(ok.problem).toBeUndefined();
    expect(ok.nextCheck).toBe(NOW + 3 * P);
  });
  it('a site the reader has not enabled waits an hour without piling up failures', () => {
    const r = afterCheck(rec(), { kind: 'failed', problem: { reason: 'not-enabled', at: NOW } }, NOW, P);
    expect(r.failures).toBe(0);
    expect(r.nextCheck).toBe(NOW + 60 * MINUTE);
  });
  it('counts quiet checks and resets them when something new comes', () => {
    let r = rec();
    for (let i = 0; i < QUIET_CHECKS; i++) r = afterCheck(r, { kind: 'unchanged' }, NOW, P);
    expect(r.quiet).toBe(QUIET_CHECKS);
    expect(r.nextCheck).toBe(NOW + 2 * P);
    r = afterCheck(r, { kind: 'changed', added: 0 }, NOW, P);
    expect(r.quiet).toBe(QUIET_CHECKS + 1);
    r = afterCheck(r, { kind: 'changed', added: 2 }, NOW, P);
    expect(r.quiet).toBe(0);
    expect(r.lastChange).toBe(NOW);
    expect(r.nextCheck).toBe(NOW + P);
  });
});

describe('conditional requests', () => {
  it('sends the validators of the last answer', () => {
    expect(conditionalHeaders(rec())).toEqual({});
    expect(conditionalHeaders(rec({ etag: '"abc"', lastModified: 'Fri, 01 May 2026 11:00:00 GMT' }))).toEqual(
      {
        'If-None-Match': '"abc"',
        'If-Modified-Since': 'Fri, 01 May 2026 11:00:00 GMT',
      },
    );
  });
  it('keeps validators a 304 omits and replaces them on a 200', () => {
    const r = rec({ etag: '"a"', lastModified: 'x' });
    expect(afterCheck(r, { kind: 'unchanged' }, NOW, P)).toMatchObject({ etag: '"a"', lastModified: 'x' });
    expect(afterCheck(r, { kind: 'unchanged', etag: '"b"' }, NOW, P)).toMatchObject({
      etag: '"b"',
      lastModified: 'x',
    });
    const fresh = afterCheck(r, { kind: 'changed', added: 1, etag: '"c"' }, NOW, P);
    expect(fresh.etag).toBe('"c"');
    expect(fresh.lastModified).toBeUndefined();
  });
});

describe('one request per site at a time', () => {
  const a1 = rec({ url: 'https://a.example/1', nextCheck: NOW - 3 });
  const a2 = rec({ url: 'https://a.example/2', nextCheck: NOW - 5 });
  const b1 = rec({ url: 'https://b.example/1', nextCheck: NOW - 1 });
  const c1 = rec({ url: 'https://c.example/1', nextCheck: NOW + 1 });
  it('picks the most overdue blog of each site, and none of a site already in flight', () => {
    expect(dueChecks([a1, a2, b1, c1], NOW).map((r) => r.url)).toEqual([
      'https://a.example/2',
      'https://b.example/1',
    ]);
    expect(dueChecks([a1, a2, b1, c1], NOW, new Set(['a.example'])).map((r) => r.url)).toEqual([
      'https://b.example/1',
    ]);
  });
  it('treats another port as another site', () => {
    const p = rec({ url: 'http://127.0.0.1:8080/x', nextCheck: NOW });
    const q = rec({ url: 'http://127.0.0.1:9090/y', nextCheck: NOW });
    expect(dueChecks([p, q], NOW)).toHaveLength(2);
  });
  it('wakes at the earliest next check, never in the past', () => {
    expect(nextWake([], NOW)).toBeNull();
    expect(nextWake([a1, c1], NOW)).toBe(NOW);
    expect(nextWake([c1], NOW)).toBe(NOW + 1);
  });
});
