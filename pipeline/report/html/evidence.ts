/**
 * @fileoverview Evidence laid out for a reader: the arithmetic with its operands and result, the
 * years seen, similarity as a percentage, lists as chips, tables for lists of records; any other
 * structure as a small definition list. Nothing here assumes more than `Record<string, unknown>`.
 */
import type { Finding, Lang } from "../../model/finding.js";
import { esc } from "./escape.js";
import { EVIDENCE_LABELS, EVIDENCE_VALUES } from "./i18n.js";

function label(lang: Lang, key: string): string {
  const known = EVIDENCE_LABELS[lang][key];
  if (known) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const isPrimitive = (v: unknown): v is string | number | boolean => ["string", "number", "boolean"].includes(typeof v);

export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
}

function ratioKey(key: string): boolean {
  return /(similarity|ratio|share|percent)/i.test(key);
}

function value(key: string, v: unknown, lang: Lang, depth: number): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") {
    if (ratioKey(key) && v >= 0 && v <= 1) return `${esc((v * 100).toFixed(1))}%`;
    return esc(formatNumber(v));
  }
  if (typeof v === "boolean") return esc(EVIDENCE_VALUES[lang][String(v)] ?? String(v));
  if (typeof v === "string") return esc(EVIDENCE_VALUES[lang][v] ?? v);
  if (Array.isArray(v)) {
    if (v.length === 0) return "—";
    if (v.every(isPrimitive)) return `<span class="chips">${v.slice(0, 40).map((x) => `<span class="chip">${esc(x)}</span>`).join("")}${v.length > 40 ? `<span class="chip">…+${v.length - 40}</span>` : ""}</span>`;
    if (v.every((x) => x && typeof x === "object" && !Array.isArray(x)) && depth < 2) return table(v as Record<string, unknown>[], lang, depth);
    return `<code>${esc(JSON.stringify(v).slice(0, 400))}</code>`;
  }
  if (typeof v === "object" && depth < 2) return dl(v as Record<string, unknown>, lang, depth + 1);
  return `<code>${esc(JSON.stringify(v).slice(0, 400))}</code>`;
}

function table(rows: Record<string, unknown>[], lang: Lang, depth: number): string {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => (!["start", "end"].includes(c) || rows.length < 3) && !machineKey(c, rows[0] ?? {})).slice(0, 6);
  const shown = rows.slice(0, 12);
  const years = yearTally(rows, lang);
  return `${years}<div class="evt-wrap"><table class="evt"><thead><tr>${cols.map((c) => `<th>${esc(label(lang, c))}</th>`).join("")}</tr></thead><tbody>${shown
    .map((r) => `<tr>${cols.map((c) => `<td>${value(c, r[c], lang, depth + 1)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table></div>${rows.length > shown.length ? `<div class="more">… +${rows.length - shown.length}</div>` : ""}`;
}

/** For records carrying a year (the year mentions behind a verdict): how often each year was seen. */
function yearTally(rows: Record<string, unknown>[], lang: Lang): string {
  const counts = new Map<number, number>();
  for (const r of rows) {
    const y = typeof r.impliedYear === "number" ? r.impliedYear : typeof r.year === "number" ? r.year : null;
    if (y !== null) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  if (counts.size === 0) return "";
  const chips = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([y, n]) => `<span class="chip"><b>${y}</b>${lang === "en" ? "" : "年"} × ${n}</span>`);
  return `<div class="years">${esc(lang === "en" ? "Years seen: " : "出现的年份：")}${chips.join("")}</div>`;
}

/** Machine ids (`partId`, `id` beside a `label`) stay in the JSON; the reader sees the names. */
function machineKey(key: string, obj: Record<string, unknown>): boolean {
  return /Id$/.test(key) || (key === "id" && "label" in obj);
}

function dl(obj: Record<string, unknown>, lang: Lang, depth: number, skip: Set<string> = new Set()): string {
  const rows = Object.entries(obj).filter(([k, v]) => !skip.has(k) && !machineKey(k, obj) && v !== undefined);
  if (!rows.length) return "";
  return `<dl class="ev">${rows.map(([k, v]) => `<dt>${esc(label(lang, k))}</dt><dd>${value(k, v, lang, depth)}</dd>`).join("")}</dl>`;
}

/** The arithmetic line: `350 + 42 + 354 = 746`, and what the report states when it differs. */
function arithmetic(ev: Record<string, unknown>, lang: Lang): string {
  const expr = typeof ev.expression === "string" ? ev.expression : null;
  const expected = typeof ev.expected === "number" ? ev.expected : null;
  const stated = typeof ev.stated === "number" ? ev.stated : null;
  if (!expr && expected === null) return "";
  const pretty = expr ? expr.replace(/\s*([+\-×÷*/=])\s*/g, " $1 ") : "";
  const eq = expected !== null ? ` = <b>${esc(formatNumber(expected))}</b>` : "";
  const ok = expected !== null && stated !== null && expected === stated;
  const st =
    stated !== null
      ? `<div class="formula-stated ${ok ? "ok" : "bad"}">${lang === "en" ? "the report states" : "报告写作"} <b>${esc(formatNumber(stated))}</b>${ok ? "" : ` ≠ ${esc(expected === null ? "?" : formatNumber(expected))}`}</div>`
      : "";
  return `<div class="formula"><span class="expr">${esc(pretty)}</span>${eq}</div>${st}`;
}

export function renderEvidence(f: Finding, lang: Lang): string {
  const ev = f.evidence ?? {};
  const skip = new Set<string>();
  let head = "";
  if (f.check === "arithmetic" || ("expression" in ev && ("expected" in ev || "stated" in ev))) {
    head = arithmetic(ev, lang);
    if (head) ["expression", "expected", "stated"].forEach((k) => skip.add(k));
  }
  const rest = dl(ev, lang, 0, skip);
  return head + rest;
}
