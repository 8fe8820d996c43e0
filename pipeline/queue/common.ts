/**
 * @fileoverview Shared pieces of the distributed mode (issue 7 §3: BullMQ on Redis): the queue and key
 * names, the job payload, the Redis connection, and the packed form of a document's decoded text.
 *
 * Redis layout (all under `rqc:`, beside BullMQ's own `bull:report-qc:*` keys):
 * - `rqc:results` HASH, field `<content sha256>|<rule-set hash>|<tool version>` → JSON
 *   {rulesetId, inputMeta, result, errors}: the per-document check result, keyed as in the SQLite
 *   index. HSET of the same field by a re-delivered job overwrites, never duplicates.
 * - `rqc:docs` HASH, field content sha256 → the RawDocument (decoded original text + metadata),
 *   JSON, deflate-raw, base64: what the corpus step rebuilds documents from (every worker's documents,
 *   and every earlier run's as reference archive).
 * - `rqc:run:<id>` HASH {total, jobs, started, finished}; `rqc:run:<id>:done` HASH, field = the
 *   document's index in the run → JSON {key, hash} or {error}: one field per document, so a document
 *   processed twice (re-delivery) is still one entry. `rqc:latest` holds the newest run id.
 */
import { createHash } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { Redis } from "ioredis";
import type { DocumentMeta, RawDocument } from "../model/document.js";
import type { DocumentResult, InputError } from "../model/finding.js";
import type { WorkerConfig } from "../pool/worker.js";
import { readRegularFile } from "../files.js";
import { DEFAULT_MAX_BYTES } from "../stages/ingest.js";

export const QUEUE_NAME = "report-qc";
export const RESULTS_KEY = "rqc:results";
export const DOCS_KEY = "rqc:docs";
export const LATEST_KEY = "rqc:latest";
export const runKey = (id: string) => `rqc:run:${id}`;
export const doneKey = (id: string) => `rqc:run:${id}:done`;
/** Run bookkeeping is kept this long after a run (for --status); results and documents are kept. */
export const RUN_TTL_S = 7 * 24 * 3600;

export interface QueueDoc {
  /** Index of the document in the run (field of the done hash). */
  i: number;
  /** The path as given to `audit` (shown in results). */
  path: string;
  /** Absolute path the worker reads (workers share the audit machine's file system). */
  abs: string;
  meta: DocumentMeta;
}

export interface QueueJobData {
  runId: string;
  /** Tool version and rule-set hashes of the enqueuing `audit`: a worker with other code or rules refuses the job. */
  tool: string;
  rulesets: Record<string, string>;
  config: WorkerConfig;
  docs: QueueDoc[];
}

export interface StoredQueueResult {
  rulesetId: string;
  inputMeta: string;
  result: DocumentResult;
  errors: InputError[];
}

export type DoneEntry = { key: string; hash: string } | { error: InputError };

/**
 * A Redis client for `redis://HOST:PORT[/DB]`. maxRetriesPerRequest null: a command issued while Redis
 * is down waits for the reconnect instead of failing (what BullMQ requires of worker connections).
 */
export function connect(url: string): Redis {
  if (!/^rediss?:\/\//.test(url)) throw new Error(`--queue expects redis://HOST:PORT, got "${url}"`);
  const client = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(200 * times, 2000) });
  // Connection errors are retried by ioredis; without a listener they would be printed as unhandled.
  client.on("error", () => {});
  return client;
}

export function packRaw(raw: RawDocument): string {
  return deflateRawSync(Buffer.from(JSON.stringify(raw), "utf8")).toString("base64");
}

export function unpackRaw(s: string): RawDocument {
  return JSON.parse(inflateRawSync(Buffer.from(s, "base64")).toString("utf8")) as RawDocument;
}

/** sha256 of the file's bytes; null when unreadable or over the size limit (processing then says why). */
export async function contentHash(path: string, maxBytes?: number): Promise<string | null> {
  try {
    // Bounded, regular files only: a file swapped for a FIFO or device after the scan must not hang the hash.
    return createHash("sha256").update(await readRegularFile(path, maxBytes ?? DEFAULT_MAX_BYTES)).digest("hex");
  } catch {
    return null;
  }
}

export function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}
