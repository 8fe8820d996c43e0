/**
 * @fileoverview .docx drafts, read with mammoth (the document body: paragraphs, headings, list items
 * and tables, in document order). mammoth's HTML is walked block by block so that every paragraph
 * becomes one line of the original text, separated by a blank line like the plain-text seeds; a table
 * stays a table: one line per row, cells separated by a tab, with every cell's offsets in
 * `RawDocument.tables` (formats/compose.ts, docs/tables.md). Offsets of findings refer to this
 * extracted text, and the HTML review shows it. Word's automatic numbering is written into the
 * paragraphs first (docx-numbering.ts).
 */
import mammoth from "mammoth";
import { parseHTML } from "linkedom";
import type { DocumentMeta } from "../model/document.js";
import { IngestError } from "./errors.js";
import type { FormatReader } from "./index.js";
import type { DomElement } from "./dom.js";
import { assertZipWithinBudget } from "./zip-guard.js";
import { materializeNumbering } from "./docx-numbering.js";
import { isZip, isDocx } from "./sniff.js";
import { composeLines, tableToLines, type TextLine } from "./compose.js";
export { isZip, isDocx };

const BLOCKS = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "TD", "TH"]);

/** Text of block elements in document order; nested blocks (a <p> in a <td>) are emitted once, innermost. */
export function blocksToText(root: DomElement): string[] {
  return docxLines(root).map((l) => l.text);
}

/** Lines of the document in order: one per paragraph, heading or list item, one per table row (formats/compose.ts). */
export function docxLines(root: DomElement): TextLine[] {
  const out: TextLine[] = [];
  let tables = 0;
  // A cell's paragraphs are joined by a space: `<p>12</p><p>34</p>` are two figures, not 1234.
  const cellText = (cell: DomElement) => paragraphTexts(cell).join(" ");
  const visit = (el: DomElement): void => {
    if (el.tagName === "TABLE") {
      out.push(...tableToLines(el, tables++, cellText));
      return;
    }
    const hasBlockChild = Array.from(el.children).some((c) => BLOCKS.has(c.tagName) || c.querySelector?.("p,h1,h2,h3,h4,h5,h6,li,td,th"));
    if (BLOCKS.has(el.tagName) && !hasBlockChild) {
      const text = (el.textContent ?? "").replace(/[ \t\u00a0]*\n[ \t\u00a0]*/g, " ").trim();
      if (text) out.push({ text });
      return;
    }
    for (const c of Array.from(el.children)) visit(c);
  };
  visit(root);
  return out;
}

/** Texts of the blocks inside a table cell (a nested table's cells included), white space collapsed. */
function paragraphTexts(root: DomElement): string[] {
  const out: string[] = [];
  const visit = (el: DomElement): void => {
    const hasBlockChild = Array.from(el.children).some((c) => BLOCKS.has(c.tagName) || c.tagName === "TABLE" || c.querySelector?.("p,h1,h2,h3,h4,h5,h6,li,td,th,table"));
    if (!hasBlockChild) {
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
      if (text) out.push(text);
      return;
    }
    for (const c of Array.from(el.children)) visit(c);
  };
  for (const c of Array.from(root.children)) visit(c);
  if (out.length === 0) {
    const text = (root.textContent ?? "").replace(/\s+/g, " ").trim();
    if (text) out.push(text);
  }
  return out;
}

export const docxReader: FormatReader = {
  name: "docx",
  extensions: [".docx"],
  sniff: isDocx,
  async read(buf) {
    // Bounded decompression first: mammoth (JSZip) would inflate a zip bomb fully into memory.
    assertZipWithinBudget(buf);
    let html: string;
    try {
      // Word's automatic numbers (一、（一）1. …) are typed into their paragraphs first.
      const numbered = await materializeNumbering(buf).catch(() => null);
      const input = numbered ?? Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
      const result = await mammoth.convertToHtml({ buffer: input }, { ignoreEmptyParagraphs: true });
      html = result.value;
    } catch (e) {
      const why = (e as Error)?.message ?? String(e);
      throw new IngestError("E_CORRUPT", `无法读取 .docx 文件（文件已损坏或不是 Word 文档）：${why}`, `cannot read the .docx file (corrupt or not a Word document): ${why}`);
    }
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    const { original, tables, markup } = composeLines(docxLines(document.body as unknown as DomElement), "docx");
    const meta: DocumentMeta = { sourceForm: "word document" };
    return { original, encoding: "docx", meta, ...(tables.length ? { tables, markup } : {}) };
  },
};
