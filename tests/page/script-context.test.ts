/** The content script's own context: a newer script in the same frame ends the older one, and nothing else does. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from '../../src/page/script-context';

afterEach(() => void delete window.__backstoryContext);

describe('ContentScriptContext', () => {
  it('a newer content script in the frame ends the one before it', () => {
    const old = new ContentScriptContext('content');
    expect(old.signal.aborted).toBe(false);
    const next = new ContentScriptContext('content');
    expect(old.signal.aborted).toBe(true);
    expect(next.signal.aborted).toBe(false);
  });

  it('tells the page nothing and does not listen to it: no window message, no document event', async () => {
    const heard: string[] = [];
    const onMessage = (e: MessageEvent) => heard.push(String(e.data));
    window.addEventListener('message', onMessage);
    const told = vi.spyOn(document, 'dispatchEvent');
    const ctx = new ContentScriptContext('content');
    expect(told).not.toHaveBeenCalled();
    told.mockRestore();
    // What stopped WXT's context: the event a page could forge.
    document.dispatchEvent(
      new CustomEvent('wxt:content-script-started', { detail: { contentScriptName: 'content' } }),
    );
    // A window message is delivered in a later task.
    await new Promise((r) => setTimeout(r, 20));
    window.removeEventListener('message', onMessage);
    expect(ctx.signal.aborted).toBe(false);
    expect(heard).toEqual([]);
  });
});
