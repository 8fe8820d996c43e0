/**
 * @fileoverview Year consistency of an annual report. The report year is worked out from all the
 * evidence in the text (title, metadata, signature, opening statements, headings, plan section; see
 * text/year-evidence.ts), and then four kinds of contradiction are reported:
 *
 * - `title-body`: the title names another year than the one the body reports on (seed 003: a
 *   2020年度 title over a body about 2019);
 * - `plan-year`: the plan section is not about report year + 1;
 * - `publication-early` / `publication-late`: the publication or signature date lies before the end
 *   of the reporting period, or after the deadline (督察工作规定 第二十四条: 每年4月1日之前);
 * - `paragraph-year`: a work-section paragraph is dominated by an earlier year, with no marker of
 *   comparison (上年, 同比, 自…以来, 截至 …) — a typical sign of text copied from an older report;
 * - `relative-year`: a relative year that contradicts the dates, where that is unambiguous: 今年 in
 *   the review of year Y of a text dated in Y+1 (it would mean Y+1), 明年 in the plan for Y+1 of a
 *   text dated in Y+1 (it would mean Y+2).
 *   Also 去年 as the base of a comparison (较去年增长, 在去年的基础上) in the review of a 政府工作报告
 *   delivered in Y+1: by its date 去年 is Y itself, while the base meant is Y−1 (上年).
 *
 * A rule picks the kinds it reports with `kinds:`, so a rule set can give each kind its own severity.
 * Every finding lists the evidence behind the verdict in `evidence.evidence` and points to each piece
 * in `related`.
 *
 * The document profile (stages/profile.ts) settles what the text alone cannot: for a 政府工作报告 or a
 * 统计公报 (or a report year the user fixed) the report year, the plan year and the period reviewed come
 * from the profile (delivery date, December congresses, five-year reviews of a 换届 report), and the
 * publication kinds apply only to a 法治政府建设年度报告 (the 4月1日 deadline is theirs). A plan year far
 * beyond the next (`2035年远景目标`, five-year targets) is a goal, not the year planned.
 *
 * NOTE: chrome blocks never count (`今天是:2019年10月31日`), and periods (`2021—2025年`) are never
 * report years. The check runs once per document (scope `document`), so spans are absolute.
 */
import { z } from "zod";
import { defineCheck, type RawFinding, type RawRelatedLocal } from "./define-check.js";
import { collectYearEvidence, vote, type ReportYearVerdict, type YearEvidence } from "../text/year-evidence.js";
import type { SegmentedDocument } from "../model/document.js";
import { profileOf } from "../stages/profile.js";
import { findYearMentions } from "../text/year-mentions.js";
import { regexString } from "../ruleset/schema-helpers.js";
import { userRegExp } from "../text/safe-regex.js";

export const YEAR_KINDS = ["title-body", "plan-year", "publication-early", "publication-late", "paragraph-year", "relative-year"] as const;
type YearKind = (typeof YEAR_KINDS)[number];

const DEFAULT_MARKERS = [
  "上年", "去年", "上一年", "前年", "同比", "环比", "比上", "以来", "截至", "截止", "连续", "历年", "此前", "以前", "之前",
  "先后", "近年", "年来", "期间", "时期", "回顾", "相比", "对比", "较", "累计", "首次", "启动", "至今", "基础上", "过去",
];

/** Words that make the year right after them a base of comparison. */
const COMPARED = /(?:比|较|由|从|与|同|超过|不低于|低于|高于|多于|少于|相当于|恢复到|达到)$/u;

const SOURCE_NAMES: Record<YearEvidence["source"], { zh: string; en: string }> = {
  title: { zh: "标题", en: "title" },
  statement: { zh: "报告说明", en: "statement of scope" },
  opening: { zh: "段首", en: "paragraph openings" },
  heading: { zh: "标题层级", en: "headings" },
  plan: { zh: "工作计划", en: "plan section" },
  signature: { zh: "落款日期", en: "signature date" },
  published: { zh: "发布日期", en: "publication date" },
};

