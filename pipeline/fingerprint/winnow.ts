/**
 * @fileoverview Winnowing (Schleimer, Wilkerson, Aiken 2003; the MOSS algorithm). With noise
 * threshold k (k-gram length) and guarantee threshold t, the window is w = t − k + 1 k-grams and
 * every substring of length ≥ t shared by two texts yields at least one shared fingerprint.
 * Expected density 2/(w+1) fingerprints per k-gram (perf-anchors.md §3.3: matched within 1%).
 */
import { kgramHashes, type KgramHashes } from "./hash.js";

export interface Fingerprints {
  /** Selected hashes, in text order. */
  hashes: Uint32Array;
  /** Start of the selected k-gram in the compact text. */
  positions: Int32Array;
}

/**
 * Robust winnowing: in every window of w consecutive valid k-grams select the minimum hash (the
 * rightmost on ties) and record it once. O(n) with a monotone deque.
 * @param text compact text (see compact.ts)
 */
export function winnow(text: string, k: number, t: number, pre?: KgramHashes): Fingerprints {
  if (t < k) throw new Error(`winnowing needs t ≥ k (t=${t}, k=${k})`);
  const { hashes, valid } = pre ?? kgramHashes(text, k);
  const w = t - k + 1;
  const n = hashes.length;
  // At most one fingerprint per k-gram; trimmed at the end.
  const outH = new Uint32Array(n);
  const outP = new Int32Array(n);
  let out = 0;
  const dq = new Int32Array(n + 1); // indices, hashes increasing from head to tail
  let head = 0;
  let tail = 0;
  let last = -1;
  let runStart = 0; // first index of the current run of valid k-grams
  for (let i = 0; i < n; i++) {
    if (!valid[i]) {
      head = tail = 0;
      runStart = i + 1;
      continue;
    }
    const h = hashes[i]!;
    while (tail > head && hashes[dq[tail - 1]!]! >= h) tail--;
    dq[tail++] = i;
    const winStart = i - w + 1;
    while (dq[head]! < winStart) head++;
    // A window is complete once it holds w valid k-grams; a short run (< w) still yields its minimum
    // at its end so that short blocks are not invisible.
    const complete = winStart >= runStart;
    const runEnds = i + 1 >= n || !valid[i + 1];
    if (complete || runEnds) {
      const m = dq[head]!;
      if (m !== last) {
        outH[out] = hashes[m]!;
        outP[out++] = m;
        last = m;
      }
    }
  }
  return { hashes: outH.slice(0, out), positions: outP.slice(0, out) };
}
