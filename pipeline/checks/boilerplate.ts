/**
 * @fileoverview Template text (套话): stock openings, closings and formulae that say nothing about
 * this unit's year. Three signals mark a character as boilerplate:
 * (a) a phrase of the YAML list (rules/kb/boilerplate.yaml; `…`, `YYYY`, `XX` placeholders);
 * (b) corpus frequency: text whose winnowing fingerprints occur in reports of at least
 *     max(commonMinUnits, commonShare × units) different writers of the batch (the same rule
 *     cross-document-copy uses to keep shared text out of the copy ratio), or that at least
 *     `backgroundMinUnits` writers of the shipped background model use (docs/background-model.md), so
 *     a small batch still knows what everyone writes;
 * (c) TF-IDF over jieba tokens (IDF as natural's TfIdf defines it): a sentence whose words are, on average, found in
 *     most reports (low IDF) and that states no number is generic.
 * Metrics: `metrics.boilerplate` (ratio per document and per top-level section, per signal).
 * Finding: a section (heading to next heading) that is mostly boilerplate and states no concrete
 * fact (no number other than a date, no 《named measure》, no named body such as …局/…中心).
 */
import { z } from "zod";
import type { Block, SegmentedDocument } from "../model/document.js";
import { CompileError, defineCorpusCheck, type CompileEnv, type CorpusDocument, type CorpusRawFinding } from "./define-check.js";
import { compactProse, sectionAt, topSections, lowerBound, type CompactText } from "../fingerprint/compact.js";
import { winnow } from "../fingerprint/winnow.js";
import { commonThreshold } from "../fingerprint/copy-index.js";
import { userRegExp } from "../text/safe-regex.js";
import { dataFilePath, readDataYaml } from "./data-file.js";
import { backgroundMask, loadBackground, type BackgroundModel } from "../fingerprint/background.js";
import { writerOf } from "../fingerprint/writer.js";
import { citationMask } from "../fingerprint/citation.js";

/**
 * Inverse document frequency exactly as natural's TfIdf computes it (1 + ln(N / (1 + df)), documents
 * given as token arrays), with document frequencies counted once in a Map instead of natural's scan of
 * every document object per new term (and without loading natural at all).
 */
class DocFrequency {
  private readonly df = new Map<string, number>();
  private n = 0;
  addDocument(doc: readonly string[]): void {
    this.n++;
    for (const w of new Set(doc)) this.df.set(w, (this.df.get(w) ?? 0) + 1);
  }
  idf(term: string): number {
    return 1 + Math.log(this.n / (1 + (this.df.get(term) ?? 0)));
  }
}

const options = z
  .object({
    /** Phrase list; `./x.yaml` is relative to the rule file, `kb/x.yaml` to rules/. Empty string: none. */
    phrasesFile: z.string().default("kb/boilerplate.yaml"),
    /** Extra phrases (same placeholders as the file). */
    phrases: z.array(z.string().min(2)).default([]),
    /** Corpus frequency: k-gram length and winnowing guarantee of the fingerprints. */
    k: z.number().int().min(4).max(30).default(8),
    guarantee: z.number().int().min(4).max(100).default(14),
    /** Text found in at least this share of units (and at least commonMinUnits units) is common. */
    commonShare: z.number().min(0).max(1).default(0.1),
    commonMinUnits: z.number().int().min(2).default(3),
    /** … but never more than this many units: text in this many different units' reports is shared, whatever the archive size. */
    commonMaxUnits: z.number().int().min(2).default(10),
    /** Background model (docs/background-model.md; same resolution as cross-document-copy's option); "" for none. */
    backgroundFile: z.string().default("background/phrases.bin"),
    /** Text used by at least this many writers of the model is common. */
    backgroundMinUnits: z.number().int().min(2).max(255).default(3),
    /** TF-IDF is used from this many documents on (IDF means nothing on a handful). */
    tfidfMinDocs: z.number().int().min(2).default(5),
    /** A sentence is generic when its mean normalized IDF is below this (0 = words in every report, 1 = words in one). */
    genericSpecificity: z.number().min(0).max(1).default(0.12),
    /** A section is reported when at least this share of its characters is boilerplate … */
    sectionRatio: z.number().min(0).max(1).default(0.6),
    /** … it has at least this many characters … */
    sectionMinChars: z.number().int().min(1).default(80),
    /** … and states no concrete fact. */
    requireNoFacts: z.boolean().default(true),
  })
  .strict();

