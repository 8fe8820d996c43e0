/**
 * @fileoverview Repeated passages inside one text, found by blocking on equal k-grams: every k-gram
 * position is looked up in a hash → positions index and only positions that share a k-gram are
 * compared, so cost follows the number of repeated k-grams, not the square of the text length.
 * Seeds already inside a passage found on the same diagonal are skipped.
 */
import { kgramHashes } from "./hash.js";
import { extendSeed, mergePassages, PassageIndex, similarity, type AlignOptions, type Passage } from "./align.js";

export interface RepeatOptions {
  /** k-gram length used for blocking (the shortest repeat that can be found). */
  k: number;
  maxGap: number;
  anchor: number;
  /** Earlier occurrences of one k-gram looked at per position (bounds work on very frequent k-grams). */
  maxBucket?: number;
}

export interface ScoredPassage extends Passage {
  similarity: number;
}

/** All maximal repeated passages of `text` (earlier range A, later range B), merged and scored. */
export function selfRepeats(text: string, o: RepeatOptions): ScoredPassage[] {
  const { hashes, valid } = kgramHashes(text, o.k);
  const buckets = new Map<number, number[]>();
  const align: AlignOptions = { maxGap: o.maxGap, anchor: o.anchor, self: true, minSeed: o.k };
  const found = new PassageIndex(o.maxGap);
  const maxBucket = o.maxBucket ?? 64;
  for (let i = 0; i < hashes.length; i++) {
    if (!valid[i]) continue;
    const h = hashes[i]!;
    let list = buckets.get(h);
    if (!list) {
      buckets.set(h, [i]);
      continue;
    }
    // A k-gram inside a periodic run (哈哈哈…, 依法行政依法行政…, a line of dashes) matches itself at every
    // shift: seeding there costs O(n²) on long runs and finds nothing a reader calls a repeat.
    if (isPeriodic(text, i, o.k)) {
      list.push(i);
      continue;
    }
    for (let x = list.length - 1, seen = 0; x >= 0 && seen < maxBucket; x--, seen++) {
      const j = list[x]!;
      if (j + o.k > i) continue; // overlapping occurrence (periodic text)
      if (found.covered(j, i)) continue;
      const p = extendSeed(text, text, j, i, align);
      if (p) found.add(p);
    }
    list.push(i);
  }
  return mergePassages(found.all, 0, true).map((p) => ({ ...p, similarity: similarity(text, text, p) }));
}

/** True when text[i, i+k) repeats with a period of at most k/2 (it is made of one short unit). */
export function isPeriodic(text: string, i: number, k: number): boolean {
  for (let p = 1; p <= k >> 1; p++) {
    let x = i;
    const end = i + k - p;
    while (x < end && text.charCodeAt(x) === text.charCodeAt(x + p)) x++;
    if (x === end) return true;
  }
  return false;
}
