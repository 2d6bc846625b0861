import { browser, type Browser } from 'wxt/browser';
import { isEnvelope, type Reply } from './protocol';

type Protocol<P> = { [K in keyof P]: [unknown, unknown] };
export type Handlers<P extends Protocol<P>> = {
  [K in keyof P]: (payload: P[K][0], sender: Browser.runtime.MessageSender) => Promise<P[K][1]> | P[K][1];
};

/** Why a message may not be handled (schema, sender), or null; may need to look something up first. */
export type Guard = (
  type: string,
  payload: unknown,
  sender: Browser.runtime.MessageSender,
) => string | null | Promise<string | null>;

/**
 * Route typed messages to handlers. Answers only our own messages, so other listeners (and unknown
 * messages) are left alone. Uses sendResponse + `return true`, which every browser (and the polyfill)
 * supports; errors travel as `{ error }` and are rethrown by the caller. With a `guard`, a message it
 * refuses is answered with its reason and never reaches the handler. Returns the remove function.
 */
export function listen<P extends Protocol<P>>(handlers: Partial<Handlers<P>>, guard?: Guard): () => void {
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (reply: Reply) => void,
  ) => {
    if (!isEnvelope(message)) return undefined;
    // Own properties only: a type such as "constructor" must not find Object.prototype's.
    const handler = Object.prototype.hasOwnProperty.call(handlers, message.type)
      ? handlers[message.type as keyof P]
      : undefined;
    if (!handler) return undefined;
    Promise.resolve()
      .then(() => guard?.(message.type, message.payload, sender) ?? null)
      .then(async (refused) => {
        if (refused) return sendResponse({ error: refused });
        const ok = await handler(message.payload as never, sender);
        sendResponse({ ok: ok ?? null });
      })
      .catch((e: unknown) => sendResponse({ error: e instanceof Error ? e.message : String(e) }));
    return true;
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}
