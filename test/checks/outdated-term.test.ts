import { describe, expect, it } from "vitest";
import { checkText, ruleSetFor, ruleTester } from "../helpers/rule-tester.js";
import { expectedClause, findClauses, latestCitable } from "../../pipeline/checks/outdated-term/meetings.js";
import { loadKnowledgeBase } from "../../pipeline/checks/outdated-term/kb.js";
import { ROOT, seedText } from "../helpers/pipeline.js";

/** A report on `year`, signed on `signed`, with `body` as its opening paragraph. */
function report(year: number, signed: string, body: string, extra = ""): string {
  return [`西联镇${year}年法治政府建设年度报告`, body, "一、主要工作情况", `${year}年,我镇认真履行法治政府建设职责。${extra}`, `二、${year + 1}年工作计划`, "继续推进。", "韶关市武江区西联镇人民政府", signed].join("\n");
}

/** A 政府工作报告: title, delivery subtitle, opening, a review and a plan section. */
function gwr(delivered: string, review: string, plan: string, reviewYear: number): string {
  return [
    "某市政府工作报告",
    `——${delivered}在某市第十五届人民代表大会第二次会议上`,
    "各位代表：",
    "现在，我代表市人民政府向大会报告工作，请予审议。",
    `一、${reviewYear}年工作回顾`,
    review,
    `二、${reviewYear + 1}年工作安排`,
    plan,
  ].join("\n");
}

/** A cover notice issuing a work plan for `year`, dated `dated` on the line after the notice text (or no date). */
function notice(year: number, dated: string | null, clause: string): string {
  return ["某政办〔" + year + "〕20号", "某县人民政府办公室", `关于印发某县${year}年度法治政府建设工作安排的通知`, "各乡镇人民政府，县直有关单位：", `《某县${year}年度法治政府建设工作安排》已经县政府同意，现印发给你们，请认真贯彻执行。`, ...(dated ? [dated] : []), `某县${year}年度法治政府建设工作安排`, `今年全县法治政府建设工作要坚持以习近平新时代中国特色社会主义思想为指导，${clause}，切实推动法治政府建设各项目标任务全面落实。`, "一、依法全面履行政府职能", "（一）为推动经济高质量发展提供法治保障。加强规范性文件备案审查。"].join("\n");
}

const SEED_001_CLAUSE = "为贯彻落实党中央和国务院决策部署,我镇坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和十九届二中、三中、四中全会精神,我镇认真履行了法治政府建设职责。";

/** An undated 计划执行情况与计划草案的报告 reviewing `y` (a web page without its date line), `clause` in the review. */
const planReport = (y: number, clause: string) =>
  [`关于某区${y}年国民经济和社会发展计划执行情况与${y + 1}年计划草案的报告`, `各位代表：`, `一、${y}年国民经济和社会发展计划执行情况`, `${y}年，全区上下${clause}，经济运行总体平稳。`, `二、${y + 1}年国民经济和社会发展计划草案`, `${y + 1}年，我们将着力扩大有效投资。`].join("\n");

