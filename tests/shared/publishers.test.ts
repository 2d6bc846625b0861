/** The publishers list is data the options page offers: every origin must be one the manifest can ask for. */
import { describe, expect, it } from 'vitest';
import { ALLOWED_OPTIONAL_HOSTS } from '../../src/manifest.permissions';
import data from '../../src/shared/publishers.json';

describe('publishers.json', () => {
  it('names at least the publishers the issue lists, each with https origin patterns', () => {
    const names = data.publishers.map((p) => p.name).join(' | ');
    for (const n of [
      'Guardian',
      'BBC',
      'New York Times',
      'CNN',
      'Reuters',
      'Sky',
      'Al Jazeera',
      'AP',
      'Washington Post',
      'Independent',
      'Telegraph',
      'ABC',
      'Le Monde',
      'Spiegel',
    ])
      expect(names).toContain(n);
    for (const p of data.publishers)
      for (const o of p.origins) expect(o).toMatch(/^https:\/\/[a-z0-9.-]+\/\*$/);
  });

  it('asks only for hosts the optional host permissions cover', () => {
    expect(ALLOWED_OPTIONAL_HOSTS).toContain('https://*/*');
  });
});
