/**
 * @fileoverview Passages copied between reports of different units (or the same unit's reports of
 * different years): winnowing fingerprints over character k-grams, joined across the batch and the
 * reference archive, extended to maximal aligned passages that tolerate small edits. Text shared by
 * many units (templates, quotations of one central document) is boilerplate, not copying: it seeds
 * nothing, passages that are mostly such text are not reported, and it is left out of the copy ratio.
 *
 * Metrics (`metrics.copy`, like CNKI's 复制比): share of the report's characters in passages copied
 * from elsewhere, the largest single source, and the same per top-level section. Batch output:
 * copy pairs and clusters of reports that copy each other (index.json).
 */
import { basename } from "node:path";
import { z } from "zod";
import { defineCorpusCheck, type CorpusDocument, type CorpusRawFinding, type RawRelatedExternal } from "./define-check.js";
import { compactProse, sectionAt, snapToBoundaries, toNormalizedSpan, topSections, type CompactText } from "../fingerprint/compact.js";
import { commonThreshold, detectCopies, type CopyPassage } from "../fingerprint/copy-index.js";
import { differsOnlyInFigures } from "../fingerprint/align.js";
import { boilerplateMasks, loadPhrasePatterns } from "./boilerplate.js";

const options = z
  .object({
    /** Shortest reported passage, characters of text (punctuation and spaces not counted). */
    minLength: z.number().int().min(10).default(50),
    /** k-gram length of the fingerprints (noise threshold: shorter matches are never seen). */
    k: z.number().int().min(4).max(30).default(12),
    /** Winnowing guarantee: every shared exact run this long is seen (≥ k). */
    guarantee: z.number().int().min(4).max(100).default(24),
    /** Minimum similarity of a passage (1 − Levenshtein distance / longer length). */
    similarity: z.number().min(0.5).max(1).default(0.8),
    /** Largest edit bridged inside a passage (characters on each side). */
    maxGap: z.number().int().min(0).max(20).default(6),
    /** Text found in at least this share of units is common (boilerplate) … */
    commonShare: z.number().min(0).max(1).default(0.1),
    /** … and in at least this many units. */
    commonMinUnits: z.number().int().min(2).default(3),
    /** … but never more than this many units: text in this many different units' reports is shared, whatever the archive size. */
    commonMaxUnits: z.number().int().min(2).default(10),
    /** A passage whose characters are at least this share common text is boilerplate, not copy. */
    maxCommonShare: z.number().min(0).max(1).default(0.5),
    /** Boilerplate is not copying: the phrase list, the TF-IDF test and the corpus-frequency test of the
     * `boilerplate` check (same defaults) mark template text, which neither seeds nor counts as copied. */
    phrasesFile: z.string().default("kb/boilerplate.yaml"),
    phrases: z.array(z.string().min(2)).default([]),
    tfidfMinDocs: z.number().int().min(2).default(5),
    genericSpecificity: z.number().min(0).max(1).default(0.12),
    /** k-gram length and guarantee of the corpus-frequency test (shorter than `k`: local substitutions such as
     * 全省/全市, 驻滇/驻苏 break long k-grams of otherwise shared formulae). */
    commonK: z.number().int().min(4).max(30).default(8),
    commonGuarantee: z.number().int().min(4).max(100).default(14),
    /** Sources listed per finding. */
    maxSources: z.number().int().min(1).default(3),
    /** Shared characters from which two reports form a copy cluster. */
    clusterMinChars: z.number().int().min(1).default(100),
  })
  .strict()
  .refine((o) => o.guarantee >= o.k, { message: "guarantee must be ≥ k", path: ["guarantee"] });

type Options = z.infer<typeof options>;

interface Compiled extends Options {
  patterns: RegExp[];
}

export interface CopyPair {
  a: string;
  b: string;
  /** Characters of A in passages shared with B (common text excluded). */
  sharedChars: number;
  passages: number;
}

