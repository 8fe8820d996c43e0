import { describe, expect, test } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { ingestBuffer } from "../pipeline/stages/ingest.js";
import { normalize } from "../pipeline/stages/normalize.js";
import { segment } from "../pipeline/stages/segment.js";
import { createSegmenter } from "../pipeline/segmenter/index.js";
import type { NormalizedDocument } from "../pipeline/model/document.js";
import { runChecks } from "../pipeline/stages/check.js";
import { ruleSetFor } from "./helpers/rule-tester.js";
import { consistentFigures, govInfoReportDocx } from "./fixtures/formats/make-gov-info-docx.js";

/** Every cell's text is exactly the normalized slice, and maps to an original span that shows it. */
function expectExactCells(n: NormalizedDocument): number {
  let cells = 0;
  for (const t of n.tables ?? []) {
    for (const r of t.rows) {
      for (const c of r.cells) {
        cells++;
        expect(n.text.slice(c.start, c.end)).toBe(c.text);
        const [s, e] = n.map.toOriginal(c.start, c.end);
        // The original may hold markup inside the cell (`<br>**136782**`); the cell's characters are all there, in order.
        const orig = n.raw.original.slice(s, e);
        let k = 0;
        for (const ch of c.text.replace(/\s+/g, "")) k = orig.indexOf(ch, k) + 1;
        expect(k, `${c.text} in ${orig}`).toBeGreaterThan(0);
      }
    }
  }
  return cells;
}

