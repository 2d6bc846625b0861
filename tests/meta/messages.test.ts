/**
 * Every message in the protocol (src/messaging/protocol.ts) has a handler where it is sent to, and is
 * named in a test. A kind added to a protocol without either fails here.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '../../src/background';
import { envelope } from '../../src/messaging/protocol';
import { filesUnder, interfaceKeys, read } from './helpers';

const PROTOCOL = 'src/messaging/protocol.ts';
const background = interfaceKeys(PROTOCOL, 'BackgroundProtocol');
const content = interfaceKeys(PROTOCOL, 'ContentProtocol');
const pages = interfaceKeys(PROTOCOL, 'PagesProtocol');

const source = (dirs: string[]) =>
  dirs
    .flatMap((d) => filesUnder(d, (p) => /\.tsx?$/.test(p)))
    .map((p) => read(p))
    .join('\n');
/** A handler: the kind as a property key (`'kind': fn`, `'kind'(…) {`, `async 'kind'(…)`). */
const handles = (text: string, kind: string) =>
  new RegExp(`['"]${kind.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]\\s*[:(]`).test(text);

const tests = filesUnder('tests', (p) => /\.test\.tsx?$/.test(p) && !p.startsWith('tests/meta/')).map((p) =>
  read(p),
);
const namedInTest = (kind: string) => tests.some((t) => t.includes(`'${kind}'`) || t.includes(`"${kind}"`));

describe('the protocol', () => {
  it('is read: each protocol lists its kinds', () => {
    expect(background).toContain('page:report');
    expect(content).toContain('page:ping');
    expect(pages).toContain('state:changed');
  });
});

describe('background messages', () => {
  let answered: (kind: string) => Promise<boolean>;
  // The setup resets the fake browser before each test: the background starts anew each time.
  beforeEach(() => {
    browser.tabs.sendMessage = vi.fn(async () => ({ ok: null })) as never;
    const inert = { addListener: () => undefined };
    (browser.permissions as unknown as { onRemoved: unknown }).onRemoved = inert;
    (browser.commands as unknown as { onCommand: unknown }).onCommand = inert;
    startBackground();
    // A sender the background trusts for nothing: a message with a handler is refused (and answered)
    // before the handler runs; one without a handler is left unanswered.
    const stranger = { id: 'another-extension', url: 'https://example.com/' };
    answered = async (kind) => {
      const results = await fakeBrowser.runtime.onMessage.trigger(
        envelope(kind, {}),
        stranger as never,
        () => {},
      );
      return results.some((r: unknown) => r === true);
    };
  });

  it('an unknown kind is not answered (so the check below can fail)', async () => {
    expect(await answered('no:such-kind')).toBe(false);
  });

  it.each(background)('%s is handled by the background', async (kind) => {
    expect(await answered(kind)).toBe(true);
  });
});

describe('content and extension-page messages', () => {
  const page = source(['src/page']);
  const views = source(['entrypoints', 'src/ui']);
  it.each(content)('%s is handled by the content script (src/page)', (kind) => {
    expect(handles(page, kind)).toBe(true);
  });
  it.each(pages)('%s is handled by an extension page (entrypoints, src/ui)', (kind) => {
    expect(handles(views, kind)).toBe(true);
  });
});

describe('tests', () => {
  it.each([...new Set([...background, ...content, ...pages])])('%s is named in a test', (kind) => {
    expect(namedInTest(kind)).toBe(true);
  });
});
