import { describe, expect, test } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { ingestBuffer } from "../../pipeline/stages/ingest.js";
import { normalize } from "../../pipeline/stages/normalize.js";
import { segment } from "../../pipeline/stages/segment.js";
import { createSegmenter } from "../../pipeline/segmenter/index.js";
import { runChecks } from "../../pipeline/stages/check.js";
import { loadRuleSetFromString } from "../../pipeline/ruleset/load.js";
import type { Finding } from "../../pipeline/model/finding.js";
import { assertFindingInvariants } from "../helpers/rule-tester.js";
import { ROOT } from "../helpers/pipeline.js";
import { consistentFigures, govInfoReportDocx, type GovInfoFigures } from "../fixtures/formats/make-gov-info-docx.js";

/** The three arithmetic rules of rules/national.yaml (error: sum/rate/change; warning: remainder/loose; warning: count/shares). */
const RULES = `id: t
name: t
rules:
  arithmetic: { type: arithmetic, severity: error, kinds: [sum, rate, change] }
  arithmetic-remainder: { type: arithmetic, severity: warning, kinds: [remainder, loose] }
  arithmetic-count: { type: arithmetic, severity: warning, kinds: [count, shares] }
`;

async function check(buf: Buffer | string, name: string): Promise<Finding[]> {
  const raw = await ingestBuffer(typeof buf === "string" ? Buffer.from(buf) : buf, name);
  const doc = segment(normalize(raw), createSegmenter("node-rs"));
  const loaded = loadRuleSetFromString(RULES, `${ROOT}test/fixtures/inline-rules.yaml`);
  if (!loaded.ok) throw new Error("rules");
  const { findings } = runChecks(doc, loaded.ruleset, { lang: "zh" });
  for (const f of findings) assertFindingInvariants(f, raw.original);
  return findings;
}

const summary = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.text}: ${f.message}`);

function withFigures(change: (f: GovInfoFigures) => void): GovInfoFigures {
  const f = consistentFigures();
  change(f);
  return f;
}

describe("政府信息公开年度报告 (.docx, the 2021 format's tables)", () => {
  test("consistent figures: silent", async () => {
    expect(summary(await check(await govInfoReportDocx(), "ok.docx"))).toEqual([]);
  });

  test("a wrong （七）总计 is found once, at the 总计 cell, with its parts", async () => {
    const figures = withFigures((f) => (f.requests["（七）总计"]![0] = 143));
    const findings = await check(await govInfoReportDocx(figures), "bad.docx");
    expect(summary(findings)).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ ruleId: "t.arithmetic", severity: "error", text: "143" });
    expect(f!.message).toBe("表中“三、本年度办理结果/（七）总计／自然人”为143，各分项之和为134（58+12+0+0+0+5+0+3+0+0+31+6+0+7+4+0+0+0+0+0+8），相差9");
    expect(f!.evidence).toMatchObject({ kind: "sum", table: "row-total", stated: 143, expected: 134, tolerance: 0, complete: true });
    expect(f!.related!.length).toBe(22);
  });

  test("本年新收 + 上年结转 = 总计 + 结转下年 (kb identity, with its source)", async () => {
    const figures = withFigures((f) => (f.requests["四、结转下年度继续办理"]![1] = 4));
    const findings = await check(await govInfoReportDocx(figures), "carry.docx");
    // The 结转 cell breaks the balance and its row's 总计 column (13 ≠ 11+4+0+0+0+0): two findings, two cells.
    const balance = findings.find((f) => f.evidence.table === "identity" && f.evidence.identity === "gov-info-requests-balance");
    expect(balance).toMatchObject({ text: "4", severity: "error" });
    expect(balance!.message).toContain("21+2=23，而21+4=25");
    expect(String(balance!.evidence.source)).toContain("domain-kb.md §4.2");
  });

  test("行政复议 / 行政诉讼: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 per block", async () => {
    const figures = withFigures((f) => (f.review[9] = 6));
    const findings = await check(await govInfoReportDocx(figures), "review.docx");
    expect(summary(findings)).toEqual(["t.arithmetic 6: 表中“第4行／行政诉讼/未经复议直接起诉/总计”为6，各分项之和为5（3+0+1+1），相差1"]);
    expect(findings[0]!.evidence).toMatchObject({ identity: "gov-info-review-litigation" });
  });
});

describe(".docx tables with 合计", () => {
  const docx = async (rows: string[][]) => {
    const c = (t: string) => new TableCell({ children: [new Paragraph(t)] });
    const table = new Table({ rows: rows.map((r) => new TableRow({ children: r.map(c) })) });
    return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("某局2023年法治政府建设年度报告"), new Paragraph("一、行政执法情况"), new Paragraph("全年办理行政执法案件情况如下。"), table] }] }));
  };
  test("a 合计 row and a 合计 column that add up: silent; a repeated 0 is no watermark", async () => {
    const rows = [["类别", "一季度", "二季度", "合计"], ["行政许可", "12", "0", "12"], ["行政处罚", "30", "0", "30"], ["行政检查", "0", "0", "0"], ["合计", "42", "0", "42"]];
    const raw = await ingestBuffer(await docx(rows), "t.docx");
    expect(summary(await check(await docx(rows), "t.docx"))).toEqual([]);
    expect(raw.tables).toHaveLength(1);
  });
  test("a 序号 column is a label; the 合计 row still adds up its rows", async () => {
    const rows = [["序号", "单位", "办件量（件）"], ["1", "区市场监管局", "1200"], ["2", "区人社局", "830"], ["3", "区住建局", "415"], ["", "合计", "2455"]];
    expect(summary(await check(await docx(rows), "t.docx"))).toEqual(["t.arithmetic 2455: 表中“合计／办件量（件）”为2455，各分项之和为2445（1200+830+415），相差10"]);
  });
  test("a wrong 合计 row cell and a wrong 合计 column cell", async () => {
    const rows = [["类别", "一季度", "二季度", "合计"], ["行政许可", "12", "3", "15"], ["行政处罚", "30", "4", "35"], ["合计", "42", "8", "50"]];
    expect(summary(await check(await docx(rows), "t.docx"))).toEqual([
      "t.arithmetic 35: 表中“行政处罚／合计”为35，各分项之和为34（30+4），相差1",
      "t.arithmetic 8: 表中“合计／二季度”为8，各分项之和为7（3+4），相差1",
    ]);
  });
});

describe("statistical communiqué tables (Markdown)", () => {
  const population = (urban: string, share: string) => `# 2014年国民经济和社会发展统计公报

