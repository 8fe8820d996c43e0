/**
 * Real input formats through the whole pipeline: a .docx and a PDF of a seed give the same findings
 * (by check, severity and text) as the .txt; broken files become `errors` entries and the batch goes on.
 */
import { describe, expect, test } from "vitest";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPipeline } from "../pipeline/run.js";
import type { DocumentResult } from "../pipeline/model/finding.js";
import iconv from "iconv-lite";
import { docxFromText } from "./fixtures/formats/make-docx.js";

const SEED = "corpus/001_fd56e537edcebdc8.txt";
const seedText = readFileSync(SEED, "utf8");

/** One file alone in its own folder, with the seed's index.tsv row, so each runs with the same metadata and rules. */
function placeAlone(name: string, content: Buffer | string): string {
  const dir = mkdtempSync(join(tmpdir(), "rqc-fmt-"));
  writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, "index.tsv"), `file\tunit\tprovince\treport_year\tsource_form\n${name}\t韶关市武江区西联镇人民政府\tguangdong\t2021\tplain text\n`);
  return join(dir, name);
}

async function checkOne(path: string): Promise<DocumentResult> {
  const { model } = await runPipeline([path], { lang: "zh", segmenter: "node-rs", concurrency: 1 });
  expect(model.errors).toEqual([]);
  expect(model.documents.length).toBe(1);
  return model.documents[0]!;
}

/** Findings compared by what a reader sees: check, severity and the text (whitespace aside). */
const signature = (d: DocumentResult) => d.findings.map((f) => `${f.check}|${f.severity}|${f.text.replace(/\s+/g, "")}`).sort();

describe("real formats through the pipeline", () => {
  test("a .docx and a PDF of seed 001 give the same findings as the .txt", async () => {
    const txt = await checkOne(placeAlone("seed.txt", seedText));
    const docx = await checkOne(placeAlone("seed.docx", await docxFromText(seedText)));
    const pdf = await checkOne(placeAlone("seed.pdf", readFileSync("test/fixtures/formats/seed-001.pdf")));
    expect(txt.findings.length).toBeGreaterThan(0);
    expect(signature(docx)).toEqual(signature(txt));
    // The PDF's own page numbers are layout (dimmed noise), not extraction leftovers: no finding.
    expect(signature(pdf)).toEqual(signature(txt));
    // Offsets refer to each format's extracted text.
    for (const d of [docx, pdf]) for (const f of d.findings) expect(f.end).toBeGreaterThan(f.start);
  });

  test("every seed written as .docx gives the .txt's findings", async () => {
    const tsv = readFileSync("corpus/index.tsv", "utf8").split("\n");
    for (const file of readdirSync("corpus").filter((f) => f.endsWith(".txt"))) {
      const text = readFileSync(join("corpus", file), "utf8");
      const row = tsv.find((l) => l.startsWith(file + "\t"))!;
      const run = async (name: string, content: Buffer | string) => {
        const dir = mkdtempSync(join(tmpdir(), "rqc-seed-"));
        writeFileSync(join(dir, name), content);
        writeFileSync(join(dir, "index.tsv"), `${tsv[0]}\n${row.replace(file, name)}\n`);
        return checkOne(join(dir, name));
      };
      const txt = await run("seed.txt", text);
      const docx = await run("seed.docx", await docxFromText(text));
      expect(signature(docx), file).toEqual(signature(txt));
    }
  });

  test("seed 000 saved as a GBK web page gives the .txt's findings; the page's navigation and footer are gone", async () => {
    const file = "000_c49e41131fdb983c.txt";
    const lines = readFileSync(join("corpus", file), "utf8").split("\n");
    const tsv = readFileSync("corpus/index.tsv", "utf8").split("\n");
    const row = tsv.find((l) => l.startsWith(file + "\t"))!;
    // A GBK page writes no-break spaces as &nbsp; (GBK has no such character).
    const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\u00a0/g, "&nbsp;");
    // Lines 5–84 are the report (title, source/date line, body); the rest is the portal's page chrome.
    const body = lines.slice(4, 84).map((l) => l.trim()).filter(Boolean);
    const page = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>${esc(body[0]!)}-广州市番禺区人民政府门户网站</title><meta name="ArticleTitle" content="${esc(body[0]!)}"><meta name="PubDate" content="2021-12-13 16:07:17">
</head><body><div class="top"><a href="#">选择语言</a></div><div class="crumb">您当前所在位置：<a href="/">首页</a> &gt; 政务公开</div>
<div class="article"><h1>${esc(body[0]!)}</h1><div class="info">${esc(body[1]!)}</div><div class="TRS_Editor">${body.slice(2).map((l) => `<p>${esc(l)}</p>`).join("\n")}</div></div>
<div class="footer">附件：<br>扫一扫在手机打开当前页 · 网站地图 · 版权所有：广州市番禺区人民政府 粤ICP备05000000号</div></body></html>`;
    const dir = mkdtempSync(join(tmpdir(), "rqc-web-"));
    writeFileSync(join(dir, "page.htm"), iconv.encode(page, "gbk"));
    writeFileSync(join(dir, "index.tsv"), `${tsv[0]}\n${row.replace(file, "page.htm")}\n`);
    const html = await checkOne(join(dir, "page.htm"));
    const txt = await (async () => {
      const d = mkdtempSync(join(tmpdir(), "rqc-web-"));
      writeFileSync(join(d, "seed.txt"), lines.join("\n"));
      writeFileSync(join(d, "index.tsv"), `${tsv[0]}\n${row.replace(file, "seed.txt")}\n`);
      return checkOne(join(d, "seed.txt"));
    })();
    expect(signature(html)).toEqual(signature(txt));
    expect(html.publishedDate).toBe("2021-12-13");
    expect(html.title).toBe(body[0]);
  });

  test("broken files are errors with clear messages and the batch goes on", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-bad-"));
    copyFileSync(SEED, join(dir, "good.txt"));
    writeFileSync(join(dir, "cut.pdf"), readFileSync("test/fixtures/formats/seed-001.pdf").subarray(0, 2000));
    copyFileSync("test/fixtures/formats/encrypted.pdf", join(dir, "secret.pdf"));
    writeFileSync(join(dir, "fake.docx"), "not a word file");
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "old.doc"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    writeFileSync(join(dir, "sub", "page.html"), `<!doctype html><html><head><meta charset="utf-8"><title>页面</title></head><body><nav>首页</nav><div class="content">${seedText
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => `<p>${l.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`)
      .join("")}</div></body></html>`);
    const { model } = await runPipeline([dir], { lang: "zh", segmenter: "node-rs", concurrency: 2 });
    const codes = Object.fromEntries(model.errors.map((e) => [e.path.replace(dir + "/", ""), e.code]));
    expect(codes).toEqual({ "cut.pdf": "E_CORRUPT", "secret.pdf": "E_ENCRYPTED", "fake.docx": "E_CORRUPT" });
    // .doc is not picked up by a directory scan; named explicitly it is an error too.
    const { model: m2 } = await runPipeline([join(dir, "sub", "old.doc")], { lang: "zh", segmenter: "node-rs" });
    expect(m2.errors[0]?.code).toBe("E_FORMAT");
    expect(m2.errors[0]?.message).toMatch(/\.doc|加密/);
    expect(model.documents.map((d) => d.path.replace(dir + "/", "")).sort()).toEqual(["good.txt", "sub/page.html"]);
    for (const e of model.errors) expect(e.message.length).toBeGreaterThan(8);
  });
});