type Options = z.infer<typeof options>;

interface Compiled extends Options {
  patterns: RegExp[];
  backgroundPath: string;
}

/** A model path: absolute, `./x` relative to the rule file, else relative to rules/ ("" for none). */
export function resolveBackgroundPath(file: string, env: CompileEnv): string {
  return file ? dataFilePath(file, env, ["backgroundFile"]) : "";
}

const fileSchema = z.object({ phrases: z.array(z.string().min(1)).default([]), patterns: z.array(z.string().min(1)).default([]) }).strict();

export default defineCorpusCheck<Options, Compiled>({
  type: "boilerplate",
  description: { zh: "套话、模板化表述比例；整节几乎全是套话且无具体事实", en: "Template text ratio; sections that are mostly boilerplate with no concrete fact" },
  options,
  messages: {
    section: {
      zh: "本节“{{heading}}”约{{percent}}%为套话、模板化表述，未见具体数字、措施名称或机构",
      en: "Section “{{heading}}” is about {{percent}}% template text and states no number, named measure or body",
    },
  },
  compile(o, env) {
    return { ...o, patterns: loadPhrasePatterns(o.phrasesFile, o.phrases, env), backgroundPath: resolveBackgroundPath(o.backgroundFile, env) };
  },
  corpus(docs, c) {
    const compacts = docs.map((d) => compactProse(d.doc));
    const masks = boilerplateMasks(docs, compacts, { ...c, background: loadBackground(c.backgroundPath) });
    const findings: CorpusRawFinding[] = [];
    const metrics = new Map<number, Record<string, unknown>>();
    docs.forEach((d, i) => {
      if (!d.target) return;
      const m = masks.perDoc[i]!;
      metrics.set(i, { boilerplate: boilerplateMetrics(d.doc, compacts[i]!, m, masks.commonUnits, masks.tfidfUsed) });
      findings.push(...sectionFindings(i, d.doc, compacts[i]!, m.any, c, citationMask(d.doc, compacts[i]!)));
    });
    return { findings, metrics };
  },
});

/** Parameters of the three boilerplate signals (shared with cross-document-copy, which leaves boilerplate out of copying). */
export interface BoilerplateParams {
  patterns: RegExp[];
  k: number;
  guarantee: number;
  commonShare: number;
  commonMinUnits: number;
  commonMaxUnits: number;
  tfidfMinDocs: number;
  genericSpecificity: number;
  /** Background model (null: the batch alone) and its writer threshold. */
  background?: BackgroundModel | null;
  backgroundMinUnits?: number;
}

type MaskSet = { perDoc: (Masks | null)[]; commonUnits: number; tfidfUsed: boolean };

const docIds = new WeakMap<SegmentedDocument, number>();
const backgroundIds = new Map<BackgroundModel, number>();
let nextDocId = 0;
/** The last result per batch (keyed by its first document, so it goes when the batch goes). */
const lastMasks = new WeakMap<SegmentedDocument, { key: string; docs: SegmentedDocument[]; result: MaskSet }>();

/**
 * Per-signal masks over each target's compact text (empty arrays for non-targets). The masks are
 * read-only for callers. boilerplate and cross-document-copy ask for the same masks over the same
 * batch: the last result is reused for the same documents (same objects, units and targets, compact
 * texts from compactProse) and the same parameters.
 */
