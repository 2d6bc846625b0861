/**
 * One interface over Chromium (playwright-core) and Firefox ESR (puppeteer-core over WebDriver BiDi),
 * so every real-browser scenario runs the same way in both. Always the production build; headless, unless
 * a test answers the browser's own permission prompts (`prompts: true`: headful on a virtual screen).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO } from '../../../scripts/lib/server';

export interface Tab {
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  wheel(deltaY: number): Promise<void>;
  press(key: string): Promise<void>;
  click(x: number, y: number): Promise<void>;
  reload(): Promise<void>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
  /** Runs a script's source in the page (not subject to the page's CSP): for injecting axe-core. */
  addScript(source: string): Promise<void>;
  /** Viewport size in CSS px and device scale: 640 × 360 at 2 is a 1280 × 720 window at 200% zoom. */
  setViewport(width: number, height: number, scale?: number): Promise<void>;
}

export interface Driver {
  /** Opens a web page and waits for its load event. */
  open(url: string): Promise<Tab>;
  /** Opens an extension page (popup.html?url=…, options.html) in a tab. */
  openExtensionPage(path: string): Promise<Tab>;
  /** Writes extension settings as the options page does (`settings:set` to the background). */
  setSettings(patch: Record<string, unknown>): Promise<void>;
  /** Closes the browser and starts it again on the same profile. */
  restart(): Promise<void>;
  /** Clicks Allow (or Deny) in the permission prompt the browser shows, once it can be pressed, and waits
   * for the prompt to close; returns the prompt's title. Only for a browser launched with `prompts: true`. */
  answerPermissionPrompt(answer: 'allow' | 'deny'): Promise<string>;
  close(): Promise<void>;
}

export const VIEWPORT = { width: 1280, height: 720 };

/** The built extension: the test build (local origins for the served pages, `npm run build:test`) unless
 * the store build (`npm run build`, what the stores get) is asked for. */
export function buildDir(browser: 'chrome' | 'firefox', build: 'test' | 'store' = 'test'): string {
  const dir = resolve(REPO, '.output', build === 'test' ? `${browser}-mv3-test` : `${browser}-mv3`);
  if (!existsSync(join(dir, 'manifest.json'))) {
    const command = build === 'test' ? 'npm run build:test' : 'npm run build';
    throw new Error(`No ${build} build in ${dir}: run "${command}" first (npm test does).`);
  }
  return dir;
}

export function tempProfile(name: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `backstory-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Polls until `fn` returns a truthy value (or the timeout passes, then throws with the last value).
 * `what` may be a function, read at the timeout: for saying what was observed along the way. */
export async function until<T>(
  fn: () => Promise<T> | T,
  { timeout = 10_000, interval = 100, what = 'condition' as string | (() => string) } = {},
): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  let error: unknown;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last as NonNullable<T>;
    } catch (e) {
      error = e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(
    `Timed out waiting for ${typeof what === 'function' ? what() : what}; last value: ${JSON.stringify(last)}${error ? `; last error: ${error}` : ''}`,
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