export default defineCheck({
  type: "year-consistency",
  description: { zh: "报告年份前后一致：标题、正文、小标题、工作计划、落款与发布日期", en: "The report year is consistent across title, body, headings, plan section, signature and publication date" },
  defaultScope: "document",
  scopes: ["document"],
  options: z
    .object({
      /** Kinds of contradiction this rule reports. */
      kinds: z.array(z.enum(YEAR_KINDS)).min(1).default([...YEAR_KINDS]),
      /** Title patterns (regular expressions) whose year is the year of delivery (政府工作报告 2026 → reports on 2025). */
      deliveryTitles: z.array(regexString().pipe(z.string().min(1))).default(["政府工作报告"]),
      /** Deadline for publication in the year after the report year, MM-DD; later is late. */
      publishBy: z.string().regex(/^\d{2}-\d{2}$/).default("04-01"),
      /**
       * First report year the deadline applies to: the 督察工作规定 (2019) set it; before, the 纲要
       * (2015—2020) asked for a report in the first quarter and publication without a date.
       */
      publishByFrom: z.number().int().default(2019),
      /** Minimum weight of body evidence before it may contradict the title or the plan. */
      minBodyScore: z.number().min(0).default(3),
      /** Words that mark a paragraph as comparing with or looking back at another year. */
      comparisonMarkers: z.array(z.string().min(1)).default(DEFAULT_MARKERS),
      /** paragraph-year: how many mentions of the other year a paragraph needs (besides opening with it). */
      minParagraphMentions: z.number().int().min(1).default(2),
    })
    .strict(),
  messages: {
    "title-body": {
      zh: "标题年份为{{titleYear}}年，但正文报告的是{{bodyYear}}年的情况（依据：{{sources}}）",
      en: "The title says {{titleYear}}, but the body reports on {{bodyYear}} (evidence: {{sourcesEn}})",
    },
    "title-delivery": {
      zh: "标题年份为{{titleYear}}年，但本报告于{{date}}作出，应为{{expected}}年政府工作报告",
      en: "The title says {{titleYear}}, but the report was delivered on {{date}}: it is the {{expected}} report",
    },
    "plan-year": {
      zh: "工作计划年份为{{planYear}}年，与报告年度{{reportYear}}年的下一年（{{expected}}年）不符",
      en: "The plan is for {{planYear}}, not for the year after the report year {{reportYear}} ({{expected}})",
    },
    "publication-early": {
      zh: "{{what}}{{date}}早于报告年度{{reportYear}}年结束，年度情况尚不完整",
      en: "{{what}} {{date}} is before the end of the report year {{reportYear}}; the year is not complete",
    },
    "publication-late": {
      zh: "{{what}}{{date}}晚于{{deadline}}（法治政府建设年度报告应于每年4月1日之前公开）",
      en: "{{what}} {{date}} is after {{deadline}} (annual reports are due before 1 April)",
    },
    "relative-year": {
      zh: "本报告日期为{{date}}，“{{word}}”应指{{meant}}年，但这一部分讲的是{{section}}年",
      en: "The report is dated {{date}}, so “{{word}}” means {{meant}}, but this part is about {{section}}",
    },
    "relative-last-year": {
      zh: "本报告于{{date}}作出，回顾的是{{reviewed}}年：按报告日期“去年”就是{{reviewed}}年本身，而此处作比较基数，指的是{{base}}年，宜写“上年”或“{{base}}年”",
      en: "The report was delivered on {{date}} and reviews {{reviewed}}: by its date “去年” is {{reviewed}} itself, but here it is the base of a comparison, meaning {{base}}; write 上年 or {{base}}",
    },
    "paragraph-year": {
      zh: "本段主要讲{{year}}年的情况，而报告年度为{{reportYear}}年，且无“上年”“同比”“以来”等对比说明，疑为沿用旧稿",
      en: "This paragraph is about {{year}} while the report year is {{reportYear}}, with no comparison marker; possibly copied from an older report",
    },
  },
  compile(options) {
    return {
      kinds: new Set<YearKind>(options.kinds),
      delivery: options.deliveryTitles.map((p) => userRegExp(p, "u")),
      publishBy: options.publishBy,
      publishByFrom: options.publishByFrom,
      minBodyScore: options.minBodyScore,
      markers: options.comparisonMarkers,
      minParagraphMentions: options.minParagraphMentions,
    };
  },
  run(unit, c, ctx) {
    const { doc } = ctx;
    const verdict = collectYearEvidence(doc, { deliveryTitlePatterns: c.delivery });
    const ev = verdict.evidence.filter((e) => !ctx.isNoise(e.start, e.end));
    const rel = (list: readonly YearEvidence[]): RawRelatedLocal[] => list.map((e) => ({ span: [e.start - unit.start, e.end - unit.start], label: `${e.source}:${e.year}` }));
    const describe = (list: readonly YearEvidence[]) => list.map((e) => ({ source: e.source, year: e.year, impliedYear: e.impliedYear, text: e.text, ...(e.date ? { date: e.date } : {}) }));
    const findings: RawFinding[] = [];
    const prof = profileOf(doc);
    // The profile's report year wins where the genre fixes it (delivery date of a 政府工作报告, title of a 统计公报) or the user set it.
    const fixedYear =
      prof.reportYear !== null && (prof.reportYearSource === "override" || ((prof.genre === "gov-work-report" || prof.genre === "statistical-communique") && prof.reportYearSource !== "body" && prof.reportYearSource !== "index"))
        ? prof.reportYear
        : null;
    const fixedScore = fixedYear !== null ? Number.POSITIVE_INFINITY : 0;
    const body = ev.filter((e) => e.source !== "title");
    const bodyVote = vote(body);

    // 1. Title vs body.
    if (c.kinds.has("title-body") && bodyVote.year !== null && bodyVote.score >= c.minBodyScore) {
      const seen = new Set<number>();
      for (const t of ev.filter((e) => e.source === "title")) {
        if (t.impliedYear === bodyVote.year || seen.has(t.start)) continue;
        const forTitle = body.filter((e) => e.impliedYear === t.impliedYear).reduce((s, e) => s + e.weight, 0);
        if (forTitle * 3 > bodyVote.score) continue;
        seen.add(t.start);
        const support = body.filter((e) => e.impliedYear === bodyVote.year);
        const kinds = [...new Set(support.map((e) => e.source))];
        const sources = kinds.map((k) => SOURCE_NAMES[k].zh).join("、");
        const sourcesEn = kinds.map((k) => SOURCE_NAMES[k].en).join(", ");
        findings.push({
          span: [t.start - unit.start, t.end - unit.start],
          messageId: "title-body",
          data: { titleYear: t.impliedYear, bodyYear: bodyVote.year, sources, sourcesEn },
          evidence: { titleYear: t.year, titleReportYear: t.impliedYear, bodyYear: bodyVote.year, bodyScore: bodyVote.score, bodyTotal: bodyVote.total, evidence: describe(ev) },
          suggestion: { zh: `将标题中的${t.text}改为${bodyVote.year}${t.text.includes("度") ? "年度" : "年"}，或核对正文年份`, en: `Change ${t.text} in the title to ${bodyVote.year}, or check the years in the body` },
          related: rel(ev.filter((e) => e !== t)),
        });
      }
    }

    // 1b. A 政府工作报告 is named for the year it is delivered in (a congress meeting in November or December
    // delivers next year's): its own delivery date decides, whatever the body says.
    if (c.kinds.has("title-body") && prof.date && prof.dateSource === "delivery") {
      const dy = Number(prof.date.slice(0, 4));
      const allowed = Number(prof.date.slice(5, 7)) >= 11 ? [dy, dy + 1] : [dy];
      for (const t of ev.filter((e) => e.source === "title" && e.delivery)) {
        if (allowed.includes(t.year)) continue;
        // The delivery date names one year (not a November/December congress): the title's digits are
        // mechanical to correct, also on a title-body finding already made for the same title year.
        const digits = t.text.indexOf(String(t.year));
        const fix = allowed.length === 1 && digits >= 0 ? { span: [t.start - unit.start + digits, t.start - unit.start + digits + 4] as const, replacement: String(dy) } : null;
        const earlier = findings.find((f) => f.span[0] === t.start - unit.start);
        if (earlier) {
          if (fix && !earlier.fix) earlier.fix = fix;
          continue;
        }
        findings.push({
          ...(fix ? { fix } : {}),
          span: [t.start - unit.start, t.end - unit.start],
          messageId: "title-delivery",
          data: { titleYear: t.year, date: prof.date, expected: dy },
          evidence: { titleYear: t.year, deliveryDate: prof.date, expected: allowed, evidence: describe(ev) },
          suggestion: { zh: `将标题中的${t.text}改为${dy}年`, en: `Change ${t.text} in the title to ${dy}` },
        });
      }
    }

    // The report year without plan evidence (for plan-year) and without dates (for publication kinds).
    const nonPlanVote = vote(ev.filter((e) => e.source !== "plan" && e.source !== "signature" && e.source !== "published"));
    const nonDateVote = vote(ev.filter((e) => e.source !== "signature" && e.source !== "published"));
    const nonPlan = fixedYear !== null ? { year: fixedYear, score: fixedScore, total: fixedScore } : nonPlanVote;
    const nonDate = fixedYear !== null ? { year: fixedYear, score: fixedScore, total: fixedScore } : nonDateVote;
    const expectedPlan = fixedYear !== null && prof.planYear !== null ? prof.planYear : nonPlan.year !== null ? nonPlan.year + 1 : null;

    // 2. Plan year.
    if (c.kinds.has("plan-year") && nonPlan.year !== null && nonPlan.score >= c.minBodyScore && nonPlan.score * 3 >= nonPlan.total * 2) {
      for (const p of ev.filter((e) => e.source === "plan")) {
        if (p.year === expectedPlan) continue;
        // A year several years out is a goal (到2025年, 2035年远景目标), not the year planned.
        if (expectedPlan !== null && p.year - expectedPlan >= 3) continue;
        const support = ev.filter((e) => e.source !== "plan" && e.impliedYear === nonPlan.year);
        findings.push({
          span: [p.start - unit.start, p.end - unit.start],
          messageId: "plan-year",
          data: { planYear: p.year, reportYear: nonPlan.year, expected: expectedPlan ?? nonPlan.year + 1 },
          evidence: { planYear: p.year, reportYear: nonPlan.year, expected: expectedPlan, genre: prof.genre, evidence: describe(ev) },
          related: rel(support),
        });
      }
    }

    // 3. Publication / signature date vs the reporting period.
    const dated = ev.find((e) => e.source === "published") ?? ev.find((e) => e.source === "signature");
    // The 4月1日 deadline and the "year not yet over" judgement are about 法治政府建设年度报告.
    if (dated?.date && nonDate.year !== null && nonDate.score >= c.minBodyScore && prof.genre === "law-gov-report") {
      const y = nonDate.year;
      const what = dated.source === "published" ? { zh: "发布日期", en: "Publication date" } : { zh: "落款日期", en: "Signature date" };
      const support = ev.filter((e) => e !== dated && e.impliedYear === y);
      const base = { date: dated.date, reportYear: y, what: what[ctx.lang] };
      if (c.kinds.has("publication-early") && dated.date <= `${y}-12-31`) {
        findings.push({ span: [dated.start - unit.start, dated.end - unit.start], messageId: "publication-early", data: base, evidence: { kind: "early", date: dated.date, source: dated.source, reportYear: y, periodEnd: `${y}-12-31`, evidence: describe(ev) }, related: rel(support) });
      }
      const deadline = `${y + 1}-${c.publishBy}`;
      if (c.kinds.has("publication-late") && y >= c.publishByFrom && dated.date > deadline) {
        findings.push({ span: [dated.start - unit.start, dated.end - unit.start], messageId: "publication-late", data: { ...base, deadline }, evidence: { kind: "late", date: dated.date, source: dated.source, reportYear: y, deadline, evidence: describe(ev) }, related: rel(support) });
      }
    }

    // 4. Paragraphs dominated by an earlier year.
    if (c.kinds.has("paragraph-year") && nonDate.year !== null && nonDate.score >= c.minBodyScore) {
      const y = nonDate.year;
      for (const b of doc.blocks) {
        if (b.kind !== "paragraph" || verdict.planBlocks.has(b.index) || ctx.isNoise(b.start, b.end)) continue;
        if (c.markers.some((m) => b.text.includes(m))) continue;
        // A year in comparison position (`比2011年增长`, `由2008年的211家增加到`, `不低于2019年`) is a base, not the topic.
        const ms = findYearMentions(b.text).filter((m) => !m.inTitle && m.kind !== "period" && !COMPARED.test(b.text.slice(Math.max(0, m.start - 4), m.start)) && !/^的?[^，。；]{0,12}?(?:增加到|增长到|提高到|下降到|减少到)|^的\s*[\d.]+\s*倍/u.test(b.text.slice(m.end, m.end + 16)));
        if (ms.length === 0 || ms.some((m) => m.year >= y)) continue;
        // A five-year review (换届 report) is about every year of its period.
        const period = prof.reviewPeriod;
        if (period && ms.every((m) => m.year >= period[0] && m.year <= period[1])) continue;
        const counts = new Map<number, number>();
        for (const m of ms) counts.set(m.year, (counts.get(m.year) ?? 0) + 1);
        const [year, n] = [...counts].sort((a, b2) => b2[1] - a[1])[0]!;
        const lead = b.text.length - b.text.trimStart().length;
        const opens = ms[0]!.year === year && ms[0]!.start <= lead + 1 && /^[\s]*[，,]/u.test(b.text.slice(ms[0]!.end));
        if (year < y - 10 || (n < c.minParagraphMentions && !opens)) continue;
        const first = ms.find((m) => m.year === year)!;
        findings.push({
          span: [b.start + first.start - unit.start, b.start + first.end - unit.start],
          messageId: "paragraph-year",
          data: { year, reportYear: y },
          evidence: { paragraphYear: year, mentions: n, reportYear: y, evidence: describe(ev) },
          related: ms.filter((m) => m !== first && m.year === year).map((m) => ({ span: [b.start + m.start - unit.start, b.start + m.end - unit.start], label: `paragraph:${m.year}` })),
        });
      }
    }
    // 5. Relative years against the date of the text.
    if (c.kinds.has("relative-year") && dated?.date && nonDate.year !== null && nonDate.score >= c.minBodyScore && Number(dated.date.slice(0, 4)) === nonDate.year + 1) {
      const y = nonDate.year;
      for (const b of doc.blocks) {
        const review = verdict.reviewBlocks.has(b.index);
        const plan = verdict.planBlocks.has(b.index);
        if (b.kind !== "paragraph" || (!review && !plan) || ctx.isNoise(b.start, b.end)) continue;
        const re = review ? /今年(?![度])/gu : /明年/gu;
        for (const m of b.text.matchAll(re)) {
          const meant = review ? y + 1 : y + 2;
          const section = review ? y : y + 1;
          findings.push({
            span: [b.start + m.index - unit.start, b.start + m.index + m[0].length - unit.start],
            messageId: "relative-year",
            data: { date: dated.date, word: m[0], meant, section },
            evidence: { word: m[0], meant, section, date: dated.date, source: dated.source, reportYear: y, evidence: describe(ev) },
            suggestion: review ? { zh: `${y}年`, en: `${y}` } : { zh: `${y + 1}年`, en: `${y + 1}` },
            fix: { span: [b.start + m.index - unit.start, b.start + m.index + m[0].length - unit.start], replacement: `${review ? y : y + 1}年` },
            related: [{ span: [dated.start - unit.start, dated.end - unit.start], label: dated.source }],
          });
        }
      }
    }
    // 6. 去年 as the base of a comparison in the review of a 政府工作报告 delivered the year after the one it
    // reviews: the speaker's 去年 is the reviewed year itself, so `较去年增长20%` about that year compares it
    // with itself; the base meant is the year before (上年, or the year written out).
    if (c.kinds.has("relative-year") && prof.genre === "gov-work-report" && prof.date && prof.reportYear !== null && OWN_DATE_SOURCES.has(prof.dateSource ?? "")) {
      const delivered = Number(prof.date.slice(0, 4));
      const y = prof.reportYear;
      if (delivered === y + 1) {
        const review = gwrReviewBlocks(doc, verdict, delivered);
        for (const b of doc.blocks) {
          if (b.kind !== "paragraph" || !review.has(b.index) || ctx.isNoise(b.start, b.end)) continue;
          for (const m of b.text.matchAll(LAST_YEAR_BASE)) {
            const at = m.index + m[0].indexOf("去年");
            // The sentence around it: a sentence about the year of delivery (今年, 明年, or that year) compares it with the reviewed year, rightly.
            const sStart = Math.max(...["。", "！", "？", "；"].map((d) => b.text.lastIndexOf(d, at))) + 1;
            const ends = ["。", "！", "？", "；"].map((d) => b.text.indexOf(d, at)).filter((x) => x >= 0);
            const sentence = b.text.slice(sStart, ends.length ? Math.min(...ends) : b.text.length);
            // A sentence about another year (今年, a year of a five-year review) has another frame of reference.
            if (/今年|明年|本年|当前|目前/u.test(sentence) || findYearMentions(sentence).some((x) => x.year !== y)) continue;
            findings.push({
              span: [b.start + at - unit.start, b.start + at + 2 - unit.start],
              messageId: "relative-last-year",
              data: { date: prof.date, reviewed: y, base: y - 1 },
              evidence: { word: "去年", phrase: m[0], meant: y - 1, readAs: y, reviewedYear: y, deliveryDate: prof.date, dateSource: prof.dateSource, genre: prof.genre },
              suggestion: { zh: `上年（或${y - 1}年）`, en: `上年 (or ${y - 1})` },
              fix: { span: [b.start + at - unit.start, b.start + at + 2 - unit.start], replacement: "上年" },
            });
          }
        }
      }
    }
    return findings;
  },
});

