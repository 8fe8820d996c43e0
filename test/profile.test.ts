/**
 * The document profile (pipeline/stages/profile.ts) on real text: the seeds in corpus/, excerpts of
 * gwr2026 and lawtext documents (test/fixtures/profile/, byte-identical heads of the originals) and
 * short news / 解读 / excerpt texts. Genre, own date and its source, period and plan year, unit and
 * level, completeness, and the user's overrides (index.tsv, front matter, CLI via IndexTsvCache).
 */
import { mkdtempSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DocumentProfile } from "../pipeline/model/document.js";
import { ingest } from "../pipeline/stages/ingest.js";
import { normalize } from "../pipeline/stages/normalize.js";
import { segment } from "../pipeline/stages/segment.js";
import { levelOf, overridesFrom, profile, profileOf } from "../pipeline/stages/profile.js";
import { createSegmenter } from "../pipeline/segmenter/index.js";
import { IndexTsvCache } from "../pipeline/inputs.js";
import { CORPUS, ROOT, segmentText } from "./helpers/pipeline.js";

const FIXTURES = join(ROOT, "test", "fixtures", "profile");
const segmenter = createSegmenter("node-rs");

async function profileFile(path: string, cache = new IndexTsvCache()): Promise<DocumentProfile> {
  const raw = await ingest(path, await cache.metaFor(path));
  return profile(segment(normalize(raw), segmenter)).profile!;
}
const fixture = (name: string, cache?: IndexTsvCache) => profileFile(join(FIXTURES, name), cache);

describe("profile: seeds (法治政府建设年度报告)", () => {
  it("000: posted 2021-12-13 on a web page, no date of its own; reviews 2021, plans 2022", async () => {
    const p = await profileFile(join(CORPUS, "000_c49e41131fdb983c.txt"));
    expect(p).toMatchObject({ genre: "law-gov-report", date: null, postedDate: "2021-12-13", reviewPeriod: [2021, 2021], reportYear: 2021, planYear: 2022, level: "county", province: "guangdong", complete: true });
  });
  it("001: the signature date is the own date", async () => {
    const p = await profileFile(join(CORPUS, "001_fd56e537edcebdc8.txt"));
    expect(p).toMatchObject({ genre: "law-gov-report", date: "2021-12-15", dateSource: "signature", reportYear: 2021, planYear: 2022, level: "township" });
    const sig = p.dateCandidates.find((d) => d.source === "signature")!;
    expect(sig.text).toBe("2021年12月15日");
  });
  it("002: a 成文日期 line dates the document (a 发布时间 line would only post it)", async () => {
    const p = await profileFile(join(CORPUS, "002_88355d0e2550c175.txt"));
    expect(p).toMatchObject({ genre: "law-gov-report", date: "2021-02-18", dateSource: "written", reportYear: 2020, planYear: 2021, level: "department", province: "hubei" });
  });
  it("003: PDF extraction signed 2020-01-10, the body reviews 2019", async () => {
    const p = await profileFile(join(CORPUS, "003_8388e48a1664613c.txt"));
    expect(p).toMatchObject({ genre: "law-gov-report", date: "2020-01-10", dateSource: "signature", reportYear: 2019, planYear: 2020, level: "city" });
  });
  it("index.tsv unit/province/report_year are the user's word (overridden)", async () => {
    const p = await profileFile(join(CORPUS, "004_b7fad94994891559.txt"));
    expect(p.overridden).toEqual(expect.arrayContaining(["unit", "province", "reportYear"]));
    expect(p).toMatchObject({ unit: "广州市荔湾区人民政府东漖街道办事处", unitSource: "override", level: "township", reportYear: 2024 });
  });
});

