/**
 * The error log: a content-script feature that failed on a page reports once, and the options page shows
 * and exports the list, so a reader can send it with a bug report. Bounded (the newest entries win) and
 * cut to the lengths the protocol promises, whatever a page's scripts made the message say.
 */
import { browser } from 'wxt/browser';
import type { ErrorEntry, ErrorReport } from '../messaging/protocol';
import { serial } from '../shared/serial';

const KEY = 'errorLog';
export const MAX_ERRORS = 50;

const inTurn = serial();

const read = async () => ((await browser.storage.local.get(KEY))[KEY] as ErrorEntry[] | undefined) ?? [];

export function listErrors(): Promise<ErrorEntry[]> {
  return inTurn(read);
}

const clip = (s: unknown, n: number) => String(s ?? '').slice(0, n);

export function logError(report: ErrorReport, now = new Date()): Promise<void> {
  const entry = {
    feature: clip(report.feature, 40),
    message: clip(report.message, 300),
    stack: report.stack === undefined ? undefined : clip(report.stack, 1500),
    origin: clip(report.origin, 200),
  };
  return inTurn(async () => {
    const log = await read();
    const same = log.findIndex(
      (e) => e.feature === entry.feature && e.message === entry.message && e.origin === entry.origin,
    );
    const count = same >= 0 ? log[same].count + 1 : 1;
    if (same >= 0) log.splice(same, 1);
    log.unshift({ ...entry, at: now.toISOString(), count });
    await browser.storage.local.set({ [KEY]: log.slice(0, MAX_ERRORS) });
  });
}

export function clearErrors(): Promise<void> {
  return inTurn(() => browser.storage.local.remove(KEY));
}
