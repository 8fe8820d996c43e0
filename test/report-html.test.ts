import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import type { DocumentResult, ReportModel } from "../pipeline/model/finding.js";
import { CHECK_TYPES } from "../pipeline/model/finding.js";
import { formatDashboardHtml, formatReviewHtml, htmlFiles } from "../pipeline/report/html/index.js";
import { renderSpans, type AnnotatedSpan } from "../pipeline/report/html/spans.js";
import { alignTexts } from "../pipeline/report/html/align.js";
import { REVIEW_JS } from "../pipeline/report/html/assets/review.js.js";
import { DASHBOARD_JS } from "../pipeline/report/html/assets/dashboard.js.js";
import { scriptHash } from "../pipeline/report/html/escape.js";
import { makeDocument } from "./browser/harness.js";

const seed = readFileSync("corpus/001_fd56e537edcebdc8.txt", "utf8");
const model = (documents: DocumentResult[]): ReportModel => ({ schemaVersion: 1, tool: { name: "report-qc", version: "test" }, documents, errors: [] });
const ctx = (stems: Record<string, string> = {}) => ({ lang: "zh" as const, stems: new Map(Object.entries(stems)), names: new Map<string, string>() });

/** The pieces of each finding's highlight, joined, by data-f. */
function highlights(html: string): Map<string, { text: string; heads: number }> {
  const { document } = parseHTML(html);
  const out = new Map<string, { text: string; heads: number }>();
  for (const m of Array.from(document.querySelectorAll("mark.hl")) as any[]) {
    const id = m.getAttribute("data-f");
    const cur = out.get(id) ?? { text: "", heads: 0 };
    // Only the mark's own text, not nested marks twice: take text nodes whose closest mark.hl[data-f=id] is this one.
    cur.text += ownText(m, id);
    if (m.classList.contains("head")) cur.heads++;
    out.set(id, cur);
  }
  return out;
}
function ownText(el: any, id: string): string {
  let s = "";
  for (const c of Array.from(el.childNodes) as any[]) {
    if (c.nodeType === 3) s += c.textContent;
    else if (c.nodeType === 1) {
      if (c.tagName === "MARK" && c.getAttribute("data-f") === id) continue;
      s += c.tagName === "MARK" && c.classList.contains("hl") ? c.textContent : ownText(c, id);
    }
  }
  return s;
}