| 表1 2014年年末人口数及其构成 | | |
| --- | --- | --- |
| 指  标 | 年末数（万人） | 比重（%） |
| **全国总人口** | **136782** | **100.0** |
| 其中：城镇 | ${urban} | ${share} |
| 乡村 | 61866 | 45.23 |
| 其中：男性 | 70079 | 51.2 |
| 女性 | 66703 | 48.8 |
| 其中：0-15岁（含不满16周岁） | 23957 | 17.5 |
| 16-59岁（含不满60周岁） | 91583 | 67.0 |
| 60周岁及以上 | 21242 | 15.5 |
| 其中：65周岁及以上 | 13755 | 10.1 |
`;
  test("the real 2014 population table: silent", async () => {
    expect(summary(await check(population("74916", "54.77"), "t.md"))).toEqual([]);
  });
  test("a changed part: the group's shares add up to 100, so the figures must add up too (one warning, on the total: shares prove the list whole only up to rounding)", async () => {
    const fs = await check(population("75916", "54.77"), "t.md");
    expect(summary(fs)).toEqual(["t.arithmetic-remainder 136782: 表中“全国总人口／年末数（万人）”为136782，各分项之和为137782（75916+61866），相差1000"]);
    expect(fs[0]!.evidence).toMatchObject({ witness: "比重（%）", tolerance: 1.5, complete: true });
    expect(fs[0]!.related!.map((r) => r.text)).toEqual(["136782", "75916", "61866"]);
  });
  test("a share that is not part ÷ total", async () => {
    const fs = await check(population("74916", "55.77"), "t.md");
    expect(summary(fs)).toContain("t.arithmetic 55.77: 表中“其中：城镇”的比重（%）写作55.77，按74916/136782计算为54.77%");
  });

  // 2004 communiqué 表9: a top 总计 over the main industries only (the rows add up to less).
  const fdi = (manufacturing: string) => `# 公报

**表9：2004年外商直接投资分行业情况（金额单位：亿美元）**

| 行业名称 | 合同项目（个） | 合同金额 | 实际使用金额 | |
| --- | --- | --- | --- | --- |
| 总计 | 43664 | 1534.8 | 606.3 | |
| 农、林、牧、渔业 | 1130 | 32.7 | 11.1 | |
| 采矿业 | 279 | 11.6 | 5.4 | |
| 制造业 | ${manufacturing} | 1097.4 | 430.2 | |
| 电力、燃气及水的生产和供应业 | 455 | 39.6 | 11.4 | |
| 建筑业 | 411 | 17.7 | 7.7 | |
| 租赁和商务服务业 | 2661 | 67.4 | 28.2 | |
`;
  test("a top 总计 over the main industries only (a partial list): silent", async () => {
    expect(summary(await check(fdi("30386"), "t.md"))).toEqual([]);
  });
  test("parts above a top 总计 are a warning (no other column proves the list complete)", async () => {
    const fs = await check(fdi("40386"), "t.md");
    expect(summary(fs)).toEqual(["t.arithmetic-remainder 43664: 表中“总计／合同项目（个）”为43664，其下所列各项之和45322（1130+279+40386+455+411+2661）已超过该数"]);
    expect(fs[0]!.evidence).toMatchObject({ kind: "loose", complete: false, tolerance: 0 });
  });
  test("其中 rows are sub-rows: a top 总计 with 其中 runs is silent when any reading adds up", async () => {
    const md = `# 公报

