/**
 * @fileoverview `npm run bench` (node dist/bench/bench.js): prints the duplication figures of issue 4.
 * Figures, not timed tests: nothing fails on a slow machine.
 *
 *   1. In-document duplicates: cost of duplicate-text on 20k- vs 5k-character reports (goal ≤ 5×).
 *   2. Cross-document copies on synthetic archives of 10k and 20k documents with planted passages:
 *      time ratio (goal ≤ 2.1), recall and precision against the planted passages ≥ 50 characters
 *      (goal ≥ 0.99 each), per-stage time, documents/s, candidate pairs.
 *   3. Against brute-force exact matching (every 50-gram of every document) on 800 documents.
 *   4. End-to-end `report-qc check` (bench/pipeline.ts): throughput against raw jieba cut, --jobs 2 vs 1,
 *      cold single-document CLI time, peak RSS, --segmenter nodejieba. BENCH_ONLY=pipeline runs only this part.
 *   5. Goals: every goal of issues 4, 7 and 13 as a ratio measured in this one run (cold start vs
 *      `node -e 0`, in-process throughput vs the raw cut, pathological inputs vs a normal 20k report).
 *   Peak RSS (each CLI row: the child's own, measured in the child) and the machine are printed at the end.
 *
 * Options: BENCH_DOCS=20000 (largest archive), BENCH_CHARS=4000 (characters per archive document).
 */
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import duplicateText, { findRepeats } from "../pipeline/checks/duplicate-text.js";
import { detectCopies, type CopyOptions, type CopyPassage } from "../pipeline/fingerprint/copy-index.js";
import { kgramHashes } from "../pipeline/fingerprint/hash.js";
import { pipelineBench, type Goal } from "./pipeline.js";
import { buildArchive, randomReport, rng, sentencePool, syntheticDocument, type Archive } from "./synthetic.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const POOL_DIRS = [ROOT + "corpus", ROOT + "../shared/corpora/gwr2026", ROOT + "../shared/seeds"];
const MAX_DOCS = Number(process.env.BENCH_DOCS ?? 20000);
const CHARS = Number(process.env.BENCH_CHARS ?? 4000);

