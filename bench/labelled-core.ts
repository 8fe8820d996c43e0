/**
 * @fileoverview The labelled precision benchmark (issue 10 §5): judgements of findings on real text,
 * stored as JSON lines in bench/labelled/*.jsonl, matched to the findings of the current pipeline.
 * Used by `npm run bench:labelled` (bench/labelled.ts) and by test/labelled-benchmark.test.ts.
 *
 * A label row: {doc, path, rule, severity, start, end, text, label, reason} (see bench/labelled/README.md).
 * `doc` is the first 16 hex digits of the SHA-256 of the file bytes, so the same row serves a document
 * wherever it sits (../shared/corpora/…, corpus/, or a byte-identical copy under test/fixtures/labelled/).
 * Offsets are UTF-16 offsets into the original decoded text, so they survive code changes.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Finding, Severity } from "../pipeline/model/finding.js";
import { runPipeline } from "../pipeline/run.js";
import { checkRegistry } from "../pipeline/checks/index.js";

/** The repository root: the nearest directory above this file with a package.json (works from bench/ and dist/bench/). */
export const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();
export const LABEL_DIR = join(ROOT, "bench", "labelled");
export const FIXTURE_DIR = join(ROOT, "test", "fixtures", "labelled");

export type Judgement = "TRUE" | "ARGUABLE" | "FALSE";
const JUDGEMENTS = new Set(["TRUE", "ARGUABLE", "FALSE"]);

export interface Label {
  doc: string;
  path: string;
  rule: string;
  severity: string;
  start: number;
  end: number;
  text: string;
  /** "" in a skeleton row nobody has judged yet (ignored). */
  label: Judgement | "";
  reason: string;
  /** Optional: the check type (lets a renamed rule on the same span still match). */
  check?: string;
  /** Where the row came from: file name and 1-based line. */
  source: string;
}

/** The three benchmark sets; `prefix` is the corpus-relative path prefix used in label rows. */
export interface SetSpec {
  name: string;
  dir: string;
  prefix: string;
}

export function defaultSets(): SetSpec[] {
  return [
    { name: "lawtext", dir: resolve(ROOT, "../shared/corpora/lawtext"), prefix: "lawtext/" },
    { name: "gwr2026", dir: resolve(ROOT, "../shared/corpora/gwr2026"), prefix: "gwr2026/" },
    { name: "seeds", dir: join(ROOT, "corpus"), prefix: "seeds/" },
  ];
}

export function docHash(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}

/** Check types whose findings depend on the whole batch (cross-document-copy, boilerplate). */
export const CORPUS_CHECKS: ReadonlySet<string> = new Set([...checkRegistry.values()].filter((c) => c.corpus).map((c) => c.type));

// ---------------------------------------------------------------------------------------------
// Labels

export interface LabelSet {
  labels: Label[];
  /** Rows with problems (bad JSON, missing field, unknown label) and conflicting judgements. */
  problems: string[];
  files: string[];
}

export function loadLabels(dir = LABEL_DIR): LabelSet {
  const out: LabelSet = { labels: [], problems: [], files: [] };
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".jsonl")).sort()) {
    out.files.push(name);
    readFileSync(join(dir, name), "utf8")
      .split(/\r?\n/)
      .forEach((line, i) => {
        if (!line.trim() || line.trim().startsWith("//")) return;
        const source = `${name}:${i + 1}`;
        let row: Record<string, unknown>;
        try {
          row = JSON.parse(line) as Record<string, unknown>;
        } catch {
          out.problems.push(`${source}: not JSON`);
          return;
        }
        if (typeof row.doc !== "string" || !/^[0-9a-f]{16}$/.test(row.doc)) return void out.problems.push(`${source}: doc must be 16 hex digits`);
        if (typeof row.rule !== "string" || !row.rule) return void out.problems.push(`${source}: rule missing`);
        if (!Number.isInteger(row.start) || !Number.isInteger(row.end)) return void out.problems.push(`${source}: start/end must be integers`);
        const label = typeof row.label === "string" ? row.label.toUpperCase() : "";
        if (label && !JUDGEMENTS.has(label)) return void out.problems.push(`${source}: label must be TRUE, ARGUABLE, FALSE or "" (got ${JSON.stringify(row.label)})`);
        out.labels.push({
          doc: row.doc,
          path: String(row.path ?? ""),
          rule: row.rule,
          severity: String(row.severity ?? ""),
          start: row.start as number,
          end: row.end as number,
          text: String(row.text ?? ""),
          label: label as Judgement | "",
          reason: String(row.reason ?? ""),
          ...(typeof row.check === "string" ? { check: row.check } : {}),
          source,
        });
      });
  }
  // One judgement per finding: the same key judged twice differently is a conflict to resolve by hand.
  const seen = new Map<string, Label>();
  const kept: Label[] = [];
  for (const l of out.labels) {
    if (!l.label) continue;
    const k = labelKey(l);
    const prev = seen.get(k);
    if (!prev) {
      seen.set(k, l);
      kept.push(l);
    } else if (prev.label !== l.label) out.problems.push(`${l.source}: ${l.label} conflicts with ${prev.label} at ${prev.source} (${l.rule} «${l.text}»); the first is used`);
  }
  out.labels = kept;
  return out;
}

