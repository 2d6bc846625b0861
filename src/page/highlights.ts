/**
 * Underlines names with the CSS Custom Highlight API: no element, class or attribute is added to the
 * page. The page's scripts can read CSS.highlights, so highlights carry names only, never reading state.
 */
import type { Kind } from '../detect';
import type { PageMention } from './names';

export const HIGHLIGHT_NAMES: Record<Kind, string> = {
  person: 'backstory-person',
  organization: 'backstory-organization',
  place: 'backstory-place',
};

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
