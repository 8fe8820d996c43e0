/**
 * The embedded archive index (issue 7 §2): `report-qc audit` twice does no work the second time; a
 * kill -9 mid-audit resumes to exactly one result per document; `check --index` finds a paragraph
 * copied from an archived report. The archive is generated from real sentences of corpus/*.txt.
 */
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS, ROOT } from "./helpers/pipeline.js";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3") as new (path: string, o?: { readonly?: boolean }) => {
  prepare(sql: string): { get(...a: unknown[]): unknown; all(...a: unknown[]): unknown[] };
  close(): void;
};

function cli(args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, "bin/report-qc.js"), ...args], { cwd: ROOT, encoding: "utf8" });
}

/** Real sentences of the seed reports (no headings, at least 20 characters). */
function seedSentences(): string[] {
  const out = new Set<string>();
  for (const f of readdirSync(CORPUS).filter((n) => n.endsWith(".txt")).sort()) {
    for (const line of readFileSync(join(CORPUS, f), "utf8").split(/\n/)) {
      for (const s of line.match(/[^。！？]+[。！？]/g) ?? []) {
        const t = s.trim();
        if (t.length >= 20 && t.length <= 120 && !/^[一二三四五六七八九十]+、/.test(t)) out.add(t);
      }
    }
  }
  return [...out];
}

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

const DISTRICTS = ["东城", "西城", "南山", "北湖", "江岸", "河西", "龙华", "青山", "白云", "金水"];

/**
 * `n` small reports of different units built from seed sentences, in `dir`. The first eight long
 * sentences are reserved: they form a paragraph that only report 17 contains (the copy test's source).
 */
function makeArchive(dir: string, n: number): { planted: string; plantedPath: string; pool: string[] } {
  mkdirSync(dir, { recursive: true });
  const all = seedSentences();
  const reserved = all.filter((s) => s.length >= 40).slice(0, 8);
  const pool = all.filter((s) => !reserved.includes(s));
  const planted = reserved.join("");
  const r = rng(7);
  let plantedPath = "";
  for (let i = 0; i < n; i++) {
    const unit = `${DISTRICTS[i % DISTRICTS.length]}第${i + 1}区人民政府`;
    const paras: string[] = [];
    for (let p = 0; p < 4; p++) {
      const sents: string[] = [];
      for (let s = 0; s < 3; s++) sents.push(pool[Math.floor(r() * pool.length)]!);
      paras.push(sents.join(""));
    }
    if (i === 17) paras.splice(2, 0, planted);
    const text = `${unit}关于2021年度法治政府建设情况的报告\n\n${paras.join("\n\n")}\n\n${unit}\n2022年1月${(i % 28) + 1}日\n`;
    const path = join(dir, `r${String(i).padStart(4, "0")}.txt`);
    writeFileSync(path, text);
    if (i === 17) plantedPath = path;
  }
  return { planted, plantedPath, pool };
}

function countResults(db: string): { results: number; hashes: number } {
  if (!existsSync(db)) return { results: 0, hashes: 0 };
  let d: InstanceType<typeof Database> | undefined;
  try {
    d = new Database(db, { readonly: true });
    return d.prepare("SELECT count(*) AS results, count(DISTINCT hash) AS hashes FROM results").get() as { results: number; hashes: number };
  } catch {
    // Not created yet (schema being written).
    return { results: 0, hashes: 0 };
  } finally {
    d?.close();
  }
}

const N = 200;

describe("report-qc audit (archive index)", () => {
  const base = mkdtempSync(join(tmpdir(), "rqc-archive-"));
  const dir = join(base, "archive");
  const { planted, plantedPath, pool } = makeArchive(dir, N);

  it("indexes every document; a second run with unchanged inputs processes nothing", () => {
    const db = join(base, "a.db");
    const first = cli(["audit", dir, "--index", db, "--out", join(base, "out1"), "--exit-zero", "--format", "json"]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`${N} processed, 0 unchanged`);
    expect(countResults(db)).toEqual({ results: N, hashes: N });
    const second = cli(["audit", dir, "--index", db, "--out", join(base, "out2"), "--exit-zero", "--format", "json"]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain(`0 processed, ${N} unchanged`);
    expect(countResults(db)).toEqual({ results: N, hashes: N });
    // Same reports from the stored results as from processing.
    expect(readFileSync(join(base, "out2", "r0017.json"), "utf8")).toBe(readFileSync(join(base, "out1", "r0017.json"), "utf8"));
    expect(JSON.parse(readFileSync(join(base, "out2", "index.json"), "utf8")).documents).toHaveLength(N);
    // One changed file: only it is processed again.
    const changed = join(dir, "r0003.txt");
    const before = readFileSync(changed, "utf8");
    writeFileSync(changed, before.replace("\n\n", `\n\n${pool[5]}\n\n`));
    const third = cli(["audit", dir, "--index", db, "--out", join(base, "out3"), "--exit-zero", "--format", "json"]);
    expect(third.stdout).toContain(`1 processed, ${N - 1} unchanged`);
    // The new version replaces the old one (one document per path), and going back restores it.
    expect(countResults(db)).toEqual({ results: N, hashes: N });
    writeFileSync(changed, before);
    const fourth = cli(["audit", dir, "--index", db, "--out", join(base, "out4"), "--exit-zero", "--format", "json"]);
    expect(fourth.stdout).toContain(`1 processed, ${N - 1} unchanged`);
    expect(countResults(db)).toEqual({ results: N, hashes: N });
  }, 120_000);

  it("a kill -9 mid-audit resumes: exactly one result per document, none lost, none duplicated", async () => {
    const db = join(base, "killed.db");
    const child = spawn(process.execPath, [join(ROOT, "bin/report-qc.js"), "audit", dir, "--index", db, "--out", join(base, "outk"), "--exit-zero", "--format", "json"], { cwd: ROOT, stdio: "ignore" });
    let seen = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      seen = countResults(db).results;
      if (seen >= 10) break;
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const atKill = countResults(db).results;
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(N);
    const again = cli(["audit", dir, "--index", db, "--out", join(base, "outk"), "--exit-zero", "--format", "json"]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`${N - atKill} processed, ${atKill} unchanged`);
    expect(countResults(db)).toEqual({ results: N, hashes: N });
  }, 120_000);

  it("check --index finds a paragraph copied from an archived report, with the archived path as source", () => {
    const db = join(base, "a.db");
    const draft = join(base, "draft.txt");
    const unit = "新城区人民政府";
    writeFileSync(draft, `${unit}关于2022年度法治政府建设情况的报告\n\n${pool.slice(40, 43).join("")}\n\n${planted}\n\n${pool.slice(50, 53).join("")}\n\n${unit}\n2023年1月5日\n`);
    const r = cli(["check", draft, "--index", db, "--json", "--exit-zero"]);
    expect(r.status, r.stderr).toBe(0);
    const model = JSON.parse(r.stdout) as { documents: { findings: { check: string; related?: { path: string }[] }[] }[] };
    const copies = model.documents[0]!.findings.filter((f) => f.check === "cross-document-copy");
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.flatMap((f) => (f.related ?? []).map((x) => x.path))).toContain(plantedPath);
    // Without the index (and without the bundled corpus) nothing is found.
    const none = JSON.parse(cli(["check", draft, "--no-corpus", "--json", "--exit-zero"]).stdout) as typeof model;
    expect(none.documents[0]!.findings.filter((f) => f.check === "cross-document-copy")).toHaveLength(0);
  }, 120_000);
});
