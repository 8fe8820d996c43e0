/**
 * @fileoverview Turns seed matches (equal k-grams found by blocking or winnowing) into maximal aligned
 * passages: each seed is extended to the longest exact match around it, then the extension bridges
 * small edits (a changed place name, a year, an inserted 我镇) as long as an exact run of at least
 * `anchor` characters follows within `maxGap` characters on both sides. The passage similarity is
 * 1 − Levenshtein distance / longer length (fast-levenshtein, which wraps fastest-levenshtein).
 *
 * Works for two texts (cross-document) and for one text against itself (`self`: the first range must
 * end before the second begins, so a passage never matches an overlapping copy of itself).
 */
import levenshtein from "fast-levenshtein";
import { SEP } from "./hash.js";

export interface AlignOptions {
  /** Largest edit bridged, in characters on each side. */
  maxGap: number;
  /** Exact characters required after a bridged edit. */
  anchor: number;
  /** Same text on both sides: keep [a0, a1) strictly before [b0, b1). */
  self?: boolean;
  /** Shortest exact match a seed must grow into (shorter seeds are hash collisions or noise). */
  minSeed: number;
}

/** An aligned passage: A[a0, a1) ≈ B[b0, b1). */
export interface Passage {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  /** Characters inside exact runs. */
  matched: number;
  /** Bridged edits. */
  edits: number;
  /**
   * Self-alignment only, when the exact run around the seed was cut so the earlier range ends before
   * the later one starts (periodic text such as one block pasted many times in a row): the whole run
   * on this diagonal. Seeds inside it are covered, so a run is measured once, not once per position.
   */
  run?: { a0: number; a1: number; b0: number; b1: number };
}

function eq(A: string, i: number, B: string, j: number): boolean {
  const c = A.charCodeAt(i);
  return c === B.charCodeAt(j) && c !== SEP && c === c; // NaN (out of range) never equals
}

function runLength(A: string, i: number, B: string, j: number, limitA: number, limitB: number): number {
  let n = 0;
  while (i + n < limitA && j + n < limitB && eq(A, i + n, B, j + n)) n++;
  return n;
}

function runLengthBack(A: string, i: number, B: string, j: number, floorA: number, floorB: number): number {
  let n = 0;
  while (i - n - 1 >= floorA && j - n - 1 >= floorB && eq(A, i - n - 1, B, j - n - 1)) n++;
  return n;
}

/**
 * Grows one seed (A[ia] = B[ib] …) into a passage, or returns null when the exact core is shorter than minSeed.
 */
export function extendSeed(A: string, B: string, ia: number, ib: number, o: AlignOptions): Passage | null {
  // Limits keep the two ranges of a self-alignment apart: A side stays below the B side.
  const limA = () => (o.self ? Math.min(A.length, b0) : A.length);
  let back = runLengthBack(A, ia, B, ib, 0, 0);
  let fwd = runLength(A, ia, B, ib, A.length, B.length);
  let run: Passage["run"];
  if (o.self) {
    // The earlier range must end before the later one starts: at most the diagonal ib − ia long
    // (periodic text such as 哈哈哈… would otherwise match an overlapping copy of itself).
    const d = ib - ia;
    if (back + fwd > d) run = { a0: ia - back, a1: ia + fwd, b0: ib - back, b1: ib + fwd };
    back = Math.min(back, d);
    fwd = Math.min(fwd, d - back);
  }
  let a0 = ia - back;
  let b0 = ib - back;
  let a1 = ia + fwd;
  let b1 = ib + fwd;
  let matched = a1 - a0;
  if (matched < o.minSeed) return null;
  let edits = 0;
  // Right: bridge edits while an anchor follows.
  for (;;) {
    const step = bridgeRight(A, B, a1, b1, o, limA());
    if (!step) break;
    a1 = step.a + step.len;
    b1 = step.b + step.len;
    matched += step.len;
    edits++;
  }
  // Left.
  for (;;) {
    const step = bridgeLeft(A, B, a0, b0, o, o.self ? a1 : 0);
    if (!step) break;
    a0 = step.a;
    b0 = step.b;
    matched += step.len;
    edits++;
  }
  return run ? { a0, a1, b0, b1, matched, edits, run } : { a0, a1, b0, b1, matched, edits };
}