/**
 * The review part of a 政府工作报告 delivered in `delivered`: the paragraphs under a review heading, or, when
 * the text has no heading structure the year evidence reads, the paragraphs after the delivery line up
 * to the first one that names the year of delivery or 今年 (where the plan begins).
 */
function gwrReviewBlocks(doc: SegmentedDocument, verdict: ReportYearVerdict, delivered: number): Set<number> {
  if (verdict.reviewBlocks.size > 0 || verdict.planBlocks.size > 0) return verdict.reviewBlocks;
  const out = new Set<number>();
  let started = false;
  for (const b of doc.blocks) {
    if (b.kind !== "paragraph" && b.kind !== "heading") continue;
    const years = findYearMentions(b.text);
    if (!started) {
      // The delivery line (`——2025年1月4日在…会议上`) opens the text.
      started = /人民代表大会|代表大会/u.test(b.text) && years.some((m) => m.year === delivered && m.kind === "date");
      continue;
    }
    if (/今年|明年/u.test(b.text) || years.some((m) => m.year >= delivered)) break;
    if (b.kind === "paragraph") out.add(b.index);
  }
  return out;
}

/** Profile date sources that are the document's own date (not a web page's posting date). */
const OWN_DATE_SOURCES = new Set(["delivery", "date-line", "signature", "written", "title", "override"]);
/** 去年 as the base of a comparison: 比/较/与/同/高于… 去年, 去年同期, 在去年(的)基础上, 从/由去年的… */
const LAST_YEAR_BASE = /(?:比|较|与|同|相较|相比|对比|高于|低于|好于|超过|不高于|不低于|多于|少于)去年(?![度底末初])|(?:从|由)去年(?=[^，。；]{0,15}(?:到|至|为))|去年同期|在去年(?:的)?基础上/gu;
