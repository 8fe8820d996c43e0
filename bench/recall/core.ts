/**
 * @fileoverview The recall benchmark's machinery (bench/recall.md): load real documents with the
 * pipeline's own reading of them (segments, profile, findings), write planted copies to a temporary
 * directory with their index.tsv rows, run the pipeline on them in-process, and decide per planted
 * defect whether a finding of the expected check type covers it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import { runPipeline } from "../../pipeline/run.js";
import { OffsetMap } from "../../pipeline/model/offset-map.js";
import type { CheckType, Finding } from "../../pipeline/model/finding.js";
import type { DocumentProfile, SegmentedDocument } from "../../pipeline/model/document.js";
import { defaultSets, fixtureSets, type SetSpec } from "../labelled-core.js";

export interface IndexTable {
  header: string;
  fileColumn: number;
  rows: Map<string, string[]>;
}

/** A real document as the pipeline read it. */
export interface SourceDoc {
  set: string;
  name: string;
  ext: string;
  original: string;
  seg: SegmentedDocument;
  profile: DocumentProfile | null;
  /** Findings on the unplanted document (a planted site must be clean of the expected type). */
  findings: Finding[];
  index: IndexTable | null;
}

/** One planted copy. `span` is in the planted text's original offsets. */
export interface Planted {
  id: string;
  cls: string;
  variant: string;
  source: SourceDoc;
  text: string;
  span: [number, number];
  expect: CheckType[];
  /** What was planted, for the list of misses. */
  note: string;
  /** Cross-document copies: the other document of the batch of two (unchanged). */
  partner?: SourceDoc;
  /** Text replaced in the copy's index.tsv row too (a changed title, as the archive would record it). */
  rowEdit?: [string, string];
}

export interface Outcome {
  planted: Planted;
  /** Best severity among expected-type findings overlapping the span, or null. */
  found: "error" | "warning" | "info" | null;
  hits: Finding[];
  /** Expected-type findings elsewhere in the planted copy that the unplanted document does not have. */
  elsewhere: Finding[];
}

/**
 * The sets to draw documents from: ../shared/corpora/lawtext and gwr2026 when present, else their
 * in-repo copies in test/fixtures/labelled/; always the seeds in corpus/.
 */
