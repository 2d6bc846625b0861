/**
 * Browsers for `npm run bench:page`: the same headless browser with the production build loaded the way
 * the tests load it, and without it, behind one small interface. Chromium (playwright-core) adds CDP:
 * Performance.getMetrics, garbage collection and tracing. Firefox ESR (puppeteer-core over WebDriver
 * BiDi) has none of those; the bench says so where a figure needs them.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import puppeteer, { type Browser as PBrowser, type Page as PPage } from 'puppeteer-core';
import { GECKO_ID } from '../../src/manifest';
import { packXpi } from '../../tests/e2e/harness/xpi';
import { requireBrowser } from './browsers';
import { CHROMIUM_ARGS, launchChromiumWithExtension, setExtensionSettings } from './chromium';
import { FIREFOX_PREFS, FIREFOX_UUID, firefoxArgs } from './firefox';
import type { TraceEvent } from './bench-trace';
import { CHECK_MEASURE, type CheckTiming } from '../../src/follow/timing';

export type BrowserKind = 'chromium' | 'firefox';
export const VIEWPORT = { width: 1280, height: 720 };

export interface Metrics {
  TaskDuration: number;
  ScriptDuration: number;
  JSHeapUsedSize: number;
  [name: string]: number;
}

export interface BenchPage {
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  press(key: string): Promise<void>;
  close(): Promise<void>;
  /** Chromium only (null elsewhere): the page renderer's counters, seconds and bytes. */
  metrics(): Promise<Metrics | null>;
  gc(): Promise<void>;
  /**
   * `sampled`: with the CPU profiler's samples, which tell the extension's promise continuations apart
   * (bench-trace.ts) but slow script on the page's thread; without, a trace that only places events.
   */
  startTrace(sampled?: boolean): Promise<boolean>;
  stopTrace(): Promise<TraceEvent[] | null>;
}

export interface BenchBrowser {
  kind: BrowserKind;
  extension: boolean;
  /** Opens `url` with `init` run first in every document; `before` runs after setup and before navigation. */
  open(url: string, init: string, before?: (p: BenchPage) => Promise<void>): Promise<BenchPage>;
  /** Entities the content script of the tab showing `url` knows (its page:ping answer); null without one. */
  names(url: string): Promise<number | null>;
  /**
   * The story panel for the tab showing `url`, opened as a page (Chromium with the extension; else null):
   * `run(fn)` evaluates in the panel.
   */
  panel?(
    url: string,
  ): Promise<{ run<T>(fn: () => T | Promise<T>): Promise<T>; close(): Promise<void> } | null>;
  /** Asks the background from an extension page, as the popup and options page do (with the extension only). */
  ask?(type: string, payload: unknown): Promise<unknown>;
  /** The background's notes of its follow checks (src/follow/timing.ts), read in the background itself. */
  checkTimings?(): Promise<CheckNote[] | null>;
  close(): Promise<void>;
}

/** One background check of a followed blog, as the background noted it. */
export interface CheckNote {
  duration: number;
  detail: CheckTiming;
}

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
];
/** CPU samples: the only trace of extension script resumed from a promise (see bench-trace.ts). */
const SAMPLES = 'disabled-by-default-v8.cpu_profiler';

/**
 * A function's source for the page: tsx's transform leaves `__name(...)` calls in nested named functions,
 * which the page does not have, so the source gets a local stand-in. Arguments travel as JSON.
 */
function source(fn: (arg: any) => unknown, arg?: unknown): string {
  return `((__name) => (${fn.toString()}))((f) => f)(${arg === undefined ? '' : JSON.stringify(arg)})`;
}

