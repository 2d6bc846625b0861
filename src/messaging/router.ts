import { browser, type Browser } from 'wxt/browser';
import { isEnvelope } from './protocol';

type Protocol<P> = { [K in keyof P]: [unknown, unknown] };
export type Handlers<P extends Protocol<P>> = {
  [K in keyof P]: (payload: P[K][0], sender: Browser.runtime.MessageSender) => Promise<P[K][1]> | P[K][1];
};

/**
 * Route typed messages to handlers. Returns a promise only for our own messages, so other listeners
 * (and unknown messages) are left alone. Returns the remove function.
 */
export function listen<P extends Protocol<P>>(handlers: Partial<Handlers<P>>): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender) => {
    if (!isEnvelope(message)) return undefined;
    const handler = handlers[message.type as keyof P];
    if (!handler) return undefined;
    return Promise.resolve().then(() => handler(message.payload as never, sender));
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}
