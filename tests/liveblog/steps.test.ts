/**
 * Finding a live blog runs in steps that yield to the page, and no step asks the whole document more than
 * about once: each platform's look for its entries is a step of its own, as is finding a platform's
 * entries and starting to judge them (on a 2,000-entry page, the platforms tried before the page's own
 * took 20 ms in one step).
 */
import { describe, expect, it } from 'vitest';
import { detectLiveBlog } from '../../src/liveblog';
import { PLATFORMS } from '../../src/liveblog/platforms';

const entry = (n: number) =>
  `<article id="id_${n}" class="liveblog-entry"><a class="liveblog-meta-time" href="#${n}"><span>10:${String(n % 60).padStart(2, '0')}</span></a><div class="liveblog-entry-main"><h2 class="liveblog-entry-header">Update ${n}</h2><div class="liveblog-entry-content"><p>Words of update ${n}, as the reporter filed them from the scene.</p></div></div></article>`;

describe('finding a live blog, in steps', () => {
  it('asks the document at most twice in any step, whatever platform the page is', () => {
    const platform = PLATFORMS.findIndex((p) => p.name === 'wp-liveblog');
    expect(platform).toBeGreaterThan(3);
    document.body.innerHTML = `<main><div class="liveblog-feed">${Array.from({ length: 60 }, (_, i) => entry(60 - i)).join('')}</div></main>`;
    let asked = 0;
    // Counted where the document's method lives (its class's prototype, or one above it).
    let proto = Object.getPrototypeOf(document) as Record<string, (...a: unknown[]) => unknown>;
    while (!Object.prototype.hasOwnProperty.call(proto, 'querySelectorAll'))
      proto = Object.getPrototypeOf(proto);
    const original = proto.querySelectorAll;
    proto.querySelectorAll = function (this: unknown, ...a: unknown[]) {
      if (this === document) asked++;
      return original.apply(this, a);
    };
    const perStep: number[] = [];
    try {
      const steps = detectLiveBlog(document);
      for (let r = steps.next(); ; r = steps.next()) {
        perStep.push(asked);
        asked = 0;
        if (r.done) {
          expect(r.value?.via).toBe('platform:wp-liveblog');
          expect(r.value?.updates).toHaveLength(60);
          break;
        }
      }
    } finally {
      proto.querySelectorAll = original;
    }
    expect(perStep.reduce((a, b) => a + b, 0)).toBeGreaterThan(platform);
    expect(Math.max(...perStep)).toBeLessThanOrEqual(2);
  });
});
