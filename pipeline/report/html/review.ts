/**
 * @fileoverview The HTML review of one document: the whole original text with every finding
 * highlighted in place (colour = severity, a small tag = check type), related passages underlined,
 * chrome dimmed; a side note per finding (message, quoted text, evidence, suggestion, links to the
 * related passages, side-by-side view for copies from other reports); a header with the document's
 * facts and counts; filters by severity and check; n/p keyboard navigation. One self-contained file.
 */
import type { DocumentResult, Finding, Lang, RelatedLocation } from "../../model/finding.js";
import { BASE_CSS } from "./assets/base.css.js";
import { REVIEW_CSS } from "./assets/review.css.js";
import { REVIEW_JS } from "./assets/review.js.js";
import { alignTexts } from "./align.js";
import { docRatio, severityCounts, type ReportSource } from "./data.js";
import { cspMeta, esc } from "./escape.js";
import { renderEvidence } from "./evidence.js";
import { checkLabel, profileFacts, provinceLabel, SEVERITY_LABELS, sourceFormLabel, ui } from "./i18n.js";
import { lineSpans, renderSpans, type AnnotatedSpan } from "./spans.js";

export interface ReviewContext {
  lang: Lang;
  /** Output stem (file name without .html) of every document of the batch, by path. */
  stems: Map<string, string>;
  /** Titles/units of the batch's documents, by path, for naming copy sources. */
  names: Map<string, string>;
  /** File name of the dashboard, for the back link (omitted when there is none). */
  dashboard?: string;
}

const SEV_ORDER = { error: 0, warning: 1, info: 2 } as const;

function pct(v: number | null): string {
  return v === null ? "" : `${(v * 100).toFixed(1)}%`;
}

function excerpt(s: string, max = 90): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** 1-based line of an offset. */
function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function relLabel(lang: Lang, r: RelatedLocation): string {
  const t = ui(lang);
  if (!r.label) return t.related;
  if (lang === "en") return r.label.replace(/[-:]/g, " ");
  const known: Record<string, string> = { "first-occurrence": t.firstOccurrence, source: t.source, operand: "运算项", total: "合计数", part: "分项", "stated-total": "合计数", mention: "提及", signature: "落款" };
  const place: Record<string, string> = { title: "标题", opening: "开头", heading: "小标题", plan: "计划部分", signature: "落款", meta: "元数据" };
  const m = /^([a-z-]+):(\d{4})$/.exec(r.label);
  if (m && place[m[1]!]) return `${place[m[1]!]}（${m[2]}年）`;
  return known[r.label] ?? r.label;
}

function isSameDoc(doc: DocumentResult, r: RelatedLocation): boolean {
  return !r.path || r.path === doc.path;
}