| 行 业 | 投资额（亿元） | 比上年增长（%） |
| --- | --- | --- |
| 总 计 | 502005 | 15.7 |
| 农、林、牧、渔业 | 14697 | 31.3 |
| 采矿业 | 14681 | 0.7 |
| 其中：煤炭开采和洗选业 | 4682 | -8.1 |
| 石油和天然气开采业 | 3946 | 2.9 |
| 制造业 | 472627 | 13.5 |
`;
    expect(summary(await check(md, "t.md"))).toEqual([]);
  });

  const shares = (third: string) => `# 某市2023年营商环境评价情况

| 诉求类别 | 件数 | 占比（%） |
| --- | --- | --- |
| 政策咨询 | 450 | 45.0 |
| 审批办理 | 330 | 33.0 |
| 其他 | 220 | ${third} |
`;
  test("shares without a 100 % row may fall short of 100, never exceed it", async () => {
    expect(summary(await check(shares("22.0"), "t.md"))).toEqual([]);
    expect(summary(await check(shares("32.0"), "t.md"))).toEqual(["t.arithmetic-count 32.0: 同一总体的各部分占比之和为110%（45+33+32），超过100%"]);
  });

  test("HTML: a 合计 row that does not add up", async () => {
    const html = `<html><head><title>某县2023年法治政府建设年度报告</title></head><body><div class="article">
      <p>某县2023年法治政府建设年度报告</p><p>一、行政复议和行政诉讼情况。全年共办理行政复议案件，具体情况见下表，数据统计期限为2023年全年。</p>
      <table><tr><td>复议结果</td><td>件数</td></tr><tr><td>维持</td><td>21</td></tr><tr><td>撤销</td><td>4</td></tr>
      <tr><td>确认违法</td><td>2</td></tr><tr><td>终止</td><td>5</td></tr><tr><td>合计</td><td>33</td></tr></table>
      <p>二、下一步工作打算。我县将继续加强行政复议工作，提升办案质量和效率，切实维护群众合法权益。</p></div></body></html>`;
    const fs = await check(html, "page.html");
    expect(summary(fs)).toEqual(["t.arithmetic 33: 表中“合计／件数”为33，各分项之和为32（21+4+2+5），相差1"]);
    expect(fs[0]!.related!.map((r) => r.label)).toEqual(["total", "维持", "撤销", "确认违法", "终止"]);
  });

  test("real communiqués with tables: no error; the one warning is the 2007 表8 count one short of its 总计", async () => {
    const warnings: string[] = [];
    for (const file of ["002.md", "005.md", "010.md", "011.md", "018.md"]) {
      const path = `${ROOT}../shared/corpora/lawtext/${file}`;
      if (!existsSync(path)) continue;
      const fs = (await check(readFileSync(path), path)).filter((f) => String(f.evidence.table ?? "") !== "");
      expect(summary(fs.filter((f) => f.severity === "error")), file).toEqual([]);
      warnings.push(...summary(fs).map((s) => `${file} ${s}`));
    }
    // The amounts (rounded) agree within rounding, the enterprises (exact) are one short: an unlisted
    // category or a slip; a warning, not an error.
    if (warnings.length) expect(warnings).toEqual([expect.stringMatching(/^005\.md t\.arithmetic-remainder 37871: 表中“总计／企业数（家）”为37871，各分项之和为37870/)]);
  });
});

describe("flat copies of the 政府信息公开 form", () => {
  test("a （七）总计 never takes the 一、本年新收 / 二、上年结转 rows above it as parts; the balance is checked", async () => {
    const md = `# 报告

| 项目 | 自然人 | 总计 |
| --- | --- | --- |
| 一、本年新收政府信息公开申请数量 | 10 | 10 |
| 二、上年结转政府信息公开申请数量 | 2 | 2 |
| （七）总计 | 9 | 9 |
| 四、结转下年度继续办理 | 4 | 4 |
`;
    const fs = await check(md, "t.md");
    expect(fs.map((f) => [f.text, f.evidence.table, f.evidence.identity])).toEqual([
      ["4", "identity", "gov-info-requests-balance"],
      ["4", "identity", "gov-info-requests-balance"],
    ]);
  });
});

describe("the whole of a table of shares", () => {
  test("a whole printed as 103.0 while its groups' shares add up to 100", async () => {
    const md = `# 公报

| 指 标 | 年末数（万人） | 比重（%） |
| --- | --- | --- |
| 全国总人口 | 132802 | 103.0 |
| 其中：城镇 | 60667 | 45.7 |
| 乡村 | 72135 | 54.3 |
| 其中：男性 | 68357 | 51.5 |
| 女性 | 64445 | 48.5 |
`;
    const fs = await check(md, "t.md");
    expect(summary(fs)).toEqual([
      "t.arithmetic-remainder 103.0: 表中“全国总人口／比重（%）”为103.0，各分项之和为100（45.7+54.3），相差3",
    ]);
  });
});
