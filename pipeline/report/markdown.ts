/**
 * @fileoverview Markdown summary of a batch (reports-out/summary.md): one table of documents, then
 * each document's findings in position order.
 *
 * Everything taken from a document (path, unit, title, finding text, messages that quote it) is
 * escaped: a report containing `<script>` or `[x](javascript:…)` is shown as text by any Markdown
 * renderer, never as markup.
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
    out.push(`| ${cell(d.path)} | ${cell(d.unit ?? "")} | ${d.reportYear ?? ""} | ${cell(d.ruleset)} | ${count("error")} | ${count("warning")} | ${count("info")} |`);
  }
  for (const d of model.documents) {
    out.push("", `## ${cell(d.title ?? d.path)}`, "", codeSpan(d.path), "");
    if (d.findings.length === 0) out.push(t.none);
    for (const f of d.findings) {
      out.push(`- **${t.sev[f.severity]}** \`${f.line}:${f.column}\` \\[${cell(f.check)}\\] ${cell(f.message)} — 「${cell(excerpt(f.text))}」 ${codeSpan(f.ruleId)}`);
    }
  }
  if (model.errors.length) {
    out.push("", `## ${t.errors}`, "");
    for (const e of model.errors) out.push(`- ${codeSpan(e.path)} ${cell(e.code)}: ${cell(e.message)}`);
  }
  return out.join("\n") + "\n";
}

/**
 * Inline text, one line, safe in a table cell: ASCII punctuation that Markdown (CommonMark + GFM) or
 * inline HTML gives a meaning to is backslash-escaped, which every renderer shows as the character.
 */
export function cell(s: string): string {
  return s.replace(/\s*[\r\n\u2028\u2029]\s*/g, " ").replace(/[\\`*_{}[\]<>#|~&$]/g, "\\$&");
}

/** A code span that holds any text: the fence is longer than any run of backticks inside (CommonMark 6.1). */
export function codeSpan(s: string): string {
  const text = s.replace(/\s*[\r\n\u2028\u2029]\s*/g, " ");
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function excerpt(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + "…" : s;
}
