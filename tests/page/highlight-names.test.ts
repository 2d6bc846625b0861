/** The highlights' names come from the stylesheet that paints them, their one home. */
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_NAMES, highlightNames } from '../../src/page/highlights';

describe('highlight names', () => {
  it('are read from highlights.css, one per kind', () => {
    expect(HIGHLIGHT_NAMES).toEqual({
      person: 'backstory-person',
      organization: 'backstory-organization',
      place: 'backstory-place',
    });
  });

  it('a stylesheet that paints no highlight for a kind is refused at once', () => {
    expect(() => highlightNames('::highlight(backstory-person) {} ::highlight(backstory-place) {}')).toThrow(
      /no organization/,
    );
  });
});
