/**
 * @fileoverview Sentence and clause spans inside one line. Sentences end at 。！？!? (plus any
 * closing quotes or brackets right after, which stay with the sentence) and at the end of the line;
 * `；` does not end a sentence. Clauses split at ，,；;：: (not between digits: 16:07, 1,234); `、`
 * separates list items inside a clause and is not a clause separator.
 */
import type { Span } from "../model/document.js";
import { isCloser, isClauseSeparator, isDigit, isFoldableSpace, isSentenceEnd } from "./chars.js";

/**
 * Sentence spans in text[start, end): trimmed, never empty, in order.
 * @returns absolute spans
 */
export function sentenceSpans(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let s = start;
  let i = start;
  while (i < end) {
    if (isSentenceEnd(text.charCodeAt(i))) {
      let j = i + 1;
      // 。。 / ？！ and the closers after them belong to this sentence.
      while (j < end && (isSentenceEnd(text.charCodeAt(j)) || isCloser(text.charCodeAt(j)))) j++;
      push(out, text, s, j);
      s = j;
      i = j;
    } else i++;
  }
  push(out, text, s, end);
  return out;
}

function push(out: Span[], text: string, s: number, e: number): void {
  while (s < e && isFoldableSpace(text.charCodeAt(s))) s++;
  while (e > s && isFoldableSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push([s, e]);
}

/**
 * Clause spans of one sentence: separators and the sentence-final punctuation are left out; spans
 * are trimmed and never empty. A sentence without separators is one clause.
 */
export function clauseSpans(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  // The final punctuation run (。” / ！) is not part of the last clause; closers before it are.
  let core = end;
  for (let k = end - 1; k >= start; k--) {
    const c = text.charCodeAt(k);
    if (isSentenceEnd(c)) core = k;
    else if (!isCloser(c)) break;
  }
  let s = start;
  for (let i = start; i < core; i++) {
    const c = text.charCodeAt(i);
    if (!isClauseSeparator(c)) continue;
    // 16:07 and 1,234 are numbers, not clause breaks.
    if ((c === 58 || c === 44) && i > start && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) continue;
    push(out, text, s, i);
    s = i + 1;
  }
  push(out, text, s, core);
  if (out.length === 0) out.push([start, end]);
  return out;
}