describe("profile: 政府工作报告 (gwr2026, lawtext)", () => {
  it("gwr2026 上海: delivered 2026-02-03 (subtitle), posted 2026-02-09 (时间: line); reviews 2025, plans 2026", async () => {
    const p = await fixture("gwr2026-shanghai.txt");
    expect(p).toMatchObject({ genre: "gov-work-report", date: "2026-02-03", dateSource: "delivery", postedDate: "2026-02-09", reviewPeriod: [2025, 2025], reportYear: 2025, planYear: 2026, unit: "上海市人民政府", level: "province", province: "shanghai" });
  });
  it("lawtext 019 三亚: the front matter title is not the unit; the subtitle's congress names the city", async () => {
    const p = await fixture("lawtext-019-sanya.md");
    expect(p).toMatchObject({ genre: "gov-work-report", date: "2023-01-07", dateSource: "delivery", reportYear: 2022, planYear: 2023, unit: "三亚市人民政府", unitSource: "delivery", level: "city" });
    expect(p.unit).not.toMatch(/title/u);
  });
  it("lawtext 068 岳阳: a congress in December reviews the year it meets in (2023-12-31 → reviews 2023, plans 2024)", async () => {
    const p = await fixture("lawtext-068-yueyang-december.md");
    expect(p).toMatchObject({ genre: "gov-work-report", date: "2023-12-31", reportYear: 2023, planYear: 2024, unit: "岳阳市人民政府" });
  });
  it("lawtext 218 四川: the delivery line (2020-05-09) beats the title year of the collection (2019年…工作报告)", async () => {
    const p = await fixture("lawtext-218-sichuan.md");
    expect(p).toMatchObject({ genre: "gov-work-report", date: "2020-05-09", dateSource: "delivery", reportYear: 2019, planYear: 2020, unit: "四川省人民政府", level: "province", province: "sichuan" });
  });
  it("lawtext 220 四川 2023 (换届): a five-year review, 2018–2022", async () => {
    const p = await fixture("lawtext-220-sichuan-five-year.md");
    expect(p).toMatchObject({ date: "2023-01-11", reviewPeriod: [2018, 2022], reportYear: 2022, planYear: 2023 });
  });
  it("lawtext 242 浙江: no place in title or subtitle; the speaker names the unit (我代表浙江省人民政府); no own date, the title year is the delivery year", async () => {
    const p = await fixture("lawtext-242-zhejiang.md");
    expect(p).toMatchObject({ genre: "gov-work-report", date: null, reportYear: 2018, planYear: 2019, unit: "浙江省人民政府", unitSource: "opening", level: "province" });
  });
  it("the plan year is never a long-range goal (二〇三五年远景目标, 十四五)", () => {
    const text = ["某市政府工作报告", "——2021年1月20日在某市第十五届人民代表大会第五次会议上", "各位代表：", "一、2020年工作回顾", "2020年，全市经济运行稳中向好。", "二、二〇三五年远景目标和“十四五”时期主要目标", "到二〇三五年，基本实现社会主义现代化。", "三、2021年工作安排", "2021年，我们将坚持稳中求进。"].join("\n");
    expect(profileOf(segmentText(text))).toMatchObject({ planYear: 2021, reportYear: 2020 });
  });
});

describe("profile: 统计公报", () => {
  it("lawtext 001: the date line under the issuer dates it (2002-02-28); reviews 2001; national", async () => {
    const p = await fixture("lawtext-001-communique.md");
    expect(p).toMatchObject({ genre: "statistical-communique", date: "2002-02-28", dateSource: "date-line", reportYear: 2001, planYear: null, unit: "国家统计局", level: "national", province: null });
  });
});

describe("profile: other genres and completeness", () => {
  it("a news article about a report is news, whatever its title names", async () => {
    const p = await fixture("news-about-report.txt");
    expect(p).toMatchObject({ genre: "other", subKind: "news" });
    expect(p.genreEvidence?.text).toMatch(/本报讯|记者/u);
  });
  it("一图读懂 / 解读 is an interpretation", async () => {
    expect(await fixture("interpretation.txt")).toMatchObject({ genre: "other", subKind: "interpretation" });
  });
  it("an excerpt (（节选）) that stops mid-sentence is incomplete, with the evidence", async () => {
    const p = await fixture("truncated-excerpt.txt");
    expect(p.genre).toBe("law-gov-report");
    expect(p.complete).toBe(false);
    expect(p.completeness.map((c) => c.issue).sort()).toEqual(["excerpt", "truncated"]);
    expect(p.completeness.find((c) => c.issue === "excerpt")!.text).toBe("（节选）");
  });
  it("parts left out with （略） make it incomplete", async () => {
    const p = await fixture("omitted-parts.txt");
    expect(p).toMatchObject({ genre: "law-gov-report", complete: false, date: "2022-01-20" });
    expect(p.completeness[0]).toMatchObject({ issue: "omitted", text: "（略）" });
  });
  it("a numbered item label ending without a full stop is not a truncated ending (the same text cut inside a sentence is)", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(join(FIXTURES, "truncated-excerpt.txt"), "utf8").replace("（节选）", "");
    const lines = text.trimEnd().split("\n");
    const withLabel = [...lines.slice(0, -1), "下一步，我们将重点做好以下工作：", "三是加强基层法治队伍建设和执法能力培训"].join("\n");
    expect(profileOf(segmentText(withLabel)).completeness).toEqual([]);
    expect(profileOf(segmentText(lines.join("\n"))).completeness.map((c) => c.issue)).toEqual(["truncated"]);
  });
  it("a very short text is not a complete report", () => {
    expect(profileOf(segmentText("某区2021年度法治政府建设情况报告\n一、主要工作\n二、存在问题\n"))).toMatchObject({ complete: false });
  });
});

