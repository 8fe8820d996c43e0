/**
 * @fileoverview Batch-level step of a run, after every document went through the per-document stages:
 * loads the reference archive (`--corpus DIR`, the embedded corpus/ by default) through ingest →
 * normalize → segment (no per-document checks: archive documents are sources only), runs the
 * corpus-level checks (stages/corpus-check.ts) and merges their findings and metrics into the batch
 * documents' results.
 *
 * A document checked from inside the archive (`report-qc check corpus/x.txt`) is the same file as an
 * archive document: archive files are matched by real path and dropped, so no report matches itself.
 * An identical copy elsewhere, or the same unit's report for the same year, is also never a "source"
 * (see fingerprint/copy-index.ts).
 */
import { existsSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import type { CorpusDocument } from "./checks/define-check.js";
import { ingest } from "./stages/ingest.js";
import { normalize } from "./stages/normalize.js";
import { segment } from "./stages/segment.js";
import { profile, profileOf } from "./stages/profile.js";
import { dedupeAndSort } from "./stages/check.js";
import { hasCorpusRules, runCorpusChecks, type CorpusEntry } from "./stages/corpus-check.js";
import { expandInputs, IndexTsvCache } from "./inputs.js";
import { documentMetrics } from "./metrics.js";
import { PACKAGE_ROOT } from "./version.js";
import type { ProcessedDocument, RunResources } from "./run.js";
import type { CorpusSummary } from "./report/corpus-summary.js";
export { attachCorpusSummary } from "./report/corpus-summary.js";

/** The default reference archive: the package's corpus/ directory. */
export function defaultArchive(): string | false {
  const dir = join(PACKAGE_ROOT, "corpus");
  if (!existsSync(dir)) return false;
  // Shown in `related` paths: relative to the working directory when inside it (corpus/000_….txt).
  const rel = relative(process.cwd(), dir);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : dir;
}

/**
 * Runs the corpus-level checks and updates `processed[i].result` (findings, metrics) in place.
 * @param archive reference archive directory, or false for none
 * @param extra more reference documents, loaded only when a corpus rule is in use (the archive index: archive/reference.ts)
 */
export async function runCorpusStep(
  processed: ProcessedDocument[],
  res: RunResources,
  archive: string | false,
  extra?: { label: string; load(): Promise<CorpusDocument[]> },
): Promise<CorpusSummary | null> {
  const rulesets = processed.map((p) => res.rules.forDocument(p.segmented));
  if (!processed.length || !hasCorpusRules(rulesets)) return null;
  const entries: CorpusEntry[] = processed.map((p, i) => ({
    path: p.result.path,
    doc: p.segmented,
    unit: p.result.unit ?? p.result.path,
    reportYear: p.result.reportYear,
    publishedDate: p.result.publishedDate,
    target: true,
    ruleset: rulesets[i]!,
  }));
  const reference = [...(archive ? await loadArchive(archive, processed, res) : []), ...(extra ? await extra.load() : [])];
  const out = runCorpusChecks([...entries, ...reference.map((d) => ({ ...d, ruleset: null }))], { lang: res.lang });
  processed.forEach((p, i) => {
    const findings = dedupeAndSort([...p.result.findings, ...out.findings[i]!]);
    p.result.findings = findings;
    p.result.metrics = { ...p.result.metrics, ...documentMetrics(p.segmented, findings), ...out.metrics[i] };
  });
  const copy = (out.batch["cross-document-copy"] ?? {}) as { copyPairs?: unknown[]; clusters?: string[][] };
  return {
    archive: [archive || "", extra?.label ?? ""].filter(Boolean).join(", "),
    archiveDocuments: reference.length,
    copyPairs: copy.copyPairs ?? [],
    clusters: copy.clusters ?? [],
    byCheck: out.batch,
  };
}

/** Reference documents: every readable file of the archive that is not a batch document. */
async function loadArchive(dir: string, processed: ProcessedDocument[], res: RunResources): Promise<CorpusDocument[]> {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const batch = new Set(processed.map((p) => real(p.result.path)));
  const { files } = await expandInputs([dir]);
  const metas = new IndexTsvCache();
  const out: CorpusDocument[] = [];
  for (const file of files) {
    if (batch.has(real(file))) continue;
    try {
      const raw = await ingest(file, await metas.metaFor(file));
      const doc = profile(segment(normalize(raw), res.segmenter), { provinceOf: (t) => res.rules.provinceOf(t) });
      const p = profileOf(doc);
      out.push({
        path: file,
        doc,
        unit: p.unit ?? file,
        reportYear: p.reportYear,
        publishedDate: p.postedDate ?? p.date,
        target: false,
      });
    } catch {
      // An unreadable archive file is skipped: the archive is context, not input.
    }
  }
  return out;
}
