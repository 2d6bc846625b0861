/** The language's sample is the start of the story as the first pass read it: the page is not walked again for it. */
import { describe, expect, it, vi } from 'vitest';
import * as blocks from '../../src/dom/blocks';
import { DETECT_LIMITS, type DetectRequest } from '../../src/messaging/protocol';
import { NamesIndex } from '../../src/page/names';
import { parsePage } from '../helpers';
import { inProcess } from './detect-helper';

const walks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/dom/blocks', async (original) => {
  const real = await original<typeof blocks>();
  return {
    ...real,
    walkBlocks: (...args: Parameters<typeof real.walkBlocks>) => (walks.count++, real.walkBlocks(...args)),
    walkBlockSteps: (...args: Parameters<typeof real.walkBlockSteps>) => (
      walks.count++,
      real.walkBlockSteps(...args)
    ),
  };
});

const para = (i: number) =>
  `<p>Update ${i}: the minister met the envoy in Paris on Tuesday and said talks would go on next week.</p>`;

describe("the language's sample", () => {
  it('is the blocks already read, in order, as far as the message allows, with no second walk of the page', async () => {
    const doc = parsePage(
      `<!doctype html><html><body><nav><p>Home News Sport</p></nav><main>${Array.from({ length: 400 }, (_, i) => para(i)).join('')}</main></body></html>`,
    );
    const sent: DetectRequest[] = [];
    const names = new NamesIndex(doc, undefined, inProcess(undefined, sent));
    walks.count = 0;
    await names.scan([doc.querySelector('main')!], undefined, true);
    expect(walks.count).toBe(1);
    const sample = sent[0].open && 'sample' in sent[0].open ? sent[0].open.sample : '';
    expect(sample.startsWith('Update 0: the minister')).toBe(true);
    expect(sample).not.toContain('Home News');
    // 400 paragraphs hold more than a sample may: it is full.
    expect(sample.length).toBe(DETECT_LIMITS.sample);
    // Only the first message opens the session.
    expect(sent.slice(1).every((r) => !r.open)).toBe(true);
  });
});
