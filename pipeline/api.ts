/**
 * @fileoverview The programmatic API (`import { check } from "report-qc"`): the same review as
 * `report-qc check … --json`, as a JavaScript object of the same shape (schema/report.schema.json).
 *
 * ```js
 * import { check } from "report-qc";
 * const result = await check("2023年法治政府建设工作报告……", { filename: "draft.txt", corpus: false });
 * const fromFile = await check({ path: "drafts/草稿.docx" });
 * for (const f of result.documents[0].findings) console.log(f.line, f.severity, f.message);
 * ```
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { DocumentResult, Finding, InputError, Lang, ReportModel, Severity } from "./model/finding.js";
import type { SegmenterName } from "./segmenter/index.js";
import { overridesFrom } from "./stages/profile.js";

export type { DocumentResult, Finding, InputError, Lang, Severity };

/** What `check` returns: exactly the `--json` object (schemaVersion 1). */
export type CheckResult = Omit<ReportModel, "corpus">;

/** Input of `check`: the text of a document, a file, or several files/folders/globs. */
export type CheckInput = string | Uint8Array | { path: string } | { paths: string[] };

export interface CheckOptions {
  /**
   * For a text or bytes input: the name it is checked under (its extension picks the reader: .txt, .md,
   * .docx, .html…; and the result's `path`). Default `input.txt`.
   */
  filename?: string;
  /** Rule set: built-in name (national, guangdong, …) or a YAML file; default: chosen per document by province. */
  rules?: string;
  /** Folders rule files may reference besides their own folder and the built-in rules (absolute or relative to the cwd). */
  allowRulePaths?: string[];
  /** Message language (default zh). */
  lang?: Lang;
  segmenter?: SegmenterName;
  /** Reference archive for copying/boilerplate: a folder, or false for none (default: the bundled corpus/). */
  corpus?: string | false;
  /** Archive index built by `report-qc audit`. */
  index?: string;
  /** Refuse files larger than this many bytes (default 32 MB). */
  maxBytes?: number;
  /**
   * Project configuration: a `.report-qc.yaml` file, false for none; default: the nearest one above each
   * input (for text: above `filename`, relative to the cwd), as the CLI.
   */
  config?: string | false;
  /** Baseline file (`report-qc baseline write`): its findings are left out. */
  baseline?: string;
  /** Profile fields for every input, as the CLI's --genre, --doc-date, --report-year, --unit. */
  profile?: { genre?: string; docDate?: string; reportYear?: string | number; unit?: string };
}

/**
 * Checks a document (or files) and resolves to the `--json` result object.
 * Rule-file problems reject with an error whose `problems` list holds each `file:line:column` problem.
 */
export async function check(input: CheckInput, options: CheckOptions = {}): Promise<CheckResult> {
  const { runConfigured } = await import("./config/run-configured.js");
  const { formatJson } = await import("./report/json.js");
  let tempDir: string | undefined;
  let inputs: string[];
  let rename: { from: string; to: string } | undefined;
  if (typeof input === "string" || input instanceof Uint8Array) {
    tempDir = await mkdtemp(join(tmpdir(), "report-qc-api-"));
    const name = options.filename ?? "input.txt";
    const file = join(tempDir, basename(name));
    await writeFile(file, input);
    inputs = [file];
    rename = { from: file, to: name };
  } else if ("paths" in input) inputs = input.paths;
  else inputs = [input.path];
  try {
    const p = options.profile;
    const profile = p ? overridesFrom({ genre: p.genre, doc_date: p.docDate, report_year: p.reportYear === undefined ? undefined : String(p.reportYear), unit: p.unit }) : {};
    const { resolve } = await import("node:path");
    const { model } = await runConfigured(inputs, {
      lang: options.lang ?? "zh",
      segmenter: options.segmenter ?? "node-rs",
      maxBytes: options.maxBytes ?? 32 * 1024 * 1024,
      ...(options.rules ? { rules: options.rules } : {}),
      ...(options.allowRulePaths?.length ? { allowRulePaths: options.allowRulePaths.map((d) => resolve(d)) } : {}),
      ...(options.corpus !== undefined ? { corpus: options.corpus } : {}),
      ...(options.index ? { index: options.index } : {}),
      ...(Object.keys(profile).length ? { profile } : {}),
    }, options.config === undefined ? {} : { config: options.config }, {
      ...(rename ? { rename, discoverFrom: new Map([[rename.from, rename.to]]) } : {}),
      ...(options.baseline ? { baseline: { file: options.baseline, required: true } } : {}),
    });
    return JSON.parse(formatJson(model)) as CheckResult;
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}