describe("tables kept as tables", () => {
  test(".docx: the 政府信息公开 table's merged cells keep their grid columns, each row is one line", async () => {
    const raw = await ingestBuffer(await govInfoReportDocx(), "report.docx");
    expect(raw.tables).toHaveLength(2);
    const n = normalize(raw);
    expect(expectExactCells(n)).toBeGreaterThan(200);
    const [requests, review] = n.tables!;
    // Header: 申请人情况 over seven columns; 总计 in column 9 merged down two rows.
    expect(requests!.rows[1]!.cells.map((c) => [c.col, c.text])).toEqual([[3, "自然人"], [4, "法人或其他组织"], [9, "总计"]]);
    const first = requests!.rows[3]!;
    expect(first.cells.map((c) => c.text)).toEqual(["一、本年新收政府信息公开申请数量", ...consistentFigures().requests["一、本年新收政府信息公开申请数量"]!.map(String)]);
    // One row, one line: cells separated by a tab in the original, a space that normalize keeps between 量 and 136.
    expect(raw.original.slice(raw.tables![0]!.rows[3]!.start, raw.tables![0]!.rows[3]!.end)).toBe(first.cells.map((c) => c.text).join("\t"));
    expect(n.text.slice(first.start, first.end)).toBe(first.cells.map((c) => c.text).join(" "));
    const merged = requests!.rows.find((r) => r.cells[0]!.text === "（三）不予公开")!;
    expect(merged.cells[0]).toMatchObject({ col: 1, rowSpan: 8 });
    expect(merged.cells[1]).toMatchObject({ col: 2, text: "1.属于国家秘密" });
    expect(review!.rows.at(-1)!.cells.map((c) => c.col)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  test(".docx: table rows are no headings, numbering or chrome; their repeated cells are no watermark", async () => {
    const raw = await ingestBuffer(await govInfoReportDocx(), "report.docx");
    const doc = segment(normalize(raw), createSegmenter("node-rs"));
    const rows = doc.blocks.filter((b) => b.table);
    expect(rows.length).toBe(28 + 4);
    expect(rows.every((b) => b.kind === "paragraph" && !b.numbering)).toBe(true);
    // The report's own headings are still headings, numbered 一 … 六 without the table's 一、二、三、四、 in between.
    expect(doc.blocks.filter((b) => b.kind === "heading").map((b) => b.numbering?.raw)).toEqual(["一、", "二、", "三、", "四、", "五、", "六、"]);
    expect(doc.normalized.noise).toEqual([]);
    // The form's many `0` cells and repeated labels (总计, 结果维持 …) are no watermark or running header.
    const { findings } = runChecks(doc, ruleSetFor("extraction-noise"), { lang: "zh" });
    expect(findings.map((f) => `${f.text}: ${f.message}`)).toEqual([]);
  });

  test(".docx: a simple table with a 合计 row", async () => {
    const c = (t: string) => new TableCell({ children: [new Paragraph(t)] });
    const table = new Table({ rows: [["项目", "件数"], ["行政许可", "12"], ["行政处罚", "30"], ["合计", "42"]].map((r) => new TableRow({ children: r.map(c) })) });
    const buf = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("某局2023年工作报告"), new Paragraph("办理情况如下表。"), table, new Paragraph("以上。")] }] }));
    const raw = await ingestBuffer(buf, "t.docx");
    expect(raw.original).toBe("某局2023年工作报告\n\n办理情况如下表。\n\n项目\t件数\n行政许可\t12\n行政处罚\t30\n合计\t42\n\n以上。\n");
    const n = normalize(raw);
    expect(n.text).toBe("某局2023年工作报告\n\n办理情况如下表。\n\n项目 件数\n行政许可 12\n行政处罚 30\n合计 42\n\n以上。\n");
    expect(n.tables![0]!.rows.map((r) => r.cells.map((c) => c.text))).toEqual([["项目", "件数"], ["行政许可", "12"], ["行政处罚", "30"], ["合计", "42"]]);
  });

  test("HTML: a data table keeps rows and cells; a layout table stays lines", async () => {
    const html = `<html><head><title>某区2023年政府信息公开工作年度报告</title></head><body><div class="content">
      <p>某区2023年政府信息公开工作年度报告</p><p>现将本区情况报告如下，数据统计期限为2023年1月1日至2023年12月31日，共计一年时间。</p>
      <table><tbody><tr><th>项目</th><th>本年制发件数</th><th>本年废止件数</th></tr>
      <tr><td><p>规章</p></td><td>0</td><td>0</td></tr><tr><td>行政规范性文件</td><td>12</td><td>3</td></tr></tbody></table>
      <p>以上为主动公开情况。</p></div></body></html>`;
    const raw = await ingestBuffer(Buffer.from(html), "page.html");
    const n = normalize(raw);
    expectExactCells(n);
    expect(n.tables![0]!.source).toBe("html");
    expect(n.tables![0]!.rows.map((r) => r.cells.map((c) => c.text))).toEqual([["项目", "本年制发件数", "本年废止件数"], ["规章", "0", "0"], ["行政规范性文件", "12", "3"]]);
    expect(n.tables![0]!.rows[0]!.cells[0]!.header).toBe(true);
  });

  test("Markdown: the GFM tables of statistical communiqués, cells mapped exactly through <br> and ** markup", async () => {
    for (const file of ["002.md", "010.md", "018.md"]) {
      const path = `../shared/corpora/lawtext/${file}`;
      if (!existsSync(path)) continue; // shared corpora absent: the inline table below still runs
      const n = normalize(await ingestBuffer(readFileSync(path), path));
      expect(expectExactCells(n), file).toBeGreaterThan(300);
    }
  });

  test("Markdown: rows, columns (empty cells counted) and header cells", async () => {
    const md = "# 表\n\n| 指 标 | 绝对数 | | 比上年增长% |\n| --- | --- | --- | --- |\n| **总 计** | <br>**502005** | | 15.7 |\n| 其中：城镇 | 74916 | | 5.1 |\n";
    const raw = await ingestBuffer(Buffer.from(md), "t.md");
    const n = normalize(raw);
    expectExactCells(n);
    const t = n.tables![0]!;
    expect(t.rows.map((r) => r.cells.map((c) => [c.col, c.text]))).toEqual([
      [[0, "指 标"], [1, "绝对数"], [3, "比上年增长%"]],
      [[0, "总 计"], [1, "502005"], [3, "15.7"]],
      [[0, "其中：城镇"], [1, "74916"], [3, "5.1"]],
    ]);
    expect(t.rows[0]!.cells.every((c) => c.header)).toBe(true);
  });
});
