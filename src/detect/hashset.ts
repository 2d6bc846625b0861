/**
 * A compact approximate set for the word lists: the sorted hashes of its words, Golomb-Rice coded. A word
 * not in the list is taken for one with probability 2^-bits (0.4% at 8 bits), at about bits + 1.6 bits per
 * word: a seventh smaller than a Bloom filter with the same error. Deterministic; the build and the engine
 * share this code.
 */

export interface HashSetData {
  /** Distinct hashes stored. */
  n: number;
  /** Hashes are taken modulo this: the number of words times 2^bits. */
  m: number;
  /** Bits of each remainder: the false-positive rate is 2^-bits. */
  bits: number;
  /** The Rice-coded gaps between sorted hashes, base64. */
  data: string;
}

/** FNV-1a over UTF-16 code units, finished with a multiplicative mix so every bit counts. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export function buildHashSet(words: readonly string[], bits = 8): HashSetData {
  const size = new Set(words).size * 2 ** bits;
  const values = [...new Set(words.map((w) => hash(w) % size))].sort((a, b) => a - b);
  const out: number[] = [];
  let acc = 0;
  let used = 0;
  const put = (bit: number) => {
    acc |= bit << (7 - used);
    if (++used === 8) {
      out.push(acc);
      acc = 0;
      used = 0;
    }
  };
  let prev = 0;
  for (const v of values) {
    const gap = v - prev;
    prev = v;
    for (let q = Math.floor(gap / 2 ** bits); q > 0; q--) put(1);
    put(0);
    for (let b = bits - 1; b >= 0; b--) put((gap >>> b) & 1);
  }
  if (used) out.push(acc);
  let bin = '';
  for (const byte of out) bin += String.fromCharCode(byte);
  return { n: values.length, m: size, bits, data: btoa(bin) };
}

export class HashSet {
  /**
   * The decoded hashes as a bitmap over [0, m): m is the words times 2^bits, so 2^bits bits a word (16 KB
   * for 1,000 words at 7 bits), less memory than a native set of the numbers and one read a lookup.
   */
  private readonly bitmap: Uint32Array;
  private readonly size: number;

  constructor(d: HashSetData) {
    const bin = atob(d.data);
    this.size = d.m;
    this.bitmap = new Uint32Array(Math.ceil(d.m / 32));
    const unit = 2 ** d.bits;
    let pos = 0;
    let v = 0;
    for (let i = 0; i < d.n; i++) {
      let gap = 0;
      while ((bin.charCodeAt(pos >>> 3) >>> (7 - (pos++ & 7))) & 1) gap += unit;
      let rest = 0;
      for (let b = 0; b < d.bits; b++)
        rest = rest * 2 + ((bin.charCodeAt(pos >>> 3) >>> (7 - (pos++ & 7))) & 1);
      v += gap + rest;
      this.bitmap[v >>> 5] |= 1 << (v & 31);
    }
  }

  has(w: string): boolean {
    const h = hash(w) % this.size;
    return ((this.bitmap[h >>> 5] >>> (h & 31)) & 1) === 1;
  }
}
