/**
 * Opening and closing the card. A resting pointer's card is drawn ahead during the hover delay, hidden, and
 * shown when the delay ends (a keyboard open draws it in its own task), with what the page itself knows (its
 * "On this page" layer); the background's layers fill in when they arrive, so a card costs one frame
 * whatever the page's size or the name's mention count. Above its name the card is
 * held by its bottom edge, so arriving layers grow it away from the line being read.
 */
import { h, render } from 'preact';
import type { Knowledge } from '../../../knowledge/types';
import type { FollowControl } from '../../../layers/view-contract';
import { ask } from '../../../messaging/client';
import type { ContentProtocol } from '../../../messaging/protocol';
import { listen } from '../../../messaging/router';
import { Card, type CardProps } from '../../../ui/Card';
import cardCss from '../../../ui/card.css?inline';
import { mentionAt } from '../../hit-test';
import { createHost, type Host } from '../../host';
import { afterFrame } from '../../schedule';
import type { PageMention } from '../../names';
import { known, lookup, type Picks } from './lookup';
import { follow, place, referenceFor } from './placement';
import type { CardState, OpenCard, PageFacts } from './state';
import { themeAt } from './theme';

const HIDE_DELAY = 300;
/** A lookup slower than this says "Loading…" in the card rather than an empty, busy layer. */
const SAY_LOADING_AFTER = 450;

/**
 * The card's host, made ahead of the first card (when the pointer first comes to rest on a name) so that
 * opening one does not add an element to the document: that lays the whole page out, in the opening task.
 */
export function ensureHost(st: CardState): Host {
  if (st.host) return st.host;
  const host = createHost(st.doc, 'card', 'open', cardCss, 'fixed');
  host.element.style.setProperty('contain', 'layout size style');
  host.element.style.setProperty('will-change', 'transform');
  // After the frame that lays the new host out: laid out before, the whole page would be laid out with it.
  const view = st.doc.defaultView;
  if (view) afterFrame(view, () => st.host === host && warm(st, host.root));
  // Focus leaving a keyboard-opened card (Tab out, a click elsewhere) hides it like the pointer leaving.
  host.root.addEventListener('focusout', () =>
    setTimeout(() => {
      if (st.open?.keyboard && !st.host?.root.activeElement && !st.overCard) scheduleHide(st);
    }),
  );
  return (st.host = host);
}

/**
 * A card drawn and laid out once, hidden and taken out again in the same task (never painted, never in
 * the accessibility tree): the first real card's opening task then finds the card's style rules matched
 * and its fonts resolved, which cost it 10–20 ms on a big page. Runs once, after the pointer first rests
 * on a name and the host is in place.
 */
function warm(st: CardState, root: ShadowRoot): void {
  const box = st.doc.createElement('div');
  box.setAttribute('aria-hidden', 'true');
  box.style.cssText =
    'position:fixed;left:-10000px;top:0;visibility:hidden;contain:strict;width:400px;height:600px';
  root.appendChild(box);
  const entity = { key: 'warm', name: 'Backstory', kind: 'place', aliases: [], roles: ['a card'], count: 2 };
  const update = { id: 'warm', label: '12:00', time: '2024-01-01T12:00:00Z', position: 1 };
  const none = () => {};
  render(
    h(Card, {
      entity: entity as unknown as CardProps['entity'],
      mentions: 2,
      position: 1,
      updates: [update],
      current: update,
      knowledge: 'loading',
      slow: true,
      theme: 'light',
      onClose: none,
      onStep: none,
      onJump: none,
      onPick: none,
      onOptions: none,
    }),
    box,
  );
  void box.offsetHeight;
  render(null, box);
  box.remove();
}

export function close(st: CardState): void {
  clearTimeout(st.hide);
  if (!st.open || !st.host) return;
  const o = st.open;
  st.open = null;
  st.overCard = false;
  o.stop();
  render(null, st.host.root);
}

export function scheduleHide(st: CardState): void {
  clearTimeout(st.hide);
  st.hide = setTimeout(() => {
    if (!st.overCard) close(st);
  }, HIDE_DELAY);
}

/** Escape or the close button: the card goes, and a keyboard reader's focus goes back where it was. */
export function dismiss(st: CardState): void {
  const o = st.open;
  close(st);
  if (!o?.keyboard) return;
  const back = o.returnFocus as HTMLElement | null;
  if (back && back !== st.doc.body && back.isConnected && typeof back.focus === 'function') {
    back.focus({ preventScroll: true });
    return;
  }
  // Nothing was focused: start the page's Tab order at the name, as caret browsing would.
  const sel = st.doc.getSelection();
  const range = o.mention.range;
  if (sel && (sel.rangeCount === 0 || sel.isCollapsed)) sel.collapse(range.startContainer, range.startOffset);
}

/** What the page itself says about the name: counted from the entity's own mentions only. */
function pageFacts(st: CardState, mention: PageMention): PageFacts {
  if (st.prepared?.mention === mention) return st.prepared.facts;
  const mentions = st.ctx.names.mentionsOf(mention.key);
  return {
    mentions: mentions.length,
    position: mentions.indexOf(mention) + 1,
    updates: st.ctx.updatesMentioning(mentions),
    current: st.ctx.updatesMentioning([mention])[0],
  };
}

