import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ask } from '../../src/messaging/client';
import { envelope, type BackgroundProtocol } from '../../src/messaging/protocol';
import { listen } from '../../src/messaging/router';

describe('typed messaging', () => {
  it('routes a request to its handler and returns the answer', async () => {
    const stop = listen<BackgroundProtocol>({
      'site:status': ({ url }) => ({ enabled: url.startsWith('http://127.0.0.1'), builtIn: true }),
    });
    await expect(ask('site:status', { url: 'http://127.0.0.1:3000/' })).resolves.toEqual({
      enabled: true,
      builtIn: true,
    });
    stop();
  });

  it('leaves foreign messages, and ours it has no handler for, to other listeners: it does not claim the answer', () => {
    const add = vi.spyOn(browser.runtime.onMessage, 'addListener');
    const stop = listen<BackgroundProtocol>({ 'site:status': () => ({ enabled: true, builtIn: false }) });
    const listener = add.mock.calls[0][0] as unknown as (
      m: unknown,
      s: unknown,
      reply: (r: unknown) => void,
    ) => unknown;
    const reply = vi.fn();
    // Returning true would keep the channel open for an answer that never comes, and hide another listener's.
    expect(listener('ping', {}, reply)).toBeUndefined();
    expect(listener(envelope('data:clear', { what: 'cache' }), {}, reply)).toBeUndefined();
    expect(listener(envelope('site:status', { url: 'http://127.0.0.1/' }), {}, reply)).toBe(true);
    stop();
    add.mockRestore();
  });

  it('rejects when the handler throws, so callers can retry', async () => {
    const stop = listen<BackgroundProtocol>({
      'data:clear': () => Promise.reject(new Error('worker stopped')),
    });
    await expect(ask('data:clear', { what: 'cache' })).rejects.toThrow(/worker stopped/);
    stop();
  });
});

describe('routing by own handlers only', () => {
  it('a type named like an Object.prototype member reaches no handler', () => {
    const add = vi.spyOn(browser.runtime.onMessage, 'addListener');
    const stop = listen<BackgroundProtocol>({ 'site:status': () => ({ enabled: true, builtIn: false }) });
    const listener = add.mock.calls[0][0] as unknown as (
      m: unknown,
      s: unknown,
      reply: (r: unknown) => void,
    ) => unknown;
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(listener(envelope(type, {}), {}, vi.fn()), type).toBeUndefined();
    stop();
    add.mockRestore();
  });

  it('a message the guard refuses is answered with the reason and never reaches the handler', async () => {
    const handler = vi.fn(() => ({ enabled: true, builtIn: false }));
    const stop = listen<BackgroundProtocol>({ 'site:status': handler }, () => 'no');
    await expect(ask('site:status', { url: 'http://127.0.0.1/' })).rejects.toThrow('no');
    expect(handler).not.toHaveBeenCalled();
    stop();
  });
});
