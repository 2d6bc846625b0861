/**
 * Underlines names with the CSS Custom Highlight API: no element, class or attribute is added to the
 * page. The page's scripts can read CSS.highlights, so highlights carry names only, never reading state.
 */
import { KINDS, type Kind } from '../detect/types';
// The stylesheet itself reaches the page through the manifest (WXT injects the content script's CSS).
import './highlights.css';
import highlightsCss from './highlights.css?raw';
import type { PageMention } from './names';

/** Each kind's highlight name, as the stylesheet that paints it spells it (`::highlight(backstory-KIND)`). */
export function highlightNames(css: string): Record<Kind, string> {
  const names = Object.fromEntries(
    [...css.matchAll(/::highlight\(([\w-]+)\)/g)].map(([, name]) => [
      name.slice(name.lastIndexOf('-') + 1),
      name,
    ]),
  );
  for (const kind of KINDS) if (!names[kind]) throw new Error(`highlights.css paints no ${kind}`);
  return Object.fromEntries(KINDS.map((k) => [k, names[k]])) as Record<Kind, string>;
}

export const HIGHLIGHT_NAMES = highlightNames(highlightsCss);

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

export class Highlighter {
  private highlights = new Map<Kind, Highlight>();

  constructor(private enabled: Record<Kind, boolean>) {}

  /** Replaces every highlight with the given mentions. */
  set(mentions: readonly PageMention[]): void {
    if (!highlightsSupported()) return;
    for (const kind of Object.keys(HIGHLIGHT_NAMES) as Kind[]) {
      const ranges = this.enabled[kind] ? mentions.filter((m) => m.kind === kind).map((m) => m.range) : [];
      let h = this.highlights.get(kind);
      if (!h) {
        h = new Highlight();
        this.highlights.set(kind, h);
      }
      h.clear();
      for (const r of ranges) h.add(r);
      if (ranges.length) CSS.highlights.set(HIGHLIGHT_NAMES[kind], h);
      else CSS.highlights.delete(HIGHLIGHT_NAMES[kind]);
    }
  }

  setEnabled(enabled: Record<Kind, boolean>, mentions: readonly PageMention[]): void {
    this.enabled = enabled;
    this.set(mentions);
  }

  clear(): void {
    if (!highlightsSupported()) return;
    for (const kind of this.highlights.keys()) CSS.highlights.delete(HIGHLIGHT_NAMES[kind]);
    this.highlights.clear();
  }
}
