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
 *    in the same or the next sentence (≥ clauseMinLength), text written twice in a row, or any
 *    passage ≥ passageMinLength. The YAML allow-list never counts.
 * 5. Each hit gets a tier from its structure (classify): quiet (table rows, captions, title lines,
 *    notes, 《》 titles, other figures, mostly stock/shared language), minor (short, near, embedded,
 *    quoted, heading leads, restated goals) or major (a paste a reviewer fixes). A rule reports one
 *    tier: national.duplicate-sentence (warning) the major ones, national.duplicate-phrase (info) the
 *    minor ones.
 */
import { z } from "zod";
import levenshtein from "fast-levenshtein";
import type { SegmentedDocument, Sentence } from "../model/document.js";
import { defineCheck, type CompileEnv, type RawFinding } from "./define-check.js";
import { gramDf, gramHashes, loadBackground, skeleton, type BackgroundModel } from "../fingerprint/background.js";
import { compactProse, compactString, snapToBoundaries, toNormalizedSpan, lowerBound, type CompactText } from "../fingerprint/compact.js";
import { selfRepeatsBounded, type ScoredPassage } from "../fingerprint/repeats.js";
import { radixOrder, radixSort } from "../fingerprint/radix.js";
import { differsOnlyInFigures } from "../fingerprint/align.js";
import { loadPhrasePatterns, phraseMask } from "./boilerplate.js";
import { dataFilePath } from "./data-file.js";
import { clauseRepeats } from "./duplicate-text/clauses.js";

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
    /**
     * Background model (docs/background-model.md): text that at least `backgroundMinUnits` writers of
     * real reports use is shared official language; a repeat mostly made of it is restated on purpose
     * (minor). `background/phrases.bin` is relative to rules/, `./x.bin` to the rule file; "" for none.
     */
    backgroundFile: z.string().default("background/phrases.bin"),
    backgroundMinUnits: z.number().int().min(2).max(255).default(3),
    /**
     * Which repeats this rule reports: `major` — content a reviewer would fix (a whole sentence of
     * ≥ majorSentenceLength, a clause repeated in the same or next sentence, a passage of ≥
     * majorPassageLength pasted verbatim); `minor` — the rest (short restated formulations, near
     * repeats far apart, quoted text); `all` — both. Two rules with `major`/`minor` give two severities.
     */
    tier: z.enum(["major", "minor", "all"]).default("major"),
    /** Shortest whole repeated sentence that is major (shorter ones are restated formulae). */
    majorSentenceLength: z.number().int().min(1).default(20),
    /** Shortest repeated passage (not whole sentences, not a nearby clause) that is major. */
    majorPassageLength: z.number().int().min(1).default(60),
  })
  .strict();

type Options = z.infer<typeof options>;

interface Compiled extends Options {
  allowCompact: string[];
  patterns: RegExp[];
  /** Resolved background model path ("" for none); loaded on first use. */
  backgroundPath: string;
}

