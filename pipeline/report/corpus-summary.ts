/**
 * @fileoverview The batch-level summary of the corpus checks (copy pairs, clusters) as the report
 * layer sees it. It travels on the ReportModel as a NON-enumerable `corpus` property: index.json and
 * the HTML dashboard read it, while `--json` output (JSON.stringify of the model) keeps its
 * schemaVersion-1 shape.
 */
import type { ReportModel } from "../model/finding.js";

export interface CorpusSummary {
  /** Reference archive used ("" when none). */
  archive: string;
  archiveDocuments: number;
  /** `{a, b, sharedChars, passages}`: characters of one report in passages shared with the other. */
  copyPairs: unknown[];
  /** Groups of reports linked by copied passages. */
  clusters: string[][];
  /** Everything the corpus checks returned, by check type. */
  byCheck: Record<string, unknown>;
}

export function attachCorpusSummary(model: ReportModel, summary: CorpusSummary | null): void {
  if (!summary) return;
  Object.defineProperty(model, "corpus", { value: summary, enumerable: false, configurable: true, writable: true });
}

export function corpusSummaryOf(model: ReportModel): CorpusSummary | null {
  return ((model as unknown as { corpus?: CorpusSummary }).corpus ?? null) as CorpusSummary | null;
}