describe("profile: web pages without a usable title (held-out 法治政府 pages)", () => {
  const BODY = "一是加强组织领导，成立由局长任组长的法治政府建设工作领导小组，定期研究部署法治政府建设重点工作，解决推进工作中遇到的难点问题。二是加强法治队伍建设，组织开展专题培训12场次，覆盖干部职工200余人次，执法资格考试通过率达100%。";
  it("an opening that says what it is (现将…法治政府建设工作情况报告如下) makes a 法治政府 report", () => {
    const p = profileOf(segmentText(`2024年，我局坚持以习近平法治思想为指导，扎实推进依法行政。现将我局2024年法治政府建设工作情况报告如下：\n（一）健全法治工作体系\n${BODY}`));
    expect(p.genre).toBe("law-gov-report");
    expect(p.genreEvidence).toMatchObject({ source: "opening", text: "现将我局2024年法治政府建设工作情况报告如下" });
  });
  it("and 现将我镇2024年推进法治建设工作情况汇报如下", () => {
    expect(profileOf(segmentText(`区委、区政府：\n2024年，我镇深入推进法治政府建设工作，依法履行法定职责。现将我镇2024年推进法治建设工作情况汇报如下：\n${BODY}`)).genre).toBe("law-gov-report");
  });
  it("so does a first part 一、2019年推进法治政府建设情况", () => {
    expect(profileOf(segmentText(`2019年，在县委的正确领导下，我县全面推进依法行政，法治政府建设各项工作迈上新台阶。\n一、2019年推进法治政府建设情况\n${BODY}`)).genre).toBe("law-gov-report");
  });
  it("and a title broken over two lines (…2025年法治政府建设 / 情况工作报告); the pair is no unit", () => {
    const p = profileOf(segmentText(`某区生态环境分局2025年法治政府建设\n情况工作报告\n今年以来，分局深入学习贯彻习近平法治思想，依法行政水平不断提升。\n${BODY}`));
    expect(p.genre).toBe("law-gov-report");
  });
  it("a page that only talks about 法治政府建设, a notice issuing a 工作安排, a 解读 stay other", () => {
    expect(profileOf(segmentText(`2024年，全区法治政府建设取得新成效，依法行政水平不断提升。\n${BODY}`)).genre).toBe("other");
    expect(profileOf(segmentText(`关于印发某县2020年度法治政府建设\n工作安排的通知\n各乡镇人民政府：\n现印发给你们，请认真贯彻执行。\n${BODY}`)).genre).toBe("other");
    expect(profileOf(segmentText(`【文字解读】某区2024年法治政府建设情况报告解读\n现将某区2024年法治政府建设情况报告如下解读。\n${BODY}`)).genre).toBe("other");
  });
});

