import type { EntitySummary, Kind } from '../detect/types';

/** Another place the page names: helps pick articles and places a town relative to the story. Never sent. */
export interface ContextPlace {
  name: string;
  subkind?: string;
  geo?: EntitySummary['geo'];
}

export interface KnowledgeRequest {
  /** The fullest name the page uses. */
  name: string;
  kind: Kind;
  subkind?: string;
  /** Other surface forms on the page ("Yıldırım", "Daesh"): for context packs. */
  aliases?: string[];
  /** Role phrases the page uses ("Turkish Prime Minister"): help rank Wikipedia candidates. */
  roles?: string[];
  /** A Wikipedia title the detector's data already knows, if any. */
  wikiTitle?: string;
  /** Coordinates the detector's gazetteer knows, if any. */
  geo?: EntitySummary['geo'];
  /** The page's other places. Used locally, never sent. */
  context?: ContextPlace[];
  /** A title the reader chose among the candidates of an unsure match. */
  pick?: string;
  /** A place the reader chose among the alternatives of an unsure place (`candidateId`). */
  placePick?: string;
  /** The page's hostname: its country helps pick among same-named places. Used locally, never sent. */
  site?: string;
  /** Identifies the lookup so the content script can cancel it when the card closes first. */
  requestId?: string;
}

export interface WikiSummary {
  title: string;
  description?: string;
  extract: string;
  /** A data: URL fetched by the background (no request from the page, no referrer, no cookies). */
  thumbnail?: { source: string; width: number; height: number };
  url: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  wikibaseItem?: string;
  coordinates?: { lat: number; lon: number };
  type: string;
}

export interface CountryFacts {
  code: string;
  name: string;
  official: string;
  flag: string;
  capital?: string;
  region: string;
  subregion?: string;
}

export interface Relation {
  name: string;
  lat: number;
  lon: number;
  km: number;
  direction: string;
  /** "about 40 km north-east of Aleppo" */
  phrase: string;
}

/** A locator map as SVG path data in a width × height box: computed in the background. */
export interface LocatorMap {
  width: number;
  height: number;
  /** Every other country's outline, one path. */
  land: string;
  /** The place's country, filled. */
  focus?: string;
  /** The town's position. */
  marker?: [number, number];
  /** The page's other places the card relates this one to. */
  dots: Array<{ x: number; y: number; name: string }>;
  /** Text alternative. */
  label: string;
}

export interface PlaceFacts {
  kind: 'country' | 'town' | 'area';
  name: string;
  lat: number;
  lon: number;
  country?: CountryFacts;
  population?: { value: number; source: 'GeoNames' | 'Wikidata'; year?: string };
  /** Where it lies relative to the page's other places (towns only). */
  relations: Relation[];
  /** Countries only: neighbours, and whether the page names them. */
  borders?: Array<{ name: string; onPage: boolean }>;
  /** When the map shows a stand-in point (a province by its main city). */
  approximate?: string;
  map?: LocatorMap;
  /** Where the facts come from, for the layer's label. */
  source: string;
  /** Several places bear the name and the page does not settle which: the card says so. */
  unsure?: boolean;
  /** The other places of that name, to choose from. */
  alternatives?: PlaceAlternative[];
}

export interface PlaceAlternative {
  /** What the card sends back as `placePick`. */
  id: string;
  /** "Westminster, United States". */
  label: string;
}

/** An office held, from Wikidata (P39 with P580/P582) or a context pack. Dates as YYYY, YYYY-MM or YYYY-MM-DD. */
export interface Office {
  label: string;
  start?: string;
  end?: string;
  /** Wikidata's preferred rank (usually the current or main office). */
  preferred?: boolean;
}

export interface Candidate {
  title: string;
  description?: string;
}

/** The context pack's line about an entity. */
export interface PackLine {
  pack: string;
  packTitle: string;
  asOf: string;
  name: string;
  summary: string;
  /** "Government side (Syrian civil war)". */
  sides: string[];
  backers: string[];
  aliases: string[];
  offices: Office[];
  wikiTitle: string;
}

export interface Knowledge {
  /** About the Wikipedia layer: absent when lookups are off, offline with nothing cached, or nothing matched. */
  status: 'ok' | 'off' | 'offline' | 'not-found' | 'error';
  summary?: WikiSummary;
  /** The summary may not be the right article: the card says so and lists the candidates. */
  unsure?: boolean;
  candidates?: Candidate[];
  /** Offices held (Wikidata), people only. */
  offices?: Office[];
  place?: PlaceFacts;
  pack?: PackLine;
  /** Served from the cache when the network failed: when it was saved. */
  cachedAt?: number;
}

/** The story panel's map: the places to draw (src/knowledge/story-map.ts), and the drawing. */
export interface StoryMapRequest {
  places: Array<{ key: string; lat: number; lon: number }>;
  width: number;
  height: number;
}

export interface StoryMap {
  width: number;
  height: number;
  /** Country outlines, one path. */
  land: string;
  points: Array<{ key: string; x: number; y: number }>;
  /** Keys of places left off (outside the hemisphere around the story's centre). */
  off: string[];
}