/** A classified hit, in compact coordinates. */
interface Hit {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  similarity: number;
  kind: "sentence" | "clause" | "passage";
  /** major: a reviewer fixes it; minor: restated formula or parallel wording; quiet: never reported (kept for recall tests). */
  tier: "major" | "minor" | "quiet";
  /** Why a repeat is not major (evidence). */
  why?: string;
  /** Share of the later range that is background language (many writers use it). */
  background?: number;
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
    notCompared: {
      zh: "自此处起的文字由少数字词反复组成，重复片段过多，超出比对上限：其后{{length}}字未检查重复",
      en: "From here the text is a few words over and over, too many repeated fragments to compare within the work limit: the remaining {{length}} characters were not checked for repeats",
    },
  },
  compile(o, env) {
    return { ...o, allowCompact: o.allow.map(compactString).filter(Boolean), patterns: loadPhrasePatterns(o.phrasesFile, [], env), backgroundPath: resolvePath(o.backgroundFile, env) };
  },
  run(unit, c, ctx) {
    const hits = repeatsOf(ctx.doc, c);
    const compact = hits.compact;
    const wanted = (h: Hit) => h.tier !== "quiet" && (c.tier === "all" || c.tier === h.tier);
    const out = hits.list.filter(wanted).map((h): RawFinding => {
      const [s, e] = toNormalizedSpan(compact, h.b0, h.b1);
      const [rs, re] = toNormalizedSpan(compact, h.a0, h.a1);
      const length = h.b1 - h.b0;
      const exact = h.similarity >= 0.9999;
      return {
        span: [s - unit.start, e - unit.start],
        messageId: exact ? "repeated" : "near",
        data: { length, percent: Math.round(h.similarity * 100) },
        evidence: { similarity: round(h.similarity), length, earlierLength: h.a1 - h.a0, kind: h.kind, tier: h.tier, ...(h.why ? { why: h.why } : {}), ...(h.background !== undefined ? { background: round(h.background) } : {}) },
        related: [{ span: [rs - unit.start, re - unit.start], label: "first-occurrence" }],
      };
    });
    // Comparison stopped at its work limit: the reader must know the rest was not checked (reported by
    // the rule that reports pastes, once).
    if (hits.stoppedAt !== null && c.tier !== "minor") {
      // The span is the rest of the paragraph where it stopped; the count covers the rest of the report.
      const at = hits.stoppedAt;
      let end = at;
      while (end + 1 < compact.text.length && compact.block[end + 1] === compact.block[at]) end++;
      const [s, e] = toNormalizedSpan(compact, at, end + 1);
      const length = compact.text.length - at;
      out.push({ span: [s - unit.start, e - unit.start], messageId: "notCompared", data: { length }, evidence: { notCompared: length, compared: at, limit: "work" } });
    }
    return out;
  },
});

/** A file option: `./x` relative to the rule file, absolute as is, otherwise relative to rules/; "" stays "". */
function resolvePath(file: string, env: CompileEnv): string {
  return file ? dataFilePath(file, env, ["backgroundFile"]) : "";
}

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
  /** Compact text of sentence si ("" if none of it is compared). */
  sentenceText(si: number): string {
    const r = this.sent[si];
    return r ? this.compact.text.slice(r[0], r[1]) : "";
  }
  /** Share of the sentences that [a, b) touches which [a, b) covers. */
  coverage(a: number, b: number): number {
    const first = this.sent[this.sentenceAt(a)];
    const last = this.sent[this.sentenceAt(b - 1)];
    if (!first || !last) return 0;
    return (b - a) / Math.max(1, last[1] - first[0]);
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
    const ca = this.clauseRanges(si);
    const startsAtClause = ca.some(([x]) => Math.abs(x - a) <= 0);
    const endsAtClause = ca.some(([, y]) => Math.abs(y - b) <= 0);
    return startsAtClause && endsAtClause;
  }
  private readonly clauseCache = new Map<number, (readonly [number, number])[]>();
  /** Compact ranges of the clauses of sentence si (memoized: a long sentence is asked about once per passage). */
  private clauseRanges(si: number): (readonly [number, number])[] {
    let ca = this.clauseCache.get(si);
    if (ca) return ca;
    const s: Sentence = this.doc.sentences[si]!;
    const clauses = s.clauses.length ? s.clauses : [[s.start, s.end] as const];
    ca = clauses.map(([x, y]) => [lowerBound(this.compact.pos, x), lowerBound(this.compact.pos, y)] as const).filter(([x, y]) => y > x);
    this.clauseCache.set(si, ca);
    return ca;
  }
}

/** Options that change what findRepeats computes (the tier only picks from its result). */
function repeatKey(c: Compiled): string {
  const { tier: _tier, allowCompact: _a, patterns, ...rest } = c;
  return JSON.stringify(rest) + patterns.map((p) => p.source).join("\n");
}

interface Repeats {
  compact: CompactText;
  list: Hit[];
  /** Compact offset where comparison stopped at its work limit (the rest was not compared), or null. */
  stoppedAt: number | null;
}

const repeatCache = new WeakMap<SegmentedDocument, Map<string, Repeats>>();

/** findRepeats memoized per document and options, so a major (warning) and a minor (info) rule share one computation. */
function repeatsOf(doc: SegmentedDocument, c: Compiled): Repeats {
  const key = repeatKey(c);
  let byKey = repeatCache.get(doc);
  if (!byKey) repeatCache.set(doc, (byKey = new Map()));
  let r = byKey.get(key);
  if (!r) byKey.set(key, (r = findRepeats(doc, c)));
  return r;
}

