import { describe, expect, it } from 'vitest';
import { page } from './helpers';

/** The entity key of each place mention, by its text. */
const placeKeys = (blocks: string[]) =>
  Object.fromEntries(
    page(blocks)
      .mentions.filter((m) => m.kind === 'place')
      .map((m) => [m.text, m.key]),
  );

describe('place keys by the page’s geography (the card’s ranking, src/detect/places.ts)', () => {
  it('keys a town the page’s geography does not speak for by its name alone, claiming no country', () => {
    // The detector's only Westminster is the Colorado city; beside London it is London's.
    expect(
      placeKeys(['MPs returned to Westminster as London braced for the vote in Britain.']),
    ).toMatchObject({
      Westminster: 'place:westminster',
      London: 'city:GB:london',
      Britain: 'country:GB',
    });
    // The detector's Douglas is the Isle of Man's capital; on a Cork page it is the suburb.
    expect(placeKeys(['Cases rose in Cork city and in the suburb of Douglas, Ireland said.'])).toMatchObject({
      Douglas: 'place:douglas',
      Cork: 'city:IE:cork',
    });
  });

  it('keeps the town’s own key where the page’s geography speaks for it, or names none', () => {
    expect(placeKeys(['In Colorado, Westminster police near Denver said.']).Westminster).toBe(
      'city:US:westminster',
    );
    expect(placeKeys(['Police in Westminster said.']).Westminster).toBe('city:US:westminster');
    // A city of a million is the one the page means whatever else it names.
    expect(placeKeys(['Syrian exiles met in Paris on Sunday, far from Syria.']).Paris).toBe('city:FR:paris');
  });
});
