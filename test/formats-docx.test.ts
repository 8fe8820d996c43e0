import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { docxReader, isDocx } from "../pipeline/formats/docx.js";
import { pickReader } from "../pipeline/formats/index.js";
import { ingestBuffer } from "../pipeline/stages/ingest.js";
import { IngestError } from "../pipeline/formats/errors.js";
import { docxFromText } from "./fixtures/formats/make-docx.js";
import { AlignmentType, Document, LevelFormat, Packer, Paragraph } from "docx";
import { chineseCounting, formatNumber } from "../pipeline/formats/docx-numbering.js";

const seed = readFileSync("corpus/001_fd56e537edcebdc8.txt", "utf8");
const paragraphs = (s: string) => s.split(/\n/).map((l) => l.trim()).filter(Boolean);

describe(".docx reader (mammoth)", () => {
  test("a seed written as .docx reads back as its paragraphs, headings and list items, in order", async () => {
    const buf = await docxFromText(seed, { bullets: ["第一项措施", "第二项措施"] });
    expect(isDocx(buf)).toBe(true);
    expect(pickReader(buf, "draft.bin").name).toBe("docx");
    const read = await docxReader.read(buf, "draft.docx");
    expect(paragraphs(read.original)).toEqual([...paragraphs(seed), "第一项措施", "第二项措施"]);
    // One paragraph per line, separated by a blank line like the plain-text seeds.
    expect(read.original).toMatch(/^西联镇2021年法治政府建设年度报告\n\n为贯彻落实/);
  });

  test("format is detected by content whatever the extension says", async () => {
    const buf = await docxFromText("标题\n正文第一段。");
    const raw = await ingestBuffer(buf, "misnamed.txt");
    expect(raw.format).toBe("docx");
    expect(raw.original).toBe("标题\n\n正文第一段。\n");
  });

  test("a corrupt .docx is a clear E_CORRUPT error", async () => {
    const buf = await docxFromText("标题\n正文第一段。");
    const cut = buf.subarray(0, Math.floor(buf.length / 2));
    await expect(ingestBuffer(cut, "broken.docx")).rejects.toMatchObject({ code: "E_CORRUPT" });
    const notZip = Buffer.from("this is not a word file at all");
    await expect(ingestBuffer(notZip, "fake.docx")).rejects.toMatchObject({ code: "E_CORRUPT" });
  });

  test("other ZIPs, legacy/encrypted Office files and images are E_FORMAT with a message", async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.from("xl/workbook.xml padding")]);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    for (const [buf, name, words] of [
      [zip, "book.xlsx", /ZIP/],
      [ole, "old.doc", /加密|\.doc/],
      [png, "scan.png", /图片|OCR/],
    ] as const) {
      const err = await ingestBuffer(buf, name).catch((e) => e);
      expect(err).toBeInstanceOf(IngestError);
      expect(err.code).toBe("E_FORMAT");
      expect(err.zh).toMatch(words);
    }
  });

  test("Word's automatic numbering is written into the text (一、 （一） 1. ①), restarting under a new parent", async () => {
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: "outline",
            levels: [
              { level: 0, format: LevelFormat.CHINESE_COUNTING, text: "%1、", alignment: AlignmentType.LEFT },
              { level: 1, format: LevelFormat.CHINESE_COUNTING, text: "（%2）", alignment: AlignmentType.LEFT },
              { level: 2, format: LevelFormat.DECIMAL, text: "%3.", alignment: AlignmentType.LEFT },
            ],
          },
          { reference: "circled", levels: [{ level: 0, format: LevelFormat.DECIMAL_ENCLOSED_CIRCLE, text: "%1", alignment: AlignmentType.LEFT }] },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: "年度报告" }),
            new Paragraph({ text: "主要工作", numbering: { reference: "outline", level: 0 } }),
            new Paragraph({ text: "加强领导", numbering: { reference: "outline", level: 1 } }),
            new Paragraph({ text: "召开会议", numbering: { reference: "outline", level: 2 } }),
            new Paragraph({ text: "印发文件", numbering: { reference: "outline", level: 2 } }),
            new Paragraph({ text: "依法行政", numbering: { reference: "outline", level: 1 } }),
            new Paragraph({ text: "存在问题", numbering: { reference: "outline", level: 0 } }),
            new Paragraph({ text: "学习不够", numbering: { reference: "outline", level: 1 } }),
            new Paragraph({ text: "甲项", numbering: { reference: "circled", level: 0 } }),
            new Paragraph({ text: "乙项", numbering: { reference: "circled", level: 0 } }),
          ],
        },
      ],
    });
    const read = await docxReader.read(await Packer.toBuffer(doc), "numbered.docx");
    expect(paragraphs(read.original)).toEqual(["年度报告", "一、主要工作", "（一）加强领导", "1.召开会议", "2.印发文件", "（二）依法行政", "二、存在问题", "（一）学习不够", "①甲项", "②乙项"]);
  });

  test("number formats", () => {
    expect([1, 2, 10, 11, 20, 21, 100, 105, 110].map(chineseCounting)).toEqual(["一", "二", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十"]);
    expect(formatNumber(3, "ideographTraditional")).toBe("丙");
    expect(formatNumber(4, "upperRoman")).toBe("IV");
    expect(formatNumber(2, "lowerLetter")).toBe("b");
    expect(formatNumber(12, "decimalFullWidth")).toBe("１２");
  });
});