/** After this long at rest on a name (well within the hover delay), its card's page facts are worked out. */
const PREPARE_AFTER = 80;

/**
 * The pointer rests on a name: its page facts (for a name in hundreds of updates, the costliest part of
 * the card) are worked out while the hover delay runs, in a task of their own, and then, in another, its
 * card is drawn and placed, hidden, so that the task at the delay's end only shows it. A pointer sweeping
 * on leaves nothing behind but a cleared timer; one moving off takes the hidden card away.
 */
export function prepareSoon(st: CardState, mention: PageMention | null): void {
  if (st.staged && st.staged.mention !== mention) unstage(st);
  if (!mention || st.staged?.mention === mention) return;
  clearTimeout(st.prepare);
  st.prepare = setTimeout(
    () => {
      if (st.candidate !== mention || st.open?.mention === mention) return;
      if (st.prepared?.mention !== mention) {
        st.prepared = { mention, facts: pageFacts(st, mention) };
        // A live blog's Follow toggle: its state asked now, so the card draws it with everything else.
        const follow = followOf(st);
        if (follow && follow.known?.() == null) void follow.get().catch(() => undefined);
      }
      st.prepare = setTimeout(() => stage(st, mention));
    },
    Math.min(PREPARE_AFTER, st.ctx.settings.hoverDelay / 3),
  );
}

/** The page, its names or its live blog changed: facts worked out before may be wrong now. */
export function forgetPrepared(st: CardState): void {
  clearTimeout(st.prepare);
  st.prepared = null;
  unstage(st);
}

/**
 * The resting pointer's card, drawn and placed while the hover delay runs, hidden (no dialog role, out of
 * the accessibility tree). Drawing a card in the task at the delay's end took 20–37 ms on this machine
 * (Preact, its style and layout); showing one drawn ahead is a class and an attribute, and placing it
 * again reads a layout already done. Nothing is asked of the background: that waits until it opens.
 */
function stage(st: CardState, mention: PageMention): void {
  if (st.open || st.candidate !== mention || st.staged) return;
  const entity = st.ctx.names.entities.get(mention.key);
  if (!entity) return;
  const { root } = ensureHost(st);
  const anchor = st.candidateAt;
  const theme = themeAt(st.doc, mention.range.startContainer);
  const knowledge = known(st, mention) ?? 'loading';
  const following = followOf(st);
  const props = propsFor(st, mention, anchor, false, {}, pageFacts(st, mention), theme, following);
  render(h(Card, { ...props, knowledge, staged: true }), root);
  const el = root.querySelector<HTMLElement>('.card');
  if (!el) return;
  st.staged = { mention, el, knowledge, theme };
  // Placed after the frame that lays it out (the frame's own work, not this task's); a card shown before
  // that is placed as it shows.
  const view = st.doc.defaultView;
  if (view)
    afterFrame(
      view,
      () => st.staged?.el === el && void place(st.doc, referenceFor(mention, anchor, false), el),
    );
}

/** The hidden card goes (the pointer moved on, the page changed); an open card is not touched. */
function unstage(st: CardState): void {
  if (!st.staged) return;
  st.staged = null;
  if (!st.open && st.host) render(null, st.host.root);
}

/**
 * Following this page, for the card's toggle: the popup's messages, which the background answers a content
 * script for its own page only. A change made elsewhere arrives as `follow:changed`, heard while a card is open.
 * The last answer is kept (in the content script, never on the page) so that the next card draws it at once.
 */
export function followControl(url: string): FollowControl {
  let last: boolean | null = null;
  const keep = (following: boolean) => (last = following);
  return {
    get: () => ask('follow:list', { url }).then((blogs) => keep(blogs.length > 0)),
    set: (on) => ask('follow:set', { url, on }).then((r) => keep(r.following)),
    watch: (onChange) =>
      listen<ContentProtocol>({ 'follow:changed': ({ following }) => onChange(keep(following)) }),
    known: () => last,
  };
}

/** The page's Follow toggle link, made once: on a live blog only (the content script found its updates). */
const followOf = (st: CardState): FollowControl | undefined =>
  st.ctx.liveblog ? (st.follow ??= followControl(st.ctx.url)) : undefined;

/** A card's props, but for what changes while it is open (its layers, "slow") and whether it is shown. */
function propsFor(
  st: CardState,
  mention: PageMention,
  anchor: DOMRect | null,
  keyboard: boolean,
  picks: Picks,
  facts: PageFacts,
  theme: 'light' | 'dark',
  following: FollowControl | undefined,
): Omit<CardProps, 'knowledge'> {
  const { ctx } = st;
  const entity = ctx.names.entities.get(mention.key)!;
  return {
    entity,
    ...facts,
    theme,
    onClose: () => dismiss(st),
    onStep: (d: 1 | -1) => stepWithin(st, mention, d),
    onJump: (id: string) => {
      close(st);
      ctx.jump(id);
    },
    onPick: (title: string) =>
      show(st, mention, anchor, st.open?.keyboard ?? keyboard, { ...picks, article: title }),
    onPickPlace: (id: string) => show(st, mention, anchor, st.open?.keyboard ?? keyboard, { place: id }),
    onOptions: () => void ask('options:open', {}).catch(() => undefined),
    // Firefox opens its sidebar only from the toolbar, the popup or the shortcut, never from a page.
    onPanel:
      import.meta.env.BROWSER === 'firefox'
        ? undefined
        : () => void ask('panel:open', {}).catch(() => undefined),
    onWatch: () =>
      ask('watch:add', {
        name: entity.name,
        kind: entity.kind,
        aliases: entity.aliases.slice(0, 20),
      }).then((w) => !!w),
    follow: following,
  };
}

