import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { ask } from '../../src/messaging/client';
import type { BackgroundProtocol } from '../../src/messaging/protocol';
import { listen } from '../../src/messaging/router';

describe('typed messaging', () => {
  it('routes a request to its handler and returns the answer', async () => {
    const stop = listen<BackgroundProtocol>({ 'site:status': ({ url }) => ({ enabled: url.startsWith('http://127.0.0.1'), builtIn: true }) });
    await expect(ask('site:status', { url: 'http://127.0.0.1:3000/' })).resolves.toEqual({ enabled: true, builtIn: true });
    stop();
  });

  it('leaves foreign messages to other listeners', async () => {
    const stop = listen<BackgroundProtocol>({ 'site:status': () => ({ enabled: true, builtIn: false }) });
    const other = (m: unknown, _s: unknown, reply: (r: string) => void) => {
      if (m !== 'ping') return undefined;
      reply('pong');
      return true;
    };
    browser.runtime.onMessage.addListener(other as never);
    await expect(browser.runtime.sendMessage('ping')).resolves.toBe('pong');
    browser.runtime.onMessage.removeListener(other as never);
    stop();
  });

  it('rejects when the handler throws, so callers can retry', async () => {
    const stop = listen<BackgroundProtocol>({ 'data:clear': () => Promise.reject(new Error('worker stopped')) });
    await expect(ask('data:clear', { what: 'cache' })).rejects.toThrow(/worker stopped/);
    stop();
  });
});
