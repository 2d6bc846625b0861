/**
 * Hover cards. A name under a resting pointer for the intent delay opens its card above or below the line
 * (never over it, never beside it on the same line); the card stays while the pointer is in it or comes
 * back within the hide delay, hides shortly after the pointer leaves both, and closes on Escape. Opened
 * from the keyboard too (commands API → names:step): focus moves into the card and Escape gives it back.
 * Touch does nothing on purpose: a long-press on text belongs to the browser's own selection menu.
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { h, render } from 'preact';
import type { Knowledge, KnowledgeRequest } from '../../knowledge/types';
import { ask } from '../../messaging/client';
import { Card } from '../../ui/Card';
import cardCss from '../../ui/card.css?inline';
import { createHost, type Host } from '../host';
import { mentionAt } from '../hit-test';
import type { PageMention } from '../names';
import type { CardsService, Feature, PageContext } from '../context';

const HIDE_DELAY = 300;
/** Faster than this (px per ms) the pointer is sweeping across the text, not resting on a name. */
const SWEEP_SPEED = 0.6;
/** A lookup slower than this shows the card with a loading line rather than nothing. */
const SHOW_LOADING_AFTER = 450;
/** The page's other places sent as context (locally used by the background, never sent on). */
const CONTEXT_PLACES = 40;

interface OpenCard {
  mention: PageMention;
  keyboard: boolean;
  /** Where focus was before a keyboard open, to give it back on Escape. */
  returnFocus: Element | null;
  stop(): void;
}

/** The page's background at a node, or the system's preference when the page has none. */
export function themeAt(doc: Document, node: Node): 'light' | 'dark' {
  const win = doc.defaultView!;
  for (
    let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
    el;
    el = el.parentElement
  ) {
    const m = /^rgba?\((\d+(?:\.\d+)?)[ ,]+(\d+(?:\.\d+)?)[ ,]+(\d+(?:\.\d+)?)(?:[ ,/]+([\d.]+%?))?\)$/.exec(
      win.getComputedStyle(el).backgroundColor,
    );
    if (!m) continue;
    const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    if (alpha < 0.5) continue;
    const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.2 ? 'dark' : 'light';
  }
  const scheme = win.getComputedStyle(doc.documentElement).colorScheme || 'normal';
  const systemDark = !!win.matchMedia?.('(prefers-color-scheme: dark)').matches;
  if (/\bdark\b/.test(scheme) && !/\blight\b/.test(scheme)) return 'dark';
  return systemDark && !/^light$/.test(scheme.trim()) ? 'dark' : 'light';
}

