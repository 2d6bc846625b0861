/**
 * Card lookups in the background: one AbortController per lookup, so a card closed before its answer
 * arrives stops the requests still in flight (the content script sends `knowledge:cancel`).
 */
import type { Browser } from 'wxt/browser';
import { lookupKnowledge } from '../knowledge/lookup';
import type { Knowledge, KnowledgeRequest } from '../knowledge/types';
import type { CacheDB } from '../storage';
import { allowedEndpoint } from '../knowledge/remote';
import { DEFAULT_SETTINGS, trustedSettings } from '../shared/settings';

const inFlight = new Map<string, AbortController>();
const idOf = (requestId: string, sender: Browser.runtime.MessageSender) =>
  `${sender.tab?.id ?? 'page'}|${requestId}`;

export async function lookup(
  db: CacheDB,
  req: KnowledgeRequest,
  sender: Browser.runtime.MessageSender,
): Promise<Knowledge> {
  const settings = await trustedSettings();
  const controller = new AbortController();
  const id = req.requestId ? idOf(req.requestId, sender) : undefined;
  if (id) inFlight.set(id, controller);
  try {
    return await lookupKnowledge(
      db,
      req,
      {
        wikipedia: settings.wikipedia,
        // Whoever wrote the settings, lookups go only to https Wikimedia hosts (the test build: also the mock).
        wikipediaEndpoint: allowedEndpoint(settings.wikipediaEndpoint)
          ? settings.wikipediaEndpoint
          : DEFAULT_SETTINGS.wikipediaEndpoint,
        wikidataEndpoint: allowedEndpoint(settings.wikidataEndpoint)
          ? settings.wikidataEndpoint
          : DEFAULT_SETTINGS.wikidataEndpoint,
        images: settings.cardImages,
      },
      { signal: controller.signal },
    );
  } finally {
    if (id) inFlight.delete(id);
  }
}

export function cancel(requestId: string, sender: Browser.runtime.MessageSender): void {
  const id = idOf(requestId, sender);
  inFlight.get(id)?.abort();
  inFlight.delete(id);
}