export function recallSets(inRepoOnly = false): SetSpec[] {
  const fixtures = new Map(fixtureSets().map((s) => [s.name.replace(/^fixtures\//, ""), s]));
  const out: SetSpec[] = [];
  for (const s of defaultSets()) {
    if (s.name === "seeds") out.push(s);
    else if (!inRepoOnly && existsSync(s.dir)) out.push(s);
    else if (fixtures.has(s.name)) out.push(fixtures.get(s.name)!);
  }
  return out;
}

function readIndex(dir: string): IndexTable | null {
  const file = join(dir, "index.tsv");
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l.trim() && !l.startsWith("#"));
  const header = lines[0];
  if (!header) return null;
  const cols = header.split("\t").map((c) => c.trim().toLowerCase());
  const fileColumn = cols.findIndex((c) => c === "file" || c === "filename" || c === "path");
  if (fileColumn < 0) return null;
  const rows = new Map<string, string[]>();
  for (const l of lines.slice(1)) {
    const cells = l.split("\t");
    if (cells[fileColumn]) rows.set(cells[fileColumn]!.trim(), cells);
  }
  return { header, fileColumn, rows };
}

const runOptions = (jobs: number, files: number) =>
  ({ lang: "zh", segmenter: "node-rs", jobs, minFilesForPool: jobs > 1 && files >= 8 ? 2 : 1e9, corpus: false }) as const;

/** Runs each set once, without a reference archive, and keeps what the planting needs. */
export async function loadSources(sets: SetSpec[], jobs = availableParallelism()): Promise<SourceDoc[]> {
  const out: SourceDoc[] = [];
  for (const set of sets) {
    if (!existsSync(set.dir)) continue;
    const index = readIndex(set.dir);
    const { model, processed } = await runPipeline([set.dir], runOptions(jobs, 100));
    for (const e of model.errors) process.stderr.write(`recall: ${set.name}: ${e.path}: ${e.code} ${e.message} (left out)\n`);
    for (const p of processed) {
      const seg = p.segmented;
      seg.normalized.map = OffsetMap.fromJSON(seg.normalized.map);
      const name = basename(p.result.path);
      out.push({
        set: set.name.replace(/^fixtures\//, ""),
        name,
        ext: extname(name) || ".txt",
        original: seg.normalized.raw.original,
        seg,
        profile: p.result.profile ?? null,
        findings: p.result.findings,
        index,
      });
    }
  }
  return out;
}

/** Writes planted copies (one batch, sub-directories per index header) and pairs (one batch each); runs them; matches. */
export async function runPlanted(cases: Planted[], jobs = availableParallelism()): Promise<Outcome[]> {
  const root = mkdtempSync(join(tmpdir(), "report-qc-recall-"));
  try {
    const byPath = new Map<string, Planted>();
    const singles = cases.filter((c) => !c.partner);
    const dirs = new Map<string, { dir: string; index: IndexTable | null; rows: string[] }>();
    for (const c of singles) {
      const key = c.source.set;
      let d = dirs.get(key);
      if (!d) {
        d = { dir: join(root, key.replace(/[^\w-]/g, "_")), index: c.source.index, rows: [] };
        mkdirSync(d.dir, { recursive: true });
        dirs.set(key, d);
      }
      const file = join(d.dir, c.id + c.source.ext);
      writeFileSync(file, c.text);
      byPath.set(resolve(file), c);
      const row = indexRow(c.source, c.id + c.source.ext, c.rowEdit);
      if (row) d.rows.push(row);
    }
    for (const d of dirs.values()) if (d.index) writeFileSync(join(d.dir, "index.tsv"), [d.index.header, ...d.rows].join("\n") + "\n");
    const results = new Map<string, Finding[]>();
    if (dirs.size) {
      const { model } = await runPipeline([...dirs.values()].map((d) => d.dir), runOptions(jobs, singles.length));
      for (const e of model.errors) throw new Error(`recall: ${e.path}: ${e.code} ${e.message}`);
      for (const doc of model.documents) results.set(resolve(doc.path), doc.findings);
    }
    // A copy between two reports is a batch of two: each pair runs on its own.
    for (const c of cases.filter((x) => x.partner)) {
      const dir = join(root, c.id);
      mkdirSync(dir);
      const a = join(dir, "a-" + c.id + c.source.ext);
      const b = join(dir, "b-" + c.partner!.name);
      writeFileSync(a, c.text);
      writeFileSync(b, c.partner!.original);
      byPath.set(resolve(a), c);
      const rows = [indexRow(c.source, basename(a)), indexRow(c.partner!, basename(b))];
      const header = c.source.index?.header ?? c.partner!.index?.header;
      if (header && c.source.index?.header === c.partner!.index?.header) writeFileSync(join(dir, "index.tsv"), [header, ...rows.filter(Boolean)].join("\n") + "\n");
      const { model } = await runPipeline([dir], runOptions(1, 2));
      for (const doc of model.documents) results.set(resolve(doc.path), doc.findings);
    }
    const out: Outcome[] = [];
    for (const [path, c] of byPath) out.push(judge(c, results.get(path) ?? []));
    const order = new Map(cases.map((c, i) => [c.id, i]));
    return out.sort((x, y) => order.get(x.planted.id)! - order.get(y.planted.id)!);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function indexRow(doc: SourceDoc, file: string, edit?: [string, string]): string | null {
  const cells = doc.index?.rows.get(doc.name);
  if (!cells) return null;
  const copy = edit ? cells.map((c) => (c.trim() === edit[0] ? edit[1] : c)) : [...cells];
  copy[doc.index!.fileColumn] = file;
  return copy.join("\t");
}

const RANK = { error: 3, warning: 2, info: 1 } as const;

export function judge(c: Planted, findings: Finding[]): Outcome {
  const typed = findings.filter((f) => c.expect.includes(f.check));
  const hits = typed.filter((f) => f.start < c.span[1] && c.span[0] < f.end);
  let found: Outcome["found"] = null;
  for (const f of hits) if (!found || RANK[f.severity] > RANK[found]) found = f.severity;
  const before = new Set(c.source.findings.filter((f) => c.expect.includes(f.check)).map((f) => `${f.ruleId} ${f.text}`));
  const elsewhere = typed.filter((f) => !hits.includes(f) && !before.has(`${f.ruleId} ${f.text}`));
  return { planted: c, found, hits, elsewhere };
}

/** `…before«span»after…` with `width` characters each side, on one line. */
export function context(text: string, start: number, end: number, width = 30): string {
  const one = (s: string) => s.replace(/\s+/g, " ");
  return `${one(text.slice(Math.max(0, start - width), start))}«${one(text.slice(start, end))}»${one(text.slice(end, end + width))}`;
}