function bridgeRight(A: string, B: string, x: number, y: number, o: AlignOptions, limitA: number): { a: number; b: number; len: number } | null {
  for (let s = 1; s <= 2 * o.maxGap; s++) {
    for (let da = Math.max(0, s - o.maxGap); da <= Math.min(s, o.maxGap); da++) {
      const db = s - da;
      const a = x + da;
      const b = y + db;
      if (a >= limitA || b >= B.length) continue;
      if (spansSep(A, x, a) || spansSep(B, y, b)) continue;
      const len = runLength(A, a, B, b, limitA, B.length);
      if (len >= o.anchor) return { a, b, len };
    }
  }
  return null;
}

function bridgeLeft(A: string, B: string, x: number, y: number, o: AlignOptions, floorB: number): { a: number; b: number; len: number } | null {
  for (let s = 1; s <= 2 * o.maxGap; s++) {
    for (let da = Math.max(0, s - o.maxGap); da <= Math.min(s, o.maxGap); da++) {
      const db = s - da;
      const a = x - da; // exclusive end of the next run to the left
      const b = y - db;
      if (a <= 0 || b <= floorB) continue;
      if (spansSep(A, a, x) || spansSep(B, b, y)) continue;
      const len = runLengthBack(A, a, B, b, 0, floorB);
      if (len >= o.anchor) return { a: a - len, b: b - len, len };
    }
  }
  return null;
}

function spansSep(T: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (T.charCodeAt(i) === SEP) return true;
  return false;
}

/** True when the seed (ia, ib) already lies inside a passage on about the same diagonal. */
export function covered(passages: readonly Passage[], ia: number, ib: number, slack: number): boolean {
  for (const p of passages) {
    if (ia >= p.a0 && ia < p.a1 && ib >= p.b0 && ib < p.b1) {
      const d = ib - ia;
      if (Math.abs(d - (p.b0 - p.a0)) <= slack || Math.abs(d - (p.b1 - p.a1)) <= slack) return true;
    }
  }
  return false;
}

/**
 * Passages found so far, bucketed by diagonal (b − a), so that "is this seed already inside a passage
 * on about the same diagonal?" costs O(1) instead of a scan of every passage (which made in-document
 * blocking grow with the square of the report length).
 *
 * With `forwardB` the caller promises that the B position of successive queries never decreases (a
 * left-to-right scan): a passage that ends at or before it can never cover a later seed and is dropped
 * from its buckets while they are scanned, so a bucket holds only the passages still ahead.
 */
export class PassageIndex {
  private readonly buckets = new Map<number, Passage[]>();
  readonly all: Passage[] = [];
  constructor(
    private readonly slack: number,
    private readonly forwardB = false,
  ) {}
  private key(d: number): number {
    return Math.floor(d / (this.slack + 1));
  }
  add(p: Passage): void {
    this.all.push(p);
    // A cut periodic run covers its whole extent on the diagonal (see Passage.run).
    this.index(p.run ? { ...p.run, matched: 0, edits: 0 } : p);
  }
  private index(p: Passage): void {
    const k0 = this.key(Math.min(p.b0 - p.a0, p.b1 - p.a1));
    const k1 = this.key(Math.max(p.b0 - p.a0, p.b1 - p.a1));
    for (let k = k0; k <= k1; k++) {
      const list = this.buckets.get(k);
      if (list) list.push(p);
      else this.buckets.set(k, [p]);
    }
  }
  covered(ia: number, ib: number): boolean {
    const k = this.key(ib - ia);
    for (let x = k - 1; x <= k + 1; x++) {
      const list = this.buckets.get(x);
      if (!list) continue;
      if (this.forwardB) dropPassed(list, ib);
      if (covered(list, ia, ib, this.slack)) return true;
    }
    return false;
  }
}

