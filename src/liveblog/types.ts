/** One update entry of a live blog, as found in the DOM. */
export interface LiveUpdate {
  /** Stable across reloads: DOM id, permalink fragment, or a hash of label + opening text. */
  id: string;
  /** As printed: "UPDATE 1615 GMT", "19.41 GMT", "ORIGINAL ENTRY", "40 min ago". */
  label: string;
  /** ISO 8601 when the page says enough (machine value, or a label with the page's date and zone). */
  time?: string;
  /**
   * The update's opening text: its headline (if any) on the first line, then its first paragraphs, as far
   * as its first line, its hashed id and re-matching need (an update with an id of its own: the first line).
   */
  text: string;
  /** Elements that make up the update, in document order (one for most platforms, several for text markers). */
  elements: Element[];
  /** Inserted but kept hidden by the page until the reader asks (Guardian `.pending`): new, not yet seeable. */
  hidden?: boolean;
}

/**
 * How sure detection is that the page is a live blog. 'high': the page says so (schema.org
 * LiveBlogPosting, a known platform's markup, an AMP live list). 'medium': no such evidence, but strong
 * structure (several entries, stamps in one order, each with text of its own). 'low': the structure is
 * there but thin (few entries, stamps out of order): a borderline page, which `detectLiveBlog` only
 * returns when asked (`{ borderline: true }`), for the reader to decide ("Looks like a live blog — track updates?").
 */
export type Confidence = 'high' | 'medium' | 'low';

export interface LiveBlog {
  /** How the updates were found: 'platform:<name>', 'schema', 'generic', 'text-markers'. */
  via: string;
  confidence: Confidence;
  /** The same as a number, 0–1 (evidence 1; structure by its strength), for ranking and thresholds. */
  score: number;
  /** The page also declares itself a live blog in schema.org data. */
  schema?: 'json-ld' | 'microdata';
  updates: LiveUpdate[];
  /** The element that holds the updates. */
  container: Element;
  newestFirst: boolean;
  /** Where the page reveals the entries it keeps hidden (Guardian `#top-of-blog`). */
  revealAt?: Element | null;
  /**
   * Reads the updates again after DOM changes (a live insertion, an edit). Entries that contain none of
   * the `dirty` nodes are reused as they are; without `dirty`, every entry is read again.
   */
  reread(dirty?: readonly Node[]): LiveUpdate[];
  /** The same, in steps a caller runs in slices (a hundred insertions are a hundred entries to read). */
  rereadSteps?(dirty?: readonly Node[] | DomChange): Generator<void, LiveUpdate[], void>;
  /**
   * How `updates` differ from the list this blog was re-read from, when the re-read could say (a live
   * insertion, an edit): what follows the list (the reading state) then works at the cost of the change.
   */
  delta?: UpdatesDelta;
}

/**
 * A batch of DOM changes by kind (the page's observer tells them apart): a re-read that knows which nodes
 * were added and which lost children reads the new and touched entries without listing every entry again.
 */
export interface DomChange {
  /** Nodes added (top-most). */
  added: readonly Node[];
  /** Text nodes whose data changed. */
  changed: readonly Node[];
  /** Nodes that lost children. */
  removedFrom: readonly Node[];
}

/** How one list of updates became the next. */
export interface UpdatesDelta {
  /** The list the delta applies to. */
  base: readonly LiveUpdate[];
  /** Updates whose id `base` does not have, in page order. */
  added: LiveUpdate[];
  /** Updates of `base` whose id the new list does not have. */
  removed: LiveUpdate[];
  /** New records of updates kept (same id and elements): an entry re-read, a hidden one shown. */
  changed: LiveUpdate[];
}

/** A live blog the reader should be asked about rather than one to track unasked. */
export const isBorderline = (blog: LiveBlog): boolean => blog.confidence === 'low';
