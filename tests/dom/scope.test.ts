import { describe, expect, it } from 'vitest';
import { isExcluded } from '../../src/dom/scope';

describe('editable areas are out of scope', () => {
  it('for every value that makes an element editable, in any case; not for false', () => {
    const el = document.createElement('div');
    for (const value of ['', 'true', 'TRUE', 'True', 'plaintext-only', 'PLAINTEXT-ONLY']) {
      el.setAttribute('contenteditable', value);
      expect(isExcluded(el), value).toBe(true);
    }
    el.setAttribute('contenteditable', 'false');
    expect(isExcluded(el)).toBe(false);
  });
});
