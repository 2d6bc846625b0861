/**
 * The page's other scripts (src/page/more.ts), put into the frame that asked for one: only a frame the
 * content script runs in (a site the reader enabled, or a tab run once), and nowhere else.
 */
import { browser, type Browser } from 'wxt/browser';
import { PAGE_SCRIPTS, type PagePart } from '../manifest';

export async function giveMore(
  sender: Browser.runtime.MessageSender,
  runsOn: (tabId: number, url: string) => Promise<boolean>,
  part: PagePart,
): Promise<{ ok: boolean }> {
  const tabId = sender.tab?.id;
  const url = sender.url ?? sender.tab?.url;
  if (tabId === undefined || !url || !(await runsOn(tabId, url))) return { ok: false };
  try {
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [sender.frameId ?? 0] },
      files: [PAGE_SCRIPTS[part]],
    });
    return { ok: true };
  } catch {
    // The tab moved on, or the site was turned off meanwhile.
    return { ok: false };
  }
}
