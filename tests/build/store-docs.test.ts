/** The store documents justify every permission the manifest holds, and the privacy policy names every
 * host the extension talks to by default. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildManifest } from '../../src/manifest';
import {
  ALLOWED_OPTIONAL_HOSTS,
  ALLOWED_OPTIONAL_PERMISSIONS,
  ALLOWED_PERMISSIONS,
} from '../../src/manifest.permissions';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

const doc = (name: string) => readFileSync(join(__dirname, '../../docs/store', name), 'utf8');

describe('docs/store', () => {
  it('justifies each API permission and optional host in permissions.md', () => {
    const text = doc('permissions.md');
    for (const p of [
      ...Object.keys(ALLOWED_PERMISSIONS),
      ...Object.keys(ALLOWED_OPTIONAL_PERMISSIONS),
      ...ALLOWED_OPTIONAL_HOSTS,
    ])
      expect(text, p).toContain(`\`${p}\``);
  });

  it("explains each of Firefox's data collection categories", () => {
    const gecko = (buildManifest('firefox').browser_specific_settings as any).gecko;
    for (const c of gecko.data_collection_permissions.required)
      expect(doc('permissions.md')).toContain(`"${c}"`);
  });

  it('names the hosts card lookups go to by default in the privacy policy', () => {
    const text = doc('privacy.md');
    for (const endpoint of [DEFAULT_SETTINGS.wikipediaEndpoint, DEFAULT_SETTINGS.wikidataEndpoint]) {
      expect(text).toContain(`\`${new URL(endpoint).host}\``);
    }
  });
});