export const labelKey = (l: { doc: string; rule: string; start: number; end: number }) => `${l.doc} ${l.rule} ${l.start} ${l.end}`;

// ---------------------------------------------------------------------------------------------
// Running the pipeline

export interface RunDoc {
  set: string;
  /** Corpus-relative path (`lawtext/012.md`, `seeds/000_….txt`, `fixtures/lawtext/012.md`). */
  path: string;
  file: string;
  hash: string;
  chars: number;
  original: string;
  findings: Finding[];
}

export interface RunSetOptions {
  /** Worker threads (as the CLI: default all cores for batches of 200+ files, else in-process). */
  jobs?: number;
  /** Reference archive: default the bundled corpus/ (as the CLI), false for none. */
  corpus?: string | false;
  /** A saved `report-qc check --json` result of this set instead of running the pipeline. */
  resultsFile?: string;
  onProgress?(done: number, total: number): void;
}

/** Runs one set as one batch (or several sets together as one batch, e.g. the fixture folders). */
export async function runSet(specOrSets: SetSpec | SetSpec[], opts: RunSetOptions = {}): Promise<RunDoc[]> {
  const specs = Array.isArray(specOrSets) ? specOrSets : [specOrSets];
  const spec = specs[0]!;
  type Doc = { path: string; chars: number; findings: Finding[] };
  let docs: Doc[];
  const originals = new Map<string, string>();
  if (opts.resultsFile) {
    const model = JSON.parse(readFileSync(opts.resultsFile, "utf8")) as { documents: Doc[] };
    docs = model.documents;
  } else {
    const files = specs.reduce((n, sp) => n + readdirSync(sp.dir).filter((f) => statSync(join(sp.dir, f)).isFile()).length, 0);
    const { model, processed } = await runPipeline(specs.map((sp) => sp.dir), {
      lang: "zh",
      segmenter: "node-rs",
      jobs: opts.jobs ?? availableParallelism(),
      minFilesForPool: opts.jobs ? 2 : 200,
      ...(opts.corpus !== undefined ? { corpus: opts.corpus } : {}),
      ...(opts.onProgress ? { onProgress: (d) => opts.onProgress!(d, files) } : {}),
    });
    if (model.errors.length) throw new Error(`${spec.name}: ${model.errors.map((e) => `${e.path}: ${e.code} ${e.message}`).join("; ")}`);
    docs = model.documents;
    for (const p of processed) originals.set(p.result.path, p.segmented.normalized.raw.original);
  }
  return docs.map((d) => {
    const file = resolve(d.path);
    const bytes = readFileSync(file);
    const own = specs.find((sp) => !relative(sp.dir, file).startsWith("..")) ?? spec;
    const rel = relative(own.dir, file).split(sep).join("/");
    return {
      set: own.name,
      path: own.prefix + rel,
      file,
      hash: docHash(bytes),
      chars: d.chars,
      original: originals.get(d.path) ?? stripBom(bytes.toString("utf8")),
      findings: d.findings,
    };
  });
}

const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

// ---------------------------------------------------------------------------------------------
// Matching

export type MatchHow = "exact" | "moved" | "renamed";

export interface MatchedFinding {
  doc: RunDoc;
  finding: Finding;
  label: Label | null;
  how: MatchHow | null;
}

export interface MatchResult {
  findings: MatchedFinding[];
  /** Judged labels of the run's documents that no current finding matched. */
  vanished: Label[];
}

