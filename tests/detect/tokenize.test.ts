import { describe, expect, it } from 'vitest';
import { lexicon } from '../../src/detect/lexicon';
import { tokenize, type Token } from '../../src/detect/tokenize';

const TEXT =
  "pro-Assad forces met Mr. Smith of the U.N. and @BBCNews in Kim Jong-un's Pyongyang. It's ISIS-held; Don't. BBCNews told Mr Smith";

/** Every fact of every token, as plain data. */
const facts = (toks: Token[]) =>
  toks.map((t) =>
    [
      t.wordStart,
      t.wordEnd,
      t.start,
      t.end,
      t.text,
      t.key,
      t.capitalised && 'cap',
      t.upper && 'upper',
      t.sentenceStart && 'sent',
      t.joins && 'joins',
      t.cut && 'cut',
      t.possessive && 'poss',
      t.contraction && 'contr',
    ]
      .filter((f) => f !== false)
      .join(' '),
  );

/** As the tokenizer read them before it remembered spellings. */
const EXPECTED = [
  '0 9 4 9 Assad assad cap sent cut',
  '10 16 10 16 forces forces joins',
  '17 20 17 20 met met joins',
  '21 24 21 24 Mr. mr. cap joins',
  '25 30 25 30 Smith smith cap joins',
  '31 33 31 33 of of joins',
  '34 37 34 37 the the joins',
  '38 42 38 42 U.N. u.n. cap upper joins',
  '43 46 43 46 and and',
  '48 55 48 55 BBCNews BBCNews joins',
  '56 58 56 58 in in joins',
  '59 62 59 62 Kim kim cap joins',
  '63 72 63 70 Jong-un jong-un cap poss',
  '73 82 73 82 Pyongyang pyongyang cap',
  '84 88 84 86 It it cap sent poss',
  '89 98 89 93 ISIS isis cap upper cut',
  "100 105 100 105 Don't don't cap sent contr",
  '107 114 107 114 BBCNews bbcnews cap sent joins',
  '115 119 115 119 told told joins',
  '120 122 120 122 Mr mr cap joins',
  '123 128 123 128 Smith smith cap joins',
];

describe('tokenize', () => {
  it('reads each word with its facts: cuts, possessives, abbreviations, handles, sentence starts', () => {
    expect(facts(tokenize(TEXT, lexicon()))).toEqual(EXPECTED);
  });

  it('reads a word the same once its spelling is remembered, and after the memory is full', () => {
    const lex = lexicon();
    expect(facts(tokenize(TEXT, lex))).toEqual(EXPECTED);
    // Far more distinct spellings than the tokenizer remembers: its table grows, then starts afresh.
    const many: string[] = [];
    for (let k = 0; k < 70_000; k++) many.push(`Xq${k.toString(36)}`, `xq${k.toString(36)}-Yb`);
    const toks = tokenize(many.join(' '), lex);
    expect(toks).toHaveLength(many.length);
    expect(toks[2 * 69_999].text).toBe(`Xq${(69_999).toString(36)}`);
    expect(toks[2 * 69_999 + 1].text).toBe('Yb');
    expect(facts(tokenize(TEXT, lex))).toEqual(EXPECTED);
    expect(facts(tokenize(TEXT, lex))).toEqual(EXPECTED);
  });
});
