/**
 * Which remote URLs the extension uses. Answers from Wikipedia are data from the network: a link the
 * card shows must be an https article on the wiki the reader configured, an image must come from
 * Wikimedia's upload host, and the endpoints themselves must be Wikimedia's over https. The test build
 * (`BACKSTORY_TEST_BUILD`, or vitest) also allows the local mock, on the endpoint's own origin.
 */

/** Truthy in the test build (and under vitest); undefined in the store build. */
export function isTestBuild(): boolean {
  const env = (import.meta as { env?: Record<string, unknown> }).env;
  return !!env && (!!env.BACKSTORY_TEST_BUILD || env.MODE === 'test');
}

const WIKIMEDIA_HOST = /(^|\.)(wikipedia|wikidata|wikimedia|mediawiki)\.org$/;
export const UPLOAD_HOST = 'upload.wikimedia.org';

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > 4096) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const isMockOrigin = (u: URL) =>
  (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;

/** An API endpoint the background may call: https on a Wikimedia host (the test build: any http(s) origin). */
export function allowedEndpoint(url: unknown, test = isTestBuild()): boolean {
  const u = parse(url);
  if (!u || u.username || u.password) return false;
  if (test && isMockOrigin(u)) return true;
  return u.protocol === 'https:' && WIKIMEDIA_HOST.test(u.hostname);
}

/** The article link for a card: https on the configured wiki's host, or nothing. */
export function articleUrl(url: unknown, endpoint: string, test = isTestBuild()): string | undefined {
  const u = parse(url);
  const base = parse(endpoint);
  if (!u || !base || u.username || u.password) return undefined;
  if (test && isMockOrigin(u) && u.origin === base.origin) return u.href;
  return u.protocol === 'https:' && u.host === base.host && base.protocol === 'https:' ? u.href : undefined;
}

/** A thumbnail the background may fetch: https on Wikimedia's upload host (the test build: the mock's origin). */
export function imageUrl(url: unknown, endpoint: string, test = isTestBuild()): string | undefined {
  const u = parse(url);
  if (!u || u.username || u.password) return undefined;
  if (test && isMockOrigin(u) && u.origin === parse(endpoint)?.origin) return u.href;
  return u.protocol === 'https:' && u.hostname === UPLOAD_HOST && !u.port ? u.href : undefined;
}