export function formatReviewHtml(doc: DocumentResult, source: ReportSource | undefined, ctx: ReviewContext): string {
  const { lang } = ctx;
  const t = ui(lang);
  const original = source?.original ?? "";
  const lines = lineSpans(original);
  const lineStarts = lines.length ? lines.map((l) => l.start) : [0];
  // Display order: by position, then severity.
  const order = doc.findings.map((f, i) => ({ f, i })).sort((a, b) => a.f.start - b.f.start || a.f.end - b.f.end || SEV_ORDER[a.f.severity] - SEV_ORDER[b.f.severity] || a.i - b.i);
  const number = new Map<number, number>();
  order.forEach((o, k) => number.set(o.i, k + 1));

  // ---- text with spans ----
  const spans: AnnotatedSpan[] = [];
  for (const l of lines) {
    const attrs = `class="ln" data-s="${l.start}"${l.empty ? "" : ` data-n="${l.number}"`}`;
    spans.push({ start: l.start, end: l.end, kind: "line", open: () => `<span ${attrs}>`, close: "</span>" });
  }
  for (const c of source?.chrome ?? []) {
    spans.push({ start: c.start, end: c.end, kind: "chrome", open: () => `<span class="chrome" data-kind="${esc(c.kind)}" title="${esc(t.chrome)}">`, close: "</span>" });
  }
  for (const { f, i } of order) {
    const n = number.get(i)!;
    const tag = `${n} ${checkLabel(lang, f.check).tag}`;
    const base = `hl sev-${esc(f.severity)} ck-${esc(f.check)}${f.start === f.end ? " empty" : ""}`;
    const data = `data-f="${i}" data-sev="${esc(f.severity)}" data-check="${esc(f.check)}"`;
    spans.push({
      start: f.start,
      end: f.end,
      kind: "finding",
      open: (head) => (head ? `<mark class="${base} head" id="f${i}" ${data} data-order="${n}" data-tag="${esc(tag)}" title="${esc(`${n}. ${f.message}`)}">` : `<mark class="${base} cont" ${data}>`),
      close: "</mark>",
    });
    (f.related ?? []).forEach((r, k) => {
      if (!isSameDoc(doc, r)) return;
      spans.push({ start: r.start, end: r.end, kind: "related", open: (head) => `<span class="rel"${head ? ` id="r${i}-${k}"` : ""} data-for="${i}">`, close: "</span>" });
    });
  }
  const body = source ? renderSpans(original, spans) : `<span class="muted">${lang === "en" ? "The original text is not available." : "原文不可用。"}</span>`;

  // ---- notes ----
  const modals: string[] = [];
  const notes = order.map(({ f, i }) => noteHtml(doc, f, i, number.get(i)!, lineStarts, ctx, modals)).join("\n");

  // ---- header ----
  const counts = severityCounts(doc);
  const byCheck = new Map<string, number>();
  for (const f of doc.findings) byCheck.set(f.check, (byCheck.get(f.check) ?? 0) + 1);
  const copy = docRatio(doc, "copy");
  const bp = docRatio(doc, "boilerplate");
  const fact = (k: string, v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? "" : `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`);
  const title = doc.title ?? doc.path;
  const pf = doc.profile ? profileFacts(lang, doc.profile) : null;
  const facts = [
    pf ? fact(t.genre, pf.genre) : "",
    pf ? fact(t.docDate, pf.date) : "",
    pf ? fact(t.period, pf.period) : "",
    pf ? fact(t.completeness, pf.completeness) : "",
    fact(t.unit, pf?.level ? `${doc.unit ?? ""}（${pf.level}）` : doc.unit),
    fact(t.province, provinceLabel(lang, doc.province)),
    fact(t.year, doc.reportYear),
    pf ? "" : fact(t.published, doc.publishedDate),
    fact(t.ruleset, doc.ruleset),
    fact(t.chars, doc.chars),
    fact(t.copyRatio, pct(copy)),
    fact(t.boilerplateRatio, pct(bp)),
    fact(t.format, sourceFormLabel(lang, source?.sourceForm ?? source?.format)),
    fact(t.file, doc.path),
  ].join("");
  const sevChips = (["error", "warning", "info"] as const)
    .map((s) => `<label class="chip sev-${s}"><input type="checkbox" checked data-filter="sev" value="${s}"><span class="sev-dot sev-${s}"></span>${esc(SEVERITY_LABELS[lang][s])} <b class="num">${counts[s]}</b></label>`)
    .join("");
  const checkChips = [...byCheck.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `<label class="chip"><input type="checkbox" checked data-filter="check" value="${esc(c)}">${esc(checkLabel(lang, c).name)} <b class="num">${n}</b></label>`)
    .join("");
  const hasChrome = (source?.chrome ?? []).length > 0;
  const total = doc.findings.length;
  const summary = lang === "en" ? `${total} findings` : `共 ${total} 处问题`;

  return `<!DOCTYPE html>
<html lang="${lang === "en" ? "en" : "zh-CN"}">
<head>
<meta charset="utf-8">
${cspMeta([REVIEW_JS])}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="report-qc">
<title>${esc(`${t.reviewTitle} · ${title}`)}</title>
<style>${BASE_CSS}${REVIEW_CSS}</style>
</head>
<body>
<header class="top">
  <div class="crumbs no-print">${ctx.dashboard ? `<a href="${esc(encodeURI(ctx.dashboard))}">← ${esc(t.back)}</a> · ` : ""}report-qc · ${esc(t.reviewTitle)}</div>
  <h1>${esc(title)}</h1>
  <dl class="facts">${facts}</dl>
  <div class="legend">${esc(summary)}${lang === "en" ? ":" : "："}${(["error", "warning", "info"] as const).map((s) => `<span><span class="sev-dot sev-${s}"></span> ${esc(SEVERITY_LABELS[lang][s])} ${counts[s]}</span>`).join("")}${[...byCheck.entries()].map(([c, n]) => `<span class="chip">${esc(checkLabel(lang, c).name)} ${n}</span>`).join("")}</div>
</header>
<nav class="toolbar no-print" aria-label="${esc(t.filters)}">
  <div class="group"><span class="lbl">${esc(t.severity)}</span>${sevChips}</div>
  ${checkChips ? `<div class="group"><span class="lbl">${esc(t.check)}</span>${checkChips}</div>` : ""}
  ${hasChrome ? `<label class="chip"><input type="checkbox" id="show-chrome" checked>${esc(t.showChrome)}</label>` : ""}
  <span class="count">${esc(t.shown)} <b id="shown-count">${total}</b> / ${total} · <span class="kbd">${esc(t.keys)}</span></span>
</nav>
<main class="layout">
  <article class="doc" id="doc" lang="zh-CN">${body}</article>
  <aside class="notes" aria-label="${esc(t.findings)}">
${total ? notes : `<div class="none">${esc(t.none)}</div>`}
  </aside>
</main>
${modals.join("\n")}
<script>${REVIEW_JS}</script>
</body>
</html>
`;
}

