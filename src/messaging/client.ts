import { browser } from 'wxt/browser';
import {
  envelope,
  type BackgroundProtocol,
  type BackgroundRequest,
  type BackgroundResponse,
  type ContentProtocol,
  type ContentRequest,
  type ContentResponse,
} from './protocol';

/** Ask the background. Wakes a stopped service worker; rejects if the extension was reloaded. */
export async function ask<K extends keyof BackgroundProtocol>(
  type: K,
  payload: BackgroundRequest<K>,
): Promise<BackgroundResponse<K>> {
  return (await browser.runtime.sendMessage(envelope(type, payload))) as BackgroundResponse<K>;
}

/** Tell a tab's content script. Rejects when the tab has no content script. */
export async function tell<K extends keyof ContentProtocol>(
  tabId: number,
  type: K,
  payload: ContentRequest<K>,
): Promise<ContentResponse<K>> {
  return (await browser.tabs.sendMessage(tabId, envelope(type, payload))) as ContentResponse<K>;
}
