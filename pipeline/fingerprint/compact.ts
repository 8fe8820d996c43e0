/**
 * @fileoverview The compact view of a document that the duplication checks compare: only letters and
 * digits of report prose (punctuation, spaces and web chrome dropped), with a map from each compact
 * code unit back to its normalized offset. Blocks are joined with a separator (U+0000) that nothing
 * matches, so no repeated passage can straddle two blocks that are not adjacent in the prose.
 *
 * NOTE: comparing without punctuation makes `2019 年` = `2019年` and `,` = `，`, and it lets a
 * passage that was re-punctuated (`；` → `。`) still align. Lengths reported in evidence are
 * compact lengths (characters of text), which is what a reader means by "30 characters".
 */
import type { Block, BlockKind, SegmentedDocument } from "../model/document.js";
import { SEP } from "./hash.js";

export interface CompactText {
  text: string;
  /** `pos[i]` = normalized offset of compact code unit i. */
  pos: Int32Array;
  /** `block[i]` = index of the block that compact code unit i comes from (−1 for separators). */
  block: Int32Array;
}

const OTHER_RE = /[\p{L}\p{N}]/u;

/** True for a code unit that counts as text (letters and digits of any script). */
export function isTextUnit(c: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  if (c >= 0x3400 && c <= 0x4dbf) return true;
  if (c >= 0xd800 && c <= 0xdfff) return true; // surrogate halves of rare characters: keep both
  if (c >= 0x3000 && c <= 0x303f) return c === 0x3007; // CJK punctuation; 〇 is a digit
  if (c >= 0xff00 && c <= 0xffef) return OTHER_RE.test(String.fromCharCode(c));
  return OTHER_RE.test(String.fromCharCode(c));
}

/** Block kinds compared by default: the report prose. Headings, titles, metadata and chrome are not. */
export const PROSE_BLOCKS: readonly BlockKind[] = ["paragraph"];

/**
 * Builds the compact text of the given block kinds, skipping noise spans.
 * @param kinds block kinds to include (default: paragraphs)
 */
export function compactDocument(doc: SegmentedDocument, kinds: readonly BlockKind[] = PROSE_BLOCKS): CompactText {
  // Typed arrays sized for the worst case (every code unit kept, one separator per block), trimmed at the end.
  let cap = 0;
  for (const b of doc.blocks) if (kinds.includes(b.kind)) cap += b.end - b.start + 1;
  const chars = new Uint16Array(cap);
  const pos = new Int32Array(cap);
  const blk = new Int32Array(cap);
  let n = 0;
  const noise = doc.normalized.noise;
  const text = doc.text;
  let ni = 0;
  for (const b of doc.blocks) {
    if (!kinds.includes(b.kind)) continue;
    if (n && chars[n - 1] !== SEP) {
      chars[n] = SEP;
      pos[n] = b.start;
      blk[n++] = -1;
    }
    while (ni < noise.length && noise[ni]!.end <= b.start) ni++;
    let nj = ni;
    for (let i = b.start; i < b.end; i++) {
      while (nj < noise.length && noise[nj]!.end <= i) nj++;
      if (nj < noise.length && noise[nj]!.start <= i) continue;
      const c = text.charCodeAt(i);
      if (!isTextUnit(c)) continue;
      chars[n] = c;
      pos[n] = i;
      blk[n++] = b.index;
    }
  }
  let s = "";
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode.apply(null, chars.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return { text: s, pos: pos.slice(0, n), block: blk.slice(0, n) };
}

/** Compact form of a plain string (allow-lists, phrase lists). */
export function compactString(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) if (isTextUnit(s.charCodeAt(i))) out += s[i];
  return out;
}

/** Normalized span [start, end) of the compact range [a, b). */
export function toNormalizedSpan(c: CompactText, a: number, b: number): [number, number] {
  return [c.pos[a]!, c.pos[b - 1]! + 1];
}

/** A top-level section: the text from one level-1 heading to the next (or the part before the first). */
export interface Section {
  /** Heading text, or null for the part before the first heading. */
  heading: string | null;
  start: number;
  end: number;
}

/** Top-level sections of a document (level-1 headings such as 一、…), in normalized offsets. */
export function topSections(doc: SegmentedDocument): Section[] {
  const heads = doc.blocks.filter((b: Block) => b.kind === "heading" && (b.level ?? 1) === 1);
  const out: Section[] = [];
  const first = heads[0];
  if (!first || first.start > 0) out.push({ heading: null, start: 0, end: first ? first.start : doc.text.length });
  heads.forEach((h, i) => out.push({ heading: h.text.trim(), start: h.start, end: heads[i + 1]?.start ?? doc.text.length }));
  return out;
}

/** Index of the section containing normalized offset `at` (sections are sorted and contiguous). */
export function sectionAt(sections: readonly Section[], at: number): number {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sections[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const cache = new WeakMap<SegmentedDocument, CompactText>();

/** compactDocument(doc) with the default prose blocks, memoized per document (several checks share it). */
export function compactProse(doc: SegmentedDocument): CompactText {
  let c = cache.get(doc);
  if (!c) cache.set(doc, (c = compactDocument(doc)));
  return c;
}

const BOUNDARY = /[。．！？!?；;，,：:、\n]/u;

/** True when the normalized text between compact units i−1 and i holds a sentence or clause boundary (or a block break). */
function boundaryBefore(normalized: string, c: CompactText, i: number): boolean {
  if (i <= 0 || i >= c.text.length) return true;
  if (c.text.charCodeAt(i) === 0 || c.text.charCodeAt(i - 1) === 0) return true;
  return BOUNDARY.test(normalized.slice(c.pos[i - 1]! + 1, c.pos[i]!));
}

/**
 * Trims a passage whose edge spills a few characters over a clause boundary present in both texts
 * (…全程记录；三是 vs …全程记录。三是: the shared 三是 is a coincidence, not part of the repeat).
 * The trimmed characters must be equal on both sides.
 */
export function snapToBoundaries(
  A: { text: string; c: CompactText },
  B: { text: string; c: CompactText },
  p: { a0: number; a1: number; b0: number; b1: number },
  maxTrim = 4,
): { a0: number; a1: number; b0: number; b1: number } {
  let { a0, a1, b0, b1 } = p;
  for (let k = 1; k <= maxTrim && b1 - k > b0 + maxTrim; k++) {
    if (A.c.text.slice(a1 - k, a1) !== B.c.text.slice(b1 - k, b1)) break;
    if (boundaryBefore(A.text, A.c, a1 - k) && boundaryBefore(B.text, B.c, b1 - k) && !(boundaryBefore(A.text, A.c, a1) && boundaryBefore(B.text, B.c, b1))) {
      a1 -= k;
      b1 -= k;
      break;
    }
  }
  for (let k = 1; k <= maxTrim && b0 + k < b1 - maxTrim; k++) {
    if (A.c.text.slice(a0, a0 + k) !== B.c.text.slice(b0, b0 + k)) break;
    if (boundaryBefore(A.text, A.c, a0 + k) && boundaryBefore(B.text, B.c, b0 + k) && !(boundaryBefore(A.text, A.c, a0) && boundaryBefore(B.text, B.c, b0))) {
      a0 += k;
      b0 += k;
      break;
    }
  }
  return { a0, a1, b0, b1 };
}

/** First index whose value is ≥ v in a sorted array: maps a normalized offset to compact positions (`CompactText.pos`). */
export function lowerBound(arr: Int32Array, v: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