export function boilerplateMasks(docs: readonly CorpusDocument[], compacts: CompactText[], c: BoilerplateParams): MaskSet {
  const first = docs[0]?.doc;
  const cacheable = first !== undefined && docs.every((d, i) => compacts[i] === compactProse(d.doc));
  if (!cacheable) return computeMasks(docs, compacts, c);
  const id = (d: SegmentedDocument) => docIds.get(d) ?? (docIds.set(d, nextDocId), nextDocId++);
  const key = JSON.stringify([
    docs.map((d) => [id(d.doc), d.unit, d.target]),
    c.patterns.map((re) => [re.source, re.flags]),
    [c.k, c.guarantee, c.commonShare, c.commonMinUnits, c.commonMaxUnits, c.tfidfMinDocs, c.genericSpecificity],
    [c.background ? backgroundIds.get(c.background) ?? (backgroundIds.set(c.background, backgroundIds.size), backgroundIds.size - 1) : -1, c.backgroundMinUnits ?? 0],
  ]);
  const hit = lastMasks.get(first);
  if (hit && hit.key === key && hit.docs.length === docs.length && hit.docs.every((d, i) => d === docs[i]!.doc)) return hit.result;
  const result = computeMasks(docs, compacts, c);
  lastMasks.set(first, { key, docs: docs.map((d) => d.doc), result });
  return result;
}

function computeMasks(docs: readonly CorpusDocument[], compacts: CompactText[], c: BoilerplateParams): MaskSet {
  // Writers, not file names: one unit's reports of several years are one writer.
  const writers = docs.map((d) => writerOf(d.doc, d.unit, d.path).key);
  const units = new Set(writers).size;
  const commonUnits = commonThreshold(units, c);
  const common = commonMasks(docs, writers, compacts, c, commonUnits);
  const generic = docs.length >= c.tfidfMinDocs ? genericMasks(docs, compacts, c) : null;
  const perDoc = docs.map((d, i) => {
    if (!d.target) return null;
    const cp = compacts[i]!;
    const phrase = phraseMask(d.doc, cp, c.patterns);
    const corpus = common[i]!;
    if (c.background) {
      const bg = backgroundMask(c.background, cp.text, c.backgroundMinUnits ?? 3);
      for (let x = 0; x < corpus.length; x++) corpus[x]! |= bg[x]!;
    }
    const tfidf = generic?.[i] ?? new Uint8Array(cp.text.length);
    const any = new Uint8Array(cp.text.length);
    for (let x = 0; x < any.length; x++) any[x] = phrase[x]! | corpus[x]! | tfidf[x]!;
    return { phrase, corpus, tfidf, any };
  });
  return { perDoc, commonUnits, tfidfUsed: generic !== null };
}

/**
 * Loads the phrase file (`./x.yaml` relative to the rule file, `kb/x.yaml` to rules/; "" for none) and
 * compiles its phrases and patterns plus `extra` phrases.
 * @throws CompileError with path ["phrasesFile"]
 */
export function loadPhrasePatterns(file: string, extra: string[], env: CompileEnv): RegExp[] {
  const patterns: RegExp[] = [];
  if (file) {
    const full = dataFilePath(file, env, ["phrasesFile"]);
    const data = readDataYaml(full, ["phrasesFile"], "phrase file");
    const r = fileSchema.safeParse(data);
    if (!r.success) throw new CompileError(`${full}: ${r.error.issues[0]!.path.join(".")}: ${r.error.issues[0]!.message}`, ["phrasesFile"]);
    patterns.push(...r.data.phrases.map(phraseRegExp));
    r.data.patterns.forEach((p) => {
      try {
        patterns.push(userRegExp(p, "gu"));
      } catch (e) {
        throw new CompileError(`${full}: invalid regular expression /${p}/: ${(e as Error).message}`, ["phrasesFile"]);
      }
    });
  }
  patterns.push(...extra.map(phraseRegExp));
  return patterns;
}

