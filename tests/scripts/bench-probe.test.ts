// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { PROBE } from '../../scripts/lib/bench-probe';

interface CardWatch {
  at: number | null;
  remote?: boolean;
  drawn?: number;
  busy?: boolean;
  layer?: number;
  layerAt?: number;
}

const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));
const bench = () =>
  (window as unknown as { __bench: { card: CardWatch | null; watch(on: boolean): void } }).__bench;

/** A card host as the content script's (an open shadow root, as in the test build), empty for now. */
function cardHost(): ShadowRoot {
  const host = document.createElement('backstory-card');
  document.body.append(host);
  return host.attachShadow({ mode: 'open' });
}

describe('bench:page probe, the card', () => {
  beforeEach(() => {
    document.body.replaceChildren();
    delete (window as unknown as { __bench?: unknown }).__bench;
    new Function(PROBE)();
    bench().watch(true);
  });

  it('times the answer to a busy layer inside the task that draws it, then at the next frame', async () => {
    bench().card = { at: null, remote: true };
    const root = cardHost();
    await frame();
    root.innerHTML = '<div role="dialog"><section aria-busy="true"></section></div>';
    await frame();
    const card = bench().card!;
    expect(card.at).not.toBeNull();
    expect(card.busy).toBe(true);
    expect(card.layer).toBeUndefined();
    const before = performance.now();
    root.querySelector('section')!.replaceWith(document.createElement('p'));
    await Promise.resolve();
    // Read in the observer's callback, before any frame.
    expect(card.layer).toBeGreaterThanOrEqual(before);
    expect(card.layerAt).toBeUndefined();
    await frame();
    expect(card.layerAt).toBeGreaterThanOrEqual(card.layer!);
  });

  it('does not take a layer that was never busy for an answer, and stops at the dialog for a local card', async () => {
    bench().card = { at: null, remote: true };
    const root = cardHost();
    await frame();
    root.innerHTML = '<div role="dialog"><p>known already</p></div>';
    await frame();
    root.querySelector('p')!.textContent = 'again';
    root.querySelector('[role="dialog"]')!.append(document.createElement('p'));
    await frame();
    expect(bench().card!.layer).toBeUndefined();

    document.body.replaceChildren();
    bench().card = { at: null };
    const other = cardHost();
    await frame();
    other.innerHTML = '<div role="dialog"><section aria-busy="true"></section></div>';
    await frame();
    other.querySelector('section')!.remove();
    await frame();
    expect(bench().card!.at).not.toBeNull();
    expect(bench().card!.layer).toBeUndefined();
  });
});
