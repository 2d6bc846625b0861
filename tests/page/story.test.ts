/**
 * The story feature serves the side panel over a port: the cast and updates of the page, only to this
 * extension's own pages, and the panel's selection as its own highlight. Nothing runs without a panel.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DetectService } from '../../src/background/detect';
import type { BackgroundProtocol } from '../../src/messaging/protocol';
import { listen } from '../../src/messaging/router';
import { PageRuntime } from '../../src/page/session';
import { buildStory } from '../../src/page/features/story';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { giveMoreHere } from './more';
import { PANEL_PORT, type PanelMessage } from '../../src/story/types';
import { until } from '../helpers';

const post = (n: number, time: string, text: string) =>
  `<div class="ncpost-list-post"><div class="ncpost-container" data-ncpost-id="${n}"><div class="ncpost-header"><time datetime="2023-06-21T${time}:00Z" class="ncpost-timestamp">${time}</time></div><h3 class="ncpost-title">Post ${n}</h3><div class="ncpost-content"><p>${text}</p></div></div></div>`;

const BLOG = `<main><h1>Live</h1><div class="ncpost-list-container">${[
  post(3, '12:00', 'Jens Stoltenberg spoke in Brussels. Angela Merkel answered him.'),
  post(2, '11:00', 'Angela Merkel arrived in Berlin on Tuesday evening after the summit.'),
  post(1, '10:00', 'Angela Merkel said the talks in Berlin would go on for another day.'),
].join('')}</div></main>`;

let ctl: AbortController;
let stopBackground: () => void;
const detection = new DetectService();

/** A port as the browser hands it to the content script's onConnect. */
function fakePort(sender: { id?: string; url?: string }) {
  const sent: PanelMessage[] = [];
  let listeners: Array<(m: unknown) => void> = [];
  const gone: Array<() => void> = [];
  const port = {
    name: PANEL_PORT,
    sender,
    postMessage: (m: PanelMessage) => sent.push(m),
    disconnect: vi.fn(),
    onMessage: {
      addListener: (f: (m: unknown) => void) => listeners.push(f),
      removeListener: (f: (m: unknown) => void) => (listeners = listeners.filter((g) => g !== f)),
    },
    onDisconnect: { addListener: (f: () => void) => gone.push(f) },
  };
  return {
    port,
    sent,
    send: (m: unknown) => listeners.forEach((f) => f(m)),
    close: () => gone.forEach((f) => f()),
  };
}

beforeEach(() => {
  history.replaceState(null, '', '/live/story');
  document.body.innerHTML = BLOG;
  ctl = new AbortController();
  // Names are found in the background: the same service, in-process; reports are answered with nothing.
  stopBackground = listen<BackgroundProtocol>({
    ...giveMoreHere,
    'names:detect': (req, sender) => detection.handle(req, `${sender.tab?.id ?? 'none'}:0`),
  });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  ctl.abort();
  stopBackground();
  vi.restoreAllMocks();
  for (const h of document.querySelectorAll('[data-backstory-host]')) h.remove();
});

async function session() {
  const runtime = new PageRuntime(document, { ...DEFAULT_SETTINGS }, ctl.signal, {
    urls: { pollMs: 30, navigationApi: false },
  });
  runtime.start();
  await runtime.ready;
  await until(() => runtime.session?.liveblog && runtime.session.names.entities.size, 'names and updates');
  return runtime.session!;
}

describe('story feature', () => {
  it('builds the cast with the updates each name appears in', async () => {
    const story = (await buildStory(await session()))!;
    expect(story.liveBlog).toBe(true);
    expect(story.updates.map((u) => u.label)).toEqual(['12:00', '11:00', '10:00']);
    const merkel = story.entities.find((e) => e.name === 'Angela Merkel')!;
    expect(merkel.count).toBe(3);
    expect(merkel.updates).toEqual([0, 1, 2]);
    expect(story.entities.find((e) => e.name === 'Jens Stoltenberg')!.updates).toEqual([0]);
  });

  it("answers this extension's panel and draws its selection; ignores other senders", async () => {
    await session();
    const stranger = fakePort({
      id: 'another-extension',
      url: 'chrome-extension://another-extension/x.html',
    });
    await (fakeBrowser.runtime.onConnect as unknown as { trigger(p: unknown): Promise<void> }).trigger(
      stranger.port as never,
    );
    expect(stranger.sent).toEqual([]);

    const panel = fakePort({ id: browser.runtime.id, url: browser.runtime.getURL('/sidepanel.html') });
    await (fakeBrowser.runtime.onConnect as unknown as { trigger(p: unknown): Promise<void> }).trigger(
      panel.port as never,
    );
    // The story is built in slices that yield to the page, then sent.
    const story = await until(() => panel.sent.find((m) => m.type === 'story'), 'the story sent');
    expect(story.type === 'story' && story.story.entities.length).toBeGreaterThan(1);

    const key =
      story!.type === 'story' ? story!.story.entities.find((e) => e.name === 'Angela Merkel')!.key : '';
    panel.send({ type: 'select', key, index: 4 });
    // Answered once the page has scrolled there, after the frame that paints the selection.
    await until(() => panel.sent.some((m) => m.type === 'selected'), 'the selection answered');
    expect(panel.sent.at(-1)).toEqual({ type: 'selected', key, index: 1, total: 3 });
    // Malformed or unknown requests change nothing.
    panel.send({ type: 'select', key, index: 'x' });
    panel.send({ type: 'select', key, index: 0, extra: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect(panel.sent.filter((m) => m.type === 'selected')).toHaveLength(1);
    panel.close();
  });
});
