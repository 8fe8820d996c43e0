/**
 * @fileoverview `report-qc audit DIR --queue redis://…`: enqueues the documents in jobs of ~20
 * (BullMQ, attempts 3, exponential backoff), waits until every job is settled, then runs the
 * corpus step (cross-document copy, boilerplate) once, here, over every document of the run plus
 * every document stored in Redis by earlier runs, and writes the reports as `audit` does.
 *
 * Nothing is dropped: every document of the run ends with either a result or an `errors` entry.
 * A job that fails its last attempt turns its unfinished documents into E_QUEUE errors with the
 * reason; a job that vanished (Redis restarted without persistence) is enqueued again, since this
 * process holds the list of documents; whatever is still missing at the end is an E_QUEUE error.
 */
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { DocumentResult, InputError, ReportModel } from "../model/finding.js";
import type { CorpusDocument } from "../checks/define-check.js";
import { expandInputs, IndexTsvCache } from "../inputs.js";
import { prepareRun, type ProcessedDocument, type RunOptions } from "../run.js";
import { attachCorpusSummary, runCorpusStep } from "../corpus-run.js";
import { normalize } from "../stages/normalize.js";
import { segment } from "../stages/segment.js";
import { profile } from "../stages/profile.js";
import { toolKey } from "../archive/audit.js";
import { referenceDocument } from "../archive/reference.js";
import { TOOL } from "../version.js";
import type { WorkerConfig } from "../pool/worker.js";
import { checkRedis, connect, connectBounded, doneKey, DOCS_KEY, LATEST_KEY, QUEUE_NAME, RESULTS_KEY, RUN_TTL_S, runKey, unpackRaw, type DoneEntry, type QueueDoc, type QueueJobData, type StoredQueueResult } from "./common.js";

export interface QueueAuditOptions extends Omit<RunOptions, "corpus" | "index"> {
  url: string;
  /** Documents per job (default 20). */
  batchSize?: number;
  log?(line: string): void;
}

export interface QueueAuditStats {
  runId: string;
  documents: number;
  jobs: number;
  /** Jobs enqueued again because they vanished from Redis. */
  requeued: number;
  failed: number;
  /** Wall time until the queue drained (ms) and in total. */
  queueMs: number;
  ms: number;
}

export const JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: { age: RUN_TTL_S },
  removeOnFail: { age: RUN_TTL_S },
};

