import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** WXT's fake browser has no runtime.onConnect: an in-memory event with `trigger`, like its other events. */
function connectEvent() {
  const listeners = new Set<(port: unknown) => void>();
  return {
    addListener: (f: (port: unknown) => void) => void listeners.add(f),
    removeListener: (f: (port: unknown) => void) => void listeners.delete(f),
    hasListener: (f: (port: unknown) => void) => listeners.has(f),
    removeAllListeners: () => listeners.clear(),
    trigger: async (port: unknown) => {
      for (const f of [...listeners]) f(port);
    },
  };
}

beforeEach(() => {
  fakeBrowser.reset();
  Object.defineProperty(fakeBrowser.runtime, 'onConnect', { value: connectEvent(), configurable: true });
});
