import type { Kind } from '../detect/types';

export interface KnowledgeRequest {
  /** The name as the page writes it, and its fullest form on the page. */
  name: string;
  kind: Kind;
  subkind?: string;
  /** A Wikipedia title the detector's data already knows, if any. */
  wikiTitle?: string;
  /** Other names on the page (places, countries) that help pick the right article. Never sent. */
  context?: string[];
}

export interface WikiSummary {
  title: string;
  description?: string;
  extract: string;
  thumbnail?: { source: string; width: number; height: number };
  url: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  wikibaseItem?: string;
  coordinates?: { lat: number; lon: number };
  type: string;
}

export interface Knowledge {
  /** Absent when lookups are off, offline with nothing cached, or nothing matched. */
  summary?: WikiSummary;
  /** Why there is no summary, for the card to say so. */
  status: 'ok' | 'off' | 'offline' | 'not-found' | 'error';
  /** Served from the cache (and how old it is). */
  cachedAt?: number;
}