export async function runQueueAudit(inputs: string[], options: QueueAuditOptions): Promise<{ model: ReportModel; processed: ProcessedDocument[]; stats: QueueAuditStats }> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  // Bounded first connect: the connections below wait for Redis forever (they ride out restarts mid-run).
  await checkRedis(options.url);
  const res = prepareRun(options);
  const rulesets = Object.fromEntries(res.rules.ruleSets().map((r) => [r.id, r.hash]));
  const tool = toolKey();
  const { files, errors } = await expandInputs(inputs);
  const metaCache = new IndexTsvCache();
  const docs: QueueDoc[] = [];
  for (let i = 0; i < files.length; i++) docs.push({ i, path: files[i]!, abs: resolve(files[i]!), meta: await metaCache.metaFor(files[i]!) });
  const config: WorkerConfig = {
    lang: options.lang,
    segmenter: options.segmenter,
    ...(options.rules ? { rules: /\.ya?ml$/i.test(options.rules) ? resolve(options.rules) : options.rules } : {}),
    ...(options.allowRulePaths?.length ? { allowRulePaths: options.allowRulePaths } : {}),
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
  };
  const size = Math.max(1, options.batchSize ?? 20);
  const batches: QueueDoc[][] = [];
  for (let i = 0; i < docs.length; i += size) batches.push(docs.slice(i, i + size));
  const runId = randomUUID();
  // A job enqueued again (lost with a restarted Redis) gets a new id: the old one may still exist as completed.
  const generation = batches.map(() => 0);
  const jobId = (b: number) => `${runId}-${b}${generation[b] ? `-g${generation[b]}` : ""}`;
  const jobOf = (b: number) => ({ name: "documents", data: { runId, tool, rulesets, config, docs: batches[b]! } satisfies QueueJobData, opts: { ...JOB_OPTIONS, jobId: jobId(b) } });

  const redis = connect(options.url);
  const queueConnection = connect(options.url);
  const queue = new Queue<QueueJobData>(QUEUE_NAME, { connection: queueConnection });
  queue.on("error", () => {});
  const stats: QueueAuditStats = { runId, documents: docs.length, jobs: batches.length, requeued: 0, failed: 0, queueMs: 0, ms: 0 };
  try {
    await redis.multi().hset(runKey(runId), { total: docs.length, jobs: batches.length, started: new Date().toISOString() }).expire(runKey(runId), RUN_TTL_S).set(LATEST_KEY, runId).exec();
    await queue.addBulk(batches.map((_, b) => jobOf(b)));
    log(`run ${runId}: ${docs.length} documents in ${batches.length} jobs`);

    // Wait until each job is settled: all its documents done, or failed for good.
    const pending = new Set(batches.map((_, b) => b));
    const failedReason = new Map<number, string>();
    const requeue = async (b: number) => {
      generation[b]!++;
      await queue.add(jobOf(b).name, jobOf(b).data, jobOf(b).opts);
      stats.requeued++;
      log(`job ${b} of the run was lost; enqueued again as ${jobId(b)}`);
    };
    let lastDone = -1;
    let down = false;
    for (;;) {
      if (!pending.size) {
        // Settled batches whose done entries vanished since (Redis restarted empty) go round again.
        try {
          const done = new Set(await redis.hkeys(doneKey(runId)));
          for (const [b, batch] of batches.entries()) {
            if (!failedReason.has(b) && generation[b]! < 5 && !batch.every((d) => done.has(String(d.i)))) {
              await requeue(b);
              pending.add(b);
            }
          }
        } catch {
          pending.add(0); // Redis down: keep waiting
          continue;
        }
        if (!pending.size) break;
      }
      try {
        const done = new Set(await redis.hkeys(doneKey(runId)));
        for (const b of [...pending]) {
          if (batches[b]!.every((d) => done.has(String(d.i)))) {
            pending.delete(b);
            continue;
          }
          const state = await queue.getJobState(jobId(b));
          if (state === "failed") {
            const job = await queue.getJob(jobId(b));
            // A failed job with attempts left is retried by BullMQ (it is "delayed", not "failed").
            failedReason.set(b, job?.failedReason ?? "failed");
            pending.delete(b);
          } else if (state === "unknown" || state === "completed") {
            // Gone from Redis (restarted without persistence), or completed before the restart that lost its
            // results: enqueue again; documents already done are skipped by the worker.
            if (generation[b]! < 5) await requeue(b);
            else {
              failedReason.set(b, "lost from Redis 5 times");
              pending.delete(b);
            }
          }
        }
        if (down) log("Redis is back");
        down = false;
        if (done.size !== lastDone) options.onProgress?.((lastDone = done.size), docs.length, "");
      } catch (e) {
        if (!down) log(`waiting for Redis: ${(e as Error).message}`);
        down = true;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    stats.queueMs = Math.round(performance.now() - started);

    // Collect: one done entry per document.
    const done = await redis.hgetall(doneKey(runId));
    const entries: (DoneEntry | undefined)[] = docs.map((d) => (done[String(d.i)] ? (JSON.parse(done[String(d.i)]!) as DoneEntry) : undefined));
    const keys = entries.flatMap((e) => (e && "key" in e ? [e.key] : []));
    const hashes = entries.flatMap((e) => (e && "key" in e ? [e.hash] : []));
    const results = keys.length ? await redis.hmget(RESULTS_KEY, ...keys) : [];
    const raws = hashes.length ? await redis.hmget(DOCS_KEY, ...hashes) : [];
    const processed: ProcessedDocument[] = [];
    const fileErrors: InputError[] = [];
    let k = 0;
    for (let i = 0; i < docs.length; i++) {
      const e = entries[i];
      const d = docs[i]!;
      if (!e) {
        const b = Math.floor(i / size);
        fileErrors.push({ path: d.path, code: "E_QUEUE", message: `not processed: ${failedReason.get(b) ?? "no result after the queue drained"}` });
        stats.failed++;
        continue;
      }
      if ("error" in e) {
        fileErrors.push(e.error);
        stats.failed++;
        continue;
      }
      const stored = results[k] ? (JSON.parse(results[k]!) as StoredQueueResult) : null;
      const packed = raws[k++];
      if (!stored || !packed) {
        fileErrors.push({ path: d.path, code: "E_QUEUE", message: "result missing from Redis" });
        stats.failed++;
        continue;
      }
      // Rebuilt from the stored text, as audit rebuilds archived documents: normalize → segment is deterministic.
      const raw = { ...unpackRaw(packed), path: d.path };
      // Stamped with this input's path: rqc:docs holds one text per content, whichever path wrote it last.
      fileErrors.push(...stored.errors.map((x) => ({ ...x, path: d.path })));
      processed.push({ result: { ...(stored.result as DocumentResult), path: d.path }, segmented: profile(segment(normalize(raw), res.segmenter), { provinceOf: (t) => res.rules.provinceOf(t) }) });
    }
    // Run bookkeeping again (a Redis restarted empty during the run lost it), for --status.
    await redis.multi().hset(runKey(runId), { total: docs.length, jobs: batches.length, finished: new Date().toISOString() }).expire(runKey(runId), RUN_TTL_S).set(LATEST_KEY, runId).exec();

    const inBatch = new Set(hashes);
    const summary = await runCorpusStep(processed, res, false, {
      label: `redis ${options.url}`,
      load: async () => loadRedisReference(redis, inBatch, res.segmenter),
    });
    const model: ReportModel = { schemaVersion: 1, tool: TOOL, documents: processed.map((p) => p.result), errors: [...errors, ...fileErrors] };
    attachCorpusSummary(model, summary);
    stats.ms = Math.round(performance.now() - started);
    return { model, processed, stats };
  } finally {
    await queue.close();
    queueConnection.disconnect();
    redis.disconnect();
  }
}

/** Every document stored in Redis by earlier runs (not in this run): the reference archive. */
async function loadRedisReference(redis: Redis, skip: ReadonlySet<string>, segmenter: Parameters<typeof referenceDocument>[1]): Promise<CorpusDocument[]> {
  const out: CorpusDocument[] = [];
  let cursor = "0";
  do {
    const [next, flat] = await redis.hscan(DOCS_KEY, cursor, "COUNT", 200);
    cursor = next;
    for (let j = 0; j < flat.length; j += 2) {
      const hash = flat[j]!;
      if (skip.has(hash)) continue;
      const raw = unpackRaw(flat[j + 1]!);
      out.push(referenceDocument({ hash, path: raw.path, raw }, segmenter));
    }
  } while (cursor !== "0");
  // Same order as the SQLite index's (path, hash), so results do not depend on Redis's hash order.
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** `report-qc audit --queue URL --status`: the queue's job counts and the newest run's progress. */
export async function queueStatus(url: string): Promise<string> {
  await checkRedis(url);
  const redis = connectBounded(url);
  const queueConnection = connectBounded(url);
  const queue = new Queue(QUEUE_NAME, { connection: queueConnection });
  queue.on("error", () => {});
  try {
    const c = await queue.getJobCounts("waiting", "active", "completed", "failed", "delayed", "prioritized");
    const lines = [`queue ${QUEUE_NAME} (jobs): waiting ${(c.waiting ?? 0) + (c.prioritized ?? 0)}  active ${c.active ?? 0}  completed ${c.completed ?? 0}  failed ${c.failed ?? 0}  delayed ${c.delayed ?? 0}`];
    const id = await redis.get(LATEST_KEY);
    if (id) {
      const run = await redis.hgetall(runKey(id));
      const n = await redis.hlen(doneKey(id));
      lines.push(`latest run ${id}: ${n}/${run.total ?? "?"} documents done, ${run.jobs ?? "?"} jobs, started ${run.started ?? "?"}${run.finished ? `, finished ${run.finished}` : ""}`);
    }
    lines.push(`results stored: ${await redis.hlen(RESULTS_KEY)}, documents stored: ${await redis.hlen(DOCS_KEY)}`);
    return lines.join("\n") + "\n";
  } finally {
    await queue.close();
    queueConnection.disconnect();
    redis.disconnect();
  }
}
