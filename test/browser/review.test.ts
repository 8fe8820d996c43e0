/**
 * The review page in a real browser (Debian chromium via playwright-core), on a synthetic model whose
 * findings overlap, cross lines, point to related passages and to another report, and on a hostile
 * document. The seeds through the whole pipeline are in seeds.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import type { ReportModel } from "../../pipeline/model/finding.js";
import { htmlFiles } from "../../pipeline/report/html/index.js";
import { canRunBrowser, launchBrowser, makeDocument } from "./harness.js";

const seed1 = readFileSync("corpus/001_fd56e537edcebdc8.txt", "utf8");
const seed0 = readFileSync("corpus/000_c49e41131fdb983c.txt", "utf8");
const HOSTILE = [
  "关于2021年度<script>window.__pwned=1</script>法治政府建设情况的报告",
  '<img src=x onerror="window.__pwned=2">正文第一段。',
  '<a href="javascript:window.__pwned=3">点我</a>第二段。',
  "</style><script>window.__pwned=4</script>第三段。",
  "</script><script>window.__pwned=5</script><!-- 第四段",
  '<svg onload="window.__pwned=6"></svg><iframe src="javascript:window.__pwned=7"></iframe>',
].join("\n\n");

let browser: Browser;
let dir: string;
const url = (name: string) => pathToFileURL(join(dir, name)).href;

describe.skipIf(!canRunBrowser)("review page in Chromium (synthetic model)", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rqc-review-"));
    const d1 = makeDocument("corpus/001.txt", seed1, [
      { check: "duplicate-text", severity: "warning", find: "我镇积极完善《西联镇会议制度》", nth: 1, related: [{ find: "我镇积极完善《西联镇会议制度》", label: "first-occurrence" }], evidence: { similarity: 1, length: 15 }, message: "与前文重复" },
      { check: "entity-consistency", severity: "info", find: "西联镇会议制度", nth: 1, message: "名称" },
      { check: "arithmetic", severity: "error", find: "7次专题学习", evidence: { expression: "3+3", expected: 6, stated: 7 }, message: "合计数与分项之和不符", suggestion: "核对合计数" },
      { check: "placeholder", severity: "error", find: "职责。\n一、聚焦", message: "跨行" },
      { check: "cross-document-copy", severity: "warning", find: "认真学习习近平法治思想", message: "与他文相同", otherRelated: [{ path: "corpus/000.txt", start: 300, end: 320, text: "认真学习习近平新时代法治思想", label: "source" }] },
      { check: "term", severity: "info", find: "全镇干部", nth: 2, message: "用语" },
    ], { unit: "韶关市武江区西联镇人民政府", province: "guangdong", reportYear: 2021, metrics: { copy: { ratio: 0.05 }, boilerplate: { ratio: 0.2 } } });
    const d0 = makeDocument("corpus/000.txt", seed0, [], { unit: "广州市番禺区人民政府" });
    const evil = makeDocument("evil.txt", HOSTILE, [{ check: "placeholder", severity: "error", find: "<script>window.__pwned=1</script>", message: '<img src=x onerror="window.__pwned=8">' }], { unit: "<script>window.__pwned=9</script>" });
    const model: ReportModel = { schemaVersion: 1, tool: { name: "report-qc", version: "test" }, documents: [d1, d0, evil], errors: [] };
    const sources = new Map([
      [d1.path, { original: seed1, chrome: [] }],
      [d0.path, { original: seed0, chrome: [{ start: 0, end: 4, kind: "chrome" as const }] }],
      [evil.path, { original: HOSTILE, chrome: [] }],
    ]);
    for (const [name, html] of htmlFiles(model, ["001", "000", "evil"], sources, "zh")) writeFileSync(join(dir, name), html);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(name: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(url(name));
    await page.waitForSelector("html[data-ready]");
    return page;
  }
  const inViewport = (page: Page, selector: string) =>
    page.$eval(selector, (el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    });

  test("clicking a note scrolls to its highlight; its related link scrolls to the related passage", async () => {
    const page = await open("001.html");
    await page.click("#note-0 .msg");
    expect(await inViewport(page, "#f0")).toBe(true);
    expect(await page.$eval("#f0", (el) => el.classList.contains("current"))).toBe(true);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    expect(await inViewport(page, "#r0-0")).toBe(false);
    await page.click('#note-0 a.goto-rel[href="#r0-0"]');
    expect(await inViewport(page, "#r0-0")).toBe(true);
    expect(await page.$eval("#r0-0", (el) => el.textContent)).toBe("我镇积极完善《西联镇会议制度》");
    await page.close();
  });

  test("filters hide and show the right marks and notes", async () => {
    const page = await open("001.html");
    const state = () =>
      page.$$eval("mark.hl.head", (ms) => ms.map((m) => ({ sev: m.getAttribute("data-sev"), check: m.getAttribute("data-check"), off: m.classList.contains("off"), note: (document.getElementById("note-" + m.getAttribute("data-f")) as HTMLElement).offsetParent === null })));
    await page.uncheck('input[data-filter="sev"][value="info"]');
    for (const s of await state()) {
      expect(s.off).toBe(s.sev === "info");
      expect(s.note).toBe(s.sev === "info");
    }
    expect(await page.textContent("#shown-count")).toBe("4");
    await page.uncheck('input[data-filter="check"][value="arithmetic"]');
    for (const s of await state()) expect(s.off).toBe(s.sev === "info" || s.check === "arithmetic");
    // A hidden mark has no highlight colour.
    expect(await page.$eval('mark.hl[data-check="arithmetic"]', (m) => getComputedStyle(m).backgroundColor)).toBe("rgba(0, 0, 0, 0)");
    await page.check('input[data-filter="sev"][value="info"]');
    await page.check('input[data-filter="check"][value="arithmetic"]');
    for (const s of await state()) expect(s.off).toBe(false);
    await page.close();
  });

  test("n and p move between visible findings in text order, skipping filtered ones", async () => {
    const page = await open("001.html");
    const order = await page.$$eval("mark.hl.head", (ms) => ms.map((m) => ({ f: m.getAttribute("data-f"), o: Number(m.getAttribute("data-order")), sev: m.getAttribute("data-sev") })).sort((a, b) => a.o - b.o));
    const current = () => page.$eval("mark.hl.head.current", (m) => m.getAttribute("data-f")).catch(() => null);
    await page.keyboard.press("n");
    expect(await current()).toBe(order[0]!.f);
    await page.keyboard.press("n");
    expect(await current()).toBe(order[1]!.f);
    await page.keyboard.press("p");
    expect(await current()).toBe(order[0]!.f);
    expect(await inViewport(page, `#f${order[0]!.f}`)).toBe(true);
    await page.uncheck('input[data-filter="sev"][value="error"]');
    const visible = order.filter((o) => o.sev !== "error");
    await page.keyboard.press("n");
    expect(await current()).toBe(visible.find((v) => v.o > order[0]!.o)!.f);
    await page.close();
  });

  test("the copy side-by-side opens, aligns the shared text, and closes with Escape", async () => {
    const page = await open("001.html");
    await page.click(".open-cmp");
    expect(await page.isVisible(".modal:not([hidden]) table.sbs")).toBe(true);
    const rows = await page.$$eval(".modal:not([hidden]) table.sbs tbody tr", (trs) => trs.map((tr) => [tr.className, ...Array.from(tr.querySelectorAll("td")).map((td) => td.textContent)]));
    expect(rows).toEqual([
      ["same", "认真学习习近平", "认真学习习近平"],
      ["changed", "", "新时代"],
      ["same", "法治思想", "法治思想"],
    ]);
    await page.keyboard.press("Escape");
    expect(await page.isVisible(".modal table.sbs")).toBe(false);
    await page.close();
  });

  test("a hostile document renders as inert text: no script runs, no dialog opens", async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url("evil.html"));
    await page.waitForSelector("html[data-ready]");
    await page.mouse.move(300, 300);
    await page.click("#doc a, #doc", { timeout: 2000 }).catch(() => undefined);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.$$eval("#doc img, #doc script, #doc svg, #doc iframe, #doc a", (els) => els.length)).toBe(0);
    expect(await page.textContent("#doc")).toBe(HOSTILE);
    expect(await page.title()).toContain("<script>");
    // The dashboard lists the hostile unit as text too.
    await page.goto(url("index.html"));
    await page.waitForSelector("html[data-ready]");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.textContent("#docs-body")).toContain("<script>window.__pwned=9</script>");
    await page.close();
  });

  test("a link from another review lands on the passage (#at=offset)", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(url("000.html") + "#at=3000-3020");
    await page.waitForSelector("html[data-ready]");
    const line = await page.$eval(".ln.flash", (el) => Number(el.getAttribute("data-s")));
    expect(line).toBeLessThanOrEqual(3000);
    expect(await inViewport(page, ".ln.flash")).toBe(true);
    await page.close();
  });

  test("print stylesheet: notes follow the text, toolbar hidden", async () => {
    const page = await open("001.html");
    await page.emulateMedia({ media: "print" });
    expect(await page.isVisible(".toolbar")).toBe(false);
    const [docBox, notesBox] = await Promise.all([page.$eval("#doc", (e) => e.getBoundingClientRect().bottom), page.$eval(".notes", (e) => e.getBoundingClientRect().top)]);
    expect(notesBox).toBeGreaterThanOrEqual(docBox);
    mkdirSync("reports-out/screenshots", { recursive: true });
    await page.pdf({ path: "reports-out/screenshots/review-print.pdf", format: "A4" });
    await page.close();
  });
});