/**
 * Matches findings to labels: doc + rule + start + end ("exact"); else doc + rule + text at the nearest
 * start ("moved": a small span change); else doc + same span + same check type ("renamed" rule).
 * Each label matches at most one finding.
 * @param applies which labels can be matched at all (example: not the corpus-level checks on a fixture batch)
 */
export function matchLabels(docs: readonly RunDoc[], labels: readonly Label[], applies: (l: Label) => boolean = () => true): MatchResult {
  const hashes = new Set(docs.map((d) => d.hash));
  const pool = labels.filter((l) => l.label && hashes.has(l.doc) && applies(l));
  const used = new Set<Label>();
  const exact = new Map<string, Label>();
  for (const l of pool) exact.set(labelKey(l), l);
  const out: MatchedFinding[] = [];
  for (const doc of docs) for (const finding of doc.findings) {
    const l = exact.get(labelKey({ doc: doc.hash, rule: finding.ruleId, start: finding.start, end: finding.end }));
    if (l && !used.has(l)) {
      used.add(l);
      out.push({ doc, finding, label: l, how: "exact" });
    } else out.push({ doc, finding, label: null, how: null });
  }
  const byDoc = new Map<string, Label[]>();
  for (const l of pool) if (!used.has(l)) (byDoc.get(l.doc) ?? byDoc.set(l.doc, []).get(l.doc)!).push(l);
  const nearest = (cands: Label[], start: number) => cands.reduce<Label | null>((best, l) => (!best || Math.abs(l.start - start) < Math.abs(best.start - start) ? l : best), null);
  for (const m of out) {
    if (m.label) continue;
    const f = m.finding;
    const rest = (byDoc.get(m.doc.hash) ?? []).filter((l) => !used.has(l));
    let l = nearest(rest.filter((l) => l.rule === f.ruleId && l.text === f.text), f.start);
    let how: MatchHow = "moved";
    if (!l) {
      l = rest.find((l) => l.start === f.start && l.end === f.end && (l.check ?? checkOfRule(l.rule)) === f.check) ?? null;
      how = "renamed";
    }
    if (l) {
      used.add(l);
      m.label = l;
      m.how = how;
    }
  }
  // A finding the check stage merged into another rule's finding on the same words (term's 法制 inside
  // outdated-term's 法制宣传教育: mergeTerminology in pipeline/stages/check.ts) is still reported.
  const merged = (l: Label) =>
    out.some((m) => m.doc.hash === l.doc && m.finding.start < l.end && l.start < m.finding.end && ((m.finding.evidence.alsoReportedBy as string[] | undefined) ?? []).includes(l.rule));
  return { findings: out, vanished: pool.filter((l) => !used.has(l) && !merged(l)) };
}

/** `national.year-mismatch` → the check type, when the rule key names it (labels may also carry `check`). */
function checkOfRule(rule: string): string {
  const key = rule.slice(rule.indexOf(".") + 1);
  for (const t of checkRegistry.keys()) if (key === t || key.startsWith(t + "-")) return t;
  return key;
}

// ---------------------------------------------------------------------------------------------
// Figures

export interface Row {
  check: string;
  severity: Severity | "error+warning";
  findings: number;
  TRUE: number;
  ARGUABLE: number;
  FALSE: number;
  unjudged: number;
  /** TRUE / (TRUE + FALSE); null when nothing is judged. */
  precision: number | null;
}

const emptyRow = (check: string, severity: Row["severity"]): Row => ({ check, severity, findings: 0, TRUE: 0, ARGUABLE: 0, FALSE: 0, unjudged: 0, precision: null });

function add(row: Row, m: MatchedFinding): void {
  row.findings++;
  if (m.label) row[m.label.label as Judgement]++;
  else row.unjudged++;
}

const precisionOf = (r: Row) => (r.TRUE + r.FALSE ? r.TRUE / (r.TRUE + r.FALSE) : null);

export interface Figures {
  /** Per check type and severity, then one error+warning row per check type. */
  rows: Row[];
  byCheck: Row[];
  overall: Row;
  chars: number;
  falseErrors: number;
  falseErrorsPer10k: number;
  unjudgedErrorsPer10k: number;
}

