/**
 * Comments and tracked changes on a .docx with what real Word files hold: a hyperlink, a tab, a line break, a
 * footnote, someone's comment and someone's tracked changes, a bookmark, a page break and a table.
 */
import { describe, expect, test } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { docxReader } from "../pipeline/formats/docx.js";
import { annotateDocx } from "../pipeline/docx/comments.js";
import { reviseDocx } from "../pipeline/docx/revisions.js";
import type { Finding } from "../pipeline/model/finding.js";
import { readBack } from "./helpers/docx-read.js";
import { complexDocx } from "./helpers/complex-docx.js";
import { canRunLibreOffice, convert, readOdt } from "./helpers/libreoffice.js";

const finding = (original: string, start: number, end: number, fix?: string): Finding => ({
  ruleId: "test.rule",
  check: "term",
  severity: "warning",
  start,
  end,
  line: 1,
  column: 1,
  text: original.slice(start, end),
  message: `测试 ${start}`,
  evidence: {},
  ...(fix !== undefined ? { fix: { start, end, replacement: fix } } : {}),
});

async function setUp() {
  const buf = await complexDocx();
  const { original } = await docxReader.read(buf, "complex.docx");
  // The footnote is extracted after the body (mammoth), with a ↑ back-link: Word keeps it in footnotes.xml.
  const footnoteAt = original.lastIndexOf("依据《法治政府建设实施纲要");
  const clauses = [...original.matchAll(/[^，。\s↑[\]\d][^，。\n\t[]*/gu)].map((m) => finding(original, m.index, m.index + m[0].length));
  const terms = [...original.matchAll(/其它/gu)].map((m) => finding(original, m.index + 1, m.index + 2, "他"));
  return { buf, original, footnoteAt, clauses, terms };
}

describe("a .docx with hyperlinks, footnotes, comments and revisions already in it", () => {
  test("comments: every clause of the body anchored exactly; the footnote's (not in the body) at a point; the existing comment kept", async () => {
    const { buf, original, footnoteAt, clauses } = await setUp();
    expect(clauses.length).toBeGreaterThan(15);
    const { docx, anchors } = await annotateDocx(buf, original, clauses);
    const rb = await readBack(docx);
    expect(rb.comments.length).toBe(clauses.length + 1);
    expect(rb.comments[0]).toMatchObject({ author: "李四", text: "请核实数字" });
    expect(rb.ranges.get(rb.comments[0]!.id)).toBe("行政应诉案件出庭率达到100%，");
    clauses.forEach((f, k) => {
      const c = rb.comments[k + 1]!;
      if (f.start < footnoteAt) {
        expect(anchors[k]).toBe("exact");
        expect(rb.ranges.get(c.id)).toBe(f.text);
      } else expect(anchors[k]).toBe("point");
    });
    // Hyperlink text, italic text after the tab, the red run after the footnote mark, the bookmark and the table cells are among them.
    for (const t of ["我局依据《中华人民共和国行政许可法》开展清理工作", "其它案件均已审结", "法治宣传进一步深入", "下一步", "数量"]) expect([...rb.ranges.values()]).toContain(t);
    expect(rb.accepted).toBe((await readBack(buf)).accepted);
    if (!canRunLibreOffice) return;
    const dir = mkdtempSync(join(tmpdir(), "rqc-complex-"));
    writeFileSync(join(dir, "annotated.docx"), docx);
    const odt = await readOdt(convert([join(dir, "annotated.docx")], "odt")[0]!);
    expect(odt.annotations.filter((a) => a.author === "report-qc").length).toBe(clauses.length);
    expect(odt.annotations.filter((a) => a.author === "李四").map((a) => a.range)).toEqual(["行政应诉案件出庭率达到100%，"]);
  });

  test("tracked changes: every 其它 of the body becomes 其他 (italic run after a tab, after a line break, next to revisions, in a bookmark, in a table cell); the footnote's is not placeable; the existing revisions stay", async () => {
    const { buf, original, footnoteAt, terms } = await setUp();
    // A fix inside 张三's tracked insertion (进一步) is not placed: no revision inside a revision.
    const inserted = original.indexOf("进一步");
    const inOthers = { edits: [{ start: inserted, end: inserted + 3, replacement: "更加" }], f: finding(original, inserted, inserted + 3, "更加") };
    const groups = [...terms.map((f) => ({ edits: [f.fix!], f })), inOthers];
    const { docx, placed, unplaced } = await reviseDocx(buf, original, groups);
    expect(unplaced.map((g) => g.f.start > footnoteAt || g === inOthers)).toEqual([true, true]);
    expect(placed.length).toBe(terms.length - 1);
    expect(placed).not.toContain(inOthers);
    const before = await readBack(buf);
    const rb = await readBack(docx);
    expect(rb.rejected).toBe(before.rejected);
    expect(rb.accepted).toBe(before.accepted.replaceAll("其它", "其他"));
    expect(rb.changes.filter((c) => c.author === "张三").map((c) => [c.kind, c.text])).toEqual([
      ["ins", "进一步"],
      ["del", "逐步"],
    ]);
    expect(rb.changes.filter((c) => c.author === "report-qc").length).toBe(2 * placed.length);
    // The italic run's replacement is italic.
    const italic = rb.changes.find((c) => c.author === "report-qc" && c.kind === "ins" && /<w:i\/>/.test(c.props));
    expect(italic).toBeDefined();
    if (!canRunLibreOffice) return;
    const dir = mkdtempSync(join(tmpdir(), "rqc-complex-"));
    writeFileSync(join(dir, "revised.docx"), docx);
    const odt = await readOdt(convert([join(dir, "revised.docx")], "odt")[0]!);
    expect(odt.changes.filter((c) => c.author === "report-qc").length).toBe(2 * placed.length);
    expect(odt.changes.filter((c) => c.author === "张三").length).toBe(2);
    expect(odt.changes.filter((c) => c.author === "report-qc" && c.kind === "deletion").map((c) => c.text)).toEqual(placed.map(() => "它"));
  });
});