function chromiumPage(page: Page, cdp: CDPSession): BenchPage {
  let events: TraceEvent[] = [];
  let tracing: Promise<unknown> | null = null;
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  return {
    evaluate: (fn, arg) => page.evaluate(source(fn, arg)) as never,
    mouseMove: (x, y, steps = 4) => page.mouse.move(x, y, { steps }),
    press: (key) => page.keyboard.press(key),
    close: () => page.close(),
    async metrics() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(metrics.map((m) => [m.name, m.value])) as Metrics;
    },
    async gc() {
      await cdp.send('HeapProfiler.collectGarbage');
    },
    async startTrace(sampled = true) {
      events = [];
      tracing = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.start', {
        traceConfig: { includedCategories: sampled ? [...TRACE_CATEGORIES, SAMPLES] : TRACE_CATEGORIES },
        transferMode: 'ReportEvents',
      });
      return true;
    },
    async stopTrace() {
      if (!tracing) return null;
      await cdp.send('Tracing.end');
      await tracing;
      tracing = null;
      return events;
    },
  };
}

export async function launchChromiumBench(
  extension: boolean,
  buildDir: string,
  settings: Record<string, unknown>,
): Promise<BenchBrowser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'backstory-bench-chromium-'));
  let context: BrowserContext;
  let extensionId = '';
  if (extension) {
    ({ context, extensionId } = await launchChromiumWithExtension({
      extensionDir: buildDir,
      profileDir,
      viewport: VIEWPORT,
    }));
    await setExtensionSettings(context, extensionId, settings);
  } else {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: requireBrowser('chromium'),
      headless: true,
      viewport: VIEWPORT,
      args: CHROMIUM_ARGS,
    });
  }
  // The network is closed; nothing but the local server is ever asked.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  let probe: Page | null = null;
  return {
    kind: 'chromium',
    extension,
    async open(url, init, before) {
      const page = await context.newPage();
      await page.addInitScript(init);
      const cdp = await context.newCDPSession(page);
      // Thread time: what the page's main thread itself spent, however loaded the machine is.
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      const p = chromiumPage(page, cdp);
      if (before) await before(p);
      await page.goto(url, { waitUntil: 'load' });
      return p;
    },
    async names(url) {
      if (!extension) return null;
      if (!probe) {
        probe = await context.newPage();
        await probe.goto(`chrome-extension://${extensionId}/options.html`);
      }
      return probe.evaluate(source(ping, url)) as Promise<number | null>;
    },
    async panel(url) {
      if (!extension) return null;
      if (!probe) {
        probe = await context.newPage();
        await probe.goto(`chrome-extension://${extensionId}/options.html`);
      }
      const id = (await probe.evaluate(source(tabOf, url))) as number | null;
      if (id == null) return null;
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${id}`);
      return {
        run: (fn) => page.evaluate(source(fn)) as never,
        close: () => page.close(),
      };
    },
    async ask(type, payload) {
      if (!probe) {
        probe = await context.newPage();
        await probe.goto(`chrome-extension://${extensionId}/options.html`);
      }
      return probe.evaluate(source(askBackground, { type, payload }));
    },
    async checkTimings() {
      // The service worker's own User Timing: playwright evaluates in it (a stopped worker's notes are gone).
      const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId));
      if (!worker) return null;
      return (await worker.evaluate(source(notesOf, CHECK_MEASURE))) as CheckNote[];
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** In an extension page: one message to the background, answered or thrown. */
async function askBackground({ type, payload }: { type: string; payload: unknown }): Promise<unknown> {
  const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
  const reply = await api.runtime.sendMessage({ bs: 1, type, payload });
  if (!reply || 'error' in reply) throw new Error(`${type}: ${reply?.error ?? 'no answer'}`);
  return reply.ok;
}

/** In the background (or, Firefox, reaching it from an extension page): its notes of follow checks. */
async function notesOf(name: string): Promise<Array<{ duration: number; detail: unknown }>> {
  const api = (globalThis as any).browser;
  const scope = (api?.runtime?.getBackgroundPage ? await api.runtime.getBackgroundPage() : globalThis) as any;
  return [...scope.performance.getEntriesByName(name)].map((e: any) => ({
    duration: e.duration as number,
    detail: JSON.parse(JSON.stringify(e.detail)),
  }));
}

