/**
 * The dashboard with a generated batch of 5,000 documents in Chromium: it opens quickly, shows one
 * page of rows, sorts, filters and pages; the copy heatmap appears when the model has copy pairs.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { CHECK_TYPES, type DocumentResult, type ReportModel } from "../../pipeline/model/finding.js";
import { formatDashboardHtml } from "../../pipeline/report/html/index.js";
import { canRunBrowser, launchBrowser } from "./harness.js";

const N = 5000;
const PROVINCES = ["guangdong", "hubei", "tianjin", "zhejiang"];

function generatedModel(): ReportModel & { copyPairs: unknown[] } {
  const docs: DocumentResult[] = [];
  for (let i = 0; i < N; i++) {
    const findings = Array.from({ length: (i * 7) % 9 }, (_, k) => ({
      ruleId: "national.x",
      check: CHECK_TYPES[(i + k) % CHECK_TYPES.length]!,
      severity: (["error", "warning", "info"] as const)[(i * 3 + k) % 3]!,
      start: 0, end: 1, line: 1, column: 1, text: "x", message: "m", evidence: {},
    }));
    docs.push({
      path: `archive/${String(i).padStart(4, "0")}.txt`, title: `某单位${i}关于${2015 + (i % 10)}年度法治政府建设情况的报告`, unit: `第${i}区人民政府`,
      province: PROVINCES[i % PROVINCES.length]!, reportYear: 2015 + (i % 10), publishedDate: null, chars: 8000 + i, ruleset: "national",
      metrics: { copy: { ratio: ((i * 37) % 1000) / 1000 }, boilerplate: { ratio: ((i * 11) % 500) / 1000 } }, findings,
    });
  }
  const copyPairs = Array.from({ length: 60 }, (_, k) => ({ a: docs[k % 25]!.path, b: docs[(k * 7 + 3) % 40]!.path, sharedChars: 200 + k * 13, passages: 1 + (k % 4) }));
  return { schemaVersion: 1, tool: { name: "report-qc", version: "test" }, documents: docs, errors: [], copyPairs };
}

let browser: Browser;
let file: string;

describe.skipIf(!canRunBrowser)("dashboard with 5,000 documents in Chromium", () => {
  beforeAll(async () => {
    const model = generatedModel();
    const t0 = performance.now();
    const html = formatDashboardHtml(model, { lang: "zh", stems: new Map(model.documents.map((d, i) => [d.path, String(i)])) });
    const buildMs = performance.now() - t0;
    file = join(mkdtempSync(join(tmpdir(), "rqc-dash-")), "index.html");
    writeFileSync(file, html);
    console.log(`dashboard for ${N} documents: ${(html.length / 1e6).toFixed(2)} MB, built in ${buildMs.toFixed(0)} ms`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("opens fast, pages, sorts, filters", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const t0 = Date.now();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector("html[data-ready]");
    const openMs = Date.now() - t0;
    console.log(`opened in ${openMs} ms`);
    expect(openMs).toBeLessThan(5000);
    expect(await page.$$eval("#docs-body tr", (t) => t.length)).toBe(50);
    expect(await page.textContent("#page-info")).toContain("5000");
    const s0 = Date.now();
    await page.click('th[data-key="copy"]');
    const sortMs = Date.now() - s0;
    console.log(`sort by copy ratio: ${sortMs} ms`);
    const copies = await page.$$eval("#docs-body tr td:nth-child(8)", (tds) => tds.map((td) => parseFloat(td.textContent ?? "0")));
    expect(copies).toEqual([...copies].sort((a, b) => b - a));
    expect(copies[0]).toBe(99.9);
    await page.click("#next-page");
    expect(await page.textContent("#page-info")).toMatch(/第 2 \/ 100 页/);
    await page.selectOption("#province", "hubei");
    expect(await page.textContent("#page-info")).toMatch(/共 1250 份/);
    await page.check("#only-errors");
    const n = Number(/共 (\d+) 份/.exec((await page.textContent("#page-info")) ?? "")![1]);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(1250);
    expect(await page.$$eval("#copy-map rect.cell", (r) => r.length)).toBeGreaterThan(0);
    mkdirSync("reports-out/screenshots", { recursive: true });
    await page.screenshot({ path: "reports-out/screenshots/dashboard-5000.png" });
    await page.close();
  });
});
