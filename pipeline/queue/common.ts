/**
 * @fileoverview Shared pieces of the distributed mode (issue 7 §3: BullMQ on Redis): the queue and key
 * names, the job payload, the Redis connection, and the packed form of a document's decoded text.
 *
 * Redis layout (all under `rqc:`, beside BullMQ's own `bull:report-qc:*` keys):
 * - `rqc:results` HASH, field `<content sha256>|<rule-set hash>|<tool version>|<input key>` → JSON
 *   {rulesetId, inputMeta, result, errors}: the per-document check result. The input key (sha256 of
 *   the absolute path and the index.tsv metadata) keeps byte-identical files at different paths apart:
 *   their results differ in path and may differ in metadata (unit, year). HSET of the same field by a
 *   re-delivered job overwrites, never duplicates.
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
 * is down waits for the reconnect instead of failing (what BullMQ requires of worker connections), so
 * a Redis that never answers would hang the caller: {@link checkRedis} runs first, bounded.
 */
export function connect(url: string): Redis {
  assertRedisUrl(url);
  const client = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(200 * times, 2000) });
  // Connection errors are retried by ioredis; without a listener they would be printed as unhandled.
  client.on("error", () => {});
  return client;
}

/** A client for a short, one-off use (`--status`): commands fail after a few seconds instead of waiting for Redis. */
export function connectBounded(url: string): Redis {
  assertRedisUrl(url);
  const client = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 5000, connectTimeout: REDIS_PREFLIGHT.connectTimeoutMs, retryStrategy: (times) => (times > 3 ? null : 300 * times) });
  client.on("error", () => {});
  return client;
}

function assertRedisUrl(url: string): void {
  if (!/^rediss?:\/\/[^/]/.test(url)) throw new Error(`--queue 需要 redis://主机:端口 / --queue expects redis://HOST:PORT, got "${url}"`);
}

