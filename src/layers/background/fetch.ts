/**
 * Wikipedia and Wikidata: the article picked from the page's context (with candidates when unsure),
 * offices held, a country's or town's population, the image as a data: URL. Only the name and titles
 * derived from it leave the device.
 */
import type { Net } from '../../knowledge/net';
import { kindFit, rankHits, titleVariants, type PickContext } from '../../knowledge/pick';
import { countryByCode, countryFacts, findCountry, relationsFor, type PageGeo } from '../../knowledge/places';
import { placeKey } from '../../knowledge/normalize';
import { articleUrl, imageUrl } from '../../knowledge/remote';
import type { Candidate, KnowledgeRequest, PlaceFacts, WikiSummary } from '../../knowledge/types';
import { getEntity, officesOf, population } from '../../knowledge/wikidata';
import { fallbackArticleUrl, getSummary, searchArticles, thumbnailData } from '../../knowledge/wikipedia';
import type { LayerFetcher } from '../fetch-contract';

interface Article {
  summary?: WikiSummary;
  unsure?: boolean;
  candidates?: Candidate[];
}

function pickContext(req: KnowledgeRequest, geo: PageGeo, place?: PlaceFacts | null): PickContext {
  const countryWords = [...geo.countries].flatMap((code) => {
    const c = countryByCode(code);
    return c ? [c.name, c.wikiTitle, ...(c.demonym ? [c.demonym] : [])] : [];
  });
  return {
    name: req.name,
    kind: req.kind,
    roles: req.roles ?? [],
    countryWords: [...new Set(countryWords)],
    // The place the page's geography picked comes first: an article at its coordinates is the one.
    places: place && place.kind !== 'country' && !place.unsure ? [place, ...geo.towns] : geo.towns,
  };
}

const isArticle = (s: WikiSummary | null): s is WikiSummary => !!s && s.type !== 'disambiguation';

/** Search hits as the card offers them to choose from. */
const choices = (hits: Array<{ title: string; description?: string }>): Candidate[] =>
  hits.map((h) => ({ title: h.title, description: h.description }));

/**
 * The article for a name. Trusted titles first (the reader's pick, the context pack's, the detector's,
 * a country's), then the name and its qualified variants while they read like the right kind of thing,
 * then a search ranked by the page's context.
 */
async function findArticle(
  net: Net,
  endpoint: string,
  req: KnowledgeRequest,
  geo: PageGeo,
  trusted: string[],
  place: PlaceFacts | null,
): Promise<Article> {
  const ctx = pickContext(req, geo, place);
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

export const fetcher: LayerFetcher = {
  id: 'background',
  fetches:
    'Wikipedia (the summary of the name, or of titles derived from it; a search by the name) and Wikidata (the article’s item, its offices), only when lookups are on',
  local: false,
  async fetch({ req, geo, net, settings, signal, answer }) {
    if (!settings.wikipedia) return;
    const trusted = [
      answer.pack?.wikiTitle,
      req.wikiTitle,
      answer.place?.kind === 'country' ? countryByCode(answer.place.country?.code)?.wikiTitle : undefined,
    ].filter((t): t is string => !!t);
    try {
      Object.assign(
        answer,
        await findArticle(net, settings.wikipediaEndpoint, req, geo, trusted, answer.place ?? null),
      );
    } catch (e) {
      if (signal?.aborted) throw e;
    }
    const summary = answer.summary;
    if (summary) {
      if (!answer.place && req.kind === 'place')
        answer.place = placeFromArticle(summary, req, geo) ?? undefined;
      const place = answer.place;
      const qid = summary.wikibaseItem;
      const wantsWikidata = req.kind === 'person' || (place && !place.population && place.kind !== 'area');
      if (qid && wantsWikidata) {
        try {
          const entity = await getEntity(net, settings.wikidataEndpoint, qid);
          if (entity && req.kind === 'person') {
            const offices = await officesOf(net, settings.wikidataEndpoint, entity);
            if (offices.length) answer.offices = offices;
          }
          const pop = entity && place ? population(entity) : undefined;
          if (pop && place) place.population = { value: pop.value, year: pop.year, source: 'Wikidata' };
        } catch (e) {
          if (signal?.aborted) throw e;
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
      answer.summary = { ...summary, url, thumbnail: undefined };
      if (thumb && settings.images) {
        const data = await thumbnailData(net, thumb.source);
        if (data) answer.summary.thumbnail = { ...thumb, source: data };
      }
    }
    answer.status = answer.summary ? 'ok' : (net.failed ?? 'not-found');
    if (net.staleAt !== undefined) answer.cachedAt = net.staleAt;
  },
};
