/**
 * @fileoverview `report-qc fix FILE`: checks one file and writes a corrected copy with the findings'
 * mechanical fixes. A .docx gets them as tracked changes (pipeline/docx/revisions.ts) for the officer
 * to accept or reject in Word; a text or Markdown file is rewritten in its own encoding, with a
 * unified diff next to it; a PDF or web page gives corrected plain text. The input is overwritten
 * only with `inPlace`.
 */
import { readFile, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import iconv from "iconv-lite";
import { createTwoFilesPatch } from "diff";
import type { Lang } from "../model/finding.js";
import type { SegmenterName } from "../segmenter/index.js";
import { runPipeline } from "../run.js";
import { sourcesFromProcessed } from "../report/index.js";
import { applyFixes, planFixes, type PlannedFix, type SkippedFix } from "./plan.js";

export interface FixOptions {
  /** Rule set name or path (as for check). */
  rules?: string;
  /** Folders rule files may reference besides their own and rules/ (--allow-rule-paths). */
  allowRulePaths?: string[];
  /** Only fixes of these rules (rule id, rule key or check type); all when empty. */
  only?: string[];
  out?: string;
  inPlace?: boolean;
  lang: Lang;
  segmenter: SegmenterName;
  /** Timestamp of the tracked changes (default: now). */
  date?: Date;
}

export interface FixResult {
  input: string;
  format: string;
  /** The corrected file (null when there was nothing to apply). */
  output: string | null;
  /** The unified diff (text inputs). */
  diff: string | null;
  applied: PlannedFix[];
  skipped: SkippedFix[];
  /** The original text the offsets refer to. */
  original: string;
}

/** A usage problem (exit code 2): nothing was written. */
export class FixUsageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

const TEXT_FORMATS = new Set(["txt", "markdown"]);

export async function fixFile(file: string, opts: FixOptions): Promise<FixResult> {
  const { model, processed } = await runPipeline([file], {
    lang: opts.lang,
    segmenter: opts.segmenter,
    concurrency: 1,
    jobs: 1,
    corpus: false,
    ...(opts.rules ? { rules: opts.rules } : {}),
    ...(opts.allowRulePaths ? { allowRulePaths: opts.allowRulePaths } : {}),
  });
  const err = model.errors[0];
  if (err || !model.documents[0]) throw new FixUsageError(`无法读取 ${file}：${err?.message ?? ""}`, `cannot read ${file}: ${err?.message ?? ""}`);
  const doc = model.documents[0];
  const source = sourcesFromProcessed(processed).get(doc.path)!;
  const format = source.format ?? "txt";
  const plan = planFixes(doc.findings, opts.only ?? []);
  const output = outputPath(file, format, opts);
  const result: FixResult = { input: file, format, output: null, diff: null, applied: plan.applied, skipped: plan.skipped, original: source.original };
  if (plan.applied.length === 0) return result;

  if (format === "docx") {
    const { reviseDocx } = await import("../docx/revisions.js");
    const revised = await reviseDocx(await readFile(file), source.original, plan.applied, opts.date ? { date: opts.date } : {});
    result.applied = revised.placed;
    for (const f of revised.unplaced) for (const finding of f.findings) result.skipped.push({ finding, reason: "not-placeable" });
    if (!revised.placed.length) return result;
    await writeFile(output, revised.docx);
    result.output = output;
    return result;
  }
  const corrected = applyFixes(source.original, plan.applied.flatMap((p) => p.edits));
  const encoding = TEXT_FORMATS.has(format) ? (source.encoding ?? "utf-8") : "utf-8";
  await writeFile(output, encode(corrected, encoding));
  result.output = output;
  const diffPath = `${output}.diff`;
  await writeFile(diffPath, createTwoFilesPatch(basename(file), basename(output), source.original, corrected, "", "", { context: 1 }));
  result.diff = diffPath;
  return result;
}

/** `draft.docx` → `draft.fixed.docx` beside it (PDF and web pages: `.fixed.txt`); never the input itself. */
function outputPath(file: string, format: string, opts: FixOptions): string {
  const canRewrite = format === "docx" || TEXT_FORMATS.has(format);
  if (opts.inPlace) {
    if (!canRewrite) throw new FixUsageError(`无法就地修改 ${format} 文件：请用 --out 指定输出的文本文件`, `cannot fix a ${format} file in place: give --out for the corrected text`);
    if (opts.out) throw new FixUsageError("--in-place 与 --out 不能同时使用", "--in-place and --out cannot be used together");
    return file;
  }
  const ext = extname(file);
  const out = opts.out ?? join(dirname(file), `${basename(file, ext)}.fixed${canRewrite ? ext || ".txt" : ".txt"}`);
  if (resolve(out) === resolve(file)) throw new FixUsageError("输出路径就是输入文件：如要覆盖原文件，请使用 --in-place", "the output is the input file: use --in-place to overwrite it");
  return out;
}

function encode(text: string, encoding: string): Buffer {
  switch (encoding) {
    case "utf-8":
      return Buffer.from(text, "utf8");
    case "utf-8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf-16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]);
    case "utf-16be":
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf-16be")]);
    default:
      return iconv.encode(text, encoding);
  }
}
