import { browser } from 'wxt/browser';
import {
  envelope,
  unwrap,
  type BackgroundProtocol,
  type BackgroundRequest,
  type BackgroundResponse,
  type ContentProtocol,
  type ContentRequest,
  type ContentResponse,
  type PagesProtocol,
  type Reply,
} from './protocol';

/** Ask the background. Wakes a stopped service worker; rejects if the extension was reloaded. */
export async function ask<K extends keyof BackgroundProtocol>(
  type: K,
  payload: BackgroundRequest<K>,
): Promise<BackgroundResponse<K>> {
  return unwrap<BackgroundResponse<K>>((await browser.runtime.sendMessage(envelope(type, payload))) as Reply);
}

/** Tell a tab's content script. Rejects when the tab has no content script. */
export async function tell<K extends keyof ContentProtocol>(
  tabId: number,
  type: K,
  payload: ContentRequest<K>,
): Promise<ContentResponse<K>> {
  return unwrap<ContentResponse<K>>(
    (await browser.tabs.sendMessage(tabId, envelope(type, payload))) as Reply,
  );
}

/** Announce to open extension pages. Nobody listening (no popup open) is the usual case, not an error. */
export async function announce<K extends keyof PagesProtocol>(
  type: K,
  payload: PagesProtocol[K][0],
): Promise<void> {
  await browser.runtime.sendMessage(envelope(type, payload)).catch(() => undefined);
}
