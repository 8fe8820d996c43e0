/**
 * @fileoverview Planting one defect per copy of a real document, for the recall benchmark
 * (bench/recall.md). Each class lists every plausible site in a document (`sites`), and `plantClass`
 * draws a deterministic sample (mulberry32 from bench/synthetic.ts): one site per document per round,
 * variants taking turns, so the sample spreads over documents and forms.
 *
 * A site is only taken where the unplanted document has no finding of the expected check type
 * overlapping it, so what the benchmark counts is caused by the plant.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { CheckType } from "../../pipeline/model/finding.js";
import type { Block } from "../../pipeline/model/document.js";
import { compactString } from "../../pipeline/fingerprint/compact.js";
import { loadPlaceIndex, ownPlace, parseUnitName, type Place, type PlaceIndex } from "../../pipeline/checks/entity-consistency/places.js";
import { rng as mulberry32 } from "../synthetic.js";
import { ROOT } from "../labelled-core.js";
import type { Planted, SourceDoc } from "./core.js";
import { ISSUE11_CLASSES } from "./plant-enum.js";
import { PHRASE_CLASSES } from "./plant-phrase.js";
import { tableTotal } from "./plant-tables.js";
import { TYPO_CLASSES } from "./plant-typo.js";

export interface Site {
  variant: string;
  text: string;
  span: [number, number];
  note: string;
  partner?: SourceDoc;
  /** Text replaced in the copy's index.tsv row too (a title the archive records as published). */
  rowEdit?: [string, string];
}

export interface DefectClass {
  id: string;
  title: string;
  expect: CheckType[];
  sites(doc: SourceDoc, ctx: Ctx): Site[];
}

export interface Ctx {
  docs: SourceDoc[];
  rand: () => number;
  places: PlaceIndex;
  allPlaces: Place[];
  /** Document frequency of compact 12-grams over all loaded documents (class 9). */
  df: Map<string, number>;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

export interface Line {
  block: Block;
  /** The block's original span. */
  start: number;
  end: number;
  /** The whole original line holding the block (markup included). */
  lineStart: number;
  lineEnd: number;
}

export function lines(doc: SourceDoc, kinds: Block["kind"][] = ["paragraph"]): Line[] {
  const out: Line[] = [];
  for (const b of doc.seg.blocks) {
    if (!kinds.includes(b.kind)) continue;
    const [start, end] = doc.seg.normalized.map.toOriginal(b.start, b.end);
    const lineStart = doc.original.lastIndexOf("\n", start - 1) + 1;
    const nl = doc.original.indexOf("\n", end);
    out.push({ block: b, start, end, lineStart, lineEnd: nl < 0 ? doc.original.length : nl });
  }
  return out;
}

export const clen = (s: string) => compactString(s).length;
/** Central formulae and slogans: not the specific content a drafter pastes twice or copies from another unit. */
const FORMULA = /习近平|总书记|党中央|精神|为指导|两个确立|两个维护|四个意识|四个自信/u;
/** Paragraph separator of the document's format. */
const sep = (doc: SourceDoc) => (doc.ext === ".md" ? "\n\n" : "\n");

export function clean(doc: SourceDoc, expect: CheckType[], start: number, end: number): boolean {
  return !doc.findings.some((f) => expect.includes(f.check) && f.start < end && start < f.end);
}

export function insert(text: string, at: number, ins: string, spanFrom: number, spanTo: number): { text: string; span: [number, number] } {
  return { text: text.slice(0, at) + ins + text.slice(at), span: [at + spanFrom, at + spanTo] };
}

export function replace(text: string, start: number, end: number, by: string): { text: string; span: [number, number] } {
  return { text: text.slice(0, start) + by + text.slice(end), span: [start, start + by.length] };
}

/** Index of the level-1 section each block is in (count of 一、-style headings before it). */
function sections(doc: SourceDoc): number[] {
  let s = 0;
  return doc.seg.blocks.map((b) => {
    if ((b.kind === "heading" && b.level === 1) || b.numbering?.style === "cn-dun") s++;
    return s;
  });
}

/** True when offset `at` of `t` is inside 《…》. */
export function insideTitle(t: string, at: number): boolean {
  return t.lastIndexOf("《", at) > t.lastIndexOf("》", at - 1);
}

/** Notes and glossary entries ([39]…, ﹝9﹞…, 注：…): not running text. */
const NOTE = /^\s*(?:\[\d+\]|［\d+］|﹝\s*\d+\s*﹞|〔\d+〕|[（(]?注[)）]?[:：]|注\d)/u;

/** A sentence that opens with a list marker (2.推动…衔接。) is a run-in heading, not running text. */
const MARKER_START = /^\s*(?:[（(]?[0-9一二三四五六七八九十]+[)）、.．]|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,])/u;

