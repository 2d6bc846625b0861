/**
 * A Bloom filter for the common-word list: about a third of the gzipped list's size, at a false-positive
 * rate near 0.5% (a rare name taken for a common word now and then). Deterministic; the build and the
 * engine share this code.
 */

function hashes(s: string): [number, number] {
  // FNV-1a and a multiplicative variant over UTF-16 code units, combined by double hashing.
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return [h1 >>> 0, (h2 | 1) >>> 0];
}

export interface BloomData {
  bits: number;
  hashes: number;
  /** The bit array, base64. */
  data: string;
}

export function buildBloom(words: readonly string[], bitsPerWord = 11): BloomData {
  const bits = Math.ceil((words.length * bitsPerWord) / 8) * 8;
  const k = Math.max(1, Math.round(bitsPerWord * Math.LN2));
  const arr = new Uint8Array(bits / 8);
  for (const w of words) {
    const [a, b] = hashes(w);
    for (let i = 0; i < k; i++) {
      const bit = (a + i * b) % bits;
      arr[bit >>> 3] |= 1 << (bit & 7);
    }
  }
  let bin = '';
  for (const byte of arr) bin += String.fromCharCode(byte);
  return { bits, hashes: k, data: btoa(bin) };
}

export class Bloom {
  private readonly arr: Uint8Array;
  constructor(private readonly d: BloomData) {
    const bin = atob(d.data);
    this.arr = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) this.arr[i] = bin.charCodeAt(i);
  }

  has(w: string): boolean {
    const [a, b] = hashes(w);
    for (let i = 0; i < this.d.hashes; i++) {
      const bit = (a + i * b) % this.d.bits;
      if (!(this.arr[bit >>> 3] & (1 << (bit & 7)))) return false;
    }
    return true;
  }
}
