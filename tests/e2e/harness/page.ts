/** What a test reads off a page, from the page's own world (as any page script could). */
import type { Tab } from './driver';

export type HighlightTexts = Record<'person' | 'organization' | 'place', string[]>;

/**
 * The underlined names (tinted on a very long page: `backstory-tint-KIND`), from the shared CSS.highlights
 * registry. Its ranges are StaticRanges (no text, no boxes of their own): each is read through a live Range
 * over the same boundaries.
 */
export function highlightTexts(tab: Tab): Promise<HighlightTexts> {
  return tab.evaluate(() => {
    const out: Record<string, string[]> = { person: [], organization: [], place: [] };
    for (const kind of Object.keys(out)) {
      const h = CSS.highlights.get(`backstory-${kind}`) ?? CSS.highlights.get(`backstory-tint-${kind}`);
      if (h)
        for (const r of h as unknown as Iterable<AbstractRange>) {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          out[kind].push(live.toString());
        }
    }
    return out as HighlightTexts;
  });
}

/** Centre of the n-th occurrence of `text` inside the page's main content, in viewport coordinates. */
export function pointOfText(
  tab: Tab,
  text: string,
  nth = 0,
  scroll = true,
): Promise<{ x: number; y: number } | null> {
  return tab.evaluate(
    ({ text, nth, scroll }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        let i = (n as Text).data.indexOf(text);
        while (i >= 0) {
          if (seen++ === nth) {
            const r = document.createRange();
            r.setStart(n, i);
            r.setEnd(n, i + text.length);
            if (scroll) (n.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
            const rect = r.getClientRects()[0];
            return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
          }
          i = (n as Text).data.indexOf(text, i + 1);
        }
      }
      return null;
    },
    { text, nth, scroll },
  );
}

export interface CardInfo {
  open: boolean;
  name?: string;
  role?: string | null;
  text?: string;
  rect?: { left: number; top: number; right: number; bottom: number };
  focused?: boolean;
}

/** The card, read through its open shadow root the way assistive technology sees it. */
export function cardInfo(tab: Tab): Promise<CardInfo> {
  return tab.evaluate(() => {
    const host = document.querySelector('backstory-card');
    const dialog = host?.shadowRoot?.querySelector('[role="dialog"]') as HTMLElement | null;
    if (!dialog) return { open: false };
    const labelledBy = dialog.getAttribute('aria-labelledby');
    const name = labelledBy
      ? host!.shadowRoot!.getElementById(labelledBy)?.textContent?.trim()
      : (dialog.getAttribute('aria-label') ?? undefined);
    const r = dialog.getBoundingClientRect();
    return {
      open: true,
      name,
      role: dialog.getAttribute('role'),
      text: dialog.innerText,
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      focused: host!.shadowRoot!.activeElement != null,
    };
  });
}

export interface PopupRow {
  id: string;
  state: string;
  time: string;
  line: string;
}

export function popupRows(tab: Tab): Promise<PopupRow[]> {
  return tab.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('li.update')].map((li) => ({
      id: li.dataset.updateId ?? '',
      state: li.dataset.state ?? '',
      time: li.querySelector('.time')?.textContent ?? '',
      line: li.querySelector('.line')?.textContent ?? '',
    })),
  );
}

/**
 * Centre of the n-th underlined mention whose text is `text` (scrolled into view), or null. Names are
 * underlined in and near the viewport only: each occurrence of the text is scrolled to the middle in turn
 * and counted once its underline is there, as a reader scrolling to it would see it.
 */
export function pointOfName(tab: Tab, text: string, nth = 0): Promise<{ x: number; y: number } | null> {
  return tab.evaluate(
    async ({ text, nth }) => {
      // The registry's ranges are StaticRanges: a drawn one is read through a live Range over it.
      const drawn = (node: Text, offset: number) => {
        for (const kind of ['person', 'organization', 'place']) {
          const h = (CSS.highlights.get(`backstory-${kind}`) ??
            CSS.highlights.get(`backstory-tint-${kind}`)) as Iterable<AbstractRange> | undefined;
          if (h)
            for (const s of h) {
              if (s.startContainer !== node || s.startOffset !== offset) continue;
              const r = document.createRange();
              r.setStart(s.startContainer, s.startOffset);
              r.setEnd(s.endContainer, s.endOffset);
              if (r.toString() === text) return r;
            }
        }
        return null;
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        for (let at = n.data.indexOf(text); at >= 0; at = n.data.indexOf(text, at + 1)) {
          const probe = document.createRange();
          probe.setStart(n, at);
          probe.setEnd(n, at + text.length);
          const box = probe.getClientRects()[0];
          if (!box) continue;
          window.scrollBy({ top: box.top - innerHeight / 2, behavior: 'instant' as ScrollBehavior });
          let r: Range | null = null;
          for (let t = 0; t < 40 && !(r = drawn(n, at)); t++) await new Promise((d) => setTimeout(d, 25));
          if (!r) continue;
          if (seen++ < nth) continue;
          const rect = r.getClientRects()[0];
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
      return null;
    },
    { text, nth },
  );
}

/**
 * What the page shows at a point, for a failure's message: the element there, the text at the caret and
 * whether one of Backstory's highlights holds it, the card host's box and the scroll position.
 */
export function whatIsAt(tab: Tab, point: { x: number; y: number }): Promise<Record<string, unknown>> {
  return tab.evaluate(({ x, y }) => {
    const el = document.elementFromPoint(x, y);
    const d = document as Document & {
      caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    };
    const p = d.caretPositionFromPoint
      ? d.caretPositionFromPoint(x, y)
      : (() => {
          const r = document.caretRangeFromPoint(x, y);
          return r ? { offsetNode: r.startContainer, offset: r.startOffset } : null;
        })();
    let highlighted: string | null = null;
    if (p)
      for (const [name, h] of CSS.highlights as unknown as Map<string, Iterable<AbstractRange>>)
        for (const s of h)
          if (s.startContainer === p.offsetNode && s.startOffset <= p.offset && p.offset <= s.endOffset)
            highlighted = name;
    const host = document.querySelector('backstory-card')?.getBoundingClientRect();
    return {
      element: el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}` : null,
      caret: p ? (p.offsetNode.textContent ?? '').slice(Math.max(0, p.offset - 12), p.offset + 12) : null,
      highlighted,
      host: host ? [host.x, host.y, host.width, host.height].map(Math.round) : null,
      scrollY: Math.round(scrollY),
    };
  }, point);
}
