/**
 * The store build's manifests ask for nothing beyond the allowlist, reach no site at install (not even
 * local ones), carry their icons, and Firefox's declares its data collection. The test build is the same
 * manifest plus the local origins the real-browser tests use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GECKO_ID, ICON_SIZES, iconPath, LOCAL_MATCHES, PAGE_SCRIPTS } from '../../src/manifest';
import {
  ALLOWED_INSTALL_HOSTS,
  ALLOWED_OPTIONAL_HOSTS,
  ALLOWED_OPTIONAL_PERMISSIONS,
  ALLOWED_PERMISSIONS,
  TEST_BUILD_HOSTS,
} from '../../src/manifest.permissions';
import { buildDir } from './harness/driver';

type Build = 'store' | 'test';
const read = (browser: 'chrome' | 'firefox', build: Build) =>
  JSON.parse(readFileSync(join(buildDir(browser, build), 'manifest.json'), 'utf8'));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1'), `${file} is a PNG`).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe.each(['chrome', 'firefox'] as const)('%s store manifest', (browser) => {
  const m = read(browser, 'store');
  const dir = buildDir(browser, 'store');

  it('is Manifest V3 with only allowlisted API permissions', () => {
    expect(m.manifest_version).toBe(3);
    for (const p of m.permissions ?? [])
      expect(Object.keys(ALLOWED_PERMISSIONS), `permission ${p}`).toContain(p);
    // Run-time permissions are allowlisted too: asked in a click, never at install.
    for (const p of m.optional_permissions ?? [])
      expect(Object.keys(ALLOWED_OPTIONAL_PERMISSIONS), `optional permission ${p}`).toContain(p);
  });

  it('reaches no site at install, local origins included', () => {
    const install = [
      ...(m.host_permissions ?? []),
      ...(m.content_scripts ?? []).flatMap((c: { matches: string[] }) => c.matches),
    ];
    expect(install).toEqual(ALLOWED_INSTALL_HOSTS);
    expect(JSON.stringify(m)).not.toMatch(/127\.0\.0\.1|localhost/);
    for (const h of m.optional_host_permissions ?? []) expect(ALLOWED_OPTIONAL_HOSTS).toContain(h);
  });

  it('exposes no extension file to web pages', () => {
    expect(m.web_accessible_resources ?? []).toEqual([]);
  });

  it('gives every page only what every page needs: the card, reading and panel code is the second script, the live-blog detector a script of its own, no polyfill, no start signal to the page', () => {
    const file = (f: string) => readFileSync(join(dir, f), 'utf8');
    const content = file('content-scripts/content.js');
    const more = file(PAGE_SCRIPTS.more);
    const detector = file(PAGE_SCRIPTS.liveblog);
    // The card's words (src/layers/places/view.tsx) are in the second script only.
    expect(more).toContain('Not sure which');
    expect(content).not.toContain('Not sure which');
    // A platform's entry selector is in both (the content script's first look asks it); what only the
    // detector reads, the schema's updates and the page's dates (src/liveblog/time.ts), is not in the
    // content script.
    for (const script of [content, detector]) expect(script).toContain('article[data-testid="content-post"]');
    for (const word of ['liveBlogUpdate', 'diciembre']) {
      expect(detector).toContain(word);
      expect(content).not.toContain(word);
    }
    // webextension-polyfill's own message, which the background (that keeps it) carries.
    const polyfill = 'The message port closed before a response was received';
    expect(file('background.js')).toContain(polyfill);
    for (const script of [content, more, detector]) expect(script).not.toContain(polyfill);
    // WXT's content-script context announced itself to the page with this event (src/page/script-context.ts).
    expect(content).not.toContain('content-script-started');
  });

  it('injects the highlight rules on the root in Chromium, where highlights inherit, and on every element in Firefox', () => {
    // Registered with the content script when the reader enables a site (src/background/sites.ts).
    const css = readFileSync(join(dir, 'content-scripts/content.css'), 'utf8');
    const rules = css.match(/(?::root)?::highlight\(backstory-[\w-]+\)/g) ?? [];
    expect(rules.length).toBeGreaterThanOrEqual(7);
    for (const rule of rules) expect(rule.startsWith(':root')).toBe(browser === 'chrome');
  });

  it('carries its icons (16, 32, 48, 128 px), for the extension and the toolbar, and the "off" set', () => {
    for (const key of ['icons', 'action.default_icon']) {
      const set = key === 'icons' ? m.icons : m.action.default_icon;
      expect(Object.keys(set ?? {}).map(Number), key).toEqual([...ICON_SIZES]);
    }
    for (const size of ICON_SIZES) {
      expect(m.icons[size]).toBe(iconPath('on', size));
      expect(m.action.default_icon[size]).toBe(iconPath('on', size));
      for (const state of ['on', 'off'] as const) {
        expect(pngSize(join(dir, iconPath(state, size))), `${state} ${size}`).toEqual({
          width: size,
          height: size,
        });
      }
    }
  });

  if (browser === 'firefox') {
    it('has a gecko id and honest data_collection_permissions (Firefox only)', () => {
      expect(m.browser_specific_settings.gecko.id).toBe(GECKO_ID);
      expect(m.browser_specific_settings.gecko.data_collection_permissions.required).toEqual([
        'websiteContent',
      ]);
    });
  } else {
    it('carries no Firefox-only keys', () => {
      expect(m.browser_specific_settings).toBeUndefined();
    });
  }
});

describe.each(['chrome', 'firefox'] as const)('%s test build', (browser) => {
  it('is the store manifest plus what a reader who enabled the local origins holds there (the host permission, the content script), and nothing else', () => {
    const store = read(browser, 'store');
    const { content_scripts: scripts, host_permissions: hosts, ...rest } = read(browser, 'test');
    expect(rest).toEqual(store);
    expect(TEST_BUILD_HOSTS).toEqual(LOCAL_MATCHES);
    expect(hosts).toEqual(LOCAL_MATCHES);
    expect(scripts).toEqual([
      expect.objectContaining({
        matches: TEST_BUILD_HOSTS,
        js: ['content-scripts/content.js'],
        css: ['content-scripts/content.css'],
      }),
    ]);
  });
});
