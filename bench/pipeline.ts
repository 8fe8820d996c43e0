/**
 * @fileoverview `npm run bench`, part 4 (issue 7 §4): end-to-end `report-qc check` figures on a
 * synthetic batch built from real sentences (corpus/*.txt and ../shared/corpora/gwr2026 when present).
 *
 *   - raw @node-rs/jieba `cut` throughput over the batch's texts (dictionary loaded, in this process);
 *   - end-to-end `report-qc check DIR --json --no-corpus` throughput (a spawned CLI: startup,
 *     dictionary and rule loading, ingest → normalize → segment → checks, the corpus step, JSON out)
 *     with --jobs 1 and --jobs 2, as a ratio to the raw cut (goal ≥ 0.5) and the 2-worker speedup
 *     (goal ≥ 1.7); the same with `--segmenter nodejieba`;
 *   - cold single-document CLI time for a 20k-character report (goal ≤ 0.5 s and ≤ 4× `node -e 0`,
 *     the two measured in turns in this run);
 *   - peak RSS of each CLI run (all threads; measured by an --import hook in the child, never this process);
 *   - where the time goes: the stages in this process, warm (dictionary and rules already loaded),
 *     and their throughput as a ratio to the raw cut (goal ≥ 0.25);
 *   - pathological inputs (a 20k line of four words, a 20k line without punctuation, a periodic line,
 *     a paragraph pasted 100 times on one line): all stages, warm, against a normal 20k report.
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
/**
 * Prints the child's own peak RSS (whole process, every thread) on exit, in KB. VmHWM of /proc/self/status,
 * not getrusage's maxRSS: Linux carries ru_maxrss over fork and exec, so every child spawned by this
 * (500+ MB) bench process reported the parent's peak.
 */
const RSS_HOOK =
  "data:text/javascript," +
  encodeURIComponent(
    `import { readFileSync } from "node:fs";
process.on("exit", () => {
  let kb;
  try { kb = Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync("/proc/self/status", "utf8"))[1]); } catch { kb = process.resourceUsage().maxRSS; }
  process.stderr.write("\\n@@RSS " + kb + "\\n");
});`,
  );

/** One goal as printed in the summary table (bench.ts part 5). */
export interface Goal {
  name: string;
  measured: string;
  target: string;
  met: boolean;
}

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

