/** Names are looked for on English pages only: another language's page stays quiet, and so does a foreign block. */
import { describe, expect, it } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { refuse } from '../../src/messaging/schemas';
import { DetectService } from '../../src/background/detect';
import { decodeBlocks } from '../../src/messaging/detect-wire';
import { DETECT_LIMITS, type DetectRequest } from '../../src/messaging/protocol';
import { MAX_MESSAGE_BLOCKS, MAX_MESSAGE_CHARS, NamesIndex } from '../../src/page/names';
import { inProcess } from './detect-helper';
import { fixture, parsePage } from '../helpers';

const page = (lang: string, body: string) =>
  parsePage(
    `<!doctype html><html lang="${lang}"><head><title>t</title></head><body><main>${body}</main></body></html>`,
  );

const ENGLISH =
  '<p>French Foreign Minister Jean-Marc Ayrault met UN Secretary-General Ban Ki-moon in Paris on Tuesday, and the two men said the war had to end.</p><p>Ayrault said Russia and Iran bore responsibility for the siege of Aleppo.</p>';
const GERMAN =
  '<p>Der französische Außenminister Jean-Marc Ayrault traf am Dienstag in Paris den UN-Generalsekretär Ban Ki-moon. Sie sprachen über den Krieg und die Lage in Aleppo, die nach Ansicht der Minister immer schlimmer wird.</p>';

async function found(doc: Document): Promise<string[]> {
  const names = new NamesIndex(doc, undefined, inProcess());
  await names.scan([doc.querySelector('main')!]);
  return names.ordered().map((m) => m.text);
}

describe('names by language', () => {
  it('underlines an English page', async () => {
    expect(await found(page('en', ENGLISH))).toEqual(
      expect.arrayContaining(['Jean-Marc Ayrault', 'Paris', 'Aleppo']),
    );
  });

  it('leaves a German page alone, and says so', async () => {
    const doc = page('de', GERMAN + GERMAN);
    expect(await found(doc)).toEqual([]);
    const names = new NamesIndex(doc, undefined, inProcess());
    await names.scan([doc.querySelector('main')!]);
    expect(names.language.language).toBe('de');
  });

  it("tells the page's language from the story, not from what surrounds it (a long German banner before an English story)", async () => {
    // No lang attribute: the language is told from the text sample alone.
    const doc = parsePage(
      `<!doctype html><html><head><title>t</title></head><body><div class="banner">${GERMAN.repeat(
        60,
      )}</div><main>${ENGLISH.repeat(10)}</main></body></html>`,
    );
    const names = new NamesIndex(doc, undefined, inProcess());
    await names.scan([doc.querySelector('main')!]);
    expect(names.language.language).toBe('en');
    expect(names.ordered().map((m) => m.text)).toContain('Aleppo');
  });

  it('skips a German block on an English page', async () => {
    const names = await found(page('en', ENGLISH + `<blockquote lang="de">${GERMAN}</blockquote>`));
    expect(names).toContain('Russia');
    expect(names.filter((n) => n === 'Paris')).toHaveLength(1);
  });

  it.each(['real/spiegel-albtraum.html', 'real/lemonde-loi-renseignement.html'])(
    'finds no names on %s',
    async (file) => {
      const doc = parsePage(fixture(file));
      expect(
        await found(
          doc.querySelector('main')
            ? doc
            : parsePage(
                fixture(file)
                  .replace(/<body([^>]*)>/, '<body$1><main>')
                  .replace('</body>', '</main></body>'),
              ),
        ),
      ).toEqual([]);
    },
  );
});

describe('the page language, judged once', () => {
  it('is taken as given by a rescan of the same page, not sampled again', async () => {
    const doc = page('en', ENGLISH);
    const sent: DetectRequest[] = [];
    const first = new NamesIndex(doc, undefined, inProcess(new DetectService(), sent));
    await first.scan([doc.querySelector('main')!]);
    expect(sent[0].open).toMatchObject({ htmlLang: 'en' });
    doc.documentElement.setAttribute('lang', 'de');
    const again = new NamesIndex(doc, first.language, inProcess(new DetectService(), sent));
    const from = sent.length;
    await again.scan([doc.querySelector('main')!]);
    // The rescan's first message opens its session (a loaded machine's walk may send more than one).
    expect(sent[from].open).toEqual({ language: first.language });
    expect(again.language).toEqual(first.language);
    expect(again.ordered().length).toBeGreaterThan(0);
  });
});

describe('what the page sends stays within the background’s bounds', () => {
  it('splits a page of many tiny blocks, a huge block and an absurd lang into messages the schema accepts', async () => {
    const tiny = Array.from({ length: 450 }, (_, i) => `<div>Paris ${i}</div>`).join('');
    const huge = `Angela Merkel said ${'that it would go on and on, '.repeat(4_000)}in Berlin.`;
    const doc = page('en', `${tiny}<p lang="${'en-'.repeat(200)}x">${huge}</p>`);
    const sender = {
      id: browser.runtime.id,
      url: 'https://news.example/live',
      frameId: 0,
      tab: { id: 1, url: 'https://news.example/live' },
    } as unknown as Browser.runtime.MessageSender;
    const service = new DetectService();
    const sizes: number[] = [];
    const names = new NamesIndex(
      doc,
      undefined,
      async (req) => {
        const refused = refuse('names:detect', structuredClone(req), sender);
        if (refused) throw new Error(refused);
        sizes.push(decodeBlocks(req).length);
        return structuredClone(service.handle(structuredClone(req), '1:0'));
      },
      400,
    );
    await names.scan([doc.querySelector('main')!]);
    // 451 blocks under a cap of 400 per message: at least two messages, however the walk's slices (which
    // depend on the machine's load) cut the batches.
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(400);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(451);
    expect(names.mentionsOf('city:FR:paris').length).toBe(450);
    // The real count per message is within the schema's.
    expect(MAX_MESSAGE_BLOCKS).toBeLessThanOrEqual(DETECT_LIMITS.messageBlocks);
    expect(MAX_MESSAGE_CHARS).toBeLessThanOrEqual(DETECT_LIMITS.messageChars);
    // The long block is read from its start (100,000 characters): its end is not.
    expect(names.mentionsOf('person:angela merkel')).toHaveLength(1);
    expect(names.ordered().filter((m) => m.text === 'Berlin')).toEqual([]);
  }, 30_000);
});
