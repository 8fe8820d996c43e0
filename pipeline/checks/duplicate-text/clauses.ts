/**
 * @fileoverview Clauses written twice (issue 11 item 6): `深化“放管服”改革，深化“放管服”改革` — nine
 * characters as written but seven of text, below the k-gram length the passage search of
 * duplicate-text starts from — and clauses split by 、, which that search does not see as clauses. A clause here is the text between clause marks (，；：、 and a sentence
 * end) of one sentence, and it counts when it is at least `minChars` characters long as written
 * (quotation marks included, spaces not). Two kinds:
 *
 * - **adjacent**: a clause identical to the one right before it, or to the end of it from a word on
 *   (`我县深化“放管服”改革，深化“放管服”改革`), in the same sentence or across a sentence end inside one
 *   paragraph — a slip whatever it says (figures included);
 * - **same sentence**: a clause identical to an earlier clause of the same sentence, without figures
 *   (`高于全国0.7个百分点` after two indicators is parallel statistics) and not an item of a 、 list
 *   (`县（区）…、一个目标一个目标落实，市县部门…、一个目标一个目标落实`: two parallel lists may end alike).
 *
 * Parallel structures repeat a frame with other content (既要…又要…, 一是加强…二是加强…): the clauses
 * differ, so nothing here fires. Offsets are in the compact text of fingerprint/compact.ts so that
 * duplicate-text classifies and merges these hits like its own.
 */
import type { SegmentedDocument } from "../../model/document.js";
import { lowerBound, type CompactText } from "../../fingerprint/compact.js";

export interface ClauseRepeat {
  /** Earlier copy, compact [a0, a1). */
  a0: number;
  a1: number;
  /** Later copy, compact [b0, b1). */
  b0: number;
  b1: number;
  adjacent: boolean;
}

interface Clause {
  /** Compact range. */
  c0: number;
  c1: number;
  key: string;
  chars: number;
  sentence: number;
  block: number;
  /** Bounded by 、 on either side: an item of a list, which parallel halves of a sentence may share. */
  listItem: boolean;
  /** The only clause of its sentence. */
  whole: boolean;
}

/** Clause marks inside a sentence (the sentence's own end closes its last clause). */
const CLAUSE_MARK = /[，,；;：:、]/u;

/**
 * Clauses of ≥ `minChars` written characters repeated as described above (duplicate-text drops those
 * its passage search already found).
 */
export function clauseRepeats(doc: SegmentedDocument, compact: CompactText, minChars: number): ClauseRepeat[] {
  const out: ClauseRepeat[] = [];
  const wordStarts = new Set(doc.tokens.map((t) => t.start));
  let prev: Clause | null = null;
  for (const [si, s] of doc.sentences.entries()) {
    const clauses = clausesOf(doc, compact, si, s.start, s.end, s.blockIndex);
    const seen = new Map<string, Clause>();
    for (const cl of clauses) {
      const length = cl.c1 - cl.c0;
      const eligible = cl.chars >= minChars && length >= 2;
      // The clause before ends with this one (我县深化“放管服”改革，深化“放管服”改革): the copy starts on a word.
      const a0 = prev ? prev.c1 - length : -1;
      // Across a sentence end, a short lead sentence restated by the detail after it (持续深化“放管服”改革。
      // 深化“放管服”改革，抓好…) is the heading-lead structure of work reports, not a slip; a sentence
      // written twice is.
      const leadRestated = prev !== null && prev.sentence !== cl.sentence && prev.whole && !(clauses.length === 1);
      if (eligible && prev && !leadRestated && prev.block === cl.block && prev.c1 === cl.c0 && a0 >= prev.c0 && compact.text.slice(a0, prev.c1) === cl.key && (a0 === prev.c0 || wordStarts.has(compact.pos[a0]!))) {
        out.push({ a0, a1: prev.c1, b0: cl.c0, b1: cl.c1, adjacent: true });
      } else if (eligible && !/[0-9]/u.test(cl.key) && !cl.listItem) {
        const earlier = seen.get(cl.key);
        if (earlier && !earlier.listItem) out.push({ a0: earlier.c0, a1: earlier.c1, b0: cl.c0, b1: cl.c1, adjacent: false });
      }
      if (!seen.has(cl.key)) seen.set(cl.key, cl);
      prev = cl;
    }
  }
  return out;
}

/** The clauses of one sentence with their compact ranges (clauses with no compared text are dropped). */
function clausesOf(doc: SegmentedDocument, compact: CompactText, sentence: number, start: number, end: number, block: number): Clause[] {
  const out: Clause[] = [];
  const text = doc.text;
  let from = start;
  const push = (x: number, y: number, listItem: boolean) => {
    let c0 = lowerBound(compact.pos, x);
    let c1 = lowerBound(compact.pos, y);
    // A block separator carries the next block's start offset: keep it out of clause ranges.
    while (c0 < c1 && compact.text.charCodeAt(c0) === 0) c0++;
    while (c1 > c0 && compact.text.charCodeAt(c1 - 1) === 0) c1--;
    if (c1 <= c0 || compact.text.slice(c0, c1).includes("\0")) return;
    const written = text.slice(x, y).replace(/[\s。．！？!?]/gu, "");
    out.push({ c0, c1, key: compact.text.slice(c0, c1), chars: [...written].length, sentence, block, listItem, whole: false });
  };
  let openedByListMark = false;
  for (let i = start; i < end; i++) {
    if (CLAUSE_MARK.test(text[i]!)) {
      push(from, i, openedByListMark || text[i] === "、");
      openedByListMark = text[i] === "、";
      from = i + 1;
    }
  }
  push(from, end, openedByListMark);
  if (out.length === 1) out[0]!.whole = true;
  return out;
}
