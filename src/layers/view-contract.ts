/** What a layer shows in the card. Views run in the content script: they import types, never knowledge internals. */
import type { ComponentChild } from 'preact';
import type { EntitySummary } from '../detect/types';
import type { Knowledge } from '../knowledge/types';
import type { LayerId } from './list';

export interface CardUpdateRef {
  id: string;
  /** The update's time or label as the page prints it ("14:35", "ore 18.42", "95'"); may be empty. */
  label: string;
  /** ISO 8601, when the page's labels allow. */
  time?: string;
  /** 1-based place in the live blog, counted from the top: names an update that prints no label. */
  position?: number;
  /** The update's first line: names an update that has neither label nor position. */
  firstLine?: string;
}

export interface CardProps {
  entity: EntitySummary;
  /** Mentions on the page, and which one the card is about (1-based). */
  mentions: number;
  position: number;
  /** The updates that mention the entity, in page order. */
  updates: CardUpdateRef[];
  /** The update the card's mention is in. */
  current?: CardUpdateRef;
  knowledge: Knowledge | 'loading';
  /** Still loading after a while: the card says so in words. */
  slow?: boolean;
  theme: 'light' | 'dark';
  /**
   * Drawn ahead while the pointer rests, not shown yet: hidden, no dialog role, out of the accessibility
   * tree. Showing it changes only that (src/page/features/cards/card.ts).
   */
  staged?: boolean;
  onClose: () => void;
  /** Jump to the previous/next mention of this entity. */
  onStep: (direction: 1 | -1) => void;
  /** Scroll to an update. */
  onJump: (id: string) => void;
  /** The reader chose another article among the candidates. */
  onPick: (title: string) => void;
  /** The reader chose another place of the same name. */
  onPickPlace?: (id: string) => void;
  onOptions: () => void;
  /** Opens the story side panel (cast, map, what is new) for this page. */
  onPanel?: () => void;
  /** "Watch this name": be told when a followed blog's new update mentions it. */
  onWatch?: () => Promise<boolean>;
  /** The page is a live blog the reader can follow: the page layer's Follow toggle. */
  follow?: FollowControl;
}

/** Following the card's page (the background's `follow:list` and `follow:set`, for this page only). */
export interface FollowControl {
  /** Whether the reader follows the page now. */
  get(): Promise<boolean>;
  /** Follows or unfollows it; answers whether it is followed now. */
  set(on: boolean): Promise<boolean>;
  /** Calls back when it is followed or unfollowed elsewhere (popup, options, another tab); returns the unsubscribe. */
  watch(onChange: (following: boolean) => void): () => void;
  /**
   * The last answer already known, if any: the toggle is drawn from it at once (the background's answer
   * still confirms it), so a card does not change a frame later just to show it.
   */
  known?(): boolean | null;
}

/** A layer drawn from the page alone (at once), or from the background's answer (once it is there). */
export type LayerView =
  | { id: LayerId; needsBackground: false; render(props: CardProps): ComponentChild }
  | { id: LayerId; needsBackground: true; render(props: CardProps, knowledge: Knowledge): ComponentChild };