ruleTester.run("outdated-term", {
  valid: [
    // Issue 11 item 5: the silent side.
    { name: "the plan section of a report delivered 2021-01 announces “八五”普法 (lawtext 182 shape)", text: gwr("2021年1月10日", "过去一年，我们扎实推进依法行政。", "全面启动“八五”普法工作，提高普法依法治理水平。", 2020), options: { kinds: ["not-yet"] } },
    { name: "“六五”普法圆满完成 in a five-year review (lawtext 028 shape)", text: report(2017, "2018年1月20日", "2017年,依法行政深入推进,“六五”普法圆满完成,“七五”普法全面实施。"), options: { kinds: ["superseded"] } },
    { name: "十九届历次全会 beside 党的二十大 in one clause", text: report(2023, "2024年1月15日", "2023年,我县深入学习贯彻党的十九大和十九届历次全会、党的二十大精神。"), options: { kinds: ["stale-clause"] } },
    { name: "十九届历次全会精神 in a report signed before the 二十大", text: report(2021, "2022年1月20日", "我县坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和十九届历次全会精神。"), options: { kinds: ["stale-clause"] } },
    { name: "the reform that replaced the 法制办公室", text: report(2021, "2022年1月20日", "2021年,原县政府法制办公室职责划入县司法局后运行顺畅。"), options: { kinds: ["superseded"] } },
    // A five-year plan is in force only in its period (recall gap: “十三五”规划 as the plan of a 2022–2025 report).
    { name: "a report delivered 2021-01 reviews 2020, the last year of the 十三五 plan", text: gwr("2021年1月20日", "过去一年，我们推动“十三五”规划确定的重大项目落地见效。", "2021年，我们将扎实推进各项工作。", 2020), options: { kinds: ["wrong-period"] } },
    { name: "a 2023 report on the results of the 十三五 plan and a comparison with its end", text: gwr("2023年1月10日", "2022年，全市地区生产总值比“十三五”规划末增长12%，“十三五”规划确定的目标任务全面完成。", "2023年，我们将扎实推进各项工作。", 2022), options: { kinds: ["wrong-period"] } },
    { name: "a 2023 report citing the 《》 title of a document issued in the 十三五 period", text: gwr("2023年1月10日", "2022年，我们对照《某市“十三五”规划实施评估报告》查漏补缺。", "2023年，我们将扎实推进各项工作。", 2022), options: { kinds: ["wrong-period"] } },
    { name: "a 2023 report handing the 十三五 plan over to the next", text: gwr("2023年1月10日", "2022年，我们在“十三五”规划基础上，全面实施“十四五”规划。", "2023年，我们将扎实推进各项工作。", 2022), options: { kinds: ["wrong-period"] } },
    // Issue 10 held-out class: the review heading `一、2022年…计划执行情况` is the year reviewed, not the plan year.
    { name: "an undated review of 2022 that studied 党的二十大精神 (October 2022)", text: planReport(2022, "深入学习贯彻党的二十大精神"), options: { kinds: ["not-yet"] } },
    {
      name: "seed 003: 十九届四中全会 clause in a report on 2019 signed 2020-01-10",
      text: report(2019, "2020年1月10日", "2019年,我市以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和十九届二中、三中、四中全会精神,深入学习贯彻习近平总书记全面依法治国新理念新思想新战略。"),
    },
    {
      name: "seed 004: 二十届二中、三中全会 clause in a report on 2024 published 2025-01-15",
      text: ["东漖街道2024年法治政府建设年度报告", "发布时间:2025-01-15 10:00", "2024年,东漖街道坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻党的二十大和二十届二中、三中全会精神,深入学习贯彻习近平法治思想。", "一、2024年主要工作", "做了大量工作。", "二、2025年工作计划", "继续推进。"].join("\n"),
    },
    { name: "法制 inside 法制审核 and 执法制度 is current usage", text: report(2021, "2022年1月20日", "2021年,全面落实重大执法决定法制审核制度,完善行政执法制度,建立健全法制机构。") },
    { name: "the old body name in a statement about the reform", text: report(2021, "2022年1月20日", "2021年,原工商局、质监局职能整合后组建的市场监督管理局运行顺畅。") },
    { name: "a future congress in a forward-looking phrase", text: report(2021, "2022年1月20日", "2021年,全镇以优异成绩迎接党的二十大胜利召开。") },
    // A cover notice's date (after `…请认真贯彻执行。`) dates the plan it issues (held-out 法治政府 pages).
    { name: "a 2020 work plan issued 2020-07-08 cites up to 四中全会 (五中 came in October 2020)", text: notice(2020, "2020年7月8日", "全面贯彻党的十九大和十九届二中、三中、四中全会精神"), options: { kinds: ["stale-clause"] } },
    { name: "《纲要(2015—2020年)》 in a report on 2019", text: report(2019, "2020年1月10日", "2019年,深入实施《法治政府建设实施纲要(2015—2020年)》。") },
    // A province's or district's own plan of the same name has its own period (held-out 法治政府 reports).
    { name: "a provincial 纲要 with its own period (《某省法治政府建设实施纲要(2016—2020年)》)", text: report(2017, "2018年3月20日", "2017年,认真实施《法治政府建设实施纲要(2015—2020年)》和《河南省法治政府建设实施纲要(2016—2020年)》,深入推进依法行政。") },
    { name: "a district's own 纲要 (东城区法治政府建设实施纲要(2022—2025年))", text: report(2023, "2024年3月20日", "2023年,按照东城区法治政府建设实施纲要(2022—2025年)目标要求,推进依法行政。") },
    { name: "十九届历次全会精神 is always up to date", text: report(2021, "2022年1月20日", "2021年,全面贯彻党的十九大和十九届历次全会精神。") },
    { name: "2021年是“十四五”开局之年", text: report(2021, "2022年1月20日", "2021年是“十四五”开局之年,我镇扎实推进各项工作。") },
    { name: "a superseded term with a historical context (克服新冠肺炎疫情)", text: report(2025, "2026年2月1日", "五年来,我们克服新冠肺炎疫情影响,经济持续恢复。") },
    // Issue 10, class 2: judged against the document's own date (profile), never a posting date.
    {
      name: "政府工作报告 delivered 2019-01-08 cites up to 三中全会 (四中全会 came in October 2019)",
      text: gwr("2019年1月8日", "过去一年，我们全面贯彻党的十九大和十九届二中、三中全会精神，经济平稳发展。", "今年政府工作的总体要求是：以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中全会精神，坚持稳中求进工作总基调。", 2018),
    },
    {
      name: "a review clause describes the year reviewed (一年来 … 二中、三中全会精神 in a report delivered 2020-01-15)",
      text: gwr("2020年1月15日", "一年来，我们坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中全会精神，经济持续健康发展。", "今年政府工作的总体要求是：以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中、四中全会精神。", 2019),
    },
    {
      name: "a congress-only clause may leave out the plenums that prepared the NPC session (全面贯彻党的十九大精神, January 2019)",
      text: gwr("2019年1月10日", "过去一年，全市经济运行稳中有进。", "今年政府工作的总体要求是：以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大精神，坚持稳中求进工作总基调。", 2018),
    },
    {
      name: "the plan for 2022 names the congress 2022 will bring (delivered 2022-02-22)",
      text: gwr("2022年2月22日", "过去一年，全州经济持续恢复。", "以政治建设为统领，深学笃行习近平新时代中国特色社会主义思想，全面贯彻党的二十大和省第十四次党代会精神。", 2021),
    },
    {
      name: "a posting date years later does not date the document (report on 2020 reposted 2023)",
      text: ["某区2020年法治政府建设年度报告", "发布时间:2023-05-01 10:00", "2020年,全区坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和十九届二中、三中、四中、五中全会精神。", "一、2020年主要工作", "做了大量工作。", "二、2021年工作计划", "继续推进。"].join("\n"),
    },
  ],
  invalid: [
    // Issue 11 item 5: quoting variants, 历次全会 after the next congress, a county 法制办, a 普法 plan's period.
    {
      name: "“七五”普法, \"七五\"普法规划 and ‘七五’普法 read like 七五普法 in a report on 2022",
      text: report(2022, "2023年1月20日", "2022年,我县深入推进“七五”普法,\"七五\"普法规划全面实施,‘七五’普法有序推进。"),
      options: { kinds: ["superseded"] },
      findings: [
        { text: "“七五”普法", messageIncludes: "“七五普法”自2021-06-10起已由“八五普法”取代", suggestion: "八五普法" },
        { text: "\"七五\"普法" },
        { text: "‘七五’普法" },
      ],
    },
    {
      name: "十九届历次全会精神 as the guiding clause of a report signed after the 二十大",
      text: report(2023, "2024年1月15日", "我县坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和十九届历次全会精神,深入学习贯彻习近平法治思想。"),
      options: { kinds: ["stale-clause"] },
      findings: [{ text: "党的十九大和十九届历次全会精神", messageIncludes: "此处只写到十九届历次全会", evidence: { kind: "stale-clause", latest: { id: "cpc20" } } }],
    },
    {
      name: "a county 政府法制办公室 as a current body in a report on 2021 (县政府 is one token)",
      text: report(2021, "2022年1月20日", "2021年,县政府法制办公室认真履行合法性审查职责。"),
      options: { kinds: ["superseded"] },
      findings: [{ text: "法制办公室", suggestion: "司法局", evidence: { kind: "superseded", group: "renamings" } }],
    },
    {
      name: "原 elsewhere in the sentence (原则) does not make an old body name historical",
      text: report(2021, "2022年1月20日", "2021年,县工商局按照属地管理原则开展专项检查。"),
      options: { kinds: ["superseded"] },
      findings: [{ text: "工商局", suggestion: "市场监督管理局" }],
    },
    {
      name: "a 普法 plan cited with the wrong period, in quotes",
      text: report(2022, "2023年1月20日", "2022年,我县深入实施“八五”普法规划(2020—2025年)。"),
      options: { kinds: ["wrong-period"] },
      findings: [{ text: "“八五”普法规划(2020—2025年)", messageIncludes: "期限为2021—2025年", evidence: { kind: "wrong-period" } }],
    },
    {
      name: "a report delivered 2023-01 names the 十三五 plan as the plan in force",
      text: gwr("2023年1月10日", "过去一年，是实现“十三五”规划目标任务的关键一年，全市经济持续恢复。", "2023年，我们将推动“十三五”规划谋划的重大事项全面落地。", 2022),
      options: { kinds: ["wrong-period"] },
      findings: [
        { text: "十三五”规划", suggestion: "十四五”规划", evidence: { kind: "five-year-ended", plan: "十三五", next: "十四五" } },
        { text: "十三五”规划", evidence: { kind: "five-year-ended" } },
      ],
    },
    {
      name: "the same undated shape reviewing 2021 cites 党的二十大 as studied",
      text: planReport(2021, "深入学习贯彻党的二十大精神"),
      options: { kinds: ["not-yet"] },
      findings: [{ text: "党的二十大", evidence: { kind: "not-yet", judgedAgainst: "lenient-window" } }],
    },
    {
      name: "the same clause in the plan of a report delivered 2020-01-15 is stale (四中全会 closed 2019-10-31)",
      text: gwr("2020年1月15日", "过去一年，全市经济持续健康发展。", "今年政府工作的总体要求是：以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中全会精神，坚持稳中求进工作总基调。", 2019),
      options: { kinds: ["stale-clause"] },
      findings: [{ text: "党的十九大和十九届二中、三中全会精神", evidence: { latest: { label: "十九届四中全会" }, ownDate: "2020-01-15", ownDateSource: "delivery", retrospective: false } }],
    },
    {
      name: "a congress-only clause after a reform plenum is stale (全面贯彻党的二十大精神, January 2025; 三中全会 closed 2024-07-18)",
      text: gwr("2025年1月12日", "过去一年，全市经济回升向好。", "今年政府工作的总体要求是：以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，坚持稳中求进工作总基调。", 2024),
      options: { kinds: ["stale-clause"] },
      findings: [{ text: "党的二十大精神", evidence: { latest: { label: "二十届三中全会" } } }],
    },
    {
      name: "the congress in the review of a report delivered 2022-02-22 had not been held",
      text: gwr("2022年2月22日", "过去一年，我们全面贯彻党的二十大精神，全州经济持续恢复。", "今年，我们将坚持稳中求进。", 2021),
      options: { kinds: ["not-yet"] },
      findings: [{ text: "党的二十大", evidence: { ownDate: "2022-02-22" } }],
    },
    {
      name: "the reposted report dated by its signature (2021-12-20): 六中全会 had closed",
      text: ["某区2021年法治政府建设年度报告", "发布时间:2023-05-01 10:00", "2021年,全区坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和十九届二中、三中、四中、五中全会精神。", "一、2021年主要工作", "做了大量工作。", "二、2022年工作计划", "继续推进。", "某区人民政府", "2021年12月20日"].join("\n"),
      options: { kinds: ["stale-clause"] },
      findings: [{ evidence: { latest: { label: "十九届六中全会" }, ownDate: "2021-12-20", postedDate: "2023-05-01" } }],
    },
    {
      name: "seed 001: signed 2021-12-15, cites only up to 十九届四中全会",
      text: report(2021, "2021年12月15日", SEED_001_CLAUSE),
      options: { kinds: ["stale-clause"] },
      findings: [
        {
          text: "党的十九大和十九届二中、三中、四中全会精神",
          messageIncludes: "十九届六中全会",
          evidence: { kind: "stale-clause", latest: { label: "十九届六中全会", end: "2021-11-11" }, ownDate: "2021-12-15", ownDateSource: "signature" },
          suggestion: "党的十九大和十九届二中、三中、四中、五中、六中全会精神（或“十九届历次全会精神”）",
        },
      ],
    },
    {
      name: "习近平法治思想 in a report signed before 2020-11-16",
      text: report(2019, "2020年3月10日", "2019年,深入学习贯彻习近平法治思想。"),
      findings: [{ text: "习近平法治思想", evidence: { kind: "not-yet", validFrom: "2020-11-16" } }],
    },
    {
      name: "党的二十大精神 in a report on 2021 published in Q1 2022",
      text: report(2021, "2022年2月10日", "2021年,全镇深入学习贯彻党的二十大精神。"),
      findings: [{ text: "党的二十大", evidence: { kind: "not-yet", validFrom: "2022-10-16" } }],
    },
    {
      name: "社会主义法制 in a report on 2021 (replaced by 社会主义法治 on 2018-03-11)",
      text: report(2021, "2022年1月20日", "2021年,我镇大力推进社会主义法制建设。"),
      findings: [{ text: "社会主义法制", suggestion: "社会主义法治", evidence: { kind: "superseded", validTo: "2018-03-11" } }],
    },
    {
      name: "工商局 and 《合同法》 as current in a report on 2021",
      text: report(2021, "2022年1月20日", "2021年,镇工商局依据《合同法》开展合同监管。"),
      findings: [
        { text: "工商局", suggestion: "市场监督管理局" },
        { text: "《合同法》", suggestion: "《中华人民共和国民法典》合同编" },
      ],
    },
    {
      name: "mis-stated period of 法治社会建设实施纲要",
      text: report(2021, "2022年1月20日", "2021年,认真落实《法治社会建设实施纲要(2021—2025年)》。"),
      findings: [{ text: "法治社会建设实施纲要(2021—2025年)", suggestion: "法治社会建设实施纲要（2020—2025年）", evidence: { kind: "wrong-period" } }],
    },
    {
      name: "the national 纲要 with the provincial plan's period (no place before the name) is still a wrong period",
      text: report(2017, "2018年3月20日", "2017年,认真实施《法治政府建设实施纲要(2016—2020年)》,深入推进依法行政。"),
      findings: [{ text: "法治政府建设实施纲要(2016—2020年)", evidence: { kind: "wrong-period" } }],
    },
    {
      name: "全省 before the name is not a place of its own",
      text: report(2017, "2018年3月20日", "2017年,全省法治政府建设实施纲要(2016—2020年)确定的任务顺利推进。"),
      findings: [{ text: "法治政府建设实施纲要(2016—2020年)", evidence: { kind: "wrong-period" } }],
    },
    {
      name: "the same plan issued 2021-01-08 (after 五中全会) is stale",
      text: notice(2020, "2021年1月8日", "全面贯彻党的十九大和十九届二中、三中、四中全会精神"),
      options: { kinds: ["stale-clause"] },
      findings: [{ text: "党的十九大和十九届二中、三中、四中全会精神", evidence: { latest: { label: "十九届五中全会" } } }],
    },
    {
      name: "the 2015—2020 纲要 as the plan being implemented in a report on 2022",
      text: report(2022, "2023年1月20日", "2022年,深入实施《法治政府建设实施纲要(2015—2020年)》。"),
      findings: [{ text: "法治政府建设实施纲要(2015—2020年)", evidence: { kind: "plan-ended" } }],
    },
    {
      name: "十四五开局之年 attached to 2022",
      text: report(2022, "2023年1月20日", "2022年是“十四五”开局之年,我镇扎实推进各项工作。"),
      findings: [{ evidence: { kind: "year-phrase", expectedYear: 2021, statedYear: 2022 }, suggestion: "2021年" }],
    },
    {
      name: "no publication date: judged against Q1 of the year after the report year",
      text: ["某区2022年法治政府建设年度报告", "2022年,全区全面贯彻党的十九大和十九届二中、三中、四中、五中、六中全会精神。", "一、2022年主要工作", "做了大量工作。", "二、2023年工作计划", "继续推进。"].join("\n"),
      options: { kinds: ["stale-clause"] },
      findings: [{ messageIncludes: "党的二十大", evidence: { judgedAgainst: "lenient-window", reportYear: 2022 } }],
    },
  ],
});

