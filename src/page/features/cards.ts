/**
 * Hover cards: a name under the pointer for the intent delay opens its card beside or above the line
 * (never over it); the card stays while the pointer is in it, hides shortly after the pointer leaves
 * both, and closes on Escape. Also opened from the keyboard (commands API → names:step).
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { h, render } from 'preact';
import type { Knowledge } from '../../knowledge/types';
import { ask } from '../../messaging/client';
import { Card } from '../../ui/Card';
import cardCss from '../../ui/card.css?inline';
import { createHost, type Host } from '../host';
import { mentionAt } from '../hit-test';
import type { PageMention } from '../names';
import type { PageSession } from '../session';

const HIDE_DELAY = 300;

export function runCards(session: PageSession, signal: AbortSignal): { step(direction: 1 | -1): void } {
  const doc = session.doc;
  let host: Host | null = null;
  let open: { mention: PageMention; stop: () => void } | null = null;
  let intent: ReturnType<typeof setTimeout> | undefined;
  let hide: ReturnType<typeof setTimeout> | undefined;
  let candidate: PageMention | null = null;
  let overCard = false;
  let lastKeyboard: PageMention | null = null;
  const knowledgeCache = new Map<string, Promise<Knowledge>>();

  const ensureHost = () => (host ??= createHost(doc, 'card', 'open', cardCss, 'fixed'));

  const close = () => {
    clearTimeout(hide);
    if (!open || !host) return;
    open.stop();
    render(null, host.root);
    open = null;
  };

  const knowledgeFor = (m: PageMention): Promise<Knowledge> => {
    const entity = session.names.entities.get(m.key);
    let p = knowledgeCache.get(m.key);
    if (!p) {
      const context = [...session.names.entities.values()].filter((e) => e.kind === 'place').slice(0, 20).map((e) => e.name);
      p = ask('knowledge:lookup', { name: entity?.name ?? m.text, kind: m.kind, subkind: entity?.subkind, wikiTitle: entity?.wikiTitle, context }).catch(
        (): Knowledge => ({ status: 'error' }),
      );
      knowledgeCache.set(m.key, p);
    }
    return p;
  };

  const show = (mention: PageMention, anchor: DOMRect | null, focus: boolean) => {
    const entity = session.names.entities.get(mention.key);
    if (!entity) return;
    close();
    const { root } = ensureHost();
    const mentions = session.names.of(mention.key);
    const updates = session.updatesMentioning(mentions);
    let knowledge: Knowledge | 'loading' = 'loading';
    let card: HTMLElement | null = null;
    // A virtual reference: the line of the name under the pointer, or the name's first line.
    const reference = {
      getBoundingClientRect: () => (anchor && !lastKeyboard ? anchor : (mention.range.getClientRects()[0] ?? mention.range.getBoundingClientRect())),
      getClientRects: () => mention.range.getClientRects(),
      contextElement: mention.range.startContainer.parentElement ?? undefined,
    };
    const place = async () => {
      const el = card;
      if (!el) return;
      const { x, y, placement } = await computePosition(reference, el, {
        strategy: 'fixed',
        placement: 'top-start',
        middleware: [
          offset(6),
          flip({ fallbackPlacements: ['bottom-start', 'right-start', 'left-start'] }),
          shift({ padding: 8 }),
          size({ padding: 8, apply: ({ availableHeight }) => void (el.style.maxHeight = `${Math.max(160, Math.min(420, availableHeight))}px`) }),
        ],
      });
      // Above the name, the card is held by its bottom edge so that content arriving later grows it
      // upwards, away from the line being read.
      const above = placement.startsWith('top');
      const bottom = doc.documentElement.clientHeight - (y + el.offsetHeight);
      Object.assign(el.style, { position: 'fixed', left: `${x}px`, top: above ? 'auto' : `${y}px`, bottom: above ? `${bottom}px` : 'auto' });
    };
    const draw = () => {
      render(
        h(Card, { entity, mentions: mentions.length, updates, knowledge, onClose: close, onStep: (d: 1 | -1) => stepWithin(mention, d) }),
        root,
      );
      card = root.querySelector<HTMLElement>('.card');
      // Re-place at once: new content must not spill over the name, even for a frame.
      void place();
    };
    draw();
    if (!card) return;
    const el: HTMLElement = card;
    el.tabIndex = -1;
    open = { mention, stop: autoUpdate(reference, el, () => void place(), { animationFrame: false }) };
    if (focus) el.focus();
    el.addEventListener('pointerenter', () => {
      overCard = true;
      clearTimeout(hide);
    });
    el.addEventListener('pointerleave', (e) => {
      overCard = false;
      // Back onto its own name: the card stays.
      if (mentionAt(doc, session.names, e.clientX, e.clientY)?.mention !== mention) scheduleHide();
    });
    void knowledgeFor(mention).then((k) => {
      if (open?.mention !== mention) return;
      knowledge = k;
      draw();
    });
  };

  const scheduleHide = () => {
    clearTimeout(hide);
    hide = setTimeout(() => {
      if (!overCard) close();
    }, HIDE_DELAY);
  };

  const stepWithin = (from: PageMention, d: 1 | -1) => {
    const list = session.names.of(from.key);
    const i = list.indexOf(from);
    const next = list[(i + d + list.length) % list.length];
    if (next) reveal(next, true);
  };

  const reveal = (m: PageMention, focus: boolean) => {
    lastKeyboard = m;
    const el = m.range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    show(m, null, focus);
  };

  const onMove = (e: PointerEvent) => {
    if (e.pointerType === 'touch') return;
    const path = e.composedPath();
    if (host && path.includes(host.host)) return;
    const hit = mentionAt(doc, session.names, e.clientX, e.clientY);
    const m = hit?.mention ?? null;
    if (m === candidate) return;
    candidate = m;
    clearTimeout(intent);
    if (m) {
      if (open?.mention === m) {
        clearTimeout(hide);
        return;
      }
      const rect = hit!.rect;
      intent = setTimeout(() => {
        lastKeyboard = null;
        if (candidate === m) show(m, rect, false);
      }, session.settings.hoverDelay);
    } else if (open && !overCard) {
      scheduleHide();
    }
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      const wasKeyboard = lastKeyboard;
      close();
      e.stopPropagation();
      if (wasKeyboard) (wasKeyboard.range.startContainer.parentElement as HTMLElement | null)?.focus?.();
    }
  };

  doc.addEventListener('pointermove', onMove, { passive: true, signal });
  doc.addEventListener('keydown', onKey, { capture: true, signal });
  signal.addEventListener('abort', () => {
    close();
    host?.remove();
  });

  return {
    /** Next/previous name on the page from the current card or the top of the viewport. */
    step(direction: 1 | -1) {
      const list = session.names.ordered().filter((m) => session.settings.kinds[m.kind]);
      if (!list.length) return;
      let i: number;
      const current = open?.mention ?? lastKeyboard;
      if (current && list.includes(current)) i = list.indexOf(current) + direction;
      else {
        i = list.findIndex((m) => (m.range.getClientRects()[0]?.top ?? -1) >= 0);
        if (i < 0) i = 0;
        if (direction < 0) i = Math.max(0, i - 1);
      }
      reveal(list[(i + list.length) % list.length], true);
    },
  };
}
