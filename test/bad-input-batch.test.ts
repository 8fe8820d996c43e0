/**
 * The bad-input suite, batch side (issue 14 items 5–9): queue mode without Redis or with byte-identical
 * inputs, a damaged archive index, hostile output names and an unwritable --out, hostile HTML inputs.
 * Every case ends within 10 s (the CLI's start-up included) with a clear message naming the file.
 * Runs the compiled CLI (bin/report-qc.js → dist/), real sockets, a real redis-server where Redis is
 * needed (skipped when none is installed; .ci/run installs it).
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer as createHttpServer } from "node:http";
import { createServer, type Server } from "node:net";
import { micromark } from "micromark";
import { gfmTable, gfmTableHtml } from "micromark-extension-gfm-table";
import { describe, expect, it } from "vitest";
import { CORPUS, ROOT, SEEDS } from "./helpers/pipeline.js";
import { REDIS, startRedis } from "./helpers/redis.js";
import { htmlReader } from "../pipeline/formats/html.js";
import { HTML_MAX_DEPTH, measureHtml, plainTextOfHtml } from "../pipeline/formats/html-limits.js";
import { checkRedis } from "../pipeline/queue/common.js";
import { runAudit } from "../pipeline/archive/audit.js";
import { ArchiveStore, IndexDamagedError } from "../pipeline/archive/store.js";
import { runPipeline } from "../pipeline/run.js";
import { formatStylish } from "../pipeline/cli/stylish.js";

const BIN = join(ROOT, "bin/report-qc.js");
const REPORT = "关于2021年度法治政府建设情况的报告\n\n2021年，我区坚持依法行政，全面推进法治政府建设，办理行政复议案件12件。\n";
/** Per case: the CLI must have finished (with its message) within this. */
const CASE_MS = 10_000;

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `rqc-badb-${prefix}-`));
}

/** The CLI, asynchronously (several at once, or beside a server in this process). */
function cliAsync(args: string[], cwd = ROOT): { child: ChildProcess; done: Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> } {
  const t0 = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  return { child, done: new Promise((resolve) => child.once("exit", (status) => resolve({ status, stdout, stderr, ms: Date.now() - t0 }))) };
}

function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port));
  });
}

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

function cli(args: string[], opts: SpawnSyncOptions = {}) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", timeout: 30_000, ...opts });
  return { status: r.status, stdout: String(r.stdout ?? ""), stderr: String(r.stderr ?? ""), ms: Date.now() - t0 };
}

