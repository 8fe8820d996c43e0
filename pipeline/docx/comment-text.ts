/**
 * @fileoverview The words of a finding's Word comment: severity and message, a one-line summary of
 * the evidence (the simple facts: numbers, years, names; nested records are left to the HTML review),
 * and the suggestion.
 */
import type { Finding, Lang } from "../model/finding.js";
import { EVIDENCE_LABELS, EVIDENCE_VALUES } from "../report/html/i18n.js";

const WORDS = {
  zh: { error: "错误", warning: "警告", info: "提示", evidence: "依据", suggestion: "建议", sep: "；", list: "、" },
  en: { error: "Error", warning: "Warning", info: "Info", evidence: "Evidence", suggestion: "Suggestion", sep: "; ", list: ", " },
} as const;

const MAX_SUMMARY = 300;

export function commentLines(f: Finding, lang: Lang): string[] {
  const w = WORDS[lang];
  const zh = lang === "zh";
  const lines = [zh ? `【${w[f.severity]}】${f.message}（${f.ruleId}）` : `[${w[f.severity]}] ${f.message} (${f.ruleId})`];
  const colon = zh ? "：" : ": ";
  const summary = evidenceSummary(f.evidence, lang);
  if (summary) lines.push(`${w.evidence}${colon}${summary}`);
  if (f.suggestion) lines.push(`${w.suggestion}${colon}${f.suggestion}`);
  return lines.map(clean);
}

/** `label: value` for the evidence's simple fields, in their order, within MAX_SUMMARY characters. */
export function evidenceSummary(evidence: Record<string, unknown>, lang: Lang): string {
  const w = WORDS[lang];
  const parts: string[] = [];
  for (const [key, v] of Object.entries(evidence ?? {})) {
    // Offsets and machine ids (partId: first-responsible) say nothing to a reader of the comment.
    if (key === "start" || key === "end" || /Id$/.test(key)) continue;
    const shown = /(similarity|ratio|share|percent)/i.test(key) && typeof v === "number" && v >= 0 && v <= 1 ? `${(v * 100).toFixed(1)}%` : simple(v, lang);
    if (shown === null) continue;
    parts.push(`${label(key, lang)}${lang === "zh" ? "：" : ": "}${shown}`);
  }
  const text = parts.join(w.sep);
  return text.length > MAX_SUMMARY ? text.slice(0, MAX_SUMMARY - 1) + "…" : text;
}

function simple(v: unknown, lang: Lang): string | null {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  if (typeof v === "string") return v ? (EVIDENCE_VALUES[lang][v] ?? v) : null;
  if (typeof v === "boolean") return EVIDENCE_VALUES[lang][String(v)] ?? String(v);
  if (Array.isArray(v) && v.length && v.every((x) => ["string", "number"].includes(typeof x))) {
    const shown = v.slice(0, 8).map((x) => simple(x, lang)!);
    return shown.join(WORDS[lang].list) + (v.length > 8 ? "…" : "");
  }
  return null;
}

function label(key: string, lang: Lang): string {
  return EVIDENCE_LABELS[lang][key] ?? key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ");
}

/** Characters XML 1.0 cannot carry are dropped; line breaks become spaces (one line per paragraph). */
function clean(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/\s*\n\s*/g, " ");
}
