/**
 * @fileoverview LSD radix sort of 32-bit keys carrying an index payload (two 16-bit passes). Sorting
 * millions of fingerprints this way takes a fraction of a second and no per-entry objects, which is
 * what lets the copy index grow linearly with the archive.
 */

/** Returns the order (indices into `keys`) that sorts `keys` ascending; stable. */
export function radixOrder(keys: Uint32Array, n = keys.length): Uint32Array {
  let order = new Uint32Array(n);
  let tmp = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const count = new Uint32Array(65537);
  for (let shift = 0; shift < 32; shift += 16) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((keys[order[i]!]! >>> shift) & 0xffff) + 1]!++;
    for (let b = 0; b < 65536; b++) count[b + 1]! += count[b]!;
    for (let i = 0; i < n; i++) {
      const o = order[i]!;
      tmp[count[(keys[o]! >>> shift) & 0xffff]!++] = o;
    }
    const t = order;
    order = tmp;
    tmp = t;
  }
  return order;
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
