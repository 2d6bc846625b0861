/** The highlights' names come from the stylesheet that paints them, their one home. */
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_NAMES, highlightNames } from '../../src/page/highlights';
import css from '../../src/page/highlights.css?raw';

describe('highlight names', () => {
  it('are read from highlights.css, one per kind and look', () => {
    expect(HIGHLIGHT_NAMES).toEqual({
      underline: {
        person: 'backstory-person',
        organization: 'backstory-organization',
        place: 'backstory-place',
      },
      tint: {
        person: 'backstory-tint-person',
        organization: 'backstory-tint-organization',
        place: 'backstory-tint-place',
      },
    });
  });

  it('the underline is a text decoration and the tint a fill only (what makes the tint cheap to keep)', () => {
    const rules = Object.fromEntries(
      [...css.matchAll(/::highlight\(([\w-]+)\)\s*\{([^}]*)\}/g)].map(([, name, body]) => [name, body]),
    );
    for (const name of Object.values(HIGHLIGHT_NAMES.underline))
      expect(rules[name]).toMatch(/text-decoration:/);
    for (const name of Object.values(HIGHLIGHT_NAMES.tint)) {
      expect(rules[name]).toMatch(/background-color:/);
      expect(rules[name]).not.toMatch(/text-decoration|text-shadow|stroke/);
    }
  });

  it('a stylesheet that paints no highlight for a kind is refused at once', () => {
    expect(() => highlightNames('::highlight(backstory-person) {} ::highlight(backstory-place) {}')).toThrow(
      /no organization/,
    );
  });
});
