import { describe, expect, it } from 'vitest';
import { applyDiff, diffEntries, fromSummary, textHash, unshown } from '../../src/follow/diff';
import type { FollowEntry } from '../../src/follow/types';
import { textId } from '../../src/liveblog/hash';

const e = (id: string, line: string, label = ''): FollowEntry => ({
  id,
  label,
  firstLine: line,
  textHash: textHash(line),
});
/** An id-less update: its id is the hash of its label and opening, as the live-blog code makes it. */
const t = (label: string, line: string): FollowEntry => e(textId(label, line), line, label);

describe('diff of fetched updates against stored ones', () => {
  const stored = [e('3', 'Third thing happened'), e('2', 'Second thing'), e('1', 'First thing')];

  it('finds new updates, in page order', () => {
    const d = diffEntries(stored, [e('5', 'Fifth'), e('4', 'Fourth'), ...stored]);
    expect(d.added.map((x) => x.id)).toEqual(['5', '4']);
    expect(d.edited).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.reordered).toBe(false);
  });
  it('an edit is not new', () => {
    const d = diffEntries(stored, [e('3', 'Third thing happened, police say'), stored[1], stored[2]]);
    expect(d.added).toEqual([]);
    expect(d.edited.map((x) => x.id)).toEqual(['3']);
  });
  it('a deletion is not new, and is reported', () => {
    const d = diffEntries(stored, [stored[0], stored[2]]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual(['2']);
  });
  it('a reordered list adds nothing', () => {
    const d = diffEntries(stored, [stored[2], stored[0], stored[1]]);
    expect(d.added).toEqual([]);
    expect(d.reordered).toBe(true);
  });
  it('the same id-less update re-labelled ("12:05" → "1 hour ago") is the same update', () => {
    const before = [t('12:05', 'Rescuers reached the village at dawn'), t('11:40', 'Roads closed')];
    const after = [t('1 hour ago', 'Rescuers reached the village at dawn'), t('2 hours ago', 'Roads closed')];
    expect(after[0].id).not.toBe(before[0].id);
    const d = diffEntries(before, after);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.renamed.get(after[0].id)).toBe(before[0].id);
  });
  it('an update re-issued under another id (a new permalink) with the same opening is not new', () => {
    const d = diffEntries(
      [e('post-1205', 'Rescuers reached the village at dawn', '12:05')],
      [e('post-1305', 'Rescuers reached the village at dawn', '13:05')],
    );
    expect(d.added).toEqual([]);
    expect(d.renamed.get('post-1305')).toBe('post-1205');
  });
  it('an id-less update whose opening was edited is re-matched, not new', () => {
    const before = [t('12:05', 'Rescuers reached the village of Amatrice at dawn on Tuesday morning')];
    const after = [t('12:05', 'Rescuers reached the village of Amatrice at dawn on Tuesday')];
    const d = diffEntries(before, after);
    expect(d.added).toEqual([]);
    expect(d.edited).toHaveLength(1);
  });
  it('two updates with the same text are two updates', () => {
    const d = diffEntries([e('1', 'Goal!')], [e('2', 'Goal!'), e('1', 'Goal!')]);
    expect(d.added.map((x) => x.id)).toEqual(['2']);
  });
});

describe('the found list', () => {
  const stored = [e('2', 'Two'), e('1', 'One')];
  it('keeps what earlier checks found, adds the new on top, and drops the deleted', () => {
    let fetched = [e('3', 'Three'), ...stored];
    let found = applyDiff([], diffEntries(stored, fetched), fetched, 100);
    expect(found.map((f) => [f.id, f.foundAt])).toEqual([['3', 100]]);
    const next = [e('4', 'Four'), e('3', 'Three, edited'), ...stored];
    found = applyDiff(found, diffEntries(fetched, next), next, 200);
    expect(found.map((f) => [f.id, f.firstLine, f.foundAt])).toEqual([
      ['4', 'Four', 200],
      ['3', 'Three, edited', 100],
    ]);
    fetched = next;
    const deleted = [e('4', 'Four'), ...stored];
    found = applyDiff(found, diffEntries(fetched, deleted), deleted, 300);
    expect(found.map((f) => f.id)).toEqual(['4']);
  });
  it('turns an oldest-first page round', () => {
    const fetched = [...stored.slice().reverse(), e('3', 'Three'), e('4', 'Four')];
    const found = applyDiff([], diffEntries(stored, fetched), fetched, 1, false);
    expect(found.map((f) => f.id)).toEqual(['4', '3']);
  });
  it('leaves out what the reader has been shown since', () => {
    const found = [
      { ...e('4', 'Four'), foundAt: 1 },
      { ...e('3', 'Three'), foundAt: 1 },
    ];
    expect(unshown(found, new Set(['3'])).map((f) => f.id)).toEqual(['4']);
  });
  it('takes the reading store summary as a baseline', () => {
    expect(fromSummary({ id: 'a', label: '12:00', firstLine: 'Hello' })).toEqual(e('a', 'Hello', '12:00'));
  });
});
