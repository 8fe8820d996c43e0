import { describe, expect, it } from "vitest";
import { checkText, ruleSetFor, ruleTester } from "../helpers/rule-tester.js";
import { seedText } from "../helpers/pipeline.js";
import { findYearMentions } from "../../pipeline/text/year-mentions.js";

/** Seed 003 (PDF extraction): a 2020年度 title over a report on 2019. */
const SEED_003 = [
  "XX市人民政府对于2020年度法治政府建设情况报告",
  "",
  " X XX 市人民政府关于 9 2019 年度法治政府建设情况的报告",
  "",
  "  2019 年,我市各级行政机关以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和十九届二中、三中、四中全会精神,深入实施《法治政府建设实施纲要(2015—2020 年)》,全面推进法治政府建设,取得明显成效。现将有关情况公告如下:",
  "",
  " 一、9 2019 年度法治政府建设情况",
  "",
  " (一)依法全面履行政府职能。编制2019年度规章制定计划,征集2020年度立法建议项目。",
  "",
  " 二、工作存在的不足",
  "",
  " 法治政府建设工作还存在一些不足。",
  "",
  " 三、0 2020 年工作计划",
  "",
  " 2020 年,我市将继续深入推进法治政府建设。",
  "",
  " XX 市人民政府",
  " 2020 年 1 月 10 日",
].join("\n");

/** A 政府工作报告 as archives hold it: title, delivery subtitle, speaker, opening, then `lines`. */
function gwr(place: string, delivered: string, lines: string[]): string {
  return [`${place}政府工作报告`, `——${delivered}在${place}第十五届人民代表大会第二次会议上`, "市长 张明", "各位代表：", "现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。", ...lines].join("\n");
}

/** A clean report on 2020 (shape of seed 002). */
/** A 法治政府 report on `y` published (发布日期) on `posted`. */
const lawReport = (y: number, posted: string) =>
  [`某市人民政府关于${y}年度法治政府建设情况的报告`, `来源:某市司法局 发布日期:${posted} 16:13`, `${y}年,我市深入推进依法行政,法治政府建设取得新成效。现将${y}年法治政府建设情况报告如下:`, `一、${y}年法治政府建设情况`, `${y}年,全市共审核规范性文件28件。`, `二、${y + 1}年工作安排`, `${y + 1}年,我市将继续推进依法行政。`].join("\n");

const REPORT_2020 = [
  "洪山区2020年度法治政府建设工作报告",
  "2020年,我区以习近平新时代中国特色社会主义思想和习近平法治思想为指导,以《武汉市法治政府建设实施方案(2016-2020年)》为主线,圆满完成法治政府建设各项工作。",
  "一、工作开展情况",
  "(一)完善工作机制。2020年共审核以政府名义签订的协议28件。深入实施《法治政府建设实施纲要(2015—2020年)》。",
  "二、存在的问题",
  "一是法治宣传的针对性有待加强。",
  "三、2021年工作计划",
  "2021年,我区将深入学习贯彻习近平法治思想,制定《法治政府建设实施方案(2021—2025年)》。",
  "中共洪山区委全面依法治区委员会办公室",
  "2021年2月18日",
].join("\n");

/** A 国民经济和社会发展计划执行情况与计划草案的报告 on `y`, whose draft plan is for `plan`. */
const planReport = (y: number, plan: number) =>
  [
    `关于某区${y}年国民经济和社会发展计划执行情况与${plan}年计划草案的报告`,
    `受区人民政府委托，现将${y}年全区国民经济和社会发展计划执行情况与${plan}年计划草案提请审议。`,
    `一、${y}年国民经济和社会发展计划执行情况`,
    `${y}年，全区坚持稳中求进工作总基调，经济运行总体平稳，地区生产总值增长5.1%。`,
    `二、${plan}年国民经济和社会发展计划草案`,
    `${plan}年，我们将着力扩大有效投资，地区生产总值预期增长6%左右。`,
  ].join("\n");

