import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { foldRadicals, isPageNumberLine, pdfReader } from "../pipeline/formats/pdf.js";
import { ingestBuffer } from "../pipeline/stages/ingest.js";

const seed = readFileSync("corpus/001_fd56e537edcebdc8.txt", "utf8");
const paragraphs = (s: string) => s.split(/\n/).map((l) => l.trim()).filter(Boolean);
// seed-001.pdf: seed 001 printed by Chromium (A4, indented paragraphs, "- N -" footers);
// regenerate with `node test/fixtures/formats/make-pdf.mjs`.
const seedPdf = readFileSync("test/fixtures/formats/seed-001.pdf");

describe(".pdf reader (unpdf)", () => {
  test("paragraphs are rebuilt across line wraps and page breaks; page numbers stand on their own lines", async () => {
    const read = await pdfReader.read(seedPdf, "seed-001.pdf");
    const lines = paragraphs(read.original);
    const pageNumbers = lines.filter(isPageNumberLine);
    expect(pageNumbers.length).toBeGreaterThanOrEqual(4);
    expect(pageNumbers[0]).toBe("- 1 -");
    // Without the page-number lines, the text is the seed's paragraphs exactly.
    expect(lines.filter((l) => !isPageNumberLine(l))).toEqual(paragraphs(seed));
    expect(read.meta.title).toBe("西联镇2021年法治政府建设年度报告");
    expect(read.meta.sourceForm).toBe("pdf extraction");
  });

  test("format is detected by content", async () => {
    const raw = await ingestBuffer(seedPdf, "report.dat");
    expect(raw.format).toBe("pdf");
  });

  test("Kangxi and supplement radicals from font cmaps fold to the ideographs; the dash ligature to ——", () => {
    expect(foldRadicals("⼯作⺠主⻅效⼾籍")).toBe("工作民主见效户籍");
    expect(foldRadicals("主任⸺社区")).toBe("主任——社区");
  });

  test("page-number line shapes", () => {
    for (const s of ["- 3 -", "— 12 —", "3", "第 3 页", "第3页 共12页", "3/12", "Page 4"]) expect(isPageNumberLine(s), s).toBe(true);
    for (const s of ["2021年", "3件", "一、总体情况"]) expect(isPageNumberLine(s), s).toBe(false);
  });

  test("an encrypted PDF is E_ENCRYPTED", async () => {
    const buf = readFileSync("test/fixtures/formats/encrypted.pdf");
    await expect(ingestBuffer(buf, "secret.pdf")).rejects.toMatchObject({ code: "E_ENCRYPTED" });
  });

  test("a truncated PDF is E_CORRUPT; a PDF with no text layer says it needs OCR", async () => {
    await expect(ingestBuffer(seedPdf.subarray(0, 3000), "cut.pdf")).rejects.toMatchObject({ code: "E_CORRUPT" });
    const doc = await PDFDocument.create();
    doc.addPage([300, 300]).drawRectangle({ x: 10, y: 10, width: 100, height: 100 });
    const err = await ingestBuffer(await doc.save(), "scan.pdf").catch((e) => e);
    expect(err.code).toBe("E_NO_TEXT");
    expect(err.zh).toMatch(/OCR/);
  });

  test("Latin text in a PDF keeps its spaces", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([400, 300]).drawText("Annual report on law-based government 2021", { x: 20, y: 200, size: 12, font });
    const read = await pdfReader.read(await doc.save(), "en.pdf");
    expect(read.original.trim()).toBe("Annual report on law-based government 2021");
  });
});
