/**
 * A feature that fails is reported once to the background (`errors:log`), for the error log the options
 * page shows. What is sent says where the code broke, never what the page says: the feature's id, the
 * error's message and stack, cut short, with the page's address reduced to its origin.
 */
import { ask } from '../messaging/client';
import type { ErrorReport } from '../messaging/protocol';

const MESSAGE_MAX = 300;
const STACK_MAX = 1500;

/** Failures already reported by this content script (a failure that repeats on every soft navigation says nothing new). */
const reported = new Set<string>();

export function errorReport(feature: string, error: unknown, pageUrl: string): ErrorReport {
  let origin = '';
  try {
    origin = new URL(pageUrl).origin;
  } catch {
    // Not a URL: send no address at all.
  }
  // The page's full address (path, query) may appear in a message or a stack: keep only its origin.
  const scrub = (s: string, max: number) => (pageUrl ? s.split(pageUrl).join(origin) : s).slice(0, max);
  const e = error instanceof Error ? error : null;
  const message = scrub(
    e ? `${e.name}: ${e.message}` : typeof error === 'string' ? error : 'Non-error thrown',
    MESSAGE_MAX,
  );
  return { feature, message, stack: e?.stack ? scrub(e.stack, STACK_MAX) : undefined, origin };
}

/** Logs locally and sends to the background once per feature and message. Never throws, never rejects. */
export function reportFailure(feature: string, error: unknown, pageUrl: string): void {
  const report = errorReport(feature, error, pageUrl);
  const key = `${feature}|${report.message}`;
  if (reported.has(key)) return;
  reported.add(key);
  console.warn(`Backstory: the ${feature} feature failed on this page`, error);
  // A background without an errors:log handler (or a reloaded extension) answers nothing: that is fine.
  try {
    void ask('errors:log', report).catch(() => undefined);
  } catch {
    // The extension context is gone.
  }
}

/** For tests: forget what was reported. */
export function resetReported(): void {
  reported.clear();
}
