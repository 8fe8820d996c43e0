/**
 * Segment stage: structural invariants on every seed with both segmenters, block kinds and derived
 * metadata checked against the seed texts, mentions in context, and the time budget.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Block, SegmentedDocument } from "../pipeline/model/document.js";
import { normalize } from "../pipeline/stages/normalize.js";
import { segment } from "../pipeline/stages/segment.js";
import { SEGMENTER_NAMES, createSegmenter, type SegmenterName } from "../pipeline/segmenter/index.js";

const CORPUS = new URL("../corpus/", import.meta.url);
const SEEDS = ["000_c49e41131fdb983c.txt", "001_fd56e537edcebdc8.txt", "002_88355d0e2550c175.txt", "003_8388e48a1664613c.txt", "004_b7fad94994891559.txt"];

function seedText(name: string): string {
  return readFileSync(new URL(name, CORPUS), "utf8");
}
function run(original: string, name: SegmenterName = "node-rs"): SegmentedDocument {
  return segment(normalize({ path: "t.txt", format: "txt", encoding: "utf-8", original, meta: {} }), createSegmenter(name));
}
const cache = new Map<string, SegmentedDocument>();
function seedDoc(file: string, name: SegmenterName = "node-rs"): SegmentedDocument {
  const key = `${name}:${file}`;
  let d = cache.get(key);
  if (!d) cache.set(key, (d = run(seedText(file), name)));
  return d;
}
function block(doc: SegmentedDocument, startsWith: string): Block {
  const b = doc.blocks.find((x) => x.text.startsWith(startsWith));
  expect(b, startsWith).toBeDefined();
  return b!;
}
const strip = (s: string) => s.replace(/\s/gu, "");

describe.each(SEGMENTER_NAMES)("invariants with %s", (name) => {
  describe.each(SEEDS)("%s", (file) => {
    const doc = seedDoc(file, name);
    const text = doc.text;

    it("has one trimmed block per non-empty line, in order", () => {
      const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
      expect(doc.blocks.map((b) => b.text)).toEqual(lines);
      let prev = -1;
      doc.blocks.forEach((b, i) => {
        expect(b.index).toBe(i);
        expect(b.start).toBeGreaterThan(prev);
        expect(b.end).toBeGreaterThan(b.start);
        expect(b.text).toBe(text.slice(b.start, b.end));
        prev = b.end;
      });
      expect(doc.text).toBe(doc.normalized.text);
    });

    it("has sentences nested in their blocks, in order, non-empty, trimmed, covering the block", () => {
      let prev = 0;
      const byBlock = new Map<number, string[]>();
      doc.sentences.forEach((s, i) => {
        expect(s.index).toBe(i);
        const b = doc.blocks[s.blockIndex]!;
        expect(s.start).toBeGreaterThanOrEqual(b.start);
        expect(s.end).toBeLessThanOrEqual(b.end);
        expect(s.start).toBeGreaterThanOrEqual(prev);
        expect(s.text).toBe(text.slice(s.start, s.end));
        expect(s.text.trim()).toBe(s.text);
        expect(s.text.length).toBeGreaterThan(0);
        prev = s.end;
        byBlock.set(s.blockIndex, [...(byBlock.get(s.blockIndex) ?? []), s.text]);
        let cprev = s.start;
        for (const [cs, ce] of s.clauses) {
          expect(cs).toBeGreaterThanOrEqual(cprev);
          expect(ce).toBeGreaterThan(cs);
          expect(ce).toBeLessThanOrEqual(s.end);
          cprev = ce;
        }
      });
      for (const b of doc.blocks) expect(strip((byBlock.get(b.index) ?? []).join("")), b.text).toBe(strip(b.text));
    });

    it("has tokens in order covering the non-space text of non-chrome blocks only", () => {
      let prev = 0;
      for (const t of doc.tokens) {
        expect(t.start).toBeGreaterThanOrEqual(prev);
        expect(text.slice(t.start, t.end)).toBe(t.word);
        prev = t.end;
      }
      const expected = doc.blocks.filter((b) => b.kind !== "chrome").map((b) => strip(b.text)).join("");
      expect(doc.tokens.map((t) => t.word).join("")).toBe(expected);
    });

    it("has number and date mentions inside non-chrome blocks, matching the text", () => {
      for (const m of [...doc.numbers, ...doc.dates]) {
        expect(text.slice(m.start, m.end)).toBe(m.text);
        const b = doc.blocks.find((x) => x.start <= m.start && m.end <= x.end);
        expect(b, m.text).toBeDefined();
        expect(b!.kind).not.toBe("chrome");
      }
      for (const d of doc.dates) {
        expect(d.year).toBeGreaterThanOrEqual(1949);
        expect(d.year).toBeLessThanOrEqual(2100);
      }
    });
  });
});

describe("blocks on the seeds", () => {
  it("seed 000: title, metadata with all pairs, headings and numbered paragraphs, chrome", () => {
    const doc = seedDoc(SEEDS[0]!);
    expect(doc.blocks.filter((b) => b.kind === "title").map((b) => b.text)).toEqual(["广州市番禺区人民政府关于2021年度法治政府建设情况的报告"]);
    const meta = block(doc, "来源:");
    expect(meta.kind).toBe("meta");
    expect(meta.meta).toEqual({
      key: "来源",
      value: "广州市番禺区人民政府",
      pairs: [
        { key: "来源", value: "广州市番禺区人民政府" },
        { key: "发布时间", value: "2021-12-13 16:07:17" },
        { key: "阅读次数", value: "-" },
      ],
    });
    expect(block(doc, "一、2021年度主要工作和成效")).toMatchObject({ kind: "heading", level: 1, numbering: { style: "cn-dun", value: 1, raw: "一、" } });
    // （一）… heading with the body on the next line.
    expect(block(doc, "(一)深入学习贯彻习近平法治思想")).toMatchObject({ kind: "heading", level: 2, numbering: { style: "cn-paren", value: 1 } });
    expect(block(doc, "1. 把学习贯彻")).toMatchObject({ kind: "paragraph", level: 3, numbering: { style: "arabic-dot", value: 1, raw: "1." } });
    expect(block(doc, "选择语言").kind).toBe("chrome");
    expect(block(doc, "机构专页").kind).toBe("chrome");
    expect(doc.blocks.filter((b) => b.kind === "signature")).toEqual([]);
  });

  it("seed 003: the first of two title lines is the title; PDF-glued digit after 一、 is still a level-1 heading; run-in headings are paragraphs", () => {
    const doc = seedDoc(SEEDS[3]!);
    expect(doc.blocks[0]).toMatchObject({ kind: "title", text: "XX市人民政府对于2020年度法治政府建设情况报告" });
    expect(doc.blocks[1]!.kind).toBe("paragraph");
    expect(block(doc, "一、9 2019年度法治政府建设情况")).toMatchObject({ kind: "heading", level: 1, numbering: { style: "cn-dun", value: 1 } });
    expect(block(doc, "三、0 2020年工作计划")).toMatchObject({ kind: "heading", level: 1, numbering: { value: 3 } });
    const runIn = block(doc, "(一)依法全面履行政府职能。一是完善工作机制。");
    expect(runIn).toMatchObject({ kind: "paragraph", level: 2, numbering: { style: "cn-paren", value: 1, raw: "(一)" } });
    expect(runIn.text).toContain("探索构建分类快审机制");
    expect(doc.blocks.at(-1)).toMatchObject({ kind: "signature", text: "XX 市人民政府2020年1月10日" });
  });

  it("seed 004: 一是 paragraphs carry a cn-shi numbering without a level", () => {
    const doc = seedDoc(SEEDS[4]!);
    const b = block(doc, "二是服务经济高质量发展");
    expect(b.kind).toBe("paragraph");
    expect(b.numbering).toMatchObject({ style: "cn-shi", value: 2, raw: "二是" });
    expect(b.level).toBeUndefined();
  });

  it("seeds 001 and 002: unit and date signature lines", () => {
    const d1 = seedDoc(SEEDS[1]!);
    expect(d1.blocks.slice(-2).map((b) => [b.kind, b.text])).toEqual([
      ["signature", "韶关市武江区西联镇人民政府"],
      ["signature", "2021年12月15日"],
    ]);
    const d2 = seedDoc(SEEDS[2]!);
    expect(d2.blocks.filter((b) => b.kind === "signature").map((b) => b.text)).toEqual(["中共洪山区委全面依法治区委员会办公室", "2021年2月18日"]);
    expect(d2.blocks.filter((b) => b.kind === "meta").map((b) => b.meta!.key)).toEqual(["文号", "信息分类", "发文机构", "成文日期", "名称"]);
    expect(d2.blocks.filter((b) => b.kind === "title")).toEqual([]);
  });

  it("a 第一， paragraph and a 一是 line get run-in numbering", () => {
    const doc = run("关于2021年度工作情况的报告\n第一，坚持党的领导。\n一是完善机制。");
    expect(doc.blocks[1]!.numbering).toMatchObject({ style: "cn-di", value: 1, raw: "第一" });
    expect(doc.blocks[2]!.numbering).toMatchObject({ style: "cn-shi", value: 1 });
    expect(doc.blocks[1]!.kind).toBe("paragraph");
  });
});

describe("derived metadata on the seeds", () => {
  it.each([
    [SEEDS[0], { title: "广州市番禺区人民政府关于2021年度法治政府建设情况的报告", unit: "广州市番禺区人民政府", publishedDate: "2021-12-13", signatureDate: null }],
    [SEEDS[1], { title: "西联镇2021年法治政府建设年度报告", unit: "韶关市武江区西联镇人民政府", publishedDate: null, signatureDate: "2021-12-15" }],
    [SEEDS[2], { title: "洪山区2020年度法治政府建设工作报告", unit: "中共洪山区委全面依法治区委员会办公室", publishedDate: "2021-02-18", signatureDate: "2021-02-18" }],
    [SEEDS[3], { title: "XX市人民政府对于2020年度法治政府建设情况报告", unit: "XX市人民政府", publishedDate: null, signatureDate: "2020-01-10" }],
    [SEEDS[4], { title: "广州市荔湾区人民政府东漖街道办事处关于2024年度法治政府建设情况的报告", unit: "广州市荔湾区人民政府东漖街道办事处", publishedDate: "2025-01-15", signatureDate: null }],
  ])("%s", (file, expected) => {
    expect(seedDoc(file!).derived).toEqual(expected);
  });

  it("falls back to the signature unit, then 来源", () => {
    expect(run("某镇2021年法治政府建设年度报告\n正文。\n某县某镇人民政府\n2022年1月5日").derived).toMatchObject({ unit: "某县某镇人民政府", signatureDate: "2022-01-05" });
    expect(run("2021年法治政府建设年度报告\n来源:某县司法局\n正文。").derived.unit).toBe("某县司法局");
  });
});

describe("mentions in context", () => {
  it("seed 002: the 行政复议 counts and no year or list marker as a number", () => {
    const doc = seedDoc(SEEDS[2]!);
    const b = block(doc, "1.认真做好行政复议和行政诉讼应诉工作");
    const inBlock = doc.numbers.filter((n) => n.start >= b.start && n.end <= b.end).map((n) => `${n.value}${n.unit}`);
    expect(inBlock.slice(0, 5)).toEqual(["68件", "51件", "10件", "54件", "10件"]);
    expect(doc.numbers.some((n) => n.start === b.numbering!.start)).toBe(false);
    expect(doc.numbers.some((n) => n.value === 2020 || n.value === 2021)).toBe(false);
    expect(doc.numbers.find((n) => n.text.startsWith("73.5"))).toMatchObject({ value: 73.5, unit: "万元", approximate: true });
  });

  it("seed 003: arithmetic-relevant numbers survive the PDF spaces", () => {
    const doc = seedDoc(SEEDS[3]!);
    const texts = doc.numbers.map((n) => n.text);
    for (const t of ["746件", "350件", "42件", "354件", "4370件", "4326件", "98.99%", "100名", "282个工作日", "99个工作日", "65%"]) expect(texts, t).toContain(t);
    const periods = doc.dates.filter((d) => d.kind === "period").map((d) => `${d.year}-${d.endYear}`);
    expect(periods).toContain("2015-2020");
    expect(doc.dates.filter((d) => d.fiscal).map((d) => d.year)).toEqual([2020, 2019, 2019, 2019, 2020, 2019]);
  });

  it("chrome clocks give no date; metadata dates are found", () => {
    const doc = run("今天是:2019年10月31日 星期三\n关于2020年度法治政府建设情况的报告\n发布时间:2021-03-29\n正文。");
    expect(doc.blocks[0]!.kind).toBe("chrome");
    expect(doc.dates.map((d) => d.text)).toEqual(["2020年度", "2021-03-29"]);
    expect(doc.derived.publishedDate).toBe("2021-03-29");
  });
});

describe("degenerate input", () => {
  it.each(["", "\n\n", "   \u3000 ", "。"])("%j gives a consistent, possibly empty, document", (original) => {
    const doc = run(original);
    expect(doc.text.trim()).toBe(doc.blocks.map((b) => b.text).join("\n").trim());
    expect(doc.tokens.map((t) => t.word).join("")).toBe(doc.text.replace(/\s/gu, ""));
    expect(doc.derived).toEqual({ title: null, unit: null, publishedDate: null, signatureDate: null });
  });
});

describe("performance", () => {
  it("normalizes and segments a 20k-character document well under 50 ms (dictionary loaded)", () => {
    const big = SEEDS.map(seedText).join("\n\n").repeat(2).slice(0, 20_000);
    for (const name of SEGMENTER_NAMES) {
      const seg = createSegmenter(name);
      const cpu: number[] = [];
      for (let i = 0; i < 7; i++) {
        // CPU time of this process, not wall time: the test machine is shared with other test
        // files and processes, which stretch wall time but not the work done here.
        const c0 = process.cpuUsage();
        segment(normalize({ path: "big.txt", format: "txt", encoding: "utf-8", original: big, meta: {} }), seg);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      cpu.sort((a, b) => a - b);
      expect(cpu[3], `${name} median CPU ms (all: ${cpu.map((t) => t.toFixed(1)).join(" ")})`).toBeLessThan(50);
    }
  });
});
