/** The brand colour has one home (src/shared/brand.css); what CSS does not reach reads it from there. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRAND_COLOR } from '../../src/shared/brand';

const ROOT = resolve(__dirname, '../..');

describe('brand colour', () => {
  it('the badge colour is the --brand of brand.css', () => {
    expect(BRAND_COLOR).toBe('#3b5bdb');
  });

  it('is spelt nowhere else: the stylesheets use var(--brand)', () => {
    for (const path of [
      'src/ui/card.css',
      'src/ui/popup.css',
      'src/ui/panel.css',
      'src/ui/page.css',
      'src/page/features/markers.ts',
      'src/background/index.ts',
    ])
      expect(readFileSync(resolve(ROOT, path), 'utf8'), path).not.toMatch(/#3b5bdb|#2f4ac0|#1b2f8a/i);
  });
});
