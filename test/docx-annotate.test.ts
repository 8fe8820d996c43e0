/**
 * `--format docx` on real files: the checked document with one Word comment per finding, anchored on
 * exactly the finding's text, formatting kept; read back from the XML and converted by LibreOffice.
 */
import { describe, expect, test } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPipeline } from "../pipeline/run.js";
import { sourcesFromProcessed, writeReports } from "../pipeline/report/index.js";
import { annotatedDocx } from "../pipeline/report/docx.js";
import { annotateDocx } from "../pipeline/docx/comments.js";
import type { DocumentResult, Finding } from "../pipeline/model/finding.js";
import { parseMarkdown } from "../pipeline/formats/markdown.js";
import { readBack } from "./helpers/docx-read.js";
import { commentLines } from "../pipeline/docx/comment-text.js";
import { styledDocx } from "./helpers/styled-docx.js";
import { canRunLibreOffice, convert, readOdt } from "./helpers/libreoffice.js";

const tmp = () => mkdtempSync(join(tmpdir(), "rqc-docx-"));
const seeds = readdirSync("corpus").filter((f) => f.endsWith(".txt")).map((f) => join("corpus", f));

async function check(paths: string[]) {
  const { model, processed } = await runPipeline(paths, { lang: "zh", segmenter: "node-rs", concurrency: 1, corpus: false });
  expect(model.errors).toEqual([]);
  return { model, sources: sourcesFromProcessed(processed) };
}

/** Every comment's range holds exactly its finding's text; one comment per finding, in order, by report-qc. */
/** A paragraph break is "\n\n" in the extracted text and one paragraph end in Word. */
const asInWord = (s: string) => s.replace(/\n+/g, "\n");

async function expectAnchored(docx: Buffer, findings: Finding[], textOf: (f: Finding) => string = (f) => asInWord(f.text)) {
  const rb = await readBack(docx);
  expect(rb.comments.length).toBe(findings.length);
  rb.comments.forEach((c, k) => {
    expect(c.author).toBe("report-qc");
    expect(rb.ranges.get(c.id)).toBe(textOf(findings[k]!));
    expect(c.text).toContain(findings[k]!.message);
    if (findings[k]!.suggestion) expect(c.text).toContain(findings[k]!.suggestion);
  });
  return rb;
}