/** `现将…情况报告如下` → a global regexp over normalized text (half- and full-width punctuation alike). */
export function phraseRegExp(phrase: string): RegExp {
  const PUNCT: Record<string, string> = { "，": "[，,]", "、": "[、,，]", "：": "[：:]", "；": "[；;]", "（": "[（(]", "）": "[）)]", "“": "[“\"”]", "”": "[”\"“]" };
  let src = "";
  for (let i = 0; i < phrase.length; i++) {
    const ch = phrase[i]!;
    if (ch === "…") src += "[^。！？!?\\n]{0,40}?";
    else if (phrase.startsWith("YYYY", i)) {
      src += "(?:\\d{4}|[〇零一二三四五六七八九]{4})";
      i += 3;
    } else if (phrase.startsWith("XX", i)) {
      src += "[^，。、；：,;:\\s]{1,15}?";
      i += 1;
    } else src += PUNCT[ch] ?? ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  const re = new RegExp(src, "gu");
  // The longest fixed piece: a document without it cannot match, and the regexp is not run.
  const pieces = phrase.split(/…|YYYY|XX|[，、：；（）“”,:;()"]/u).filter(Boolean);
  LITERALS.set(re, pieces.reduce((a, b) => (b.length > a.length ? b : a), ""));
  return re;
}

const LITERALS = new WeakMap<RegExp, string>();

/** Marks compact characters inside normalized [s, e). */
function markSpan(mask: Uint8Array, cp: CompactText, s: number, e: number): void {
  for (let x = lowerBound(cp.pos, s); x < cp.pos.length && cp.pos[x]! < e; x++) mask[x] = 1;
}

const phraseMaskCache = new WeakMap<CompactText, Map<string, Uint8Array>>();

/**
 * Characters of paragraphs matched by a phrase pattern. Memoized per compact text and pattern list
 * (duplicate-text and boilerplate ask for the same mask); callers must not modify the result.
 */
export function phraseMask(doc: SegmentedDocument, cp: CompactText, patterns: RegExp[]): Uint8Array {
  const key = patterns.map((re) => `${re.flags}/${re.source}\u0000${LITERALS.get(re) ?? ""}`).join("\n");
  let byKey = phraseMaskCache.get(cp);
  if (!byKey) phraseMaskCache.set(cp, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit && cp === compactProse(doc)) return hit;
  const mask = new Uint8Array(cp.text.length);
  const present = patterns.filter((re) => doc.text.includes(LITERALS.get(re) ?? ""));
  for (const b of doc.blocks) {
    if (b.kind !== "paragraph") continue;
    for (const re of present) {
      if (!re.global) throw new TypeError(`phrase pattern /${re.source}/ must be global`);
      // What b.text.matchAll(re) yields, without cloning re per paragraph (empty matches are skipped).
      re.lastIndex = 0;
      for (let m = re.exec(b.text); m; m = re.exec(b.text)) {
        if (m[0].length) markSpan(mask, cp, b.start + m.index, b.start + m.index + m[0].length);
        else re.lastIndex = advanceIndex(b.text, re.lastIndex, re.unicode);
      }
      re.lastIndex = 0;
    }
  }
  if (cp === compactProse(doc)) byKey.set(key, mask);
  return mask;
}

/** AdvanceStringIndex: past one code point under the u flag, else one code unit. */
function advanceIndex(text: string, i: number, unicode: boolean): number {
  if (!unicode || i + 1 >= text.length) return i + 1;
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return i + 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? i + 2 : i + 1;
}

/** (b) Characters covered by fingerprints that occur in ≥ commonUnits units. */
function commonMasks(docs: readonly CorpusDocument[], writers: readonly string[], compacts: CompactText[], c: BoilerplateParams, commonUnits: number): Uint8Array[] {
  const fps = compacts.map((cp) => winnow(cp.text, c.k, Math.max(c.k, c.guarantee)));
  const unitIds = new Map<string, number>();
  const unitOf = writers.map((w) => unitIds.get(w) ?? (unitIds.set(w, unitIds.size), unitIds.size - 1));
  const seen = new Map<number, Set<number>>();
  fps.forEach((f, i) => {
    for (const h of f.hashes) {
      let s = seen.get(h);
      if (!s) seen.set(h, (s = new Set()));
      if (s.size < commonUnits) s.add(unitOf[i]!);
    }
  });
  const w = Math.max(c.k, c.guarantee) - c.k + 1;
  return docs.map((d, i) => {
    const cp = compacts[i]!;
    const mask = new Uint8Array(cp.text.length);
    if (!d.target) return mask;
    const f = fps[i]!;
    let prev = -1;
    for (let x = 0; x < f.hashes.length; x++) {
      if (seen.get(f.hashes[x]!)!.size < commonUnits) {
        prev = -1;
        continue;
      }
      const p = f.positions[x]!;
      mask.fill(1, prev >= 0 && p - prev <= w ? prev : p, Math.min(mask.length, p + c.k));
      prev = p;
    }
    return mask;
  });
}

const HAS_CJK = /[\u4e00-\u9fff]/u;

/** (c) Generic sentences by TF-IDF: mean normalized IDF of the sentence's words below the threshold, and no number. */
function genericMasks(docs: readonly CorpusDocument[], compacts: CompactText[], c: BoilerplateParams): Uint8Array[] {
  const tfidf = new DocFrequency();
  const words = (doc: SegmentedDocument, s: number, e: number) => doc.tokens.filter((t) => t.start >= s && t.end <= e && t.word.length >= 2 && HAS_CJK.test(t.word)).map((t) => t.word);
  for (const d of docs) tfidf.addDocument(words(d.doc, 0, d.doc.text.length));
  const n = docs.length;
  const scale = Math.log(n / 2);
  return docs.map((d, i) => {
    const cp = compacts[i]!;
    const mask = new Uint8Array(cp.text.length);
    if (!d.target || scale <= 0) return mask;
    const doc = d.doc;
    let ti = 0;
    for (const s of doc.sentences) {
      const block = doc.blocks[s.blockIndex];
      if (!block || block.kind !== "paragraph") continue;
      if (hasFact(doc, s.start, s.end)) continue;
      const ws: string[] = [];
      while (ti < doc.tokens.length && doc.tokens[ti]!.start < s.start) ti++;
      for (let x = ti; x < doc.tokens.length && doc.tokens[x]!.start < s.end; x++) {
        const t = doc.tokens[x]!;
        if (t.word.length >= 2 && HAS_CJK.test(t.word)) ws.push(t.word);
      }
      if (ws.length < 3) continue;
      const mean = ws.reduce((sum, w) => sum + (tfidf.idf(w) - 1), 0) / ws.length;
      const specificity = Math.max(0, mean / scale);
      if (specificity < c.genericSpecificity) markSpan(mask, cp, s.start, s.end);
    }
    return mask;
  });
}

const NAMED_BODY = /[\u4e00-\u9fff]{2,12}?(局|厅|委员会|办公室|中心|法院|检察院|司法所|派出所|工作站|工作室|平台|热线|大队|支队|协会|学院|基地)/u;
const NAMED_MEASURE = /《[^》]{2,60}》/u;

/** True when [s, e) states a concrete fact: a number that is not a date, a 《named measure》 or a named body. */
export function hasFact(doc: SegmentedDocument, s: number, e: number): boolean {
  const idx = numberIndex(doc);
  const numbers = doc.numbers;
  // Numbers before the first whose running maximum end passes s all end at or before s.
  let lo = 0;
  let hi = numbers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (idx.maxEnd[mid]! <= s) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < numbers.length; i++) {
    const n = numbers[i]!;
    if (n.start >= e) break;
    if (n.end <= s) continue;
    if (!idx.inDate[i]) return true;
  }
  const text = doc.text.slice(s, e);
  return NAMED_MEASURE.test(text) || NAMED_BODY.test(text);
}

const numberIndexCache = new WeakMap<SegmentedDocument, { maxEnd: Int32Array; inDate: Uint8Array }>();

/** Per document: running maximum of number ends, and whether each number lies inside a date. */
function numberIndex(doc: SegmentedDocument): { maxEnd: Int32Array; inDate: Uint8Array } {
  let idx = numberIndexCache.get(doc);
  if (idx) return idx;
  const maxEnd = new Int32Array(doc.numbers.length);
  const inDate = new Uint8Array(doc.numbers.length);
  let m = -1;
  doc.numbers.forEach((n, i) => {
    m = Math.max(m, n.end);
    maxEnd[i] = m;
    inDate[i] = doc.dates.some((d) => d.start <= n.start && d.end >= n.end) ? 1 : 0;
  });
  numberIndexCache.set(doc, (idx = { maxEnd, inDate }));
  return idx;
}

export interface Masks {
  phrase: Uint8Array;
  corpus: Uint8Array;
  tfidf: Uint8Array;
  any: Uint8Array;
}

function boilerplateMetrics(doc: SegmentedDocument, cp: CompactText, m: Masks, commonUnits: number, tfidfUsed: boolean): Record<string, unknown> {
  let total = 0;
  const count = { phrase: 0, corpus: 0, tfidf: 0, any: 0 };
  const spans = topSections(doc);
  const sections = spans.map((s) => ({ heading: s.heading, chars: 0, boilerplateChars: 0 }));
  for (let x = 0; x < cp.text.length; x++) {
    if (cp.text.charCodeAt(x) === 0) continue;
    total++;
    count.phrase += m.phrase[x]!;
    count.corpus += m.corpus[x]!;
    count.tfidf += m.tfidf[x]!;
    count.any += m.any[x]!;
    const sec = sections[sectionAt(spans, cp.pos[x]!)];
    if (sec) {
      sec.chars++;
      sec.boilerplateChars += m.any[x]!;
    }
  }
  const r = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 10000 : 0);
  return {
    ratio: r(count.any, total),
    chars: count.any,
    totalChars: total,
    bySignal: { phrases: r(count.phrase, total), corpus: r(count.corpus, total), tfidf: tfidfUsed ? r(count.tfidf, total) : null },
    commonUnits,
    sections: sections.filter((s) => s.chars > 0).map((s) => ({ heading: s.heading, chars: s.chars, boilerplateChars: s.boilerplateChars, ratio: r(s.boilerplateChars, s.chars) })),
  };
}

/** Sections from each heading (any level) to the next heading; the part before the first heading is the opening and not judged. */
function sectionFindings(docIndex: number, doc: SegmentedDocument, cp: CompactText, any: Uint8Array, c: Options, cited: Uint8Array): CorpusRawFinding[] {
  const heads = doc.blocks.filter((b: Block) => b.kind === "heading");
  const out: CorpusRawFinding[] = [];
  heads.forEach((h, i) => {
    const end = heads[i + 1]?.start ?? doc.text.length;
    const a = lowerBound(cp.pos, h.end);
    const b = lowerBound(cp.pos, end);
    let chars = 0;
    let bp = 0;
    let quoted = 0;
    for (let x = a; x < b; x++) {
      if (cp.text.charCodeAt(x) === 0) continue;
      chars++;
      bp += any[x]!;
      quoted += cited[x]!;
    }
    if (chars < c.sectionMinChars || bp < c.sectionRatio * chars) return;
    // A glossary entry or a quoted text defines or cites: it is not the report's own template prose.
    if (quoted >= 0.5 * chars) return;
    if (c.requireNoFacts && hasFact(doc, h.end, end)) return;
    const heading = h.text.trim();
    const lead = h.text.length - h.text.trimStart().length;
    out.push({
      docIndex,
      span: [h.start + lead, h.start + lead + heading.length],
      messageId: "section",
      data: { heading: heading.length > 30 ? heading.slice(0, 30) + "…" : heading, percent: Math.round((bp / chars) * 100) },
      evidence: { ratio: Math.round((bp / chars) * 1000) / 1000, chars, boilerplateChars: bp, concreteFacts: false },
    });
  });
  return out;
}
