/**
 * @fileoverview Repeated text inside one report: sentences pasted twice, passages of one section
 * copied into another, a clause written twice in one sentence, near-duplicates with small edits.
 * The later occurrence is reported, with `related` pointing to the earliest one; overlapping hits
 * become one finding per repeated passage, with similarity and repeated length in `evidence`.
 *
 * How (see docs/checks/duplicate-text.md):
 * 1. The paragraphs (not headings, titles, metadata, signature or chrome) are reduced to a compact
 *    text of letters and digits (fingerprint/compact.ts).
 * 2. Blocking on equal k-grams (k = clauseMinLength) finds every repeated substring of ≥ k
 *    characters; each seed grows to a maximal passage, bridging small edits
 *    (fingerprint/repeats.ts). Cost grows with the repeated k-grams, not with sentences².
 * 3. Near-duplicate sentences whose edits are spread too evenly for step 2 are found by character
 *    3-gram count filtering + a Levenshtein ratio check.
 * 4. Each hit is kept only if it is a whole repeated sentence (≥ minLength), a whole clause repeated
 *    in the same or the next sentence (≥ clauseMinLength), or any passage ≥ passageMinLength.
 *    Short formulae (坚持依法行政) and the YAML allow-list never count.
 */
import { z } from "zod";
import levenshtein from "fast-levenshtein";
import type { SegmentedDocument, Sentence } from "../model/document.js";
import { defineCheck, type RawFinding } from "./define-check.js";
import { compactDocument, compactString, toNormalizedSpan, type CompactText } from "../fingerprint/compact.js";
import { selfRepeats, type ScoredPassage } from "../fingerprint/repeats.js";

const options = z
  .object({
    /** Minimum length (characters of text, punctuation not counted) of a whole repeated sentence. */
    minLength: z.number().int().min(1).default(12),
    /** Minimum length of a repeated passage that is not a whole sentence (anywhere in the report). */
    passageMinLength: z.number().int().min(4).default(30),
    /** Minimum length of a whole clause repeated within the same or the next sentence(s). */
    clauseMinLength: z.number().int().min(4).default(8),
    /** How many sentences apart a repeated clause still counts as "nearby" (0 = same sentence). */
    nearbySentences: z.number().int().min(0).default(1),
    /** Near-duplicate threshold: 1 − Levenshtein distance / longer length. */
    similarity: z.number().min(0.5).max(1).default(0.8),
    /** Largest edit (characters on each side) bridged inside one passage. */
    maxGap: z.number().int().min(0).max(20).default(4),
    /** Sentences, clauses or phrases that may legitimately repeat (compared without punctuation/spaces; a repeat inside one of them is ignored). */
    allow: z.array(z.string().min(1)).default([]),
  })
  .strict();

type Options = z.infer<typeof options>;

interface Compiled extends Options {
  allowCompact: string[];
}

/** A classified hit, in compact coordinates. */
interface Hit {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  similarity: number;
  kind: "sentence" | "clause" | "passage";
}

export default defineCheck<Options, Compiled>({
  type: "duplicate-text",
  description: { zh: "同一报告内重复的句子、分句或段落（含近似重复）", en: "Sentences, clauses or passages repeated within one report (exact or near)" },
  defaultScope: "document",
  scopes: ["document"],
  options,
  messages: {
    repeated: {
      zh: "与第{{relatedLine}}行的内容重复（{{length}}字）",
      en: "Repeats the text on line {{relatedLine}} ({{length}} characters)",
    },
    near: {
      zh: "与第{{relatedLine}}行的内容近似重复（{{length}}字，相似度{{percent}}%）",
      en: "Nearly repeats the text on line {{relatedLine}} ({{length}} characters, {{percent}}% similar)",
    },
  },
  compile(o) {
    return { ...o, allowCompact: o.allow.map(compactString).filter(Boolean) };
  },
  run(unit, c, ctx) {
    const hits = findRepeats(ctx.doc, c);
    const compact = hits.compact;
    return hits.list.map((h): RawFinding => {
      const [s, e] = toNormalizedSpan(compact, h.b0, h.b1);
      const [rs, re] = toNormalizedSpan(compact, h.a0, h.a1);
      const length = h.b1 - h.b0;
      const exact = h.similarity >= 0.9999;
      return {
        span: [s - unit.start, e - unit.start],
        messageId: exact ? "repeated" : "near",
        data: { length, percent: Math.round(h.similarity * 100) },
        evidence: { similarity: round(h.similarity), length, earlierLength: h.a1 - h.a0, kind: h.kind },
        related: [{ span: [rs - unit.start, re - unit.start], label: "first-occurrence" }],
      };
    });
  },
});

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Sentence/clause lookup over compact offsets. */
class Units {
  /** Compact [start, end) of each sentence (by sentence index), or null when none of it is compared. */
  readonly sent: ([number, number] | null)[];
  constructor(
    private readonly doc: SegmentedDocument,
    private readonly compact: CompactText,
  ) {
    this.sent = doc.sentences.map((s) => {
      const a = lowerBound(compact.pos, s.start);
      const b = lowerBound(compact.pos, s.end);
      return b > a ? [a, b] : null;
    });
  }
  /** Index of the sentence holding compact offset i (−1 if none). */
  sentenceAt(i: number): number {
    const p = this.compact.pos[i];
    if (p === undefined) return -1;
    const ss = this.doc.sentences;
    let lo = 0;
    let hi = ss.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ss[mid]!.start <= p) lo = mid;
      else hi = mid - 1;
    }
    const s = ss[lo];
    return s && s.start <= p && p < s.end ? lo : -1;
  }
  /** True when [a, b) covers whole sentences (allowing 1 character of slack at each end). */
  wholeSentences(a: number, b: number): boolean {
    const first = this.sent[this.sentenceAt(a)];
    const last = this.sent[this.sentenceAt(b - 1)];
    return !!first && !!last && a - first[0] <= 1 && last[1] - b <= 1;
  }
  /** True when [a, b) covers whole clauses of one sentence. */
  wholeClauses(a: number, b: number): boolean {
    const si = this.sentenceAt(a);
    if (si < 0 || si !== this.sentenceAt(b - 1)) return false;
    const s: Sentence = this.doc.sentences[si]!;
    const clauses = s.clauses.length ? s.clauses : [[s.start, s.end] as const];
    const ca = clauses.map(([x, y]) => [lowerBound(this.compact.pos, x), lowerBound(this.compact.pos, y)] as const).filter(([x, y]) => y > x);
    const startsAtClause = ca.some(([x]) => Math.abs(x - a) <= 0);
    const endsAtClause = ca.some(([, y]) => Math.abs(y - b) <= 0);
    return startsAtClause && endsAtClause;
  }
}

