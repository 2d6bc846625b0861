/**
 * What the content script's features share for one page (one URL): the state in one place, and the
 * contract each feature implements. A feature gets the page's context and its own AbortSignal; everything
 * it starts (listeners, timers, observers, hosts) ends when that signal aborts: at the end of the page's
 * session (soft navigation, extension reload) or when the feature itself failed.
 */
import type { LiveBlog } from '../liveblog';
import type { Settings } from '../shared/settings';
import type { NamesIndex, PageMention } from './names';
import type { DomBatch } from './observer';

export type FeatureId = 'names' | 'reading' | 'markers' | 'cards' | 'story';

export interface Feature {
  id: FeatureId;
  /** Starts the feature. May be async; a throw or a rejection stops this feature only. */
  init(ctx: PageContext, signal: AbortSignal): void | Promise<void>;
}

/** An update a card can point to. */
export interface UpdateRef {
  id: string;
  label: string;
  time?: string;
  /** 1-based place from the top: how a card names an update that prints no label. */
  position?: number;
  firstLine?: string;
}

/** What the reading feature offers the rest of the page (the message router, the markers' pill). */
export interface ReadingService {
  jump(id: string): boolean;
  jumpToFirstNew(): void;
  apply(state: import('../reading/types').PageState): void;
  reset(): void;
}

export interface CardsService {
  step(direction: 1 | -1): void;
}

/** Events within a page's session: name → argument. */
export interface PageEvents {
  /** The live blog was found, changed, or went away. */
  liveblog: LiveBlog | null;
  /** The reader's settings changed. */
  settings: Settings;
  /** A batch of DOM changes (the one batched observer). */
  dom: DomBatch;
  /** Text nodes the page just changed, told at once (before the browser paints); their batch follows. */
  text: readonly Text[];
  /** The names index changed (a scan finished). */
  names: void;
  /** What the markers should show (reading → markers). */
  overlay: OverlayModel;
  /** Outline an update for a moment (reading → markers). */
  flash: Omit<MarkerBox, 'id' | 'kind'>;
}

/** What the markers draw (the reading feature computes it; the `overlay` event carries it). */
export interface MarkerBox {
  id: string;
  /** 'new': not seen yet. 'seen': arrived during this page load and seen since (a hollow marker). */
  kind: 'new' | 'seen';
  /** Document coordinates of the update. */
  top: number;
  left: number;
  width: number;
  height: number;
}

export interface OverlayModel {
  markers: MarkerBox[];
  /** Unseen flagged updates, and where the first of them is. */
  pill: { count: number; direction: 'up' | 'down' } | null;
  /** Updates that just arrived, for screen readers (0: say nothing). */
  announce: number;
}

export interface PageContext {
  readonly doc: Document;
  /** The page's URL when its session started: a soft navigation starts another session. */
  readonly url: string;
  settings: Settings;
  names: NamesIndex;
  liveblog: LiveBlog | null;
  reading: ReadingService | null;
  cards: CardsService | null;
  /** Calls `fn` on each event until `signal` aborts. A listener that throws is reported, the others still run. */
  on<E extends keyof PageEvents>(event: E, fn: (arg: PageEvents[E]) => void, signal: AbortSignal): void;
  emit<E extends keyof PageEvents>(event: E, arg: PageEvents[E]): void;
  /**
   * Draws what a feature shows (highlights, markers) now, or, while a DOM batch's answers are on their way
   * (`hold`), together with the batch's other changes: one frame for the page to paint (src/page/paint.ts).
   */
  paint(fn: () => void): void;
  /** Holds paints until the returned function is called (bounded: src/page/paint.ts). */
  hold(): () => void;
  /** The updates whose elements contain any of these mentions, in page order. */
  updatesMentioning(mentions: readonly PageMention[]): UpdateRef[];
  jump(id: string): boolean;
  /**
   * Starts a feature now, as the session starts its own: its own AbortSignal, its failure reported and
   * what it started taken down (for the second script's features, started when the page first needs them).
   */
  launch(feature: Feature): Promise<void>;
}
