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
import { compactProse, compactString, snapToBoundaries, toNormalizedSpan, lowerBound, type CompactText } from "../fingerprint/compact.js";
import { selfRepeats, type ScoredPassage } from "../fingerprint/repeats.js";
import { radixOrder, radixSort } from "../fingerprint/radix.js";
import { differsOnlyInFigures } from "../fingerprint/align.js";
import { loadPhrasePatterns, phraseMask } from "./boilerplate.js";

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
    /** Minimum length of a near (not exact) repeat: short parallel phrases (促进平台经济/民营经济高质量发展) are style, not repetition. */
    nearMinLength: z.number().int().min(4).default(20),
    /** Largest edit (characters on each side) bridged inside one passage. */
    maxGap: z.number().int().min(0).max(20).default(4),
    /** Sentences, clauses or phrases that may legitimately repeat (compared without punctuation/spaces; a repeat inside one of them is ignored). */
    allow: z.array(z.string().min(1)).default([]),
    /** Stock formulae that legitimately recur (以习近平新时代中国特色社会主义思想为指导…): a repeat at least half made of
     * phrases of this file is ignored. `kb/x.yaml` is relative to rules/, `./x.yaml` to the rule file; "" for none. */
    phrasesFile: z.string().default("kb/boilerplate.yaml"),
  })
  .strict();

type Options = z.infer<typeof options>;

