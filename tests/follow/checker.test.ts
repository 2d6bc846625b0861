import { describe, expect, it, vi } from 'vitest';
import { FollowChecker, viewOf, type CheckerDeps } from '../../src/follow/checker';
import { parsePage } from '../../src/follow/parse';
import { MINUTE } from '../../src/follow/schedule';
import {
  addFollow,
  addWatch,
  getFollow,
  newFollow,
  openFollowStore,
  type FollowDB,
} from '../../src/follow/store';
import { fromSummary } from '../../src/follow/diff';
import { CHECK_MEASURE, type CheckTiming } from '../../src/follow/timing';

const P = 5 * MINUTE;
let dbCount = 0;

/** A WordPress-liveblog page with these entries (newest first), as the e2e server serves it. */
function blogHtml(ids: number[], extra: Record<number, string> = {}): string {
  const entry = (id: number) =>
    `<article id="id_${id}" class="liveblog-entry"><a class="liveblog-meta-time" href="#${id}"><span>10:${String(id).padStart(2, '0')}</span></a><div class="liveblog-entry-content"><p>${extra[id] ?? `Officials gave update number ${id} on the floods this morning.`}</p></div></article>`;
  return `<!doctype html><title>Floods live</title><body><div class="liveblog-feed">${ids.map(entry).join('')}</div></body>`;
}

interface Site {
  html: string;
  etag: string;
  requests: Array<{ url: string; init: RequestInit }>;
  status?: number;
}

function fakeFetch(sites: Record<string, Site>, gate?: () => Promise<void>): typeof fetch {
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const site = sites[url];
    site.requests.push({ url, init });
    await gate?.();
    if (site.status) return new Response('no', { status: site.status });
    const inm = (init.headers as Record<string, string>)['If-None-Match'];
    if (inm === site.etag) return new Response(null, { status: 304, headers: { ETag: site.etag } });
    return new Response(site.html, {
      status: 200,
      headers: { ETag: site.etag, 'Content-Type': 'text/html' },
    });
  }) as typeof fetch;
}

async function setup(over: Partial<CheckerDeps> = {}, sites: Record<string, Site> = {}) {
  const db = await openFollowStore(`follow-test-${++dbCount}`);
  let clock = Date.parse('2026-05-01T12:00:00Z');
  const wakes: Array<number | null> = [];
  const found: Array<[string, string[]]> = [];
  const deps: CheckerDeps = {
    db: async () => db,
    shownIds: async () => new Set(),
    allowed: async () => true,
    parse: (req) => parsePage(req),
    fetch: fakeFetch(sites),
    period: async () => P,
    wakeAt: async (w) => void wakes.push(w),
    onFound: (rec, added) => void found.push([rec.url, added.map((a) => a.id)]),
    now: () => clock,
    ...over,
  };
  return {
    db,
    deps,
    wakes,
    found,
    checker: new FollowChecker(deps),
    advance: (ms: number) => (clock += ms),
    now: () => clock,
  };
}

const site = (ids: number[], etag = '"v1"'): Site => ({ html: blogHtml(ids), etag, requests: [] });
const URL_A = 'http://news.test/live/a';

async function follow(db: FollowDB, url: string, ids: number[], now: number, over = {}) {
  const baseline = (await parsePage({
    html: blogHtml(ids),
    url,
    finalUrl: url,
    known: [],
    watches: [],
    now,
  })) as {
    entries: { id: string; label: string; time?: string; firstLine: string }[];
  };
  await addFollow(
    db,
    newFollow(url, 'Floods live', now, {
      baseline: baseline.entries.map(fromSummary),
      firstCheck: now,
      ...over,
    }),
  );
}

