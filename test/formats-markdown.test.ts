/**
 * Markdown input: markup (front matter, bold, headings, bullets, links, tables, HTML, escapes) never
 * reaches the checked text, every normalized code unit and every finding maps back to the exact
 * original, headings become blocks as in .txt, and the .txt sniff takes Markdown but not a plain
 * report that merely contains `*` and `#`.
 */
import { describe, expect, test } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RawDocument, SegmentedDocument } from "../pipeline/model/document.js";
import { parseMarkdown } from "../pipeline/formats/markdown.js";
import { looksLikeMarkdown } from "../pipeline/formats/sniff.js";
import { ingestBuffer } from "../pipeline/stages/ingest.js";
import { normalize } from "../pipeline/stages/normalize.js";
import { segment } from "../pipeline/stages/segment.js";
import { createSegmenter } from "../pipeline/segmenter/index.js";
import { runPipeline } from "../pipeline/run.js";
import { assertFindingInvariants } from "./helpers/rule-tester.js";

const DIR = "test/fixtures/formats/markdown/";
const MD_FIXTURES = readdirSync(DIR).filter((f) => f.endsWith(".md"));
const segmenter = createSegmenter("node-rs");

async function read(name: string, as = name): Promise<RawDocument> {
  return ingestBuffer(readFileSync(DIR + name), as);
}

function pipeline(raw: RawDocument): SegmentedDocument {
  return segment(normalize(raw), segmenter);
}

