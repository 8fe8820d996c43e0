/**
 * @fileoverview Terminal output of `check` (ESLint "stylish"-like): findings per file, then totals.
 */
import type { Lang, ReportModel } from "../model/finding.js";

const SEV = { zh: { error: "错误", warning: "警告", info: "提示" }, en: { error: "error", warning: "warning", info: "info" } } as const;

export function formatStylish(model: ReportModel, lang: Lang, opts: { quiet: boolean; outDir?: string | undefined }): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of model.documents) {
    for (const f of d.findings) {
      if (f.severity === "error") errors++;
      else if (f.severity === "warning") warnings++;
      else infos++;
    }
    if (opts.quiet || d.findings.length === 0) continue;
    out.push(`${d.path}  [${d.ruleset}]`);
    for (const f of d.findings) {
      out.push(`  ${`${f.line}:${f.column}`.padEnd(8)} ${SEV[lang][f.severity].padEnd(lang === "zh" ? 3 : 8)} ${f.message}  「${short(f.text)}」  ${f.ruleId}`);
    }
    out.push("");
  }
  for (const e of model.errors) out.push(`${e.path}: ${e.code} ${e.message}`);
  const n = model.documents.length;
  // An errors entry of a document that was checked (a W_ note, a failing rule) is not a failed file.
  const checked = new Set(model.documents.map((d) => d.path));
  const failed = new Set(model.errors.filter((e) => !checked.has(e.path)).map((e) => e.path)).size;
  const notes = model.errors.length - model.errors.filter((e) => !checked.has(e.path)).length;
  out.push(
    lang === "en"
      ? `${n} document(s): ${errors} error(s), ${warnings} warning(s), ${infos} info; ${failed} file(s) failed${notes ? `, ${notes} note(s) on checked files` : ""}${opts.outDir ? `; reports in ${opts.outDir}/` : ""}`
      : `共 ${n} 份文档：错误 ${errors}，警告 ${warnings}，提示 ${infos}；${failed} 个文件无法处理${notes ? `，已检查文件另有 ${notes} 条说明` : ""}${opts.outDir ? `；报告已写入 ${opts.outDir}/` : ""}`,
  );
  return out.join("\n") + "\n";
}

function short(s: string): string {
  const one = s.replace(/\s+/g, " ");
  return one.length > 40 ? one.slice(0, 38) + "…" : one;
}
