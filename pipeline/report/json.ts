/**
 * @fileoverview JSON views of the report model: the whole model (stdout, `--json`), one document
 * (reports-out/<doc>.json, same schema with one document), and the batch index (reports-out/index.json).
 */
import type { DocumentResult, ReportModel } from "../model/finding.js";
import { corpusSummaryOf } from "./corpus-summary.js";

/** The stable `--json` output (schemaVersion 1): the model without its batch-internal `corpus` summary. */
export function formatJson(model: ReportModel): string {
  const { corpus: _batchOnly, ...stable } = model;
  return JSON.stringify(stable, null, 2) + "\n";
}

export function formatDocumentJson(model: ReportModel, doc: DocumentResult): string {
  const errors = model.errors.filter((e) => e.path === doc.path);
  return formatJson({ schemaVersion: 1, tool: model.tool, documents: [doc], errors });
}

export interface IndexEntry {
  path: string;
  /** The per-document JSON file, relative to the output directory. */
  output: string;
  title: string | null;
  unit: string | null;
  province: string | null;
  reportYear: number | null;
  ruleset: string;
  chars: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function formatIndexJson(model: ReportModel, stems: string[]): string {
  const documents: IndexEntry[] = model.documents.map((d, i) => ({
    path: d.path,
    output: `${stems[i]}.json`,
    title: d.title,
    unit: d.unit,
    province: d.province,
    reportYear: d.reportYear,
    ruleset: d.ruleset,
    chars: d.chars,
    errors: d.findings.filter((f) => f.severity === "error").length,
    warnings: d.findings.filter((f) => f.severity === "warning").length,
    infos: d.findings.filter((f) => f.severity === "info").length,
  }));
  // Batch results of the corpus-level checks (cross-document-copy): pairs of reports sharing copied
  // passages (a, b, sharedChars, passages) and clusters of reports that copy each other.
  const corpus = corpusSummaryOf(model);
  const batch = corpus ? { referenceArchive: corpus.archive || null, referenceDocuments: corpus.archiveDocuments, copyPairs: corpus.copyPairs, clusters: corpus.clusters } : { copyPairs: [], clusters: [] };
  return JSON.stringify({ schemaVersion: 1, tool: model.tool, documents, ...batch, errors: model.errors }, null, 2) + "\n";
}
