import { describe, expect, it } from 'vitest';
import { findLiveBlog, firstLine } from '../../src/liveblog';
import { textId } from '../../src/liveblog/hash';
import { Timeline, type PageClock } from '../../src/liveblog/time';

/** A lone label dated the way the extractor dates it: through the page's timeline. */
const labelTime = (label: string, clock: PageClock) => new Timeline(clock).resolve([label]);
import { fixture, loadDocument } from '../helpers';

describe('text-marker updates on the seed page', () => {
  const doc = loadDocument(fixture('eaworldview-syria-daily.html'));
  const blog = findLiveBlog(doc)!;

  it('finds the five entries, newest first, with their labels', () => {
    expect(blog.via).toBe('text-markers');
    expect(blog.updates.map((u) => u.label)).toEqual([
      'UPDATE 1615 GMT',
      'UPDATE 1615 GMT',
      'UPDATE 0830 GMT',
      'UPDATE 0825 GMT',
      'ORIGINAL ENTRY',
    ]);
    expect(firstLine(blog.updates[1].text)).toMatch(/^Bilal Abdul Kareem of On the Ground News/);
  });

  it('gives the two "UPDATE 1615 GMT" entries different ids', () => {
    expect(new Set(blog.updates.map((u) => u.id)).size).toBe(5);
  });

  it('dates the labels with the page date and stated zone', () => {
    expect(blog.updates.map((u) => u.time)).toEqual([
      '2016-11-24T16:15:00.000Z',
      '2016-11-24T16:15:00.000Z',
      '2016-11-24T08:30:00.000Z',
      '2016-11-24T08:25:00.000Z',
      '2016-11-24T08:00:00.000Z',
    ]);
  });

  it('groups the paragraphs and quotes that follow a marker into its update', () => {
    expect(blog.updates[0].elements).toHaveLength(6);
    expect(
      blog.updates[4].elements.some((el) => el.textContent?.includes('Hezbollah military officials')),
    ).toBe(true);
    // The text kept is the opening: enough for the first line, the id and re-matching.
    expect(blog.updates[4].text.length).toBeLessThan(1000);
  });
});

describe('text ids', () => {
  it('survive whitespace, punctuation and edits after the opening words', () => {
    const a = textId(
      'UPDATE 1615 GMT',
      'Turkey says three of its soldiers have been killed and 10 wounded in what is believed',
    );
    const b = textId(
      'UPDATE 1615 GMT',
      'Turkey says  three of its soldiers have been killed, and 10 wounded — the toll was revised',
    );
    expect(a).toBe(b);
    expect(textId('UPDATE 1620 GMT', 'Turkey says three of its soldiers have been killed')).not.toBe(a);
  });
});

describe('labelTime', () => {
  it('reads GMT, Uhr and am/pm labels', () => {
    expect(labelTime('UPDATE 0830 GMT', { date: '2016-11-24' })).toBe('2016-11-24T08:30:00.000Z');
    expect(labelTime('Update, 13:17 Uhr', { date: '2020-05-03', offset: 120 })).toBe(
      '2020-05-03T11:17:00.000Z',
    );
    expect(labelTime('Update vom 03. Mai 2020, 16:05 Uhr', { date: '2020-05-04', offset: 120 })).toBe(
      '2020-05-03T14:05:00.000Z',
    );
    expect(labelTime('4:05 pm ET', { date: '2023-10-30' })).toBe('2023-10-30T21:05:00.000Z');
    expect(labelTime('ORIGINAL ENTRY', { date: '2016-11-24' })).toBeUndefined();
  });
});