/** The id of the tab whose content script shows `url`. */
async function tabOf(url: string): Promise<number | null> {
  const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
  for (const tab of await api.tabs.query({})) {
    const answer = await api.tabs
      .sendMessage(tab.id, { bs: 1, type: 'page:ping', payload: {} })
      .catch(() => null);
    if (answer?.ok?.url === url) return tab.id as number;
  }
  return null;
}

/** Asks every tab's content script; the one showing `url` answers with the entities it knows. */
async function ping(url: string): Promise<number | null> {
  const api = ((globalThis as any).browser ?? (globalThis as any).chrome) as any;
  for (const tab of await api.tabs.query({})) {
    const answer = await api.tabs
      .sendMessage(tab.id, { bs: 1, type: 'page:ping', payload: {} })
      .catch(() => null);
    if (answer?.ok?.url === url) return typeof answer.ok.names === 'number' ? answer.ok.names : null;
  }
  return null;
}

function evaluateIn<T>(page: PPage, fn: (arg: any) => T | Promise<T>, arg?: unknown): Promise<T> {
  return page.evaluate(source(fn, arg)) as Promise<T>;
}

function firefoxPage(page: PPage): BenchPage {
  return {
    evaluate: (fn, arg) => evaluateIn(page, fn, arg),
    mouseMove: (x, y, steps = 4) => page.mouse.move(x, y, { steps }),
    press: (key) => page.keyboard.press(key as never),
    close: () => page.close(),
    metrics: async () => null,
    gc: async () => undefined,
    startTrace: async () => false,
    stopTrace: async () => null,
  };
}

export async function launchFirefoxBench(
  extension: boolean,
  buildDir: string,
  settings: Record<string, unknown>,
): Promise<BenchBrowser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'backstory-bench-firefox-'));
  if (extension) {
    // Installed as tests/e2e/harness/firefox.ts installs it: an .xpi in the profile, enabled at startup.
    mkdirSync(join(profileDir, 'extensions'));
    packXpi(buildDir, join(profileDir, 'extensions', `${GECKO_ID}.xpi`));
  }
  const browser: PBrowser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: requireBrowser('firefox'),
    headless: true,
    userDataDir: profileDir,
    defaultViewport: VIEWPORT,
    args: firefoxArgs(VIEWPORT),
    extraPrefsFirefox: FIREFOX_PREFS,
  });
  const extensionTab = async (): Promise<PPage> => {
    const page = await browser.newPage();
    // Over BiDi, goto to a moz-extension:// page never resolves although the page loads: poll instead.
    void page.goto(`moz-extension://${FIREFOX_UUID}/options.html`).catch(() => undefined);
    for (let i = 0; i < 150; i++) {
      if (
        await page
          .evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete')
          .catch(() => false)
      )
        return page;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the extension did not start in Firefox');
  };
  let probe: PPage | null = null;
  if (extension) {
    probe = await extensionTab();
    await evaluateIn(
      probe,
      async (patch: Record<string, unknown>) => {
        const b = (globalThis as any).browser;
        const cur = ((await b.storage.local.get('settings')).settings ?? {}) as Record<string, unknown>;
        await b.storage.local.set({ settings: { ...cur, ...patch } });
      },
      settings,
    );
  }
  return {
    kind: 'firefox',
    extension,
    async open(url, init, before) {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(init);
      const p = firefoxPage(page);
      if (before) await before(p);
      await page.goto(url, { waitUntil: 'load' });
      return p;
    },
    async names(url) {
      return probe ? evaluateIn(probe, ping, url) : null;
    },
    async ask(type, payload) {
      if (!probe) throw new Error('no extension in this browser');
      return evaluateIn(probe, askBackground, { type, payload });
    },
    async checkTimings() {
      // Firefox's background is a page: an extension page reaches its globals.
      return probe
        ? (evaluateIn(probe, notesOf, CHECK_MEASURE).catch(() => null) as Promise<CheckNote[] | null>)
        : null;
    },
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
