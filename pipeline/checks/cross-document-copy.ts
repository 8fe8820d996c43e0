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
import { boilerplateMasks, hasFact, loadPhrasePatterns, resolveBackgroundPath } from "./boilerplate.js";
import { backgroundMask, loadBackground } from "../fingerprint/background.js";
import { citationMask, compareFigures, sameFrameOtherFigures } from "../fingerprint/citation.js";
import { higherLevel, shortName, writerOf, type Writer, type WriterLevel } from "../fingerprint/writer.js";

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
    /**
     * Background model (docs/background-model.md): `background/phrases.bin` is relative to rules/, `./x.bin`
     * to the rule file; "" for none. Text that at least `backgroundMinUnits` different writers of the
     * model's archive use is background language: like batch-common text it seeds no finding and is not
     * counted as copied. Keep it ≥ 3: a passage copied between exactly two units must not hide behind
     * its own two occurrences when the model was built from an archive holding both.
     */
    backgroundFile: z.string().default("background/phrases.bin"),
    backgroundMinUnits: z.number().int().min(2).max(255).default(3),
    /**
     * Genres whose reports are compared with the same unit's reports of other years (fingerprint/writer.ts):
     * a 法治政府建设年度报告 must be written anew each year; 统计公报 and 政府工作报告 reuse their frames by design.
     */
    sameUnitGenres: z.array(z.enum(["law-gov-report", "gov-work-report", "info-disclosure-report", "statistical-communique", "other"])).default(["law-gov-report", "other"]),
    /** Wording of a higher level of government that the report names as its own (国务院, its province) is echo, not copying. */
    superiorEcho: z.boolean().default(true),
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
  /** Resolved background model path ("" for none); loaded on the first corpus run. */
  backgroundPath: string;
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
  compile: (o, env) => ({
    ...o,
    patterns: loadPhrasePatterns(o.phrasesFile, o.phrases, env),
    backgroundPath: resolveBackgroundPath(o.backgroundFile, env),
  }),
  corpus(docs, o) {
    const compacts = docs.map((d) => compactProse(d.doc));
    // Who wrote each report: one key per unit whatever the file calls it, with its level and genre.
    const writers = docs.map((d) => writerOf(d.doc, d.unit, d.path));
    const units = new Set(writers.map((w) => w.key)).size;
    const commonUnits = commonThreshold(units, o);
    const res = detectCopies(
      docs.map((d, i) => ({ text: compacts[i]!.text, unit: writers[i]!.key, year: d.reportYear, genre: writers[i]!.genre, target: d.target })),
      { k: o.k, t: o.guarantee, minLength: o.minLength, similarity: o.similarity, maxGap: o.maxGap, anchor: Math.max(5, o.k >> 1), commonUnits, sameUnitGenres: o.sameUnitGenres },
    );
    // Template text by any boilerplate signal (phrases, TF-IDF, corpus frequency), plus the detector's own
    // many-unit fingerprints, is not copying: passages mostly made of it are left out.
    const background = loadBackground(o.backgroundPath);
    const masks = boilerplateMasks(docs, compacts, { ...o, k: o.commonK, guarantee: Math.max(o.commonK, o.commonGuarantee), background, backgroundMinUnits: o.backgroundMinUnits });
    for (const [i, m] of masks.perDoc.entries()) if (m) for (let x = 0; x < m.any.length; x++) res.common[i]![x]! |= m.any[x]!;
    // Background language of the shipped archive (many writers use it) and cited text (《titles》, quoted
    // provisions and statements, glossaries) are not copying either.
    docs.forEach((d, i) => {
      if (!d.target) return;
      const common = res.common[i]!;
      const cited = citationMask(d.doc, compacts[i]!);
      const bg = background ? backgroundMask(background, compacts[i]!.text, o.backgroundMinUnits) : null;
      for (let x = 0; x < common.length; x++) common[x]! |= cited[x]! | (bg ? bg[x]! : 0);
    });
    // Passage-level frequency: text of T aligned (edits tolerated) with passages of ≥ commonUnits − 1
    // other units is shared wording, even when no single fingerprint reaches commonUnits.
    markWidelyAligned(res.passages, writers, res.common, commonUnits);
    const kept: CopyPassage[] = [];
    for (const p of res.passages) {
      const snapped = snapToBoundaries({ text: docs[p.source]!.doc.text, c: compacts[p.source]! }, { text: docs[p.target]!.doc.text, c: compacts[p.target]! }, { a0: p.s0, a1: p.s1, b0: p.t0, b1: p.t1 });
      [p.s0, p.s1, p.t0, p.t1] = [snapped.a0, snapped.a1, snapped.b0, snapped.b1];
      const mask = res.common[p.target]!;
      let c = 0;
      for (let x = p.t0; x < p.t1; x++) c += mask[x]!;
      p.commonChars = c;
      if (c >= o.maxCommonShare * (p.t1 - p.t0)) continue;
      const tText = compacts[p.target]!.text.slice(p.t0, p.t1);
      const sText = compacts[p.source]!.text.slice(p.s0, p.s1);
      if (differsOnlyInFigures(tText, sText) || sameFrameOtherFigures(tText, sText)) continue;
      if (o.superiorEcho && echoesSuperior(writers[p.source]!, writers[p.target]!, outside(docs[p.source]!, compacts[p.source]!, p.s0, p.s1), outside(docs[p.target]!, compacts[p.target]!, p.t0, p.t1))) continue;
      if (o.superiorEcho && speaksForSuperior(tText, sText, writers[p.target]!, writers[p.source]!) && !localFacts(p, docs, compacts)) continue;
      if (writers[p.source]!.key !== writers[p.target]!.key && sharedWordingNotFacts(p, docs, compacts, writers, tText, sText)) continue;
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

/**
 * One report takes up the wording of a higher level of government it belongs to (a city repeating its
 * province's or the State Council's report, either of them being the one checked): the central level
 * always, a province or city when the lower report names it at least twice (its own superior, not a
 * distant one).
 */
function echoesSuperior(source: Writer, target: Writer, sourceText: string, targetText: string): boolean {
  if (source.key === target.key) return false;
  // Central bodies (国务院, 国家统计局) share the State Council's formulations among themselves too.
  if (source.level === "national") return target.level !== null;
  if (target.level === "national") return source.level !== null;
  if (higherLevel(source, target)) return namesTwice(targetText, source.key);
  if (higherLevel(target, source)) return namesTwice(sourceText, target.key);
  return false;
}

/** Scope words of each level (我省/全省/省委 …): in a lower unit's report they quote the level's own wording. */
// Only first-person scope words: a lower unit *mentions* 省委/市政府 as the authority it follows in its
// own paragraphs (贯彻省委、市委部署), so a mention is no sign the passage is the superior's wording.
const SCOPE: [WriterLevel, RegExp][] = [
  ["province", /我省|全省|本省/u],
  ["city", /我市|全市|本市|我州|全州/u],
  ["county", /我县|全县|我区|全区/u],
];

/**
 * Two units under one superior share a passage that speaks with the superior's voice (`使我省…` in two
 * cities' reports): both took it from the superior's document. Not when the passage names the source
 * unit itself (a neighbour's name left in a copied paragraph is the defect this check is for).
 */
function speaksForSuperior(tText: string, sText: string, target: Writer, source: Writer): boolean {
  if (target.level === null || source.level === null) return false;
  const rank = (l: WriterLevel) => ["national", "province", "city", "county", "township"].indexOf(l);
  const below = Math.min(rank(target.level), rank(source.level));
  if (below < 0) return false;
  if (!SCOPE.some(([level, re]) => rank(level) < below && re.test(tText))) return false;
  // A passage that also speaks as the writers' own level (全区/我区 in two districts' reports) is their
  // own prose that happens to name the superior (服务保障全市…), not the superior's wording.
  if (SCOPE.some(([level, re]) => rank(level) === below && re.test(tText))) return false;
  // A passage naming either unit is that unit's own text (番禺区委… copied into another district's report).
  for (const w of [source, target]) {
    const short = shortName(w.key);
    if (tText.includes(short) || sText.includes(short)) return false;
  }
  return true;
}

/**
 * Between different writers, what is worth a reviewer's time is another unit's facts: a passage that
 * states none (no figure other than a date, no 《measure》, no named body) is wording both took from a
 * common source (a central 建议, a provincial list), and a passage in which each report has its own
 * figures (some differ) is a shared frame filled by each unit. A passage that names either unit is
 * always specific (a neighbour's name left in).
 */
/**
 * The passage names a place below the unit, a local project or an honour conferred (namesLocalFact) on
 * either side: a unit's own facts, which a superior's document does not hand down to two units.
 */
function localFacts(p: CopyPassage, docs: readonly CorpusDocument[], compacts: CompactText[]): boolean {
  const [ts, te] = toNormalizedSpan(compacts[p.target]!, p.t0, p.t1);
  const [ss, se] = toNormalizedSpan(compacts[p.source]!, p.s0, p.s1);
  return namesLocalFact(docs[p.target]!.doc.text.slice(ts, te)) || namesLocalFact(docs[p.source]!.doc.text.slice(ss, se));
}

function sharedWordingNotFacts(p: CopyPassage, docs: readonly CorpusDocument[], compacts: CompactText[], writers: readonly Writer[], tText: string, sText: string): boolean {
  for (const w of [writers[p.source]!, writers[p.target]!]) {
    const short = shortName(w.key);
    if (tText.includes(short) || sText.includes(short)) return false;
  }
  const [ts, te] = toNormalizedSpan(compacts[p.target]!, p.t0, p.t1);
  const [ss, se] = toNormalizedSpan(compacts[p.source]!, p.s0, p.s1);
  // A long run of the other unit's prose (≥ GENERIC_MAX characters) stays a finding even without facts.
  if (p.t1 - p.t0 < GENERIC_MAX && !hasFact(docs[p.target]!.doc, ts, te) && !hasFact(docs[p.source]!.doc, ss, se) && !localFacts(p, docs, compacts)) return true;
  return ownFigures(tText, sText);
}

/**
 * A proper name of the writer's own world is a fact even without a figure: a place below the unit
 * (石楼镇大岭村, a town or street office opening a clause), a named local project (…小区片旧城改造项目),
 * an honour conferred (获得…称号, 被评为…). A common source (a central 建议, a provincial list) names
 * categories (乡镇, 示范村, 重点项目), never one town, one project or one award.
 */
export function namesLocalFact(text: string): boolean {
  if (LOCAL_PLACE_NESTED.test(text) || LOCAL_PLACE_SUBJECT.test(text) || LOCAL_PROJECT.test(text) || HONOUR_CONFERRED.test(text)) return true;
  for (const m of text.matchAll(NAMED_PARK)) if (!GENERIC_MODIFIER.test(m[1]!)) return true;
  return false;
}

const HAN = "\\u4e00-\\u9fff";
/** A park or cluster with its own name before the sector word: 打造万博法律服务集聚区 (not 打造法律服务集聚区). */
const NAMED_PARK = new RegExp(
  `(?:打造|建设|建成|创建|推进|依托)([${HAN}]{2,4}?)(?:法律服务|金融|科技|物流|文化|创意|数字|信息|软件|生物医药|总部|商务)(?:集聚区|产业园|园区|小镇|基地)`,
  "gu",
);
/** Modifiers that qualify a category, not a name (another sector word, 一批, 特色, 高端, 省级 …). */
const GENERIC_MODIFIER = /^(?:法律|金融|科技|物流|文化|创意|数字|信息|软件|生物|总部|商务|产业|一批|一个|一流|特色|高端|现代|国际|全国|全省|全市|全区|省级|市级|区级|县级|首个|新型|智慧|公共|专业|综合|重点|优质|示范|区域|涉外|新的|更多|若干)/u;

/** A town/street office followed by its village/community: 石楼镇大岭村, 某某街道某某社区. */
const LOCAL_PLACE_NESTED = new RegExp(`(?<![${HAN}])[${HAN}]{2,3}(?:镇|乡|街道)[${HAN}]{2,3}(?:村|社区)`, "u");
/** A named town/street office as the subject of a clause (石楼镇成功创建…); category stems (乡镇, 城镇, 小城镇, 各镇, 示范镇) are not names. */
const LOCAL_PLACE_SUBJECT = new RegExp(
  `(?:^|[，,。；;：:、\\s])(?!各|全|本|该|每|乡|城|小城|重点|示范|特色|中心|建制)[${HAN}]{2,3}(?:镇|街道)(?:成功|获|荣获|被|率先|建成|创建|入选|[，,、])`,
  "u",
);
/** A project named by its site: …小区片旧城改造项目, …大道改造工程项目. */
const LOCAL_PROJECT = new RegExp(`[${HAN}]{2}(?:小区|片区|大道|广场|公园)[^，,。；;、]{0,10}项目`, "u");
/** An award conferred on a named subject: 获得第八批全国…示范村称号, 荣获…先进单位称号, 被评为…. */
const HONOUR_CONFERRED = /(?:获得|荣获|被评为|被授予|被命名为|获评)[^，,。；;]{2,40}?(?:称号|荣誉|奖项|先进单位|示范单位)/u;

/** Longest shared passage without facts that is still taken for common wording (characters of text). */
const GENERIC_MAX = 150;

/** Each side has ≥ 2 figures (years aside) and at least a third of them differ. */
function ownFigures(a: string, b: string): boolean {
  const { x, y, same } = compareFigures(a, b);
  if (x < 2 || y < 2) return false;
  return Math.max(x, y) - same >= Math.max(x, y) / 3;
}

/** The document's text without the passage (a copied passage naming its source says nothing about the copier). */
function outside(d: CorpusDocument, c: CompactText, a: number, b: number): string {
  const [s, e] = toNormalizedSpan(c, a, b);
  return d.doc.text.slice(0, s) + "\n" + d.doc.text.slice(e);
}

function namesTwice(text: string, key: string): boolean {
  const short = shortName(key);
  let n = 0;
  for (let at = text.indexOf(short); at >= 0 && n < 2; at = text.indexOf(short, at + short.length)) n++;
  return n >= 2;
}

function markWidelyAligned(passages: readonly CopyPassage[], writers: readonly Writer[], common: Uint8Array[], commonUnits: number): void {
  const byTarget = new Map<number, CopyPassage[]>();
  for (const p of passages) byTarget.set(p.target, [...(byTarget.get(p.target) ?? []), p]);
  for (const [t, list] of byTarget) {
    const len = common[t]!.length;
    const count = new Uint16Array(len);
    const byUnit = new Map<string, CopyPassage[]>();
    for (const p of list) byUnit.set(writers[p.source]!.key, [...(byUnit.get(writers[p.source]!.key) ?? []), p]);
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
