/**
 * Everything the cards feature keeps between events, in one place: the host, the open card, the pointer's
 * intent, the answers already received. The units (intent, lookup, placement, the card itself) read and
 * change this object and nothing else.
 */
import type { Knowledge } from '../../../knowledge/types';
import type { FollowControl } from '../../../layers/view-contract';
import type { Host } from '../../host';
import type { PageMention } from '../../names';
import type { PageContext, UpdateRef } from '../../context';

export interface OpenCard {
  mention: PageMention;
  keyboard: boolean;
  /** Where focus was before a keyboard open, to give it back on Escape. */
  returnFocus: Element | null;
  stop(): void;
}

export interface CardState {
  readonly ctx: PageContext;
  readonly doc: Document;
  host: Host | null;
  open: OpenCard | null;
  /** The name under a resting pointer, and the timer that opens its card. */
  candidate: PageMention | null;
  /** The line of that name under the pointer. */
  candidateAt: DOMRect | null;
  intent: ReturnType<typeof setTimeout> | undefined;
  hide: ReturnType<typeof setTimeout> | undefined;
  overCard: boolean;
  lastMove: { x: number; y: number; t: number };
  /** The last name the keyboard command opened: the next step starts from it. */
  lastKeyboard: PageMention | null;
  /** Answers by entity and the reader's picks: a card opened again shows at once. Failures are not kept. */
  answers: Map<string, Knowledge>;
  seq: number;
  /**
   * What the page says about the name under a resting pointer, worked out during the hover delay so that
   * the card's opening task only draws. Dropped when the page, its names or its live blog change.
   */
  prepared: { mention: PageMention; facts: PageFacts } | null;
  prepare: ReturnType<typeof setTimeout> | undefined;
  /**
   * That name's card, drawn and placed ahead while the pointer rests, hidden: opening it only shows it.
   * Never there while a card is open (they share the host's root).
   */
  staged: StagedCard | null;
  /** This page's Follow toggle's link to the background, with its last answer. */
  follow: FollowControl | null;
}

export interface StagedCard {
  mention: PageMention;
  el: HTMLElement;
  /** What it was drawn with: a card opened with anything else is drawn afresh. */
  knowledge: Knowledge | 'loading';
  theme: 'light' | 'dark';
}

/** What the card's page layer shows: counted from the entity's own mentions only. */
export interface PageFacts {
  mentions: number;
  position: number;
  updates: UpdateRef[];
  current: UpdateRef | undefined;
}

export function createState(ctx: PageContext): CardState {
  return {
    ctx,
    doc: ctx.doc,
    host: null,
    open: null,
    candidate: null,
    candidateAt: null,
    intent: undefined,
    hide: undefined,
    overCard: false,
    lastMove: { x: 0, y: 0, t: 0 },
    lastKeyboard: null,
    answers: new Map(),
    seq: 0,
    prepared: null,
    prepare: undefined,
    staged: null,
    follow: null,
  };
}
