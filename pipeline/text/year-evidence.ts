/**
 * @fileoverview Works out which year a report is about from everything in it that says so: the title
 * (`关于2021年度…的报告`), metadata lines (发布时间, 成文日期, 名称), the signature date, opening
 * statements (`2019年，我市…`, `现将2019年度…情况报告如下`), section headings (`一、2021年度主要工作`)
 * and the plan section (`三、2022年工作计划` → report year 2021). Each piece of evidence keeps its span
 * so a check can show the reviewer exactly what led to a verdict.
 *
 * Used by the year-consistency check (which compares the pieces) and by outdated-term (which needs the
 * report year and the publication date to judge formulations against).
 *
 * NOTE: spans are absolute offsets in the normalized text. Chrome blocks and noise never count
 * (a page header `今天是:2019年10月31日` is not evidence).
 */
import type { Block, SegmentedDocument } from "../model/document.js";
import { findYearMentions, type YearMention } from "./year-mentions.js";

export type EvidenceSource =
  /** The report title (title block, a title-like first line, or a 名称/标题 metadata line). */
  | "title"
  /** `现将2019年度…情况报告如下`. */
  | "statement"
  /** A body paragraph that opens with the year: `2019年，我市…`. */
  | "opening"
  /** A work-section heading with a year: `一、2021年度主要工作`. */
  | "heading"
  /** A plan-section heading or plan paragraph: `2022年工作计划`, `2022年，我们将…` (report year = year − 1). */
  | "plan"
  /** The date under the signature. */
  | "signature"
  /** 发布时间 / 成文日期 metadata. */
  | "published";

export interface YearEvidence {
  source: EvidenceSource;
  /** The year as written. */
  year: number;
  /** The report year this piece of evidence implies (plan year − 1, signature in Q1 → year − 1 …). */
  impliedYear: number;
  /** How much the evidence weighs in the verdict. */
  weight: number;
  start: number;
  end: number;
  text: string;
  /** Full date for signature/published evidence (YYYY-MM-DD). */
  date?: string;
  /** Title year of a genre whose title names the year of delivery (政府工作报告). */
  delivery?: boolean;
}

export interface YearEvidenceOptions {
  /** Title patterns whose year is the year of delivery, not the year reported on (example: 政府工作报告). */
  deliveryTitlePatterns: RegExp[];
}

export interface ReportYearVerdict {
  evidence: YearEvidence[];
  /** Report year from the body alone (everything but the title), or null when there is no evidence. */
  bodyYear: number | null;
  /** Total weight for bodyYear and for all body evidence. */
  bodyScore: number;
  bodyTotal: number;
  /** Report year from all evidence including the title. */
  reportYear: number | null;
  /** Publication (or, failing that, signature) date, YYYY-MM-DD. */
  publicationDate: string | null;
  /** Blocks in the plan section (by block index). */
  planBlocks: Set<number>;
  /** Paragraphs under a level-1 heading that reviews the work of the year (by block index). */
  reviewBlocks: Set<number>;
}

export const DEFAULT_DELIVERY_TITLES = [/政府工作报告/u];

/** Long-range goals and multi-year plans are not the plan year (`二、2035年远景目标及“十四五”时期主要目标任务`). */
const LONG_RANGE_RE = /远景|远期|愿景|中长期|长远|规划|纲要|十[一二三四五六七八九]五|五年|(?:19|20)\d{2}\s*年(?:前|以前)|到(?:(?:19|20)\d{2}|[一二][〇零○一二三四五六七八九]{3})\s*年/u;
const PLAN_HEADING_RE = /计划|打算|安排|思路|下一步|展望|工作要点|努力方向|重点工作|目标任务|主要任务|工作重点|总体要求/u;
/** The 执行情况/完成情况 of a year's plan reviews that year (`一、2022年…计划执行情况`); only its 草案/安排/目标 plans. */
const PLAN_REVIEWED_RE = /(?:执行|完成|落实|实施|运行)(?:情况|结果)|(?:计划|规划|预算)(?:的)?(?:执行|完成|落实|实施)(?![^，。；、]{0,6}(?:草案|安排|打算|目标))/u;
const PLAN_PROPOSED_RE = /草案|安排|打算|思路|目标|展望|下一步/u;