describe('a round of checks', () => {
  it('finds new updates once, stores them as found, and sets the alarm one period on', async () => {
    const sites = { [URL_A]: site([3, 2, 1]) };
    const t = await setup({}, sites);
    await follow(t.db, URL_A, [2, 1], t.now());
    await t.checker.tick();
    const rec = (await getFollow(t.db, URL_A))!;
    expect(rec.found.map((f) => f.id)).toEqual(['id_3']);
    expect(rec.found[0].firstLine).toBe('Officials gave update number 3 on the floods this morning.');
    expect(t.found).toEqual([[URL_A, ['id_3']]]);
    expect(t.wakes.at(-1)).toBe(t.now() + P);
    // The next round is due one period later; an unchanged page answers 304 and finds nothing again.
    t.advance(P);
    await t.checker.tick();
    expect(sites[URL_A].requests).toHaveLength(2);
    expect((sites[URL_A].requests[1].init.headers as Record<string, string>)['If-None-Match']).toBe('"v1"');
    expect((await getFollow(t.db, URL_A))!.found.map((f) => f.id)).toEqual(['id_3']);
    expect(t.found).toHaveLength(1);
  });
  it('sets an alarm before the round, so a worker stopped during it is woken again', async () => {
    const sites = { [URL_A]: site([1, 2, 3]) };
    // The worker stops while the page is fetched: the round never reaches its end.
    const t = await setup({ fetch: () => new Promise<Response>(() => undefined) }, sites);
    await follow(t.db, URL_A, [1, 2], t.now());
    void t.checker.tick();
    for (let i = 0; i < 100 && !t.wakes.length; i++) await new Promise((r) => setTimeout(r, 10));
    expect(t.wakes).toEqual([t.now() + P]);
  });

  it('notes how long each check took, for the bench (the background’s own User Timing)', async () => {
    performance.clearMeasures(CHECK_MEASURE);
    const sites = { [URL_A]: site([3, 2, 1]) };
    const t = await setup({}, sites);
    await follow(t.db, URL_A, [2, 1], t.now());
    await t.checker.tick();
    t.advance(P);
    await t.checker.tick();
    const notes = performance.getEntriesByName(CHECK_MEASURE) as PerformanceMeasure[];
    expect(notes.map((n) => (n.detail as CheckTiming).outcome)).toEqual(['changed', 'unchanged']);
    const [changed, unchanged] = notes.map((n) => n.detail as CheckTiming);
    expect(changed).toMatchObject({ url: URL_A, added: 1 });
    expect(changed.parseMs).toBeGreaterThan(0);
    expect(unchanged).toMatchObject({ added: 0, parseMs: 0 });
    expect(notes[0].duration).toBeGreaterThanOrEqual(changed.fetchMs + changed.parseMs);
  });

  it('checks nothing before it is due', async () => {
    const sites = { [URL_A]: site([2, 1]) };
    const t = await setup({}, sites);
    await follow(t.db, URL_A, [2, 1], t.now(), { firstCheck: t.now() + P });
    await t.checker.tick();
    expect(sites[URL_A].requests).toHaveLength(0);
    expect(t.wakes.at(-1)).toBe(t.now() + P);
  });
  it('sends no cookies unless the reader allowed them for the blog', async () => {
    const sites = { [URL_A]: site([2, 1]) };
    const t = await setup({}, sites);
    await follow(t.db, URL_A, [2, 1], t.now());
    await t.checker.tick();
    expect(sites[URL_A].requests[0].init.credentials).toBe('omit');
    const { patchFollow } = await import('../../src/follow/store');
    await patchFollow(t.db, URL_A, { cookies: true });
    t.advance(P);
    await t.checker.tick();
    expect(sites[URL_A].requests[1].init.credentials).toBe('include');
  });
  it('never requests a site the reader has not enabled, and says so', async () => {
    const sites = { [URL_A]: site([2, 1]) };
    const t = await setup({ allowed: async () => false }, sites);
    await follow(t.db, URL_A, [2, 1], t.now());
    await t.checker.tick();
    expect(sites[URL_A].requests).toHaveLength(0);
    expect((await getFollow(t.db, URL_A))!.problem?.reason).toBe('not-enabled');
  });
  it('marks a blog it cannot read with the reason, and backs off', async () => {
    const sites = { [URL_A]: { ...site([2, 1]), status: 403 } };
    const t = await setup({}, sites);
    await follow(t.db, URL_A, [2, 1], t.now());
    await t.checker.tick();
    const rec = (await getFollow(t.db, URL_A))!;
    expect(rec.problem).toMatchObject({ reason: 'login-wall', detail: 'HTTP 403' });
    expect(rec.nextCheck).toBe(t.now() + 2 * P);
  });
  it('one request per site at a time, several sites at once', async () => {
    const b = 'http://news.test/live/b';
    const c = 'http://other.test/live/c';
    const sites: Record<string, Site> = { [URL_A]: site([1]), [b]: site([1]), [c]: site([1]) };
    const inFlight: Record<string, number> = {};
    const most: Record<string, number> = {};
    const gate = async () => {
      await new Promise((r) => setTimeout(r, 5));
    };
    const base = fakeFetch(sites, gate);
    const counting = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const host = new URL(String(input)).host;
      inFlight[host] = (inFlight[host] ?? 0) + 1;
      most[host] = Math.max(most[host] ?? 0, inFlight[host]);
      try {
        return await base(input, init);
      } finally {
        inFlight[host]--;
      }
    }) as typeof fetch;
    const t = await setup({ fetch: counting }, sites);
    for (const u of [URL_A, b, c]) await follow(t.db, u, [1], t.now());
    await t.checker.tick();
    expect(most).toEqual({ 'news.test': 1, 'other.test': 1 });
    expect([URL_A, b, c].map((u) => sites[u].requests.length)).toEqual([1, 1, 1]);
  });
  it('a stopped service worker loses nothing: a new checker continues from the store', async () => {
    const sites = { [URL_A]: site([2, 1]) };
    const t = await setup({}, sites);
    await follow(t.db, URL_A, [1], t.now());
    await t.checker.tick();
    // The worker stops; a new one starts with nothing in memory.
    sites[URL_A] = { ...site([3, 2, 1], '"v2"'), requests: [] };
    t.advance(P);
    await new FollowChecker(t.deps).tick();
    expect((await getFollow(t.db, URL_A))!.found.map((f) => f.id)).toEqual(['id_3', 'id_2']);
  });
  it('what the reader was shown on a visit is no longer found', async () => {
    const sites = { [URL_A]: site([3, 2, 1]) };
    const t = await setup({}, sites);
    await follow(t.db, URL_A, [1], t.now());
    await t.checker.tick();
    const rec = (await getFollow(t.db, URL_A))!;
    expect(viewOf(rec, new Set(['id_2'])).found.map((f) => f.id)).toEqual(['id_3']);
  });
  it('an imported follow has no baseline: its first check sets one and finds nothing', async () => {
    const sites = { [URL_A]: site([3, 2, 1]) };
    const t = await setup({}, sites);
    await addFollow(t.db, newFollow(URL_A, 'x', t.now(), { baseline: null }));
    await t.checker.tick();
    const rec = (await getFollow(t.db, URL_A))!;
    expect(rec.baselined).toBe(true);
    expect(rec.found).toEqual([]);
    expect(sites[URL_A].requests[0].init.headers).not.toHaveProperty('If-None-Match');
  });
  it('watched names in new updates are kept with the update', async () => {
    const sites = {
      [URL_A]: {
        html: blogHtml([2, 1], { 2: 'Turkish-backed forces entered al-Bab on Thursday, officials said.' }),
        etag: '"x"',
        requests: [],
      },
    };
    const t = await setup({}, sites);
    await follow(t.db, URL_A, [1], t.now());
    await addWatch(t.db, 'al-Bab');
    await t.checker.tick();
    expect((await getFollow(t.db, URL_A))!.hits).toEqual([
      {
        watch: 'al bab',
        updateId: 'id_2',
        sentence: 'Turkish-backed forces entered al-Bab on Thursday, officials said.',
      },
    ]);
  });
  it('a check finishing after the reader unfollowed writes nothing back', async () => {
    const sites = { [URL_A]: site([2, 1]) };
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const t = await setup({ fetch: fakeFetch(sites, () => held) }, sites);
    await follow(t.db, URL_A, [1], t.now());
    const round = t.checker.tick();
    await vi.waitFor(() => expect(sites[URL_A].requests).toHaveLength(1));
    const { removeFollow } = await import('../../src/follow/store');
    await removeFollow(t.db, URL_A);
    release();
    await round;
    expect(await getFollow(t.db, URL_A)).toBeUndefined();
  });
});
