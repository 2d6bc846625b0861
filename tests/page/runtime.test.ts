/**
 * The content script's runtime: features isolated from each other's failures (one throws, the others
 * work, the failure is reported once with no page text), and soft navigation (a URL changed by script
 * ends the page's session and starts one for the new page once it has settled).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundProtocol, ErrorReport } from '../../src/messaging/protocol';
import { listen } from '../../src/messaging/router';
import { DetectService } from '../../src/background/detect';
import type { Feature, FeatureId } from '../../src/page/context';
import { resetReported } from '../../src/page/errors';
import { LiveBlogWatch } from '../../src/page/liveblog-watch';
import { runSliced, SLICE_MS } from '../../src/page/schedule';
import { FEATURES, PageRuntime, PageSession, type RuntimeOptions } from '../../src/page/session';
import { recordReport } from '../../src/reading/store';
import { openStore, type DB } from '../../src/storage';
import type { PageReport } from '../../src/reading/types';
import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { giveMoreHere } from './more';
import { until } from '../helpers';

/** A Norkon live blog (the shape tests/page/reading.test.ts uses), one sentence of names per post. */
const blog = (posts: Array<[number, string]>) =>
  `<main><h1>Live</h1><div class="ncpost-list-container">${posts
    .map(
      ([n, text]) =>
        `<div class="ncpost-list-post"><div class="ncpost-container" data-ncpost-id="${n}"><div class="ncpost-header"><time datetime="2023-06-21T1${n % 10}:00:00Z" class="ncpost-timestamp">1${n % 10}:00</time></div><h3 class="ncpost-title">Post ${n}</h3><div class="ncpost-content"><p>${text}</p></div></div></div>`,
    )
    .join('')}</div></main>`;

const BLOG_A = blog([
  [4, 'Angela Merkel said in Berlin that the talks would go on.'],
  [3, 'The German chancellor Angela Merkel met union leaders.'],
  [2, 'Berlin police closed the roads around the Reichstag.'],
  [1, 'Angela Merkel arrived in Berlin this morning.'],
]);
const BLOG_B = blog([
  [8, 'Emmanuel Macron spoke in Paris after the vote.'],
  [7, 'Protesters gathered in Paris as Emmanuel Macron left the palace.'],
]);
const ARTICLE = `<main><article><h1>Talks in Moscow</h1><p>Vladimir Putin received the delegation in Moscow on Tuesday, the Kremlin said.</p><p>Vladimir Putin said the talks in Moscow had been useful and that more would follow next month.</p></article></main>`;

let db: DB;
let dbCount = 0;
let reports: PageReport[];
let leaves: string[];
let errors: ErrorReport[];
let stopBackground: () => void;
let ctl: AbortController;

const detection = new DetectService();

function background(handlers: Partial<{ errors: boolean }> = { errors: true }) {
  stopBackground = listen<BackgroundProtocol>({
    ...giveMoreHere,
    'page:report': (report) => {
      reports.push(report);
      return recordReport(db, report);
    },
    'page:leave': ({ visit }) => void leaves.push(visit),
    // Names are found in the background: the same service, in-process.
    'names:detect': (req, sender) => detection.handle(req, `${sender.tab?.id ?? 'none'}:0`),
    ...(handlers.errors ? { 'errors:log': (e: ErrorReport) => void errors.push(e) } : {}),
  });
}

const names = (s: PageSession | null) => [...(s?.names.entities.values() ?? [])].map((e) => e.name).sort();

/** The features, with the given ones made to fail as they start: names after a first await, the others at once. */
const failing = (...ids: FeatureId[]): Feature[] =>
  FEATURES.map((f) => {
    if (!ids.includes(f.id)) return f;
    const error = () => new Error(`${f.id} broke at ${location.href}`);
    return f.id === 'names'
      ? {
          id: f.id,
          init: async () => {
            await null;
            throw error();
          },
        }
      : {
          id: f.id,
          init: () => {
            throw error();
          },
        };
  });

function run(options: RuntimeOptions = {}): PageRuntime {
  const runtime = new PageRuntime(document, { ...DEFAULT_SETTINGS }, ctl.signal, {
    quietMs: 40,
    settleMaxMs: 1000,
    urls: { pollMs: 30, navigationApi: false },
    ...options,
  });
  runtime.start();
  return runtime;
}