/** Whether a heading plans the year `m` names: the clause from the year to the next year decides. */
function headingPlans(text: string, m: YearMention, mentions: readonly YearMention[]): boolean {
  if (!PLAN_HEADING_RE.test(text)) return false;
  const next = mentions.find((x) => x.start >= m.end);
  const clause = text.slice(m.start, next ? next.start : text.length);
  return !(PLAN_REVIEWED_RE.test(clause) && !PLAN_PROPOSED_RE.test(clause));
}
const REVIEW_HEADING_RE = /回顾|情况|成效|成绩|主要工作|工作开展|主要举措|做法/u;
const WORK_HEADING_RE = /情况|工作|举措|成效|成绩|回顾|开展|主要|推进|建设/u;
const STATEMENT_RE = /现将[^。]{0,40}?((?:19|20)\d{2})\s*年度?[^。]{0,40}?(?:报告|汇报|总结|公告)如下/u;
const PLAN_PARA_RE = /^[\s\u3000]*(?:下一步|今后|(?:19|20)\d{2}\s*年[，,]?\s*(?:我们|我[市区县镇乡局委办街省]|全[市区县省镇]|[市区县]政府)?\s*将)/u;
const META_DATE_KEYS = /发布时间|发布日期|成文日期|印发日期|公开日期|生成日期|日期|^时\s*间$/u;
const INLINE_DATE_KEY = /(?:发布时间|发布日期|成文日期|印发日期)\s*[:：]\s*$/u;
const META_TITLE_KEYS = /^(?:名\s*称|标\s*题|题\s*名)$/u;

/**
 * Collects every piece of year evidence in a segmented document and forms a verdict.
 * @param options genre knowledge (titles that carry the delivery year)
 */
export function collectYearEvidence(doc: SegmentedDocument, options: YearEvidenceOptions = { deliveryTitlePatterns: DEFAULT_DELIVERY_TITLES }): ReportYearVerdict {
  // The run and the year-consistency and outdated-term rules (8 callers per document with national.yaml)
  // ask for the same verdict: memoized per document and delivery patterns; callers only read it.
  const key = options.deliveryTitlePatterns.map((re) => `${re.flags}/${re.source}`).join("\n");
  let byKey = verdictCache.get(doc);
  if (!byKey) verdictCache.set(doc, (byKey = new Map()));
  let verdict = byKey.get(key);
  if (!verdict) byKey.set(key, (verdict = computeYearEvidence(doc, options)));
  return verdict;
}

const verdictCache = new WeakMap<SegmentedDocument, Map<string, ReportYearVerdict>>();