describe("output (issue 14 §8)", () => {
  it("a 255-byte input name: every output is written, names shortened with a hash, none over 255 bytes", () => {
    const base = tmp("longname");
    const inDir = join(base, "in");
    mkdirSync(inDir);
    const long = "法治政府建设年度报告".repeat(8) + "报".repeat(3) + "ab.txt"; // 240 + 9 + 6 = 255 bytes
    expect(Buffer.byteLength(long)).toBe(255);
    const long2 = long.replace(/ab\.txt$/, "ac.txt"); // same first 120 bytes: the hash tells them apart
    for (const n of [long, long2, "good.txt"]) writeFileSync(join(inDir, n), REPORT);
    const out = join(base, "out");
    const r = cli(["check", inDir, "--out", out, "--rules", "national", "--no-corpus", "--quiet", "--exit-zero"]);
    expect(r.status, r.stderr).toBe(0);
    const files = readdirSync(out);
    for (const f of ["index.json", "index.html", "summary.md", "good.json", "good.html"]) expect(files).toContain(f);
    for (const f of files) expect(Buffer.byteLength(f), f).toBeLessThanOrEqual(255);
    const index = JSON.parse(readFileSync(join(out, "index.json"), "utf8")) as { documents: { path: string; output: string }[] };
    expect(index.documents).toHaveLength(3);
    const outputs = index.documents.map((d) => d.output);
    expect(new Set(outputs).size).toBe(3);
    for (const o of outputs) {
      expect(files).toContain(o);
      expect(files).toContain(o.replace(/\.json$/, ".html"));
    }
    // The shortened stems start with the name and end with ~hash.
    expect(outputs.filter((o) => /^法治政府建设年度报告.*~[0-9a-f]{10}\.json$/.test(o))).toHaveLength(2);
  });

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  it("an unwritable --out is refused before any document is read: exit 2, the directory named", () => {
    const base = tmp("ro");
    const inDir = join(base, "in");
    mkdirSync(inDir);
    writeFileSync(join(inDir, "a.txt"), REPORT);
    // A read-only directory. Root writes anywhere, so the CLI runs as nobody there.
    const ro = join(base, "ro");
    mkdirSync(ro);
    chmodSync(base, 0o755);
    chmodSync(ro, 0o555);
    const asUser = isRoot ? { uid: 65534, gid: 65534 } : {};
    // As root the CLI runs as nobody, which needs to read the checkout: a clone inside a 0700 folder (mktemp -d)
    // cannot be read by nobody, and then only the any-user case below can be tested.
    const canRun = !isRoot || spawnSync(process.execPath, ["-e", `require("fs").accessSync(${JSON.stringify(BIN)})`], { ...asUser, cwd: base }).status === 0;
    if (!canRun) console.warn(`read-only --out as nobody skipped: ${BIN} is not readable by nobody`);
    for (const [cmd, out] of (canRun ? [
      ["check", join(ro, "out")],
      ["check", ro],
      ["audit", join(ro, "out")],
    ] : []) as [string, string][]) {
      const extra = cmd === "audit" ? ["--index", join(base, "never.db")] : [];
      const r = cli([cmd, inDir, "--out", out, "--rules", "national", ...(cmd === "check" ? ["--no-corpus"] : []), ...extra], asUser);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain("output directory is not writable");
      expect(r.stderr).toContain(out);
      expect(r.stderr).toMatch(/EACCES|EROFS|EPERM/);
      expect(r.stdout).toBe("");
      // The probe itself takes milliseconds; the bound covers the CLI's start-up on a loaded 2-core machine.
      expect(r.ms).toBeLessThan(30_000);
    }
    expect(existsSync(join(base, "never.db"))).toBe(false);
    // --out naming an existing file: ENOTDIR-like, any user.
    writeFileSync(join(base, "file"), "x");
    const r = cli(["check", inDir, "--out", join(base, "file"), "--rules", "national", "--no-corpus"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(join(base, "file"));
    expect(r.stderr).toMatch(/EEXIST|ENOTDIR/);
  });

  it("summary.md escapes document text: <script>, links and table pipes stay text in a permissive renderer", () => {
    const base = tmp("mdesc");
    const inDir = join(base, "in");
    mkdirSync(inDir);
    const title = "关于2021年度<script>alert(1)</script>法治政府建设情况的报告";
    // A placeholder finding quotes the hostile text: XX县 inside a link and an <img onerror>.
    const body = `${title}\n\n2021年，[XX县](javascript:alert(2))人民政府<img src=x onerror=alert(3)>坚持依法行政，全面推进法治政府建设 | 办理行政复议案件12件。\n`;
    writeFileSync(join(inDir, "a<b>`x`.txt"), body);
    const out = join(base, "out");
    const r = cli(["check", inDir, "--out", out, "--format", "md", "--rules", "national", "--no-corpus", "--quiet", "--exit-zero"]);
    expect(r.status, r.stderr).toBe(0);
    const md = readFileSync(join(out, "summary.md"), "utf8");
    expect(md).toContain("XX"); // the placeholder finding is there
    // Rendered the way a permissive viewer would (raw HTML and any link protocol allowed).
    const html = micromark(md, { allowDangerousHtml: true, allowDangerousProtocol: true, extensions: [gfmTable()], htmlExtensions: [gfmTableHtml()] });
    expect(html).not.toMatch(/<script|<img|<b>|href="javascript/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // The document table keeps its 7 columns (a | in the text is escaped).
    const row = html.split("<tbody>")[1]!.split("</tr>")[0]!;
    expect(row.match(/<td/g)).toHaveLength(7);
    // The path (with a backtick) is one code span.
    expect(html).toContain("<code>" + join(inDir, "a&lt;b&gt;`x`.txt") + "</code>");
  });
});

describe("hostile HTML inputs (issue 14 §9)", () => {
  /** A real report's paragraphs (a corpus seed: a different one per page, so the batch has no cross-document copies). */
  const paragraphsOf = (seed: string) => readFileSync(join(CORPUS, seed), "utf8").split(/\n+/).map((l) => l.trim()).filter(Boolean);
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const bodyOf = (ps: string[]) => ps.map((p) => `<p>${esc(p)}</p>`).join("");
  const head = '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="PubDate" content="2022-03-28 09:15"><title>关于2021年度法治政府建设情况的报告_某区人民政府</title></head><body>';
  const seeds: Record<string, string> = { "nested.html": SEEDS[0], "huge.html": SEEDS[1], "plain.html": SEEDS[2], "normal.html": SEEDS[3] };
  const pages: Record<string, string> = {
    "nested.html": head + "<div>".repeat(3000) + bodyOf(paragraphsOf(SEEDS[0])) + "</div>".repeat(3000) + "</body></html>",
    // One line, over 10 MB: styles, an inline JSON blob, 60,000 empty navigation elements, then the article.
    "huge.html": [
      head.replace("</head>", `<style>${".c{color:red}".repeat(20_000)}</style><script>var data=${JSON.stringify(Array.from({ length: 60_000 }, (_, i) => ({ id: i, name: `栏目${i}`, url: `/col/${i}.html` })))};</script></head>`),
      ...Array.from({ length: 60_000 }, (_, i) => `<div class="nav-item n${i}" data-x="${"ab".repeat(20)}"><span style="display:none"></span></div>`),
      `<div class="article">${bodyOf(paragraphsOf(SEEDS[1]))}</div></body></html>`,
    ].join(""),
    "plain.html": paragraphsOf(SEEDS[2]).join("\n\n") + "\n",
  };

  it("3,000 nested <div>s, a 10 MB one-line page, a .html that is plain text: read in well under 10 s each, text kept, a W_HTML_PLAIN note", async () => {
    expect(Buffer.byteLength(pages["huge.html"]!)).toBeGreaterThan(10 * 1024 * 1024);
    expect(pages["huge.html"]!.includes("\n")).toBe(false);
    for (const [name, html] of Object.entries(pages)) {
      const t0 = Date.now();
      const read = await htmlReader.read(Buffer.from(html, "utf8"), name);
      expect(Date.now() - t0, name).toBeLessThan(CASE_MS);
      expect(read.meta.readerNotes?.map((n) => n.code), name).toEqual(["W_HTML_PLAIN"]);
      // Every paragraph of the report is in the text, whole.
      for (const p of paragraphsOf(seeds[name]!)) expect(read.original, name).toContain(p);
      if (name !== "plain.html") {
        expect(read.meta.title).toBe("关于2021年度法治政府建设情况的报告");
        expect(read.meta.publishedDate).toBe("2022-03-28");
        expect(read.original).not.toMatch(/color:red|栏目1\b|<div/);
      } else expect(read.format).toBe("txt");
    }
    await expect(htmlReader.read(Buffer.from(pages["nested.html"]!), "n.html").then((r) => r.meta.readerNotes?.[0]?.en)).resolves.toMatch(/nested too deeply .*over 160 levels/);
  });

  it("the CLI checks all of them in one batch beside a normal page; each note names its file", () => {
    const dir = tmp("html");
    for (const [name, html] of Object.entries(pages)) writeFileSync(join(dir, name), html);
    writeFileSync(join(dir, "normal.html"), head + `<div class="article">${bodyOf(paragraphsOf(SEEDS[3]))}</div></body></html>`);
    const r = cli(["check", dir, "--json", "--rules", "national", "--no-corpus", "--exit-zero", "--lang", "en"], { timeout: 60_000 });
    const again = formatStylish(JSON.parse(r.stdout), "en", { quiet: true });
    expect(again).toContain("4 document(s)");
    expect(again).toContain("0 file(s) failed, 3 note(s) on checked files");
    expect(r.status, r.stderr).toBe(0);
    const model = JSON.parse(r.stdout) as { documents: { path: string; chars: number }[]; errors: { path: string; code: string; message: string }[] };
    expect(model.documents.map((d) => d.path.slice(dir.length + 1)).sort()).toEqual(["huge.html", "nested.html", "normal.html", "plain.html"]);
    expect(model.errors.map((e) => [e.path.slice(dir.length + 1), e.code]).sort()).toEqual([
      ["huge.html", "W_HTML_PLAIN"],
      ["nested.html", "W_HTML_PLAIN"],
      ["plain.html", "W_HTML_PLAIN"],
    ]);
    expect(model.errors.find((e) => e.path.endsWith("huge.html"))!.message).toMatch(/too large .*characters, limit 1000000/);
    expect(model.errors.find((e) => e.path.endsWith("plain.html"))!.message).toMatch(/no HTML markup: read as plain text/);
    for (const d of model.documents) expect(d.chars, d.path).toBeGreaterThan(1000);
  });

  it("measureHtml counts what a browser nests: unclosed <p>/<li>, void and stray end tags open no level; script content is skipped", () => {
    expect(measureHtml("<div>".repeat(200) + "x").depth).toBe(200);
    expect(measureHtml("<ul>" + "<li><p>item".repeat(5000) + "</ul>").depth).toBe(1);
    expect(measureHtml("<div><br><img src=x><hr/><span/></div></div></div></b>".repeat(1000)).depth).toBe(1);
    expect(measureHtml(`<script>${"<div>".repeat(1000)}</script><div><div></div></div>`)).toEqual({ depth: 2, elements: 3 });
    expect(measureHtml("<div>".repeat(HTML_MAX_DEPTH * 10), { depth: HTML_MAX_DEPTH + 1, elements: Infinity }).depth).toBe(HTML_MAX_DEPTH + 1);
    // Stray < and unterminated tags are text, in linear time.
    const t0 = Date.now();
    expect(measureHtml("<a<a<a".repeat(300_000)).elements).toBe(0);
    expect(Date.now() - t0).toBeLessThan(2_000);
    const plain = plainTextOfHtml('<p>A&amp;B&nbsp;&#20013;&#x6587;</p><!-- <p>no</p> --><style>p{}</style><p>line<br>two</p><textarea><p>no</p></textarea>');
    expect(plain.lines).toEqual(["A&B\u00a0中文", "line", "two"]);
  });
});

describe("queue mode without a usable Redis (issue 14 §5)", () => {
  it("refused port, unresolvable host, an HTTP server, a silent server, a server that hangs up: checkRedis fails within 10 s, naming the address and the reason", async () => {
    const http = createHttpServer((_q, r) => r.end("hello"));
    const silent = createServer(() => {}); // accepts, never answers
    const hangup = createServer((sock) => sock.destroy());
    const [httpPort, silentPort, hangupPort, refused] = [await listen(http), await listen(silent), await listen(hangup), await closedPort()];
    try {
      const cases: [string, RegExp][] = [
        [`redis://127.0.0.1:${refused}`, new RegExp(`127\\.0\\.0\\.1:${refused}: connection refused .*\\(3 attempts\\)`)],
        ["redis://no-such-host.invalid:6379", /no-such-host\.invalid:6379: host (not found|name could not be resolved)/],
        [`redis://127.0.0.1:${httpPort}`, new RegExp(`127\\.0\\.0\\.1:${httpPort}: the server there does not speak the Redis protocol \\(it answered with H…, like an HTTP server\\)`)],
        [`redis://127.0.0.1:${silentPort}`, new RegExp(`127\\.0\\.0\\.1:${silentPort}: connected, but no reply to PING within 2 s`)],
        [`redis://:secret@127.0.0.1:${hangupPort}`, new RegExp(`127\\.0\\.0\\.1:${hangupPort}: the server closed the connection`)],
      ];
      for (const [url, why] of cases) {
        const t0 = Date.now();
        const err = await checkRedis(url).then(() => null, (e: Error) => e);
        expect(err, url).toBeInstanceOf(Error);
        expect(err!.message, url).toMatch(why);
        expect(err!.message).not.toContain("secret");
        expect(Date.now() - t0, url).toBeLessThan(CASE_MS);
      }
      await expect(checkRedis("http://127.0.0.1:6379")).rejects.toThrow(/expects redis:\/\/HOST:PORT/);
    } finally {
      for (const s of [http, silent, hangup]) s.close();
    }
  });

  it("audit --queue, audit --status and worker exit 2 with the message instead of hanging", async () => {
    const http = createHttpServer((_q, r) => r.end("hello"));
    const httpPort = await listen(http);
    const refused = await closedPort();
    const dir = tmp("noredis");
    writeFileSync(join(dir, "a.txt"), REPORT);
    try {
      const runs = [
        { args: ["audit", dir, "--queue", `redis://127.0.0.1:${refused}`, "--out", join(dir, "out")], why: /connection refused/ },
        { args: ["audit", "--queue", `redis://127.0.0.1:${httpPort}`, "--status"], why: /does not speak the Redis protocol/ },
        { args: ["worker", "--queue", "redis://no-such-host.invalid:6379"], why: /host (not found|name could not be resolved)/ },
      ].map((c) => ({ ...c, run: cliAsync(c.args) }));
      // The CLI's own start-up takes seconds on a loaded 2-core machine: the bound here is generous, the
      // Redis part itself is bounded by the test above.
      const killer = setTimeout(() => runs.forEach((r) => r.run.child.kill("SIGKILL")), 45_000);
      for (const r of runs) {
        const res = await r.run.done;
        expect(res.status, `${r.args.join(" ")}\n${res.stderr}`).toBe(2);
        expect(res.stderr).toMatch(r.why);
        expect(res.stderr).toMatch(/^report-qc: 无法使用 Redis（.*）：.* \/ cannot use Redis at /);
      }
      clearTimeout(killer);
      expect(existsSync(join(dir, "out"))).toBe(true); // checked writable first, nothing written in it
      expect(readdirSync(join(dir, "out"))).toEqual([]);
    } finally {
      http.close();
    }
  }, 60_000);
});



describe.skipIf(!REDIS)(`queue mode with byte-identical inputs (issue 14 §6)${REDIS ? "" : " (skipped: redis-server is not installed; .ci/run installs it)"}`, () => {
  it("two identical files in different folders, with different index.tsv units: each path gets its own result", async () => {
    const base = tmp("dups");
    const a = join(base, "in", "a");
    const b = join(base, "in", "b");
    mkdirSync(a, { recursive: true });
    mkdirSync(b, { recursive: true });
    const text = readFileSync(join(CORPUS, SEEDS[0]), "utf8");
    writeFileSync(join(a, "report.txt"), text);
    writeFileSync(join(b, "report.txt"), text);
    writeFileSync(join(b, "copy.txt"), text);
    writeFileSync(join(a, "other.txt"), readFileSync(join(CORPUS, SEEDS[1]), "utf8"));
    writeFileSync(join(a, "index.tsv"), "file\tunit\nreport.txt\t甲县人民政府\n");
    writeFileSync(join(b, "index.tsv"), "file\tunit\nreport.txt\t乙县人民政府\ncopy.txt\t丙县人民政府\n");
    const port = await closedPort();
    const redis = await startRedis(port);
    const url = `redis://127.0.0.1:${port}`;
    const worker = cliAsync(["worker", "--queue", url, "--quiet"], base);
    try {
      const audit = cliAsync(["audit", "in", "--queue", url, "--batch-size", "1", "--out", "out", "--format", "json", "--exit-zero", "--quiet"], base);
      const killer = setTimeout(() => audit.child.kill("SIGKILL"), 90_000);
      const r = await audit.done;
      clearTimeout(killer);
      expect(r.status, r.stderr + r.stdout).toBe(0);
      expect(r.stdout).toContain("4 documents in 4 jobs, 0 failed");
      const index = JSON.parse(readFileSync(join(base, "out", "index.json"), "utf8")) as { documents: { path: string; unit: string | null; output: string }[]; errors: unknown[] };
      expect(index.errors).toEqual([]);
      const byPath = Object.fromEntries(index.documents.map((d) => [d.path, d.unit]));
      expect(byPath).toEqual({
        [join("in", "a", "other.txt")]: expect.anything(),
        [join("in", "a", "report.txt")]: "甲县人民政府",
        [join("in", "b", "copy.txt")]: "丙县人民政府",
        [join("in", "b", "report.txt")]: "乙县人民政府",
      });
      // Every per-document JSON names its own input.
      for (const d of index.documents) expect(JSON.parse(readFileSync(join(base, "out", d.output), "utf8")).documents[0].path).toBe(d.path);
    } finally {
      worker.child.kill("SIGTERM");
      await worker.done;
      redis.kill("SIGKILL");
    }
  }, 120_000);
});

describe("a damaged archive index (issue 14 §7)", () => {
  const Sqlite = createRequire(import.meta.url)("better-sqlite3") as new (path: string) => { prepare(sql: string): { all(...a: unknown[]): unknown[]; run(...a: unknown[]): unknown }; close(): void };
  const opts = { lang: "en", segmenter: "node-rs", rules: "national" } as const;
  /** Three real reports in in/, a fourth only archived (in/archived-only/, audited once, then left out). */
  function setup() {
    const base = tmp("index");
    const inDir = join(base, "in");
    const other = join(base, "archived-only");
    mkdirSync(inDir);
    mkdirSync(other);
    for (const seed of SEEDS.slice(0, 3)) copyFileSync(join(CORPUS, seed), join(inDir, seed));
    copyFileSync(join(CORPUS, SEEDS[3]), join(other, SEEDS[3]));
    return { base, inDir, other, db: join(base, "archive.db") };
  }
  const hashesByPath = (db: string) => {
    const c = new Sqlite(db);
    const rows = c.prepare("SELECT hash, path FROM documents ORDER BY path").all() as { hash: string; path: string }[];
    c.close();
    return Object.fromEntries(rows.map((r) => [r.path.split("/").pop()!, r.hash]));
  };
  const damage = (db: string, sql: string, ...args: unknown[]) => {
    const c = new Sqlite(db);
    c.prepare(sql).run(...args);
    c.close();
  };
  const shape = (docs: { path: string; findings: { ruleId: string; start: number }[] }[]) => docs.map((d) => [d.path, d.findings.map((f) => `${f.ruleId}@${f.start}`)]);

  it("damaged result and text rows are cache misses: checked again once, rewritten, reused after; an archived-only one is named (W_INDEX_ROW)", async () => {
    const { inDir, other, db } = setup();
    await runAudit([other], { ...opts, index: db });
    const first = await runAudit([inDir], { ...opts, index: db });
    expect(first.stats.processed).toBe(3);
    const h = hashesByPath(db);
    damage(db, "UPDATE results SET result = substr(result, 1, 40) WHERE hash = ?", h[SEEDS[0]]); // truncated JSON
    damage(db, "UPDATE documents SET original = x'deadbeef00' WHERE hash = ?", h[SEEDS[1]]); // not deflate data
    damage(db, "UPDATE documents SET original = x'00' WHERE hash = ?", h[SEEDS[3]]); // archived only
    damage(db, "DELETE FROM corpus_runs"); // the corpus step must read the stored texts
    const t0 = Date.now();
    const second = await runAudit([inDir], { ...opts, index: db });
    expect(Date.now() - t0).toBeLessThan(CASE_MS);
    expect(second.stats).toMatchObject({ processed: 2, unchanged: 1, failed: 0, unreadableRows: 2 });
    expect(shape(second.model.documents as never)).toEqual(shape(first.model.documents as never));
    const named = second.model.errors.filter((e) => e.code === "W_INDEX_ROW");
    expect(named.map((e) => e.path)).toEqual([join(other, SEEDS[3])]);
    expect(named[0]!.message).toContain(db);
    // Rewritten: the next run reuses everything of the batch.
    const third = await runAudit([inDir], { ...opts, index: db });
    expect(third.stats).toMatchObject({ processed: 0, unchanged: 3, unreadableRows: 0 });
    // check --index (read-only) leaves the unreadable archived document out and names it too.
    const draft = join(inDir, "..", "draft.txt");
    writeFileSync(draft, REPORT);
    const { model } = await runPipeline([draft], { ...opts, index: db });
    expect(model.errors.map((e) => [e.path, e.code])).toEqual([[join(other, SEEDS[3]), "W_INDEX_ROW"]]);
  }, 60_000);

  it("a file that is not a database: exit 2 naming it (audit and check --index); --rebuild-index moves it aside and starts over, keeping what still reads", async () => {
    const { base, inDir, other, db } = setup();
    await runAudit([inDir, other], { ...opts, index: db });
    const h = hashesByPath(db);
    damage(db, "UPDATE documents SET raw_meta = '{broken' WHERE hash = ?", h[SEEDS[2]]);
    // A copy with its header overwritten: SQLite's "file is not a database".
    const bad = join(base, "bad.db");
    copyFileSync(db, bad);
    const bytes = readFileSync(bad);
    bytes.write("this is no longer an SQLite file", 0);
    writeFileSync(bad, bytes);
    for (const args of [["audit", inDir, "--index", bad, "--out", join(base, "out")], ["check", join(inDir, SEEDS[0]), "--index", bad, "--json"]]) {
      const r = cli([...args, "--rules", "national"]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(`archive index damaged: ${bad} (file is not a database); rebuild it with report-qc audit <dirs…> --index ${bad} --rebuild-index`);
      expect(r.stdout).toBe("");
    }
    expect(() => ArchiveStore.open(bad)).toThrow(IndexDamagedError);
    // Rebuilt from nothing: the damaged file is kept aside, every input is checked again.
    const fromBad = await runAudit([inDir], { ...opts, index: bad, rebuildIndex: true });
    expect(fromBad.stats.rebuilt).toMatchObject({ documents: 0, results: 0 });
    expect(existsSync(fromBad.stats.rebuilt!.movedTo!)).toBe(true);
    expect(fromBad.stats.processed).toBe(3);
    // Rebuilt from an index with one unreadable row: the rest is kept (3 documents, 3 results), that one is checked again.
    const fromRow = await runAudit([inDir], { ...opts, index: db, rebuildIndex: true });
    expect(fromRow.stats.rebuilt).toMatchObject({ documents: 3, results: 3, unreadable: 2 });
    expect(fromRow.stats).toMatchObject({ processed: 1, unchanged: 2 });
    expect(fromRow.model.errors).toEqual([]);
  }, 60_000);

  it("check --index opens the index without creating -wal/-shm files, and still sees a live writer's uncheckpointed rows", async () => {
    const { base, inDir, db } = setup();
    await runAudit([inDir], { ...opts, index: db });
    expect(readdirSync(base).filter((f) => f.startsWith("archive.db"))).toEqual(["archive.db"]);
    const draft = join(base, "draft.txt");
    writeFileSync(draft, REPORT);
    const { model } = await runPipeline([draft], { ...opts, index: db });
    expect(model.errors).toEqual([]);
    expect(readdirSync(base).filter((f) => f.startsWith("archive.db"))).toEqual(["archive.db"]);
    // A writer holds the index open with a row only in its WAL: a reader must see it (no immutable open then).
    const writer = ArchiveStore.open(db);
    try {
      const raw = { path: join(base, "late.txt"), format: "txt", encoding: "utf-8", original: REPORT, meta: {} };
      writer.put({ hash: "f".repeat(64), raw, result: { ...first(model), path: raw.path } }, { rulesetHash: "x", toolVersion: "t", inputMeta: "{}", errors: [] });
      expect(existsSync(`${db}-wal`)).toBe(true);
      const reader = ArchiveStore.open(db, { readonly: true });
      expect(reader.hashes()).toContain("f".repeat(64));
      reader.close();
    } finally {
      writer.close();
    }
  }, 60_000);
});

function first<T>(model: { documents: T[] }): T {
  return model.documents[0]!;
}
