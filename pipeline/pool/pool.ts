/**
 * @fileoverview The worker-thread pool behind `report-qc check --jobs N` (N > 1): piscina threads
 * running pool/worker.ts, one document per task. Results are rebuilt into live objects in the main
 * thread (the corpus step and the report writers need SegmentedDocument with a working OffsetMap).
 */
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { OffsetMap } from "../model/offset-map.js";
import type { ProcessedDocument } from "../run.js";
import type { WorkerResult, WorkerTask } from "./worker.js";
import { createLockBuffer } from "./segmenter-lock.js";

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

export class DocumentPool {
  private readonly piscina: Piscina<WorkerTask, WorkerResult>;

  constructor(readonly threads: number) {
    // Workers stay up for the whole run (idleTimeout) so dictionaries load once per thread.
    this.piscina = new Piscina({ filename: WORKER, minThreads: threads, maxThreads: threads, idleTimeout: 60_000, concurrentTasksPerWorker: 1, workerData: { segmenterLock: createLockBuffer() } });
  }

  async run(task: WorkerTask): Promise<WorkerResult> {
    const r = await this.piscina.run(task);
    if (r.ok) reviveProcessed(r.processed);
    return r;
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

/** Rebuilds the class instances a structured clone turned into plain objects (in place). */
export function reviveProcessed(p: ProcessedDocument): ProcessedDocument {
  const n = p.segmented.normalized;
  if (!(n.map instanceof OffsetMap)) n.map = OffsetMap.fromJSON(n.map as unknown);
  return p;
}
