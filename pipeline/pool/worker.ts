/**
 * @fileoverview Piscina worker entry (compiled to dist/pipeline/pool/worker.js): runs the per-document
 * stages (ingest → normalize → segment → checks) for one file. The segmenter dictionary and the rule
 * sets are loaded once per worker thread, on its first task, and reused for every later document.
 *
 * The result crosses the thread boundary by structured clone: plain data survives, class instances
 * come back as plain objects (the OffsetMap inside `segmented.normalized.map`); the main thread
 * rebuilds them with {@link reviveProcessed}. Errors are turned into InputError records here, since
 * IngestError (a class) would lose its type on the way back.
 */
import { workerData } from "piscina";
import type { DocumentMeta } from "../model/document.js";
import type { InputError, Lang } from "../model/finding.js";
import type { SegmenterName } from "../segmenter/index.js";
import { prepareRun, processFile, toInputError, type ProcessedDocument, type RunResources } from "../run.js";
import { lockedSegmenter } from "./segmenter-lock.js";

/** What the run needs to build its resources; identical for every task of a run. */
export interface WorkerConfig {
  rules?: string;
  allowRulePaths?: string[];
  lang: Lang;
  segmenter: SegmenterName;
  maxBytes?: number;
}

export interface WorkerTask {
  path: string;
  meta: DocumentMeta;
  config: WorkerConfig;
}

export type WorkerResult = { ok: true; processed: ProcessedDocument; errors: InputError[] } | { ok: false; error: InputError };

let cached: { key: string; res: RunResources } | null = null;

function resources(config: WorkerConfig): RunResources {
  const key = JSON.stringify(config);
  if (!cached || cached.key !== key) {
    const res = prepareRun(config);
    // Segmenter calls go one thread at a time (see segmenter-lock.ts).
    const lock = (workerData as { segmenterLock?: SharedArrayBuffer } | undefined)?.segmenterLock;
    cached = { key, res: lock ? { ...res, segmenter: lockedSegmenter(res.segmenter, lock) } : res };
  }
  return cached.res;
}

export default async function processTask(task: WorkerTask): Promise<WorkerResult> {
  try {
    const { processed, errors } = await processFile(task.path, resources(task.config), task.meta);
    return { ok: true, processed, errors };
  } catch (e) {
    return { ok: false, error: toInputError(task.path, e, task.config.lang) };
  }
}