/** Finds, classifies (tier) and merges the repeats of one document, every tier included. Exported for the benchmark and tests (not memoized). */
export function findRepeats(doc: SegmentedDocument, c: Compiled): Repeats {
  const compact = compactProse(doc);
  const T = compact.text;
  const units = new Units(doc, compact);
  const k = Math.min(c.clauseMinLength, c.minLength, c.passageMinLength);
  const side = { text: doc.text, c: compact };
  const repeats = selfRepeatsBounded(T, { k, maxGap: c.maxGap, anchor: Math.max(4, Math.min(6, k - 2)) });
  const passages: ScoredPassage[] = repeats.passages.map((p) => ({ ...p, ...snapToBoundaries(side, side, p) }));
  const near = nearSentences(T, units, c);
  passages.push(...near.passages);
  const stops = [repeats.stoppedAt, near.stoppedAt].filter((x): x is number => x !== null);

  // Computed on the first candidate only: most reports have no repeat at all.
  let env: ClassifyEnv | null = null;
  const envFor = (): ClassifyEnv => {
    if (env) return env;
    const model = loadBackground(c.backgroundPath);
    const background = model ? (x: string) => backgroundShare(model, x, c.backgroundMinUnits) : null;
    const stock = c.patterns.length ? prefixSums(phraseMask(doc, compact, c.patterns)) : null;
    return (env = { T, compact, lines: lineClasses(doc), marks: citationMarks(doc, compact), stock, background, units, doc, c });
  };
  const hits: Hit[] = [];
  for (const p of passages) {
    if (p.similarity < c.similarity) continue;
    const len = p.b1 - p.b0;
    const text = T.slice(p.b0, p.b1);
    const earlier = T.slice(p.a0, p.a1);
    if (c.allowCompact.some((a) => a.includes(text) || a.includes(earlier))) continue;
    if (p.similarity < 1 && (len < c.nearMinLength || differsOnlyInFigures(text, earlier))) continue;
    let kind: Hit["kind"] | null = null;
    if (units.wholeSentences(p.b0, p.b1) && units.wholeSentences(p.a0, p.a1)) {
      if (len >= c.minLength) kind = "sentence";
    } else if (
      len >= c.clauseMinLength &&
      // 高于全国0.7个百分点 twice is parallel statistics, not a pasted clause; a long clause run with the
      // same figures written twice (…计划5批共500人；…计划5批共500人) is a paste.
      (len >= c.majorSentenceLength || !/[0-9]/.test(text) || p.b0 === p.a1) &&
      units.wholeClauses(p.b0, p.b1) &&
      units.wholeClauses(p.a0, p.a1) &&
      units.sentenceAt(p.b0) - units.sentenceAt(p.a0) <= c.nearbySentences
    ) {
      kind = "clause";
    }
    // Text written twice in a row across a sentence end (做优民营经济。深入开展…行动，做优民营经济。深入开展…行动，)
    // is a slip like a clause written twice.
    if (!kind && p.similarity >= 1 && p.b0 === p.a1 && len >= c.clauseMinLength && !units.wholeSentences(p.b0, p.b1) && atBoundary(doc.text, compact, p.a0) && atBoundary(doc.text, compact, p.b1)) kind = "clause";
    if (!kind && len >= c.passageMinLength) kind = "passage";
    if (!kind) continue;
    const hit: Hit = { a0: p.a0, a1: p.a1, b0: p.b0, b1: p.b1, similarity: p.similarity, kind, tier: "major" };
    classify(hit, envFor());
    hits.push(hit);
  }
  // Clauses too short for the k-gram search (深化“放管服”改革，深化“放管服”改革) or split by 、: duplicate-text/clauses.ts.
  // Covered = some passage hit starts at or before it and ends at or after it: prefix maxima of ends, by start.
  const byStart = hits.map((h) => [h.b0, h.b1] as const).sort((x, y) => x[0] - y[0]);
  const maxEnd: number[] = [];
  for (const [i, [, b1]] of byStart.entries()) maxEnd.push(Math.max(b1, maxEnd[i - 1] ?? -1));
  const covered = (b0: number, b1: number): boolean => {
    let lo = 0;
    let hi = byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid]![0] <= b0) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1]! >= b1;
  };
  for (const r of clauseRepeats(doc, compact, c.clauseMinLength)) {
    if (covered(r.b0, r.b1)) continue;
    const hit: Hit = { a0: r.a0, a1: r.a1, b0: r.b0, b1: r.b1, similarity: 1, kind: "clause", tier: "major" };
    classify(hit, envFor());
    hits.push(hit);
  }
  return { compact, list: mergeHits(hits), stoppedAt: stops.length ? Math.min(...stops) : null };
}

