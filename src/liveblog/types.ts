/** One update entry of a live blog, as found in the DOM. */
export interface LiveUpdate {
  /** Stable across reloads: DOM id, permalink fragment, or a hash of label + opening text. */
  id: string;
  /** As printed: "UPDATE 1615 GMT", "19.41 GMT", "ORIGINAL ENTRY". */
  label: string;
  /** ISO 8601 when the label (with the page's date and zone) allows. */
  time?: string;
  /** Normalised text of the update. */
  text: string;
  /** Elements that make up the update, in document order (one for most platforms, several for text markers). */
  elements: Element[];
  /** Hidden until the page reveals it (Guardian `.pending`). Counts as new, not as seen. */
  hidden?: boolean;
}

export interface LiveBlog {
  /** How it was recognised: 'schema', 'platform:<name>', 'generic', 'text-markers'. */
  via: string;
  updates: LiveUpdate[];
  /** The element that holds the updates, for the mutation observer. */
  container: Element;
}