export function figures(docs: readonly RunDoc[], matched: readonly MatchedFinding[]): Figures {
  const rows = new Map<string, Row>();
  const byCheck = new Map<string, Row>();
  const overall = emptyRow("(all)", "error+warning");
  for (const m of matched) {
    const f = m.finding;
    const k = `${f.check}\u0000${f.severity}`;
    add(rows.get(k) ?? rows.set(k, emptyRow(f.check, f.severity)).get(k)!, m);
    if (f.severity === "info") continue;
    add(byCheck.get(f.check) ?? byCheck.set(f.check, emptyRow(f.check, "error+warning")).get(f.check)!, m);
    add(overall, m);
  }
  const sevOrder = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  const all = [...rows.values()].sort((a, b) => a.check.localeCompare(b.check) || sevOrder[a.severity]! - sevOrder[b.severity]!);
  for (const r of [...all, ...byCheck.values(), overall]) r.precision = precisionOf(r);
  const chars = docs.reduce((s, d) => s + d.chars, 0);
  const errors = matched.filter((m) => m.finding.severity === "error");
  const falseErrors = errors.filter((m) => m.label?.label === "FALSE").length;
  return {
    rows: all,
    byCheck: [...byCheck.values()].sort((a, b) => a.check.localeCompare(b.check)),
    overall,
    chars,
    falseErrors,
    falseErrorsPer10k: chars ? (falseErrors / chars) * 1e4 : 0,
    unjudgedErrorsPer10k: chars ? (errors.filter((m) => !m.label).length / chars) * 1e4 : 0,
  };
}

/** 40 characters either side, the finding in 【】, line breaks shown as ⏎. */
export function contextOf(original: string, start: number, end: number, width = 40): string {
  const s = `${original.slice(Math.max(0, start - width), start)}【${original.slice(start, end)}】${original.slice(end, end + width)}`;
  return s.replace(/\r?\n/g, "⏎");
}

/** A label row (skeleton when `label` is "") for a finding. */
export function labelRow(doc: RunDoc, f: Finding, label: Judgement | "" = "", reason = ""): Record<string, unknown> {
  return {
    doc: doc.hash,
    path: doc.path,
    rule: f.ruleId,
    check: f.check,
    severity: f.severity,
    start: f.start,
    end: f.end,
    text: f.text,
    label,
    reason,
    context: contextOf(doc.original, f.start, f.end),
    message: f.message,
  };
}

/**
 * A deterministic sample of info findings for judging: each finding ranked by a hash of its doc hash,
 * rule and span (so the choice does not depend on which other documents ran), taken round-robin over
 * the rules so every info rule is represented.
 */