interface ClassifyEnv {
  T: string;
  compact: CompactText;
  lines: Uint8Array;
  marks: { book: Int32Array; quote: Int32Array };
  stock: Int32Array | null;
  /** Share of a compact text made of background language, or null without a model. */
  background: ((text: string) => number) | null;
  units: Units;
  doc: SegmentedDocument;
  c: Compiled;
}

/** A placeholder slot for a figure: x.x, xx, XXX, **, ＊＊ (not a Latin word: letters before or after are not slots). */
const TEMPLATE_SLOT = /(?<![A-Za-z])(?:[xX]+[.．][xX]+|[xX]{2,}|[*＊]{2,})(?![A-Za-z])/u;

/**
 * Sets the tier of a hit (see docs/checks/duplicate-text.md, "Tiers"). Each test names a structure,
 * not a phrase: where the two copies stand (table row, caption, title line, note), what they are
 * (a citation inside 《》 or quotes, a stock formula, a template with other figures) and how long.
 */
function classify(h: Hit, e: ClassifyEnv): void {
  const { T, compact, lines, marks, c } = e;
  const set = (tier: Hit["tier"], why: string) => {
    // A later reason never raises the tier.
    if (TIER_ORDER[tier] > TIER_ORDER[h.tier]) {
      h.tier = tier;
      h.why = why;
    }
  };
  // Where: table rows, captions, title/heading-like lines and notes are not report prose.
  for (const x of [h.a0, h.a1 - 1, h.b0, h.b1 - 1]) {
    const b = compact.block[x]!;
    const cls = b >= 0 ? lines[b]! : LINE_PROSE;
    if (cls !== LINE_PROSE) set("quiet", LINE_NAMES[cls]!);
  }
  // What: a title inside 《》 is a citation; a quoted formulation (“…”) is restated on purpose.
  if (Math.max(share(marks.book, h.a0, h.a1), share(marks.book, h.b0, h.b1)) >= 0.5) set("quiet", "title-citation");
  if (Math.max(share(marks.quote, h.a0, h.a1), share(marks.quote, h.b0, h.b1)) >= 0.5) set("minor", "quotation");
  const text = T.slice(h.b0, h.b1);
  const earlier = T.slice(h.a0, h.a1);
  // The same template with other figures states other facts (收入增长8.6% / 增长9.0%).
  if (h.similarity < 1 && figures(text) !== figures(earlier)) set("quiet", "other-figures");
  // Stock formulae (kb/boilerplate.yaml) restated are style — unless a whole sentence is written twice
  // in a row, which is a slip whatever it says.
  // Written twice in a row: the copy starts where the first ends (…交易试点，推进…交易试点，), or a
  // whole sentence repeats the one before it.
  const immediate = h.similarity >= 1 && h.b0 === h.a1;
  // A whole clause written again inside the same sentence is a slip too, however stock its wording (issue 11 item 6).
  const sameSentence = h.kind === "clause" && h.similarity >= 1 && e.units.sentenceAt(h.a0) === e.units.sentenceAt(h.b0);
  const adjacent = immediate || (h.kind === "sentence" && h.similarity >= 1 && e.units.sentenceAt(h.b0) - e.units.sentenceAt(h.a1 - 1) <= 1);
  // A template frame: placeholder slots (x.x、xx、XX、**) stand where the figures belong, so the repeat
  // states no fact (范文 sites; the placeholder check reports the slots) — unless written twice in a row.
  if (!adjacent && !/[0-9]/.test(text) && TEMPLATE_SLOT.test(text)) set("quiet", "template-slots");
  const slip = adjacent || sameSentence;
  const stock = e.stock && !slip ? Math.max(share(e.stock, h.b0, h.b1), share(e.stock, h.a0, h.a1)) : 0;
  if (stock >= 0.5) set("quiet", "stock-formula");
  else if (stock >= 0.25) set("minor", "stock-formula");
  // Shared official language measured over real reports (the background model): what many writers
  // write is restated on purpose; mostly-shared text is not worth a mention at all.
  // Figures make a sentence the unit's own facts, whatever frame it shares with others (the model
  // counts 增长#% frames).
  if (e.background && !/[0-9]/.test(text)) {
    h.background = e.background(text);
    if (!slip && h.background >= 0.8) set("quiet", "shared-language");
    else if (!slip && h.background >= 0.5) set("minor", "shared-language");
  }
  const { units, doc } = e;
  // The lead sentence of a numbered paragraph is its heading ((一)牢记嘱托，争当…排头兵。): the
  // paragraph restating its goal, or an overview list (一是…二是…) naming it, is structure, not a paste.
  for (const [x, y] of [[h.a0, h.a1], [h.b0, h.b1]] as const) {
    const si = units.sentenceAt(x);
    if (si === units.sentenceAt(y - 1) && isHeadingLead(doc, units, si)) set("minor", "heading-lead");
  }
  const len = h.b1 - h.b0;
  // A near repeat is text written twice with one slot changed (环比/同比, 佛山…云浮/云浮…佛山, a new
  // verb for the same projects in review and plan): parallel wording or a restatement, not a paste.
  if (h.similarity < 1) set("minor", "near");
  if (h.kind === "sentence") {
    if (len < c.majorSentenceLength) set("minor", "short");
  } else if (h.kind === "passage") {
    if (len < c.majorPassageLength) set("minor", "short");
    // A real paste carries whole sentences (or most of one) on at least one side; a long formulation
    // embedded in two otherwise different sentences (…为指导，【贯彻落实…】，坚持…) is restated on purpose.
    if (Math.max(units.coverage(h.a0, h.a1), units.coverage(h.b0, h.b1)) < 0.6) set("minor", "embedded");
  } else {
    // A clause written twice counts inside one paragraph; across a paragraph break it is a restated goal.
    if (compact.block[h.a0] !== compact.block[h.b0]) set("minor", "other-paragraph");
    // The same clause framing other figures in the next sentence (…下降5.5%，剔除…因素，实际增长4%) is
    // parallel statistics.
    const sa = units.sentenceText(units.sentenceAt(h.a0));
    const sb = units.sentenceText(units.sentenceAt(h.b0));
    if (sa !== sb && /[0-9]/.test(sa) && /[0-9]/.test(sb) && figures(sa) !== figures(sb)) set("minor", "parallel-figures");
  }
}