/** Markup left in checked text: bold/italic runs, pipes, heading/bullet/quote markers, link syntax, tags, front matter keys. */
function markupLeft(text: string): string[] {
  const out: string[] = [];
  for (const re of [/\*\*|__/g, /\|/g, /^[ \t]*(#{1,6}|[-*+>])[ \t]/gm, /\]\(|!\[/g, /<\/?[a-z][^>]*>|<!--/gi, /^[ \t]*(-{3,}|\*{3,}|={3,})[ \t]*$/gm, /^(title|source|date):/gm, /\\[*_|#]/g, /&[a-z]+;/g]) {
    for (const m of text.matchAll(re)) out.push(m[0]);
  }
  return out;
}

describe("Markdown markup is not text", () => {
  test.each(MD_FIXTURES)("%s: no markup in the normalized text, every code unit maps to the same character", async (name) => {
    const raw = await read(name);
    expect(raw.format).toBe("markdown");
    const doc = normalize(raw);
    expect(markupLeft(doc.text)).toEqual([]);
    const markup = raw.markup ?? [];
    expect(markup.length).toBeGreaterThan(0);
    // Sorted, disjoint, in range.
    for (let i = 0; i < markup.length; i++) {
      const s = markup[i]!;
      expect(s.end).toBeGreaterThan(s.start);
      if (i > 0) expect(s.start).toBeGreaterThanOrEqual(markup[i - 1]!.end);
    }
    expect(markup[markup.length - 1]!.end).toBeLessThanOrEqual(raw.original.length);
    // Each normalized unit comes from an original unit that is the same character (up to space and
    // width folding), or from a markup span that stands in for it.
    for (let i = 0; i < doc.text.length; i++) {
      const [s] = doc.map.toOriginal(i, i + 1);
      const span = markup.find((m) => m.start <= s && s < m.end);
      const got = doc.text[i]!;
      if (span) {
        expect(span.replace, `unit ${i} comes from deleted markup`).toBeDefined();
        expect(s).toBe(span.start);
        continue;
      }
      const orig = raw.original[s]!;
      if (got === " " || got === "\n") expect(orig).toMatch(/\s/u);
      else expect(orig.normalize("NFKC").replace("．", ".")).toContain(got === "." ? "." : got.normalize("NFKC"));
    }
  });

  test.each(MD_FIXTURES)("%s: every block maps to its original text minus markup", async (name) => {
    const raw = await read(name);
    const doc = pipeline(raw);
    const map = doc.normalized.map;
    for (const b of doc.blocks) {
      const [s, e] = map.toOriginal(b.start, b.end);
      const slice = raw.original.slice(s, e);
      // The block's first and last characters are text, not markup.
      expect(raw.original[s]).toBe(slice[0]);
      expect((raw.markup ?? []).some((m) => m.start <= s && s < m.end && !m.replace)).toBe(false);
      expect((raw.markup ?? []).some((m) => m.start <= e - 1 && e - 1 < m.end && !m.replace)).toBe(false);
      // Removing the markup inside the slice gives the block text (spaces aside).
      let kept = "";
      let k = s;
      for (const m of raw.markup ?? []) {
        if (m.end <= s || m.start >= e) continue;
        kept += raw.original.slice(k, m.start) + (m.replace ?? "");
        k = m.end;
      }
      kept += raw.original.slice(k, e);
      const squash = (t: string) => t.normalize("NFKC").replace(/\s+/gu, "");
      expect(squash(b.text)).toBe(squash(kept));
    }
  });
});

describe("structure", () => {
  test("bold and # headings are headings with their numbering; front matter is metadata, not text", async () => {
    const raw = await read("lawtext-050-jilin.md");
    expect(raw.meta.title).toBe("吉林市政府工作报告 （2015年1月20日 张焕秋）");
    const doc = pipeline(raw);
    expect(doc.text).not.toContain("title");
    const h = doc.blocks.find((b) => b.text === "一、2014年工作回顾")!;
    expect(h.kind).toBe("heading");
    expect(h.level).toBe(1);
    expect(h.numbering).toMatchObject({ style: "cn-dun", value: 1, raw: "一、" });
    // The heading maps to the original without its `**`.
    const [s, e] = doc.normalized.map.toOriginal(h.start, h.end);
    expect(raw.original.slice(s, e)).toBe("一、2014年工作回顾");
    expect(raw.original.slice(s - 2, e + 2)).toBe("**一、2014年工作回顾**");
    // The front matter title is the document's title, never its unit.
    expect(doc.derived.unit ?? "").not.toMatch(/title/);
    expect(doc.blocks.some((b) => b.text.includes("title"))).toBe(false);

    const stats = pipeline(await read("lawtext-013-communique.md"));
    const heading = stats.blocks.find((b) => b.text === "一、综合")!;
    expect(heading.kind).toBe("heading");
    expect(heading.numbering?.value).toBe(1);
  });

  test("front matter keys: title, source URL, date, and the rest kept as written", async () => {
    const raw = await read("synthetic-report.md");
    expect(raw.meta).toMatchObject({
      title: "某市政府工作报告（2019年1月8日 市长）",
      sourceUrl: "https://www.example.gov.cn/zwgk/2019/0108.html",
      publishedDate: "2019-01-10",
      frontMatter: { speaker: "市长" },
    });
    expect(raw.meta.unit).toBeUndefined();
    // index.tsv metadata wins over the front matter.
    const withIndex = await ingestBuffer(readFileSync(DIR + "synthetic-report.md"), "x.md", { title: "外部标题" });
    expect(withIndex.meta.title).toBe("外部标题");
  });

  test("synthetic report: lists, links, tables, quotes, escapes, HTML and entities read as prose", async () => {
    const doc = pipeline(await read("synthetic-report.md"));
    const lines = doc.blocks.map((b) => b.text);
    expect(lines).toContain("政府工作报告");
    expect(lines).toContain("（一）经济运行稳中有进");
    expect(lines).toContain("地区生产总值增长7.1%，达到2753亿元。");
    expect(lines).toContain("一般公共预算收入增长6.7%，详见财政预算执行情况。");
    expect(lines).toContain("城镇登记失业率控制在4.5%以内。");
    expect(lines).toContain("这份成绩单来之不易，凝聚着全市人民的心血和汗水。");
    // A table row stays one line, its cells separate words (the header's delimiter row is gone).
    expect(lines).toContain("指 标 单 位 绝对数 比上年增长%");
    expect(lines).toContain("地区生产总值 亿元 2753 7.1");
    expect(doc.text).toContain("指 标 单 位 绝对数 比上年增长%\n地区生产总值 亿元 2753 7.1\n社会消费品零售总额 亿元 1195 12.0\n");
    // Ordered markers are the report's numbering and stay.
    expect(lines).toContain("1. 全年新增城镇就业5万人。");
    expect(doc.blocks.find((b) => b.text === "1. 全年新增城镇就业5万人。")?.numbering?.value).toBe(1);
    // Setext heading, escaped `*`, HTML comment, image, thematic break, <br>, &mdash;.
    expect(doc.blocks.find((b) => b.text === "二、2019年工作安排")?.kind).toBe("heading");
    expect(doc.text).toContain("增长6.5%左右*，城乡");
    expect(doc.text).not.toContain("待核");
    expect(doc.text).not.toContain("图1");
    expect(doc.blocks.find((b) => b.text === "三、加强政府自身建设")?.kind).toBe("heading");
    expect(doc.text).toContain("社会监督——让权力");
    // CJK bold that CommonMark leaves literal (`**“三个代表”**重要思想`) is still bold.
    expect(doc.text).toContain("以“三个代表”重要思想为遵循");
  });
});

describe("stored documents", () => {
  test("a Markdown document rebuilt from stored text without its markup (archive, queue) normalizes the same", async () => {
    // The built module: the parser is loaded there with require() (vitest runs the TypeScript sources).
    const built = (await import(new URL("../dist/pipeline/stages/normalize.js", import.meta.url).href)) as { normalize: typeof normalize };
    for (const name of MD_FIXTURES) {
      const raw = await read(name);
      const { markup, ...stored } = raw;
      expect(markup).toBeDefined();
      const again = built.normalize(stored as RawDocument);
      expect(again.text).toBe(normalize(raw).text);
      expect(again.map.toJSON()).toEqual(normalize(raw).map.toJSON());
    }
  });
});

describe("indentation", () => {
  test("a paragraph indented by four spaces or a tab is prose, not a code block: its bold is markup", () => {
    const original = "**一、工作回顾**\n\n    各位代表，现在我代表市人民政府作报告。\n\n\t**二、工作安排**\n";
    const raw: RawDocument = { path: "t.md", format: "markdown", encoding: "utf-8", original, meta: {}, markup: parseMarkdown(original).markup };
    const doc = pipeline(raw);
    expect(doc.text).not.toContain("*");
    expect(doc.blocks.find((b) => b.text === "二、工作安排")?.kind).toBe("heading");
  });
});

describe("converter bold around blocks", () => {
  test("a bold opened before a table or a bullet list and closed after it hides neither", async () => {
    // lawtext 007: `**| 指 标 | 单 位 | …` … `| 27580 |  |**` and `**- 指 标 …` … `- 土地购置费 … 0.7**`.
    const doc = pipeline(await read("lawtext-007-bold-wrapped.md"));
    const lines = doc.blocks.map((b) => b.text);
    expect(lines).toContain("指 标 单 位 绝对数");
    expect(lines).toContain("新增发电机组容量 万千瓦 8970");
    expect(lines).toContain("新增数字蜂窝移动电话交换机容量 万户 27580");
    expect(lines).toContain("指 标 单 位 绝对数 比上年增长%");
    expect(doc.blocks.find((b) => b.text === "五、国内贸易")?.kind).toBe("heading");
  });
});

describe(".txt sniff", () => {
  test("a .txt holding Markdown is read as Markdown", async () => {
    const raw = await read("lawtext-050-jilin.md", "report.txt");
    expect(raw.format).toBe("markdown");
    expect(raw.meta.title).toContain("吉林市政府工作报告");
    expect(normalize(raw).text).not.toContain("**");
    // Without front matter: bold headings and a table are enough.
    const body = readFileSync(DIR + "lawtext-005-communique.md", "utf8").replace(/^---[\s\S]*?\n---\n/, "");
    expect(looksLikeMarkdown(body)).toBe(true);
    expect(looksLikeMarkdown("**一、工作回顾**\n\n正文。\n\n**二、工作安排**\n\n正文。\n\n## 三、自身建设\n")).toBe(true);
  });

  test("a plain report with `*`, `**` placeholders and a `#` line is plain text", async () => {
    const raw = await read("plain-with-stars.txt");
    expect(raw.format).toBe("txt");
    expect(raw.markup).toBeUndefined();
    expect(normalize(raw).text).toContain("审查规范性文件**件");
    expect(looksLikeMarkdown("一、工作\n\n# 重点项目\n\n用户ab****c\n\n截至**年**月\n")).toBe(false);
    // Two bold-looking lines are not yet "several".
    expect(looksLikeMarkdown("**一、工作回顾**\n正文\n**二、工作安排**\n正文\n")).toBe(false);
    // A `---` first line without key lines is not front matter.
    expect(looksLikeMarkdown("---\n某区2020年工作报告\n---\n正文。\n")).toBe(false);
  });
});

describe("real defects in Markdown are still found", () => {
  test("bold headings are silent; a `**` placeholder that pairs with nothing is still reported", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-md-ph-"));
    const text = [
      "---",
      "title: 某区司法局2020年法治政府建设工作报告",
      "---",
      "",
      "**一、2020年工作回顾**",
      "",
      "全年共审查规范性文件12件，办理行政复议案件**件，全部在法定期限内办结。",
      "",
      "**二、2021年工作安排**",
      "",
      "继续推进严格规范公正文明执法。",
      "",
    ].join("\n");
    writeFileSync(join(dir, "draft.md"), text);
    const { model } = await runPipeline([join(dir, "draft.md")], { lang: "zh", segmenter: "node-rs", concurrency: 1 });
    const findings = model.documents[0]!.findings;
    for (const f of findings) assertFindingInvariants(f, text);
    const placeholders = findings.filter((f) => f.check === "placeholder");
    expect(placeholders.map((f) => [f.text, f.start])).toEqual([["**", text.indexOf("案件**件") + 2]]);
    expect(findings.some((f) => f.check === "numbering")).toBe(false);
  });
});

describe("findings map to exact original offsets", () => {
  test("every finding on the Markdown fixtures is an original slice that starts and ends outside markup", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-md-"));
    for (const f of MD_FIXTURES) writeFileSync(join(dir, f), readFileSync(DIR + f));
    const { model } = await runPipeline([dir], { lang: "zh", segmenter: "node-rs", concurrency: 1 });
    expect(model.errors).toEqual([]);
    expect(model.documents.length).toBe(MD_FIXTURES.length);
    for (const d of model.documents) {
      const original = readFileSync(d.path, "utf8");
      const { markup } = parseMarkdown(original);
      for (const f of d.findings) {
        assertFindingInvariants(f, original);
        if (f.end === f.start) continue;
        const inDeleted = (o: number) => markup.some((m) => !m.replace && m.start <= o && o < m.end);
        expect(inDeleted(f.start), `${f.ruleId} starts in markup: ${f.text}`).toBe(false);
        expect(inDeleted(f.end - 1), `${f.ruleId} ends in markup: ${f.text}`).toBe(false);
        // No finding is about the markup itself.
        expect(f.text).not.toMatch(/^\*+$|^\|$|^#+$/);
      }
    }
  });
});