describe("outdated-term knowledge base", () => {
  const kb = loadKnowledgeBase(`${ROOT}rules/kb`);
  it("lists every congress and plenum from 十八大 to 二十届四中全会, in order, each with a source", () => {
    const labels = kb.meetings.map((m) => m.label);
    expect(labels[0]).toBe("党的十八大");
    expect(labels[labels.length - 1]).toBe("二十届四中全会");
    for (let i = 1; i < kb.meetings.length; i++) expect(kb.meetings[i]!.start >= kb.meetings[i - 1]!.end).toBe(true);
    for (const m of kb.meetings) expect(m.source.length).toBeGreaterThan(5);
  });
  it("expects the right clause per date window (domain-kb §2.2)", () => {
    const at = (d: string) => expectedClause(latestCitable(kb.meetings, d, 30)!).zh;
    expect(at("2020-01-10")).toMatch(/^党的十九大和十九届二中、三中、四中全会精神/u);
    expect(at("2021-03-29")).toMatch(/^党的十九大和十九届二中、三中、四中、五中全会精神/u);
    expect(at("2021-12-15")).toMatch(/六中全会精神/u);
    expect(at("2023-01-20")).toBe("党的二十大精神");
    expect(at("2025-01-15")).toMatch(/^党的二十大和二十届二中、三中全会精神/u);
    expect(at("2026-02-02")).toMatch(/二十届二中、三中、四中全会精神/u);
  });
  it("reads clause citations", () => {
    expect(findClauses("全面贯彻党的十九大和十九届二中、三中、四中全会精神")).toMatchObject([{ congress: 19, plenums: [2, 3, 4], all: false }]);
    expect(findClauses("深入贯彻党的二十大和二十届历次全会精神")).toMatchObject([{ congress: 20, all: true }]);
    expect(findClauses("全面贯彻党的二十大精神")).toMatchObject([{ congress: 20, plenums: [] }]);
  });
});

