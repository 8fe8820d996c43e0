/**
 * @fileoverview HTML output: one review page per document and the batch dashboard.
 */
import type { ReportModel, Lang } from "../../model/finding.js";
import { formatDashboardHtml } from "./dashboard.js";
import { formatReviewHtml } from "./review.js";
import type { ReportSources } from "./data.js";

export { formatDashboardHtml, formatReviewHtml };
export { sourcesFromProcessed, type ReportSource, type ReportSources } from "./data.js";

/**
 * The HTML files of a batch, one at a time so a big batch is never all in memory as HTML:
 * `[name, content]` pairs, `<stem>.html` per document, then `index.html`.
 */
export function* htmlFiles(model: ReportModel, stems: string[], sources: ReportSources, lang: Lang): Generator<[string, string]> {
  const stemByPath = new Map(model.documents.map((d, i) => [d.path, stems[i]!]));
  const names = new Map(model.documents.map((d) => [d.path, d.unit ?? d.title ?? d.path]));
  for (const d of model.documents) {
    yield [`${stemByPath.get(d.path)}.html`, formatReviewHtml(d, sources.get(d.path), { lang, stems: stemByPath, names, dashboard: "index.html" })];
  }
  yield ["index.html", formatDashboardHtml(model, { lang, stems: stemByPath })];
}
