/**
 * Chrome's service worker has no DOM parser: a followed blog's HTML is parsed in an offscreen document
 * (reason DOM_PARSER), created for a round of checks and closed after it. The document answers one
 * message, from the extension's own background only, and never touches the network.
 */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { envelope, unwrap, type Reply } from '../messaging/protocol';
import { listen } from '../messaging/router';
import { contextOf } from '../messaging/schemas';
import { parsePage, type ParseRequest } from './parse';
import type { ParseResult } from './types';

export const OFFSCREEN_PATH = 'offscreen.html';

interface OffscreenProtocol {
  'offscreen:parse': [ParseRequest, ParseResult];
}

const parseRequest = v.strictObject({
  html: v.string(),
  url: v.string(),
  finalUrl: v.string(),
  known: v.array(v.string()),
  watches: v.array(v.strictObject({ key: v.string(), aliases: v.array(v.string()) })),
  now: v.number(),
});

/** Only the background (an extension context in no tab) may ask, with a well-formed request. */
export function refuseParse(
  type: string,
  payload: unknown,
  sender: Browser.runtime.MessageSender,
): string | null {
  if (type !== 'offscreen:parse') return `Unknown message: ${type.slice(0, 80)}`;
  if (contextOf(sender) !== 'page' || sender.tab) return 'offscreen:parse is for the background only';
  return v.safeParse(parseRequest, payload).success ? null : 'Malformed offscreen:parse';
}

/** In the offscreen document: answer parse requests. */
export function serveParse(): () => void {
  return listen<OffscreenProtocol>({ 'offscreen:parse': (req) => parsePage(req) }, refuseParse);
}

type OffscreenApi = {
  createDocument(o: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
};
type ChromeLike = {
  offscreen?: OffscreenApi;
  runtime: { getContexts?(f: { contextTypes: string[] }): Promise<unknown[]> };
};
const chromeApi = (): ChromeLike | undefined => (globalThis as { chrome?: ChromeLike }).chrome;

let creating: Promise<void> | null = null;

async function ensureDocument(): Promise<void> {
  const c = chromeApi();
  if (!c?.offscreen) throw new Error('No DOM parser and no offscreen documents here');
  const open = await c.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  if (open?.length) return;
  creating ??= c.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['DOM_PARSER'],
      justification: 'Read followed live blogs’ updates from their HTML, on the device',
    })
    .catch((e: unknown) => {
      // Another caller created it meanwhile: that one will do.
      if (!String(e).includes('single offscreen')) throw e;
    })
    .finally(() => (creating = null));
  await creating;
}

/** The Firefox build parses in its background page; Chrome's offscreen document holds the parser and the
 * detector, so the service worker's bundle carries neither (the branch is dropped at build time). */
const HERE = import.meta.env.BROWSER === 'firefox';

/** Parses in Firefox's background page, or in Chrome's offscreen document. */
export async function parseAnywhere(req: ParseRequest): Promise<ParseResult> {
  if (HERE) return parsePage(req);
  await ensureDocument();
  return unwrap<ParseResult>((await browser.runtime.sendMessage(envelope('offscreen:parse', req))) as Reply);
}

/** After a round: the offscreen document goes (a round every few minutes need not keep a page alive). */
export async function closeOffscreen(): Promise<void> {
  if (HERE) return;
  const c = chromeApi();
  const open = await c?.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] }).catch(() => []);
  if (open?.length) await c?.offscreen?.closeDocument().catch(() => undefined);
}
