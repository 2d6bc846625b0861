/** cyrb53: a fast, well-mixed 53-bit string hash. Ids only need to be stable, not secret. */
export function hash53(input: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Lower case, letters and digits only, single spaces: what survives typo fixes and re-punctuation. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Id of an update that has no DOM id: its label plus the first words of its text. Small edits further in
 * do not change it; two updates that share a label ("UPDATE 1615 GMT") differ by their opening words.
 */
export function textId(label: string, text: string, words = 12): string {
  return 't' + hash53(normaliseText(label) + '|' + openingWords(text, words));
}

/**
 * The first `count` words of `normaliseText(text)`, normalising only as much of a long text as they need:
 * a slice that yields more words than asked for has its first ones complete.
 */
export function openingWords(text: string, count: number): string {
  for (let length = 256; ; length *= 4) {
    const words = normaliseText(text.slice(0, length)).split(' ');
    if (words.length > count || length >= text.length) return words.slice(0, count).join(' ');
  }
}