/** Wall time of a bare `node` (no CLI), ms. */
function runNode(args: string[]): number {
  const t0 = performance.now();
  spawnSync(process.execPath, args);
  return performance.now() - t0;
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

/** Texts that once made a check super-linear, each ~20k characters on one line. */
function pathologicalTexts(normal: string): Record<string, string> {
  const words = ["法治", "政府", "建设", "依法行政"];
  const r = rng(5);
  let fewWords = "";
  while (fewWords.length < 20000) fewWords += words[Math.floor(r() * words.length)];
  const noPunct = normal.replace(/[\s\p{P}]/gu, "").slice(0, 20000);
  const para = normal.split("\n").find((l) => l.length >= 150 && l.length <= 400) ?? normal.slice(0, 200);
  return {
    "20k line of four words": fewWords.slice(0, 20000),
    "20k line without punctuation": noPunct,
    "20k periodic line (依法行政…)": "依法行政".repeat(5000),
    "a paragraph pasted 100× on one line": para.repeat(Math.ceil(20000 / para.length)).slice(0, 20000),
  };
}

/** All per-document stages plus the corpus step, warm, ms (median of 3). */
async function wholeDocumentMs(file: string, res: ReturnType<typeof prepareRun>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const { processed } = await processFile(file, res, {});
    await runCorpusStep([processed], res, false);
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function pipelineBench(pool: string[]): Promise<Goal[]> {
  const goals: Goal[] = [];
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
    // Cold start and bare Node take turns, so machine noise falls on both alike.
    const coldRuns: CliRun[] = [];
    const nodeRuns: number[] = [];
    const versionRuns: number[] = [];
    for (let r = 0; r < 5; r++) {
      nodeRuns.push(runNode(["-e", "0"]));
      versionRuns.push(runCli(["--version"]).ms);
      coldRuns.push(runCli(["check", big, "--json", "--no-corpus"]));
    }
    const cold = { ms: median(coldRuns.map((x) => x.ms)), rssMb: Math.max(...coldRuns.map((x) => x.rssMb)) };
    const nodeOnly = median(versionRuns);
    const bareNode = median(nodeRuns);

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
    console.log(`  cold single-document CLI, 20k characters (check x.txt --json --no-corpus): ${f(cold.ms / 1000, 3)} s median of 5 (goal ≤ 0.5 s) = ${f(cold.ms / bareNode, 1)}× \`node -e 0\` (${f(bareNode / 1000, 3)} s; goal ≤ 4×), peak RSS ${f(cold.rssMb, 0)} MB; node start + CLI import (\`report-qc --version\`): ${f(nodeOnly / 1000, 3)} s`);
    const e2e1 = e2e["node-rs/1"]!;
    goals.push({ name: "cold check of a 20k report", measured: `${f(cold.ms / 1000, 3)} s`, target: "≤ 0.5 s", met: cold.ms <= 500 });
    goals.push({ name: "cold check / node -e 0", measured: `${f(cold.ms / bareNode, 1)}×`, target: "≤ 4×", met: cold.ms <= 4 * bareNode });
    goals.push({ name: "end-to-end check --jobs 1 / raw cut", measured: f(chars / (e2e1.ms / 1000) / cutRate, 3), target: "≥ 0.5 (issue 7)", met: chars / (e2e1.ms / 1000) / cutRate >= 0.5 });
    goals.push({ name: "--jobs 2 / --jobs 1 (node-rs)", measured: f(sp("node-rs")), target: "≥ 1.7 (issue 13 §4)", met: sp("node-rs") >= 1.7 });

    for (const seg of ["node-rs", "nodejieba"] as const) {
      const [one, two] = [await warmPool(files, 1, seg), await warmPool(files, 2, seg)];
      console.log(`  warm pool, per-document stages only (${seg}; workers started and JIT-warm, no corpus step): 1 worker ${f(one / 1000)} s, 2 workers ${f(two / 1000)} s → speedup ${f(one / two)}`);
    }
    for (const seg of ["node-rs", "nodejieba"] as const) {
      // The raw cut is timed again right before the stages, so both see the same machine load.
      const cutNow = Math.min(cutMs, rawCut(texts));
      const ms = await stageProfile(files, seg);
      const total = Object.values(ms).reduce((a, b) => a + b, 0);
      console.log(`  stages in-process, warm (${seg}, ${DOCS} docs): ${Object.entries(ms).map(([k, v]) => `${k} ${f(v / 1000)} s (${f((100 * v) / total, 0)}%)`).join(", ")}; total ${f(total / 1000)} s → ratio to raw cut ${f(cutNow / total, 3)} (cut ${f(cutNow / 1000, 3)} s)`);
      if (seg === "node-rs") goals.push({ name: "warm in-process throughput / raw cut", measured: f(cutNow / total, 3), target: "≥ 0.25", met: cutNow / total >= 0.25 });
    }
    // Pathological inputs: every stage on one line of ~20k characters, against a normal 20k report.
    const res = prepareRun({ lang: "zh", segmenter: "node-rs" });
    const normalMs = await wholeDocumentMs(big, res);
    let worst = 0;
    const parts: string[] = [];
    for (const [name, text] of Object.entries(pathologicalTexts(readFileSync(big, "utf8")))) {
      const p = join(dir, `pathological-${parts.length}.txt`);
      writeFileSync(p, text + "\n");
      const ms = await wholeDocumentMs(p, res);
      worst = Math.max(worst, ms / normalMs);
      parts.push(`${name} ${f(ms / 1000)} s (${f(ms / normalMs, 1)}×)`);
    }
    console.log(`  pathological inputs, all stages warm (a normal 20k report: ${f(normalMs / 1000, 3)} s): ${parts.join("; ")}`);
    goals.push({ name: "worst pathological 20k line / normal 20k report", measured: `${f(worst, 1)}×`, target: "≤ 10× (bounded, never a hang)", met: worst <= 10 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return goals;
}
