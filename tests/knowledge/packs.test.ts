import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { nameKey } from '../../src/knowledge/normalize';
import { findPackEntry, packLine, PACKS, type Pack } from '../../src/knowledge/packs';
import schema from '../../src/knowledge/packs/schema.json';

const DIR = resolve(__dirname, '../../src/knowledge/packs');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'schema.json');

/** Object keys that occur twice in one object: JSON.parse would silently keep the last. */
function duplicateKeys(text: string): string[] {
  const dups: string[] = [];
  const stack: Array<Set<string> | null> = [];
  const re = /"((?:[^"\\]|\\.)*)"\s*(:)?|[{}[\]]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const t = m[0];
    if (t === '{') stack.push(new Set());
    else if (t === '[') stack.push(null);
    else if (t === '}' || t === ']') stack.pop();
    else if (m[2]) {
      const keys = stack[stack.length - 1];
      if (keys?.has(m[1])) dups.push(m[1]);
      keys?.add(m[1]);
    }
  }
  return dups;
}

describe('context packs', () => {
  const validate = new Ajv2020({ allErrors: true }).compile(schema);

  it('are all loaded by the background', () => {
    expect(files.sort()).toEqual(PACKS.map((p) => `${p.id}.json`).sort());
  });

  it.each(files)('%s follows the schema, without duplicate keys', (file) => {
    const text = readFileSync(resolve(DIR, file), 'utf8');
    const ok = validate(JSON.parse(text));
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
    expect(ok).toBe(true);
    expect(duplicateKeys(text)).toEqual([]);
  });

  it('catches a broken entry (the schema bites)', () => {
    const broken = {
      id: 'x',
      title: 'Broken',
      asOf: '2025-13',
      description: 'A broken pack for the test.',
      entries: [{ key: 'Bad Key', name: 'X', kind: 'party', summary: 'short' }],
    };
    expect(validate(broken)).toBe(false);
    const paths = (validate.errors ?? []).map(
      (e) => e.instancePath + ' ' + (e.params as { missingProperty?: string }).missingProperty,
    );
    expect(paths.join('\n')).toMatch(/asOf/);
    expect(paths.join('\n')).toMatch(/wikiTitle/);
    expect(paths.join('\n')).toMatch(/entries\/0\/key/);
    expect(duplicateKeys('{"a": 1, "b": {"a": 2}, "a": 3}')).toEqual(['a']);
  });

  const entries = PACKS.flatMap((p: Pack) => p.entries.map((e) => ({ pack: p, e })));
  const keys = new Set(entries.map(({ e }) => e.key));
  const conflicts = new Map(
    PACKS.flatMap((p) => p.conflicts ?? []).map((c) => [c.id, new Set(c.sides.map((s) => s.id))]),
  );

  it('have unique keys, and every name or alias leads to one entry of a kind', () => {
    expect(keys.size).toBe(entries.length);
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const { e } of entries) {
      for (const n of new Set([e.name, ...(e.aliases ?? [])].map(nameKey))) {
        const id = `${e.kind}|${n}`;
        if (seen.has(id) && seen.get(id) !== e.key) clashes.push(`${n}: ${seen.get(id)} / ${e.key}`);
        seen.set(id, e.key);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('refer only to declared sides and existing backers; offices start before they end', () => {
    const problems: string[] = [];
    for (const { e } of entries) {
      for (const s of e.sides ?? [])
        if (!conflicts.get(s.conflict)?.has(s.side)) problems.push(`${e.key}: side ${s.conflict}/${s.side}`);
      for (const b of e.backers ?? [])
        if (!keys.has(b) || b === e.key) problems.push(`${e.key}: backer ${b}`);
      for (const o of [
        ...(e.offices ?? []),
        ...(e.sides ?? []).map((s) => ({ label: s.side, start: s.from, end: s.to })),
      ])
        if (o.start && o.end && o.start > o.end) problems.push(`${e.key}: ${o.label} ${o.start} > ${o.end}`);
      if (e.kind === 'place' && !e.geo) problems.push(`${e.key}: a place without geo`);
    }
    expect(problems).toEqual([]);
  });

  it('cover the conflict actors, neighbours, leaders and organisations news about Syria names', () => {
    for (const name of [
      'Hezbollah',
      'the regime',
      'YPG',
      'Euphrates Shield',
      'HTS',
      'Nusra Front',
      'Ahrar al-Sham',
      'Jaysh al-Islam',
      'ISIS',
      'SDF',
      'PKK',
      'Olive Branch',
      'White Helmets',
      'SOHR',
      'Free Syrian Army',
      'Syrian National Army',
      'IRGC',
      'Quds Force',
    ]) {
      expect(findPackEntry([name], 'organization'), name).toBeDefined();
    }
    for (const name of [
      'Binali Yıldırım',
      'Bashar al-Assad',
      'Vladimir Putin',
      'Recep Tayyip Erdoğan',
      'Samantha Power',
    ])
      expect(findPackEntry([name], 'person'), name).toBeDefined();
    for (const name of ['UN', 'NATO', 'European Union', 'Arab League', 'OPCW', 'ICRC', 'UNHCR'])
      expect(findPackEntry([name], 'organization'), name).toBeDefined();
  });

  it('give the card a line with sides and backers in words', () => {
    const line = packLine(findPackEntry(['Hezbollah'], 'organization')!);
    expect(line).toMatchObject({
      pack: 'syria',
      asOf: '2025-06',
      wikiTitle: 'Hezbollah',
      backers: ['Islamic Revolutionary Guard Corps'],
    });
    expect(line.sides).toEqual(['Assad government and its allies (Syrian civil war 2012–2024)']);
    // Kinds must fit, except events, which the detector may class either way.
    expect(findPackEntry(['Hezbollah'], 'person')).toBeUndefined();
    expect(findPackEntry(['Euphrates Shield'], 'place')?.entry.key).toBe('euphrates-shield');
  });
});
