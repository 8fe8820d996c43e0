/**
 * @fileoverview The batch dashboard (reports-out/index.html): totals, findings by check type across
 * the batch (bar chart), who copies whom (heatmap, when the batch has copy data), the copy pairs, a
 * sortable / filterable / paginated table of documents with links to each review, and the files
 * that could not be processed. Self-contained; the table is rendered from embedded JSON a page at a
 * time so batches of thousands of documents stay responsive.
 */
import { basename } from "node:path";
import type { CheckType, Lang, ReportModel } from "../../model/finding.js";
import { CHECK_TYPES } from "../../model/finding.js";
import { BASE_CSS } from "./assets/base.css.js";
import { DASHBOARD_CSS } from "./assets/dashboard.css.js";
import { DASHBOARD_JS } from "./assets/dashboard.js.js";
import { copyPairs, docRatio, severityCounts, type CopyPair } from "./data.js";
import { cspMeta, esc, jsonForScript } from "./escape.js";
import { checkLabel, provinceLabel, SEVERITY_LABELS, ui } from "./i18n.js";

export interface DashboardContext {
  lang: Lang;
  /** Output stem of each document's review, by path. */
  stems: Map<string, string>;
}

const COLORS = { error: "#c5221f", warning: "#e8a21a", info: "#1967d2" } as const;

export function formatDashboardHtml(model: ReportModel, ctx: DashboardContext): string {
  const { lang } = ctx;
  const t = ui(lang);
  const rows = model.documents.map((d, i) => {
    const c = severityCounts(d);
    const checks: Record<string, number> = {};
    for (const f of d.findings) checks[f.check] = (checks[f.check] ?? 0) + 1;
    const stem = ctx.stems.get(d.path) ?? String(i);
    return {
      i,
      path: d.path,
      unit: d.unit ?? "",
      title: d.title ?? "",
      province: d.province ?? "",
      provinceLabel: provinceLabel(lang, d.province),
      year: d.reportYear,
      errors: c.error,
      warnings: c.warning,
      infos: c.info,
      copy: docRatio(d, "copy"),
      boilerplate: docRatio(d, "boilerplate"),
      ruleset: d.ruleset,
      href: `${encodeURIComponent(stem)}.html`,
      checks,
    };
  });
  const provinces = [...new Set(rows.map((r) => r.province).filter(Boolean))].sort();
  const checksPresent = CHECK_TYPES.filter((c) => rows.some((r) => r.checks[c]));
  const pairs = copyPairs(model);
  const names = new Map(model.documents.map((d) => [d.path, d.unit ?? d.title ?? d.path]));
  const totals = { error: 0, warning: 0, info: 0 };
  for (const r of rows) {
    totals.error += r.errors;
    totals.warning += r.warnings;
    totals.info += r.infos;
  }
  const pageInfo = lang === "en" ? "page {page} of {pages} · {n} documents" : "第 {page} / {pages} 页 · 共 {n} 份";
  const data = { rows, ui: { review: t.review, noMatch: t.noMatch, pageInfo } };
  const stat = (v: string | number, label: string) => `<div class="stat"><b>${esc(v)}</b><span>${esc(label)}</span></div>`;
  const th = (key: string, label: string, num = false) => `<th data-key="${key}"${num ? ' data-type="num" class="n"' : ""}>${esc(label)}</th>`;

  return `<!DOCTYPE html>
<html lang="${lang === "en" ? "en" : "zh-CN"}">
<head>
<meta charset="utf-8">
${cspMeta([DASHBOARD_JS])}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="report-qc">
<title>${esc(t.dashboardTitle)} · report-qc</title>
<style>${BASE_CSS}${DASHBOARD_CSS}</style>
</head>
<body>
<header class="top">
  <h1>${esc(t.dashboardTitle)}</h1>
  <div class="muted">${esc(t.generatedBy)} ${esc(model.tool.name)} ${esc(model.tool.version)}</div>
  <div class="stats">
    ${stat(rows.length, lang === "en" ? "documents" : "份文档")}
    ${stat(totals.error, SEVERITY_LABELS[lang].error)}
    ${stat(totals.warning, SEVERITY_LABELS[lang].warning)}
    ${stat(totals.info, SEVERITY_LABELS[lang].info)}
    ${stat(pairs.length, lang === "en" ? "copy pairs" : "对复制关系")}
    ${model.errors.length ? stat(model.errors.length, t.errorsTitle) : ""}
  </div>
</header>
<main>
  <div class="panels">
    <section class="panel" id="by-check"><h2>${esc(t.byCheck)}</h2>${checkChart(model, lang)}</section>
    <section class="panel" id="copy-map"><h2>${esc(t.copyPairs)}</h2>${pairs.length ? heatmap(pairs, names, ctx, lang) : `<p class="muted">${esc(t.noCopy)}</p>`}</section>
  </div>
  <h2>${esc(lang === "en" ? "Documents" : "文档列表")}</h2>
  <div class="filters no-print">
    <input type="search" id="q" placeholder="${esc(t.search)}" aria-label="${esc(t.search)}">
    <select id="province" aria-label="${esc(t.province)}"><option value="">${esc(t.allProvinces)}</option>${provinces.map((p) => `<option value="${esc(p)}">${esc(provinceLabel(lang, p))}</option>`).join("")}</select>
    <select id="check" aria-label="${esc(t.check)}"><option value="">${esc(t.allChecks)}</option>${checksPresent.map((c) => `<option value="${esc(c)}">${esc(checkLabel(lang, c).name)}</option>`).join("")}</select>
    <label><input type="checkbox" id="only-errors"> ${esc(t.onlyErrors)}</label>
  </div>
  <table class="grid" id="docs">
    <thead><tr>${th("i", "#", true)}${th("unit", t.docCol)}${th("province", t.province)}${th("year", t.year, true)}${th("errors", t.errorsCol, true)}${th("warnings", t.warningsCol, true)}${th("infos", t.infoCol, true)}${th("copy", t.copyRatio, true)}${th("boilerplate", t.boilerplateRatio, true)}${th("ruleset", t.ruleset)}<th></th></tr></thead>
    <tbody id="docs-body"></tbody>
  </table>
  <div class="pager no-print"><button type="button" id="prev-page">${esc(t.prev)}</button><span id="page-info"></span><button type="button" id="next-page">${esc(t.next)}</button></div>
  ${pairs.length ? pairsTable(pairs, names, ctx, t) : ""}
  ${model.errors.length ? errorsTable(model, t) : ""}
</main>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${DASHBOARD_JS}</script>
</body>
</html>
`;
}

