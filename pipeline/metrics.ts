/**
 * @fileoverview Per-document metrics for the JSON (counts; the copy and boilerplate ratios are added
 * by the duplication checks' stage).
 */
import type { SegmentedDocument } from "./model/document.js";
import type { DocumentMetrics, Finding } from "./model/finding.js";

export function documentMetrics(doc: SegmentedDocument, findings: Finding[]): DocumentMetrics {
  const bySeverity = { error: 0, warning: 0, info: 0 };
  const byCheck: Record<string, number> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byCheck[f.check] = (byCheck[f.check] ?? 0) + 1;
  }
  return {
    reportChars: reportChars(doc),
    noiseChars: doc.normalized.noise.reduce((n, s) => n + (s.end - s.start), 0),
    blocks: doc.blocks.length,
    sentences: doc.sentences.length,
    findingsBySeverity: bySeverity,
    findingsByCheck: byCheck,
  };
}

/** Characters of report prose: not whitespace, not chrome. */
export function reportChars(doc: SegmentedDocument): number {
  let n = 0;
  for (const b of doc.blocks) {
    if (b.kind === "chrome") continue;
    for (const ch of b.text) if (!/\s/u.test(ch)) n++;
  }
  return n;
}