export function runCards(session: PageContext, signal: AbortSignal): CardsService {
  const doc = session.doc;
  const win = doc.defaultView!;
  let host: Host | null = null;
  let open: OpenCard | null = null;
  let intent: ReturnType<typeof setTimeout> | undefined;
  let hide: ReturnType<typeof setTimeout> | undefined;
  let candidate: PageMention | null = null;
  let overCard = false;
  let lastMove = { x: 0, y: 0, t: 0 };
  let lastKeyboard: PageMention | null = null;
  let seq = 0;
  /** Answers by entity (and chosen article): a card opened again shows at once. Failures are not kept. */
  const answers = new Map<string, Knowledge>();

  const ensureHost = () => {
    if (host) return host;
    host = createHost(doc, 'card', 'open', cardCss, 'fixed');
    // Focus leaving a keyboard-opened card (Tab out, a click elsewhere) hides it like the pointer leaving.
    host.root.addEventListener('focusout', () =>
      setTimeout(() => {
        if (open?.keyboard && !host?.root.activeElement && !overCard) scheduleHide();
      }),
    );
    return host;
  };

  const close = () => {
    clearTimeout(hide);
    if (!open || !host) return;
    const o = open;
    open = null;
    overCard = false;
    o.stop();
    render(null, host.root);
  };

  const requestFor = (m: PageMention, pick: string | undefined, requestId: string): KnowledgeRequest => {
    const e = session.names.entities.get(m.key)!;
    const context = [...session.names.entities.values()]
      .filter((x) => x.kind === 'place' && x.key !== e.key)
      .sort((a, b) => b.count - a.count)
      .slice(0, CONTEXT_PLACES)
      .map((x) => ({ name: x.name, subkind: x.subkind, geo: x.geo }));
    return {
      name: e.name,
      kind: e.kind,
      subkind: e.subkind,
      aliases: e.aliases,
      roles: e.roles,
      wikiTitle: e.wikiTitle,
      geo: e.geo,
      context,
      pick,
      requestId,
    };
  };

  /** Asks the background; `cancel` stops its requests if the card closes first. */
  const lookup = (m: PageMention, pick?: string): { answer: Promise<Knowledge>; cancel(): void } => {
    const cacheKey = `${m.key}|${pick ?? ''}`;
    const known = answers.get(cacheKey);
    if (known) return { answer: Promise.resolve(known), cancel() {} };
    const requestId = `${Date.now().toString(36)}-${++seq}`;
    let settled = false;
    const answer = ask('knowledge:lookup', requestFor(m, pick, requestId)).then(
      (k) => {
        settled = true;
        if (k.status !== 'error' && k.status !== 'offline') answers.set(cacheKey, k);
        return k;
      },
      (): Knowledge => {
        settled = true;
        return { status: 'error' };
      },
    );
    return {
      answer,
      cancel: () => {
        if (!settled) void ask('knowledge:cancel', { requestId }).catch(() => undefined);
      },
    };
  };

  const show = (mention: PageMention, anchor: DOMRect | null, keyboard: boolean, pick?: string) => {
    const entity = session.names.entities.get(mention.key);
    if (!entity) return;
    const returnFocus = keyboard ? (open?.keyboard ? open.returnFocus : doc.activeElement) : null;
    close();
    const { root } = ensureHost();
    const mentions = session.names.of(mention.key);
    const updates = session.updatesMentioning(mentions);
    const current = session.updatesMentioning([mention])[0];
    const theme = themeAt(doc, mention.range.startContainer);
    let knowledge: Knowledge | 'loading' = 'loading';
    let card: HTMLElement | null = null;
    // A virtual reference: the line of the name under the pointer, or the name's first line.
    const reference = {
      getBoundingClientRect: () =>
        anchor && !keyboard
          ? anchor
          : (mention.range.getClientRects()[0] ?? mention.range.getBoundingClientRect()),
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
          // Above or below only: beside the name would cover the rest of its line.
          flip({ fallbackPlacements: ['bottom-start'], crossAxis: false }),
          shift({ padding: 8 }),
          size({
            padding: 8,
            apply: ({ availableHeight, availableWidth }) => {
              el.style.maxHeight = `${Math.max(96, Math.min(460, availableHeight))}px`;
              el.style.maxWidth = `${Math.max(200, Math.min(348, availableWidth))}px`;
            },
          }),
        ],
      });
      // Above the name, the card is held by its bottom edge so that content arriving later grows it
      // upwards, away from the line being read.
      const above = placement.startsWith('top');
      const bottom = doc.documentElement.clientHeight - (y + el.offsetHeight);
      Object.assign(el.style, {
        position: 'fixed',
        left: `${x}px`,
        top: above ? 'auto' : `${y}px`,
        bottom: above ? `${bottom}px` : 'auto',
      });
    };
    const draw = () => {
      render(
        h(Card, {
          entity,
          mentions: mentions.length,
          position: mentions.indexOf(mention) + 1,
          updates,
          current,
          knowledge,
          theme,
          onClose: () => dismiss(),
          onStep: (d: 1 | -1) => stepWithin(mention, d),
          onJump: (id: string) => {
            close();
            session.jump(id);
          },
          onPick: (title: string) => show(mention, anchor, open?.keyboard ?? keyboard, title),
          onOptions: () => void ask('options:open', {}).catch(() => undefined),
          onWatch: () =>
            ask('watch:add', {
              name: entity.name,
              kind: entity.kind,
              aliases: entity.aliases.slice(0, 20),
            }).then((w) => !!w),
        }),
        root,
      );
      card = root.querySelector<HTMLElement>('.card');
      // Re-place at once: new content must not spill over the name, even for a frame.
      void place();
    };
    const pending = lookup(mention, pick);
    let stopPlacing = () => {};
    let wait: ReturnType<typeof setTimeout> | undefined;
    const opened: OpenCard = {
      mention,
      keyboard,
      returnFocus,
      stop: () => {
        clearTimeout(wait);
        stopPlacing();
        pending.cancel();
      },
    };
    open = opened;
    /** Shown once its background arrives (or after a short wait, loading): placed once, at its final size. */
    const mount = () => {
      if (open !== opened || card) return;
      draw();
      const el = card as HTMLElement | null;
      if (!el) return;
      el.tabIndex = -1;
      stopPlacing = autoUpdate(reference, el, () => void place(), { animationFrame: false });
      if (keyboard) el.focus({ preventScroll: true });
      el.addEventListener('pointerenter', () => {
        overCard = true;
        clearTimeout(hide);
      });
      el.addEventListener('pointerleave', (e) => {
        overCard = false;
        if (open?.keyboard && host?.root.activeElement) return;
        // Back onto its own name: the card stays.
        if (mentionAt(doc, session.names, e.clientX, e.clientY)?.mention !== mention) scheduleHide();
      });
    };
    wait = setTimeout(mount, SHOW_LOADING_AFTER);
    void pending.answer.then((k) => {
      if (open !== opened) return;
      knowledge = k;
      clearTimeout(wait);
      if (card) draw();
      else mount();
    });
  };

  const scheduleHide = () => {
    clearTimeout(hide);
    hide = setTimeout(() => {
      if (!overCard) close();
    }, HIDE_DELAY);
  };

  /** Escape or the close button: the card goes, and a keyboard reader's focus goes back where it was. */
  const dismiss = () => {
    const o = open;
    close();
    if (!o?.keyboard) return;
    const back = o.returnFocus as HTMLElement | null;
    if (back && back !== doc.body && back.isConnected && typeof back.focus === 'function') {
      back.focus({ preventScroll: true });
      return;
    }
    // Nothing was focused: start the page's Tab order at the name, as caret browsing would.
    const sel = doc.getSelection();
    if (sel && (sel.rangeCount === 0 || sel.isCollapsed))
      sel.collapse(o.mention.range.startContainer, o.mention.range.startOffset);
  };

  const stepWithin = (from: PageMention, d: 1 | -1) => {
    const list = session.names.of(from.key);
    const i = list.indexOf(from);
    const next = list[(i + d + list.length) % list.length];
    if (next) reveal(next);
  };

  /** Opens a name's card from the keyboard, scrolling only if its line is not comfortably in view. */
  const reveal = (m: PageMention) => {
    lastKeyboard = m;
    const r = m.range.getClientRects()[0];
    const h = doc.documentElement.clientHeight;
    if (!r || r.top < 48 || r.bottom > h - 48)
      (m.range.startContainer.parentElement as HTMLElement | null)?.scrollIntoView({
        block: 'center',
        behavior: 'instant' as ScrollBehavior,
      });
    show(m, null, true);
  };

  const onMove = (e: PointerEvent) => {
    if (e.pointerType === 'touch') return;
    const now = e.timeStamp;
    const speed = Math.hypot(e.clientX - lastMove.x, e.clientY - lastMove.y) / Math.max(1, now - lastMove.t);
    lastMove = { x: e.clientX, y: e.clientY, t: now };
    if (host && e.composedPath().includes(host.host)) return;
    const hit = mentionAt(doc, session.names, e.clientX, e.clientY);
    const m = hit?.mention ?? null;
    if (m && m === open?.mention) {
      // Back on the open card's name within the hide delay: it stays (Page Previews loses this race).
      candidate = m;
      clearTimeout(intent);
      clearTimeout(hide);
      return;
    }
    // Still sweeping over the same name: wait for the pointer to rest before counting the delay.
    if (m && m === candidate && speed <= SWEEP_SPEED) return;
    candidate = m;
    clearTimeout(intent);
    if (m) {
      const rect = hit!.rect;
      intent = setTimeout(() => {
        if (candidate === m) show(m, rect, false);
      }, session.settings.hoverDelay);
    } else if (open && !overCard && !open.keyboard) {
      scheduleHide();
    }
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      dismiss();
      e.stopPropagation();
      e.preventDefault();
    }
  };

  doc.addEventListener('pointermove', onMove, { passive: true, signal });
  doc.addEventListener('keydown', onKey, { capture: true, signal });
  session.on('settings', () => answers.clear(), signal);
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
      reveal(list[(i + list.length) % list.length]);
    },
  };
}

export const cardsFeature: Feature = {
  id: 'cards',
  init(ctx, signal) {
    const cards = runCards(ctx, signal);
    ctx.cards = cards;
    signal.addEventListener('abort', () => {
      if (ctx.cards === cards) ctx.cards = null;
    });
  },
};
