/**
 * The panel's selection is drawn like the names: the mention stepped to at once, the others only while
 * their element is in or near the viewport (a name with hundreds of mentions drawn whole made every step's
 * frame spend 100 ms and more repainting).
 */
import { describe, expect, it } from 'vitest';
import { DetectService } from '../../../src/background/detect';
import { NamesIndex } from '../../../src/page/names';
import { SelectionDrawer } from '../../../src/page/features/story/selection';
import { inProcess } from '../detect-helper';
import { FakeIO } from '../fake-io';

const p = (i: number) => document.getElementById(`p${i}`)!;
const drawn = (h: Set<Range>) => [...h].map((r) => r.startContainer.parentElement!.id).sort();

async function setup(paragraphs = 6) {
  document.body.innerHTML = `<main>${Array.from(
    { length: paragraphs },
    (_, i) => `<p id="p${i}">Angela Merkel spoke in Berlin, meeting number ${i + 1}.</p>`,
  ).join('')}</main>`;
  const names = new NamesIndex(document, undefined, inProcess(new DetectService()));
  await names.scan([document.querySelector('main')!]);
  const key = [...names.entities.values()].find((e) => e.name === 'Angela Merkel')!.key;
  const mentions = names.mentionsOf(key);
  const highlight = new Set<Range>();
  const drawer = new SelectionDrawer(highlight as unknown as Highlight, (cb) => new FakeIO(cb));
  return { mentions, highlight, drawer };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('the selection highlight', () => {
  it('draws the stepped-to mention at once and the others only near the viewport', async () => {
    const { mentions, highlight, drawer } = await setup();
    expect(mentions).toHaveLength(6);
    drawer.show(mentions, mentions[4]);
    await settle();
    expect(FakeIO.last.targets.size).toBe(6);
    expect(drawn(highlight)).toEqual(['p4']);
    FakeIO.last.fire([p(3), p(4), p(5)], true);
    expect(drawn(highlight)).toEqual(['p3', 'p4', 'p5']);
    FakeIO.last.fire([p(3)], false);
    expect(drawn(highlight)).toEqual(['p4', 'p5']);
  });

  it('steps: the old mention stays while near, goes when far; the new one is drawn at once', async () => {
    const { mentions, highlight, drawer } = await setup();
    drawer.show(mentions, mentions[0]);
    await settle();
    FakeIO.last.fire([p(0), p(1)], true);
    drawer.step(mentions[5]);
    expect(drawn(highlight)).toEqual(['p0', 'p1', 'p5']);
    FakeIO.last.fire([p(0), p(1)], false);
    expect(drawn(highlight)).toEqual(['p5']);
    drawer.step(mentions[2]);
    FakeIO.last.fire([p(5)], false);
    expect(drawn(highlight)).toEqual(['p2']);
  });

  it('clears everything and stops watching', async () => {
    const { mentions, highlight, drawer } = await setup();
    drawer.show(mentions, mentions[1]);
    await settle();
    FakeIO.last.fire([p(1), p(2)], true);
    drawer.clear();
    expect(highlight.size).toBe(0);
    expect(FakeIO.last.targets.size).toBe(0);
  });
});
