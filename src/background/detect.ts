/**
 * Name detection for every tab, in the background (issue 10): the page's main thread only walks its text
 * blocks and draws ranges. One lexicon, built on first use, serves every page; each page (tab, frame and
 * the content script's session id) has its own DetectSession. Page text stays on the device: it is read
 * here and kept only as the detector's candidates.
 *
 * A stopped service worker (MV3) or an evicted session loses this state: a request naming a session this
 * background does not hold, without `open`, is answered `{ lost: true }`, and the content script sends its
 * page again from the start.
 */
import type { Browser } from 'wxt/browser';
import type { DetectAnswer, DetectRequest } from '../messaging/protocol';
import { decodeBlocks } from '../messaging/detect-wire';
import { lexicon } from '../detect/lexicon';
import { DetectSession } from './detect-session';

/** Pages kept at once, and their text in total: beyond either, the least recently used page goes. */
export const MAX_SESSIONS = 24;
export const MAX_TOTAL_CHARS = 16_000_000;

export class DetectService {
  /** By owner and session id, least recently used first. */
  private sessions = new Map<string, { owner: string; session: DetectSession }>();

  /** `maxPageChars`: a smaller cap on a page's text than MAX_PAGE_CHARS (tests). */
  constructor(private options: { maxPageChars?: number } = {}) {}

  /** `owner`: who sent it (tab and frame): one content script cannot reach another's session. */
  handle(req: DetectRequest, owner: string): DetectAnswer {
    const id = `${owner}|${req.session}`;
    let entry = this.sessions.get(id);
    if (req.open) {
      // A new page in this frame: the previous ones are over.
      for (const [key, s] of this.sessions) if (s.owner === owner) this.sessions.delete(key);
      const language =
        'language' in req.open
          ? req.open.language
          : DetectSession.languageOf(req.open.htmlLang, req.open.sample);
      entry = { owner, session: new DetectSession(language, { maxChars: this.options.maxPageChars }) };
    } else if (!entry) {
      return { lost: true };
    }
    this.sessions.delete(id);
    this.sessions.set(id, entry);
    const { session } = entry;
    if (req.drop?.length) session.drop(req.drop);
    const blocks = decodeBlocks(req);
    const ok = session.put(blocks);
    this.evict();
    const delta = session.delta(blocks.map((b) => b.i));
    return ok ? delta : { ...delta, full: true };
  }

  /** Builds the lexicon now (a worker woken by a tab loading a page): the page's first blocks need not wait. */
  warm(): void {
    lexicon();
  }

  /** A closed tab's pages. */
  forgetTab(tabId: number): void {
    for (const [key, s] of this.sessions) if (s.owner.startsWith(`${tabId}:`)) this.sessions.delete(key);
  }

  get size(): number {
    return this.sessions.size;
  }

  private evict(): void {
    let total = 0;
    for (const { session } of this.sessions.values()) total += session.chars;
    for (const [key, { session }] of this.sessions) {
      if (this.sessions.size <= MAX_SESSIONS && total <= MAX_TOTAL_CHARS) break;
      if (this.sessions.size === 1) break;
      this.sessions.delete(key);
      total -= session.chars;
    }
  }
}

/** Who a message comes from, for `DetectService.handle`. */
export const ownerOf = (sender: Browser.runtime.MessageSender): string =>
  `${sender.tab?.id ?? 'none'}:${sender.frameId ?? 0}`;