function computeYearEvidence(doc: SegmentedDocument, options: YearEvidenceOptions): ReportYearVerdict {
  const evidence: YearEvidence[] = [];
  const blocks = doc.blocks.filter((b) => b.kind !== "chrome");
  const planBlocks = new Set<number>();
  const reviewBlocks = new Set<number>();
  let inReview = false;
  const firstContent = blocks.findIndex((b) => b.kind === "heading" || (b.kind === "paragraph" && !isTitleLike(b.text)));
  let inPlan = false;
  let publishedFound = false;
  let reviewedYear: number | null = null;

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const mentions = findYearMentions(b.text).filter((m) => !m.inTitle);
    const at = (m: YearMention) => ({ start: b.start + m.start, end: b.start + m.end, text: m.text });

    if (b.kind === "meta" && b.meta) {
      if (META_TITLE_KEYS.test(b.meta.key.replace(/\s/g, "")) || META_TITLE_KEYS.test(b.meta.key)) {
        const m = titleYear(b.text);
        if (m) evidence.push(titleEvidence(b, m, options));
      } else {
        // `发布时间:2021-12-13` may share a line with another key (`来源:… 发布时间:…`).
        const d = mentions.find((m) => m.kind === "date" && (META_DATE_KEYS.test(b.meta!.key.trim()) || INLINE_DATE_KEY.test(b.text.slice(0, m.start))));
        if (d && !publishedFound) {
          evidence.push(dateEvidence("published", d, at(d)));
          publishedFound = true;
        }
      }
      continue;
    }
    if (b.kind === "title" || (b.kind !== "signature" && (firstContent < 0 || i < firstContent) && isTitleLike(b.text))) {
      const m = titleYear(b.text);
      if (m) evidence.push(titleEvidence(b, m, options));
      continue;
    }
    if (b.kind === "signature") {
      const d = [...mentions].reverse().find((m) => m.kind === "date");
      if (d) evidence.push(dateEvidence("signature", d, at(d)));
      continue;
    }
    if (b.kind === "heading") {
      const level = b.level ?? 1;
      const m = mentions.find((x) => x.kind === "year" || x.kind === "fiscal");
      if (level <= 1) {
        // `一、克难奋进，…各项目标任务圆满完成` reports goals met: a review, not a plan.
        inPlan = PLAN_HEADING_RE.test(b.text) && !/成效|成绩|回顾|情况$|完成|取得|实现了/u.test(b.text);
        // A later year than the work reviewed so far, or the year a report is delivered in, opens the plan
        // (`三、2026年主要工作` after a review of 2025 in a 2026年政府工作报告).
        if (m && !/回顾|成效|成绩|情况/u.test(b.text)) {
          const delivered = evidence.find((e) => e.source === "title" && e.delivery);
          if ((delivered && m.year >= delivered.year) || (reviewedYear !== null && m.year > reviewedYear)) inPlan = true;
        }
      }
      if (inPlan) planBlocks.add(b.index);
      if (level <= 1) inReview = !inPlan && REVIEW_HEADING_RE.test(b.text);
      if (m && !/以来|以前|之前|截至|相比|同比/u.test(b.text)) {
        const plan = (inPlan && !PLAN_REVIEWED_RE.test(b.text.slice(m.start))) || headingPlans(b.text, m, mentions);
        if (plan) {
          if (!LONG_RANGE_RE.test(b.text)) evidence.push({ source: "plan", year: m.year, impliedYear: m.year - 1, weight: 2, ...at(m) });
        }
        else if (WORK_HEADING_RE.test(b.text)) {
          evidence.push({ source: "heading", year: m.year, impliedYear: m.year, weight: 2, ...at(m) });
          reviewedYear = Math.max(reviewedYear ?? m.year, m.year);
        }
      }
      continue;
    }
    if (b.kind !== "paragraph") continue;
    if (inPlan) planBlocks.add(b.index);
    else if (inReview) reviewBlocks.add(b.index);
    const st = STATEMENT_RE.exec(b.text);
    if (st) {
      const m = mentions.find((x) => x.start >= st.index && (x.kind === "year" || x.kind === "fiscal"));
      if (m) evidence.push({ source: "statement", year: m.year, impliedYear: m.year, weight: 3, ...at(m) });
    }
    const first = mentions[0];
    const lead = b.text.length - b.text.trimStart().length;
    // The year opens the paragraph (`2019年，…`, `“2019年…`), not a phrase (`以2018年…为契机`).
    if (first && first.start <= lead + 1 && !/\p{Script=Han}/u.test(b.text.slice(lead, first.start)) && (first.kind === "year" || first.kind === "fiscal")) {
      const after = b.text.slice(first.end, first.end + 8);
      if (PLAN_PARA_RE.test(b.text) || inPlan) {
        if (!/^\s*(?:以来|以前|前|底前)/u.test(after) && !LONG_RANGE_RE.test(b.text.slice(0, first.end + 20))) evidence.push({ source: "plan", year: first.year, impliedYear: first.year - 1, weight: 1, ...at(first) });
      } else if (/^\s*[，,、]|^\s*(?:是|全年|我|全)/u.test(after) && !st) {
        evidence.push({ source: "opening", year: first.year, impliedYear: first.year, weight: 1.5, ...at(first) });
      }
    }
  }

  // Metadata known outside the text (corpus/index.tsv) counts only when the text gave no date.
  const metaDate = doc.normalized.raw.meta.publishedDate ?? null;
  const derivedDate = doc.derived.publishedDate ?? null;
  const body = evidence.filter((e) => e.source !== "title");
  const bodyVote = vote(body);
  const allVote = vote(evidence);
  const pub = evidence.find((e) => e.source === "published")?.date ?? (publishedFound ? null : (toIsoDate(derivedDate) ?? toIsoDate(metaDate)));
  const sig = evidence.find((e) => e.source === "signature")?.date ?? toIsoDate(doc.derived.signatureDate);
  return {
    evidence,
    bodyYear: bodyVote.year,
    bodyScore: bodyVote.score,
    bodyTotal: bodyVote.total,
    reportYear: allVote.year,
    publicationDate: pub ?? sig ?? null,
    planBlocks,
    reviewBlocks,
  };
}

