/** The panel's views of a story: first appearances, names each update brings, cast order, the timeline. */
import { describe, expect, it } from 'vitest';
import {
  castGroups,
  castView,
  firstAppearances,
  namesBroughtBy,
  newNames,
  timeline,
} from '../../src/story/model';
import type { Story, StoryEntity } from '../../src/story/types';

const entity = (key: string, kind: StoryEntity['kind'], count: number, updates: number[]): StoryEntity => ({
  key,
  name: key.split(':')[1],
  kind,
  count,
  updates,
});

// Newest first, as most live blogs: update 0 is the latest (12:00), update 3 the first (09:00).
const story: Story = {
  url: 'https://news.test/live',
  title: 'Live',
  liveBlog: true,
  newestFirst: true,
  names: 'on',
  updates: [
    { id: 'u4', label: '12:00', time: '2026-12-04T12:00:00Z', firstLine: 'Fourth' },
    { id: 'u3', label: '11:00', time: '2026-12-04T11:00:00Z', firstLine: 'Third' },
    { id: 'u2', label: '10:00', time: '2026-12-04T10:00:00Z', firstLine: 'Second' },
    { id: 'u1', label: '09:00', time: '2026-12-04T09:00:00Z', firstLine: 'First' },
  ],
  entities: [
    entity('person:assad', 'person', 9, [0, 1, 3]),
    entity('place:aleppo', 'place', 4, [2, 3]),
    entity('person:stoltenberg', 'person', 2, [0]),
    entity('org:nato', 'organization', 5, [0, 1]),
  ],
};

describe('story model', () => {
  it('finds where the story first mentions each name, in time order not page order', () => {
    expect(Object.fromEntries(firstAppearances(story))).toEqual({
      'person:assad': 3,
      'place:aleppo': 3,
      'person:stoltenberg': 0,
      'org:nato': 1,
    });
  });

  it('lists the names each update brings', () => {
    const brought = namesBroughtBy(story);
    expect(brought.get(0)!.map((e) => e.key)).toEqual(['person:stoltenberg']);
    expect(brought.get(1)!.map((e) => e.key)).toEqual(['org:nato']);
    expect(brought.get(2)).toBeUndefined();
  });

  it('marks as new only the names whose first appearance is unseen', () => {
    expect([...newNames(story, new Set(['u4']))]).toEqual(['person:stoltenberg']);
    expect([...newNames(story, new Set(['u4', 'u3']))].sort()).toEqual(['org:nato', 'person:stoltenberg']);
    expect(newNames(story, new Set()).size).toBe(0);
  });

  it('sorts the cast by mentions, by first appearance or by name, and filters it', () => {
    expect(castView(story, 'mentions', '').map((e) => e.key)).toEqual([
      'person:assad',
      'org:nato',
      'place:aleppo',
      'person:stoltenberg',
    ]);
    expect(castView(story, 'first', '').map((e) => e.key)).toEqual([
      'person:assad',
      'place:aleppo',
      'org:nato',
      'person:stoltenberg',
    ]);
    expect(castView(story, 'name', '').map((e) => e.name)).toEqual([
      'aleppo',
      'assad',
      'nato',
      'stoltenberg',
    ]);
    expect(castView(story, 'mentions', 'ALE').map((e) => e.key)).toEqual(['place:aleppo']);
    expect(castGroups(castView(story, 'mentions', '')).map((g) => g.kind)).toEqual([
      'person',
      'organization',
      'place',
    ]);
  });

  it('lays the updates along their times, oldest at the start', () => {
    const t = timeline(story);
    expect(t.ticks.map((x) => [story.updates[x.update].id, x.at])).toEqual([
      ['u1', 0],
      ['u2', 1 / 3],
      ['u3', 2 / 3],
      ['u4', 1],
    ]);
    expect(t.end! - t.start!).toBe(3 * 3600_000);
  });

  it('spaces updates evenly when the page prints no times', () => {
    const timeless = { ...story, updates: story.updates.map((u) => ({ ...u, time: undefined })) };
    const t = timeline(timeless);
    expect(t.start).toBeUndefined();
    expect(t.ticks.map((x) => x.at)).toEqual([0, 1 / 3, 2 / 3, 1]);
  });
});

describe('cast groups', () => {
  it('splits a kind by subkind, largest first, the unnamed rest last', () => {
    const list = [
      { ...entity('city:aleppo', 'place', 3, []), subkind: 'city' },
      { ...entity('country:sy', 'place', 9, []), subkind: 'country' },
      { ...entity('city:idlib', 'place', 2, []), subkind: 'city' },
      entity('place:euphrates', 'place', 1, []),
    ];
    const [places] = castGroups(list);
    expect(places.subgroups.map((g) => [g.subkind, g.entities.map((e) => e.name)])).toEqual([
      ['city', ['aleppo', 'idlib']],
      ['country', ['sy']],
      [undefined, ['euphrates']],
    ]);
  });
});