/** Horizontal stacked bars: findings per check type, split by severity. */
function checkChart(model: ReportModel, lang: Lang): string {
  const counts = new Map<string, { error: number; warning: number; info: number; docs: Set<string> }>();
  for (const d of model.documents) {
    for (const f of d.findings) {
      const c = counts.get(f.check) ?? { error: 0, warning: 0, info: 0, docs: new Set<string>() };
      c[f.severity]++;
      c.docs.add(d.path);
      counts.set(f.check, c);
    }
  }
  if (!counts.size) return `<p class="muted">${esc(ui(lang).none)}</p>`;
  const list = [...counts.entries()].map(([check, c]) => ({ check, ...c, total: c.error + c.warning + c.info })).sort((a, b) => b.total - a.total);
  const max = Math.max(...list.map((x) => x.total));
  const labelW = 130;
  const barW = 360;
  const rowH = 24;
  const h = list.length * rowH + 28;
  const rows = list
    .map((x, k) => {
      const y = k * rowH;
      let xPos = labelW;
      const segs = (["error", "warning", "info"] as const)
        .filter((s) => x[s] > 0)
        .map((s) => {
          const w = Math.max(2, (x[s] / max) * barW);
          const r = `<rect x="${xPos.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${COLORS[s]}"><title>${esc(`${checkLabel(lang, x.check).name} · ${SEVERITY_LABELS[lang][s]} ${x[s]}`)}</title></rect>`;
          xPos += w;
          return r;
        })
        .join("");
      const docs = lang === "en" ? `${x.total} in ${x.docs.size} docs` : `${x.total} 处 · ${x.docs.size} 份`;
      return `<g data-check="${esc(x.check)}"><text class="bar-label" x="${labelW - 8}" y="${y + rowH / 2 + 4}" text-anchor="end">${esc(checkLabel(lang, x.check as CheckType).name)}</text>${segs}<text class="bar-count" x="${(xPos + 6).toFixed(1)}" y="${y + rowH / 2 + 4}">${esc(docs)}</text></g>`;
    })
    .join("");
  const legendY = list.length * rowH + 14;
  const legend = (["error", "warning", "info"] as const)
    .map((s, k) => `<rect x="${labelW + k * 80}" y="${legendY - 9}" width="10" height="10" fill="${COLORS[s]}"/><text class="bar-count" x="${labelW + k * 80 + 14}" y="${legendY}">${esc(SEVERITY_LABELS[lang][s])}</text>`)
    .join("");
  return `<svg role="img" aria-label="${esc(ui(lang).byCheck)}" viewBox="0 0 ${labelW + barW + 130} ${h}" width="100%" style="max-width:${labelW + barW + 130}px">${rows}${legend}</svg>`;
}