beforeEach(async () => {
  history.replaceState(null, '', '/live/a');
  document.body.innerHTML = BLOG_A;
  db = await openStore(`runtime-${dbCount++}`);
  reports = [];
  leaves = [];
  errors = [];
  resetReported();
  ctl = new AbortController();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  ctl.abort();
  stopBackground?.();
  vi.restoreAllMocks();
  for (const h of document.querySelectorAll('[data-backstory-host]')) h.remove();
});

describe('features in isolation', () => {
  it('runs every feature when reading throws: names found, cards ready; the failure logged once, without page text', async () => {
    background();
    const runtime = run({ features: failing('reading') });
    await runtime.ready;
    const s = runtime.session!;
    expect(names(s)).toEqual(expect.arrayContaining(['Angela Merkel', 'Berlin']));
    expect(s.cards).not.toBeNull();
    expect(s.failed).toEqual(['reading']);
    expect(reports).toEqual([]);
    await until(() => errors.length, 'errors:log');
    expect(errors).toHaveLength(1);
    const [e] = errors;
    expect(Object.keys(e).sort()).toEqual(['feature', 'message', 'origin', 'stack']);
    expect(e.feature).toBe('reading');
    expect(e.message).toBe(`Error: reading broke at ${location.origin}`);
    expect(e.origin).toBe(location.origin);
    // The page's address is cut to its origin wherever it appears.
    expect(JSON.stringify(e)).not.toContain('/live/a');
    expect(e.stack!.length).toBeLessThanOrEqual(1500);
  });

  it('reports the updates when the names feature throws, and the markers when cards throw', async () => {
    background();
    const runtime = run({ features: failing('names', 'cards') });
    await runtime.ready;
    const report = await until(() => reports[0], 'page:report');
    expect(report.updates.map((u) => u.id)).toEqual(['4', '3', '2', '1']);
    expect(runtime.session!.reading).not.toBeNull();
    expect(names(runtime.session)).toEqual([]);
    await until(() => errors.length === 2, 'two errors');
    expect(errors.map((e) => e.feature).sort()).toEqual(['cards', 'names']);
  });

  it('logs a failure that repeats on every page of the tab once', async () => {
    background();
    const runtime = run({ features: failing('cards') });
    await runtime.ready;
    history.pushState(null, '', '/live/b');
    document.body.innerHTML = BLOG_B;
    await until(() => runtime.session?.url.endsWith('/live/b'), 'second session');
    await runtime.ready;
    await new Promise((r) => setTimeout(r, 50));
    expect(runtime.session!.failed).toEqual(['cards']);
    expect(errors).toHaveLength(1);
  });

  it('goes on quietly when the background has no error log yet', async () => {
    background({ errors: false });
    const runtime = run({ features: failing('markers') });
    await runtime.ready;
    await until(() => reports[0], 'page:report');
    expect(names(runtime.session)).toContain('Angela Merkel');
  });

  it('a listener that throws is reported under its feature, and the others still get the event', async () => {
    background();
    const seen: string[] = [];
    const thrower: Feature = {
      id: 'markers',
      init: (ctx, signal) =>
        ctx.on(
          'names',
          () => {
            throw new Error('boom');
          },
          signal,
        ),
    };
    const witness: Feature = {
      id: 'cards',
      init: (ctx, signal) => ctx.on('names', () => void seen.push('names'), signal),
    };
    const runtime = run({ features: [FEATURES[0], thrower, witness] });
    await runtime.ready;
    // Names start before the others (they need no live blog): a change the page makes reaches them all.
    document
      .querySelector('main')!
      .append(Object.assign(document.createElement('p'), { textContent: 'Emmanuel Macron spoke in Paris.' }));
    await until(() => seen.length, 'a names event');
    await until(() => errors.length, 'errors:log');
    expect(errors[0].feature).toBe('markers');
  });
});

describe('outside a secure context (plain-http sites)', () => {
  it('tracks a live blog where crypto.randomUUID does not exist', async () => {
    background();
    // What an http page's content script sees: no randomUUID at all.
    vi.spyOn(crypto, 'randomUUID').mockImplementation(() => {
      throw new TypeError('crypto.randomUUID is not a function');
    });
    const runtime = run();
    await runtime.ready;
    const report = await until(() => reports[0], 'page:report');
    expect(report.visit).toMatch(/^[0-9a-f]{32}$/);
    expect(errors).toEqual([]);
  });
});