/** Paragraphs of the report body: after the title or first heading, at least 20 characters (no page chrome, no byline). */
export function body(doc: SourceDoc): Line[] {
  const first = doc.seg.blocks.find((b) => b.kind === "heading" || b.kind === "title");
  return lines(doc).filter((l) => (!first || l.block.index > first.index) && clen(doc.original.slice(l.start, l.end)) >= 20);
}

// ---------------------------------------------------------------------------------------------
// 1. A paragraph pasted twice

const dupParagraph: DefectClass = {
  id: "dup-paragraph",
  title: "paragraph pasted twice (adjacent / another section)",
  expect: ["duplicate-text"],
  sites(doc) {
    const out: Site[] = [];
    const paras = lines(doc);
    const sec = sections(doc);
    for (const p of paras) {
      const line = doc.original.slice(p.lineStart, p.lineEnd);
      const n = clen(line);
      if (n < 60 || n > 600 || FORMULA.test(line) || NOTE.test(doc.original.slice(p.start, p.end)) || !clean(doc, this.expect, p.start, p.end)) continue;
      const s = sep(doc);
      const adj = insert(doc.original, p.lineEnd, s + line, s.length, s.length + line.length);
      out.push({ variant: "adjacent", ...adj, note: `paragraph of ${n} chars pasted again right after itself` });
      // At a distance: after a paragraph of a later section (or ≥ 10 blocks later without sections).
      const later = body(doc).filter((q) => q.block.index > p.block.index && (sec[q.block.index]! > sec[p.block.index]! || (sec[p.block.index] === 0 && q.block.index - p.block.index >= 10)));
      if (later.length) {
        const q = later[(n * 7919) % later.length]!;
        const far = insert(doc.original, q.lineEnd, s + line, s.length, s.length + line.length);
        out.push({ variant: "distant", ...far, note: `paragraph of ${n} chars (block ${p.block.index}) pasted again after block ${q.block.index}, section ${sec[q.block.index]}` });
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// 2. A sentence repeated verbatim within its paragraph

const dupSentence: DefectClass = {
  id: "dup-sentence",
  title: "sentence repeated within its paragraph",
  expect: ["duplicate-text"],
  sites(doc) {
    const out: Site[] = [];
    const kinds = new Map(doc.seg.blocks.map((b) => [b.index, b.kind]));
    const notes = new Set(lines(doc).filter((l) => NOTE.test(doc.original.slice(l.start, l.end))).map((l) => l.block.index));
    const sents = doc.seg.sentences.filter((s) => kinds.get(s.blockIndex) === "paragraph" && !notes.has(s.blockIndex));
    for (let i = 0; i < sents.length; i++) {
      const s = sents[i]!;
      const [a, b] = doc.seg.normalized.map.toOriginal(s.start, s.end);
      const t = doc.original.slice(a, b);
      const n = clen(t);
      if (n < 15 || n > 150 || !/[。！？]$/u.test(t) || MARKER_START.test(t) || /[*\n#|]/.test(t) || FORMULA.test(t) || !clean(doc, this.expect, a, b)) continue;
      const next = sents[i + 1]?.blockIndex === s.blockIndex ? sents[i + 1] : undefined;
      const prev = sents[i - 1]?.blockIndex === s.blockIndex ? sents[i - 1] : undefined;
      if (!next && !prev) continue; // a one-sentence paragraph: that is class 1
      out.push({ variant: "immediate", ...insert(doc.original, b, t, 0, t.length), note: `sentence of ${n} chars written twice in a row` });
      if (next) {
        const [, nb] = doc.seg.normalized.map.toOriginal(next.start, next.end);
        const nt = doc.original.slice(b, nb);
        if (!/[*\n#|]/.test(nt) && /[。！？]$/u.test(nt)) out.push({ variant: "after-next", ...insert(doc.original, nb, t, 0, t.length), note: `sentence of ${n} chars repeated after the next sentence` });
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// 3. Arithmetic: a parts list that no longer adds up; a rate that contradicts its operands

const UNITS = "件|宗|起|个|项|人|名|家|所|次|户|座|条|部|篇|场|批|期|套|台|辆|处|类|种|份|位|支|亩|公里|千米|米|平方米|吨|元";
const SAME: string[][] = [["件", "宗", "起"], ["人", "名", "位"], ["个", "项"]];
const sameUnit = (a: string, b: string) => a === b || SAME.some((g) => g.includes(a) && g.includes(b));
/** An exact count: integer, not part of a larger number, a date, an ordinal or 万/亿 figure. */
const COUNT = new RegExp(`(?<![\\d.第])(\\d+) ?(${UNITS})`, "gu");

/** Clause groups of a line (between 。；!?), original offsets. */
function groups(text: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let s = from;
  for (let i = from; i <= to; i++) {
    if (i === to || "。；;！？!?".includes(text[i]!)) {
      if (i > s) out.push([s, i]);
      s = i + 1;
    }
  }
  return out;
}

function partsSites(doc: SourceDoc, g: [number, number], expect: CheckType[]): Site[] {
  const t = doc.original.slice(g[0], g[1]);
  const counts = [...t.matchAll(COUNT)].map((m) => ({ at: m.index, end: m.index + m[0].length, v: Number(m[1]), unit: m[2]!, digits: m[1]! }));
  const out: Site[] = [];
  for (let i = 0; i < counts.length; i++) {
    const total = counts[i]!;
    const after = t.slice(total.end, total.end + 4);
    const form = /^[，,]?其中/u.test(after) ? "qizhong" : /^[（(]/u.test(after) ? "bracket" : null;
    if (!form || total.v < 10 || /[万亿]$/u.test(t.slice(0, total.at))) continue;
    const close = form === "bracket" ? t.indexOf(/^（/u.test(after) ? "）" : ")", total.end) : t.length;
    const parts = counts.slice(i + 1).filter((c) => c.end <= (close < 0 ? t.length : close) && sameUnit(c.unit, total.unit));
    // The parts are the first run that adds up to the total exactly (a real, agreeing list).
    let sum = 0;
    let k = 0;
    while (k < parts.length && sum < total.v) sum += parts[k++]!.v;
    if (sum !== total.v || k < 2 || /%|％|万|亿/.test(t.slice(total.end, parts[k - 1]!.end))) continue;
    const list = parts.slice(0, k);
    const j = Math.floor(doc.seg.blocks.length + total.v) % k;
    const part = list[j]!;
    // A clear slip: the sum now exceeds the total by 8–20 % (at least 2), never a rounding matter.
    const delta = Math.max(2, Math.round(total.v * (0.08 + ((total.v * 31 + part.v) % 13) / 100)));
    const by = String(part.v + delta);
    const a = g[0] + part.at;
    const r = replace(doc.original, a, a + part.digits.length, by);
    const spanStart = g[0] + total.at;
    const spanEnd = g[0] + list[k - 1]!.end + (by.length - part.digits.length);
    if (!clean(doc, expect, spanStart, g[0] + list[k - 1]!.end)) continue;
    const shown = list.map((p, x) => (x === j ? by : String(p.v))).join("+");
    out.push({ variant: `parts-${form}`, text: r.text, span: [spanStart, spanEnd], note: `${total.v}${total.unit}: parts ${shown} = ${total.v + delta} (was ${part.v})` });
  }
  return out;
}

/** A rate (…率为X%) or a share (占…X%, 占比X%) written as a percentage. */
const RATE = /(?:率|占比|占[^，,。；;%％\d]{0,10}?(?:的|比重|比例)?)(?:为|达|达到|是|约为)?(\d{1,3}(?:\.\d{1,2})?)[%％]/gu;

function rateSites(doc: SourceDoc, g: [number, number], expect: CheckType[]): Site[] {
  const t = doc.original.slice(g[0], g[1]);
  const out: Site[] = [];
  for (const m of t.matchAll(RATE)) {
    const raw = m[1]!;
    const x = Number(raw);
    const dec = raw.includes(".") ? raw.split(".")[1]!.length : 0;
    const counts = [...t.slice(0, m.index).matchAll(COUNT)].map((c) => ({ at: c.index, v: Number(c[1]), unit: c[2]! }));
    const agree: [number, number][] = [];
    for (let a = 0; a < counts.length; a++)
      for (let b = 0; b < counts.length; b++) {
        const n = counts[a]!;
        const d = counts[b]!;
        if (a === b || !sameUnit(n.unit, d.unit) || n.v > d.v || d.v < 10) continue;
        const q = (n.v / d.v) * 100;
        const unit = 10 ** -dec;
        if (Math.abs(q - x) <= unit / 2 + 1e-9 || (q >= x && q - x < unit)) agree.push([a, b]);
      }
    if (agree.length !== 1) continue; // only a rate whose operands the text makes unambiguous
    const [a, b] = agree[0]!;
    const first = Math.min(counts[a]!.at, counts[b]!.at);
    const rs = g[0] + m.index + m[0].length - raw.length - 1;
    if (!clean(doc, expect, g[0] + first, g[0] + m.index + m[0].length)) continue;
    const delta = 3 + ((counts[a]!.v + counts[b]!.v) % 6);
    const nx = x - delta > 0 ? x - delta : x + delta;
    if (nx > 100) continue;
    const by = nx.toFixed(dec);
    const r = replace(doc.original, rs, rs + raw.length, by);
    const kind = m[0].startsWith("率") ? "rate" : "share";
    out.push({ variant: kind, text: r.text, span: [g[0] + first, rs + by.length + 1], note: `${kind} ${raw}% → ${by}% beside ${counts[a]!.v}/${counts[b]!.v}` });
  }
  return out;
}

const arithmetic: DefectClass = {
  id: "arithmetic",
  title: "parts exceed their stated total; a rate contradicts its numerator/denominator",
  expect: ["arithmetic"],
  sites(doc) {
    const out: Site[] = [];
    for (const p of lines(doc)) {
      if (doc.original.slice(p.start, p.end).includes("|")) continue; // tables: not running text
      for (const g of groups(doc.original, p.start, p.end)) out.push(...partsSites(doc, g, this.expect), ...rateSites(doc, g, this.expect));
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// 4. Title year disagreeing with the body

const titleYear: DefectClass = {
  id: "title-year",
  title: "title year changed (disagrees with the body)",
  expect: ["year-consistency"],
  sites(doc) {
    // 法治政府 reports (seeds) and provincial 政府工作报告 (gwr2026), as the brief asks.
    if (doc.set !== "seeds" && doc.set !== "gwr2026") return [];
    const out: Site[] = [];
    const candidates = lines(doc, ["title", "meta"]).filter((l) => l.block.kind === "title" || /^(名\s*称|标\s*题)$/u.test(l.block.meta?.key ?? ""));
    for (const l of candidates.slice(0, 1)) {
      const t = doc.original.slice(l.start, l.end);
      const m = /(?<!\d)(20\d\d)(?=年)/u.exec(t);
      if (!m) continue;
      const a = l.start + m.index;
      if (!clean(doc, this.expect, a, a + 4)) continue;
      const y = Number(m[1]);
      for (const [variant, ny] of [["next", y + 1], ["previous", y - 1]] as const) {
        const r = replace(doc.original, a, a + 4, String(ny));
        const newTitle = t.slice(0, m.index) + ny + t.slice(m.index + 4);
        out.push({ variant, ...r, note: `title year ${y} → ${ny}`, rowEdit: [t.trim(), newTitle.trim()] });
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// 5. An outdated term in a document dated after it went out of use

interface Swap {
  current: string;
  outdated: string;
  since: string;
  exclude?: RegExp;
  /** Required right after the current term. */
  followedBy?: RegExp;
  source: string;
}

let swapsCache: Swap[] | null = null;
/** Pairs current → outdated from rules/kb (terms, renamings, laws with a literal successor, five-year plans). */
export function outdatedSwaps(): Swap[] {
  if (swapsCache) return swapsCache;
  const kb = (f: string) => parse(readFileSync(join(ROOT, "rules", "kb", f), "utf8")) as Record<string, Record<string, unknown>[]>;
  const out: Swap[] = [];
  const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));
  const literal = /^[\u3400-\u9fff、《》]+$/u;
  for (const [file, key] of [["terms.yaml", "terms"], ["renamings.yaml", "renamings"], ["laws.yaml", "laws"]] as const) {
    for (const e of kb(file)[key] ?? []) {
      const cur = String(e.superseded_by ?? "");
      const old = String(e.term ?? "");
      if (!e.valid_to || !literal.test(cur) || !literal.test(old)) continue;
      const oldText = key === "laws" ? (cur.startsWith("《") ? `《${old}》` : old) : old;
      if (key === "laws" && !/^《[^》]+》$/u.test(cur)) continue;
      if (key === "laws" && cur.includes("民法典")) continue; // 民法典 replaced several laws: no one-for-one swap
      const ex = typeof e.exclude === "string" ? new RegExp(e.exclude, "u") : undefined;
      out.push({ current: cur, outdated: oldText, since: day(e.valid_to), ...(ex ? { exclude: ex } : {}), source: `${file}: ${old}` });
    }
  }
  // A five-year plan named as the current one after its period ended (十四五 → 十三五 in a 2024 report).
  const plans = (kb("plans.yaml").five_year_plans ?? []) as unknown as { name: string; period: [number, number] }[];
  for (let i = 1; i < plans.length; i++) {
    // Only as the plan in force: “十四五”规划 (its goals, tasks, projects), not 十四五时期 in a review.
    out.push({ current: plans[i]!.name, outdated: plans[i - 1]!.name, since: `${plans[i - 1]!.period[1] + 1}-01-01`, exclude: /收官|开局|回顾|总结|验收|期间|时期|以来|完成|成就/u, followedBy: /^[”"’]?规划/u, source: `plans.yaml: ${plans[i - 1]!.name}` });
  }
  return (swapsCache = out);
}

const outdated: DefectClass = {
  id: "outdated-term",
  title: "outdated term in a document dated after it went out of use",
  expect: ["outdated-term", "term"],
  sites(doc) {
    const date = doc.profile?.date ?? doc.profile?.postedDate ?? null;
    if (!date) return [];
    const out: Site[] = [];
    const sents = doc.seg.sentences;
    const kinds = new Map(doc.seg.blocks.map((b) => [b.index, b.kind]));
    // A multi-year review (2020年和“十三五”工作回顾, 过去五年) may name what was current early in its period:
    // in such a report only the sections after the review (section ≥ 2) are planted.
    const sec = sections(doc);
    const multiYear = doc.seg.blocks.some((b) => (b.kind === "heading" || b.numbering?.style === "cn-dun") && /五年|十[一二三四五]五/u.test(b.text) && /回顾|成就|工作/u.test(b.text));
    for (const w of outdatedSwaps()) {
      // The document must be dated at least three months after the term went out of use.
      // and report on years that began after it (a 2020 report may still name what was current in 2020).
      const after = new Date(w.since);
      after.setUTCMonth(after.getUTCMonth() + 3);
      if (date < after.toISOString().slice(0, 10)) continue;
      // The whole period reviewed must be after it: a five-year review (2016–2020) may name 工商局 for an honour of 2017.
      const from = doc.profile?.reviewPeriod?.[0] ?? doc.profile?.reportYear;
      if (from ? `${from}-01-01` < w.since : date < `${Number(w.since.slice(0, 4)) + 1}${w.since.slice(4)}`) continue;
      for (const s of sents) {
        if (kinds.get(s.blockIndex) !== "paragraph" || (multiYear && sec[s.blockIndex]! < 2)) continue;
        const [a, b] = doc.seg.normalized.map.toOriginal(s.start, s.end);
        const t = doc.original.slice(a, b);
        if (/五年来|过去五年/u.test(t)) continue;
        let at = t.indexOf(w.current);
        if (at < 0 || t.includes(w.outdated) || w.exclude?.test(t)) continue;
        if (w.followedBy && !w.followedBy.test(t.slice(at + w.current.length))) continue;
        // The word must stand as itself (司法局 in 市司法局, not in 司法局长…: keep it simple, take the first one).
        // Not inside a document title (《XX市司法局…规定》 names a document, which keeps its name).
        if (insideTitle(t, at)) continue;
        at += a;
        if (!clean(doc, this.expect, at, at + w.current.length)) continue;
        const r = replace(doc.original, at, at + w.current.length, w.outdated);
        out.push({ variant: w.outdated, ...r, note: `${w.current} → ${w.outdated} (out of use since ${w.since}; document dated ${date})` });
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// 6. A placeholder left in

export function unitPlace(doc: SourceDoc, ctx: Ctx): Place | undefined {
  const unit = doc.profile?.unit;
  return unit ? ownPlace(parseUnitName(unit, ctx.places)) : undefined;
}

const placeholder: DefectClass = {
  id: "placeholder",
  title: "placeholder left in (XX镇, X月X日, 20XX年, ××县)",
  expect: ["placeholder"],
  sites(doc, ctx) {
    const out: Site[] = [];
    const own = unitPlace(doc, ctx);
    for (const p of lines(doc)) {
      const t = doc.original.slice(p.start, p.end);
      if (!clean(doc, this.expect, p.start, p.end)) continue;
      if (own && own.stem.length >= 2) {
        const i = t.indexOf(own.name);
        if (i >= 0) {
          const a = p.start + i;
          const xx = own.stem.length === 2 ? "XX" : "XXX";
          out.push({ variant: "XX+suffix", ...replace(doc.original, a, a + own.stem.length, xx), note: `${own.name} → ${xx}${own.suffix}` });
          out.push({ variant: "××+suffix", ...replace(doc.original, a, a + own.stem.length, "××"), note: `${own.name} → ××${own.suffix}` });
        }
      }
      const d = /(?<!\d)\d{1,2}月\d{1,2}日/u.exec(t);
      if (d) {
        const a = p.start + d.index;
        out.push({ variant: "X月X日", ...replace(doc.original, a, a + d[0].length, "X月X日"), note: `${d[0]} → X月X日` });
      }
      const y = /(?<!\d)20\d\d(?=年)/u.exec(t);
      if (y) {
        const a = p.start + y.index;
        out.push({ variant: "20XX年", ...replace(doc.original, a, a + 4, "20XX"), note: `${y[0]}年 → 20XX年` });
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// 7. A neighbour's name left in

const neighbour: DefectClass = {
  id: "neighbour-place",
  title: "the unit's own place replaced by a sibling place (copied report)",
  expect: ["entity-consistency"],
  sites(doc, ctx) {
    const own = unitPlace(doc, ctx);
    const level = own?.level;
    if (!own || !level || level < 2 || /[X×x]/.test(own.stem)) return []; // an anonymised unit (XX市) names no place
    // Siblings from the project's place knowledge: same level, same parent (else the document's province).
    const province = doc.profile?.province ? ctx.allPlaces.find((p) => p.level === 1 && PROVINCE_IDS.get(p.name) === doc.profile!.province) : undefined;
    const parent = own.known ? own.parent : level === 2 ? province?.name : undefined;
    if (!parent) return [];
    const siblings = ctx.allPlaces.filter((p) => p.level === level && p.parent === parent && p.name !== own.name && p.stem !== own.stem);
    if (!siblings.length) return [];
    const self = level === 2 ? "我市" : level === 3 ? (own.suffix === "县" ? "我县" : "我区") : own.suffix === "镇" ? "我镇" : own.suffix === "乡" ? "我乡" : "我街道";
    const out: Site[] = [];
    let k = 0;
    for (const p of lines(doc)) {
      const t = doc.original.slice(p.start, p.end);
      // Running text only: not the delivery line (——…在X市第十四届人民代表大会…上) under the title.
      if (/^——|人民代表大会/u.test(t)) continue;
      for (const [variant, word] of [["own-name", own.name], ["self-reference", self]] as const) {
        const i = t.indexOf(word);
        if (i < 0) continue;
        // Not inside a 《title》, not joined to another name (惠州市和…, …、惠州市): the sentence must read as the unit itself;
        // nor where it names the venue of an event (会议在X召开, 向在X创业的投资者): a place where something happened reads as plausible.
        if (insideTitle(t, i) || /[和与及、同在赴到于]$/u.test(t.slice(0, i)) || /^[、和与及]/u.test(t.slice(i + word.length))) continue;
        const a = p.start + i;
        // Only in a paragraph that names no other place of that level (no list, no relation to a neighbour).
        if (ctx.places.findKnown(t).some((f) => f.place.level === level && f.place.name !== own.name)) continue;
        if (!clean(doc, this.expect, p.start, p.end)) continue;
        const sib = siblings[(k++ * 7 + t.length) % siblings.length]!;
        out.push({ variant, ...replace(doc.original, a, a + word.length, sib.name), note: `${word} → ${sib.name} (sibling under ${parent})` });
      }
    }
    return out;
  },
};

/** Province name → rule-set id, from rules/regions.yaml. */
const PROVINCE_IDS: Map<string, string> = (() => {
  const y = parse(readFileSync(join(ROOT, "rules", "regions.yaml"), "utf8")) as { provinces: Record<string, { name: string }> };
  return new Map(Object.entries(y.provinces).map(([id, p]) => [p.name, id]));
})();

// ---------------------------------------------------------------------------------------------
// 8. A numbering gap

const numbering: DefectClass = {
  id: "numbering-gap",
  title: "numbering gap (一、二、四、): a marker or a whole item deleted",
  expect: ["numbering"],
  sites(doc) {
    const out: Site[] = [];
    const numbered = lines(doc, ["heading", "paragraph"]).filter((l) => l.block.numbering && ["cn-dun", "cn-paren", "arabic-dot", "arabic-paren"].includes(l.block.numbering.style));
    for (let i = 0; i < numbered.length; i++) {
      const p = numbered[i]!;
      const n = p.block.numbering!;
      if (n.value < 2) continue;
      // Predecessor v−1 and successor v+1 of the same style, with no marker of that style between.
      const same = numbered.filter((x) => x.block.numbering!.style === n.style);
      const j = same.indexOf(p);
      const prev = same[j - 1];
      const next = same[j + 1];
      if (!prev || !next || prev.block.numbering!.value !== n.value - 1 || next.block.numbering!.value !== n.value + 1) continue;
      const [ms, me] = doc.seg.normalized.map.toOriginal(n.start, n.end);
      const [ns, ne] = doc.seg.normalized.map.toOriginal(next.block.numbering!.start, next.block.numbering!.end);
      if (!clean(doc, this.expect, ms, ne)) continue;
      // The marker deleted (its title stays, unnumbered).
      const r1 = replace(doc.original, ms, me, "");
      out.push({ variant: `${n.style} marker`, text: r1.text, span: [ns - (me - ms), ne - (me - ms)], note: `marker ${n.raw} deleted: ${prev.block.numbering!.raw} … ${next.block.numbering!.raw}` });
      // The whole item deleted (heading and its text up to the next marker), numbers left as they were.
      const cut = next.lineStart - p.lineStart;
      const r2 = replace(doc.original, p.lineStart, next.lineStart, "");
      out.push({ variant: `${n.style} item`, text: r2.text, span: [ns - cut, ne - cut], note: `item ${n.raw} deleted with its text (${cut} chars): ${prev.block.numbering!.raw} → ${next.block.numbering!.raw}` });
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// 9. A paragraph copied from another unit's report

const K = 12;
/** A figure with its unit or a percentage, or a 《titled》 measure: what makes a paragraph a unit's own facts. */
const FACT = new RegExp(`\\d+(?:\\.\\d+)?\\s?(?:[%％]|万|亿|${UNITS})|《[^》]+》`, "u");
export function grams(s: string): Set<string> {
  const c = compactString(s);
  const out = new Set<string>();
  for (let i = 0; i + K <= c.length; i++) out.add(c.slice(i, i + K));
  return out;
}

const crossCopy: DefectClass = {
  id: "cross-copy",
  title: "paragraph copied from another unit's report (batch of two)",
  expect: ["cross-document-copy"],
  sites(doc, ctx) {
    // Reports of the same kind: 法治政府 reports (seeds) or provincial work reports (gwr2026).
    if (doc.set !== "seeds" && doc.set !== "gwr2026") return [];
    const unit = (d: SourceDoc) => d.profile?.unit ?? d.name;
    const others = ctx.docs.filter((d) => d.set === doc.set && d !== doc && unit(d) !== unit(doc));
    const targets = body(doc).filter((l, i, all) => i >= 1 && i < all.length - 2);
    if (!others.length || !targets.length) return [];
    const out: Site[] = [];
    for (const src of others) {
      for (const p of lines(src)) {
        const line = src.original.slice(p.start, p.end);
        const n = clen(line);
        if (n < 80 || n > 400 || FORMULA.test(line) || /[*|#]/.test(line)) continue;
        // Specific content: nearly all its 12-grams occur in this one document only.
        const g = [...grams(line)];
        if (g.filter((x) => (ctx.df.get(x) ?? 0) <= 1).length < 0.9 * g.length) continue;
        const q = targets[(n * 31 + p.block.index) % targets.length]!;
        const s = sep(doc);
        const r = insert(doc.original, q.lineEnd, s + line, s.length, s.length + line.length);
        // A paragraph stating facts (a figure, a 《measure》, a place) or only wording: both copied verbatim.
        const kind = FACT.test(line) || ctx.places.findKnown(line).length ? "fact" : "wording";
        out.push({ variant: `${doc.set} ${kind}`, ...r, partner: src, note: `paragraph of ${n} chars (${kind}) from ${src.name} (${unit(src)}) inserted after block ${q.block.index}` });
      }
    }
    return out;
  },
};

export const CLASSES: DefectClass[] = [dupParagraph, dupSentence, arithmetic, titleYear, outdated, placeholder, neighbour, numbering, crossCopy, ...ISSUE11_CLASSES, ...PHRASE_CLASSES, tableTotal, ...TYPO_CLASSES];

// ---------------------------------------------------------------------------------------------
// Sampling

export function makeCtx(docs: SourceDoc[], seed: number): Ctx {
  const files = [join(ROOT, "rules", "regions.yaml"), join(ROOT, "rules", "kb", "places-local.yaml")];
  const places = loadPlaceIndex(files);
  const seen = new Map<string, Place>();
  for (const f of files) for (const k of places.findKnown(readFileSync(f, "utf8"))) seen.set(k.place.name, k.place);
  const df = new Map<string, number>();
  for (const d of docs) for (const g of grams(lines(d).map((l) => d.original.slice(l.start, l.end)).join("\n"))) df.set(g, (df.get(g) ?? 0) + 1);
  return { docs, rand: mulberry32(seed), places, allPlaces: [...seen.values()], df };
}

/**
 * Up to `n` planted copies of one class, stratified by variant: each pick takes the variant used least so
 * far (of those some document still offers), from the document used least so far (ties in seeded order),
 * so a class's forms and the documents are spread as evenly as the corpus allows.
 */
export function plantClass(cls: DefectClass, docs: SourceDoc[], ctx: Ctx, n: number, seed: number): Planted[] {
  const rand = mulberry32(seed);
  const shuffle = <T>(xs: T[]): T[] => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const pools = shuffle(docs)
    .map((d) => ({ doc: d, sites: shuffle(cls.sites(d, { ...ctx, rand })), uses: 0 }))
    .filter((p) => p.sites.length);
  const used = new Map<string, number>();
  const out: Planted[] = [];
  while (out.length < n) {
    const offered = [...new Set(pools.flatMap((p) => p.sites.map((s) => s.variant)))].sort();
    if (!offered.length) break;
    const variant = offered.reduce((best, v) => ((used.get(v) ?? 0) < (used.get(best) ?? 0) ? v : best));
    const pool = pools.filter((p) => p.sites.some((s) => s.variant === variant)).reduce((best, p) => (p.uses < best.uses ? p : best));
    const s = pool.sites.splice(pool.sites.findIndex((x) => x.variant === variant), 1)[0]!;
    pool.uses++;
    used.set(variant, (used.get(variant) ?? 0) + 1);
    out.push({
      id: `${cls.id}-${String(out.length + 1).padStart(3, "0")}`,
      cls: cls.id,
      variant: s.variant,
      source: pool.doc,
      text: s.text,
      span: s.span,
      expect: cls.expect,
      note: s.note,
      ...(s.partner ? { partner: s.partner } : {}),
      ...(s.rowEdit ? { rowEdit: s.rowEdit } : {}),
    });
  }
  return out;
}