/** Removes (in place, order kept) the passages whose B range ends at or before `ib`. */
function dropPassed(list: Passage[], ib: number): void {
  let w = 0;
  for (let r = 0; r < list.length; r++) {
    const p = list[r]!;
    if (p.b1 > ib) list[w++] = p;
  }
  list.length = w;
}

/** 1 − edit distance / longer length of the two ranges. */
export function similarity(A: string, B: string, p: Passage): number {
  const la = p.a1 - p.a0;
  const lb = p.b1 - p.b0;
  const longer = Math.max(la, lb);
  if (longer === 0) return 1;
  if (p.edits === 0 && la === lb) return 1;
  if (longer > 6000) return p.matched / longer; // keep the O(n·m/32) distance bounded on huge passages
  return 1 - levenshtein.get(A.slice(p.a0, p.a1), B.slice(p.b0, p.b1)) / longer;
}

/**
 * Merges passages whose A ranges and B ranges both overlap (or touch within `gap`) into one.
 * Input order does not matter; output is sorted by b0 then a0.
 */
export function mergePassages(passages: Passage[], gap = 0, self = false): Passage[] {
  const sorted = [...passages].sort((x, y) => x.b0 - y.b0 || x.a0 - y.a0);
  const out: Passage[] = [];
  for (const p of sorted) {
    let merged = false;
    for (let i = out.length - 1; i >= 0 && i >= out.length - 8; i--) {
      const q = out[i]!;
      // Same region on both sides, same order, about the same diagonal (two clauses written in the
      // other order elsewhere are two passages, not one).
      const sameDiagonal = Math.abs(p.b0 - p.a0 - (q.b0 - q.a0)) <= Math.max(gap, 8);
      // In a self-alignment the merged earlier range must still end before the later one starts.
      const apart = !self || Math.max(q.a1, p.a1) <= Math.min(q.b0, p.b0);
      if (p.b0 <= q.b1 + gap && p.a0 <= q.a1 + gap && p.a1 + gap >= q.a0 && p.a0 >= q.a0 && sameDiagonal && apart) {
        out[i] = {
          a0: Math.min(q.a0, p.a0),
          a1: Math.max(q.a1, p.a1),
          b0: Math.min(q.b0, p.b0),
          b1: Math.max(q.b1, p.b1),
          matched: Math.max(q.matched, p.matched) + Math.max(0, Math.min(q.matched, p.matched) - overlap(q, p)),
          edits: q.edits + p.edits,
        };
        merged = true;
        break;
      }
    }
    if (!merged) out.push({ ...p });
  }
  return out;
}

function overlap(q: Passage, p: Passage): number {
  return Math.max(0, Math.min(q.b1, p.b1) - Math.max(q.b0, p.b0));
}

/** Figures and the words that qualify them (5%左右, 18万人以上, 约20个). */
const FIGURES = /[0-9〇零一二三四五六七八九十百千万亿两]+|左右|以上|以下|以内|超过|约|近|多|余/gu;

/**
 * True when two passages differ only in their figures (2025年增长5.2% vs 增长5%左右): the same sentence
 * template filled with other numbers, which is parallel wording, not a repeat or a copy.
 */
export function differsOnlyInFigures(a: string, b: string): boolean {
  if (a === b) return false;
  if (!/[0-9]/.test(a) && !/[0-9]/.test(b)) return false;
  const x = a.replace(FIGURES, "");
  const y = b.replace(FIGURES, "");
  const raw = levenshtein.get(a, b);
  const rest = x === y ? 0 : levenshtein.get(x, y);
  // Most of the edits must disappear with the figures, and little else may differ.
  return rest <= raw / 3 && rest <= 0.1 * Math.max(x.length, y.length);
}
