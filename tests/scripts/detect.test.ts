import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPage, detectText, textBlocks } from '../../scripts/detect';
import { fixture } from '../helpers';

describe('detect command: --text', () => {
  it('gives offsets into the whole text, across blocks and blank lines', () => {
    const text =
      '  French Foreign Minister Jean-Marc Ayrault met Ban Ki-moon in Paris.\n\n\n  Ayrault said Russia was complicit.\n';
    const { mentions } = detectText(text);
    expect(mentions.length).toBeGreaterThan(3);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(Object.keys(mentions[0]).sort()).toEqual(['end', 'entity', 'kind', 'start', 'text']);
    expect(mentions.find((m) => m.text === 'Paris')?.kind).toBe('place');
    // The surname in the second block is an alias of the full name in the first: one page, one key.
    const ayrault = mentions.filter((m) => m.text.includes('Ayrault'));
    expect(ayrault.map((m) => m.start)).toEqual([
      text.indexOf('Jean-Marc Ayrault'),
      text.lastIndexOf('Ayrault'),
    ]);
    expect(new Set(ayrault.map((m) => m.entity)).size).toBe(1);
  });

  it('counts offsets in UTF-16 units, as JavaScript does (astral characters before a name)', () => {
    const text = '😀😀 Turkish Prime Minister Binali Yıldırım spoke in Ankara.';
    const ankara = detectText(text).mentions.find((m) => m.text === 'Ankara');
    expect(ankara?.start).toBe(text.indexOf('Ankara'));
  });

  it('splits blocks at blank lines only (a single newline continues the block)', () => {
    expect(textBlocks('a\nb\n\n c \r\n\r\nd')).toEqual([
      { start: 0, text: 'a\nb' },
      { start: 6, text: 'c' },
      { start: 12, text: 'd' },
    ]);
  });
});

describe('detect command: a page', () => {
  const page = detectPage(fixture('eaworldview-syria-daily.html'), {
    now: Date.parse('2016-11-25T12:00:00Z'),
  });

  it('prints the live blog, its updates and each mention with its update', () => {
    expect(page.liveBlog).toBe(true);
    expect(page.updates).toHaveLength(5);
    for (const u of page.updates) expect(Object.keys(u).sort()).toEqual(['id', 'label', 'text', 'time']);
    expect(page.updates[0]).toMatchObject({ label: 'UPDATE 1615 GMT', time: '2016-11-24T16:15:00.000Z' });
    const ids = new Set(page.updates.map((u) => u.id));
    for (const m of page.mentions) {
      expect(Object.keys(m).sort()).toEqual(['entity', 'kind', 'text', 'update']);
      expect(m.update === null || ids.has(m.update)).toBe(true);
    }
    // Mentions inside updates carry their id; the page's intro and headline are in none.
    expect(page.mentions.some((m) => m.update === null)).toBe(true);
    const binali = page.mentions.find((m) => m.text === 'Binali Yıldırım');
    expect(binali?.update).toBe(page.updates.find((u) => u.text.includes('Binali Yıldırım'))?.id);
  });

  it('gives an ordinary page no updates and every mention a null update', () => {
    const out = detectPage(
      '<html><body><main><p>Jean-Marc Ayrault met Ban Ki-moon in Paris on Thursday, officials said.</p></main></body></html>',
    );
    expect(out.liveBlog).toBe(false);
    expect(out.updates).toEqual([]);
    expect(out.mentions.length).toBeGreaterThan(0);
    expect(out.mentions.every((m) => m.update === null)).toBe(true);
  });
});

describe('detect command: languages', () => {
  it('finds no names on German and French pages unless --all-languages asks', () => {
    for (const name of ['real/spiegel-albtraum.html', 'real/lemonde-loi-renseignement.html']) {
      expect(detectPage(fixture(name)).mentions, name).toEqual([]);
      expect(detectPage(fixture(name), { allLanguages: true }).mentions.length, name).toBeGreaterThan(5);
    }
  });

  it('skips the German block of an English text, not the English ones', () => {
    const text =
      'Chancellor Angela Merkel met President Emmanuel Macron in Paris on Monday, and the two said that they would meet again.\n\n' +
      'It was the first time that the leaders have met since the summit, which was held in Brussels.\n\n' +
      'Bundeskanzlerin Angela Merkel hat sich am Montag mit dem französischen Präsidenten in Paris getroffen, sagte ein Sprecher der Regierung.';
    const { mentions } = detectText(text);
    expect(mentions.length).toBeGreaterThan(0);
    const german = text.indexOf('Bundeskanzlerin');
    expect(mentions.every((m) => m.end < german)).toBe(true);
    expect(detectText(text, { allLanguages: true }).mentions.some((m) => m.start > german)).toBe(true);
  });
});

describe('detect command: the process', () => {
  it('prints one JSON line per text file, in order, and nothing else on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'detect-'));
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    writeFileSync(a, 'Angela Merkel spoke in Berlin.');
    writeFileSync(b, 'Emmanuel Macron spoke in Paris.');
    const out = execFileSync('npm', ['run', '--silent', 'detect', '--', '--text', a, b], {
      encoding: 'utf8',
    });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]).mentions.map((m: { text: string }) => m.text)).toEqual([
      'Angela Merkel',
      'Berlin',
    ]);
    expect(JSON.parse(lines[1]).mentions.map((m: { text: string }) => m.text)).toEqual([
      'Emmanuel Macron',
      'Paris',
    ]);
  }, 30_000);
});
