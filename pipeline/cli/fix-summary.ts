/**
 * @fileoverview What `report-qc fix` prints: each applied correction (line:column, old → new, rule),
 * each skipped one with the reason, and the files written.
 */
import type { Lang } from "../model/finding.js";
import type { FixResult } from "../fix/run.js";

const WORDS = {
  zh: { applied: "已改正", skipped: "未改正", overlap: "与已改正的另一处重叠", notPlaceable: "该文字不在 Word 正文中（如自动编号、脚注）或在他人的修订中，无法修订", wrote: "已写入", diff: "差异", none: "没有可自动改正的问题。", insert: "插入", remove: "删除" },
  en: { applied: "applied", skipped: "skipped", overlap: "overlaps another applied fix", notPlaceable: "the text is not in the Word body (an automatic number, a footnote) or is inside someone else's revision", wrote: "written", diff: "diff", none: "no mechanical fixes to apply.", insert: "insert ", remove: "delete " },
} as const;

export function formatFixSummary(r: FixResult, lang: Lang): string {
  const w = WORDS[lang];
  const out: string[] = [];
  const lineCol = (at: number) => {
    const before = r.original.slice(0, at);
    const line = before.split("\n").length;
    return `${line}:${at - before.lastIndexOf("\n")}`;
  };
  for (const f of r.applied) {
    const finding = f.findings[0]!;
    const edits = f.edits.map((e) => {
      const old = r.original.slice(e.start, e.end);
      return !old ? `${w.insert}「${e.replacement}」` : !e.replacement ? `${w.remove}「${old}」` : `「${old}」→「${e.replacement}」`;
    });
    out.push(`  ${lineCol(f.start).padEnd(8)} ${w.applied}  ${finding.text.length > 30 ? finding.text.slice(0, 29) + "…" : finding.text}: ${edits.join(lang === "en" ? ", " : "，")}  ${f.findings.map((x) => x.ruleId).join(", ")}`);
  }
  for (const s of r.skipped) {
    out.push(`  ${lineCol(s.finding.start).padEnd(8)} ${w.skipped}  「${s.finding.text}」  ${s.finding.ruleId}  (${s.reason === "overlap" ? w.overlap : w.notPlaceable})`);
  }
  if (!r.applied.length) out.push(w.none);
  if (r.output) out.push(`${w.wrote}: ${r.output}${r.diff ? `  (${w.diff}: ${r.diff})` : ""}`);
  return `${r.input}\n${out.join("\n")}\n`;
}
