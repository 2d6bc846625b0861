import { describe, expect, it } from 'vitest';
import { names } from './helpers';

describe('the learned re-typer in prose', () => {
  it('drops a weak name that the words around say is no name, in a long block', () => {
    // An index and a game: capitalised, no list knows them, and only the model reads "225 fell" or "such as".
    expect(
      names(
        "Tokyo's Nikkei 225 fell 1.3 percent on Tuesday, while Seoul's Kospi index slipped by a little less.",
      ),
    ).toEqual(['Tokyo/place', 'Seoul/place', 'Kospi/organization']);
    expect(
      names(
        'The studio owns franchises such as World of Warcraft, and its chief executive said more games would follow soon.',
      ),
    ).toEqual([]);
  });

  it('keeps the kinds the rules gave in prose, and weak names in a short block', () => {
    expect(names('Shares of Berkshire Hathaway rose.')).toEqual(['Berkshire Hathaway/organization']);
    expect(names('The vote was close. Meanwhile Hogan said no.')).toEqual(['Hogan/person']);
  });
});
