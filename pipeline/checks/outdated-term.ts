/**
 * @fileoverview Time-bound formulations judged against the report's dates, from a dated knowledge
 * base in YAML (rules/kb/: meetings, terms, plans, laws, renamings — each entry with valid_from /
 * valid_to / superseded_by / source). Kinds:
 *
 * - `not-yet`: a meeting, document, term or body cited before it existed (error in national.yaml);
 * - `stale-clause`: a 全面贯彻…精神 clause that stops before the latest plenary session closed ≥ 30 days
 *   before publication (seed 001: signed 2021-12-15, cites only 二中、三中、四中全会); the expected
 *   clause is the suggestion;
 * - `superseded`: a superseded term, law or body name used for the report year (社会主义法制, 工商局,
 *   《合同法》 …), with the replacement as suggestion;
 * - `wrong-period`: a known plan with a mis-stated period (法治社会建设实施纲要(2021—2025年)), or an
 *   edition cited as the plan being implemented after its period ended;
 * - `year-phrase`: 十四五开局之年 and the like attached to the wrong year.
 *
 * Dates come from the document profile (stages/profile.ts): the document's own date (delivery date in
 * a 政府工作报告's subtitle, date line, signature, 成文日期). A web page's posting date is never the
 * document's date (a review of 2020 reposted in 2023 is a 2021 document): it only bounds it from above.
 * Without an own date the judgement is lenient, over a window: `not-yet` uses its latest date (the
 * posting date, else the end of the first quarter after the report year, 督察工作规定 第二十四条),
 * `stale-clause` its earliest (1 December of the last year reviewed, when reports are drafted; 1
 * November for a 政府工作报告, some city congresses meet then), so neither can fire because of the guess.
 *
 * A clause that describes the period under review (a paragraph of the review section, `一年来` /
 * `过去五年`, the whole of a 统计公报) is judged against the start of the last year reviewed: it tells
 * what was done then (`一年来，我们…全面贯彻党的十九大和十九届二中、三中全会精神` in a review of 2019).
 *
 * NOTE: term matches must fall on jieba token boundaries (法制 inside 法制审核 or 执法制度 never hits),
 * and each group has a context exclusion (原工商局, 《合同法》已废止, 迎接党的二十大召开 stay silent).
 * Runs once per document; spans are absolute (unit.start is 0).
 */
import { isAbsolute, join } from "node:path";
import { z } from "zod";
import { defineCheck, type RawFinding } from "./define-check.js";
import type { SegmentedDocument } from "../model/document.js";
import { collectYearEvidence } from "../text/year-evidence.js";
import { profileOf } from "../stages/profile.js";
import { findYearMentions } from "../text/year-mentions.js";
import { assertTrustedPath } from "./data-file.js";
import { loadKnowledgeBase, type KbTerm, type KnowledgeBase } from "./outdated-term/kb.js";
import { expectedClause, findClauses, findMeetingMentions, latestCitable, toCnOrdinal } from "./outdated-term/meetings.js";
import { userRegExp } from "../text/safe-regex.js";

export const OUTDATED_KINDS = ["not-yet", "stale-clause", "superseded", "wrong-period", "year-phrase"] as const;
type OutdatedKind = (typeof OUTDATED_KINDS)[number];

