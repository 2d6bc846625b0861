/**
 * The content script's context, in place of WXT's (wxt.config.ts points the content script's build here).
 * WXT's announces every start to the page, a window message and a document event named with the
 * extension's id, and stops the script when that event is dispatched: a page could learn that Backstory runs
 * on it (a site the reader enabled) and switch it off. This one does WXT's job, ending the script that ran
 * before it in this frame (the extension reloaded or updated, or the script was put in twice), through the
 * isolated world's own window, which the page never sees.
 */
declare global {
  interface Window {
    __backstoryContext?: ContentScriptContext;
  }
}

export class ContentScriptContext {
  private readonly ctl = new AbortController();

  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {
    const win = globalThis.window;
    win?.__backstoryContext?.abort('a newer content script started');
    if (win) win.__backstoryContext = this;
  }

  get signal(): AbortSignal {
    return this.ctl.signal;
  }

  abort(reason?: unknown): void {
    this.ctl.abort(reason);
  }
}