ruleTester.run("year-consistency", {
  valid: [
    // A 政府工作报告 is named for the year it is delivered in (recall gap: title 2027 over a report delivered in January 2026).
    { name: "政府工作报告 title year = delivery year", text: gwr("某市", "2026年1月20日", ["一、2025年工作回顾", "2025年，全市经济运行稳中有进。", "二、2026年工作安排", "2026年，我们将坚持稳中求进。"]).replace("某市政府工作报告", "2026年某市政府工作报告"), options: { kinds: ["title-body"] } },
    { name: "a congress meeting in December delivers next year's report", text: gwr("某市", "2025年12月28日", ["一、2025年工作回顾", "2025年，全市经济运行稳中有进。", "二、2026年工作安排", "2026年，我们将坚持稳中求进。"]).replace("某市政府工作报告", "2026年某市政府工作报告"), options: { kinds: ["title-body"] } },
    { name: "a heading on the 执行情况 of a year's plan reviews that year; the 草案 of the next year is the plan", text: planReport(2022, 2023), options: { kinds: ["plan-year", "title-body"] } },
    { name: "consistent report: title, body, plan (2021 = 2020 + 1), signature in Q1", text: REPORT_2020 },
    // issue 11: 去年 that means the reviewed year, or a comparison in the plan (去年 = the reviewed year, rightly).
    {
      name: "去年 as the reviewed year itself, 比去年 in the plan, 上年 in the review",
      text: gwr("某市", "2023年1月17日", ["一、2022年工作回顾", "去年我市遭遇特大暴雨洪灾，全市生产总值比上年增长5%。", "二、2023年工作安排", "全年签约5000万元以上产业项目不少于500个，较去年增长20%。"]),
      options: { kinds: ["relative-year"] },
    },
    {
      name: "a congress in December reviews its own year: 较去年 is the year before, rightly (lawtext 073)",
      text: gwr("平凉市", "2021年12月11日", ["一、2021年工作回顾", "预计到2021年底，全市地区生产总值完成546亿元，较去年增长8%。", "二、2022年工作安排", "2022年，我们将坚持稳中求进。"]),
      options: { kinds: ["relative-year"] },
    },
    {
      name: "a sentence about the year of delivery compares it with the reviewed year",
      text: gwr("某市", "2015年1月20日", ["一、2014年工作回顾", "全市经济运行稳中有进，但今年面临的困难可能比去年还要大。", "二、2015年工作安排", "2015年，我们将坚持稳中求进。"]),
      options: { kinds: ["relative-year"] },
    },
    {
      name: "chrome date in the page header never counts",
      text: ["今天是:2019年10月31日 星期四", "", REPORT_2020].join("\n"),
    },
    {
      name: "periods are not report years: (2021—2025年), (20212025年), 2021~2025年",
      text: REPORT_2020.replace("圆满完成", "对照《法治中国建设规划(2020—2025年)》和(20212025年)规划、2021~2025年目标,圆满完成"),
    },
    {
      name: "a government work report names the year of delivery in its title (2026 over a review of 2025)",
      text: ["2026年河北省政府工作报告", "一、2025年工作回顾", "2025年,全省经济运行稳中向好。", "二、2026年主要工作", "2026年,我们将扎实推进各项工作。"].join("\n"),
    },
    {
      name: "a paragraph about an earlier year with a comparison marker",
      text: REPORT_2020.replace("(一)完善工作机制。", "(一)完善工作机制。与2019年相比,2019年全区办理案件较少。"),
      options: { kinds: ["paragraph-year"] },
    },
    { name: "seed 003 has no plan-year problem: the plan is for 2020 = 2019 + 1", text: SEED_003, options: { kinds: ["plan-year"] } },
    {
      name: "今年 in the plan section of a text dated the following year means the plan year",
      text: REPORT_2020.replace("2021年,我区将", "今年,我区将"),
      options: { kinds: ["relative-year"] },
    },
    // Issue 10, class 2: the document's own date and genre (profile) decide the report and plan year.
    {
      name: "政府工作报告: 2035年远景目标 and 十四五 targets are goals, not the plan year",
      text: gwr("某市", "2021年1月20日", ["一、2020年工作回顾", "2020年，全市经济运行稳中向好，地区生产总值增长3.5%。", "二、2035年远景目标及“十四五”时期主要目标任务", "到2035年，基本实现社会主义现代化。", "三、2021年工作安排", "2021年，我们将坚持稳中求进工作总基调。"]),
    },
    {
      name: "政府工作报告 delivered in December reviews the year it is delivered in (岳阳 2017-12-28)",
      text: gwr("岳阳市", "2017年12月28日", ["2017年：“四大会战”强力开启发展新局面", "2017年，在中共岳阳市委的坚强领导下，我们全面完成年度目标任务，2017年地区生产总值增长8%。", "2018年工作安排", "2018年，我们将坚持稳中求进。"]),
    },
    {
      name: "a year in comparison position is a base (是2008年的1.83倍, 由2008年的211家增加到, 比2011年增长)",
      text: gwr("朔州市", "2015年1月20日", ["一、2014年工作回顾", "全市地区生产总值达到1003.4亿元，是2008年的1.83倍；规模以上工业企业由2008年的211家增加到259家，农业固定资产投资比2011年增长2.72倍。", "二、2015年工作安排", "2015年，我们将继续推进转型发展。"]),
    },
    {
      name: "a five-year review of a 换届 report is about every year of its period",
      text: gwr("某市", "2023年1月10日", ["一、过去五年工作回顾", "2019年，全市新建学校12所，新增学位1.8万个；2019年完成棚户区改造1.2万户。", "二、2023年工作安排", "2023年，我们将着力推动高质量发展。"]),
    },
    {
      name: "a level-1 heading that reports goals met (各项目标任务圆满完成) is a review, not a plan",
      text: gwr("楚雄州", "2022年1月10日", ["一、克难奋进，十二届州人民政府各项目标任务圆满完成", "（一）关于过去五年的工作", "过去五年，我们坚持稳中求进。", "（二）关于2021年的工作", "刚刚过去的2021年，全州经济稳步恢复。", "二、勇毅前行，奋力谱写高质量发展新篇章", "（二）关于2022年的工作", "2022年，我们将统筹发展和安全。"]),
    },
    {
      name: "publication kinds are about 法治政府建设年度报告: a 政府工作报告 delivered in December of the year it reviews",
      text: gwr("常德市", "2018年12月25日", ["一、2018年工作回顾", "2018年，全市经济保持平稳健康发展。", "二、2019年工作安排", "2019年，我们将推动高质量发展。"]),
      options: { kinds: ["publication-early", "publication-late"] },
    },
    {
      name: "a report on 2017 published in May 2018: the 4月1日 deadline (督察工作规定, 2019) did not exist yet",
      text: lawReport(2017, "2018-05-03"),
      options: { kinds: ["publication-late"] },
    },
  ],
  invalid: [
    {
      name: "政府工作报告 title a year after its delivery year",
      text: gwr("某市", "2026年1月20日", ["一、2025年工作回顾", "2025年，全市经济运行稳中有进。", "二、2026年工作安排", "2026年，我们将坚持稳中求进。"]).replace("某市政府工作报告", "2027年某市政府工作报告"),
      options: { kinds: ["title-body"] },
      findings: [{ text: "2027年", line: 1, evidence: { titleYear: 2027 } }],
    },
    {
      name: "the same title over a body without years: the delivery date alone decides",
      text: gwr("某市", "2026年1月20日", ["一、过去一年工作回顾", "过去一年，全市经济运行稳中有进。", "二、今年工作安排", "今年，我们将坚持稳中求进。"]).replace("某市政府工作报告", "2027年某市政府工作报告"),
      options: { kinds: ["title-body"] },
      findings: [{ text: "2027年", line: 1, evidence: { titleYear: 2027, deliveryDate: "2026-01-20" } }],
    },
    {
      name: "the same shape titled with the year reviewed",
      text: gwr("某市", "2026年1月20日", ["一、2025年工作回顾", "2025年，全市经济运行稳中有进。", "二、2026年工作安排", "2026年，我们将坚持稳中求进。"]).replace("某市政府工作报告", "2025年某市政府工作报告"),
      options: { kinds: ["title-body"] },
      findings: [{ text: "2025年", line: 1 }],
    },
    {
      name: "the same 执行情况与计划草案 shape with a draft plan for the year reviewed",
      text: planReport(2022, 2022),
      options: { kinds: ["plan-year"] },
      findings: [
        { text: "2022年", line: 5, evidence: { planYear: 2022, expected: 2023 } },
        { text: "2022年", line: 6, evidence: { planYear: 2022, expected: 2023 } },
      ],
    },
    {
      name: "the same shape on 2019, published in May 2020, is late",
      text: lawReport(2019, "2020-05-03"),
      options: { kinds: ["publication-late"] },
      findings: [{ text: "2020-05-03", evidence: { kind: "late", reportYear: 2019, deadline: "2020-04-01" } }],
    },
    {
      name: "政府工作报告: a plan heading for another year than the year of delivery (same shape as the 2035 goal above)",
      text: gwr("某市", "2021年1月20日", ["一、2020年工作回顾", "2020年，全市经济运行稳中向好，地区生产总值增长3.5%。", "二、2022年工作安排", "2022年，我们将坚持稳中求进工作总基调。"]),
      options: { kinds: ["plan-year"] },
      findings: [
        { text: "2022年", line: 8, evidence: { planYear: 2022, expected: 2021 } },
        { text: "2022年", line: 9, evidence: { planYear: 2022, expected: 2021 } },
      ],
    },
    {
      name: "政府工作报告: a review paragraph about an earlier year without a comparison (same shape as the five-year review above)",
      text: gwr("某市", "2019年1月10日", ["一、2018年工作回顾", "2016年，全市新建学校12所，新增学位1.8万个；2016年完成棚户区改造1.2万户。", "二、2019年工作安排", "2019年，我们将着力推动高质量发展。"]),
      options: { kinds: ["paragraph-year"] },
      findings: [{ text: "2016年", evidence: { paragraphYear: 2016, reportYear: 2018 } }],
    },
    {
      name: "seed 003: 2020年度 title over a body about 2019",
      text: SEED_003,
      options: { kinds: ["title-body"] },
      findings: [
        {
          text: "2020年度",
          line: 1,
          messageIncludes: "2019",
          evidence: { titleYear: 2020, bodyYear: 2019 },
          related: ["2019 年度", "2019 年", "2019 年度", "2020 年", "2020 年", "2020 年 1 月 10 日"],
          suggestion: "将标题中的2020年度改为2019年度，或核对正文年份",
        },
      ],
    },
    {
      name: "plan section for the report year itself",
      text: REPORT_2020.replace("三、2021年工作计划", "三、2020年工作计划").replace("2021年,我区将", "我区将"),
      options: { kinds: ["plan-year"] },
      findings: [{ text: "2020年", evidence: { planYear: 2020, reportYear: 2020, expected: 2021 } }],
    },
    {
      name: "signature after 1 April of the following year",
      text: REPORT_2020.replace("2021年2月18日", "2021年5月8日"),
      options: { kinds: ["publication-late"] },
      findings: [{ text: "2021年5月8日", evidence: { kind: "late", date: "2021-05-08", deadline: "2021-04-01" } }],
    },
    {
      name: "publication date before the reporting period ended",
      text: ["番禺区关于2021年度法治政府建设情况的报告", "来源:番禺区人民政府 发布时间:2021-12-13 16:07:17", "2021年,番禺区坚持以习近平法治思想为指导。现将有关情况报告如下。", "一、2021年度主要工作和成效", "做了大量工作。", "二、2022年工作计划", "继续推进。"].join("\n"),
      options: { kinds: ["publication-early", "publication-late"] },
      findings: [{ text: "2021-12-13", evidence: { kind: "early", reportYear: 2021 } }],
    },
    {
      name: "a work paragraph about the year before, with no comparison marker (copied from last year's report)",
      text: REPORT_2020.replace("二、存在的问题", "2019年,全区共办理行政复议案件40件。2019年12月,区政府召开常务会议。\n二、存在的问题"),
      options: { kinds: ["paragraph-year"] },
      findings: [{ text: "2019年", evidence: { paragraphYear: 2019, reportYear: 2020 }, related: ["2019年12月"] }],
    },
    {
      name: "今年 in the review of 2020 in a text signed in 2021 (it would mean 2021)",
      text: REPORT_2020.replace("(一)完善工作机制。", "(一)完善工作机制。今年以来,区政府常务会议专题研究法治政府建设3次。"),
      options: { kinds: ["relative-year"] },
      findings: [{ text: "今年", suggestion: "2020年", evidence: { meant: 2021, section: 2020, date: "2021-02-18" }, related: ["2021年2月18日"] }],
    },
    {
      name: "明年 in the plan for 2021 of a text signed in 2021 (it would mean 2022)",
      text: REPORT_2020.replace("2021年,我区将", "明年,我区将"),
      options: { kinds: ["relative-year"] },
      findings: [{ text: "明年", suggestion: "2021年", evidence: { meant: 2022, section: 2021 } }],
    },
    {
      name: "issue 11: 去年 as the base of a comparison in the review of a 政府工作报告 delivered the next January (lawtext 080)",
      text: gwr("德州市", "2018年1月7日", ["一、2017年工作回顾", "持续推进“放管服”改革，取消、下放、调整权力事项91项，“三公”经费较去年压减12.9%。", "二、2018年工作安排", "今年全市生产总值比去年增长7%左右。"]),
      options: { kinds: ["relative-year"] },
      findings: [{ text: "去年", line: 7, messageIncludes: "指的是2016年", suggestion: "上年（或2016年）", evidence: { meant: 2016, readAs: 2017, reviewedYear: 2017, deliveryDate: "2018-01-07" } }],
    },
    {
      name: "issue 11: the same without headings the year evidence reads (lawtext 035: the plan opens with the year of delivery)",
      text: gwr("克拉玛依市", "2021年2月23日", ["“放管服”改革向纵深推进，办结时限在去年的基础上再压缩50%，全年新增各类市场主体6310家。", "“十四五”时期重大举措及2021年工作部署", "2021年经济社会发展的主要预期目标是：生产总值比去年增长6%。"]),
      options: { kinds: ["relative-year"] },
      findings: [{ text: "去年", line: 6, evidence: { meant: 2019 } }],
    },
    {
      name: "English message",
      text: SEED_003,
      lang: "en",
      options: { kinds: ["title-body", "plan-year"] },
      findings: [{ text: "2020年度", messageIncludes: "The title says 2020" }],
    },
  ],
});

