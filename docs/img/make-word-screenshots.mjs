// Renders the README's Word round-trip screenshots (run from the repository root after `npm run build`;
// needs soffice, pdftoppm and /usr/bin/chromium):
//   node docs/img/make-word-screenshots.mjs
// The draft test/fixtures/fix/draft.txt is written as a .docx, checked with --format docx and fixed with
// `report-qc fix`; LibreOffice converts both outputs to PDF (comments as PDF notes, tracked changes shown) and
// to OpenDocument, from which the comments LibreOffice read are listed beside the page.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import { DOMParser } from "@xmldom/xmldom";
import { AlignmentType, Document, Packer, Paragraph, TextRun } from "docx";
import { chromium } from "playwright-core";

const dir = mkdtempSync(join(tmpdir(), "rqc-shots-"));
const lines = readFileSync("test/fixtures/fix/draft.txt", "utf8").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const children = lines.map((line, i) => {
  if (i === 0) return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: line, bold: true, size: 32 })] });
  if (/^[一二三四五六七八九十]+、/.test(line)) return new Paragraph({ children: [new TextRun({ text: line, bold: true })] });
  if (i >= lines.length - 2) return new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(line)] });
  return new Paragraph({ indent: { firstLine: 480 }, children: [new TextRun(line)] });
});
const draft = join(dir, "草稿.docx");
writeFileSync(draft, await Packer.toBuffer(new Document({ styles: { default: { document: { run: { size: 24 } } } }, sections: [{ children }] })));
const cli = (...args) => execFileSync(process.execPath, ["bin/report-qc.js", ...args], { encoding: "utf8" });
cli("check", draft, "--rules", "rules/examples/draft.yaml", "--no-corpus", "--format", "docx", "--out", join(dir, "out"), "--exit-zero", "--quiet");
cli("fix", draft, "--rules", "rules/examples/draft.yaml", "--out", join(dir, "out", "草稿.fixed.docx"));
const annotated = join(dir, "out", "草稿.docx");
const fixed = join(dir, "out", "草稿.fixed.docx");
const soffice = (to, ...files) => execFileSync("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", to, "--outdir", dir, ...files], { stdio: "pipe" });
soffice('pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}', annotated, fixed);
soffice("odt", annotated);
execFileSync("pdftoppm", ["-r", "110", "-f", "1", "-l", "1", "-x", "0", "-y", "95", "-W", "909", "-H", "560", "-png", join(dir, "草稿.pdf"), join(dir, "annotated")]);
execFileSync("pdftoppm", ["-r", "110", "-f", "1", "-l", "1", "-x", "0", "-y", "95", "-W", "909", "-H", "560", "-png", join(dir, "草稿.fixed.pdf"), join(dir, "fixed")]);

// The comments as LibreOffice holds them: office:annotation, its author, text and the text it spans.
const content = await (await JSZip.loadAsync(readFileSync(join(dir, "草稿.odt")))).file("content.xml").async("string");
const TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const notes = [];
const open = new Map();
const walk = (n) => {
  if (n.nodeType === 3) {
    for (const k of open.values()) notes[k].range += n.nodeValue;
    return;
  }
  if (n.nodeType !== 1) return;
  if (n.namespaceURI === OFFICE && n.localName === "annotation") {
    const paras = Array.from(n.getElementsByTagNameNS(TEXT, "p")).map((p) => p.textContent);
    notes.push({ author: n.getElementsByTagName("dc:creator")[0]?.textContent ?? "", text: paras, range: "" });
    open.set(n.getAttributeNS(OFFICE, "name"), notes.length - 1);
    return;
  }
  if (n.namespaceURI === OFFICE && n.localName === "annotation-end") return void open.delete(n.getAttributeNS(OFFICE, "name"));
  for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
};
walk(new DOMParser().parseFromString(content, "text/xml").documentElement);

const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const img = (p) => `data:image/png;base64,${readFileSync(p).toString("base64")}`;
const page = (title, png, side) => `<!doctype html><meta charset="utf-8"><style>
body{margin:0;font:13px/1.45 "Droid Sans Fallback",sans-serif;background:#e8e8e8;width:1400px}
h1{font-size:15px;margin:10px 16px}.row{display:flex;gap:12px;padding:0 16px 16px}.page{background:#fff;box-shadow:0 1px 4px #999}
.side{flex:1;background:#fff;padding:8px 12px;box-shadow:0 1px 4px #999;max-height:560px;overflow:hidden}
.n{border-left:3px solid #d08a00;padding:2px 8px;margin:0 0 6px}.n b{color:#555}.r{color:#06c}</style>
<h1>${esc(title)}</h1><div class="row"><img class="page" src="${img(png)}" width="909"><div class="side">${side}</div></div>`;
const side = notes.slice(0, 9).map((n) => `<div class="n"><b>${esc(n.author)}</b> · <span class="r">「${esc(n.range)}」</span><br>${n.text.map(esc).join("<br>")}</div>`).join("") + (notes.length > 9 ? `<div>… +${notes.length - 9}</div>` : "");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const tab = await browser.newPage({ viewport: { width: 1400, height: 620 } });
await tab.setContent(page(`LibreOffice ${execFileSync("soffice", ["--version"], { encoding: "utf8" }).split(" ")[1]}：report-qc --format docx 的批注（左：页面上的批注标记；右：LibreOffice 读到的批注，共 ${notes.length} 条）`, join(dir, "annotated-1.png"), side));
await tab.screenshot({ path: resolve("docs/img/docx-comments.png") });
await tab.setViewportSize({ width: 940, height: 500 });
await tab.setContent(page("LibreOffice：report-qc fix 写出的修订（删除线为删除，下划线为插入，作者 report-qc）", join(dir, "fixed-1.png"), "").replace('<div class="side"></div>', ""));
await tab.screenshot({ path: resolve("docs/img/docx-revisions.png") });
await browser.close();
console.log(`${notes.length} comments; screenshots in docs/img/`);