export default defineCorpusCheck<Options, Compiled>({
  type: "cross-document-copy",
  description: { zh: "不同单位（或同一单位不同年度）报告之间复制的段落", en: "Passages copied between reports of different units (or years)" },
  options,
  messages: {
    copied: {
      zh: "与{{sourceName}}的报告（{{source}}）中的段落相同或高度相似（{{length}}字，相似度{{percent}}%）",
      en: "Same as or very close to a passage in the report of {{sourceName}} ({{source}}; {{length}} characters, {{percent}}% similar)",
    },
  },
  compile: (o, env) => ({ ...o, patterns: loadPhrasePatterns(o.phrasesFile, o.phrases, env) }),
  corpus(docs, o) {
    const compacts = docs.map((d) => compactProse(d.doc));
    const units = new Set(docs.map((d) => d.unit)).size;
    const commonUnits = commonThreshold(units, o);
    const res = detectCopies(
      docs.map((d, i) => ({ text: compacts[i]!.text, unit: d.unit, year: d.reportYear, target: d.target })),
      { k: o.k, t: o.guarantee, minLength: o.minLength, similarity: o.similarity, maxGap: o.maxGap, anchor: Math.max(5, o.k >> 1), commonUnits },
    );
    // Template text by any boilerplate signal (phrases, TF-IDF, corpus frequency), plus the detector's own
    // many-unit fingerprints, is not copying: passages mostly made of it are left out.
    const masks = boilerplateMasks(docs, compacts, { ...o, k: o.commonK, guarantee: Math.max(o.commonK, o.commonGuarantee) });
    for (const [i, m] of masks.perDoc.entries()) if (m) for (let x = 0; x < m.any.length; x++) res.common[i]![x]! |= m.any[x]!;
    // Passage-level frequency: text of T aligned (edits tolerated) with passages of ≥ commonUnits − 1
    // other units is shared wording, even when no single fingerprint reaches commonUnits.
    markWidelyAligned(res.passages, docs, res.common, commonUnits);
    const kept: CopyPassage[] = [];
    for (const p of res.passages) {
      const snapped = snapToBoundaries({ text: docs[p.source]!.doc.text, c: compacts[p.source]! }, { text: docs[p.target]!.doc.text, c: compacts[p.target]! }, { a0: p.s0, a1: p.s1, b0: p.t0, b1: p.t1 });
      [p.s0, p.s1, p.t0, p.t1] = [snapped.a0, snapped.a1, snapped.b0, snapped.b1];
      const mask = res.common[p.target]!;
      let c = 0;
      for (let x = p.t0; x < p.t1; x++) c += mask[x]!;
      p.commonChars = c;
      if (c >= o.maxCommonShare * (p.t1 - p.t0)) continue;
      if (differsOnlyInFigures(compacts[p.target]!.text.slice(p.t0, p.t1), compacts[p.source]!.text.slice(p.s0, p.s1))) continue;
      kept.push(p);
    }
    const byTarget = new Map<number, CopyPassage[]>();
    for (const p of kept) {
      const list = byTarget.get(p.target);
      if (list) list.push(p);
      else byTarget.set(p.target, [p]);
    }
    const findings: CorpusRawFinding[] = [];
    const metrics = new Map<number, Record<string, unknown>>();
    const pairs = new Map<string, CopyPair>();
    docs.forEach((d, t) => {
      if (!d.target) return;
      const list = byTarget.get(t) ?? [];
      findings.push(...findingsFor(t, list, docs, compacts, o));
      metrics.set(t, { copy: copyMetrics(d, compacts[t]!, list, res.common[t]!, docs, commonUnits) });
      for (const [s, chars, n] of perSource(list, res.common[t]!)) {
        const a = docs[t]!.path;
        const b = docs[s]!.path;
        const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
        const prev = pairs.get(key);
        if (!prev || prev.sharedChars < chars) pairs.set(key, { a: a < b ? a : b, b: a < b ? b : a, sharedChars: chars, passages: n });
      }
    });
    const copyPairs = [...pairs.values()].sort((x, y) => y.sharedChars - x.sharedChars || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
    return {
      findings,
      metrics,
      batch: { copyPairs, clusters: clusters(copyPairs, o.clusterMinChars), commonUnits, stats: res.stats },
    };
  },
});

function markWidelyAligned(passages: readonly CopyPassage[], docs: readonly CorpusDocument[], common: Uint8Array[], commonUnits: number): void {
  const byTarget = new Map<number, CopyPassage[]>();
  for (const p of passages) byTarget.set(p.target, [...(byTarget.get(p.target) ?? []), p]);
  for (const [t, list] of byTarget) {
    const len = common[t]!.length;
    const count = new Uint16Array(len);
    const byUnit = new Map<string, CopyPassage[]>();
    for (const p of list) byUnit.set(docs[p.source]!.unit, [...(byUnit.get(docs[p.source]!.unit) ?? []), p]);
    if (byUnit.size + 1 < commonUnits) continue;
    const seen = new Uint8Array(len);
    for (const ps of byUnit.values()) {
      seen.fill(0);
      for (const p of ps) seen.fill(1, p.t0, p.t1);
      for (let x = 0; x < len; x++) count[x]! += seen[x]!;
    }
    for (let x = 0; x < len; x++) if (count[x]! + 1 >= commonUnits) common[t]![x] = 1;
  }
}

/** One finding per target passage (overlapping passages from several sources merged; sources listed). */
function findingsFor(t: number, list: CopyPassage[], docs: readonly CorpusDocument[], compacts: CompactText[], o: Compiled): CorpusRawFinding[] {
  const sorted = [...list].sort((x, y) => x.t0 - y.t0 || y.t1 - x.t1);
  const groups: CopyPassage[][] = [];
  let end = -1;
  for (const p of sorted) {
    if (p.t0 < end) groups[groups.length - 1]!.push(p);
    else groups.push([p]);
    end = Math.max(end, p.t1);
  }
  const c = compacts[t]!;
  return groups.map((g) => {
    const t0 = Math.min(...g.map((p) => p.t0));
    const t1 = Math.max(...g.map((p) => p.t1));
    const best = [...g].sort((x, y) => y.t1 - y.t0 - (x.t1 - x.t0) || y.similarity - x.similarity);
    const seen = new Set<number>();
    const sources = best.filter((p) => !seen.has(p.source) && seen.add(p.source)).slice(0, o.maxSources);
    const [s, e] = toNormalizedSpan(c, t0, t1);
    const top = sources[0]!;
    return {
      docIndex: t,
      span: [s, e],
      messageId: "copied",
      data: { source: basename(docs[top.source]!.path), sourceName: sourceName(docs[top.source]!), length: t1 - t0, percent: Math.round(top.similarity * 100) },
      evidence: {
        length: t1 - t0,
        similarity: Math.round(top.similarity * 1000) / 1000,
        commonChars: top.commonChars,
        sources: sources.map((p) => ({ path: docs[p.source]!.path, unit: docs[p.source]!.unit, length: p.s1 - p.s0, similarity: Math.round(p.similarity * 1000) / 1000 })),
      },
      related: sources.map((p) => relatedIn(docs[p.source]!, compacts[p.source]!, p.s0, p.s1)),
    };
  });
}

/** A location in another document, in that document's original coordinates. */
function relatedIn(d: CorpusDocument, c: CompactText, a: number, b: number): RawRelatedExternal {
  const [s, e] = toNormalizedSpan(c, a, b);
  const [start, end] = d.doc.normalized.map.toOriginal(s, e);
  return { path: d.path, start, end, text: d.doc.normalized.raw.original.slice(start, end), label: "source" };
}

/** Copied (non-common) characters of the target, per source: [source, chars, passages]. */
function perSource(list: CopyPassage[], common: Uint8Array): [number, number, number][] {
  const by = new Map<number, CopyPassage[]>();
  for (const p of list) by.set(p.source, [...(by.get(p.source) ?? []), p]);
  return [...by].map(([s, ps]) => [s, coveredChars(ps, common), ps.length]);
}

/** Distinct non-common target offsets covered by the passages within [from, to). */
function coveredChars(ps: CopyPassage[], common: Uint8Array, from = 0, to = Infinity): number {
  let size = 0;
  for (const p of ps) size = Math.max(size, Math.min(p.t1, to));
  const marks = new Uint8Array(Math.max(0, size));
  let n = 0;
  for (const p of ps) {
    for (let i = Math.max(p.t0, from); i < Math.min(p.t1, to); i++) {
      if (!common[i] && !marks[i]) {
        marks[i] = 1;
        n++;
      }
    }
  }
  return n;
}

function copyMetrics(d: CorpusDocument, c: CompactText, list: CopyPassage[], common: Uint8Array, docs: readonly CorpusDocument[], commonUnits: number): Record<string, unknown> {
  const total = c.text.replace(/\0/g, "").length;
  const copied = coveredChars(list, common);
  const commonChars = common.reduce((n, x) => n + x, 0);
  const sources = perSource(list, common).sort((x, y) => y[1] - x[1]);
  const largest = sources[0];
  const spans = topSections(d.doc);
  const sections = spans.map((s) => ({ heading: s.heading, chars: 0, copiedChars: 0 }));
  const copiedMask = new Uint8Array(c.text.length);
  for (const p of list) for (let i = p.t0; i < p.t1; i++) if (!common[i]) copiedMask[i] = 1;
  for (let i = 0; i < c.text.length; i++) {
    if (c.text.charCodeAt(i) === 0) continue;
    const sec = sections[sectionAt(spans, c.pos[i]!)];
    if (!sec) continue;
    sec.chars++;
    sec.copiedChars += copiedMask[i]!;
  }
  return {
    ratio: total ? round(copied / total) : 0,
    copiedChars: copied,
    totalChars: total,
    commonChars,
    commonUnits,
    largestSource: largest ? { path: docs[largest[0]]!.path, chars: largest[1], ratio: total ? round(largest[1] / total) : 0 } : null,
    sources: sources.length,
    sections: sections.filter((s) => s.chars > 0).map((s) => ({ heading: s.heading, chars: s.chars, copiedChars: s.copiedChars, ratio: round(s.copiedChars / s.chars) })),
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Connected components of reports linked by ≥ minChars shared characters. */
function clusters(pairs: CopyPair[], minChars: number): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const p of pairs) {
    if (p.sharedChars < minChars) continue;
    for (const x of [p.a, p.b]) if (!parent.has(x)) parent.set(x, x);
    parent.set(find(p.a), find(p.b));
  }
  const groups = new Map<string, string[]>();
  for (const x of parent.keys()) {
    const r = find(x);
    groups.set(r, [...(groups.get(r) ?? []), x]);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort()).sort((a, b) => b.length - a.length);
}

/** How a reviewer names the source: its unit, else its title, else its file name. */
function sourceName(d: CorpusDocument): string {
  if (d.unit && d.unit !== d.path) return d.unit;
  return d.doc.derived.title ?? basename(d.path);
}
