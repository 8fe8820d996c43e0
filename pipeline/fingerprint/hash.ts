/**
 * @fileoverview 32-bit hashing of character k-grams (rolling, `Math.imul` arithmetic mod 2^32) for
 * winnowing, MinHash and in-document blocking. perf-anchors.md §1.4: exact modular arithmetic on
 * doubles is 22× slower and no more accurate, so everything here is 32-bit.
 *
 * NOTE: k-grams are over UTF-16 code units of a compact text (see compact.ts). A k-gram that contains
 * the block separator (U+0000) gets no hash (`valid[i] === 0`), so no match can span two blocks.
 */

/** Separator between blocks in a compact text; never equal to anything, itself included. */
export const SEP = 0;

const BASE = 0x01000193; // FNV prime, odd: multiplication by it is a bijection mod 2^32

/** Murmur3 finalizer: spreads the bits of a polynomial hash so window minima behave like random ones. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface KgramHashes {
  k: number;
  /** `hashes[i]` = hash of text[i, i+k). */
  hashes: Uint32Array;
  /** 1 when the k-gram contains no separator. */
  valid: Uint8Array;
}

/**
 * Hashes every k-gram of `text` with a rolling polynomial hash, finalized by fmix32.
 * @returns arrays of length max(0, text.length − k + 1)
 */
export function kgramHashes(text: string, k: number): KgramHashes {
  const n = text.length - k + 1;
  if (n <= 0) return { k, hashes: new Uint32Array(0), valid: new Uint8Array(0) };
  const hashes = new Uint32Array(n);
  const valid = new Uint8Array(n);
  let pow = 1; // BASE^(k-1)
  for (let i = 1; i < k; i++) pow = Math.imul(pow, BASE);
  let h = 0;
  let lastSep = -1;
  for (let i = 0; i < k - 1; i++) {
    const c = text.charCodeAt(i);
    if (c === SEP) lastSep = i;
    h = (Math.imul(h, BASE) + c) | 0;
  }
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i + k - 1);
    if (c === SEP) lastSep = i + k - 1;
    h = (Math.imul(h, BASE) + c) | 0;
    hashes[i] = fmix32(h);
    valid[i] = lastSep < i ? 1 : 0;
    h = (h - Math.imul(text.charCodeAt(i), pow)) | 0;
  }
  return { k, hashes, valid };
}

/** FNV-1a over a whole string (content identity of documents). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
