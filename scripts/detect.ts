/**
 * Prints the mentions and entities the detector finds in a text or HTML file, for review.
 * Usage: npm run detect -- <file.html|file.txt> [--blocks]
 * HTML is read as the content script reads it (scanRoot + walkBlocks); text is split at blank lines.
 */
import { readFileSync } from 'node:fs';
import { createPageDetector } from '../src/detect';
import { htmlBlocks } from '../tests/detect/html';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run detect -- <file.html|file.txt> [--blocks]');
  process.exit(1);
}
const source = readFileSync(file, 'utf8');
let blocks: string[];
if (/\.html?$/i.test(file) || /^\s*</.test(source)) {
  blocks = htmlBlocks(source);
} else {
  blocks = source.split(/\n\s*\n/).filter((b) => b.trim());
}

const detector = createPageDetector();
for (const b of blocks) detector.add(b);
const { blocks: mentions, entities } = detector.resolve();

if (args.includes('--blocks')) {
  mentions.forEach((ms, i) => {
    if (!ms.length) return;
    console.log(`[${i}] ${blocks[i].slice(0, 100).replace(/\s+/g, ' ')}`);
    for (const m of ms) console.log(`     ${blocks[i].slice(m.start, m.end)}  ${m.kind}  ${m.key}`);
  });
  console.log();
}
const sorted = [...entities.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
for (const e of sorted) {
  const extras = [
    e.subkind,
    e.aliases.length > 1 ? `aliases: ${e.aliases.join(', ')}` : '',
    e.roles.length ? `roles: ${e.roles.join(' | ')}` : '',
    e.geo ? `geo: ${e.geo.lat},${e.geo.lon}${e.geo.country ? ` ${e.geo.country}` : ''}${e.geo.population ? ` pop ${e.geo.population}` : ''}` : '',
    e.wikiTitle ? `wiki: ${e.wikiTitle}` : '',
  ].filter(Boolean);
  console.log(`${String(e.count).padStart(3)}  ${e.kind.padEnd(12)} ${e.name}  [${e.key}]${extras.length ? `  ${extras.join('; ')}` : ''}`);
}
console.log(`\n${blocks.length} blocks, ${mentions.flat().length} mentions, ${entities.size} entities`);
