/**
 * A page that only looks like a live blog (thin structure, no schema or platform evidence) is not tracked
 * until the reader says so; the answer is the site's, and "no" stops the question.
 */
import { describe, expect, it } from 'vitest';
import * as liveblog from '../../src/liveblog';
import { LiveBlogWatch } from '../../src/page/liveblog-watch';
import { liveBlogAnswer, mergeSettings } from '../../src/shared/settings';
import { parsePage } from '../helpers';

const twoSections = () =>
  parsePage(
    `<html lang="it"><body><main><article><h1>Diretta</h1><div class="diretta">${['ore 14.35', 'ore 12.10']
      .map(
        (s, i) =>
          `<section class="agg"><p class="ora">${s}</p><p>Aggiornamento numero ${i + 1}: il testo di questo aggiornamento è abbastanza lungo da essere suo.</p></section>`,
      )
      .join('')}</div></article></main></body></html>`,
  );

const watch = (answer: boolean | undefined) =>
  new LiveBlogWatch(
    twoSections(),
    () => undefined,
    new AbortController().signal,
    () => answer,
    async () => liveblog,
  );

describe('a borderline live blog', () => {
  it('is not tracked unasked, and is flagged for the popup to ask', async () => {
    const w = watch(undefined);
    expect(await w.start()).toBeNull();
    expect(w.borderline).toBe(true);
  });

  it('is tracked once the reader said yes for the site', async () => {
    const w = watch(true);
    expect((await w.start())?.updates).toHaveLength(2);
    expect(w.borderline).toBe(false);
  });

  it('stays untracked, and unasked, after a no', async () => {
    const w = watch(false);
    expect(await w.start()).toBeNull();
    expect(w.borderline).toBe(false);
  });
});

describe('the answers, by host', () => {
  it('are read only as the reader stored them, whatever the page calls its host', () => {
    const s = mergeSettings({ liveBlogSites: { 'news.test': true, 'other.test': false } });
    expect(liveBlogAnswer(s, 'news.test')).toBe(true);
    expect(liveBlogAnswer(s, 'other.test')).toBe(false);
    expect(liveBlogAnswer(s, 'constructor')).toBeUndefined();
    expect(liveBlogAnswer(s, '__proto__')).toBeUndefined();
  });
});
