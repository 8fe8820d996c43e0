/**
 * @fileoverview Markdown summary of a batch (reports-out/summary.md): one table of documents, then
 * each document's findings in position order.
 */
import type { Lang, ReportModel } from "../model/finding.js";

const L = {
  zh: {
    title: "report-qc 审查摘要",
    docs: "文档",
    cols: "| 文件 | 单位 | 年度 | 规则集 | 错误 | 警告 | 提示 |",
    findings: "问题",
    none: "未发现问题。",
    errors: "无法处理的文件",
    sev: { error: "错误", warning: "警告", info: "提示" },
  },
  en: {
    title: "report-qc review summary",
    docs: "Documents",
    cols: "| File | Unit | Year | Rule set | Errors | Warnings | Info |",
    findings: "Findings",
    none: "No findings.",
    errors: "Files that could not be processed",
    sev: { error: "error", warning: "warning", info: "info" },
  },
} as const;

export function formatMarkdown(model: ReportModel, lang: Lang): string {
  const t = L[lang];
  const out: string[] = [`# ${t.title}`, "", `${model.tool.name} ${model.tool.version}`, "", `## ${t.docs}`, "", t.cols, "|---|---|---|---|---:|---:|---:|"];
  for (const d of model.documents) {
    const count = (s: string) => d.findings.filter((f) => f.severity === s).length;
    out.push(`| ${cell(d.path)} | ${cell(d.unit ?? "")} | ${d.reportYear ?? ""} | ${d.ruleset} | ${count("error")} | ${count("warning")} | ${count("info")} |`);
  }
  for (const d of model.documents) {
    out.push("", `## ${cell(d.title ?? d.path)}`, "", `\`${d.path}\``, "");
    if (d.findings.length === 0) out.push(t.none);
    for (const f of d.findings) {
      out.push(`- **${t.sev[f.severity]}** \`${f.line}:${f.column}\` [${f.check}] ${cell(f.message)} — 「${cell(excerpt(f.text))}」 \`${f.ruleId}\``);
    }
  }
  if (model.errors.length) {
    out.push("", `## ${t.errors}`, "");
    for (const e of model.errors) out.push(`- \`${e.path}\` ${e.code}: ${cell(e.message)}`);
  }
  return out.join("\n") + "\n";
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function excerpt(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + "…" : s;
}
