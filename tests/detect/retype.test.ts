import { describe, expect, it } from 'vitest';
import { retypeModel } from '../../src/detect';
import { lexicon } from '../../src/detect/lexicon';
import { resolveCandidates } from '../../src/detect/resolve';
import { MAX_PROSE_SCORED, type RetypeModel } from '../../src/detect/retype';
import { scanBlock } from '../../src/detect/scan';
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

  it('scores only the first few mentions of a weak name in prose, and drops or keeps them all alike', () => {
    const texts = Array.from(
      { length: 10 },
      (_, i) =>
        `In round ${i + 1} the studio again talked about franchises such as World of Warcraft at length.`,
    );
    let scored = 0;
    const model = retypeModel();
    // A model that counts the mentions it is asked about (every mention's features open with the bias, 'b').
    const spy: RetypeModel = {
      ...model,
      weights: new Proxy(model.weights, {
        get(target, prop) {
          if (prop !== 'get') return Reflect.get(target, prop, target) as unknown;
          return (f: string) => {
            if (f === 'b') scored++;
            return target.get(f);
          };
        },
      }),
    };
    const lex = lexicon();
    const { blocks } = resolveCandidates(
      texts.map((t) => scanBlock(t, lex)),
      { texts, model: spy },
    );
    // Ten mentions, the first few scored.
    expect(MAX_PROSE_SCORED).toBeLessThan(texts.length);
    expect(scored).toBe(MAX_PROSE_SCORED);
    expect(new Set(blocks.map((b) => b.length)).size).toBe(1);
  });
});
