/** The error log the options page shows: bounded, deduplicated, cut to the promised lengths. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearErrors, listErrors, logError, MAX_ERRORS } from '../../src/background/errors';

beforeEach(() => fakeBrowser.reset());

describe('the error log', () => {
  it('keeps the newest first and counts repeats of one failure instead of listing them again', async () => {
    await logError(
      { feature: 'cards', message: 'TypeError: x', origin: 'https://news.test' },
      new Date('2030-01-01T10:00:00Z'),
    );
    await logError(
      { feature: 'reading', message: 'DataError', origin: 'https://news.test' },
      new Date('2030-01-01T10:01:00Z'),
    );
    await logError(
      { feature: 'cards', message: 'TypeError: x', origin: 'https://news.test' },
      new Date('2030-01-01T10:02:00Z'),
    );
    const log = await listErrors();
    expect(log.map((e) => [e.feature, e.count, e.at])).toEqual([
      ['cards', 2, '2030-01-01T10:02:00.000Z'],
      ['reading', 1, '2030-01-01T10:01:00.000Z'],
    ]);
  });

  it(`holds at most ${MAX_ERRORS} entries and cuts what a page could make long`, async () => {
    for (let i = 0; i < MAX_ERRORS + 10; i++)
      await logError({
        feature: 'names',
        message: `E${i} ${'x'.repeat(1000)}`,
        stack: 's'.repeat(10_000),
        origin: 'https://news.test',
      });
    const log = await listErrors();
    expect(log).toHaveLength(MAX_ERRORS);
    expect(log[0].message.startsWith(`E${MAX_ERRORS + 9} `)).toBe(true);
    expect(log[0].message.length).toBe(300);
    expect(log[0].stack!.length).toBe(1500);
    await clearErrors();
    expect(await listErrors()).toEqual([]);
  });
});
