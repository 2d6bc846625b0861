/** What a layer does in the background: its part of the `knowledge:lookup` answer. */
import type { Net } from '../knowledge/net';
import type { Pack, PackEntry } from '../knowledge/packs';
import type { PageGeo } from '../knowledge/places';
import type { Knowledge, KnowledgeRequest } from '../knowledge/types';
import type { LayerId } from './list';

export interface LookupSettings {
  wikipedia: boolean;
  wikipediaEndpoint: string;
  wikidataEndpoint: string;
  /** Fetch the article's thumbnail (the card shows it as a data: URL). */
  images: boolean;
}

export interface FetchContext {
  req: KnowledgeRequest;
  /** The page's other places, resolved once per lookup. */
  geo: PageGeo;
  /** The context pack's entry for the name, if any: several layers read it. */
  packHit: { pack: Pack; entry: PackEntry } | undefined;
  net: Net;
  settings: LookupSettings;
  signal?: AbortSignal;
  /** The answer so far: local layers have filled theirs before the network's layers start. */
  answer: Knowledge;
}

export interface LayerFetcher {
  id: LayerId;
  /** What it fetches, in a line: for the reader of the code and the privacy review. */
  fetches: string;
  /** Only the extension's own data (no network): runs first, so remote layers can use its part. */
  local: boolean;
  fetch(ctx: FetchContext): void | Promise<void>;
  /** After every layer has fetched: the parts that depend on the others' (the place's map). */
  settle?(ctx: FetchContext): void;
}
