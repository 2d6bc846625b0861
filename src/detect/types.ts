/** The three kinds Backstory underlines. */
export type Kind = 'person' | 'organization' | 'place';

export const KINDS: readonly Kind[] = ['person', 'organization', 'place'];

/** One occurrence of a name in one block of text. */
export interface Mention {
  /** UTF-16 offsets into the block's text, end exclusive. */
  start: number;
  end: number;
  kind: Kind;
  /** Entity key, shared by every alias of the same entity on the page ("Ayrault", "Jean-Marc Ayrault"). */
  key: string;
}

/** What the page says about one entity, gathered while scanning. */
export interface EntitySummary {
  key: string;
  /** The fullest name the page uses. */
  name: string;
  kind: Kind;
  /** Finer kind when known: country, city, region, armed-group, media, party, government, ... */
  subkind?: string;
  /** Surface forms seen on the page. */
  aliases: string[];
  /** Role phrases the page itself uses ("Turkish Prime Minister", "of On the Ground News"). */
  roles: string[];
  /** Number of mentions on the page. */
  count: number;
  /** For places from the gazetteer. */
  geo?: { lat: number; lon: number; country?: string; population?: number };
  /** Wikipedia title when the data knows it. */
  wikiTitle?: string;
}

export interface PageEntities {
  /** Mentions of each block, by block index, sorted by start. */
  blocks: Mention[][];
  entities: Map<string, EntitySummary>;
}

/**
 * Detection over one page. Blocks (paragraphs, captions, headings) are added as they are scanned;
 * `resolve` runs the document-level pass (aliases, one kind per surface) and is cheap to call again
 * after more blocks arrive (live insertions).
 */
export interface PageDetector {
  add(text: string): number;
  resolve(): PageEntities;
}