export function show(
  st: CardState,
  mention: PageMention,
  anchor: DOMRect | null,
  keyboard: boolean,
  picks: Picks = {},
): void {
  const { ctx, doc } = st;
  const entity = ctx.names.entities.get(mention.key);
  if (!entity) return;
  const returnFocus = keyboard ? (st.open?.keyboard ? st.open.returnFocus : doc.activeElement) : null;
  // The resting pointer's card drawn ahead, if this is it; any other hidden card is drawn over.
  const staged =
    !keyboard && !picks.article && !picks.place && !st.open && st.staged?.mention === mention
      ? st.staged
      : null;
  st.staged = null;
  close(st);
  const { root } = ensureHost(st);
  const facts = pageFacts(st, mention);
  const theme = staged?.theme ?? themeAt(doc, mention.range.startContainer);
  const reference = referenceFor(mention, anchor, keyboard);
  const pending = lookup(st, mention, picks);
  // A live blog the reader can follow: the content script found its updates (and reports them).
  const following = followOf(st);
  let knowledge: Knowledge | 'loading' = pending.known ?? 'loading';
  let slow = false;
  let card: HTMLElement | null = null;
  let stopPlacing = () => {};
  const sayLoading = setTimeout(() => {
    slow = true;
    if (knowledge === 'loading') draw();
  }, SAY_LOADING_AFTER);
  const opened: OpenCard = {
    mention,
    keyboard,
    returnFocus,
    stop: () => {
      clearTimeout(sayLoading);
      stopPlacing();
      pending.cancel();
    },
  };
  st.open = opened;
  const props = propsFor(st, mention, anchor, keyboard, picks, facts, theme, following);
  const draw = () => {
    if (st.open !== opened) return;
    render(h(Card, { ...props, knowledge, slow }), root);
    card = root.querySelector<HTMLElement>('.card');
    // Re-place at once: new content must not spill over the name, even for a frame.
    if (card) void place(doc, reference, card);
  };
  if (staged && staged.el.isConnected && staged.knowledge === knowledge) {
    // What Card draws when shown, set by hand: Preact's next draw compares with the hidden card's props
    // and sets the same. Placed again for a page that moved since.
    card = staged.el;
    card.classList.remove('staged');
    card.removeAttribute('aria-hidden');
    card.setAttribute('role', 'dialog');
    void place(doc, reference, card);
  } else draw();
  const el = card as HTMLElement | null;
  if (!el) return;
  el.tabIndex = -1;
  // Kept placed while the page scrolls or moves, from after the frame that shows it: setting up the
  // watch measures the page again, which the opening frame need not wait for.
  let placing = true;
  stopPlacing = () => {
    placing = false;
  };
  const later = () =>
    setTimeout(() => {
      if (!placing || st.open !== opened) return;
      stopPlacing = follow(doc, reference, el);
    });
  const view = doc.defaultView;
  if (view) view.requestAnimationFrame(later);
  else later();
  if (keyboard) el.focus({ preventScroll: true });
  el.addEventListener('pointerenter', () => {
    st.overCard = true;
    clearTimeout(st.hide);
  });
  el.addEventListener('pointerleave', (e) => {
    st.overCard = false;
    if (st.open?.keyboard && st.host?.root.activeElement) return;
    // Back onto its own name: the card stays.
    if (mentionAt(doc, ctx.names, e.clientX, e.clientY)?.mention !== mention) scheduleHide(st);
  });
  if (pending.known) return;
  void pending.answer.then((k) => {
    if (st.open !== opened) return;
    knowledge = k;
    clearTimeout(sayLoading);
    draw();
  });
}

export function stepWithin(st: CardState, from: PageMention, d: 1 | -1): void {
  const list = st.ctx.names.mentionsOf(from.key);
  const i = list.indexOf(from);
  const next = list[(i + d + list.length) % list.length];
  if (next) reveal(st, next);
}

/** Opens a name's card from the keyboard, scrolling only if its line is not comfortably in view. */
export function reveal(st: CardState, m: PageMention): void {
  st.lastKeyboard = m;
  const range = m.range;
  const r = range.getClientRects()[0];
  const height = st.doc.documentElement.clientHeight;
  if (!r || r.top < 48 || r.bottom > height - 48)
    (range.startContainer.parentElement as HTMLElement | null)?.scrollIntoView({
      block: 'center',
      behavior: 'instant' as ScrollBehavior,
    });
  show(st, m, null, true);
}
