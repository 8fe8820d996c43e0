/**
 * The bad-input suite, batch side (issue 14 items 5–9): queue mode without Redis or with byte-identical
 * inputs, a damaged archive index, hostile output names and an unwritable --out, hostile HTML inputs.
 * Every case ends within 10 s (the CLI's start-up included) with a clear message naming the file.
 * Runs the compiled CLI (bin/report-qc.js → dist/), real sockets, a real redis-server where Redis is
 * needed (skipped when none is installed; .ci/run installs it).
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { micromark } from "micromark";
import { gfmTable, gfmTableHtml } from "micromark-extension-gfm-table";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/pipeline.js";

const BIN = join(ROOT, "bin/report-qc.js");
const REPORT = "关于2021年度法治政府建设情况的报告\n\n2021年，我区坚持依法行政，全面推进法治政府建设，办理行政复议案件12件。\n";
/** Per case: the CLI must have finished (with its message) within this. */
const CASE_MS = 10_000;

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `rqc-badb-${prefix}-`));
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
    for (const [cmd, out] of [
      ["check", join(ro, "out")],
      ["check", ro],
      ["audit", join(ro, "out")],
    ] as const) {
      const extra = cmd === "audit" ? ["--index", join(base, "never.db")] : [];
      const r = cli([cmd, inDir, "--out", out, "--rules", "national", ...(cmd === "check" ? ["--no-corpus"] : []), ...extra], asUser);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain("output directory is not writable");
      expect(r.stderr).toContain(out);
      expect(r.stderr).toMatch(/EACCES|EROFS|EPERM/);
      expect(r.stdout).toBe("");
      expect(r.ms).toBeLessThan(CASE_MS);
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