describe("profile: the unit of a 法治政府 report posted by another body (held-out pages)", () => {
  const BODY = "2023年，全区坚持以习近平法治思想为指导，加快构建职责明确、依法行政的政府治理体系，法治政府建设取得新成效。现将有关情况报告如下。\n一、主要举措和成效\n全年共审核规范性文件28件，办理行政复议案件40件，行政机关负责人出庭应诉率100%。";
  it("the place before or after the year in the title, not the 来源 / 发布机构 line", () => {
    expect(profileOf(segmentText(`某海区2023年度法治政府建设情况报告\n来源:某海区人民政府办公室 发布时间:2024-03-28 09:18\n${BODY}`))).toMatchObject({ unit: "某海区", level: "county" });
    expect(profileOf(segmentText(`2020年某海区法治政府建设情况报告\n文章来源:司法局 更新时间:2021/03/29 11:30:01\n${BODY}`))).toMatchObject({ unit: "某海区", level: "county" });
  });
  it("a …关于 title still names the unit; 关于 alone is no unit", () => {
    expect(profileOf(segmentText(`某市人民政府关于2017年度法治政府建设情况的报告\n来源:某省司法厅\n${BODY}`))).toMatchObject({ unit: "某市人民政府", level: "city" });
    expect(profileOf(segmentText(`关于2025年法治政府建设情况的报告\n盟委、行署：\n${BODY}`)).unit).toBeNull();
  });
  it("a title in a table row names its unit in the last cell; a cover notice's date after the issuing body dates the document", () => {
    const p = profileOf(segmentText(`发文字号 | 某政发〔2025〕33号 | 制发机构 | |\n标 题 | 某市人民政府关于印发《某市创建法治政府建设示范市实施方案》的通知 |\n各县区人民政府，市政府各部门：\n《某市创建法治政府建设示范市实施方案》已经市委、市政府同意，现印发给你们，请认真抓好贯彻落实。\n某市人民政府\n2025年6月13日\n某市创建法治政府建设示范市实施方案\n${BODY}`));
    expect(p).toMatchObject({ unit: "某市人民政府", date: "2025-06-13" });
  });
  it("a label before a …关于 title (【文字解读】《…) is not part of the unit", () => {
    expect(profileOf(segmentText(`【文字解读】《某市人民政府关于2024年法治政府建设情况的报告》文件解读\n${BODY}`)).unit).toBe("某市人民政府");
  });
  it("a second name in brackets does not hide the level", () => {
    expect(levelOf("高新区（新市区）人民政府")).toBe("county");
    expect(levelOf("某市（州）生态环境局")).toBe("department");
  });
});

describe("profile: overrides", () => {
  it("front matter keys (genre, report_year, doc_date) win over the text", async () => {
    const p = await fixture("front-matter-overrides.md");
    expect(p).toMatchObject({ genre: "other", subKind: "interpretation", date: "2021-02-01", dateSource: "override", reportYear: 2020, planYear: 2021 });
    expect(p.overridden).toEqual(expect.arrayContaining(["genre", "date", "reportYear"]));
  });
  it("index.tsv columns genre / doc_date / level / complete; a bare `year` column is only a hint", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-profile-"));
    copyFileSync(join(FIXTURES, "truncated-excerpt.txt"), join(dir, "a.txt"));
    copyFileSync(join(FIXTURES, "lawtext-019-sanya.md"), join(dir, "b.md"));
    writeFileSync(join(dir, "index.tsv"), "file\tgenre\tdoc_date\tcomplete\tyear\na.txt\t法治政府建设年度报告\t2023-01-20\t是\t\nb.md\t\t\t\t2024\n");
    const a = await profileFile(join(dir, "a.txt"));
    expect(a).toMatchObject({ genre: "law-gov-report", date: "2023-01-20", dateSource: "override", complete: true });
    const b = await profileFile(join(dir, "b.md"));
    // lawtext's `year` (the file-name year) does not override what the text says.
    expect(b).toMatchObject({ reportYear: 2022, planYear: 2023, overridden: [] });
  });
  it("CLI overrides (IndexTsvCache(overrides)) apply to every file and win over index.tsv", async () => {
    const cache = new IndexTsvCache(overridesFrom({ genre: "gov-work-report", doc_date: "2019-01-08", report_year: "2018", unit: "杭州市人民政府" }));
    const p = await profileFile(join(FIXTURES, "interpretation.txt"), cache);
    expect(p).toMatchObject({ genre: "gov-work-report", date: "2019-01-08", reportYear: 2018, planYear: 2019, unit: "杭州市人民政府", level: "city" });
  });
  it("genre names: ids, Chinese names and sub-kinds", () => {
    expect(overridesFrom({ genre: "统计公报" })).toEqual({ genre: "statistical-communique" });
    expect(overridesFrom({ genre: "news" })).toEqual({ genre: "other", subKind: "news" });
    expect(overridesFrom({ genre: "nonsense", report_year: "abc" })).toEqual({});
  });
});

describe("levelOf", () => {
  it.each([
    ["国务院", "national"],
    ["广东省人民政府", "province"],
    ["上海市人民政府", "province"],
    ["海西蒙古族藏族自治州人民政府", "city"],
    ["广州市番禺区人民政府", "county"],
    ["韶关市武江区西联镇人民政府", "township"],
    ["广州市荔湾区人民政府东漖街道办事处", "township"],
    ["中共洪山区委全面依法治区委员会办公室", "department"],
  ])("%s → %s", (unit, level) => expect(levelOf(unit)).toBe(level));
});