describe('soft navigation', () => {
  it('ends the page on a URL change by script and starts the next one once the page has swapped its content', async () => {
    background();
    const runtime = run();
    await runtime.ready;
    const a = runtime.session!;
    const first = await until(() => reports[0], 'report of A');
    expect(first.url).toBe(location.origin + '/live/a');
    expect(names(a)).toEqual(expect.arrayContaining(['Angela Merkel', 'Berlin']));
    const signals: AbortSignal[] = [];
    const spy: Feature = { id: 'cards', init: (_ctx, signal) => void signals.push(signal) };
    (runtime as unknown as { options: RuntimeOptions }).options.features = [...FEATURES, spy];

    // The page pushes the new URL first and swaps its content a moment later, in two steps.
    history.pushState(null, '', '/live/b');
    await until(() => runtime.session === null, 'old session ended');
    expect(a.reading).toBeNull();
    expect(a.cards).toBeNull();
    expect(leaves).toEqual([first.visit]);
    document.querySelector('main')!.innerHTML = '<p>Loading…</p>';
    await new Promise((r) => setTimeout(r, 20));
    document.body.innerHTML = BLOG_B;
    const b = await until(() => runtime.session, 'new session');
    await runtime.ready;
    expect(b.url).toBe(location.origin + '/live/b');
    const second = await until(() => reports.find((r) => r.url.endsWith('/live/b')), 'report of B');
    expect(second.updates.map((u) => u.id)).toEqual(['8', '7']);
    expect(second.visit).not.toBe(first.visit);
    expect(names(b)).toEqual(expect.arrayContaining(['Emmanuel Macron', 'Paris']));
    expect(names(b)).not.toContain('Angela Merkel');
    // One report for each page, none of A's updates sent under B's address.
    expect(reports.map((r) => r.url.replace(location.origin, ''))).toEqual(['/live/a', '/live/b']);

    // On to an ordinary article: no live blog, its own names, B left.
    history.pushState(null, '', '/news/moscow-talks');
    document.body.innerHTML = ARTICLE;
    await until(() => runtime.session?.url.endsWith('/news/moscow-talks'), 'article session');
    await runtime.ready;
    const c = runtime.session!;
    expect(c.liveblog).toBeNull();
    expect(c.reading).toBeNull();
    expect(names(c)).toEqual(expect.arrayContaining(['Vladimir Putin', 'Moscow']));
    expect(leaves).toEqual([first.visit, second.visit]);
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
    expect(reports).toHaveLength(2);
  });

  it('keeps the session for a change of fragment or tracking parameter (same page)', async () => {
    background();
    const runtime = run();
    await runtime.ready;
    const a = runtime.session;
    location.hash = 'post-3';
    history.replaceState(null, '', '/live/a?utm_source=x#post-2');
    await new Promise((r) => setTimeout(r, 150));
    expect(runtime.session).toBe(a);
    expect(leaves).toEqual([]);
  });

  it('follows the Navigation API where the browser has it, with no polling', async () => {
    background();
    const navigation = new EventTarget();
    Object.defineProperty(window, 'navigation', { value: navigation, configurable: true });
    try {
      const interval = vi.spyOn(window, 'setInterval');
      const runtime = run({ urls: { navigationApi: true } });
      await runtime.ready;
      const a = runtime.session;
      expect(interval.mock.calls.filter(([, ms]) => ms === 30)).toEqual([]);
      // No DOM change and no poll: only the Navigation API's event can tell.
      history.pushState(null, '', '/live/b');
      await new Promise((r) => setTimeout(r, 100));
      expect(runtime.session).toBe(a);
      navigation.dispatchEvent(new Event('currententrychange'));
      await until(() => runtime.session && runtime.session !== a, 'new session');
      await runtime.ready;
      expect(runtime.session!.url).toBe(location.origin + '/live/b');
    } finally {
      delete (window as { navigation?: unknown }).navigation;
    }
  });

  it('comes back on popstate (the reader goes back)', async () => {
    background();
    const runtime = run();
    await runtime.ready;
    history.pushState(null, '', '/live/b');
    document.body.innerHTML = BLOG_B;
    await until(() => runtime.session?.url.endsWith('/live/b'), 'session of B');
    await runtime.ready;
    history.replaceState(null, '', '/live/a');
    document.body.innerHTML = BLOG_A;
    window.dispatchEvent(new PopStateEvent('popstate'));
    await until(() => runtime.session?.url.endsWith('/live/a'), 'session of A again');
    await runtime.ready;
    expect(names(runtime.session)).toContain('Angela Merkel');
  });
});

