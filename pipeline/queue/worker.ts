/**
 * @fileoverview `report-qc worker --queue redis://…`: takes jobs (batches of ~20 documents) from the
 * BullMQ queue and runs the same per-document stages as `check`/`audit` (run.ts processFile) on the
 * worker-thread pool (pool/pool.ts). The CPU work therefore never runs on this process's main thread,
 * whose event loop stays free for BullMQ's lock renewal (every lockDuration/2) and the stalled-job
 * checks, however long a document takes.
 *
 * Per document, in one MULTI: the packed document (rqc:docs), its result (rqc:results, keyed by
 * content hash + rule-set hash + tool version + input path and metadata) and the run's done entry. All three are HSETs of fixed
 * fields, so a re-delivered job (a killed worker, a lost lock, Redis restarted) rewrites the same
 * entries: at-least-once delivery, exactly one result per document. Documents of a re-delivered job
 * already marked done are skipped.
 */
import { UnrecoverableError, Worker, type Job } from "bullmq";
import { DocumentPool } from "../pool/pool.js";
import { RuleSetProvider } from "../ruleset-provider.js";
import { toolKey } from "../archive/audit.js";
import { checkRedis, connect, contentHash, resultKey, doneKey, DOCS_KEY, packRaw, QUEUE_NAME, RESULTS_KEY, RUN_TTL_S, sha256, type DoneEntry, type QueueJobData, type StoredQueueResult } from "./common.js";

export interface QueueWorkerOptions {
  url: string;
  /** Worker threads (and jobs in flight): default 1. */
  threads?: number;
  /** BullMQ lock duration in ms (default 30,000); the stalled check runs at the same interval. */
  lockMs?: number;
  log?(line: string): void;
}

/** Starts a worker; resolves with a `close()` that finishes the jobs in hand and stops. */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<{ close(): Promise<void>; worker: Worker }> {
  const threads = Math.max(1, options.threads ?? 1);
  const log = options.log ?? (() => {});
  // Bounded first connect; afterwards the worker rides out Redis restarts.
  await checkRedis(options.url);
  const redis = connect(options.url);
  const pool = new DocumentPool(threads);
  const tool = toolKey();
  const rulesCache = new Map<string, Map<string, string>>();
  const rulesetHashes = (rules: string | undefined, allowRulePaths?: string[]) => {
    const k = JSON.stringify([rules ?? "", allowRulePaths ?? []]);
    let m = rulesCache.get(k);
    if (!m) rulesCache.set(k, (m = new Map(RuleSetProvider.create(rules, allowRulePaths).ruleSets().map((r) => [r.id, r.hash]))));
    return m;
  };

  const processor = async (job: Job<QueueJobData>) => {
    const data = job.data;
    if (data.tool !== tool) throw new UnrecoverableError(`worker runs tool version ${tool}, the audit ${data.tool}: update the worker`);
    const hashes = rulesetHashes(data.config.rules, data.config.allowRulePaths);
    for (const [id, h] of Object.entries(data.rulesets)) {
      if (hashes.get(id) !== h) throw new UnrecoverableError(`rule set ${id} differs between this worker and the audit (hash ${hashes.get(id) ?? "missing"} vs ${h})`);
    }
    const done = doneKey(data.runId);
    let n = 0;
    for (const d of data.docs) {
      if (await redis.hexists(done, String(d.i))) {
        n++;
        continue;
      }
      const hash = await contentHash(d.abs, data.config.maxBytes);
      // A crashed pool thread rejects: the job fails and is retried with backoff.
      const r = await pool.run({ path: d.abs, meta: d.meta, config: data.config });
      let entry: DoneEntry;
      const tx = redis.multi();
      if (r.ok) {
        const result = { ...r.processed.result, path: d.path };
        const raw = { ...r.processed.segmented.normalized.raw, path: d.path };
        const h = hash ?? sha256(raw.original);
        const key = resultKey(h, hashes.get(result.ruleset) ?? "", tool, d);
        const stored: StoredQueueResult = { rulesetId: result.ruleset, inputMeta: JSON.stringify(d.meta), result, errors: r.errors.map((e) => ({ ...e, path: d.path })) };
        tx.hset(DOCS_KEY, h, packRaw(raw)).hset(RESULTS_KEY, key, JSON.stringify(stored));
        entry = { key, hash: h };
      } else entry = { error: { ...r.error, path: d.path } };
      tx.hset(done, String(d.i), JSON.stringify(entry)).expire(done, RUN_TTL_S);
      const replies = await tx.exec();
      const failed = replies?.find(([e]) => e);
      if (!replies || failed) throw new Error(`Redis write failed: ${failed?.[0]?.message ?? "transaction aborted"}`);
      n++;
      await job.updateProgress(n);
    }
    log(`job ${job.id}: ${data.docs.length} documents`);
    return { documents: data.docs.length };
  };

  const lockDuration = options.lockMs ?? 30_000;
  const workerConnection = connect(options.url);
  const worker = new Worker<QueueJobData>(QUEUE_NAME, processor, {
    connection: workerConnection,
    concurrency: threads,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: 2,
  });
  worker.on("error", (e) => log(`worker error: ${e.message}`));
  worker.on("failed", (job, e) => log(`job ${job?.id} failed (attempt ${job?.attemptsMade}): ${e.message}`));
  await worker.waitUntilReady();
  return {
    worker,
    async close() {
      await worker.close();
      await pool.close();
      workerConnection.disconnect();
      redis.disconnect();
    },
  };
}
