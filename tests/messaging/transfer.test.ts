/** Export and import through the real background, in chunks: the whole store comes back. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '../../src/background';
import { exportReading, importChunks, importReading } from '../../src/messaging/transfer';
import type { ExportFile } from '../../src/reading/types';

beforeEach(() => {
  browser.tabs.sendMessage = vi.fn(async () => ({ ok: null })) as never;
  const inert = { addListener: () => undefined };
  (browser.permissions as unknown as { onRemoved: unknown }).onRemoved = inert;
  (browser.commands as unknown as { onCommand: unknown }).onCommand = inert;
  // The fake browser's sendMessage gives no sender: answer as the options page would be seen.
  browser.runtime.sendMessage = (async (message: unknown) => {
    let reply: unknown;
    await new Promise<void>((done) => {
      void fakeBrowser.runtime.onMessage.trigger(
        message,
        { id: browser.runtime.id, url: browser.runtime.getURL('/options.html') } as never,
        (r: unknown) => {
          reply = r;
          done();
        },
      );
    });
    return reply;
  }) as never;
  startBackground();
});

describe('chunked transfer', () => {
  it('splits a file into valid files under the size, and imports them back whole', async () => {
    const file: ExportFile = {
      format: 'backstory-reading',
      version: 2,
      exportedAt: '2024-01-01T00:00:00.000Z',
      pages: Array.from({ length: 40 }, (_, i) => ({
        url: `http://127.0.0.1:9000/t${i}.html`,
        title: 'x'.repeat(200),
        isLiveBlog: true,
        lastVisit: i + 1,
        updates: [{ id: 'a', label: 'A', firstLine: 'a' }],
      })),
      entries: Array.from({ length: 40 }, (_, i) => ({
        url: `http://127.0.0.1:9000/t${i}.html`,
        id: 'a',
        state: 'seen' as const,
        manual: true,
        at: i + 1,
      })),
    };
    const chunks = importChunks(file, 2000);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks)
      expect(JSON.stringify(c.pages).length + JSON.stringify(c.entries).length).toBeLessThan(2500);
    expect(await importReading(file)).toMatchObject({ pages: 40, updates: 40, skipped: 0 });
    const back = await exportReading();
    expect(back.pages).toHaveLength(40);
    expect(back.entries).toHaveLength(40);
  });
});
