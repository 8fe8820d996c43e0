/**
 * @fileoverview Orchestrates the stages for a batch: ingest → normalize → segment → check, with
 * bounded concurrency and backpressure (p-queue). Stages are pure functions of their input artifact
 * plus the run's shared, read-only resources (rule sets, segmenter), so the same per-document
 * function can later run in worker threads or on queue workers.
 */
import PQueue from "p-queue";
import type { DocumentResult, InputError, Lang, ReportModel } from "./model/finding.js";
import type { ProfileOverrides, SegmentedDocument } from "./model/document.js";
import type { ResolvedRuleSet } from "./ruleset/types.js";
import { ingest } from "./stages/ingest.js";
import { normalize } from "./stages/normalize.js";
import { segment } from "./stages/segment.js";
import { profile, profileOf } from "./stages/profile.js";
import { runChecks } from "./stages/check.js";
import { createSegmenter, type Segmenter, type SegmenterName } from "./segmenter/index.js";
import { IngestError } from "./formats/errors.js";
import { expandInputs, IndexTsvCache } from "./inputs.js";
import { RuleSetProvider } from "./ruleset-provider.js";
import { documentMetrics, reportChars } from "./metrics.js";
import { TOOL } from "./version.js";
import { attachCorpusSummary, defaultArchive, runCorpusStep } from "./corpus-run.js";

export interface RunOptions {
  /** Rule set name or path; without it the set is chosen per document from its unit's province. */
  rules?: string;
  /** Folders rule files may reference besides their own and rules/ (`--allow-rule-paths`, absolute). */
  allowRulePaths?: string[];
  lang: Lang;
  segmenter: SegmenterName;
  /** Documents in flight at once. */
  concurrency?: number;
  /**
   * Worker threads for the per-document stages (`--jobs`). 1 (the default here) runs everything in
   * this thread; more starts a piscina pool (pool/pool.ts) with the dictionary and rule sets loaded
   * once per worker. Results are the same either way.
   */
  jobs?: number;
  /** Batches with fewer files run in-process even when `jobs` > 1 (default 2: any batch of several files). */
  minFilesForPool?: number;
  onProgress?(done: number, total: number, path: string): void;
  /** Reference archive for cross-document checks: a directory, false for none; default the package's corpus/. */
  corpus?: string | false;
  /** Files larger than this many bytes are an E_TOO_LARGE error (default 32 MB). */
  maxBytes?: number;
  /** Archive index (SQLite, `report-qc audit`) whose documents are reference documents too; without `corpus`, instead of corpus/. */
  index?: string;
  /** Profile fields fixed for every input (CLI --genre, --doc-date, --report-year, --unit); they win over index.tsv and the text. */
  profile?: ProfileOverrides;
}

export interface ProcessedDocument {
  result: DocumentResult;
  segmented: SegmentedDocument;
}

/** Shared, read-only resources of a run (loaded once). */
export interface RunResources {
  rules: RuleSetProvider;
  segmenter: Segmenter;
  lang: Lang;
  maxBytes?: number;
}

/**
 * Loads rule sets and the segmenter. Rule-set problems throw RuleSetLoadError before any document is read.
 */
export function prepareRun(options: Pick<RunOptions, "rules" | "allowRulePaths" | "lang" | "segmenter" | "maxBytes">, lazySegmenter = false): RunResources {
  const rules = RuleSetProvider.create(options.rules, options.allowRulePaths);
  const base = { rules, lang: options.lang, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) };
  if (!lazySegmenter) return { ...base, segmenter: createSegmenter(options.segmenter) };
  // With a worker pool the main thread segments only reference-archive documents (if any): load the
  // dictionary on first use (createSegmenter caches it).
  return Object.defineProperty(base, "segmenter", { get: () => createSegmenter(options.segmenter), enumerable: true }) as RunResources;
}

/** All stages for one document. Throws IngestError for a bad file. */
export async function processFile(path: string, res: RunResources, meta: Awaited<ReturnType<IndexTsvCache["metaFor"]>>): Promise<{ processed: ProcessedDocument; errors: InputError[] }> {
  const raw = await ingest(path, meta, res.maxBytes);
  const normalized = normalize(raw);
  const segmented = profile(segment(normalized, res.segmenter), { provinceOf: (t) => res.rules.provinceOf(t) });
  const ruleset: ResolvedRuleSet = res.rules.forDocument(segmented);
  const { findings, errors: checkErrors } = runChecks(segmented, ruleset, { lang: res.lang });
  // How the reader got the text (a web page read without its DOM, …) travels with the document's errors.
  const errors = [...(raw.meta.readerNotes ?? []).map((n) => ({ path: raw.path, code: n.code, message: res.lang === "en" ? n.en : n.zh })), ...checkErrors];
  const result = describeDocument(segmented, ruleset, res);
  result.findings = findings;
  result.metrics = documentMetrics(segmented, findings);
  return { processed: { result, segmented }, errors };
}