function noteHtml(doc: DocumentResult, f: Finding, i: number, n: number, lineStarts: number[], ctx: ReviewContext, modals: string[]): string {
  const { lang } = ctx;
  const t = ui(lang);
  const label = checkLabel(lang, f.check);
  const where = `${t.line === "行" ? `第 ${f.line} 行 第 ${f.column} 列` : `line ${f.line}, col ${f.column}`}`;
  const parts: string[] = [];
  parts.push(
    `<div class="hd"><span class="no">${n}</span><span class="badge sev-${esc(f.severity)}">${esc(SEVERITY_LABELS[lang][f.severity])}</span><span class="chip">${esc(label.name)}</span><span class="where">${esc(where)}</span><span class="rule">${esc(f.ruleId)}</span></div>`,
  );
  parts.push(`<div class="msg">${esc(f.message)}</div>`);
  if (f.text) parts.push(`<div class="quote">「${esc(excerpt(f.text, 120))}」</div>`);
  const ev = renderEvidence(f, lang);
  if (ev) parts.push(`<div class="sub">${esc(t.evidence)}</div>${ev}`);
  const same = (f.related ?? []).map((r, k) => ({ r, k })).filter(({ r }) => isSameDoc(doc, r));
  const other = (f.related ?? []).map((r, k) => ({ r, k })).filter(({ r }) => !isSameDoc(doc, r));
  if (same.length) {
    const items = same.slice(0, 20).map(({ r, k }) => {
      const line = lineOf(lineStarts, r.start);
      const where = lang === "en" ? `line ${line}` : `第 ${line} 行`;
      return `<li><a class="goto-rel" href="#r${i}-${k}">${esc(relLabel(lang, r))} · ${esc(where)}</a> <span class="muted">「${esc(excerpt(r.text, 60))}」</span></li>`;
    });
    parts.push(`<div class="sub">${esc(t.relatedHere)}</div><ul class="rel-list">${items.join("")}${same.length > 20 ? `<li>… +${same.length - 20}</li>` : ""}</ul>`);
  }
  for (const { r, k } of other.slice(0, 5)) {
    const stem = ctx.stems.get(r.path!);
    const name = ctx.names.get(r.path!) ?? r.path!;
    const runs = alignTexts(f.text, r.text);
    const left = runs.map((x) => (x.kind === "same" ? `<span class="shared">${esc(x.left)}</span>` : x.left ? `<span class="only">${esc(x.left)}</span>` : "")).join("");
    const right = runs.map((x) => (x.kind === "same" ? `<span class="shared">${esc(x.right)}</span>` : x.right ? `<span class="only">${esc(x.right)}</span>` : "")).join("");
    const link = stem ? `<a href="${esc(encodeURIComponent(stem))}.html#at=${r.start}-${r.end}" target="_blank" rel="noopener">${esc(t.openSource)}</a>` : `<span class="muted">${esc(r.path)}</span>`;
    const modalId = `cmp-${i}-${k}`;
    parts.push(
      `<div class="sub">${esc(t.source)}${lang === "en" ? ": " : "："}${esc(name)}</div><div class="stack"><div class="side"><b>${esc(t.thisDoc)}</b>${left}</div><div class="side"><b>${esc(t.otherDoc)}</b>${right}</div></div>` +
        `<div><button type="button" class="open-cmp" data-target="${modalId}">${esc(t.compare)} ⇆</button> ${link}</div>`,
    );
    const rows = runs
      .map((x) => (x.kind === "same" ? `<tr class="same"><td>${esc(x.left)}</td><td>${esc(x.right)}</td></tr>` : `<tr class="changed"><td>${x.left ? `<span>${esc(x.left)}</span>` : ""}</td><td>${x.right ? `<span>${esc(x.right)}</span>` : ""}</td></tr>`))
      .join("");
    modals.push(
      `<div class="modal" id="${modalId}" hidden role="dialog" aria-modal="true"><div class="box"><h3><span>${esc(t.compare)} · ${n}. ${esc(f.message)}</span><button type="button" class="close-cmp">${esc(t.close)} ✕</button></h3>` +
        `<div class="legend"><span class="shared">${esc(t.shared)}</span><span class="only">${esc(t.onlyHere)} / ${esc(t.onlyThere)}</span></div>` +
        `<table class="sbs"><thead><tr><th>${esc(t.thisDoc)} · ${esc(doc.unit ?? doc.title ?? doc.path)}</th><th>${esc(t.otherDoc)} · ${esc(name)}</th></tr></thead><tbody>${rows}</tbody></table></div></div>`,
    );
  }
  if (f.suggestion) parts.push(`<div class="suggest">${esc(t.suggestion)}${lang === "en" ? ": " : "："}${esc(f.suggestion)}</div>`);
  return `<section class="note sev-${esc(f.severity)}" data-f="${i}" id="note-${i}" tabindex="-1">${parts.join("")}</section>`;
}
