/**
 * @fileoverview LSD radix sort of 32-bit keys carrying an index payload (two 16-bit passes). Sorting
 * millions of fingerprints this way takes a fraction of a second and no per-entry objects, which is
 * what lets the copy index grow linearly with the archive.
 */

/**
 * Returns the order (indices into `keys`) that sorts `keys` ascending; stable. Four 8-bit passes that
 * carry the keys along, so every pass reads sequentially and scatters into only 256 buckets (2 passes
 * of 16 bits gather keys at random and thrash the cache once the arrays outgrow it).
 */
export function radixOrder(keys: Uint32Array, n = keys.length): Uint32Array {
  return radixSort(keys, n).order;
}

/** Like radixOrder, and also returns the keys in sorted order (so callers can scan them sequentially). */
export function radixSort(keys: Uint32Array, n = keys.length): { order: Uint32Array; sorted: Uint32Array } {
  let order = new Uint32Array(n);
  let tmpOrder = new Uint32Array(n);
  let k = keys.slice(0, n);
  let tmpKeys = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const count = new Uint32Array(257);
  for (let shift = 0; shift < 32; shift += 8) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((k[i]! >>> shift) & 0xff) + 1]!++;
    if (count[1]! === n || count.some((c, b) => b > 0 && c === n)) continue; // all in one bucket: pass changes nothing
    for (let b = 0; b < 256; b++) count[b + 1]! += count[b]!;
    for (let i = 0; i < n; i++) {
      const key = k[i]!;
      const at = count[(key >>> shift) & 0xff]!++;
      tmpKeys[at] = key;
      tmpOrder[at] = order[i]!;
    }
    [k, tmpKeys] = [tmpKeys, k];
    [order, tmpOrder] = [tmpOrder, order];
  }
  return { order, sorted: k };
}

/** A growable Int32 column. */
export class IntColumn {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}
