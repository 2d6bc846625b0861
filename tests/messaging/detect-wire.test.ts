/**
 * The names:detect wire: a batch of blocks as one string and flat numbers, an answer's mentions as flat
 * quadruples with one key table; both ways lossless, and checked as a whole.
 */
import { describe, expect, it } from 'vitest';
import {
  answeredBlocks,
  BlockBatch,
  decodeBlocks,
  encodeBlocks,
  encodeMentions,
  MENTION_FIELDS,
  wellFormed,
} from '../../src/messaging/detect-wire';
import { DETECT_LIMITS } from '../../src/messaging/protocol';

describe('blocks out', () => {
  it('round-trips indices, texts (empty and non-ASCII too) and langs, each lang once in the table', () => {
    const blocks = [
      { i: 7, text: 'Angela Merkel visited Paris.', lang: 'en' },
      { i: 2, text: '' },
      { i: 3, text: 'Zürich – 東京 😀', lang: 'de' },
      { i: 9, text: 'Berlin', lang: 'en' },
    ];
    const wire = encodeBlocks(blocks);
    expect(wire.text).toBe(blocks.map((b) => b.text).join(''));
    expect(wire.langs).toEqual(['en', 'de']);
    expect(wire.blocks).toHaveLength(12);
    expect(wellFormed(wire)).toBe(true);
    // Through a structured clone, as a message travels.
    expect(decodeBlocks(structuredClone(wire))).toEqual([
      { i: 7, text: 'Angela Merkel visited Paris.', lang: 'en' },
      { i: 2, text: '' },
      { i: 3, text: 'Zürich – 東京 😀', lang: 'de' },
      { i: 9, text: 'Berlin', lang: 'en' },
    ]);
  });

  it('is no object per block: one string and numbers', () => {
    const wire = encodeBlocks(Array.from({ length: 100 }, (_, i) => ({ i, text: `Block ${i}.` })));
    expect(typeof wire.text).toBe('string');
    expect(wire.blocks.every((n) => typeof n === 'number')).toBe(true);
  });

  it('refuses what does not add up', () => {
    const wire = encodeBlocks([{ i: 0, text: 'Paris' }]);
    expect(wellFormed({ ...wire, blocks: [0, 4, -1] })).toBe(false);
    expect(wellFormed({ ...wire, blocks: [0, 5, -1, 1] })).toBe(false);
    expect(wellFormed({ ...wire, blocks: [-1, 5, -1] })).toBe(false);
    expect(wellFormed({ ...wire, blocks: [0.5, 5, -1] })).toBe(false);
    expect(wellFormed({ ...wire, blocks: [0, 5, 0] })).toBe(false);
    expect(wellFormed({ ...wire, blocks: [0, 5, -2] })).toBe(false);
    expect(wellFormed({ ...wire, blocks: [DETECT_LIMITS.blocks, 5, -1] })).toBe(false);
    expect(wellFormed({ ...wire, blocks: [0, Number.NaN, -1] })).toBe(false);
    expect(wellFormed(wire)).toBe(true);
  });

  it('a batch says when one more lang would pass the table cap', () => {
    const batch = new BlockBatch();
    for (let k = 0; k < DETECT_LIMITS.langs; k++) batch.add(k, 'a', `l${k}`);
    expect(batch.full('l0')).toBe(false);
    expect(batch.full(null)).toBe(false);
    expect(batch.full('new')).toBe(true);
    expect(batch.chars).toBe(DETECT_LIMITS.langs);
    expect(wellFormed(batch.wire())).toBe(true);
  });
});

describe('mentions back', () => {
  it('flat [block, start, end, ref] grouped by block, one table entry per key and kind, empty blocks kept', () => {
    const answered = [
      {
        block: 4,
        mentions: [
          { start: 0, end: 13, key: 'person:angela merkel', kind: 0 },
          { start: 22, end: 27, key: 'place:paris', kind: 2 },
        ],
      },
      { block: 1, mentions: [] },
      { block: 9, mentions: [{ start: 3, end: 8, key: 'place:paris', kind: 2 }] },
    ];
    const wire = structuredClone(encodeMentions(answered));
    expect(wire.keys).toEqual(['person:angela merkel', 'place:paris']);
    expect(wire.kinds).toEqual([0, 2]);
    expect(wire.blocks).toEqual([4, 1, 9]);
    expect(wire.mentions).toEqual([4, 0, 13, 0, 4, 22, 27, 1, 9, 3, 8, 1]);
    const back = [...answeredBlocks(wire)].map(([block, from, to]) => ({
      block,
      mentions: Array.from({ length: (to - from) / MENTION_FIELDS }, (_, n) => {
        const k = from + n * MENTION_FIELDS;
        const ref = wire.mentions[k + 3];
        return {
          start: wire.mentions[k + 1],
          end: wire.mentions[k + 2],
          key: wire.keys[ref],
          kind: wire.kinds[ref],
        };
      }),
    }));
    expect(back).toEqual(answered);
  });
});
