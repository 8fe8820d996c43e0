/**
 * @fileoverview `npm run bench`, part 4 (issue 7 §4): end-to-end `report-qc check` figures on a
 * synthetic batch built from real sentences (corpus/*.txt and ../shared/corpora/gwr2026 when present).
 *
 *   - raw @node-rs/jieba `cut` throughput over the batch's texts (dictionary loaded, in this process);
 *   - end-to-end `report-qc check DIR --json --no-corpus` throughput (a spawned CLI: startup,
 *     dictionary and rule loading, ingest → normalize → segment → checks, the corpus step, JSON out)
 *     with --jobs 1 and --jobs 2, as a ratio to the raw cut (goal ≥ 0.5) and the 2-worker speedup
 *     (goal ≥ 1.7); the same with `--segmenter nodejieba`;
 *   - cold single-document CLI time for a 20k-character report (goal ≤ 0.5 s);
 *   - peak RSS of each CLI run (all threads; measured by an --import hook in the child);
 *   - where the time goes: the stages in this process, warm (dictionary and rules already loaded).
 *
 * Options: BENCH_PIPE_DOCS=200 (batch documents), BENCH_PIPE_CHARS=4000 (characters per document),
 * BENCH_PIPE_RUNS=3 (CLI runs per configuration; the median is reported).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { DEFAULT_USER_DICT } from "../pipeline/segmenter/index.js";
import { prepareRun, processFile, type ProcessedDocument } from "../pipeline/run.js";
import { ingest } from "../pipeline/stages/ingest.js";
import { normalize } from "../pipeline/stages/normalize.js";
import { segment } from "../pipeline/stages/segment.js";
import { runChecks } from "../pipeline/stages/check.js";
import { runCorpusStep } from "../pipeline/corpus-run.js";
import { DocumentPool } from "../pipeline/pool/pool.js";
import { randomReport, rng } from "./synthetic.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = join(ROOT, "bin/report-qc.js");
const DOCS = Number(process.env.BENCH_PIPE_DOCS ?? 200);
const CHARS = Number(process.env.BENCH_PIPE_CHARS ?? 4000);
const RUNS = Number(process.env.BENCH_PIPE_RUNS ?? 3);
// Prints the child's peak RSS (whole process, every thread) on exit.
const RSS_HOOK = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\n@@RSS "+process.resourceUsage().maxRSS+"\\n"))`;

const UNITS = ["北京市朝阳区", "广东省广州市天河区", "湖北省武汉市江岸区", "天津市和平区", "浙江省杭州市西湖区", "四川省成都市武侯区", "江苏省南京市鼓楼区", "山东省济南市历下区"];

interface CliRun {
  ms: number;
  rssMb: number;
  status: number | null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

const f = (x: number, d = 2) => x.toFixed(d);

/** A batch of reports from real sentences, with a title line, and a copied passage in every 10th. */
function buildBatch(pool: string[], n: number, chars: number, seed: number): string[] {
  const rand = rng(seed);
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    const unit = UNITS[i % UNITS.length]!;
    let body = randomReport(pool, chars, rand);
    if (i % 10 === 9) {
      const src = texts[Math.floor(rand() * texts.length)]!;
      const at = Math.floor(rand() * (src.length - 400));
      const cut = body.indexOf("\n", body.length >> 1);
      body = body.slice(0, cut + 1) + src.slice(at, at + 300).replace(/\n/g, "") + body.slice(cut);
    }
    texts.push(`${unit}人民政府关于2025年度法治政府建设情况的报告\n${body}\n${unit}人民政府\n2026年3月${1 + (i % 28)}日\n`);
  }
  return texts;
}