describe("year mentions", () => {
  const kinds = (t: string) => findYearMentions(t).map((m) => `${m.kind}:${m.year}${m.endYear ? "-" + m.endYear : ""}${m.inTitle ? ":title" : ""}`);
  it("periods in every written form are periods, not years", () => {
    expect(kinds("2021—2025年、2021-2025年、2021~2025年、(20212025年)、2016年—2020年")).toEqual(["period:2021-2025", "period:2021-2025", "period:2021-2025", "period:2021-2025", "period:2016-2020"]);
  });
  it("years, fiscal years, dates and Chinese numerals", () => {
    expect(kinds("2019 年,2019年度,2021年12月15日,2021-12-13 16:07,2021/03/29,二〇二〇年十二月三十一日")).toEqual(["year:2019", "fiscal:2019", "date:2021", "date:2021", "date:2021", "date:2020"]);
  });
  it("years inside 《》 titles and 〔〕 document numbers are marked", () => {
    expect(kinds("《优化营商环境条例(2019年)》穗府〔2024〕3号")).toEqual(["year:2019:title"]);
  });
  it("statistics are not dates (2021.3万元)", () => {
    expect(kinds("投入资金2021.3万元")).toEqual([]);
  });
});

describe("generated from the seeds: a title year moved by one is found, the real title is not", () => {
  const rules = ruleSetFor("year-consistency", { kinds: ["title-body", "plan-year"] });
  const cases: [string, string, number][] = [
    ["000_c49e41131fdb983c.txt", "关于2021年度法治政府建设情况的报告", 2021],
    ["002_88355d0e2550c175.txt", "名 称:洪山区2020年度法治政府建设工作报告", 2020],
    ["004_b7fad94994891559.txt", "2024年", 2024],
  ];
  for (const [seed, titleText, year] of cases) {
    const text = seedText(seed);
    it(`${seed.slice(0, 3)} as published: silent`, () => {
      expect(checkText(text, rules).map((f) => f.message)).toEqual([]);
    });
    for (const moved of [year - 1, year + 1]) {
      it(`${seed.slice(0, 3)} with the title year ${moved}: title-body`, () => {
        const i = text.indexOf(titleText);
        const edited = text.slice(0, i) + titleText.replace(String(year), String(moved)) + text.slice(i + titleText.length);
        const found = checkText(edited, rules);
        expect(found.map((f) => [f.text.slice(0, 4), f.evidence.bodyYear])).toEqual([[String(moved), year]]);
      });
    }
  }
});

describe("generated from seed 002: a paragraph moved back one year is found", () => {
  const rules = ruleSetFor("year-consistency", { kinds: ["paragraph-year"] });
  const text = seedText("002_88355d0e2550c175.txt");
  const para = "2.提升政府合同法律风险的可控性。2020年聘请专业法律服务队伍,强化审核队伍建设。严格程序,严审合同内容,做到“有件必审、有审必严”,2020年共审核以政府名义签订的协议28件。";
  it("as published: silent", () => expect(checkText(text, rules)).toEqual([]));
  it("with both years of one paragraph set to 2019: paragraph-year", () => {
    const found = checkText(text.replace(para, para.replaceAll("2020年", "2019年")), rules);
    expect(found.map((f) => [f.text, f.evidence.paragraphYear, f.evidence.reportYear, f.related?.map((r) => r.text)])).toEqual([["2019年", 2019, 2020, ["2019年"]]]);
  });
  it("with a comparison marker (比上年) in that paragraph: silent", () => {
    const edited = para.replaceAll("2020年", "2019年").replace("签订的协议28件", "签订的协议28件,比上年增加3件");
    expect(checkText(text.replace(para, edited), rules)).toEqual([]);
  });
});