// The defaults of the cross-document-copy check (commonUnits: min(10, 10 % of units) for these archive sizes).
const COPY: CopyOptions = { k: 12, t: 24, minLength: 50, similarity: 0.8, maxGap: 6, anchor: 6, commonUnits: 10 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function fmt(x: number, d = 2): string {
  return x.toFixed(d);
}

async function main(): Promise<void> {
  const pool = sentencePool(POOL_DIRS);
  console.log(`sentence pool: ${pool.length} real sentences (seeds + gwr2026)\n`);
  // BENCH_ONLY=pipeline runs only part 4 (end-to-end check, bench/pipeline.ts).
  const goals: Goal[] = [];
  if (process.env.BENCH_ONLY !== "pipeline") {
    goals.push(inDocument(pool));
    goals.push(crossDocument(pool));
    bruteForce(pool);
  }
  goals.push(...(await pipelineBench(pool)));
  console.log("\n== 5. goals, as ratios measured in this run ==");
  const rows = [["goal", "measured", "target", "met"], ...goals.map((g) => [g.name, g.measured, g.target, g.met ? "yes" : "NO"])];
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  for (const r of rows) console.log("  " + r.map((x, c) => x.padEnd(w[c]!)).join(" | "));
  const ru = process.resourceUsage();
  console.log(`\npeak RSS of this bench process (in-process parts 1–3 and the stage profile; each CLI row above shows its own child's): ${fmt(ru.maxRSS / 1024, 0)} MB`);
  console.log(`machine: ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`);
}

/** 1. duplicate-text cost per document, 5k vs 20k characters. */
function inDocument(pool: string[]): Goal {
  console.log("== 1. in-document duplicates (duplicate-text, default options) ==");
  const compiled = duplicateText.compile(duplicateText.options.parse({}) as never, { ruleFileDir: ROOT, builtinRulesDir: ROOT + "rules" });
  const rand = rng(7);
  const sizes = [5000, 20000];
  const sets = sizes.map((size) =>
    Array.from({ length: 20 }, () => {
      let t = randomReport(pool, size, rand);
      // plant 3 repeated passages per document so the check has work to do
      for (let i = 0; i < 3; i++) {
        const at = Math.floor(rand() * (t.length - 80));
        const passage = t.slice(at, at + 60).replace(/\n/g, "");
        const to = Math.floor(rand() * t.length);
        t = t.slice(0, to) + passage + t.slice(to);
      }
      return syntheticDocument(t);
    }),
  );
  for (const docs of sets) for (const d of docs) findRepeats(d, compiled); // warm-up
  // The sizes take turns inside each run, so machine noise falls on both alike (perf-anchors §0).
  const runs: number[][] = sizes.map(() => []);
  const found: number[] = sizes.map(() => 0);
  for (let r = 0; r < 7; r++) {
    sets.forEach((docs, si) => {
      const t0 = performance.now();
      for (const d of docs) found[si] = findRepeats(d, compiled).list.length;
      runs[si]!.push((performance.now() - t0) / docs.length);
    });
  }
  const rows = sizes.map((size, si) => [size, median(runs[si]!), found[si]!] as const);
  for (const [size, ms, n] of rows) console.log(`  ${size} chars: ${fmt(ms, 3)} ms/doc (median of 7 runs × 20 docs), e.g. ${n} findings in the last doc`);
  const ratio = rows[1]![1] / rows[0]![1];
  console.log(`  cost ratio 20k / 5k: ${fmt(ratio)} (goal ≤ 5)\n`);
  return { name: "duplicate-text cost 20k / 5k chars", measured: fmt(ratio), target: "≤ 5", met: ratio <= 5 };
}

interface Score {
  recall: number;
  precision: number;
  planted: number;
  reported: number;
  missed: string[];
}

/**
 * Reported passages (common text excluded) against the planted ones. The archive shares no text but
 * the plants and the templates (see cipher()), so a reported passage is true when one of its ranges
 * is planted text: the copy itself or the source of a copy (a document that repeats a sentence of its
 * own matches the copy at either occurrence; both are right). Anything else is a false positive.
 */
function score(archive: Archive, passages: CopyPassage[]): Score {
  const reported = passages.filter((p) => p.commonChars < 0.5 * (p.t1 - p.t0));
  const planted = (doc: number, a: number, b: number) =>
    archive.plants.some((pl) => (pl.target === doc && overlap(a, b, pl.t0, pl.t1) > 0) || (pl.source === doc && overlap(a, b, pl.s0, pl.s1) > 0));
  const hit = new Set<number>();
  let truePos = 0;
  for (const p of reported) {
    if (planted(p.target, p.t0, p.t1) || planted(p.source, p.s0, p.s1)) truePos++;
    archive.plants.forEach((pl, i) => {
      if (p.target === pl.target && p.source === pl.source && overlap(p.t0, p.t1, pl.t0, pl.t1) >= 0.9 * (pl.t1 - pl.t0)) hit.add(i);
    });
  }
  const missed = archive.plants.filter((_, i) => !hit.has(i)).slice(0, 3).map((pl) => `${pl.target}←${pl.source} len ${pl.t1 - pl.t0}${pl.edited ? " edited" : ""}`);
  return { recall: hit.size / archive.plants.length, precision: reported.length ? truePos / reported.length : 1, planted: archive.plants.length, reported: reported.length, missed };
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** 2. cross-document copies at MAX_DOCS/2 and MAX_DOCS documents. */
function crossDocument(pool: string[]): Goal {
  console.log(`== 2. cross-document copies (winnowing k=${COPY.k} t=${COPY.t}, min ${COPY.minLength} chars, common ≥ ${COPY.commonUnits} units) ==`);
  const sizes = [MAX_DOCS / 2, MAX_DOCS];
  const archives = sizes.map((n) => {
    const tb = performance.now();
    const archive = buildArchive(pool, n, CHARS, 42 + n);
    return { n, archive, build: performance.now() - tb, docs: archive.texts.map((text, i) => ({ text, unit: `unit-${i}`, year: 2024, target: true })) };
  });
  // Sizes take turns (3 runs each); the median is reported, so noise falls on both alike.
  const runs: { ms: number; res: ReturnType<typeof detectCopies> }[][] = sizes.map(() => []);
  for (let r = 0; r < 3; r++) {
    archives.forEach((a, i) => {
      const t0 = performance.now();
      const res = detectCopies(a.docs, COPY);
      runs[i]!.push({ ms: performance.now() - t0, res });
    });
  }
  const times: number[] = [];
  archives.forEach(({ n, archive, build }, i) => {
    const sorted = [...runs[i]!].sort((x, y) => x.ms - y.ms);
    const { ms, res } = sorted[1]!;
    times.push(ms);
    const chars = archive.texts.reduce((acc, t) => acc + t.length, 0);
    const s = score(archive, res.passages);
    console.log(`  ${n} docs (${fmt(chars / 1e6, 1)}M chars; built in ${fmt(build / 1000, 1)} s): ${fmt(ms / 1000)} s (median of 3), ${fmt(n / (ms / 1000), 0)} docs/s`);
    console.log(`    stages ms: ${Object.entries(res.stats.ms).map(([k, v]) => `${k} ${fmt(v, 0)}`).join(", ")}`);
    console.log(`    fingerprints ${res.stats.fingerprints} (${fmt(res.stats.fingerprints / chars, 4)}/char, theory 2/(w+1) = ${fmt(2 / (COPY.t - COPY.k + 2), 4)}), seeds ${res.stats.seeds}, candidate pairs ${res.stats.candidatePairs} (${fmt(res.stats.candidatePairs / n, 2)}/doc)`);
    console.log(`    planted ${s.planted} passages (50–300 chars, ⅓ edited): recall ${fmt(s.recall, 4)}, precision ${fmt(s.precision, 4)} over ${s.reported} reported passages (both directions)${s.missed.length ? `; missed e.g. ${s.missed.join("; ")}` : ""}`);
  });
  const ratio = times[1]! / times[0]!;
  console.log(`  time ratio ${MAX_DOCS} / ${MAX_DOCS / 2} docs: ${fmt(ratio)} (goal ≤ 2.1)\n`);
  return { name: `cross-document copies ${MAX_DOCS} / ${MAX_DOCS / 2} docs`, measured: fmt(ratio), target: "≤ 2.1", met: ratio <= 2.1 };
}

/** 3. Pairs sharing an exact run ≥ 50 characters: winnowing pipeline vs every 50-gram of every document. */
function bruteForce(pool: string[]): void {
  const n = 800;
  const L = 50;
  console.log(`== 3. against brute-force exact matching (${n} docs, every ${L}-gram indexed) ==`);
  const archive = buildArchive(pool, n, CHARS, 4242);
  const templatesOf = new Map<number, [number, number][]>();
  for (const [d, a, b] of archive.templates) templatesOf.set(d, [...(templatesOf.get(d) ?? []), [a, b]]);
  const t0 = performance.now();
  const byHash = new Map<number, number[]>();
  archive.texts.forEach((t, d) => {
    const { hashes } = kgramHashes(t, L);
    const seen = new Set<number>();
    for (let i = 0; i < hashes.length; i++) {
      const h = hashes[i]!;
      if (seen.has(h)) continue;
      seen.add(h);
      const list = byHash.get(h);
      if (list) list.push(d, i);
      else byHash.set(h, [d, i]);
    }
  });
  const truth = new Set<string>();
  for (const list of byHash.values()) {
    const docsWith = list.length / 2;
    if (docsWith < 2 || docsWith >= COPY.commonUnits) continue; // common text is not copying
    // 50-grams reaching into template text are boilerplate, not copying (the template carries them)
    let inTemplate = false;
    for (let x = 0; x < list.length && !inTemplate; x += 2) inTemplate = templatesOf.get(list[x]!)?.some(([a, b]) => overlap(list[x + 1]!, list[x + 1]! + L, a, b) >= L / 2) ?? false;
    if (inTemplate) continue;
    for (let x = 0; x < list.length; x += 2)
      for (let y = x + 2; y < list.length; y += 2) {
        const [a, pa, b, pb] = [list[x]!, list[x + 1]!, list[y]!, list[y + 1]!];
        if (a !== b && archive.texts[a]!.substr(pa, L) === archive.texts[b]!.substr(pb, L)) truth.add(a < b ? `${a}:${b}` : `${b}:${a}`);
      }
  }
  const brute = performance.now() - t0;
  const t1 = performance.now();
  const res = detectCopies(archive.texts.map((text, i) => ({ text, unit: `unit-${i}`, year: 2024, target: true })), COPY);
  const fast = performance.now() - t1;
  const found = new Set<string>();
  for (const p of res.passages) {
    if (p.commonChars >= 0.5 * (p.t1 - p.t0) || p.t1 - p.t0 < L) continue;
    found.add(p.target < p.source ? `${p.target}:${p.source}` : `${p.source}:${p.target}`);
  }
  const both = [...truth].filter((x) => found.has(x)).length;
  const s = score(archive, res.passages);
  console.log(`  brute force: ${fmt(brute / 1000)} s, ${truth.size} document pairs share an exact run ≥ ${L} chars`);
  console.log(`  winnowing:   ${fmt(fast / 1000)} s, ${found.size} pairs with a passage ≥ ${L} chars; recall vs brute force ${fmt(truth.size ? both / truth.size : 1, 4)}, pairs not in brute force ${found.size - both} (edited copies have no exact 50-char run)`);
  console.log(`  planted: recall ${fmt(s.recall, 4)}, precision ${fmt(s.precision, 4)}`);
}

await main();
