/**
 * @fileoverview `--format docx`: per document, the .docx a reviewer opens in Word with one comment
 * (批注) per finding. A Word input is copied with the comments added (its formatting untouched);
 * any other input becomes a new .docx of its text (pipeline/docx/plain.ts).
 */
import { readFile } from "node:fs/promises";
import type { DocumentResult, Lang } from "../model/finding.js";
import type { ReportSource } from "./html/index.js";
import { annotateDocx } from "../docx/comments.js";
import { docxFromText } from "../docx/plain.js";
import { parseMarkdown } from "../formats/markdown.js";
import { isDocx } from "../formats/sniff.js";

/** The annotated .docx of one document; `original` is the text the findings' offsets refer to. */
export async function annotatedDocx(doc: DocumentResult, source: Pick<ReportSource, "original" | "format">, lang: Lang, date?: Date): Promise<Buffer> {
  const base = await baseDocx(doc, source);
  const { docx } = await annotateDocx(base, source.original, doc.findings, { lang, ...(date ? { date } : {}) });
  return docx;
}

async function baseDocx(doc: DocumentResult, source: Pick<ReportSource, "original" | "format">): Promise<Uint8Array> {
  if (source.format === "docx") {
    const buf = await readFile(doc.path).catch(() => null);
    if (buf && isDocx(buf)) return buf;
  }
  const markup = source.format === "markdown" ? parseMarkdown(source.original).markup : undefined;
  return docxFromText(source.original, { ...(doc.title ? { title: doc.title } : {}), ...(markup ? { markup } : {}) });
}
