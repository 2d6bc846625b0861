/**
 * The message matrix, in Node against the real background (router, guard, handlers) with the senders a
 * browser gives: every message kind × every sender context × well-formed and malformed payloads (wrong
 * types, unknown fields, oversize), asserting the background's answer. The real-browser sample is
 * tests/robustness/browser/messages.browser.ts.
 *
 * Expected answers come from the rules, written out here, not from the schema table: a kind the table
 * lets a context send is handled (any answer but a refusal), one it does not is refused as "not allowed";
 * a malformed payload from an allowed context is refused as "Malformed" and never reaches a handler;
 * page text that is cut rather than refused (titles, labels, first lines, ids) is accepted and stored cut.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { startBackground } from '../../src/background';
import type { BackgroundProtocol } from '../../src/messaging/protocol';
import { SENDERS, type Context } from '../../src/messaging/schemas';
import { contentScript, extensionPage, send, type Sender } from '../background/helpers';
import { CONTENT_ONLY, CUT, PAGE, VALID } from './payloads';

type Kind = keyof BackgroundProtocol;
const OTHER_SITE = 'https://attacker.example/x';
const SIBLING = 'http://127.0.0.1:9300/other.html';
const BIG = 3 * 1024 * 1024;

const KINDS = Object.keys(VALID) as Kind[];

/** The sender contexts a message can come from. */
const SENDERS_UNDER_TEST: Record<string, { sender: Sender; context: Context | null }> = {
  'content script of its own tab': { sender: contentScript(1, PAGE), context: 'content' },
  'content script of another site': { sender: contentScript(2, OTHER_SITE), context: 'content' },
  'content script of another page of the site': { sender: contentScript(3, SIBLING), context: 'content' },
  'extension page (popup)': { sender: extensionPage('popup.html'), context: 'page' },
  'extension page (options, in a tab)': {
    sender: {
      ...extensionPage('options.html'),
      tab: { id: 9, url: browser.runtime.getURL('/options.html') },
    },
    context: 'page',
  },
  // A web page cannot reach runtime.onMessage; what it could forge is a sender with no or another id.
  'web page (no extension id)': { sender: { url: PAGE, tab: { id: 1, url: PAGE } }, context: null },
  'another extension': {
    sender: { id: 'someone-else', url: PAGE, tab: { id: 1, url: PAGE } },
    context: null,
  },
};

/** Does a content script at `sender` name a page that is not its own (or a tab not its own)? */
function foreignTarget(kind: Kind, payload: Record<string, unknown>, sender: Sender): boolean {
  if (kind === 'page:get' && payload.tabId !== undefined && payload.tabId !== sender.tab?.id) return true;
  // A card asks whether its own page is followed, never for the whole list.
  if (kind === 'follow:list' && payload.url === undefined) return true;
  return (
    [
      'page:report',
      'page:update',
      'updates:mark',
      'updates:seen',
      'page:get',
      'follow:set',
      'follow:list',
    ].includes(kind) &&
    typeof payload.url === 'string' &&
    payload.url !== sender.url
  );
}

/** Malformed variants of a well-formed payload: wrong types, unknown fields, non-objects, oversize. */
function malformed(kind: Kind): Array<[string, unknown, 'refused' | 'cut']> {
  const valid = VALID[kind];
  const out: Array<[string, unknown, 'refused' | 'cut']> = [
    ['no payload', undefined, 'refused'],
    ['null', null, 'refused'],
    ['a number', 42, 'refused'],
    ['a string', 'e1e2', 'refused'],
    ['an array', [valid], 'refused'],
    ['an unknown field', { ...valid, extra: 1 }, 'refused'],
    [
      'a __proto__ field',
      JSON.parse(
        `{"__proto__": {"polluted": true}${JSON.stringify(valid).slice(1, -1) ? ',' : ''}${JSON.stringify(valid).slice(1)}`,
      ),
      'refused',
    ],
  ];
  for (const [field, value] of Object.entries(valid)) {
    const wrong =
      typeof value === 'string'
        ? 12345
        : typeof value === 'number'
          ? '1'
          : typeof value === 'boolean'
            ? 'yes'
            : 'x';
    out.push([`${field} of the wrong type`, { ...valid, [field]: wrong }, 'refused']);
    if (typeof value === 'string')
      out.push([
        `${field} of 3 MiB`,
        { ...valid, [field]: (field === 'url' ? PAGE + '?' : '') + 'x'.repeat(BIG) },
        CUT[kind]?.includes(field) ? 'cut' : 'refused',
      ]);
    if (Array.isArray(value) && value.length)
      out.push([
        `${field} with 20,001 items`,
        { ...valid, [field]: Array(20_001).fill(value[0]) },
        CUT[kind]?.includes(field) ? 'cut' : 'refused',
      ]);
  }
  return out;
}

