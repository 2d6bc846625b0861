/** The built manifests ask for nothing beyond the allowlist, and Firefox's declares its data collection. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../src/manifest';
import { ALLOWED_INSTALL_HOSTS, ALLOWED_OPTIONAL_HOSTS, ALLOWED_PERMISSIONS } from '../../src/manifest.permissions';
import { buildDir } from './harness/driver';

const manifest = (browser: 'chrome' | 'firefox') => JSON.parse(readFileSync(join(buildDir(browser), 'manifest.json'), 'utf8'));

describe.each(['chrome', 'firefox'] as const)('%s manifest', (browser) => {
  const m = manifest(browser);

  it('is Manifest V3 with only allowlisted API permissions', () => {
    expect(m.manifest_version).toBe(3);
    for (const p of m.permissions ?? []) expect(Object.keys(ALLOWED_PERMISSIONS), `permission ${p}`).toContain(p);
  });

  it('gets no host at install beyond local pages', () => {
    const install = [...(m.host_permissions ?? []), ...(m.content_scripts ?? []).flatMap((c: { matches: string[] }) => c.matches)];
    for (const h of install) expect(ALLOWED_INSTALL_HOSTS, `install-time host ${h}`).toContain(h);
    expect(install).not.toContain('<all_urls>');
    for (const h of m.optional_host_permissions ?? []) expect(ALLOWED_OPTIONAL_HOSTS).toContain(h);
  });

  it('exposes no extension file to web pages', () => {
    expect(m.web_accessible_resources ?? []).toEqual([]);
  });

  if (browser === 'firefox') {
    it('has a gecko id and honest data_collection_permissions (Firefox only)', () => {
      expect(m.browser_specific_settings.gecko.id).toBe(GECKO_ID);
      expect(m.browser_specific_settings.gecko.data_collection_permissions.required).toEqual(['websiteContent']);
    });
  } else {
    it('carries no Firefox-only keys', () => {
      expect(m.browser_specific_settings).toBeUndefined();
    });
  }
});
