/**
 * @fileoverview Formatters (pure `(model) => string`) and writing reports-out/.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Lang, ReportModel } from "../model/finding.js";
import { formatDocumentJson, formatIndexJson, formatJson } from "./json.js";
import { formatMarkdown } from "./markdown.js";
import { outputStems } from "./names.js";
import type { ReportSources } from "./html/data.js";
import { ingest } from "../stages/ingest.js";

export const OUTPUT_FORMATS = ["json", "md", "html", "docx"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseFormats(list: string): OutputFormat[] {
  const names = list.split(",").map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(n)) {
      throw new Error(`未知的输出格式 / unknown format "${n}"; expected one of ${OUTPUT_FORMATS.join(", ")}`);
    }
  }
  return names as OutputFormat[];
}

/**
 * Writes the per-document and batch outputs. Returns the files written.
 * @param sources original text and chrome spans per document path, for the HTML reviews (from
 * `sourcesFromProcessed(run.processed)`); a document without one is read again from its file.
 */
export async function writeReports(model: ReportModel, outDir: string, formats: OutputFormat[], lang: Lang, sources: ReportSources = new Map()): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const stems = outputStems(model.documents.map((d) => d.path));
  const written: string[] = [];
  const put = async (name: string, text: string | Uint8Array) => {
    const p = join(outDir, name);
    await writeFile(p, text);
    written.push(p);
  };
  if (formats.includes("json")) {
    for (let i = 0; i < model.documents.length; i++) await put(`${stems[i]}.json`, formatDocumentJson(model, model.documents[i]!));
    await put("index.json", formatIndexJson(model, stems));
  }
  if (formats.includes("md")) await put("summary.md", formatMarkdown(model, lang));
  if (formats.includes("html")) {
    const all: ReportSources = new Map(sources);
    for (const d of model.documents) {
      if (all.has(d.path)) continue;
      const raw = await ingest(d.path).catch(() => null);
      if (raw) all.set(d.path, { original: raw.original, chrome: [], format: raw.format, encoding: raw.encoding });
    }
    // Loaded only when HTML is written (a --json run never loads the review pages' code and assets).
    const { htmlFiles } = await import("./html/index.js");
    // The dashboard last, so that index.html is the last file written.
    for (const [name, html] of htmlFiles(model, stems, all, lang)) await put(name, html);
  }
  if (formats.includes("docx")) {
    // Loaded only when asked for: the .docx writer brings the XML and Markdown parsers.
    const { annotatedDocx } = await import("./docx.js");
    const inputs = new Set(model.documents.map((d) => resolve(d.path)));
    for (let i = 0; i < model.documents.length; i++) {
      const d = model.documents[i]!;
      const source = sources.get(d.path) ?? (await ingest(d.path).catch(() => null));
      if (!source) continue;
      // Never over an input (a .docx checked with --out set to its own folder).
      const name = inputs.has(resolve(outDir, `${stems[i]}.docx`)) ? `${stems[i]}.report-qc.docx` : `${stems[i]}.docx`;
      await put(name, await annotatedDocx(d, source, lang));
    }
  }
  return written;
}

export { formatJson, formatMarkdown };
export { sourcesFromProcessed, type ReportSources } from "./html/data.js";