export function sampleInfo(matched: readonly MatchedFinding[], n: number): MatchedFinding[] {
  const byRule = new Map<string, { m: MatchedFinding; rank: string }[]>();
  for (const m of matched) {
    if (m.finding.severity !== "info") continue;
    const rank = docHash(`${m.doc.hash}:${m.finding.ruleId}:${m.finding.start}:${m.finding.end}`);
    (byRule.get(m.finding.ruleId) ?? byRule.set(m.finding.ruleId, []).get(m.finding.ruleId)!).push({ m, rank });
  }
  const lists = [...byRule.keys()].sort().map((k) => byRule.get(k)!.sort((a, b) => a.rank.localeCompare(b.rank)));
  const out: MatchedFinding[] = [];
  for (let i = 0; out.length < n && lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length && out.length < n) out.push(l[i]!.m);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The fixed in-repo subset (test/fixtures/labelled/ + corpus/), for the fast test.

export interface FixtureBaseline {
  /**
   * FALSE-judged findings that raised no error/warning on the subset when the baseline was written
   * (keys `doc rule start end`; gone or demoted to info): the test fails when one of them is raised
   * again at error or warning severity. Grows as fixes land (`--update-baseline`); adding a FALSE label
   * for a finding that still fires never breaks the test.
   */
  silentFalse: string[];
  /** TRUE-judged findings that no longer fire (known regressions, should be empty). Only shrinks. */
  trueMissing: string[];
}

export const BASELINE_FILE = join(FIXTURE_DIR, "baseline.json");

/** Fixture sets: one per subfolder of test/fixtures/labelled/ (each with its own index.tsv rows), run without the reference archive. */
export function fixtureSets(): SetSpec[] {
  if (!existsSync(FIXTURE_DIR)) return [];
  return readdirSync(FIXTURE_DIR)
    .filter((n) => statSync(join(FIXTURE_DIR, n)).isDirectory())
    .sort()
    .map((n) => ({ name: `fixtures/${n}`, dir: join(FIXTURE_DIR, n), prefix: `fixtures/${n}/` }));
}

export interface SubsetResult {
  docs: RunDoc[];
  match: MatchResult;
  /** FALSE-judged findings raised again at error/warning although the baseline recorded them silent. */
  falseBack: MatchedFinding[];
  /** TRUE labels with no finding that are not in the baseline. */
  trueGone: Label[];
  /** FALSE-judged findings quiet now (no error/warning) but not yet protected by the baseline (it can grow). */
  unprotected: Label[];
  /** trueMissing entries that fire again (the baseline can shrink). */
  stale: string[];
  baseline: FixtureBaseline;
}

/**
 * Runs the seeds batch (corpus/, as in the benchmark: every check type) and the fixture copies (all
 * folders as one batch without a reference archive: per-document check types only, since corpus-level
 * findings depend on which documents are in the batch) and compares with the labels.
 */
export async function runSubset(labels: readonly Label[]): Promise<SubsetResult> {
  const seeds = await runSet(defaultSets()[2]!, { jobs: 1 });
  const fixtures = await runSet(fixtureSets(), { jobs: 1, corpus: false });
  const fixtureHashes = new Set(fixtures.map((d) => d.hash));
  // Corpus-level findings of fixture documents are not comparable with the full batch: drop them on both sides.
  for (const d of fixtures) d.findings = d.findings.filter((f) => !CORPUS_CHECKS.has(f.check));
  const docs = [...seeds, ...fixtures];
  const applies = (l: Label) => !(fixtureHashes.has(l.doc) && CORPUS_CHECKS.has(l.check ?? checkOfRule(l.rule)));
  const match = matchLabels(docs, labels, applies);
  const baseline: FixtureBaseline = existsSync(BASELINE_FILE) ? (JSON.parse(readFileSync(BASELINE_FILE, "utf8")) as FixtureBaseline) : { silentFalse: [], trueMissing: [] };
  const silent = new Set(baseline.silentFalse);
  const knownMissing = new Set(baseline.trueMissing);
  // "Back" means raised again at error or warning severity: a false alarm demoted to info is not one.
  const falseBack = match.findings.filter((m) => m.label?.label === "FALSE" && m.finding.severity !== "info" && silent.has(labelKey(m.label)));
  const trueGone = match.vanished.filter((l) => l.label === "TRUE" && !knownMissing.has(labelKey(l)));
  const unprotected = quietFalse(match).filter((l) => !silent.has(labelKey(l)));
  const missingNow = new Set(match.vanished.filter((l) => l.label === "TRUE").map(labelKey));
  const stale = baseline.trueMissing.filter((k) => !missingNow.has(k));
  return { docs, match, falseBack, trueGone, unprotected, stale, baseline };
}

/** The baseline the subset has now (for `npm run bench:labelled -- --update-baseline`). */
export function currentBaseline(r: SubsetResult, acceptMissing = false): FixtureBaseline {
  // Keep what was protected before (a label removed since is simply never matched), add what is quiet now,
  // drop what fires again at error/warning (listed by --update-baseline so nobody loses one silently).
  const silent = new Set([...r.baseline.silentFalse, ...quietFalse(r.match).map(labelKey)]);
  for (const m of r.match.findings) if (m.label?.label === "FALSE" && m.finding.severity !== "info") silent.delete(labelKey(m.label));
  return {
    silentFalse: [...silent].sort(),
    // A TRUE finding that disappeared is a regression to fix, not to record: it enters the baseline only when asked.
    trueMissing: [...new Set(r.match.vanished.filter((l) => l.label === "TRUE").map(labelKey))].filter((k) => acceptMissing || r.baseline.trueMissing.includes(k)).sort(),
  };
}

/** FALSE-judged labels with no error/warning finding now (gone, or only info). */
function quietFalse(match: MatchResult): Label[] {
  const loud = new Set(match.findings.filter((m) => m.label?.label === "FALSE" && m.finding.severity !== "info").map((m) => m.label!));
  const all = [...match.findings.flatMap((m) => (m.label ? [m.label] : [])), ...match.vanished];
  return all.filter((l) => l.label === "FALSE" && !loud.has(l));
}