beforeAll(() => {
  // Nothing leaves the machine: a card lookup that gets this far fails like an offline browser.
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Promise.reject(new TypeError('offline'))),
  );
});

beforeEach(() => {
  browser.tabs.sendMessage = vi.fn(async () => ({ ok: null })) as never;
  const inert = { addListener: () => undefined };
  (browser.permissions as unknown as { onRemoved: unknown }).onRemoved = inert;
  (browser.commands as unknown as { onCommand: unknown }).onCommand = inert;
  startBackground();
});

/** The background's answer: the value, or the error it sent. Handlers in the fake browser may fail for
 * want of a browser API; that is an answer, not a refusal. */
async function answer(
  sender: Sender,
  kind: Kind,
  payload: unknown,
): Promise<{ ok?: unknown; error?: string }> {
  try {
    return { ok: await send(sender, kind, payload) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const REFUSAL = /is not allowed from|^Malformed |not this tab's page|^Unknown message/;

describe.each(Object.entries(SENDERS_UNDER_TEST))('from a %s', (_label, { sender, context }) => {
  it.each(KINDS)('%s, well-formed', async (kind) => {
    const reply = await answer(sender, kind, VALID[kind]);
    if (!context || !SENDERS[kind].includes(context)) expect(reply.error).toMatch(/is not allowed from/);
    else if (context === 'content' && foreignTarget(kind, VALID[kind], sender))
      expect(reply.error).toMatch(/not this tab's page/);
    else expect(reply.error ?? '').not.toMatch(REFUSAL);
  });

  it.each(KINDS)('%s, malformed: refused before any handler', async (kind) => {
    for (const [what, payload, expected] of malformed(kind)) {
      const reply = await answer(sender, kind, payload);
      if (!context || !SENDERS[kind].includes(context)) {
        expect(reply.error, what).toMatch(/is not allowed from/);
      } else if (expected === 'refused') {
        expect(reply.error, what).toMatch(/^Malformed /);
      } else if (context === 'content' && foreignTarget(kind, payload as Record<string, unknown>, sender)) {
        expect(reply.error, what).toMatch(/not this tab's page/);
      } else {
        expect(reply.error ?? '', what).not.toMatch(REFUSAL);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('page text is cut, not refused', () => {
  it('a 3 MiB title and 3 MiB labels, first lines and ids are stored cut and markable', async () => {
    const tab = contentScript(1, PAGE);
    const long = 'x'.repeat(BIG);
    const state = await send(tab, 'page:report', {
      ...VALID['page:report'],
      title: long,
      updates: [{ id: long, label: long, firstLine: long }],
    });
    expect(state.title.length).toBeLessThanOrEqual(300);
    expect(state.updates[0].label.length).toBeLessThanOrEqual(300);
    expect(state.updates[0].firstLine.length).toBeLessThanOrEqual(300);
    const marked = await send(tab, 'updates:mark', { url: PAGE, ids: [long], state: 'seen', manual: true });
    expect(marked!.updates.find((u) => u.id === state.updates[0].id)?.state).toBe('seen');
  });
});

describe('the browser sample', () => {
  it('knows which kinds only a content script may send: the sender table’s', () => {
    const fromContentOnly = (Object.keys(SENDERS) as Kind[]).filter((k) => !SENDERS[k].includes('page'));
    expect([...CONTENT_ONLY].sort()).toEqual(fromContentOnly.sort());
  });
});

describe('unknown kinds', () => {
  it.each(['constructor', '__proto__', 'toString', 'data:drop', 'page:report '])(
    '%s reaches no handler',
    async (type) => {
      const reply = await Promise.race([
        answer(extensionPage(), type as Kind, {}),
        new Promise<{ error: string }>((ok) => setTimeout(() => ok({ error: 'unanswered' }), 300)),
      ]);
      // The router leaves what it has no handler for to other listeners: no answer from the background.
      expect(reply.error).toBe('unanswered');
    },
  );
});
