/**
 * @fileoverview `npm run bench:labelled` (node dist/bench/labelled.js): runs the pipeline with the
 * default options on the three benchmark sets (../shared/corpora/lawtext, ../shared/corpora/gwr2026,
 * the seeds in corpus/ — each one batch, as `report-qc check <dir>` would), matches every finding to
 * the judgements in bench/labelled/*.jsonl and prints precision per check type and severity, overall
 * precision, false errors per 10k characters, labelled findings that disappeared, and unjudged findings.
 *
 * Options:
 *   --sets lawtext,gwr2026,seeds   which sets (default all; a missing directory is reported and skipped)
 *   --results NAME=FILE            use a saved `report-qc check --json` result for a set instead of running it
 *   --jobs N                       worker threads (default: as the CLI)
 *   --unjudged                     print every unjudged error/warning finding (default: the first 30)
 *   --vanished                     print every vanished label (default: TRUE ones in full, the others counted)
 *   --json                         machine-readable output on stdout
 *   --write-unjudged FILE          unjudged error/warning findings as jsonl rows with label "" for judges to fill
 *   --info-sample N                deterministic sample of N info findings → bench/labelled/info-sample.jsonl
 *                                  (judged rows already there are kept)
 *   --update-baseline              rewrite test/fixtures/labelled/baseline.json from the in-repo subset
 *                                  (--accept-missing also records TRUE findings that disappeared as known)
 *   --include-info                 unjudged lists (printed, --write-unjudged) include info findings
 *   --skip-profile                 do not run bench/profile-accuracy.ts (its summary is printed when it exists)
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  BASELINE_FILE,
  contextOf,
  currentBaseline,
  defaultSets,
  figures,
  LABEL_DIR,
  labelKey,
  labelRow,
  loadLabels,
  matchLabels,
  ROOT,
  runSet,
  runSubset,
  sampleInfo,
  type Figures,
  type Label,
  type MatchedFinding,
  type Row,
  type RunDoc,
} from "./labelled-core.js";
import { runMain } from "./run-main.js";

const TARGET_OVERALL = 0.9;
const TARGET_CHECK = 0.8;
const TARGET_CHECK_MIN = 10;
const TARGET_FALSE_ERRORS = 0.05;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sets: { type: "string" },
      results: { type: "string", multiple: true },
      jobs: { type: "string" },
      unjudged: { type: "boolean" },
      vanished: { type: "boolean" },
      json: { type: "boolean" },
      "write-unjudged": { type: "string" },
      "info-sample": { type: "string" },
      "update-baseline": { type: "boolean" },
      "skip-profile": { type: "boolean" },
      "include-info": { type: "boolean" },
      "accept-missing": { type: "boolean" },
    },
  });
  const log = (s: string) => (values.json ? process.stderr : process.stdout).write(s + "\n");
  const labels = loadLabels();

  if (values["update-baseline"]) {
    const r = await runSubset(labels.labels);
    const b = currentBaseline(r, Boolean(values["accept-missing"]));
    writeFileSync(BASELINE_FILE, JSON.stringify(b, null, 2) + "\n");
    log(`${BASELINE_FILE}: ${b.silentFalse.length} FALSE-judged findings silent and protected, ${b.trueMissing.length} TRUE-judged findings missing (${r.docs.length} documents)`);
    for (const m of r.falseBack) log(`  no longer protected (fires again): ${m.doc.path} ${m.finding.ruleId} ${m.finding.start}-${m.finding.end} «${m.finding.text}»`);
    for (const l of r.match.vanished.filter((l) => l.label === "TRUE")) log(`  TRUE missing (a regression${values["accept-missing"] ? ", recorded as known" : "; --accept-missing records it as known"}): ${l.path} ${l.rule} ${l.start}-${l.end} «${l.text}» (${l.source})`);
    return;
  }

  const results = new Map((values.results ?? []).map((s) => s.split("=", 2) as [string, string]));
  const wanted = values.sets ? new Set(values.sets.split(",")) : null;
  const sets = defaultSets().filter((s) => !wanted || wanted.has(s.name));
  const missing: string[] = [];
  const docs: RunDoc[] = [];
  const perSet: { name: string; dir: string; docs: number; chars: number; seconds: number }[] = [];
  for (const spec of sets) {
    if (!results.has(spec.name) && !existsSync(spec.dir)) {
      missing.push(spec.name);
      log(`set ${spec.name}: MISSING (${spec.dir} not found) — the figures below leave it out`);
      continue;
    }
    const t0 = performance.now();
    const got = await runSet(spec, {
      ...(values.jobs ? { jobs: Number(values.jobs) } : {}),
      ...(results.has(spec.name) ? { resultsFile: results.get(spec.name)! } : {}),
      onProgress: (d, n) => {
        if (!values.json && process.stderr.isTTY) process.stderr.write(`\r${spec.name}: ${d}/${n}`);
      },
    });
    if (!values.json && process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    docs.push(...got);
    perSet.push({ name: spec.name, dir: spec.dir, docs: got.length, chars: got.reduce((s, d) => s + d.chars, 0), seconds: (performance.now() - t0) / 1000 });
  }
  const match = matchLabels(docs, labels.labels);
  const fig = figures(docs, match.findings);
  const setFigures = perSet.map((s) => ({ ...s, ...figures(docs.filter((d) => d.set === s.name), match.findings.filter((m) => m.doc.set === s.name)) }));
  const unjudged = match.findings.filter((m) => !m.label && (values["include-info"] || m.finding.severity !== "info"));
  const moved = match.findings.filter((m) => m.how === "moved" || m.how === "renamed");

  if (values["write-unjudged"]) {
    writeFileSync(values["write-unjudged"], unjudged.map((m) => JSON.stringify(labelRow(m.doc, m.finding))).join("\n") + (unjudged.length ? "\n" : ""));
    log(`${values["write-unjudged"]}: ${unjudged.length} unjudged ${values["include-info"] ? "" : "error/warning "}findings (label "")`);
  }
  if (values["info-sample"]) writeInfoSample(match.findings, Number(values["info-sample"]), log);

  const profile = values["skip-profile"] ? null : profileSummary();
  if (values.json) {
    const out = {
      generated: new Date().toISOString(),
      sets: perSet,
      missing,
      labels: { files: labels.files, rows: labels.labels.length, problems: labels.problems },
      rows: fig.rows,
      byCheck: fig.byCheck,
      overall: fig.overall,
      chars: fig.chars,
      falseErrors: fig.falseErrors,
      falseErrorsPer10k: fig.falseErrorsPer10k,
      unjudgedErrorsPer10k: fig.unjudgedErrorsPer10k,
      targets: {
        overall: { target: TARGET_OVERALL, precision: fig.overall.precision, unjudged: fig.overall.unjudged },
        perCheck: { target: TARGET_CHECK, minFindings: TARGET_CHECK_MIN, below: fig.byCheck.filter((r) => r.findings >= TARGET_CHECK_MIN && r.precision !== null && r.precision < TARGET_CHECK).map((r) => r.check) },
        falseErrorsPer10k: { target: TARGET_FALSE_ERRORS, value: fig.falseErrorsPer10k },
      },
      perSet: setFigures.map((s) => ({ name: s.name, docs: s.docs, chars: s.chars, overall: s.overall, falseErrorsPer10k: s.falseErrorsPer10k })),
      moved: moved.map((m) => ({ how: m.how, path: m.doc.path, rule: m.finding.ruleId, start: m.finding.start, end: m.finding.end, labelled: [m.label!.start, m.label!.end], label: m.label!.label })),
      vanished: match.vanished.map(({ source, ...l }) => ({ ...l, source })),
      unjudged: unjudged.map((m) => labelRow(m.doc, m.finding)),
      profile,
    };
    process.stdout.write(JSON.stringify(out, null, 1) + "\n");
    return;
  }

  const print = (s = "") => process.stdout.write(s + "\n");
  print(`labelled benchmark — ${new Date().toISOString().slice(0, 16)}Z; labels: ${labels.labels.length} judged rows in ${labels.files.length} files (bench/labelled/)`);
  for (const p of labels.problems) print(`  label problem: ${p}`);
  for (const s of setFigures) print(`  ${s.name.padEnd(8)} ${String(s.docs).padStart(4)} docs ${String(s.chars).padStart(8)} chars  e+w ${String(s.overall.findings).padStart(5)}  judged ${String(s.overall.TRUE + s.overall.ARGUABLE + s.overall.FALSE).padStart(5)}  precision ${pct(s.overall.precision)}  false errors/10k ${s.falseErrorsPer10k.toFixed(3)}  (${s.seconds.toFixed(1)} s)`);
  if (missing.length) print(`  MISSING sets: ${missing.join(", ")} (figures cover only the others)`);
  print();
  print(table(fig));
  print();
  const overallOk = fig.overall.precision !== null && fig.overall.precision >= TARGET_OVERALL;
  // A target is "met" only when nothing it depends on is unjudged.
  const verdict = (ok: boolean, unjudged: number) => (!ok ? "NOT met" : unjudged ? `met on the judged findings only (${unjudged} unjudged)` : "met");
  print(`overall precision (error+warning): ${pct(fig.overall.precision)}  [${fig.overall.TRUE} TRUE / ${fig.overall.FALSE} FALSE, ${fig.overall.ARGUABLE} ARGUABLE, ${fig.overall.unjudged} unjudged of ${fig.overall.findings}]  target ≥ ${TARGET_OVERALL}: ${verdict(overallOk, fig.overall.unjudged)}`);
  const big = fig.byCheck.filter((r) => r.findings >= TARGET_CHECK_MIN);
  const weak = big.filter((r) => r.precision !== null && r.precision < TARGET_CHECK);
  const open = big.filter((r) => r.unjudged);
  print(`check types with ≥ ${TARGET_CHECK_MIN} findings: ${big.length}; below ${TARGET_CHECK}: ${weak.length ? weak.map((r) => `${r.check} ${pct(r.precision)}`).join(", ") : "none"}${open.length ? `; with unjudged findings: ${open.map((r) => `${r.check} (${r.unjudged}/${r.findings})`).join(", ")}` : ""}`);
  const errorsUnjudged = match.findings.filter((m) => m.finding.severity === "error" && !m.label).length;
  print(`false error-severity findings: ${fig.falseErrors} in ${fig.chars} chars = ${fig.falseErrorsPer10k.toFixed(3)} per 10k (target ≤ ${TARGET_FALSE_ERRORS}: ${verdict(fig.falseErrorsPer10k <= TARGET_FALSE_ERRORS, errorsUnjudged)}); unjudged errors ${fig.unjudgedErrorsPer10k.toFixed(3)} per 10k`);
  if (fig.overall.unjudged) print(`NOTE: ${fig.overall.unjudged} error/warning findings are unjudged: the precision figures cover judged findings only`);
  if (profile) print(`\n== bench/profile-accuracy.ts (npm run bench:profile):\n  ${profile}`);
  if (moved.length) print(`\n${moved.length} findings matched a label by text or check type, not by exact span (moved/renamed): ${moved.slice(0, 10).map((m) => `${m.doc.path} ${m.finding.ruleId} ${m.finding.start}-${m.finding.end} (labelled ${m.label!.start}-${m.label!.end})`).join("; ")}${moved.length > 10 ? " …" : ""}`);

  printVanished(match.vanished, Boolean(values.vanished), print);
  const limit = values.unjudged ? Infinity : 30;
  print(`\n== unjudged ${values["include-info"] ? "" : "error/warning "}findings: ${unjudged.length}${unjudged.length > limit ? ` (first ${limit}; --unjudged for all, --write-unjudged FILE for a skeleton)` : ""}`);
  for (const m of unjudged.slice(0, limit)) print(`${m.doc.path} [${m.finding.severity} ${m.finding.ruleId}] ${m.finding.start}-${m.finding.end} ${m.finding.message}\n   «${contextOf(m.doc.original, m.finding.start, m.finding.end)}»`);
}

const pct = (p: number | null) => (p === null ? "  n/a" : p.toFixed(3));

function table(fig: Figures): string {
  const head = ["check", "severity", "findings", "TRUE", "ARGUABLE", "FALSE", "unjudged", "precision"];
  const line = (r: Row) => [r.check, r.severity, r.findings, r.TRUE, r.ARGUABLE, r.FALSE, r.unjudged, r.severity === "info" ? "" : pct(r.precision)].map(String);
  const body = [...fig.rows.map(line), ["—"], ...fig.byCheck.map(line), line(fig.overall)];
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const fmt = (r: string[]) => (r[0] === "—" ? widths.map((w) => "-".repeat(w)).join("  ") : r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
  return [fmt(head), ...body.map(fmt)].join("\n");
}

function printVanished(vanished: Label[], all: boolean, print: (s?: string) => void): void {
  const by = (j: string) => vanished.filter((l) => l.label === j);
  const t = by("TRUE");
  const f = by("FALSE");
  const a = by("ARGUABLE");
  print(`\n== labelled findings that disappeared: ${t.length} TRUE (regressions), ${f.length} FALSE (progress), ${a.length} ARGUABLE`);
  const count = (ls: Label[]) => {
    const c = new Map<string, number>();
    for (const l of ls) c.set(l.rule, (c.get(l.rule) ?? 0) + 1);
    return [...c].sort((x, y) => y[1] - x[1]).map(([r, n]) => `${r} ${n}`).join(", ");
  };
  for (const l of t) print(`  REGRESSION ${l.path} [${l.severity} ${l.rule}] ${l.start}-${l.end} «${l.text}» — ${l.reason} (${l.source})`);
  if (f.length) print(`  FALSE gone by rule: ${count(f)}`);
  if (a.length) print(`  ARGUABLE gone by rule: ${count(a)}`);
  if (all) for (const l of [...f, ...a]) print(`  gone ${l.label} ${l.path} [${l.severity} ${l.rule}] ${l.start}-${l.end} «${l.text}»`);
}

/** Writes the info sample, keeping judged rows already in the file. */
function writeInfoSample(matched: MatchedFinding[], n: number, log: (s: string) => void): void {
  const file = join(LABEL_DIR, "info-sample.jsonl");
  const old = existsSync(file) ? readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>) : [];
  const judged = old.filter((r) => r.label);
  const have = new Set(judged.map((r) => labelKey(r as unknown as Label)));
  const fresh = sampleInfo(matched, n)
    .filter((m) => !m.label && !have.has(labelKey({ doc: m.doc.hash, rule: m.finding.ruleId, start: m.finding.start, end: m.finding.end })))
    .map((m) => labelRow(m.doc, m.finding));
  const rows = [...judged, ...fresh].slice(0, Math.max(n, judged.length));
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  log(`${file}: ${rows.length} info findings (${judged.length} judged kept, ${rows.length - judged.length} to judge)`);
}

/** The profile-accuracy benchmark (bench/profile-accuracy.ts), if present: its summary lines (not the list of misses). */
function profileSummary(): string | null {
  const script = join(ROOT, "dist", "bench", "profile-accuracy.js");
  if (!existsSync(script)) return null;
  const r = spawnSync(process.execPath, [script], { cwd: ROOT, encoding: "utf8", timeout: 600_000 });
  const lines = (r.stdout ?? "").split("\n");
  const misses = lines.findIndex((l) => /^\d+ misses/.test(l.trim()));
  const summary = (misses >= 0 ? lines.slice(0, misses + 1) : lines.slice(0, 8)).filter((l) => l.trim());
  return summary.length ? summary.join("\n  ") : `failed (exit ${r.status}): ${(r.stderr ?? "").split("\n")[0]}`;
}

runMain(main);