describe("annotated .docx of a Word input", () => {
  test("every seed as a formatted .docx: one comment per finding on exactly its text, the text and every character's formatting unchanged", async () => {
    const dir = tmp();
    const inputs: string[] = [];
    for (const s of seeds) {
      const p = join(dir, s.replace(/^corpus\//, "").replace(/\.txt$/, ".docx"));
      writeFileSync(p, await styledDocx(readFileSync(s, "utf8"), { tableRows: 2 }));
      inputs.push(p);
    }
    const { model, sources } = await check(inputs);
    let total = 0;
    for (const d of model.documents) {
      const out = await annotatedDocx(d, sources.get(d.path)!, "zh");
      const rb = await expectAnchored(out, d.findings);
      total += d.findings.length;
      const before = await readBack(readFileSync(d.path));
      // Comments add markers and reference runs, never characters; runs split keep their properties.
      expect(rb.accepted).toBe(before.accepted);
      expect(rb.props).toEqual(before.props);
    }
    expect(total).toBeGreaterThan(20);
  });

  test("a finding on Word's automatic number is anchored where the number stands; the paragraph's own text stays exact", async () => {
    const seed = readFileSync("corpus/001_fd56e537edcebdc8.txt", "utf8");
    const buf = await styledDocx(seed, { autoNumbered: true });
    const dir = tmp();
    writeFileSync(join(dir, "auto.docx"), buf);
    const { model, sources } = await check([join(dir, "auto.docx")]);
    const original = sources.get(model.documents[0]!.path)!.original;
    const at = original.indexOf("二、");
    expect(at).toBeGreaterThan(0); // the automatic number is in the extracted text
    const heading = original.slice(at, original.indexOf("\n", at));
    const finding = (start: number, end: number): Finding => ({ ruleId: "t.x", check: "numbering", severity: "warning", start, end, line: 1, column: 1, text: original.slice(start, end), message: "m", evidence: {} });
    const label = finding(at, at + 2);
    const whole = finding(at, at + heading.length);
    const body = finding(at + 2, at + heading.length);
    const { docx, anchors } = await annotateDocx(buf, original, [label, whole, body]);
    expect(anchors).toEqual(["point", "partial", "exact"]);
    const rb = await readBack(docx);
    expect(rb.ranges.get(rb.comments[0]!.id)).toBe("");
    expect(rb.ranges.get(rb.comments[1]!.id)).toBe(heading.slice(2));
    expect(rb.ranges.get(rb.comments[2]!.id)).toBe(heading.slice(2));
  });
});

describe("annotated .docx of a text, Markdown or PDF input", () => {
  test("plain text, Markdown, PDF and a saved web page become a new .docx of their paragraphs with the same comments", async () => {
    const md = "test/fixtures/formats/markdown/lawtext-007-bold-wrapped.md";
    const md2 = "test/fixtures/formats/markdown/lawtext-013-communique.md";
    const pdf = "test/fixtures/formats/seed-001.pdf";
    const txt = "/work/shared/corpora/gwr2026/2026_云南省_政府工作报告.txt";
    // A saved web page: the draft fixture in a government site's page.
    const html = join(tmp(), "page.html");
    const draft = readFileSync("test/fixtures/fix/draft.txt", "utf8").split("\n").filter((l) => l.trim());
    writeFileSync(html, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${draft[0]}</title></head><body><div class="nav">首页 | 政务公开</div><article><h1>${draft[0]}</h1>${draft.slice(1).map((l) => `<p>${l}</p>`).join("")}</article><div class="footer">版权所有：西联镇人民政府</div></body></html>`);
    const { model, sources } = await check([seeds[2]!, txt, md, md2, pdf, html]);
    for (const d of model.documents) {
      const source = sources.get(d.path)!;
      const out = await annotatedDocx(d, source, "zh");
      // Markdown markup is not in the Word text: a finding's range holds its text without the markup.
      const markup = source.format === "markdown" ? parseMarkdown(source.original).markup : [];
      const visible = (f: Finding) => {
        let s = "";
        for (let k = f.start; k < f.end; k++) if (!markup.some((m) => k >= m.start && k < m.end)) s += source.original[k];
        return asInWord(s);
      };
      await expectAnchored(out, d.findings, visible);
      const rb = await readBack(out);
      // The paragraphs are the text's non-empty lines.
      expect(rb.accepted.split("\n").filter(Boolean).length).toBeGreaterThan(10);
    }
    expect(model.documents.map((d) => d.findings.length > 0)).toEqual([true, true, true, true, true, true]);
    expect(sources.get(html)?.format).toBe("html");
  });

  test("check --format docx writes <stem>.docx into --out, never over an input", async () => {
    const dir = tmp();
    const input = join(dir, "draft.docx");
    const original = await styledDocx(readFileSync(seeds[1]!, "utf8"));
    writeFileSync(input, original);
    const { model, sources } = await check([input, seeds[0]!]);
    const written = await writeReports(model, dir, ["docx"], "zh", sources);
    expect(written.map((p) => p.slice(dir.length + 1)).sort()).toEqual(["000_c49e41131fdb983c.docx", "draft.report-qc.docx"]);
    expect(readFileSync(input).equals(original)).toBe(true);
    const rb = await readBack(readFileSync(join(dir, "draft.report-qc.docx")));
    expect(rb.comments.length).toBe(model.documents[0]!.findings.length);
  });
});

describe.runIf(canRunLibreOffice)("LibreOffice reads the comments", () => {
  test("converted to OpenDocument, each annotation by report-qc covers exactly its finding's text", async () => {
    const dir = tmp();
    const docxIn = join(dir, "styled.docx");
    writeFileSync(docxIn, await styledDocx(readFileSync(seeds[1]!, "utf8"), { tableRows: 2 }));
    const { model, sources } = await check([docxIn, seeds[3]!]);
    const files: [string, DocumentResult][] = [];
    for (const [k, d] of model.documents.entries()) {
      const p = join(dir, `annotated-${k}.docx`);
      writeFileSync(p, await annotatedDocx(d, sources.get(d.path)!, "zh"));
      files.push([p, d]);
    }
    const odts = convert(files.map(([p]) => p), "odt");
    for (const [k, [, d]] of files.entries()) {
      const odt = await readOdt(odts[k]!);
      expect(d.findings.length).toBeGreaterThan(0);
      expect(odt.annotations.length).toBe(d.findings.length);
      for (const a of odt.annotations) expect(a.author).toBe("report-qc");
      // Annotations starting at the same character may come in another order: compared as sets.
      const seen = odt.annotations.map((a) => `${a.range}|${/（([\w.-]+)）\n/.exec(a.text + "\n")?.[1]}`).sort();
      expect(seen).toEqual(d.findings.map((f) => `${asInWord(f.text)}|${f.ruleId}`).sort());
    }
  });
});

describe("the comment's words", () => {
  const f: Finding = {
    ruleId: "national.arithmetic-remainder",
    check: "arithmetic",
    severity: "warning",
    start: 0,
    end: 3,
    line: 1,
    column: 1,
    text: "68件",
    message: "总数68件，所列分项合计61（51+10），尚有7件未说明去向",
    evidence: { kind: "remainder", expression: "51+10", expected: 61, stated: 68, similarity: 0.25, partId: "x", parts: [{ value: 51 }], years: [2019, 2020] },
    suggestion: "核对总数",
  };
  test("severity, message and rule; the evidence's simple facts with the review's labels (ratios as percentages, machine ids and records left out); the suggestion", () => {
    expect(commentLines(f, "zh")).toEqual([
      "【警告】总数68件，所列分项合计61（51+10），尚有7件未说明去向（national.arithmetic-remainder）",
      "依据：类型：余数；算式：51+10；计算结果：61；报告所写：68；相似度：25.0%；出现的年份：2019、2020",
      "建议：核对总数",
    ]);
    expect(commentLines({ ...f, message: "Total 68", suggestion: "Check the total" }, "en")).toEqual([
      "[Warning] Total 68 (national.arithmetic-remainder)",
      "Evidence: kind: remainder; expression: 51+10; expected: 61; stated: 68; similarity: 25.0%; years: 2019, 2020",
      "Suggestion: Check the total",
    ]);
  });
});