/** True when sentence si is the first sentence of a numbered paragraph and short enough to be its heading. */
function isHeadingLead(doc: SegmentedDocument, units: Units, si: number): boolean {
  const s = doc.sentences[si];
  if (!s) return false;
  const b = doc.blocks[s.blockIndex];
  if (!b?.numbering || (si > 0 && doc.sentences[si - 1]!.blockIndex === s.blockIndex)) return false;
  const r = units.sent[si];
  return !!r && r[1] - r[0] <= MAX_LEAD;
}

/** Longest heading-like lead sentence of a numbered paragraph, characters of text. */
const MAX_LEAD = 40;

const BOUNDARY = /[。．！？!?；;，,：:、]/u;

/** True when compact offset i starts a block, a sentence or a clause (punctuation or a line break before it). */
function atBoundary(text: string, compact: CompactText, i: number): boolean {
  if (i <= 0 || i >= compact.text.length) return true;
  if (compact.text.charCodeAt(i) === 0 || compact.text.charCodeAt(i - 1) === 0) return true;
  return BOUNDARY.test(text.slice(compact.pos[i - 1]! + 1, compact.pos[i]!));
}

/** The figures of a compact text, in order (digit runs), as one key. */
function figures(s: string): string {
  return (s.match(/[0-9]+/g) ?? []).join(",");
}

/**
 * Share of a compact text covered by grams that at least `minUnits` writers of the background model
 * use. Computed on the repeated text only (a whole-report mask would cost as much as the check).
 */
function backgroundShare(m: BackgroundModel, text: string, minUnits: number): number {
  const sk = skeleton(text);
  const n = m.header.n;
  const hs = gramHashes(sk.text, n);
  const mark = new Uint8Array(text.length);
  for (let i = 0; i < hs.length; i++) if (hs[i] && gramDf(m, hs[i]!) >= minUnits) mark.fill(1, sk.from[i]!, sk.to[i + n - 1]!);
  let k = 0;
  for (let i = 0; i < mark.length; i++) k += mark[i]!;
  return k / Math.max(1, text.length);
}