/** A mention in these contexts is about the past (or the future), not current usage. */
const GROUP_EXCLUDE: Record<KbTerm["group"], RegExp> = {
  terms: /(?!)/u,
  laws: /废止|失效|修订前|修改前|此前|已被|取代|替代|原《/u,
  renamings: /前身|更名|改为|组建|整合|划入|并入|撤销|不再保留|机构改革|改革前|挂牌|转隶/u,
};
/** 原 marks the old body only just before its name (原县工商局, 原法制办); 原则/原有 elsewhere in the sentence say nothing. */
const FORMER_BEFORE: Partial<Record<KbTerm["group"], RegExp>> = { renamings: /原/u };
/** Forward-looking mentions of a meeting that has not happened yet are legitimate. */
const FUTURE_CONTEXT = /迎接|喜迎|召开|即将|筹备|献礼|前夕|迎来|营造|安保|服务保障/u;
/** A sentence that tells what was done in the period under review. */
const RETROSPECTIVE = /过去(?:的)?一年|一年来|过去(?:的)?五年|五年来|本届政府|这一年|回顾/u;
/** A sentence about a five-year plan's own period: its results, its end, a comparison with it. */
const FIVE_YEAR_PAST = /时期|末|胜利|圆满|顺利|累计|历史|实现了|取得了|已经/u;
/** A sentence handing one five-year plan over to the next (`在“十三五”规划基础上编制“十四五”规划`). */
const FIVE_YEAR_HANDOVER = /基础上|衔接|过渡|转入|承上启下|开启|迈进|迈向|编制|谋划.{0,6}十[一二三四五六七八九]五/u;
const PLAN_CURRENT_VERB = /实施|落实|贯彻|对照|按照|依据|推进|执行/u;
const PLAN_PAST_CONTEXT = /总结|收官|验收|回顾|完成|评估|期间|以来|期满|到期|届满|基本建成/u;