function describeDocument(doc: SegmentedDocument, ruleset: ResolvedRuleSet, res: RunResources): DocumentResult {
  const meta = doc.normalized.raw.meta;
  // Unit, province, years and dates come from the profile (stages/profile.ts): one source of truth,
  // the text's own evidence first, index.tsv / CLI / front matter overrides on top.
  const p = profileOf(doc);
  const title = meta.title ?? doc.derived.title;
  return {
    path: doc.normalized.raw.path,
    title,
    unit: p.unit,
    province: p.province,
    reportYear: p.reportYear,
    // Publication date as before the profile (schemaVersion 1): the posting date, else the document's own date.
    publishedDate: p.postedDate ?? p.date,
    profile: p,
    chars: reportChars(doc),
    ruleset: ruleset.id,
    metrics: {},
    findings: [],
  };
}

/**
 * Runs the whole batch. Documents come back in input order; a broken file is an `errors` entry and the batch goes on.
 */
export async function runPipeline(inputs: string[], options: RunOptions): Promise<{ model: ReportModel; processed: ProcessedDocument[] }> {
  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  // Rule sets are loaded and validated here first, also with a pool: RuleSetLoadError before any document is read.
  const res = prepareRun(options, jobs > 1);
  const { files, errors } = await expandInputs(inputs);
  const metaCache = new IndexTsvCache(options.profile);
  if (jobs > 1 && files.length >= Math.max(2, options.minFilesForPool ?? 2)) {
    const { runInPool } = await import("./pool/run-pool.js");
    const { slots, fileErrors } = await runInPool(files, metaCache, options, Math.min(jobs, files.length));
    return finishRun(slots, fileErrors, errors, res, options);
  }
  const concurrency = options.concurrency ?? 4;
  const queue = new PQueue({ concurrency });
  const slots: (ProcessedDocument | undefined)[] = new Array(files.length);
  const fileErrors: InputError[][] = files.map(() => []);
  let done = 0;
  for (let i = 0; i < files.length; i++) {
    // Backpressure: keep at most 2×concurrency documents queued so memory stays flat on big archives.
    await queue.onSizeLessThan(concurrency * 2);
    const path = files[i]!;
    void queue.add(async () => {
      try {
        const { processed, errors: errs } = await processFile(path, res, await metaCache.metaFor(path));
        slots[i] = processed;
        fileErrors[i]!.push(...errs);
      } catch (e) {
        fileErrors[i]!.push(toInputError(path, e, options.lang));
      } finally {
        options.onProgress?.(++done, files.length, path);
      }
    });
  }
  await queue.onIdle();
  return finishRun(slots, fileErrors, errors, res, options);
}

/** The batch step after the per-document stages: corpus checks and the report model. */
async function finishRun(slots: (ProcessedDocument | undefined)[], fileErrors: InputError[][], errors: InputError[], res: RunResources, options: RunOptions): Promise<{ model: ReportModel; processed: ProcessedDocument[] }> {
  const processed = slots.filter((p): p is ProcessedDocument => p !== undefined);
  // Corpus-level checks (cross-document-copy, boilerplate) over the whole batch plus the reference archive.
  const index = options.index;
  // Archived documents whose stored text does not decode are left out and named in errors.
  const indexErrors: InputError[] = [];
  const fromIndex = index
    ? {
        label: index,
        load: async () => {
          const { indexReference, unreadableRowError } = await import("./archive/reference.js");
          return indexReference(index, processed.map((p) => p.result.path), res.segmenter, (path) => indexErrors.push(unreadableRowError(path, index, res.lang)));
        },
      }
    : undefined;
  const corpus = await runCorpusStep(processed, res, options.corpus ?? (index ? false : defaultArchive()), fromIndex);
  const model: ReportModel = {
    schemaVersion: 1,
    tool: TOOL,
    documents: processed.map((p) => p.result),
    errors: [...errors, ...fileErrors.flat(), ...indexErrors],
  };
  attachCorpusSummary(model, corpus);
  return { model, processed };
}

export function toInputError(path: string, e: unknown, lang: Lang): InputError {
  if (e instanceof IngestError) return { path, code: e.code, message: lang === "en" ? e.en : e.zh };
  return { path, code: "E_INTERNAL", message: (e as Error)?.message ?? String(e) };
}
