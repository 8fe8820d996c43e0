/**
 * The distributed mode (issue 7 §3): `audit --queue` + two `worker` processes on a real redis-server
 * (127.0.0.1, a free port, no persistence). Killing a worker mid-run, or killing Redis mid-run and
 * starting it again empty, still ends with exactly one result per document and the same per-document
 * JSON as the embedded `audit` (SQLite) of the same directory. Runs the compiled CLI (bin/report-qc.js).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS, ROOT } from "./helpers/pipeline.js";
import { REDIS, startRedis } from "./helpers/redis.js";

const N = 240;
const BIN = join(ROOT, "bin/report-qc.js");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}


function stop(p: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (!p || p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    p.once("exit", () => resolve());
    p.kill(signal);
  });
}

function run(args: string[], cwd: string): { child: ChildProcess; done: Promise<{ code: number | null; out: string; err: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  return { child, done: new Promise((resolve) => child.once("exit", (code) => resolve({ code, out, err }))) };
}

/** `n` reports from real sentences of corpus/*.txt; report 7 and report 100 share a planted paragraph (a copy finding). */
function makeArchive(dir: string, n: number): void {
  mkdirSync(dir, { recursive: true });
  const sentences: string[] = [];
  for (const f of readdirSync(CORPUS).filter((x) => x.endsWith(".txt")).sort()) {
    for (const s of readFileSync(join(CORPUS, f), "utf8").match(/[^。！？\n]{20,120}[。！？]/g) ?? []) sentences.push(s.trim());
  }
  const planted = sentences.filter((s) => s.length >= 40).slice(0, 6).join("");
  const pool = sentences.slice(40);
  let x = 7;
  const r = () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < n; i++) {
    const unit = `第${i + 1}区人民政府`;
    const paras = Array.from({ length: 5 }, () => Array.from({ length: 4 }, () => pool[Math.floor(r() * pool.length)]!).join(""));
    if (i === 7 || i === 100) paras.splice(2, 0, planted);
    writeFileSync(join(dir, `r${String(i).padStart(4, "0")}.txt`), `${unit}关于2021年度法治政府建设情况的报告\n\n${paras.join("\n\n")}\n\n${unit}\n2022年1月${(i % 28) + 1}日\n`);
  }
}

/** Per-document JSON files of an output directory (index.json aside: its archive label differs). */
function outputs(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".json") && x !== "index.json").sort()) m.set(f, readFileSync(join(dir, f), "utf8"));
  return m;
}

describe.skipIf(!REDIS)(`distributed audit on BullMQ/Redis${REDIS ? "" : " (skipped: redis-server is not installed; .ci/run installs it)"}`, () => {
  let base = "";
  let port = 0;
  let redis: ChildProcess | undefined;
  let client: Redis;
  const workers: ChildProcess[] = [];
  let embedded: Map<string, string>;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), "rqc-queue-"));
    makeArchive(join(base, "a"), N);
    port = await freePort();
    redis = await startRedis(port);
    client = new Redis(port, "127.0.0.1", { maxRetriesPerRequest: null, lazyConnect: true, retryStrategy: () => 100 });
    client.on("error", () => {});
    await client.connect();
    const e = run(["audit", "a", "--index", "e.db", "--out", "emb", "--format", "json", "--exit-zero", "--quiet"], base);
    const r = await e.done;
    expect(r.code, r.err).toBe(0);
    embedded = outputs(join(base, "emb"));
    expect(embedded.size).toBe(N);
  }, 120_000);

  afterAll(async () => {
    client?.disconnect();
    await Promise.all(workers.map((w) => stop(w, "SIGKILL")));
    await stop(redis, "SIGKILL");
  });

  const url = () => `redis://127.0.0.1:${port}`;
  const startWorker = () => {
    const w = run(["worker", "--queue", url(), "--lock-ms", "2000", "--quiet"], base).child;
    workers.push(w);
    return w;
  };
  const doneCount = async () => {
    const id = await client.get("rqc:latest");
    return id ? client.hlen(`rqc:run:${id}:done`) : 0;
  };
  const waitFor = async (cond: () => Promise<boolean>, ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      try {
        if (await cond()) return true;
      } catch {
        // Redis down: try again
      }
      await new Promise((r) => setTimeout(r, 30));
    }
    return false;
  };

  /** The queued run's output equals the embedded audit's, with exactly one result per document. */
  async function expectSameAsEmbedded(out: string, result: { code: number | null; out: string; err: string }) {
    expect(result.code, result.err + result.out).toBe(0);
    expect(result.out).toContain(`${N} documents in`);
    expect(result.out).toContain(" 0 failed");
    const index = JSON.parse(readFileSync(join(base, out, "index.json"), "utf8")) as { documents: { path: string }[]; errors: unknown[] };
    expect(index.errors).toEqual([]);
    expect(index.documents).toHaveLength(N);
    expect(new Set(index.documents.map((d) => d.path)).size).toBe(N);
    const id = (await client.get("rqc:latest"))!;
    expect(await client.hlen(`rqc:run:${id}:done`)).toBe(N);
    expect(await client.hlen("rqc:results")).toBe(N);
    expect(await client.hlen("rqc:docs")).toBe(N);
    const got = outputs(join(base, out));
    expect([...got.keys()]).toEqual([...embedded.keys()]);
    for (const [f, text] of embedded) expect(got.get(f), f).toBe(text);
    // The planted paragraph is found across documents processed by different jobs.
    expect([...got.values()].filter((t) => t.includes('"cross-document-copy"')).length).toBeGreaterThanOrEqual(2);
  }

  it("two workers, one killed mid-run: every document once, findings equal the embedded audit's", async () => {
    await client.flushall();
    const w1 = startWorker();
    startWorker();
    const audit = run(["audit", "a", "--queue", url(), "--batch-size", "5", "--out", "q1", "--format", "json", "--exit-zero"], base);
    expect(await waitFor(async () => (await doneCount()) >= 30, 60_000)).toBe(true);
    w1.kill("SIGKILL");
    const result = await audit.done;
    await expectSameAsEmbedded("q1", result);
    const status = run(["audit", "--queue", url(), "--status"], base);
    const s = await status.done;
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/waiting 0 +active 0 +completed \d+ +failed 0/);
    expect(s.out).toContain(`${N}/${N} documents done`);
  }, 180_000);

  it("Redis killed mid-run and started again (empty): workers reconnect, lost jobs are enqueued again, nothing lost", async () => {
    await client.flushall();
    while (workers.filter((w) => w.exitCode === null && w.signalCode === null).length < 2) startWorker();
    const audit = run(["audit", "a", "--queue", url(), "--batch-size", "5", "--out", "q2", "--format", "json", "--exit-zero"], base);
    expect(await waitFor(async () => (await doneCount()) >= 40, 60_000)).toBe(true);
    await stop(redis, "SIGKILL");
    await new Promise((r) => setTimeout(r, 1500));
    redis = await startRedis(port);
    const result = await audit.done;
    expect(result.err).toMatch(/enqueued again/);
    await expectSameAsEmbedded("q2", result);
  }, 180_000);
});
