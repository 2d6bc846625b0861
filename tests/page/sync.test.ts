/**
 * What the page owes the background (reports, seen-marks) when an answer never comes: it is sent again,
 * and what came meanwhile goes after it. A message the worker never answers must not hold the page's
 * reports back for the rest of its life.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { LiveUpdate } from '../../src/liveblog/types';
import { ANSWER_WITHIN_MS, MarkQueue, Reporter } from '../../src/page/reading/sync';

const update = (n: number): LiveUpdate => ({
  id: `u${n}`,
  label: `1${n}:00`,
  text: `Update ${n}`,
  elements: [document.createElement('article')],
});

/** The background's answers, each message recorded; the first `silent` messages are never answered. */
function background(silent: number) {
  const sent: Array<{ type: string; payload: any }> = [];
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: any) => {
    sent.push({ type: message.type, payload: message.payload });
    if (sent.length <= silent) return new Promise(() => undefined);
    if (message.type === 'page:report')
      return { ok: { url: message.payload.url, updates: [], unseen: 0, following: false } };
    if (message.type === 'page:update') return { ok: { url: message.payload.url, updates: [], unseen: 0 } };
    return { ok: null };
  }) as never);
  return sent;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('an answer that never comes', () => {
  it('a report is sent again, in full, and the insertion that came meanwhile goes with it', async () => {
    const sent = background(1);
    let updates = [update(1), update(2)];
    const answers: unknown[] = [];
    const live = new AbortController();
    const reporter = new Reporter(
      { url: 'https://example.com/live', visit: 'v1', doc: document, isLiveBlog: () => true },
      () => updates,
      (a) => answers.push(a),
      live.signal,
    );
    void reporter.send();
    await vi.advanceTimersByTimeAsync(100);
    // A live insertion while the first report waits: it can only go after that one ends.
    updates = [update(3), ...updates];
    void reporter.send();
    await vi.advanceTimersByTimeAsync(ANSWER_WITHIN_MS);
    expect(sent.map((m) => m.type)).toEqual(['page:report', 'page:report']);
    expect(sent[1].payload.updates.map((u: { id: string }) => u.id)).toEqual(['u3', 'u1', 'u2']);
    expect(answers).toHaveLength(1);
    live.abort();
  });

  it('a seen-mark is kept and sent again', async () => {
    const sent = background(1);
    const live = new AbortController();
    const marks = new MarkQueue('https://example.com/live', () => undefined, live.signal);
    marks.add(['u1']);
    await vi.advanceTimersByTimeAsync(ANSWER_WITHIN_MS + 1000);
    expect(sent.map((m) => m.payload.ids)).toEqual([['u1'], ['u1']]);
    expect(marks.pending.size).toBe(0);
    live.abort();
  });
});
