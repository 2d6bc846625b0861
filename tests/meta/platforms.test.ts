/** Every platform shape is proven on a page: a fixture, and what must be found on it. */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/liveblog/platforms';
import { NOT_LIVE_BLOGS, OWN_PAGES } from '../fixtures/platforms/expected';
import { ROOT } from './helpers';

const FOLDER = resolve(ROOT, 'tests/fixtures/platforms');

describe('platform shapes', () => {
  it.each(PLATFORMS.map((p) => p.name))(
    '%s has a fixture page whose expectation is found through it',
    (name) => {
      const pages = Object.entries(OWN_PAGES).filter(([, e]) => e.via === `platform:${name}`);
      expect(
        pages.map(([file]) => file),
        `no page in tests/fixtures/platforms expects platform:${name}`,
      ).not.toEqual([]);
      for (const [file, e] of pages) {
        expect(existsSync(resolve(FOLDER, file)), `${file} is missing`).toBe(true);
        expect(e.count, `${file} expects no updates`).toBeGreaterThan(0);
      }
    },
  );

  it('every expectation that names a platform names one that exists', () => {
    const names = new Set(PLATFORMS.map((p) => `platform:${p.name}`));
    const stale = Object.entries(OWN_PAGES)
      .filter(([, e]) => e.via.startsWith('platform:') && !names.has(e.via))
      .map(([file, e]) => `${file}: ${e.via}`);
    expect(stale).toEqual([]);
  });

  it('every page in the folder has an expectation (a live blog) or is listed as not one', () => {
    const pages = readdirSync(FOLDER).filter((f) => f.endsWith('.html'));
    const known = new Set([...Object.keys(OWN_PAGES), ...NOT_LIVE_BLOGS]);
    expect(pages.filter((f) => !known.has(f))).toEqual([]);
    expect([...known].filter((f) => !pages.includes(f))).toEqual([]);
  });
});