function runCli(args: string[]): CliRun {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", RSS_HOOK, CLI, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  const m = /@@RSS (\d+)/.exec(r.stderr ?? "");
  if (r.status !== 0 && r.status !== 1) throw new Error(`report-qc ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, status: r.status };
}

function medianRun(args: string[], runs = RUNS): CliRun {
  const rs = Array.from({ length: runs }, () => runCli(args));
  return { ms: median(rs.map((r) => r.ms)), rssMb: Math.max(...rs.map((r) => r.rssMb)), status: rs[0]!.status };
}

/** Raw @node-rs/jieba cut over the texts, dictionary (bundled + legal-terms) loaded beforehand; best of 3. */
function rawCut(texts: string[]): number {
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(readFileSync(DEFAULT_USER_DICT));
  for (const t of texts.slice(0, 20)) jieba.cut(t, true); // warm-up
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    for (const t of texts) jieba.cut(t, true);
    times.push(performance.now() - t0);
  }
  return Math.min(...times);
}

/** Where the time goes, in this process with resources loaded: ms per stage over the whole batch. */
async function stageProfile(files: string[], segmenter: "node-rs" | "nodejieba"): Promise<Record<string, number>> {
  const res = prepareRun({ lang: "zh", segmenter });
  await processFile(files[0]!, res, {}); // warm-up (JIT, lazy rule compilation)
  const ms = { ingest: 0, normalize: 0, segment: 0, checks: 0, corpus: 0 };
  const processed: ProcessedDocument[] = [];
  for (const file of files) {
    let t = performance.now();
    const raw = await ingest(file, {});
    ms.ingest += performance.now() - t;
    t = performance.now();
    const norm = normalize(raw);
    ms.normalize += performance.now() - t;
    t = performance.now();
    const seg = segment(norm, res.segmenter);
    ms.segment += performance.now() - t;
    t = performance.now();
    runChecks(seg, res.rules.forDocument(seg), { lang: "zh" });
    ms.checks += performance.now() - t;
    processed.push((await processFile(file, res, {})).processed);
  }
  const t = performance.now();
  await runCorpusStep(processed, res, false);
  ms.corpus = performance.now() - t;
  return ms;
}

/** The pool alone, after a warm-up pass over the batch: ms for one more pass (per-document stages and result transfer). */
async function warmPool(files: string[], threads: number, segmenter: "node-rs" | "nodejieba"): Promise<number> {
  const pool = new DocumentPool(threads);
  const config = { lang: "zh" as const, segmenter };
  try {
    const pass = () => Promise.all(files.map((path) => pool.run({ path, meta: {}, config })));
    await pass();
    const t0 = performance.now();
    await pass();
    return performance.now() - t0;
  } finally {
    await pool.close();
  }
}

export async function pipelineBench(pool: string[]): Promise<void> {
  console.log(`== 4. end-to-end check (${DOCS} synthetic reports × ~${CHARS} chars, spawned CLI, median of ${RUNS}) ==`);
  const dir = mkdtempSync(join(tmpdir(), "rqc-bench-"));
  try {
    const batchDir = join(dir, "batch");
    mkdirSync(batchDir);
    const texts = buildBatch(pool, DOCS, CHARS, 2026);
    const files = texts.map((t, i) => {
      const p = join(batchDir, `r${String(i).padStart(5, "0")}.txt`);
      writeFileSync(p, t);
      return p;
    });
    const chars = texts.reduce((a, t) => a + t.length, 0);
    const big = join(dir, "x.txt");
    writeFileSync(big, buildBatch(pool, 1, 20000, 7)[0]!);

    const cutMs = rawCut(texts);
    const cutRate = chars / (cutMs / 1000);
    const base = ["check", batchDir, "--json", "--no-corpus"];
    const rows: string[][] = [];
    const e2e: Record<string, CliRun> = {};
    for (const seg of ["node-rs", "nodejieba"] as const) {
      for (const jobs of [1, 2]) {
        const r = medianRun([...base, "--jobs", String(jobs), "--segmenter", seg]);
        e2e[`${seg}/${jobs}`] = r;
        const rate = chars / (r.ms / 1000);
        rows.push([`check --jobs ${jobs} --segmenter ${seg}`, `${f(r.ms / 1000)} s`, `${f(rate / 1e3, 0)} k chars/s`, `${f(rate / cutRate, 3)}${seg === "node-rs" ? " (goal ≥ 0.5)" : ""}`, `${f(r.rssMb, 0)} MB`]);
      }
    }
    const cold = medianRun(["check", big, "--json", "--no-corpus"], 5);
    const nodeOnly = median(Array.from({ length: 5 }, () => runCli(["--version"]).ms));

    console.log(`  batch: ${DOCS} documents, ${f(chars / 1e6, 2)}M characters; raw @node-rs/jieba cut: ${f(cutMs / 1000, 3)} s = ${f(cutRate / 1e6, 2)}M chars/s`);
    const table = [
      ["figure", "time", "throughput", "ratio to raw cut", "peak RSS"],
      ["raw @node-rs/jieba cut (in-process)", `${f(cutMs / 1000, 3)} s`, `${f(cutRate / 1e3, 0)} k chars/s`, "1", "—"],
      ...rows,
    ];
    const w = table[0]!.map((_, c) => Math.max(...table.map((r) => [...r[c]!].length)));
    for (const r of table) console.log("  " + r.map((x, c) => x.padEnd(w[c]!)).join(" | "));
    const sp = (seg: string) => e2e[`${seg}/1`]!.ms / e2e[`${seg}/2`]!.ms;
    console.log(`  2-worker speedup over 1 (node-rs): ${f(sp("node-rs"))} (goal ≥ 1.7); nodejieba: ${f(sp("nodejieba"))}`);
    console.log(`  cold single-document CLI, 20k characters (check x.txt --json --no-corpus): ${f(cold.ms / 1000, 3)} s median of 5 (goal ≤ 0.5 s), peak RSS ${f(cold.rssMb, 0)} MB; node start + CLI import (\`report-qc --version\`): ${f(nodeOnly / 1000, 3)} s`);

    for (const seg of ["node-rs", "nodejieba"] as const) {
      const [one, two] = [await warmPool(files, 1, seg), await warmPool(files, 2, seg)];
      console.log(`  warm pool, per-document stages only (${seg}; workers started and JIT-warm, no corpus step): 1 worker ${f(one / 1000)} s, 2 workers ${f(two / 1000)} s → speedup ${f(one / two)}`);
    }
    for (const seg of ["node-rs", "nodejieba"] as const) {
      const ms = await stageProfile(files, seg);
      const total = Object.values(ms).reduce((a, b) => a + b, 0);
      console.log(`  stages in-process, warm (${seg}, ${DOCS} docs): ${Object.entries(ms).map(([k, v]) => `${k} ${f(v / 1000)} s (${f((100 * v) / total, 0)}%)`).join(", ")}; total ${f(total / 1000)} s → ratio to raw cut ${f(cutMs / total, 3)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