export default defineCheck({
  type: "outdated-term",
  description: { zh: "与报告日期不符的时效性表述（会议、提法、规划、法律、机构名称）", en: "Time-bound formulations that do not fit the report's dates (meetings, formulations, plans, laws, body names)" },
  defaultScope: "document",
  scopes: ["document"],
  options: z
    .object({
      /** Kinds this rule reports. */
      kinds: z.array(z.enum(OUTDATED_KINDS)).min(1).default([...OUTDATED_KINDS]),
      /** Knowledge-base directory: relative to the built-in rules/ directory, or absolute. */
      kb: z.string().min(1).default("kb"),
      /** stale-clause: a plenum counts once it closed this many days before publication. */
      graceDays: z.number().int().min(0).default(30),
      /** Terms (by `term`) to ignore. */
      ignore: z.array(z.string()).default([]),
    })
    .strict(),
  messages: {
    "not-yet": {
      zh: "“{{term}}”始于{{validFrom}}，而本报告的日期为{{date}}（{{basis}}），当时尚不存在",
      en: "“{{term}}” dates from {{validFrom}}, but this report is dated {{date}} ({{basis}}); it did not exist yet",
    },
    "stale-clause": {
      zh: "报告日期{{date}}前已闭幕的最近一次全会是{{latest}}（{{latestEnd}}闭幕），此处只写到{{cited}}",
      en: "By {{date}} the latest plenary session was the {{latest}} (closed {{latestEnd}}); this clause stops at {{cited}}",
    },
    superseded: {
      zh: "“{{term}}”自{{validTo}}起已由“{{replacement}}”取代，不宜用于{{reportYear}}年度的报告",
      en: "“{{term}}” was superseded by “{{replacement}}” on {{validTo}}; it does not fit a report on {{reportYear}}",
    },
    "wrong-period": {
      zh: "《{{name}}》的期限为{{expected}}，此处写作{{stated}}",
      en: "The period of 《{{name}}》 is {{expected}}, not {{stated}}",
    },
    "plan-ended": {
      zh: "《{{name}}({{stated}})》已于{{endYear}}年到期，{{reportYear}}年度应实施{{replacement}}",
      en: "《{{name}}({{stated}})》 ended in {{endYear}}; for {{reportYear}} the current edition is {{replacement}}",
    },
    "five-year-ended": {
      zh: "“{{name}}”规划已于{{endYear}}年结束，本文件（{{date}}）所述时期应实施“{{next}}”规划",
      en: "The {{name}} plan ended in {{endYear}}; for this document ({{date}}) the plan in force is {{next}}",
    },
    "year-phrase": {
      zh: "“{{phrase}}”指{{expectedYear}}年，此处对应的是{{year}}年",
      en: "“{{phrase}}” means {{expectedYear}}, but here it refers to {{year}}",
    },
  },
  compile(options, env) {
    const dir = isAbsolute(options.kb) ? options.kb : join(env.builtinRulesDir, options.kb);
    assertTrustedPath(dir, options.kb, env, ["kb"]);
    const kb = loadKnowledgeBase(dir);
    const terms = compileTerms(kb, options.ignore);
    const events = kb.events.map((e) => ({ entry: e, re: userRegExp(e.pattern, "gu") }));
    return { kinds: new Set<OutdatedKind>(options.kinds), kb, terms, events, graceDays: options.graceDays };
  },
  run(unit, c, ctx) {
    const { doc } = ctx;
    const verdict = collectYearEvidence(doc);
    const prof = profileOf(doc);
    const own = prof.date;
    const posted = prof.postedDate;
    const reportYear = prof.reportYear ?? verdict.reportYear ?? (posted ? Number(posted.slice(0, 4)) - 1 : null);
    const reviewEnd = prof.reviewPeriod?.[1] ?? reportYear;
    const reviewFrom = prof.reviewPeriod?.[0] ?? reportYear;
    const minDate = (a: string | null, b: string | null) => (a && b ? (a < b ? a : b) : (a ?? b));
    // Earliest plausible own date: reports on year Y are drafted from December of Y (a city congress may meet from November).
    const earliest = reviewEnd !== null ? `${reviewEnd}-${prof.genre === "gov-work-report" ? "11" : "12"}-01` : null;
    const early = own ?? minDate(earliest, posted);
    // Without an own date or a posting date the report year is itself a guess: the latest year the text
    // reviews as done (a heading, an opening `2022年，…`, a 现将…报告如下 statement) bounds it too.
    const reviewedYears = verdict.evidence.filter((e) => e.source === "heading" || e.source === "opening" || e.source === "statement").map((e) => e.impliedYear);
    const guessYear = reportYear !== null ? Math.max(reportYear, ...reviewedYears) : null;
    const late = own ?? posted ?? (guessYear !== null ? `${guessYear + 1}-03-31` : null);
    // Retrospective clauses: the start of the last year reviewed (never later than the document's date).
    const reviewStart = reviewEnd !== null ? minDate(`${reviewEnd}-01-01`, early) : early;
    const SOURCE_ZH: Record<string, string> = { delivery: "报告会议日期", "date-line": "标题下日期", signature: "落款日期", written: "成文日期", "meta-title": "标题所载日期", override: "用户指定日期" };
    const basis = own
      ? { zh: SOURCE_ZH[prof.dateSource ?? ""] ?? "文件日期", en: `the document's own date (${prof.dateSource})` }
      : { zh: `未见文件自身日期，按${reportYear}年度报告可能的日期范围从宽判断`, en: `no own date: lenient window for a report on ${reportYear}` };
    const dateText = own ?? `${early}…${late}`;
    const findings: RawFinding[] = [];
    const boundaries = tokenBoundaries(doc);
    const at = (abs: number) => abs - unit.start;
    // publicationDate: the date judged against when there is one (kept under its earlier name for readers of the evidence).
    const common = { publicationDate: own ?? posted, ownDate: own, ownDateSource: prof.dateSource, postedDate: posted, reportYear, judgedAgainst: own ? "own-date" : "lenient-window" };
    // The date the judgement rests on, shown to the reviewer beside not-yet and stale-clause findings.
    const dated = own ? prof.dateCandidates.find((d) => d.date === own && d.start !== undefined && d.end !== undefined) : undefined;
    const dateRelated = dated && !ctx.isNoise(dated.start!, dated.end!) ? [{ span: [dated.start! - unit.start, dated.end! - unit.start] as const, label: dated.source }] : undefined;

    // The latest citable meeting depends only on the document's date: once per document (and once for retrospective clauses).
    const latestDoc = early && c.kinds.has("stale-clause") ? latestCitable(c.kb.meetings, early, c.graceDays) : null;
    const latestReview = reviewStart && c.kinds.has("stale-clause") ? latestCitable(c.kb.meetings, reviewStart, c.graceDays) : null;
    const wholeReview = prof.genre === "statistical-communique";
    const planEnd = prof.planYear !== null ? `${prof.planYear}-12-31` : null;
    // In a 政府工作报告 every section after the plan opens is about the plan year (三、加强政府自身建设).
    const firstPlanBlock = verdict.planBlocks.size ? Math.min(...verdict.planBlocks) : Number.POSITIVE_INFINITY;
    const hitsBySentence = termHitCache(c.terms, doc);

    for (const [si, s] of doc.sentences.entries()) {
      const block = doc.blocks[s.blockIndex];
      if (!block || block.kind === "chrome" || block.kind === "meta" || ctx.isNoise(s.start, s.end)) continue;
      const text = s.text;

      // Meetings: not yet held, and stale 全面贯彻…精神 clauses.
      // The plan for year P may name what P will bring (`全面贯彻党的二十大…精神` in the plan for 2022 of a report delivered in February 2022).
      const planned = planEnd !== null && (verdict.planBlocks.has(s.blockIndex) || (prof.genre === "gov-work-report" && s.blockIndex > firstPlanBlock && !verdict.reviewBlocks.has(s.blockIndex))) ? planEnd : null;
      if (late && c.kinds.has("not-yet") && !FUTURE_CONTEXT.test(text)) {
        for (const m of findMeetingMentions(text)) {
          const meeting = c.kb.meetings.find((x) => x.congress === m.congress && x.plenum === m.plenum);
          if (!meeting || meeting.start <= late || (planned !== null && meeting.start <= planned)) continue;
          findings.push({
            span: [at(s.start + m.start), at(s.start + m.end)],
            messageId: "not-yet",
            data: { term: meeting.label, validFrom: meeting.start, date: dateText, basis: basis[ctx.lang] },
            evidence: { kind: "not-yet", term: meeting.label, validFrom: meeting.start, source: meeting.source, ...common },
            ...(dateRelated ? { related: dateRelated } : {}),
          });
        }
        for (const e of c.events) {
          for (const m of execAll(e.re, text)) {
            if (e.entry.start <= late || (planned !== null && e.entry.start <= planned)) continue;
            findings.push({
              span: [at(s.start + m.index), at(s.start + m.index + m[0].length)],
              messageId: "not-yet",
              data: { term: e.entry.label, validFrom: e.entry.start, date: dateText, basis: basis[ctx.lang] },
              evidence: { kind: "not-yet", term: e.entry.label, validFrom: e.entry.start, source: e.entry.source, ...common },
            });
          }
        }
      }
      if (early && c.kinds.has("stale-clause")) {
        const retrospective = wholeReview || verdict.reviewBlocks.has(s.blockIndex) || RETROSPECTIVE.test(text);
        const latest = retrospective ? latestReview : latestDoc;
        const judgedAt = retrospective ? reviewStart : early;
        for (const cl of findClauses(text)) {
          if (!latest) continue;
          const before = text.slice(Math.max(0, cl.start - 8), cl.start);
          if (!/贯彻|落实|学习|践行|领会|遵循/u.test(before)) continue;
          // A congress-only clause is the guiding clause only in the 以…为指导，全面贯彻… opening form.
          if (!cl.all && cl.plenums.length === 0 && !(/全面贯彻/u.test(before) && /为指导/u.test(text))) continue;
          // `十九届历次全会精神` covers every plenum of its term: it is stale only once the next congress has met
          // (二十大 closed 2022-10-22) — unless the sentence also names the later congress (…十九届历次全会、党的二十大精神).
          if (cl.all && (latest.congress <= cl.congress || findMeetingMentions(text).some((x) => x.congress > cl.congress))) continue;
          const citedMax = cl.plenums.length ? Math.max(...cl.plenums) : 0;
          const stale = latest.congress > cl.congress || (latest.congress === cl.congress && latest.plenum > citedMax);
          if (!stale) continue;
          const cited = cl.all ? `${toCnOrdinal(cl.congress)}届历次全会` : citedMax ? `${toCnOrdinal(cl.congress)}届${toCnOrdinal(citedMax)}中全会` : `党的${toCnOrdinal(cl.congress)}大`;
          const expected = expectedClause(latest);
          findings.push({
            span: [at(s.start + cl.start), at(s.start + cl.end)],
            messageId: "stale-clause",
            data: { date: retrospective ? `${judgedAt}（回顾期）` : dateText, latest: latest.label, latestEnd: latest.end, cited },
            evidence: { kind: "stale-clause", cited: { congress: cl.congress, plenums: cl.plenums }, latest: { id: latest.id, label: latest.label, end: latest.end }, graceDays: c.graceDays, expected: expected.zh, retrospective, judgedAt, ...common },
            suggestion: expected,
            ...(dateRelated ? { related: dateRelated } : {}),
          });
        }
      }

      // Terms, laws and body names (matches shared by every rule of this check on this document).
      let hits = hitsBySentence[si];
      if (!hits) hitsBySentence[si] = hits = termHits(c.terms, text, s.start, boundaries);
      for (const h of hits) {
        const t = h.term;
        const abs = s.start + h.index;
        const matched = h.text;
        {
          const e = t.entry;
          // A plan section may name what its plan year brings (启动“八五”普法 in a report delivered in January 2021).
          if (late && e.valid_from && e.valid_from > late && c.kinds.has("not-yet") && !(planned !== null && e.valid_from <= planned)) {
            findings.push({
              span: [at(abs), at(abs + matched.length)],
              messageId: "not-yet",
              data: { term: e.term, validFrom: e.valid_from, date: dateText, basis: basis[ctx.lang] },
              evidence: { kind: "not-yet", term: e.term, validFrom: e.valid_from, source: e.source, confidence: e.confidence, ...common },
              ...(dateRelated ? { related: dateRelated } : {}),
            });
            continue;
          }
          if (reportYear !== null && e.valid_to && e.valid_to <= `${reportYear}-01-01` && c.kinds.has("superseded") && !GROUP_EXCLUDE[e.group].test(text) && !FORMER_BEFORE[e.group]?.test(text.slice(Math.max(0, h.index - 4), h.index))) {
            const replacement = e.superseded_by ?? "";
            findings.push({
              span: [at(abs), at(abs + matched.length)],
              messageId: "superseded",
              data: { term: h.plain, validTo: e.valid_to, replacement, reportYear },
              evidence: { kind: "superseded", term: e.term, validTo: e.valid_to, supersededBy: replacement, source: e.source, confidence: e.confidence, group: e.group, ...common },
              ...(replacement ? { suggestion: replacement } : {}),
              // The superseding name, when it is one name, replaces the old one (report-qc fix).
              ...(replacement && !/[/|、，,]|或/.test(replacement) ? { fix: { span: [at(abs), at(abs + matched.length)] as const, replacement } } : {}),
            });
          }
        }
      }

      // Plans with a fixed period, matched without quotation marks (“八五”普法规划(2021—2025年)).
      const pv = c.kb.plans.length ? unquoted(text) : null;
      for (const plan of c.kb.plans) {
        const ptext = pv!.text;
        let from = 0;
        for (;;) {
          const i = ptext.indexOf(plan.name, from);
          if (i < 0) break;
          from = i + plan.name.length;
          // A local plan of the same name (《山东省法治政府建设实施纲要(2016—2020年)》) has its own period.
          if (localPrefix(ptext.slice(Math.max(0, i - 12), i))) continue;
          const after = ptext.slice(from, from + 20);
          const pm = /^》?\s*[(（]\s*((?:19|20)\d{2})\s*年?\s*(?:[—–\-~～－―至]{1,2}\s*)?((?:19|20)\d{2})\s*年?\s*[)）]/u.exec(after);
          if (!pm) continue;
          const a = Number(pm[1]);
          const b = Number(pm[2]);
          const stated = `${a}—${b}年`;
          const openQuote = pv!.toOriginal[i]! > 0 && QUOTE_OPEN.test(text[pv!.toOriginal[i]! - 1]!) ? 1 : 0;
          const spanStart = s.start + pv!.toOriginal[i]! - openQuote;
          const spanEnd = s.start + pv!.toOriginal[from + pm[0].length - 1]! + 1;
          const edition = plan.editions.find((ed) => ed.period[0] === a && ed.period[1] === b);
          if (!edition) {
            if (!c.kinds.has("wrong-period")) continue;
            const nearest = [...plan.editions].sort((x, y) => Math.abs(x.period[1] - b) + Math.abs(x.period[0] - a) - (Math.abs(y.period[1] - b) + Math.abs(y.period[0] - a)))[0]!;
            const expected = `${nearest.period[0]}—${nearest.period[1]}年`;
            findings.push({
              span: [at(spanStart), at(spanEnd)],
              messageId: "wrong-period",
              data: { name: plan.name, expected, stated },
              evidence: { kind: "wrong-period", plan: plan.name, stated: [a, b], editions: plan.editions.map((ed) => ed.period), source: nearest.source },
              suggestion: `${plan.name}（${expected}）`,
            });
            continue;
          }
          if (late && edition.issued > late && c.kinds.has("not-yet")) {
            // `“八五”普法规划(2021—2025年)` before June 2021: the term 八五普法 already says so.
            if (hits.some((h) => h.term.entry.valid_from && s.start + h.index < spanEnd && spanStart < s.start + h.index + h.text.length)) continue;
            findings.push({
              span: [at(spanStart), at(spanEnd)],
              messageId: "not-yet",
              data: { term: `${plan.name}(${stated})`, validFrom: edition.issued, date: dateText, basis: basis[ctx.lang] },
              evidence: { kind: "not-yet", term: plan.name, period: edition.period, validFrom: edition.issued, source: edition.source, ...common },
            });
            continue;
          }
          const next = plan.editions.find((ed) => ed.period[0] > b);
          if (reportYear !== null && b < reportYear && next && c.kinds.has("wrong-period")) {
            const ctxText = ptext.slice(Math.max(0, i - 12), i);
            if (!PLAN_CURRENT_VERB.test(ctxText) || PLAN_PAST_CONTEXT.test(text)) continue;
            const replacement = `《${plan.name}(${next.period[0]}—${next.period[1]}年)》`;
            findings.push({
              span: [at(spanStart), at(spanEnd)],
              messageId: "plan-ended",
              data: { name: plan.name, stated, endYear: b, reportYear, replacement },
              evidence: { kind: "plan-ended", plan: plan.name, period: edition.period, next: next.period, ...common },
              suggestion: replacement,
            });
          }
        }
      }

      // A five-year plan named as the plan in force (`实现“十三五”规划目标任务的关键一年`) by a document whose
      // reviewed years all come after its period, judged against the own date (else the earliest plausible
      // date). Reviews of the period (十三五期间, 比十三五末, 圆满收官), transitions naming the next plan and
      // 《》 titles of documents issued then stay silent.
      if (c.kinds.has("wrong-period") && reviewFrom !== null && early) {
        for (const m of text.matchAll(/(十[一二三四五六七八九]五)[”"’]?\s*(?:发展)?规划(?!期间|期末|期满|纲要》|实施(?:以来|情况)|(?:执行|完成)情况)/gu)) {
          const plan = c.kb.fiveYearPlans.find((p) => p.name === m[1]);
          const next = plan && c.kb.fiveYearPlans.find((p) => p.period[0] === plan.period[1] + 1);
          if (!plan || !next || reviewFrom <= plan.period[1] || next.period[0] > reviewFrom || early <= `${plan.period[1] + 1}-03-31`) continue;
          const before = text.slice(0, m.index);
          if (before.lastIndexOf("《") > before.lastIndexOf("》")) continue;
          // The years reviewed all follow the plan, so 过去一年 is no excuse; its results or end are.
          if (PLAN_PAST_CONTEXT.test(text) || FIVE_YEAR_PAST.test(text)) continue;
          if (c.kb.fiveYearPlans.some((p) => p !== plan && text.includes(p.name)) && FIVE_YEAR_HANDOVER.test(text)) continue;
          findings.push({
            span: [at(s.start + m.index), at(s.start + m.index + m[0].length)],
            messageId: "five-year-ended",
            data: { name: plan.name, endYear: plan.period[1], date: dateText, next: next.name },
            evidence: { kind: "five-year-ended", plan: plan.name, period: plan.period, next: next.name, reviewFrom, source: plan.source, ...common },
            suggestion: m[0].replace(plan.name, next.name),
            fix: { span: [at(s.start + m.index), at(s.start + m.index + m[0].length)], replacement: m[0].replace(plan.name, next.name) },
          });
        }
      }

      // 十四五开局之年 / 收官之年 attached to a year.
      if (c.kinds.has("year-phrase")) {
        for (const m of text.matchAll(/(十[三四五]五)[^。，,；;]{0,8}?(开局之年|收官之年|开局年|收官年|起步之年)/gu)) {
          const plan = c.kb.fiveYearPlans.find((p) => p.name === m[1]);
          if (!plan) continue;
          const expectedYear = m[2]!.startsWith("收官") ? plan.period[1] : plan.period[0];
          const years = findYearMentions(text.slice(0, m.index)).filter((y) => (y.kind === "year" || y.kind === "fiscal") && !y.inTitle);
          const lastYear = years[years.length - 1];
          // Only an explicit year right before the phrase (`2021年是“十四五”开局之年`) is compared.
          if (!lastYear || m.index - lastYear.end > 12 || !/^[，,\s]*(?:是|为|作为|既是)/u.test(text.slice(lastYear.end, m.index))) continue;
          if (lastYear.year === expectedYear) continue;
          findings.push({
            span: [at(s.start + lastYear.start), at(s.start + m.index + m[0].length)],
            messageId: "year-phrase",
            data: { phrase: `${m[1]}${m[2]}`, expectedYear, year: lastYear.year },
            evidence: { kind: "year-phrase", plan: plan.name, period: plan.period, expectedYear, statedYear: lastYear.year, source: plan.source },
            suggestion: `${expectedYear}年`,
          });
        }
      }
    }
    return findings;
  },
});

interface CompiledTerm {
  entry: KbTerm;
  re: RegExp;
  exclude: RegExp | null;
}
interface TermHit {
  term: CompiledTerm;
  /** Offset in the sentence. */
  index: number;
  text: string;
  /** The matched text without quotation marks (七五普法 for “七五”普法). */
  plain: string;
}

const termsCache = new WeakMap<KnowledgeBase, Map<string, CompiledTerm[]>>();

/** The term patterns of a knowledge base minus `ignore`; one shared array per (kb, ignore) so rules of this check share their matches. */
function compileTerms(kb: KnowledgeBase, ignoreList: readonly string[]): CompiledTerm[] {
  let byIgnore = termsCache.get(kb);
  if (!byIgnore) termsCache.set(kb, (byIgnore = new Map()));
  const key = JSON.stringify(ignoreList);
  const hit = byIgnore.get(key);
  if (hit) return hit;
  const ignore = new Set(ignoreList);
  const terms = kb.terms
    .filter((t) => !ignore.has(t.term))
    .map((t) => ({ entry: t, re: userRegExp(t.pattern ?? escapeRe(t.term), "gu"), exclude: t.exclude ? userRegExp(t.exclude, "u") : null }));
  byIgnore.set(key, terms);
  return terms;
}

const hitCache = new WeakMap<CompiledTerm[], WeakMap<SegmentedDocument, TermHit[][]>>();

/** Per-sentence term hits of `doc` (filled lazily by sentence index), shared by the rules using `terms`. */
function termHitCache(terms: CompiledTerm[], doc: SegmentedDocument): TermHit[][] {
  let byDoc = hitCache.get(terms);
  if (!byDoc) hitCache.set(terms, (byDoc = new WeakMap()));
  let hits = byDoc.get(doc);
  if (!hits) byDoc.set(doc, (hits = []));
  return hits;
}

/**
 * Matches of every term in one sentence that fall on token boundaries and are not excluded by the
 * sentence, in term order. Terms are matched on the sentence without quotation marks, so `“七五”普法`,
 * `"七五"普法规划` and `‘七五’普法` read like `七五普法`; a hit is reported on the original text, with the
 * opening quote it spans. A match that does not start on a token boundary is retried one character
 * later (县政府法制办公室: `政府法制办公室` starts inside 县政府, `法制办公室` on a boundary).
 */
function termHits(terms: readonly CompiledTerm[], text: string, sentenceStart: number, boundaries: Uint8Array | null): TermHit[] {
  const out: TermHit[] = [];
  const view = unquoted(text);
  for (const t of terms) {
    let excluded: boolean | undefined;
    t.re.lastIndex = 0;
    for (;;) {
      const m = t.re.exec(view.text);
      if (!m) break;
      if (m[0] === "") {
        t.re.lastIndex = advance(view.text, t.re.lastIndex, true);
        continue;
      }
      let start = view.toOriginal[m.index]!;
      const end = view.toOriginal[m.index + m[0].length - 1]! + 1;
      const abs = sentenceStart + start;
      if (!aligned(boundaries, abs, sentenceStart + end, m[0].length)) {
        t.re.lastIndex = m.index + 1;
        continue;
      }
      excluded ??= t.exclude?.test(view.text) ?? false;
      if (excluded) break;
      // `“七五”普法`: the opening quote belongs to the term when its closing quote is inside the match.
      if (start > 0 && QUOTE_OPEN.test(text[start - 1]!) && QUOTE_CLOSE.test(text.slice(start, end))) start -= 1;
      out.push({ term: t, index: start, text: text.slice(start, end), plain: m[0] });
    }
    t.re.lastIndex = 0;
  }
  return out;
}

const QUOTES = /[“”‘’"'「」『』〝〞]/u;
const QUOTE_OPEN = /[“‘"'「『〝]/u;
const QUOTE_CLOSE = /[”’"'」』〞]/u;

/** `text` without quotation marks, and for each kept character its offset in `text`. */
function unquoted(text: string): { text: string; toOriginal: number[] } {
  if (!QUOTES.test(text)) return { text, toOriginal: IDENTITY.length >= text.length ? IDENTITY : identity(text.length) };
  let out = "";
  const toOriginal: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (QUOTES.test(text[i]!)) continue;
    out += text[i];
    toOriginal.push(i);
  }
  return { text: out, toOriginal };
}

let IDENTITY: number[] = [];
function identity(n: number): number[] {
  IDENTITY = Array.from({ length: Math.max(n, IDENTITY.length * 2) }, (_, i) => i);
  return IDENTITY;
}

/**
 * The matches `text.matchAll(re)` gives for a global regex, without the clone matchAll makes per call
 * (the hot loop runs every term on every sentence). Resets `re.lastIndex`.
 */
function execAll(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (;;) {
    const m = re.exec(text);
    if (!m) break;
    out.push(m);
    if (m[0] === "") re.lastIndex = advance(text, re.lastIndex, re.unicode || re.flags.includes("v"));
  }
  re.lastIndex = 0;
  return out;
}

function advance(text: string, i: number, unicode: boolean): number {
  if (!unicode || i + 1 >= text.length) return i + 1;
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return i + 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? i + 2 : i + 1;
}

/** True when the words just before a plan name are a place (`山东省`, `静海区`): the title is that place's own plan. */
function localPrefix(before: string): boolean {
  const head = before.split(/[《〈<>》〉\s，。；、,;:：“”"]/u).pop() ?? "";
  return /\p{Script=Han}(?:省|市|县|区|州|盟|旗|自治区|特区)$/u.test(head) && !/^(?:全|我|本|该|各)(?:省|市|县|区|州|盟|旗)$/u.test(head);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const boundaryCache = new WeakMap<SegmentedDocument, Uint8Array | null>();

/** 1 at offsets where a jieba token starts or ends; null when the document has no tokens. */
function tokenBoundaries(doc: SegmentedDocument): Uint8Array | null {
  if (boundaryCache.has(doc)) return boundaryCache.get(doc)!;
  let set: Uint8Array | null = null;
  if (doc.tokens.length) {
    let max = doc.text.length;
    for (const t of doc.tokens) if (t.end > max) max = t.end;
    set = new Uint8Array(max + 1);
    for (const t of doc.tokens) {
      set[t.start] = 1;
      set[t.end] = 1;
    }
  }
  boundaryCache.set(doc, set);
  return set;
}

/**
 * A short term (≤ 3 characters: 工商局, 法制办) must start and end on token boundaries; a longer one must
 * start on one (jieba often glues the next word on: 社会主义/法制建设).
 */
function aligned(boundaries: Uint8Array | null, start: number, end: number, length: number): boolean {
  if (boundaries === null) return true;
  return boundaries[start] === 1 && (length >= 4 || boundaries[end] === 1);
}