describe("generated from the seeds: the same clause judged at other dates", () => {
  const rules = ruleSetFor("outdated-term", { kinds: ["stale-clause", "not-yet"] });
  const seed004 = seedText("004_b7fad94994891559.txt");
  const seed003 = seedText("003_8388e48a1664613c.txt");
  const kinds = (text: string) => checkText(text, rules).map((f) => `${f.evidence.kind} ${f.text}`);
  it("004 as published (2025-01-15): silent", () => expect(kinds(seed004)).toEqual([]));
  it("004 posted 2025-12-01: a web page's posting date never dates the document (silent)", () => {
    expect(kinds(seed004.replace("发布时间: 2025-01-15", "发布时间: 2025-12-01"))).toEqual([]);
  });
  it("004 signed 2025-12-01: 四中全会 closed 2025-10-23, the opening clause is stale; the one describing the 2024 work under the review heading is not", () => {
    expect(kinds(`${seed004}
广州市荔湾区人民政府东漖街道办事处
2025年12月1日
`)).toEqual(["stale-clause 党的二十大和二十届二中、三中全会精神"]);
  });
  it("004 published 2024-06-01: 三中全会 had not opened yet", () => {
    const found = checkText(seed004.replace("发布时间: 2025-01-15", "发布时间: 2024-06-01"), rules);
    expect(found.map((f) => `${f.evidence.kind} ${f.text} ${f.evidence.term}`)).toEqual(["not-yet 三中 二十届三中全会", "not-yet 三中 二十届三中全会"]);
  });
  it("003 as signed (2020-01-10): silent", () => expect(kinds(seed003)).toEqual([]));
  it("003 signed 2020-12-20: 五中全会 closed 2020-10-29, the clause is stale", () => {
    expect(kinds(seed003.replace(/2020 年 1 月 10 日/u, "2020 年 12 月 20 日"))).toEqual(["stale-clause 党的十九大和十九届二中、三中、四中全会精神"]);
  });
});