/** `host:port` of a Redis URL, without credentials (for messages). */
export function redisAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "6379"}`;
  } catch {
    return url.replace(/\/\/[^@/]*@/, "//");
  }
}

/**
 * First-connect bounds: each attempt connects within connectTimeoutMs and gets PONG within
 * commandTimeoutMs; connection failures are retried (attempts in all, retryDelayMs × attempt apart), a
 * server that answers but is not Redis is not. Worst case (a black-holed address): 3 × 2 s + 1.5 s.
 */
export const REDIS_PREFLIGHT = { attempts: 3, connectTimeoutMs: 2000, commandTimeoutMs: 2000, retryDelayMs: 500 };

interface ProbeFailure {
  zh: string;
  en: string;
  retry: boolean;
}

/**
 * Checks that `url` reaches a Redis server (PING → PONG) before the queue's unbounded connections are
 * opened. Throws an Error with a bilingual message naming the address and the reason: connection
 * refused, host not found, no answer, not a Redis server (an HTTP server answers `HTTP/1.1 400` to the
 * Redis protocol: `Unknown RESP type 72`), or the server's own refusal (NOAUTH, WRONGPASS, …).
 */
export async function checkRedis(url: string, bounds = REDIS_PREFLIGHT): Promise<void> {
  assertRedisUrl(url);
  const where = redisAddress(url);
  let failure: ProbeFailure | null = null;
  let attempts = 0;
  while (attempts < bounds.attempts) {
    attempts++;
    failure = await probeRedis(url, bounds);
    if (!failure) return;
    if (!failure.retry || attempts >= bounds.attempts) break;
    await new Promise((r) => setTimeout(r, bounds.retryDelayMs * attempts));
  }
  const tries = (n: number) => (n > 1 ? `，已尝试 ${n} 次` : "");
  throw new Error(
    `无法使用 Redis（${where}）：${failure!.zh}${tries(attempts)} / cannot use Redis at ${where}: ${failure!.en}${attempts > 1 ? ` (${attempts} attempts)` : ""}; ` +
      "请确认 redis-server 已启动、--queue 地址正确 / check that redis-server runs there and the --queue address",
  );
}

async function probeRedis(url: string, bounds: typeof REDIS_PREFLIGHT): Promise<ProbeFailure | null> {
  const errors: (Error & { code?: string })[] = [];
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: bounds.connectTimeoutMs,
    commandTimeout: bounds.commandTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    retryStrategy: () => null,
  });
  client.on("error", (e: Error) => errors.push(e));
  // A guard over the whole attempt, whatever the client does with its own timers.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"deadline">((r) => (timer = setTimeout(() => r("deadline"), bounds.connectTimeoutMs + bounds.commandTimeoutMs + 500)));
  try {
    const reply = await Promise.race([client.connect().then(() => client.ping()), deadline]);
    if (reply === "PONG") return null;
    if (reply === "deadline") return { zh: "连接后没有应答", en: "no answer", retry: true };
    return { zh: `对 PING 的回答不是 PONG（${String(reply).slice(0, 40)}），不是 Redis 服务`, en: `answered PING with "${String(reply).slice(0, 40)}": not a Redis server`, retry: false };
  } catch (e) {
    // The most telling error: a protocol or authentication error over the EPIPE/close that follows it.
    const telling = errors.find((x) => /Unknown RESP type|Protocol error|NOAUTH|WRONGPASS|invalid password/i.test(x.message)) ?? errors.at(-1) ?? (e as Error);
    return describeFailure(telling, bounds);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

function describeFailure(e: Error & { code?: string }, bounds: typeof REDIS_PREFLIGHT): ProbeFailure {
  const msg = e.message ?? String(e);
  const code = e.code ?? /\b(E[A-Z_]{4,})\b/.exec(msg)?.[1] ?? "";
  const s = (ms: number) => `${ms / 1000}`;
  if (/Unknown RESP type|Protocol error/i.test(msg)) {
    const byte = /Unknown RESP type \d+ "(.)"/.exec(msg)?.[1];
    const hint = byte === "H" ? "（回答以 H 开头，像是 HTTP 服务）" : "";
    return { zh: `该端口上的服务不是 Redis，不懂 Redis 协议${hint}`, en: `the server there does not speak the Redis protocol${byte === "H" ? " (it answered with H…, like an HTTP server)" : ""}`, retry: false };
  }
  if (/Command timed out/i.test(msg)) return { zh: `已连接，但 ${s(bounds.commandTimeoutMs)} 秒内没有回答 PING（不是 Redis 服务？）`, en: `connected, but no reply to PING within ${s(bounds.commandTimeoutMs)} s (not a Redis server?)`, retry: false };
  if (code === "ECONNREFUSED") return { zh: "连接被拒绝（该端口没有服务）", en: "connection refused (nothing listens there)", retry: true };
  if (code === "ENOTFOUND" || code === "EAI_NONAME") return { zh: "找不到该主机名", en: "host not found", retry: false };
  if (code === "EAI_AGAIN") return { zh: "主机名暂时无法解析", en: "host name could not be resolved (temporary DNS failure)", retry: true };
  if (code === "ETIMEDOUT" || /connect ETIMEDOUT|timed? ?out/i.test(msg)) return { zh: `${s(bounds.connectTimeoutMs)} 秒内连接不上`, en: `no connection within ${s(bounds.connectTimeoutMs)} s`, retry: true };
  if (/NOAUTH|WRONGPASS|invalid password|Authentication/i.test(msg)) return { zh: `Redis 拒绝认证：${msg}`, en: `Redis refused the credentials: ${msg}`, retry: false };
  if (/Connection is closed/i.test(msg) || code === "EPIPE" || code === "ECONNRESET") return { zh: "对方关闭了连接", en: "the server closed the connection", retry: true };
  return { zh: msg, en: msg, retry: code === "EHOSTUNREACH" || code === "ENETUNREACH" };
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

/** The rqc:results field of one input of a run (see the layout above). */
export function resultKey(contentHash: string, rulesetHash: string, tool: string, doc: Pick<QueueDoc, "abs" | "meta">): string {
  return `${contentHash}|${rulesetHash}|${tool}|${sha256(`${doc.abs}\u0000${JSON.stringify(doc.meta)}`).slice(0, 16)}`;
}

export function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}