interface Compiled extends Options {
  allowCompact: string[];
  patterns: RegExp[];
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
  compile(o, env) {
    return { ...o, allowCompact: o.allow.map(compactString).filter(Boolean), patterns: loadPhrasePatterns(o.phrasesFile, [], env) };
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
      let a = lowerBound(compact.pos, s.start);
      let b = lowerBound(compact.pos, s.end);
      // A block separator carries the next block's start offset: keep it out of sentence ranges.
      while (a < b && compact.text.charCodeAt(a) === 0) a++;
      while (b > a && compact.text.charCodeAt(b - 1) === 0) b--;
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

/** Finds, classifies and merges the repeats of one document. Exported for the benchmark. */
export function findRepeats(doc: SegmentedDocument, c: Compiled): { compact: CompactText; list: Hit[] } {
  const compact = compactProse(doc);
  const T = compact.text;
  const units = new Units(doc, compact);
  const k = Math.min(c.clauseMinLength, c.minLength, c.passageMinLength);
  const side = { text: doc.text, c: compact };
  const passages: ScoredPassage[] = selfRepeats(T, { k, maxGap: c.maxGap, anchor: Math.max(4, Math.min(6, k - 2)) }).map((p) => ({ ...p, ...snapToBoundaries(side, side, p) }));
  passages.push(...nearSentences(T, units, c));

  const stock = c.patterns.length ? phraseMask(doc, compact, c.patterns) : null;
  const stockShare = (a: number, b: number) => {
    let n = 0;
    for (let x = a; x < b; x++) n += stock![x]!;
    return n / Math.max(1, b - a);
  };
  const hits: Hit[] = [];
  for (const p of passages) {
    if (p.similarity < c.similarity) continue;
    const len = p.b1 - p.b0;
    const text = T.slice(p.b0, p.b1);
    const earlier = T.slice(p.a0, p.a1);
    if (c.allowCompact.some((a) => a.includes(text) || a.includes(earlier))) continue;
    if (p.similarity < 1 && (len < c.nearMinLength || differsOnlyInFigures(text, earlier))) continue;
    if (stock && Math.max(stockShare(p.b0, p.b1), stockShare(p.a0, p.a1)) >= 0.5) continue;
    let kind: Hit["kind"] | null = null;
    if (units.wholeSentences(p.b0, p.b1) && units.wholeSentences(p.a0, p.a1)) {
      if (len >= c.minLength) kind = "sentence";
    } else if (
      len >= c.clauseMinLength &&
      !/[0-9]/.test(text) && // 高于全国0.7个百分点 twice is parallel statistics, not a pasted clause
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
  const out: (Hit & { width: number })[] = [];
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
      // The kind of the widest hit describes the merged one.
      if (h.b1 - h.b0 > last.width) {
        last.kind = h.kind;
        last.width = h.b1 - h.b0;
      }
      continue;
    }
    out.push({ ...h, width: h.b1 - h.b0 });
  }
  return out;
}

/**
 * Near-duplicate sentences by character 3-grams with prefix filtering (AllPairs/PPJoin style), then a
 * Levenshtein check. Each edit destroys at most 3 of a sentence's distinct 3-grams, and a partner
 * within the similarity threshold is at most d ≤ dmax(s) = ⌊(1 − sim)/sim · |s|⌋ edits away, so the two
 * share at least |G(s)| − 3·dmax(s) 3-grams. Order all 3-grams by document frequency (rarest first,
 * ties by value); the first shared 3-gram then lies within the first 3·dmax(s) + 1 of each sentence.
 * Only those prefixes are indexed and probed: frequent 3-grams (推进…, 高质量) are never touched, so
 * the pass is exact and stays near-linear.
 */
function nearSentences(T: string, units: Units, c: Compiled): ScoredPassage[] {
  const q = 3;
  const sents: { a: number; b: number; s: string; grams: Int32Array }[] = [];
  let total = 0;
  units.sent.forEach((r) => {
    if (!r || r[1] - r[0] < c.minLength) return;
    const s = T.slice(r[0], r[1]);
    // 3-grams hashed to small integers (collisions only add candidates; the filter argument holds for hashed sets).
    const all = new Int32Array(Math.max(0, s.length - q + 1));
    for (let j = 0; j < all.length; j++) all[j] = (Math.imul(s.charCodeAt(j), 0x9e3779b1) ^ Math.imul(s.charCodeAt(j + 1), 0x85ebca77) ^ s.charCodeAt(j + 2)) & 0x3fffffff;
    all.sort();
    let n = 0;
    for (let j = 0; j < all.length; j++) if (j === 0 || all[j] !== all[j - 1]) all[n++] = all[j]!;
    const grams = all.slice(0, n);
    total += n;
    sents.push({ a: r[0], b: r[1], s, grams });
  });
  // Document frequency of each distinct 3-gram (the number of sentences holding it), by one radix sort
  // of all sentences' distinct grams (values < 2^30). The global order of grams, (frequency, value)
  // ascending, becomes a rank per gram; a sentence's prefix is its grams of lowest rank, and the index is
  // an array by rank instead of a Map.
  const pooled = new Uint32Array(total);
  const offsets = new Int32Array(sents.length + 1);
  sents.forEach((x, xi) => {
    pooled.set(x.grams, offsets[xi]!);
    offsets[xi + 1] = offsets[xi]! + x.grams.length;
  });
  const { order: pooledOrder, sorted } = radixSort(pooled);
  const idAt = new Int32Array(total);
  const freqList: number[] = [];
  for (let j = 0, u = -1; j < total; j++) {
    if (j === 0 || sorted[j] !== sorted[j - 1]) {
      u++;
      freqList.push(0);
    }
    freqList[u]!++;
    idAt[pooledOrder[j]!] = u;
  }
  // ids ascend with the gram value; a stable sort by frequency gives the (frequency, value) order.
  const byRank = radixOrder(Uint32Array.from(freqList));
  const rankOf = new Int32Array(byRank.length);
  for (let r = 0; r < byRank.length; r++) rankOf[byRank[r]!] = r;
  const index: (number[] | undefined)[] = new Array(byRank.length);
  const out: ScoredPassage[] = [];
  // lastTried[y] = the sentence that last compared itself with y (a stamp instead of a Set per sentence).
  const lastTried = new Int32Array(sents.length).fill(-1);
  const lens = Int32Array.from(sents, (x) => x.s.length);
  sents.forEach((x, xi) => {
    const dmax = Math.floor(((1 - c.similarity) * x.s.length) / c.similarity);
    const xl = x.s.length;
    // This sentence's grams by global rank, rarest first.
    const order = new Int32Array(x.grams.length);
    for (let i = 0, o = offsets[xi]!; i < order.length; i++) order[i] = rankOf[idAt[o + i]!]!;
    order.sort();
    const prefix = Math.min(order.length, q * dmax + 1);
    for (let p = 0; p < prefix; p++) {
      const list = index[order[p]!];
      if (!list) continue;
      for (let li = 0; li < list.length; li++) {
        const yi = list[li]!;
        // Length filter first (a pair it rejects is rejected on every visit, so the stamp is not needed for it).
        const yl = lens[yi]!;
        const longer = xl > yl ? xl : yl;
        const shorter = xl > yl ? yl : xl;
        if (shorter < c.similarity * longer) continue;
        if (lastTried[yi] === xi) continue;
        lastTried[yi] = xi;
        const y = sents[yi]!;
        if (x.s === y.s) continue; // exact repeats come from the k-gram pass
        const sim = 1 - levenshtein.get(x.s, y.s) / longer;
        if (sim >= c.similarity) out.push({ a0: y.a, a1: y.b, b0: x.a, b1: x.b, matched: 0, edits: 1, similarity: sim });
      }
    }
    for (let p = 0; p < prefix; p++) {
      const r = order[p]!;
      const list = index[r];
      if (list) list.push(xi);
      else index[r] = [xi];
    }
  });
  return out;
}