describe("HTML review", () => {
  test("every finding has exactly one head highlight whose pieces spell its text, even when findings overlap and cross lines", () => {
    const doc = makeDocument("a.txt", seed, [
      { check: "duplicate-text", severity: "warning", find: "我镇积极完善《西联镇会议制度》", nth: 1, related: [{ find: "我镇积极完善《西联镇会议制度》", label: "first-occurrence" }] },
      { check: "entity-consistency", severity: "info", find: "西联镇会议制度", nth: 1 },
      { check: "arithmetic", severity: "error", find: "完善《西联镇", nth: 1 },
      { check: "boilerplate", severity: "info", find: "职责。\n一、聚焦" },
      { check: "placeholder", severity: "error", find: "认真履行了法治政府建设职责" },
    ]);
    const html = formatReviewHtml(doc, { original: seed, chrome: [{ start: 0, end: 10, kind: "chrome" }] }, ctx());
    const hl = highlights(html);
    expect(hl.size).toBe(doc.findings.length);
    doc.findings.forEach((f, i) => {
      expect(hl.get(String(i))?.heads, `finding ${i}`).toBe(1);
      expect(hl.get(String(i))?.text, `finding ${i}`).toBe(f.text);
    });
    // The whole original text is there, once.
    const { document } = parseHTML(html);
    expect(document.querySelector("#doc")!.textContent).toBe(seed);
  });

  test("random overlapping spans always nest and keep the text", () => {
    const text = "一二三四五六七八九十\n甲乙丙丁戊己庚辛壬癸\n\nABCDEFGHIJ";
    for (let round = 0; round < 200; round++) {
      const spans: AnnotatedSpan[] = [];
      const want: string[] = [];
      const n = 1 + (round % 6);
      for (let k = 0; k < n; k++) {
        const a = Math.floor(Math.random() * text.length);
        const b = Math.min(text.length, a + Math.floor(Math.random() * 15));
        want.push(text.slice(a, b));
        spans.push({ start: a, end: b, kind: k % 3 === 0 ? "related" : "finding", open: (h) => `<mark class="hl${h ? " head" : ""}" data-f="${k}">`, close: "</mark>" });
      }
      const html = `<div id="d">${renderSpans(text, spans)}</div>`;
      const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
      expect(document.getElementById("d")!.textContent).toBe(text);
      const hl = highlights(`<!doctype html><html><body>${html}</body></html>`);
      want.forEach((w, k) => {
        if (w.length) expect(hl.get(String(k))?.text).toBe(w);
        expect(hl.get(String(k))?.heads ?? 0).toBe(1);
      });
    }
  });

  test("hostile document text, metadata, messages and evidence are inert", () => {
    const evil = [
      "关于2021年度<script>window.__pwned=1</script>的报告",
      '<img src=x onerror="window.__pwned=2">正文第一段。',
      '<a href="javascript:window.__pwned=3">点我</a>第二段。',
      "</style><script>window.__pwned=4</script>第三段。",
      "</script><script>window.__pwned=5</script><!-- 第四段 ]]> ${x} {{x}}",
      '" onmouseover="window.__pwned=6" x="',
    ].join("\n\n");
    const doc = makeDocument("evil<script>.txt", evil, [
      { check: "placeholder", severity: "error", find: "<script>window.__pwned=1</script>", message: '<img src=x onerror="window.__pwned=7">', suggestion: "</script><script>window.__pwned=8</script>", evidence: { "<b>key</b>": '<svg onload="window.__pwned=9">', list: ["<i>", "javascript:alert(1)"] } },
      { check: "cross-document-copy", severity: "warning", find: "onerror", otherRelated: [{ path: "other</script>.txt", start: 0, end: 5, text: "<script>alert(1)</script>" }] },
    ], { unit: "<script>window.__pwned=10</script>", publishedDate: '"><script>x</script>' });
    const m = model([doc]);
    for (const [, html] of htmlFiles(m, ["evil_script_"], new Map([[doc.path, { original: evil, chrome: [] }]]), "zh")) {
      const { document } = parseHTML(html);
      const scripts = Array.from(document.querySelectorAll("script")) as any[];
      const code = scripts.filter((s) => s.getAttribute("type") !== "application/json");
      expect(code.length).toBe(1);
      expect([REVIEW_JS, DASHBOARD_JS]).toContain(code[0].textContent);
      for (const el of Array.from(document.querySelectorAll("*")) as any[]) {
        for (const a of Array.from(el.attributes) as any[]) {
          expect(a.name.startsWith("on"), `${el.tagName} ${a.name}`).toBe(false);
          if (a.name === "href") expect(a.value.toLowerCase().startsWith("javascript:")).toBe(false);
        }
      }
      expect(document.querySelectorAll("img, svg[onload], iframe, object").length).toBe(0);
    }
    const review = formatReviewHtml(doc, { original: evil, chrome: [] }, ctx());
    const { document } = parseHTML(review);
    expect(document.querySelector("#doc")!.textContent).toBe(evil);
    expect(document.querySelectorAll("style").length).toBe(1);
  });

  test("the CSP admits exactly the page's own script", () => {
    const doc = makeDocument("a.txt", seed, []);
    const html = formatReviewHtml(doc, { original: seed, chrome: [] }, ctx());
    const { document } = parseHTML(html);
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content")!;
    expect(csp).toContain(`script-src ${scriptHash(REVIEW_JS)};`);
    expect(csp).toMatch(/default-src 'none'/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  test("English UI with lang en", () => {
    const doc = makeDocument("a.txt", seed, [{ check: "arithmetic", severity: "error", find: "7次", evidence: { expression: "3+3", expected: 6, stated: 7 } }]);
    const html = formatReviewHtml(doc, { original: seed, chrome: [] }, { ...ctx(), lang: "en" });
    expect(html).toContain("Keys: n next, p previous");
    expect(html).toContain("the report states");
    expect(html).toContain('lang="en"');
  });

  test("arithmetic evidence shows the computation and the stated value", () => {
    const doc = makeDocument("a.txt", seed, [{ check: "arithmetic", severity: "error", find: "7次", evidence: { expression: "350+42+354", expected: 746, stated: 740, tolerance: 0 } }]);
    const html = formatReviewHtml(doc, { original: seed, chrome: [] }, ctx());
    const { document } = parseHTML(html);
    expect(document.querySelector(".formula")!.textContent).toBe("350 + 42 + 354 = 746");
    expect(document.querySelector(".formula-stated")!.textContent).toBe("报告写作 740 ≠ 746");
  });
});

describe("side-by-side alignment", () => {
  test("shared runs and changes in order", () => {
    const runs = alignTexts("认真学习习近平法治思想", "认真学习习近平新时代法治思想");
    expect(runs).toEqual([
      { kind: "same", left: "认真学习习近平", right: "认真学习习近平" },
      { kind: "changed", left: "", right: "新时代" },
      { kind: "same", left: "法治思想", right: "法治思想" },
    ]);
    expect(alignTexts("", "abc")).toEqual([{ kind: "changed", left: "", right: "abc" }]);
  });
});

describe("dashboard", () => {
  test("5,000 documents: one file, rendered quickly, table data embedded for paging", () => {
    const docs: DocumentResult[] = [];
    for (let i = 0; i < 5000; i++) {
      const findings = Array.from({ length: i % 7 }, (_, k) => ({
        ruleId: "national.x", check: CHECK_TYPES[(i + k) % CHECK_TYPES.length]!, severity: (["error", "warning", "info"] as const)[(i + k) % 3]!,
        start: 0, end: 1, line: 1, column: 1, text: "x", message: "m", evidence: {},
        ...(k === 0 && i % 10 === 0 ? { related: [{ path: `docs/${(i + 17) % 5000}.txt`, start: 0, end: 1, text: "x" }] } : {}),
      }));
      for (const f of findings) if (f.related) f.check = "cross-document-copy";
      docs.push({ path: `docs/${i}.txt`, title: `报告 ${i}`, unit: `单位${i}`, province: ["guangdong", "hubei", "tianjin"][i % 3]!, reportYear: 2015 + (i % 10), publishedDate: null, chars: 10000, ruleset: "national", metrics: { copy: { ratio: (i % 100) / 100 }, boilerplate: { ratio: (i % 37) / 100 } }, findings });
    }
    const stems = new Map(docs.map((d, i) => [d.path, String(i)]));
    const t0 = performance.now();
    const html = formatDashboardHtml(model(docs), { lang: "zh", stems });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(3000);
    expect(html.length).toBeLessThan(6_000_000);
    const { document } = parseHTML(html);
    const data = JSON.parse(document.getElementById("report-data")!.textContent!);
    expect(data.rows.length).toBe(5000);
    expect(document.querySelectorAll("#copy-map rect.cell").length).toBeGreaterThan(0);
  });
});