function lowerBound(arr: Int32Array, v: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Finds, classifies and merges the repeats of one document. Exported for the benchmark. */
export function findRepeats(doc: SegmentedDocument, c: Compiled): { compact: CompactText; list: Hit[] } {
  const compact = compactDocument(doc);
  const T = compact.text;
  const units = new Units(doc, compact);
  const k = Math.min(c.clauseMinLength, c.minLength, c.passageMinLength);
  const passages: ScoredPassage[] = selfRepeats(T, { k, maxGap: c.maxGap, anchor: Math.max(4, Math.min(6, k - 2)) });
  passages.push(...nearSentences(T, units, c));

  const hits: Hit[] = [];
  for (const p of passages) {
    if (p.similarity < c.similarity) continue;
    const len = p.b1 - p.b0;
    const text = T.slice(p.b0, p.b1);
    if (c.allowCompact.some((a) => a.includes(text) || a.includes(T.slice(p.a0, p.a1)))) continue;
    let kind: Hit["kind"] | null = null;
    if (units.wholeSentences(p.b0, p.b1) && units.wholeSentences(p.a0, p.a1)) {
      if (len >= c.minLength) kind = "sentence";
    } else if (
      len >= c.clauseMinLength &&
      units.wholeClauses(p.b0, p.b1) &&
      units.wholeClauses(p.a0, p.a1) &&
      units.sentenceAt(p.b0) - units.sentenceAt(p.a0) <= c.nearbySentences
    ) {
      kind = "clause";
    }
    if (!kind && len >= c.passageMinLength) kind = "passage";
    if (kind) hits.push({ a0: p.a0, a1: p.a1, b0: p.b0, b1: p.b1, similarity: p.similarity, kind });
  }
  return { compact, list: mergeHits(hits) };
}

/**
 * One finding per later passage: hits whose later ranges overlap are merged; the related location is
 * the earliest earlier occurrence among them.
 */
function mergeHits(hits: Hit[]): Hit[] {
  hits.sort((x, y) => x.b0 - y.b0 || x.a0 - y.a0);
  const out: Hit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h.b0 < last.b1) {
      const extendsRelated = h.a0 >= last.a0 - 1 && h.a0 <= last.a1 + 1 && h.b0 - last.b0 === h.a0 - last.a0;
      last.b1 = Math.max(last.b1, h.b1);
      if (extendsRelated) last.a1 = Math.max(last.a1, h.a1);
      else if (h.a0 < last.a0 && h.b0 === last.b0) {
        last.a0 = h.a0;
        last.a1 = h.a1;
      }
      last.similarity = Math.min(last.similarity, h.similarity);
      if (h.kind === "passage" || (h.kind === "sentence" && last.kind === "clause")) last.kind = h.kind;
      continue;
    }
    out.push({ ...h });
  }
  return out;
}

/**
 * Near-duplicate sentences by character 3-gram count filtering (q-gram lemma: strings within edit
 * distance d share at least max(|a|,|b|) − 3 + 1 − 3d 3-grams) and a Levenshtein check.
 */
function nearSentences(T: string, units: Units, c: Compiled): ScoredPassage[] {
  const q = 3;
  const sents: { i: number; a: number; b: number; s: string }[] = [];
  units.sent.forEach((r, i) => {
    if (r && r[1] - r[0] >= c.minLength) sents.push({ i, a: r[0], b: r[1], s: T.slice(r[0], r[1]) });
  });
  const index = new Map<string, number[]>();
  const out: ScoredPassage[] = [];
  const counts = new Map<number, number>();
  sents.forEach((x, xi) => {
    counts.clear();
    const grams = new Set<string>();
    for (let j = 0; j + q <= x.s.length; j++) grams.add(x.s.slice(j, j + q));
    for (const g of grams) {
      const list = index.get(g);
      if (list) for (const y of list) counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    for (const [yi, n] of counts) {
      const y = sents[yi]!;
      const longer = Math.max(x.s.length, y.s.length);
      const shorter = Math.min(x.s.length, y.s.length);
      if (shorter < c.similarity * longer) continue; // length filter
      const maxDist = Math.floor((1 - c.similarity) * longer);
      if (n < longer - q + 1 - q * maxDist) continue; // count filter
      if (x.s === y.s) continue; // exact repeats come from the k-gram pass
      const sim = 1 - levenshtein.get(x.s, y.s) / longer;
      if (sim >= c.similarity) out.push({ a0: y.a, a1: y.b, b0: x.a, b1: x.b, matched: 0, edits: 1, similarity: sim });
    }
    for (const g of grams) {
      const list = index.get(g);
      if (list) list.push(xi);
      else index.set(g, [xi]);
    }
  });
  return out;
}
