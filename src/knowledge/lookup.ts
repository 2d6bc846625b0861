/**
 * One `knowledge:lookup` answer carrying every card layer the background fills (src/layers/*\/fetch.ts):
 * the local ones first (context packs, the offline gazetteer), then the ones that need the network
 * (Wikipedia, Wikidata), then each layer's last touches (the place's locator map). Runs in the background.
 */
import type { CacheDB } from '../storage';
import type { FetchContext, LookupSettings } from '../layers/fetch-contract';
import { FETCHERS } from '../layers/fetchers';
import { Net, type NetOptions } from './net';
import { findPackEntry } from './packs';
import { pageGeo } from './places';
import type { Knowledge, KnowledgeRequest } from './types';

export type { LookupSettings };

export async function lookupKnowledge(
  db: CacheDB,
  req: KnowledgeRequest,
  settings: LookupSettings,
  options: NetOptions = {},
): Promise<Knowledge> {
  const ctx: FetchContext = {
    req,
    geo: pageGeo(req.context, req.site),
    packHit: findPackEntry([req.name, ...(req.aliases ?? [])], req.kind),
    net: new Net(db, options),
    settings,
    signal: options.signal,
    answer: { status: 'off' },
  };
  for (const f of FETCHERS) if (f.local) await f.fetch(ctx);
  for (const f of FETCHERS) if (!f.local) await f.fetch(ctx);
  for (const f of FETCHERS) f.settle?.(ctx);
  return ctx.answer;
}