const TIER_ORDER = { major: 0, minor: 1, quiet: 2 } as const;

function prefixSums(mask: Uint8Array): Int32Array {
  const out = new Int32Array(mask.length + 1);
  for (let i = 0; i < mask.length; i++) out[i + 1] = out[i]! + (mask[i] ? 1 : 0);
  return out;
}

/** Share of [a, b) marked in a prefix-sum array. */
function share(sums: Int32Array, a: number, b: number): number {
  return (sums[b]! - sums[a]!) / Math.max(1, b - a);
}

const LINE_PROSE = 0;
const LINE_NAMES = ["prose", "table-row", "caption", "title-line", "note"];

/** Sentence-final punctuation: a line without any is not running prose. */
const SENTENCE_END = /[。！？；!?;]/u;
const ANY_PUNCT = /[。！？；，、：!?;,:]/u;
const CAPTION = /^[\s*#>|\-]*(?:附)?[表图]\s*[0-9一二三四五六七八九十]+/u;
const NOTE = /^[\s*]*[[［]\d{1,3}[\]］]/u;
/** A gap between two cells: spaces, tabs or ideographic spaces between non-space text. */
const CELL_GAP = /(?<=\S)[ \t\u3000]+(?=\S)/gu;

/**
 * Class of each block (by block index): prose, or a line that only looks like prose to the compact
 * text — a table row (cells separated by | or by spaces, no sentence end), a table/figure caption
 * (表9 …, 图3 …), a title-like line (short, no punctuation at all: a page title, the delivery line
 * under it, a heading the segmenter did not recognise) or a note (`[15]…` of a statistical communiqué).
 * Tables in .txt/.pdf/.docx extractions repeat their header row and caption frame per table.
 */
function lineClasses(doc: SegmentedDocument): Uint8Array {
  const out = new Uint8Array(doc.blocks.length);
  for (const b of doc.blocks) {
    if (b.kind !== "paragraph") continue;
    const t = b.text;
    const ends = SENTENCE_END.test(t);
    if (NOTE.test(t)) out[b.index] = 4;
    else if (!ends && CAPTION.test(t) && t.length <= 120) out[b.index] = 2;
    else if (!ends && (countChar(t, "|") >= 2 || countChar(t, "\t") >= 2 || (t.match(CELL_GAP)?.length ?? 0) >= 3)) out[b.index] = 1;
    else if (!ANY_PUNCT.test(t) && t.length <= 100) out[b.index] = 3;
  }
  return out;
}

function countChar(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

const marksCache = new WeakMap<CompactText, { book: Int32Array; quote: Int32Array }>();

/**
 * Prefix sums of the compact characters inside 《》 (titles of documents) and inside quotation marks,
 * per paragraph line (an unclosed mark ends with its line).
 */
function citationMarks(doc: SegmentedDocument, compact: CompactText): { book: Int32Array; quote: Int32Array } {
  const hit = marksCache.get(compact);
  if (hit) return hit;
  const n = compact.text.length;
  const book = new Uint8Array(n);
  const quote = new Uint8Array(n);
  const text = doc.text;
  for (const b of doc.blocks) {
    if (b.kind !== "paragraph") continue;
    let ci = lowerBound(compact.pos, b.start);
    let inBook = 0;
    let inQuote = 0;
    for (let i = b.start; i < b.end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x300a) inBook++; // 《
      else if (ch === 0x300b) inBook = Math.max(0, inBook - 1); // 》
      else if (ch === 0x201c || ch === 0x300c) inQuote++; // “ 「
      else if (ch === 0x201d || ch === 0x300d) inQuote = Math.max(0, inQuote - 1); // ” 」
      while (ci < n && compact.pos[ci]! < i) ci++;
      if (ci < n && compact.pos[ci] === i && compact.block[ci] === b.index) {
        if (inBook) book[ci] = 1;
        if (inQuote) quote[ci] = 1;
      }
    }
  }
  const r = { book: prefixSums(book), quote: prefixSums(quote) };
  marksCache.set(compact, r);
  return r;
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
    // Hits of different tiers stay apart: a minor near repeat of a heading lead must not absorb (and
    // point away from) the verbatim paste of the whole paragraph that overlaps it.
    if (last && h.b0 < last.b1 && h.tier === last.tier) {
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
  // A minor repeat overlapping a major one adds nothing for the reader (the paste is reported).
  // Both lists are sorted by b0 and major ranges do not overlap each other (merged above), so one
  // forward sweep finds, for each minor hit, the major ranges that could overlap it.
  const major = out.filter((h) => h.tier === "major");
  let m = 0;
  return out.filter((h) => {
    if (h.tier === "major") return true;
    while (m < major.length && major[m]!.b1 <= h.b0) m++;
    return !(m < major.length && major[m]!.b0 < h.b1);
  });
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
function nearSentences(T: string, units: Units, c: Compiled): { passages: ScoredPassage[]; stoppedAt: number | null } {
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
  // Each sentence's prefix: its q·dmax + 1 rarest grams (by global rank). The index from rank to the
  // sentences whose prefix holds it is one CSR pair of Int32Arrays, filled in sentence order, so a
  // probe from sentence xi reads the entries below xi: exactly the sentences indexed before it.
  const prefixStart = new Int32Array(sents.length + 1);
  const prefixes: Int32Array[] = sents.map((x, xi) => {
    const dmax = Math.floor(((1 - c.similarity) * x.s.length) / c.similarity);
    const order = new Int32Array(x.grams.length);
    for (let i = 0, o = offsets[xi]!; i < order.length; i++) order[i] = rankOf[idAt[o + i]!]!;
    order.sort();
    const prefix = order.subarray(0, Math.min(order.length, q * dmax + 1));
    prefixStart[xi + 1] = prefixStart[xi]! + prefix.length;
    return prefix;
  });
  const rankStart = new Int32Array(byRank.length + 1);
  for (const prefix of prefixes) for (let p = 0; p < prefix.length; p++) rankStart[prefix[p]! + 1]!++;
  for (let r = 0; r < byRank.length; r++) rankStart[r + 1]! += rankStart[r]!;
  const fill = rankStart.slice(0, byRank.length);
  const entries = new Int32Array(prefixStart[sents.length]!);
  prefixes.forEach((prefix, xi) => {
    for (let p = 0; p < prefix.length; p++) entries[fill[prefix[p]!]!++] = xi;
  });
  const out: ScoredPassage[] = [];
  // lastTried[y] = the sentence that last compared itself with y (a stamp instead of a Set per sentence).
  const lastTried = new Int32Array(sents.length).fill(-1);
  const lens = Int32Array.from(sents, (x) => x.s.length);
  // Levenshtein work left, in 32-character words × characters (the cost of fastest-levenshtein's
  // bit-parallel distance): many long near-identical sentences must not make the check hang.
  let work = nearWorkBudget(T.length);
  let stoppedAt: number | null = null;
  for (let xi = 0; xi < sents.length && stoppedAt === null; xi++) {
    const x = sents[xi]!;
    const xl = x.s.length;
    const prefix = prefixes[xi]!;
    probe: for (let p = 0; p < prefix.length; p++) {
      const r = prefix[p]!;
      for (let li = rankStart[r]!, end = rankStart[r + 1]!; li < end; li++) {
        const yi = entries[li]!;
        if (yi >= xi) break; // entries ascend: the rest are indexed after this sentence
        // Length filter first (a pair it rejects is rejected on every visit, so the stamp is not needed for it).
        const yl = lens[yi]!;
        const longer = xl > yl ? xl : yl;
        const shorter = xl > yl ? yl : xl;
        if (shorter < c.similarity * longer) continue;
        if (lastTried[yi] === xi) continue;
        lastTried[yi] = xi;
        const y = sents[yi]!;
        if (x.s === y.s) continue; // exact repeats come from the k-gram pass
        work -= Math.ceil(shorter / 32) * longer;
        if (work < 0) {
          stoppedAt = x.a;
          break probe;
        }
        const sim = 1 - levenshtein.get(x.s, y.s) / longer;
        if (sim >= c.similarity) out.push({ a0: y.a, a1: y.b, b0: x.a, b1: x.b, matched: 0, edits: 1, similarity: sim });
      }
    }
  }
  return { passages: out, stoppedAt };
}

/** Levenshtein work allowed for near-duplicate sentences of a compact text of n characters (see nearSentences). */
function nearWorkBudget(n: number): number {
  return 256 * n + 4_000_000;
}
