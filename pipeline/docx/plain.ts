/**
 * @fileoverview A new .docx from a document's text (plain text, Markdown, PDF or web page
 * extraction): one Word paragraph per non-empty line, Markdown markup left out, written with the
 * `docx` package. The comments and revisions are then added by the same code as for a Word input,
 * aligning the original text with this body (markup and blank lines are characters only the
 * original has).
 */
import { Document, Packer, Paragraph, TextRun } from "docx";
import type { MarkupSpan } from "../model/document.js";

export async function docxFromText(original: string, opts: { title?: string; markup?: readonly MarkupSpan[] } = {}): Promise<Buffer> {
  let text = original;
  if (opts.markup?.length) {
    // Deleted markup disappears; replaced markup (a table pipe) becomes its stand-in.
    let out = "";
    let at = 0;
    for (const m of opts.markup) {
      out += original.slice(at, m.start) + (m.replace ?? "");
      at = Math.max(at, m.end);
    }
    text = out + original.slice(at);
  }
  const lines = text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, " ")
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .filter((l) => l.trim());
  const children = lines.map((line) => new Paragraph({ children: [new TextRun(line)] }));
  const doc = new Document({
    creator: "report-qc",
    title: opts.title ?? "",
    styles: { default: { document: { run: { font: { ascii: "Times New Roman", eastAsia: "SimSun", hAnsi: "Times New Roman" }, size: 24 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
