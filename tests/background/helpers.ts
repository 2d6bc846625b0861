/** Messages as the browser delivers them to the background, with the sender a real browser would give. */
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { envelope, type BackgroundProtocol, type Reply } from '../../src/messaging/protocol';

export type Sender = { id?: string; url?: string; tab?: { id: number; url?: string }; frameId?: number };

/** A content script in tab `tabId`, its frame showing `url`. */
export const contentScript = (tabId: number, url: string): Sender => ({
  id: browser.runtime.id,
  url,
  frameId: 0,
  tab: { id: tabId, url },
});
/** An extension page in no tab (the popup, the side panel). */
export const extensionPage = (path: 'popup.html' | 'options.html' = 'popup.html'): Sender => ({
  id: browser.runtime.id,
  url: browser.runtime.getURL(`/${path}`),
});

export async function send<K extends keyof BackgroundProtocol>(
  sender: Sender,
  type: K,
  payload: unknown,
): Promise<BackgroundProtocol[K][1]> {
  let reply!: Reply;
  await new Promise<void>((done) => {
    void fakeBrowser.runtime.onMessage.trigger(envelope(type, payload), sender as never, (r: Reply) => {
      reply = r;
      done();
    });
  });
  if ('error' in reply) throw new Error(reply.error);
  return reply.ok as BackgroundProtocol[K][1];
}
