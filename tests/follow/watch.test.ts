import { describe, expect, it } from 'vitest';
import { matchWatches, sentenceAround, watchKey } from '../../src/follow/watch';

const watch = (name: string, aliases: string[] = []) => ({ key: watchKey(name), aliases });

describe('watched names in new updates', () => {
  const text =
    'Turkish-backed forces entered al-Bab on Thursday, the Syrian Observatory for Human Rights said. ' +
    'French Foreign Minister Jean-Marc Ayrault called for a ceasefire.';

  it('finds a watched place, with its sentence', () => {
    const hits = matchWatches('u1', text, [watch('al-Bab')]);
    expect(hits).toEqual([
      {
        watch: 'al bab',
        updateId: 'u1',
        sentence:
          'Turkish-backed forces entered al-Bab on Thursday, the Syrian Observatory for Human Rights said.',
      },
    ]);
  });
  it('finds a person by a shorter form the page uses for them', () => {
    const hits = matchWatches('u1', text + ' Ayrault later left for Moscow.', [watch('Ayrault')]);
    expect(hits.map((h) => h.watch)).toEqual(['ayrault']);
  });
  it('matches case and accents loosely, and through aliases', () => {
    expect(matchWatches('u1', text, [watch('AL BAB')])).toHaveLength(1);
    expect(matchWatches('u1', text, [watch('Al Bab town', ['al-Bab'])]).map((h) => h.watch)).toEqual([
      'al bab town',
    ]);
  });
  it('does not match a word that is not a name in the text, nor an unwatched name', () => {
    expect(matchWatches('u1', 'The bab of the story is here.', [watch('al-Bab')])).toEqual([]);
    expect(matchWatches('u1', text, [watch('Aleppo')])).toEqual([]);
  });
  it('reports each watch once per update', () => {
    const twice = 'Fighting in al-Bab continued. Residents fled al-Bab overnight.';
    expect(matchWatches('u1', twice, [watch('al-Bab')])).toHaveLength(1);
  });
});

describe('the sentence of a mention', () => {
  it('is cut at sentence ends and at most 300 characters', () => {
    const s = 'First one. Second about X here! Third.';
    const i = s.indexOf('X');
    expect(sentenceAround(s, i, i + 1)).toBe('Second about X here!');
    const long = 'a '.repeat(400) + 'X ' + 'b '.repeat(400);
    const j = long.indexOf('X');
    const cut = sentenceAround(long, j, j + 1);
    expect(cut.length).toBeLessThanOrEqual(302);
    expect(cut).toContain('X');
  });
});
