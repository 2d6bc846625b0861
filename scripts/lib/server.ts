/**
 * A local HTTP server on 127.0.0.1 for the real-browser tests and the demo: static pages, and a mock of
 * Wikipedia's REST and action APIs and of Wikidata, answering in the real formats, so nothing ever calls
 * the real network.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The shared fixtures beside the checkout (CI has them; a developer machine may not). */
export const SHARED = resolve(REPO, '../shared');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

/**
 * Answers a live page the way a news server does for a check: 304 when the request already holds `etag`,
 * else `html` (built only then) with the ETag. Returns the status sent.
 */
export function answerConditional(
  req: IncomingMessage,
  res: ServerResponse,
  etag: string,
  html: () => string,
  headers: Record<string, string> = {},
): 200 | 304 {
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ETag: etag });
    res.end();
    return 304;
  }
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
    ETag: etag,
    ...headers,
  });
  res.end(html());
  return 200;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface LocalServer {
  origin: string;
  port: number;
  /** Requests to the mock APIs and image host, for assertions on what left the "device". */
  apiRequests: RecordedRequest[];
  /** Adds or replaces a dynamic route (exact path). */
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

/** Static folders, by URL prefix. */
const MOUNTS: Array<[string, string]> = [
  ['/shared/', join(SHARED, 'fixtures')],
  ['/fixtures/', join(REPO, 'tests/fixtures')],
  ['/demo/', join(REPO, 'demo')],
];

const WIKI_DIR = join(REPO, 'tests/fixtures/wikipedia');
const WIKIDATA_DIR = join(REPO, 'tests/fixtures/wikidata');

function cors(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'Api-User-Agent, Accept, Content-Type');
  res.setHeader('Access-Control-Allow-Methods', 'GET, OPTIONS');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  cors(res);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Rewrites Wikimedia URLs in a mock answer to this server, so images and links stay local. */
function localise(json: string, origin: string): string {
  return json
    .replaceAll('https://upload.wikimedia.org/', `${origin}/wiki-media/`)
    .replaceAll('https://en.wikipedia.org/', `${origin}/wiki-site/`);
}

/** Titles as MediaWiki normalises them: underscores, first letter upper-case, then the mock's redirects. */
function wikiTitle(raw: string): string {
  const t = raw.replace(/ /g, '_');
  const upper = t.charAt(0).toUpperCase() + t.slice(1);
  const redirects = JSON.parse(readFileSync(join(WIKI_DIR, 'redirects.json'), 'utf8')) as Record<
    string,
    string
  >;
  return (redirects[upper.replace(/_/g, ' ')] ?? upper).replace(/ /g, '_');
}

function summaryFile(title: string): string | null {
  const file = join(WIKI_DIR, 'summary', `${title}.json`);
  return file.startsWith(WIKI_DIR) && existsSync(file) ? file : null;
}

function summary(res: ServerResponse, rawTitle: string, origin: string): void {
  const file = summaryFile(wikiTitle(decodeURIComponent(rawTitle)));
  if (!file) {
    sendJson(res, 404, {
      type: 'https://mediawiki.org/wiki/HyperSwitch/errors/not_found',
      title: 'Not found.',
      method: 'get',
      detail: 'Page or revision not found.',
      uri: `/en.wikipedia.org/v1/page/summary/${rawTitle}`,
    });
    return;
  }
  cors(res);
  res.writeHead(200, {
    'Content-Type':
      'application/json; charset=utf-8; profile="https://www.mediawiki.org/wiki/Specs/Summary/1.5.0"',
    'Cache-Control': 's-maxage=1209600, max-age=300',
  });
  res.end(localise(readFileSync(file, 'utf8'), origin));
}

/**
 * The action API's `generator=search` (descriptions, coordinates, disambiguation flag) in the real
 * response format, searching the mock's own summaries: every article whose title has all the query's words.
 */
function search(res: ServerResponse, url: URL): void {
  const q = url.searchParams;
  if (q.get('action') !== 'query' || q.get('generator') !== 'search')
    return sendJson(res, 400, {
      error: { code: 'badvalue', info: 'The mock answers generator=search only.' },
    });
  const words = (q.get('gsrsearch') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const limit = Number(q.get('gsrlimit') ?? 10);
  const pages = readdirSync(join(WIKI_DIR, 'summary'))
    .map((f) => JSON.parse(readFileSync(join(WIKI_DIR, 'summary', f), 'utf8')) as Record<string, any>)
    .filter((s) => words.length && words.every((w) => String(s.titles.normalized).toLowerCase().includes(w)))
    // Exact title first, then shorter titles, as a relevance stand-in.
    .sort(
      (a, b) =>
        Number(b.titles.normalized.toLowerCase() === words.join(' ')) -
          Number(a.titles.normalized.toLowerCase() === words.join(' ')) ||
        a.titles.normalized.length - b.titles.normalized.length,
    )
    .slice(0, limit)
    .map((s, i) => ({
      pageid: s.pageid,
      ns: 0,
      title: s.titles.normalized,
      index: i + 1,
      ...(s.description
        ? { description: s.description, descriptionsource: s.description_source ?? 'local' }
        : {}),
      ...(s.coordinates
        ? { coordinates: [{ lat: s.coordinates.lat, lon: s.coordinates.lon, primary: true, globe: 'earth' }] }
        : {}),
      ...(s.type === 'disambiguation' ? { pageprops: { disambiguation: '' } } : {}),
    }));
  sendJson(res, 200, pages.length ? { batchcomplete: true, query: { pages } } : { batchcomplete: true });
}

/** Wikidata `wbgetentities` in the real format, from tests/fixtures/wikidata/<QID>.json, filtered by `props`. */
function wikidata(res: ServerResponse, url: URL): void {
  const q = url.searchParams;
  if (q.get('action') !== 'wbgetentities')
    return sendJson(res, 400, { error: { code: 'badvalue', info: 'The mock answers wbgetentities only.' } });
  const props = (q.get('props') ?? 'info|sitelinks|aliases|labels|descriptions|claims|datatype').split('|');
  const entities: Record<string, unknown> = {};
  for (const id of (q.get('ids') ?? '').split('|').filter((x) => /^Q\d+$/.test(x))) {
    const file = join(WIKIDATA_DIR, `${id}.json`);
    if (!existsSync(file)) {
      entities[id] = { id, missing: '' };
      continue;
    }
    const e = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const out: Record<string, unknown> = { type: e.type, id: e.id };
    for (const p of ['labels', 'descriptions', 'aliases', 'claims', 'sitelinks'])
      if (props.includes(p)) out[p] = e[p];
    if (props.includes('info'))
      Object.assign(out, {
        pageid: e.pageid,
        ns: e.ns,
        title: e.title,
        lastrevid: e.lastrevid,
        modified: e.modified,
      });
    entities[id] = out;
  }
  sendJson(res, 200, { entities, success: 1 });
}

/** A placeholder image for any thumbnail path: a tinted SVG with the file's initials. */
function media(res: ServerResponse, path: string): void {
  const name = decodeURIComponent(path.split('/').pop() ?? '?').replace(/^\d+px-/, '');
  const hue = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  const label = name
    .replace(/\.[a-z]+$/i, '')
    .replace(/[_-]+/g, ' ')
    .slice(0, 18);
  cors(res);
  res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-store' });
  res.end(
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240"><rect width="320" height="240" fill="hsl(${hue} 45% 55%)"/><text x="160" y="128" font-family="sans-serif" font-size="20" fill="#fff" text-anchor="middle">${label.replace(/[<&>]/g, '')}</text></svg>`,
  );
}

function serveStatic(res: ServerResponse, pathname: string): boolean {
  for (const [prefix, dir] of MOUNTS) {
    if (!pathname.startsWith(prefix)) continue;
    const file = normalize(join(dir, decodeURIComponent(pathname.slice(prefix.length))));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) return false;
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    res.end(readFileSync(file));
    return true;
  }
  return false;
}

export async function startServer(port = 0): Promise<LocalServer> {
  const routes = new Map<string, Handler>();
  const apiRequests: RecordedRequest[] = [];
  let origin = '';
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    try {
      const dynamic = routes.get(url.pathname);
      if (dynamic) return void (await dynamic(req, res, url));
      if (url.pathname.startsWith('/wiki/') || url.pathname.startsWith('/wikidata/')) {
        apiRequests.push({
          method: req.method ?? 'GET',
          path: url.pathname + url.search,
          headers: req.headers,
        });
        if (req.method === 'OPTIONS') {
          cors(res);
          res.writeHead(204);
          return void res.end();
        }
        const m = /^\/wiki\/api\/rest_v1\/page\/summary\/(.+)$/.exec(url.pathname);
        if (m) return summary(res, m[1], origin);
        if (url.pathname === '/wiki/w/api.php') return search(res, url);
        if (url.pathname === '/wikidata/w/api.php') return wikidata(res, url);
        return sendJson(res, 404, { error: 'unknown mock endpoint' });
      }
      if (url.pathname.startsWith('/wiki-media/')) {
        apiRequests.push({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers });
        return media(res, url.pathname);
      }
      if (serveStatic(res, url.pathname)) return;
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    } catch (e) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(e));
    }
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  origin = `http://127.0.0.1:${actual}`;
  return {
    origin,
    port: actual,
    apiRequests,
    route: (path, handler) => void routes.set(path, handler),
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/** The Wikipedia REST base URL of the mock, for the extension's settings. */
export const wikiEndpoint = (server: LocalServer) => `${server.origin}/wiki/api/rest_v1`;

/** The Wikidata API URL of the mock. */
export const wikidataEndpoint = (server: LocalServer) => `${server.origin}/wikidata/w/api.php`;

/** Settings that point every lookup at the mock. */
export const mockEndpoints = (server: LocalServer) => ({
  wikipediaEndpoint: wikiEndpoint(server),
  wikidataEndpoint: wikidataEndpoint(server),
});
