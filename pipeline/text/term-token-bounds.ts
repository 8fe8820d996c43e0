/**
 * @fileoverview Word-boundary test on jieba tokens, shared by the `term` and `entity-consistency`
 * checks: a listed word or a place name counts only where it starts and ends on token boundaries,
 * so a word never hits inside a longer word (瞎子 in 黑瞎子岛, 本市 in 资本市场).
 */
import type { Token } from "../model/document.js";

export interface Boundaries {
  /** True when `offset` (relative to the range start) is a token boundary. */
  has(offset: number): boolean;
}

/**
 * Token boundaries inside [start, end) of the normalized text, relative to `start`. Falls back to
 * "every offset is a boundary" when no token lies in the range (segmenter failure degrades to plain
 * substring matching instead of silence).
 */
export function tokenBoundaries(tokens: readonly Token[], start: number, end: number): Boundaries {
  const set = new Set<number>([0, end - start]);
  let any = false;
  for (let i = firstTokenEndingAfter(tokens, start); i < tokens.length && tokens[i]!.start < end; i++) {
    const t = tokens[i]!;
    set.add(t.start - start);
    set.add(t.end - start);
    any = true;
  }
  return any ? set : { has: () => true };
}

/** Index of the first token whose end is after `offset` (binary search; tokens are sorted). */
export function firstTokenEndingAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
