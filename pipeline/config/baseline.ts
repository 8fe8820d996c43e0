/**
 * @fileoverview Baselines: findings accepted once are recorded by fingerprint (config/fingerprint.ts:
 * rule id, the finding's text and a little whitespace-free context, no offsets) and count, per document
 * path relative to the baseline file; `check --baseline FILE` then shows only findings beyond the
 * recorded ones. An edit elsewhere in the document moves offsets but not fingerprints; a finding that
 * occurs once more than recorded is new.
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import type { ReportModel } from "../model/finding.js";
import { findingFingerprint } from "./fingerprint.js";

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  text: string;
  count: number;
}

export interface BaselineFile {
  baselineVersion: 1;
  tool: { name: string; version: string };
  documents: Record<string, BaselineEntry[]>;
}

/** Document texts by the model's document path. */
export type Texts = ReadonlyMap<string, string>;

/** The key of a document: its path relative to the baseline file's folder, with `/`. */
function docKey(baselineFile: string, path: string): string {
  if (path.startsWith("<")) return path;
  const rel = relative(dirname(resolve(baselineFile)), resolve(path));
  return (isAbsolute(rel) ? resolve(path) : rel).split(sep).join("/");
}

export function buildBaseline(model: ReportModel, texts: Texts, baselineFile: string): BaselineFile {
  const documents: Record<string, BaselineEntry[]> = {};
  for (const d of model.documents) {
    const byFp = new Map<string, BaselineEntry>();
    for (const f of d.findings) {
      const fp = findingFingerprint(f, texts.get(d.path));
      const e = byFp.get(fp);
      if (e) e.count++;
      else byFp.set(fp, { fingerprint: fp, ruleId: f.ruleId, text: f.text, count: 1 });
    }
    if (byFp.size) documents[docKey(baselineFile, d.path)] = [...byFp.values()];
  }
  return { baselineVersion: 1, tool: model.tool, documents };
}

export async function writeBaseline(file: string, model: ReportModel, texts: Texts): Promise<{ findings: number; documents: number }> {
  const b = buildBaseline(model, texts, file);
  await mkdir(dirname(resolve(file)), { recursive: true });
  await writeFile(file, JSON.stringify(b, null, 2) + "\n");
  const entries = Object.values(b.documents);
  return { findings: entries.flat().reduce((n, e) => n + e.count, 0), documents: entries.length };
}

export class BaselineError extends Error {}

export async function readBaseline(file: string): Promise<BaselineFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new BaselineError(`无法读取基线文件 / cannot read the baseline file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let b: BaselineFile;
  try {
    b = JSON.parse(text) as BaselineFile;
  } catch (e) {
    throw new BaselineError(`基线文件不是 JSON / the baseline file is not JSON: ${file}: ${(e as Error).message}`);
  }
  if (b?.baselineVersion !== 1 || typeof b.documents !== "object" || b.documents === null) throw new BaselineError(`不是 report-qc 基线文件 / not a report-qc baseline (baselineVersion 1): ${file}`);
  return b;
}

/** Removes baselined findings from the model (in place); returns how many were removed. */
export function applyBaseline(model: ReportModel, texts: Texts, baseline: BaselineFile, baselineFile: string): number {
  let removed = 0;
  for (const d of model.documents) {
    const entries = baseline.documents[docKey(baselineFile, d.path)];
    if (!entries?.length) continue;
    const left = new Map(entries.map((e) => [e.fingerprint, e.count]));
    d.findings = d.findings.filter((f) => {
      const fp = findingFingerprint(f, texts.get(d.path));
      const n = left.get(fp) ?? 0;
      if (n <= 0) return true;
      left.set(fp, n - 1);
      removed++;
      return false;
    });
  }
  return removed;
}