describe("a session's start", () => {
  /**
   * A names feature that, like the real one, does work before its first sliced loop (a slice's worth here),
   * then records whether the loop gave the page a turn between its first two steps: it does only when the
   * slice was begun before the feature ran, in the task that started the session.
   */
  function probe(yielded: boolean[]): Feature {
    return {
      id: 'names',
      async init() {
        const end = performance.now() + SLICE_MS + 2;
        while (performance.now() < end);
        let turned = false;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (turned = true);
        channel.port2.postMessage(null);
        let steps = 0;
        let between = false;
        await runSliced(() => {
          if (++steps === 2) between = turned;
          return steps < 2;
        });
        channel.port1.close();
        yielded.push(between);
      },
    };
  }

  it("counts against the names' first slice: on the first page, after a soft navigation, after the reader's answer", async () => {
    background();
    const yielded: boolean[] = [];
    const runtime = run({ features: [probe(yielded)] });
    await runtime.ready;
    await until(() => yielded.length === 1, 'first session');
    history.pushState(null, '', '/live/b');
    document.body.innerHTML = BLOG_B;
    await until(() => yielded.length === 2, 'session after navigation');
    // Once the live blog has been looked for and its last slice is over (a slice the answer's task found
    // still open would make the loop yield whatever the session does)…
    await until(() => runtime.session?.liveBlogLooked, 'live blog looked for');
    await new Promise((r) => setTimeout(r, 20));
    // …the reader answers "track this site's live blogs?": the page starts again.
    await browser.storage.local.set({
      settings: { ...DEFAULT_SETTINGS, liveBlogSites: { [location.hostname]: true } },
    });
    await until(() => yielded.length === 3, 'session after the answer');
    expect(yielded).toEqual([true, true, true]);
  });
});

describe('the feature list', () => {
  it('runs names, reading, markers, cards and story, each once', () => {
    expect(FEATURES.map((f) => f.id)).toEqual(['names', 'reading', 'markers', 'cards', 'story']);
  });
});

describe('the scope follows the page', () => {
  it('a page that replaces its <main> (or its whole <body>) gets the new one read', async () => {
    background();
    const runtime = run();
    await runtime.ready;
    expect(names(runtime.session)).toEqual(expect.arrayContaining(['Angela Merkel']));
    // Same URL, new article: the kind of swap a page makes when it re-renders its content root.
    document.querySelector('main')!.replaceWith(
      Object.assign(document.createElement('main'), {
        innerHTML: '<p>Vladimir Putin received the delegation in Moscow on Tuesday, the Kremlin said.</p>',
      }),
    );
    await until(() => names(runtime.session).includes('Vladimir Putin'), 'names of the new <main>');
    document.body.replaceWith(
      Object.assign(document.createElement('body'), {
        innerHTML: '<main><p>Emmanuel Macron spoke in Paris on Wednesday about the summit.</p></main>',
      }),
    );
    await until(() => names(runtime.session).includes('Emmanuel Macron'), 'names of the new <body>');
  });
});

describe('start order', () => {
  it('looks for the live blog once the names in view are drawn: its yielding slices held their answer back', async () => {
    const start = vi.spyOn(LiveBlogWatch.prototype, 'start');
    const ctl = new AbortController();
    try {
      const names: Feature = { id: 'names', init: () => new Promise<void>(() => {}) };
      const s = new PageSession(document, DEFAULT_SETTINGS, ctl.signal, [names]);
      let draw: () => void = () => {};
      Object.defineProperty(s.names, 'viewportDrawn', { value: new Promise<void>((r) => (draw = r)) });
      void s.start();
      await new Promise((r) => setTimeout(r, 60));
      expect(start).not.toHaveBeenCalled();
      draw();
      await new Promise((r) => setTimeout(r, 150));
      expect(start).toHaveBeenCalledTimes(1);
    } finally {
      ctl.abort();
      start.mockRestore();
    }
  });

  it('does not wait without a names feature', async () => {
    const start = vi.spyOn(LiveBlogWatch.prototype, 'start');
    const ctl = new AbortController();
    try {
      void new PageSession(document, DEFAULT_SETTINGS, ctl.signal, []).start();
      await Promise.resolve();
      expect(start).toHaveBeenCalledTimes(1);
    } finally {
      ctl.abort();
      start.mockRestore();
    }
  });
});
