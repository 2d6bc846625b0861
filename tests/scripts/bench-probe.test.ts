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

/**
 * Watches for a card (`remote`: and its answer), then opens one as the content script's host does (an open
 * shadow root, as in the test build) with `dialog` as its markup, a frame later, and waits a frame.
 */
async function openCard(remote: boolean, dialog: string): Promise<ShadowRoot> {
  document.body.replaceChildren();
  bench().card = remote ? { at: null, remote } : { at: null };
  const host = document.createElement('backstory-card');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  await frame();
  root.innerHTML = `<div role="dialog">${dialog}</div>`;
  await frame();
  return root;
}

const BUSY = '<section aria-busy="true"></section>';

describe('bench:page probe, the card', () => {
  beforeEach(() => {
    delete (window as unknown as { __bench?: unknown }).__bench;
    new Function(PROBE)();
    bench().watch(true);
  });

  it('times the answer to a busy layer inside the task that draws it, then at the next frame', async () => {
    const root = await openCard(true, BUSY);
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
    const root = await openCard(true, '<p>known already</p>');
    root.querySelector('p')!.textContent = 'again';
    root.querySelector('[role="dialog"]')!.append(document.createElement('p'));
    await frame();
    expect(bench().card!.layer).toBeUndefined();

    const local = await openCard(false, BUSY);
    local.querySelector('section')!.remove();
    await frame();
    expect(bench().card!.at).not.toBeNull();
    expect(bench().card!.layer).toBeUndefined();
  });
});