/** Weighted vote on implied report years. Ties go to the later year. */
export function vote(evidence: readonly YearEvidence[]): { year: number | null; score: number; total: number } {
  const scores = new Map<number, number>();
  let total = 0;
  for (const e of evidence) {
    if (e.weight <= 0) continue;
    scores.set(e.impliedYear, (scores.get(e.impliedYear) ?? 0) + e.weight);
    total += e.weight;
  }
  let best: number | null = null;
  let score = 0;
  for (const [y, s] of scores) {
    if (s > score || (s === score && best !== null && y > best)) {
      best = y;
      score = s;
    }
  }
  return { year: best, score, total };
}

function isTitleLike(text: string): boolean {
  const t = text.trim();
  return t.length <= 90 && /报告$|报告[)）]?$|总结$/u.test(t) && /\d{4}|[〇零]/u.test(t);
}

function titleYear(text: string): YearMention | undefined {
  return findYearMentions(text).find((m) => !m.inTitle && (m.kind === "year" || m.kind === "fiscal"));
}

function titleEvidence(b: Block, m: YearMention, options: YearEvidenceOptions): YearEvidence {
  const delivery = options.deliveryTitlePatterns.some((re) => re.test(b.text)) && m.kind !== "fiscal" && !/年度/u.test(b.text);
  return {
    source: "title",
    year: m.year,
    impliedYear: delivery ? m.year - 1 : m.year,
    weight: 2,
    start: b.start + m.start,
    end: b.start + m.end,
    text: m.text,
    ...(delivery ? { delivery: true } : {}),
  };
}

/** A signature or publication date implies the report year: Jan–Jun → the year before; Nov–Dec → that year (written early). */
function dateEvidence(source: "signature" | "published", m: YearMention, span: { start: number; end: number; text: string }): YearEvidence {
  const month = m.month ?? 0;
  const implied = month <= 6 ? m.year - 1 : m.year;
  const weight = month <= 4 ? 1 : month >= 11 ? 0.5 : 0;
  const date = `${m.year}-${String(month).padStart(2, "0")}-${String(m.day ?? 1).padStart(2, "0")}`;
  return { source, year: m.year, impliedYear: implied, weight, ...span, date };
}

/** `2021-12-13 16:07:17`, `2021年12月15日`, `2021-12-13` → `2021-12-13`; anything else → null. */
export function toIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = findYearMentions(value).find((x) => x.kind === "date");
  if (!m) return null;
  return `${m.year}-${String(m.month).padStart(2, "0")}-${String(m.day).padStart(2, "0")}`;
}
