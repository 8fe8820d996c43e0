/**
 * @fileoverview Repeated passages inside one text, found by blocking on equal k-grams: every k-gram
 * position is looked up among the earlier positions of the same k-gram and only positions that share
 * a k-gram are compared, so cost follows the number of repeated k-grams, not the square of the text
 * length. Seeds already inside a passage found on the same diagonal are skipped.
 *
 * The earlier positions of a k-gram are a chain through one Int32Array (`prev`), built with an
 * open-addressing table on typed arrays: no per-k-gram JS array, no Map. The work is bounded: at most
 * `maxBucket` earlier occurrences per position, and at most `maxSeeds` seed extensions and bridged
 * edits in all (text
 * made of a few characters or words repeats every k-gram everywhere); when the budget runs out the
 * scan stops and says where (`stoppedAt`), so the caller can tell the reader what was not compared.
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
  /** Seed extensions plus bridged edits allowed in all (default {@link defaultSeedBudget}). */
  maxSeeds?: number;
}

export interface ScoredPassage extends Passage {
  similarity: number;
}

export interface RepeatResult {
  passages: ScoredPassage[];
  /** Compact offset where the seed budget ran out (text from there on was not compared), or null. */
  stoppedAt: number | null;
  /** Seed extensions done. */
  seeds: number;
}

/**
 * Seed extensions (plus bridged edits) allowed for a text of n code units. Real reports need well under one per character
 * (lawtext, gwr2026 and the seeds: at most 0.03 per character; docs/checks/duplicate-text.md); text that
 * needs far more is made of a few repeated words and says nothing more when compared to the end.
 */
export function defaultSeedBudget(n: number): number {
  return n + 5000;
}

/** All maximal repeated passages of `text` (earlier range A, later range B), merged and scored. */
export function selfRepeats(text: string, o: RepeatOptions): ScoredPassage[] {
  return selfRepeatsBounded(text, o).passages;
}

/** {@link selfRepeats} with its budget made visible: where the scan stopped, if it did. */
export function selfRepeatsBounded(text: string, o: RepeatOptions): RepeatResult {
  const { hashes, valid } = kgramHashes(text, o.k);
  const n = hashes.length;
  const align: AlignOptions = { maxGap: o.maxGap, anchor: o.anchor, self: true, minSeed: o.k };
  const found = new PassageIndex(o.maxGap, true);
  const maxBucket = o.maxBucket ?? 64;
  let seedsLeft = o.maxSeeds ?? defaultSeedBudget(text.length);
  let seeds = 0;
  let stoppedAt: number | null = null;
  // prev[i] = the previous valid position with the same hash (−1: none); the table maps a hash to its
  // latest position (open addressing, linear probing; −1 marks an empty slot).
  const prev = new Int32Array(n);
  let size = 16;
  while (size < 2 * n) size <<= 1;
  const mask = size - 1;
  const keys = new Uint32Array(size);
  const last = new Int32Array(size).fill(-1);
  scan: for (let i = 0; i < n; i++) {
    if (!valid[i]) continue;
    const h = hashes[i]!;
    let slot = h & mask;
    while (last[slot] !== -1 && keys[slot] !== h) slot = (slot + 1) & mask;
    const before = last[slot]!;
    keys[slot] = h;
    last[slot] = i;
    prev[i] = before;
    if (before === -1) continue;
    // A k-gram inside a periodic run (哈哈哈…, 依法行政依法行政…, a line of dashes) matches itself at every
    // shift: seeding there costs O(n²) on long runs and finds nothing a reader calls a repeat.
    if (isPeriodic(text, i, o.k)) continue;
    for (let j = before, seen = 0; j !== -1 && seen < maxBucket; j = prev[j]!, seen++) {
      if (j + o.k > i) continue; // overlapping occurrence (periodic text)
      if (found.covered(j, i)) continue;
      if (seedsLeft <= 0) {
        stoppedAt = i;
        break scan;
      }
      seeds++;
      const p = extendSeed(text, text, j, i, align);
      // Each bridged edit cost another round of anchor searches: it counts like a seed.
      seedsLeft -= 1 + (p ? p.edits : 0);
      if (p) found.add(p);
    }
  }
  const passages = mergePassages(found.all, 0, true).map((p) => ({ ...p, similarity: similarity(text, text, p) }));
  return { passages, stoppedAt, seeds };
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
