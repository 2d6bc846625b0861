/** The page's other scripts are put only into the frame that asked, and only where the content script runs. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { giveMore } from '../../src/background/more';
import { PAGE_SCRIPTS } from '../../src/manifest';

const PAGE = 'https://news.example/live';

beforeEach(() => {
  browser.scripting.executeScript = vi.fn(async () => []) as never;
});

describe('giveMore', () => {
  it("injects the second script into the sender's own frame of the sender's tab", async () => {
    const runsOn = vi.fn(async () => true);
    const answer = await giveMore(
      { id: browser.runtime.id, tab: { id: 7 } as never, frameId: 0, url: PAGE },
      runsOn,
      'more',
    );
    expect(answer).toEqual({ ok: true });
    expect(runsOn).toHaveBeenCalledWith(7, PAGE);
    expect(browser.scripting.executeScript).toHaveBeenCalledWith({
      target: { tabId: 7, frameIds: [0] },
      files: [PAGE_SCRIPTS.more],
    });
  });

  it('injects the script asked for: the live-blog detector, into a subframe that asked', async () => {
    const answer = await giveMore(
      { id: browser.runtime.id, tab: { id: 7 } as never, frameId: 3, url: PAGE },
      async () => true,
      'liveblog',
    );
    expect(answer).toEqual({ ok: true });
    expect(browser.scripting.executeScript).toHaveBeenCalledWith({
      target: { tabId: 7, frameIds: [3] },
      files: [PAGE_SCRIPTS.liveblog],
    });
  });

  it('puts nothing where the content script does not run, nor for a sender without a tab', async () => {
    expect(
      await giveMore({ tab: { id: 7 } as never, frameId: 0, url: PAGE }, async () => false, 'more'),
    ).toEqual({
      ok: false,
    });
    expect(await giveMore({ frameId: 0, url: PAGE }, async () => true, 'more')).toEqual({ ok: false });
    expect(browser.scripting.executeScript).not.toHaveBeenCalled();
  });

  it('answers no when the browser refuses (the tab moved on)', async () => {
    browser.scripting.executeScript = vi.fn(async () => {
      throw new Error('Cannot access contents of the page');
    }) as never;
    expect(
      await giveMore({ tab: { id: 7 } as never, frameId: 0, url: PAGE }, async () => true, 'more'),
    ).toEqual({
      ok: false,
    });
  });
});
