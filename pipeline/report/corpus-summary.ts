/**
 * @fileoverview Puts the batch-level summary of the corpus checks (copy pairs, clusters) on the report
 * model (`ReportModel.corpus`), where index.json and the HTML dashboard read it. `--json` output leaves
 * it out (formatJson) so it keeps its schemaVersion-1 shape.
 */
import type { CorpusSummary, ReportModel } from "../model/finding.js";

export type { CorpusSummary };

export function attachCorpusSummary(model: ReportModel, summary: CorpusSummary | null): void {
  if (summary) model.corpus = summary;
}

export function corpusSummaryOf(model: ReportModel): CorpusSummary | null {
  return model.corpus ?? null;
}
