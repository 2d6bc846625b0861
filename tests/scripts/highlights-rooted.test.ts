/**
 * The Chromium build's highlight rules are set on the root (scripts/lib/highlights-rooted.ts): every rule
 * of highlights.css, and nothing the plugin cannot set there; the Firefox build and other files are left
 * as they are.
 */
import { describe, expect, it } from 'vitest';
import css from '../../src/page/highlights.css?raw';
import { highlightNames } from '../../src/page/highlights';
import { highlightsOnRoot, rootedHighlights } from '../../scripts/lib/highlights-rooted';

const ID = '/repo/src/page/highlights.css';
const transform = (browser: string, code: string, id: string) => {
  const hook = highlightsOnRoot(browser).transform as (code: string, id: string) => { code: string } | null;
  return hook(code, id)?.code ?? null;
};

describe('the highlight rules on the root', () => {
  it('sets every rule of highlights.css on the root, and the names read from it stay the same', () => {
    const out = rootedHighlights(css);
    const rules = css.match(/^::highlight\([\w-]+\)/gm)!;
    expect(rules.length).toBeGreaterThanOrEqual(7);
    expect(out.match(/^:root::highlight\([\w-]+\)/gm)).toEqual(rules.map((r) => `:root${r}`));
    expect(out.replace(/^:root/gm, '')).toBe(css);
    expect(highlightNames(out)).toEqual(highlightNames(css));
  });

  it('refuses a rule it cannot set on the root', () => {
    expect(() => rootedHighlights(`${css}\np::highlight(backstory-person) { color: red; }`)).toThrow(
      /does not set on the root/,
    );
    expect(() => rootedHighlights('p { color: red; }')).toThrow(/does not set on the root/);
  });

  it('changes the Chromium build’s stylesheet only', () => {
    expect(transform('chrome', css, ID)).toBe(rootedHighlights(css));
    expect(transform('firefox', css, ID)).toBeNull();
    // The names' copy (`?raw`) and any other file are left alone.
    expect(transform('chrome', css, `${ID}?raw`)).toBeNull();
    expect(transform('chrome', css, '/repo/src/ui/card.css')).toBeNull();
  });
});
