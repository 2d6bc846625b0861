/**
 * One `knowledge:lookup` answer carrying every layer a card needs except "On this page": places (offline
 * gazetteer and locator map), the Wikipedia summary picked from the page's context (with candidates when
 * unsure), offices held from Wikidata, and the context pack's line. Runs in the background.
 */
import type { CacheDB } from '../storage';
import { renderLocator } from './map';
import { Net, type NetOptions } from './net';
import { findPackEntry, packLine } from './packs';
import { kindFit, rankHits, titleVariants, type PickContext } from './pick';
import {
  countryByCode,
  countryFacts,
  findCountry,
  pageGeo,
  relationsFor,
  resolvePlace,
  type PageGeo,
} from './places';
import { placeKey } from './normalize';
import type { Candidate, Knowledge, KnowledgeRequest, PlaceFacts, WikiSummary } from './types';
import { getEntity, officesOf, population } from './wikidata';
import { articleUrl, imageUrl } from './remote';
import { fallbackArticleUrl, getSummary, searchArticles, thumbnailData } from './wikipedia';

export interface LookupSettings {
  wikipedia: boolean;
  wikipediaEndpoint: string;
  wikidataEndpoint: string;
  /** Fetch the article's thumbnail (the card shows it as a data: URL). */
  images: boolean;
}

interface Article {
  summary?: WikiSummary;
  unsure?: boolean;
  candidates?: Candidate[];
}

function pickContext(req: KnowledgeRequest, geo: PageGeo): PickContext {
  const countryWords = [...geo.countries].flatMap((code) => {
    const c = countryByCode(code);
    return c ? [c.name, c.wikiTitle, ...(c.demonym ? [c.demonym] : [])] : [];
  });
  return {
    name: req.name,
    kind: req.kind,
    roles: req.roles ?? [],
    countryWords: [...new Set(countryWords)],
    places: geo.towns,
  };
}

const isArticle = (s: WikiSummary | null): s is WikiSummary => !!s && s.type !== 'disambiguation';

/**
 * The article for a name. Trusted titles first (the reader's pick, the context pack's, the detector's,
 * a country's), then the name and its qualified variants while they read like the right kind of thing,
 * then a search ranked by the page's context. Only the name and titles derived from it are sent.
 */
async function findArticle(
  net: Net,
  endpoint: string,
  req: KnowledgeRequest,
  geo: PageGeo,
  trusted: string[],
): Promise<Article> {
  const ctx = pickContext(req, geo);
  const candidatesOf = async (chosen: string): Promise<Candidate[] | undefined> => {
    const list = choices(rankHits(await searchArticles(net, endpoint, req.name), ctx).candidates);
    return list.some((c) => c.title !== chosen) ? list : undefined;
  };
  if (req.pick) {
    const summary = await getSummary(net, endpoint, req.pick);
    return { summary: summary ?? undefined, candidates: await candidatesOf(req.pick).catch(() => undefined) };
  }
  for (const title of [...new Set(trusted)]) {
    const s = await getSummary(net, endpoint, title);
    if (isArticle(s)) return { summary: s };
  }
  for (const title of titleVariants(req.name, geo.countries)) {
    const s = await getSummary(net, endpoint, title);
    if (isArticle(s) && kindFit(s.description, req.kind) >= 0) return { summary: s };
  }
  const ranked = rankHits(await searchArticles(net, endpoint, req.name), ctx);
  if (!ranked.best) return {};
  const summary = await getSummary(net, endpoint, ranked.best.title);
  if (!isArticle(summary)) return { unsure: true, candidates: choices(ranked.candidates) };
  return {
    summary,
    unsure: ranked.unsure || undefined,
    candidates: ranked.unsure ? choices(ranked.candidates) : undefined,
  };
}

/** Search hits as the card offers them to choose from. */
const choices = (hits: Array<{ title: string; description?: string }>): Candidate[] =>
  hits.map((h) => ({ title: h.title, description: h.description }));

/** A place the gazetteer does not know, from the article's coordinates. */
function placeFromArticle(summary: WikiSummary, req: KnowledgeRequest, geo: PageGeo): PlaceFacts | null {
  if (!summary.coordinates) return null;
  const { lat, lon } = summary.coordinates;
  const country = findCountry(summary.description?.split(/,\s*/).pop() ?? '');
  return {
    kind: 'town',
    name: req.name,
    lat,
    lon,
    country: country && countryFacts(country),
    relations: relationsFor({ lat, lon, key: placeKey(req.name) }, geo),
    source: 'Wikipedia',
  };
}

export async function lookupKnowledge(
  db: CacheDB,
  req: KnowledgeRequest,
  settings: LookupSettings,
  options: NetOptions = {},
): Promise<Knowledge> {
  const net = new Net(db, options);
  const geo = pageGeo(req.context);
  const packHit = findPackEntry([req.name, ...(req.aliases ?? [])], req.kind);
  const pack = packHit ? packLine(packHit) : undefined;
  let place = req.kind === 'place' || packHit?.entry.geo ? resolvePlace(req, geo, packHit?.entry.geo) : null;
  const knowledge: Knowledge = { status: 'off', pack };

  if (settings.wikipedia) {
    const trusted = [
      pack?.wikiTitle,
      req.wikiTitle,
      place?.kind === 'country' ? countryByCode(place.country?.code)?.wikiTitle : undefined,
    ].filter((t): t is string => !!t);
    try {
      const article = await findArticle(net, settings.wikipediaEndpoint, req, geo, trusted);
      Object.assign(knowledge, article);
    } catch (e) {
      if (options.signal?.aborted) throw e;
    }
    const summary = knowledge.summary;
    if (summary) {
      if (!place && req.kind === 'place') place = placeFromArticle(summary, req, geo);
      const qid = summary.wikibaseItem;
      const wantsWikidata = req.kind === 'person' || (place && !place.population && place.kind !== 'area');
      if (qid && wantsWikidata) {
        try {
          const entity = await getEntity(net, settings.wikidataEndpoint, qid);
          if (entity && req.kind === 'person') {
            const offices = await officesOf(net, settings.wikidataEndpoint, entity);
            if (offices.length) knowledge.offices = offices;
          }
          const pop = entity && place ? population(entity) : undefined;
          if (pop && place) place.population = { value: pop.value, year: pop.year, source: 'Wikidata' };
        } catch (e) {
          if (options.signal?.aborted) throw e;
        }
      }
      // Checked again here: a summary cached before these checks existed skips `parseSummary`.
      const thumb =
        summary.thumbnail && imageUrl(summary.thumbnail.source, settings.wikipediaEndpoint)
          ? summary.thumbnail
          : undefined;
      const url =
        articleUrl(summary.url, settings.wikipediaEndpoint) ??
        fallbackArticleUrl(settings.wikipediaEndpoint, summary.title);
      knowledge.summary = { ...summary, url, thumbnail: undefined };
      if (thumb && settings.images) {
        const data = await thumbnailData(net, thumb.source);
        if (data) knowledge.summary.thumbnail = { ...thumb, source: data };
      }
    }
    knowledge.status = knowledge.summary ? 'ok' : (net.failed ?? 'not-found');
    if (net.staleAt !== undefined) knowledge.cachedAt = net.staleAt;
  }
  if (place) knowledge.place = { ...place, map: renderLocator(place) };
  return knowledge;
}