/** Who copies whom: rows copy from columns; the most involved documents (up to 30). */
function heatmap(pairs: CopyPair[], names: Map<string, string>, ctx: DashboardContext, lang: Lang): string {
  const weight = new Map<string, number>();
  for (const p of pairs) {
    weight.set(p.from, (weight.get(p.from) ?? 0) + p.sharedChars);
    weight.set(p.to, (weight.get(p.to) ?? 0) + p.sharedChars);
  }
  const docs = [...weight.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([p]) => p);
  const idx = new Map(docs.map((p, k) => [p, k]));
  const max = Math.max(...pairs.map((p) => p.sharedChars), 1);
  const cell = Math.max(14, Math.min(40, Math.floor(360 / Math.max(1, docs.length))));
  const labelW = 150;
  const top = 125;
  const short = (p: string) => {
    const s = names.get(p) ?? basename(p);
    return s.length > 10 ? `${s.slice(0, 9)}…` : s;
  };
  const size = docs.length * cell;
  // Undirected pairs (A and B share text) fill both cells.
  const cells = pairs
    .flatMap((p) => (p.directed ? [p] : [p, { ...p, from: p.to, to: p.from }]))
    .filter((p) => idx.has(p.from) && idx.has(p.to))
    .map((p) => {
      const r = idx.get(p.from)!;
      const c = idx.get(p.to)!;
      const a = 0.15 + 0.85 * Math.sqrt(p.sharedChars / max);
      const tip = lang === "en" ? `${names.get(p.from) ?? p.from} shares ${p.sharedChars} chars with ${names.get(p.to) ?? p.to}` : `${names.get(p.from) ?? p.from} 与 ${names.get(p.to) ?? p.to} 相同 ${p.sharedChars} 字（${p.passages} 段）`;
      return `<rect class="cell" x="${labelW + c * cell}" y="${top + r * cell}" width="${cell - 1}" height="${cell - 1}" fill="rgba(197,34,31,${a.toFixed(3)})"><title>${esc(tip)}</title></rect>`;
    })
    .join("");
  const grid = docs.map((_, k) => `<rect x="${labelW + k * cell}" y="${top}" width="${cell - 1}" height="${size}" fill="#f6f7f9"/>`).join("");
  const rowLabels = docs
    .map((p, k) => `<a href="${esc(encodeURIComponent(ctx.stems.get(p) ?? ""))}.html"><text class="bar-count" x="${labelW - 6}" y="${top + k * cell + cell * 0.7}" text-anchor="end">${esc(short(p))}</text></a>`)
    .join("");
  const colLabels = docs.map((p, k) => `<text class="bar-count" transform="translate(${labelW + k * cell + cell * 0.7},${top - 6}) rotate(-55)">${esc(short(p))}</text>`).join("");
  return `<p class="muted" style="margin:0 0 4px;font-size:12px">${esc(ui(lang).heatmap)}</p><svg role="img" aria-label="${esc(ui(lang).heatmap)}" viewBox="0 0 ${labelW + size + 10} ${top + size + 10}" width="100%" style="max-width:${labelW + size + 10}px">${grid}${cells}${rowLabels}${colLabels}</svg>`;
}

function pairsTable(pairs: CopyPair[], names: Map<string, string>, ctx: DashboardContext, t: ReturnType<typeof ui>): string {
  const link = (p: string) => {
    const stem = ctx.stems.get(p);
    const name = esc(names.get(p) ?? p);
    return stem ? `<a href="${esc(encodeURIComponent(stem))}.html">${name}</a>` : name;
  };
  const shown = pairs.slice(0, 500);
  const directed = pairs.every((p) => p.directed);
  const [h1, h2] = directed ? [t.copier, t.copiedFrom] : [t.docA, t.docB];
  return `<h2>${esc(t.copyPairs)}</h2><table class="grid" id="pairs"><thead><tr><th>${esc(h1)}</th><th>${esc(h2)}</th><th class="n">${esc(t.sharedChars)}</th><th class="n">${esc(t.passages)}</th></tr></thead><tbody>${shown
    .map((p) => `<tr><td>${link(p.from)}</td><td>${link(p.to)}</td><td class="n">${p.sharedChars}</td><td class="n">${p.passages}</td></tr>`)
    .join("")}</tbody></table>${pairs.length > shown.length ? `<p class="muted">… +${pairs.length - shown.length}</p>` : ""}`;
}

function errorsTable(model: ReportModel, t: ReturnType<typeof ui>): string {
  return `<h2>${esc(t.errorsTitle)}</h2><table class="grid" id="errors"><thead><tr><th>${esc(t.file)}</th><th>${esc(t.code)}</th><th>${esc(t.message)}</th></tr></thead><tbody>${model.errors
    .map((e) => `<tr><td>${esc(e.path)}</td><td><code>${esc(e.code)}</code></td><td>${esc(e.message)}</td></tr>`)
    .join("")}</tbody></table>`;
}
