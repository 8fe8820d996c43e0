/**
 * The seeds through the whole CLI, then their reviews and the dashboard in Chromium: every finding
 * of the JSON has exactly one highlight at its text; a hostile report is inert; the dashboard lists
 * the documents and sorts. Screenshots go to reports-out/screenshots/ for a human look.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Writable } from "node:stream";
import type { Browser, Page } from "playwright-core";
import type { DocumentResult, ReportModel } from "../../pipeline/model/finding.js";
import { main } from "../../pipeline/cli/main.js";
import { canRunBrowser, launchBrowser } from "./harness.js";

const SHOTS = "reports-out/screenshots";
const HOSTILE = [
  "关于2021年度<script>window.__pwned=1</script>法治政府建设情况的报告",
  "",
  '  <img src=x onerror="window.__pwned=2">XX市在2021年开展普法活动XX场。',
  "",
  '  <a href="javascript:window.__pwned=3">点我</a>本年度共办理行政复议案件12件。',
  "",
  "  </style><script>window.__pwned=4</script>我市坚持依法行政，取得新成效。",
  "",
  "  </script><script>window.__pwned=5</script><!-- 我市坚持依法行政，取得新成效。",
  "",
  "XX市人民政府",
  "2022年1月10日",
].join("\n");

let browser: Browser;
let out: string;
let index: ReportModel & { documents: (DocumentResult & { file?: string })[] };
let stdout = "";

function sink(): Writable {
  return new Writable({
    write(chunk, _enc, cb) {
      stdout += String(chunk);
      cb();
    },
  });
}

describe.skipIf(!canRunBrowser)("seed reviews and dashboard in Chromium", () => {
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "rqc-seeds-"));
    const evilDir = mkdtempSync(join(tmpdir(), "rqc-evil-"));
    writeFileSync(join(evilDir, "hostile.txt"), HOSTILE);
    const code = await main(["node", "report-qc", "check", "corpus", join(evilDir, "hostile.txt"), "--out", out, "--quiet", "--exit-zero"], { stdout: sink(), stderr: sink() });
    expect(code).toBe(0);
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const docJson = (stem: string): DocumentResult => {
    const j = JSON.parse(readFileSync(join(out, `${stem}.json`), "utf8"));
    return (j.documents ? j.documents[0] : j) as DocumentResult;
  };
  async function open(name: string, width = 1440, height = 900): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(pathToFileURL(join(out, name)).href);
    await page.waitForSelector("html[data-ready]");
    return page;
  }

  test("the CLI ends by printing the dashboard path", () => {
    expect(stdout.trimEnd().split("\n").pop()).toContain(join(out, "index.html"));
  });

  test("every finding of every seed has exactly one highlight, at its text", async () => {
    const stems = readdirSync(out).filter((f) => /^\d{3}_.*\.html$/.test(f)).map((f) => f.replace(/\.html$/, ""));
    expect(stems.length).toBe(5);
    let total = 0;
    for (const stem of stems) {
      const doc = docJson(stem);
      const page = await open(`${stem}.html`);
      const seen = await page.evaluate(() => {
        const own = (el: Element, id: string): string => {
          let s = "";
          el.childNodes.forEach((c) => {
            if (c.nodeType === 3) s += c.textContent;
            else if (c instanceof Element) {
              if (c.matches(`mark.hl[data-f="${id}"]`)) return;
              s += c.matches("mark.hl") ? (c.textContent ?? "") : own(c, id);
            }
          });
          return s;
        };
        const res: Record<string, { heads: number; text: string }> = {};
        document.querySelectorAll("mark.hl").forEach((m) => {
          const id = m.getAttribute("data-f")!;
          const r = (res[id] ??= { heads: 0, text: "" });
          if (m.classList.contains("head")) r.heads++;
          r.text += own(m, id);
        });
        return { res, notes: document.querySelectorAll(".note[data-f]").length, text: document.getElementById("doc")!.textContent };
      });
      expect(Object.keys(seen.res).length, stem).toBe(doc.findings.length);
      expect(seen.notes, stem).toBe(doc.findings.length);
      doc.findings.forEach((f, i) => {
        expect(seen.res[i]?.heads, `${stem} #${i}`).toBe(1);
        expect(seen.res[i]?.text, `${stem} #${i}`).toBe(f.text);
      });
      expect(seen.text).toBe(readFileSync(doc.path, "utf8").replace(/^\uFEFF/, ""));
      total += doc.findings.length;
      if (stem.startsWith("001") || stem.startsWith("003") || stem.startsWith("000")) {
        await page.keyboard.press("n");
        await page.screenshot({ path: join(SHOTS, `review-${stem.slice(0, 3)}.png`) });
      }
      await page.close();
    }
    expect(total).toBeGreaterThan(0);
  });

  test("web-page chrome of seeds 000/002/004 is shown dimmed, holds no finding, and can be hidden", async () => {
    for (const stem of ["000_c49e41131fdb983c", "002_88355d0e2550c175", "004_b7fad94994891559"]) {
      const page = await open(`${stem}.html`);
      const info = await page.evaluate(() => {
        const chrome = Array.from(document.querySelectorAll(".chrome[data-kind=chrome]"));
        const text = document.querySelector("#doc")!;
        return {
          count: chrome.length,
          marked: chrome.filter((c) => c.querySelector("mark.hl")).length,
          dim: chrome.length ? getComputedStyle(chrome[0]!).color !== getComputedStyle(text).color : false,
        };
      });
      expect(info.count, stem).toBeGreaterThan(0);
      expect(info.marked, stem).toBe(0);
      expect(info.dim, stem).toBe(true);
      await page.uncheck("#show-chrome");
      expect(await page.isVisible(".chrome[data-kind=chrome] >> nth=0")).toBe(false);
      await page.close();
    }
  });

  test("a note with a related passage jumps to it (seed 001 repeats)", async () => {
    const doc = docJson("001_fd56e537edcebdc8");
    const i = doc.findings.findIndex((f) => (f.related ?? []).some((r) => !r.path));
    expect(i).toBeGreaterThanOrEqual(0);
    const page = await open("001_fd56e537edcebdc8.html");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click(`#note-${i} a.goto-rel`);
    const rel = doc.findings[i]!.related!.findIndex((r) => !r.path);
    const box = await page.$eval(`#r${i}-${rel}`, (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, h: window.innerHeight, text: el.textContent };
    });
    expect(box.bottom > 0 && box.top < box.h).toBe(true);
    expect(doc.findings[i]!.related![rel]!.text.startsWith(box.text!)).toBe(true);
    await page.close();
  });

  test("the hostile report: no script ran, its text is shown as written", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(join(out, "hostile.html")).href);
    await page.waitForSelector("html[data-ready]");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.textContent("#doc")).toBe(HOSTILE);
    expect(await page.$$eval("#doc img, #doc script, #doc a", (e) => e.length)).toBe(0);
    await page.screenshot({ path: join(SHOTS, "review-hostile.png") });
    await page.close();
  });

  test("the dashboard lists every document and sorts by a column", async () => {
    index = JSON.parse(readFileSync(join(out, "index.json"), "utf8"));
    const page = await open("index.html");
    const rows = () => page.$$eval("#docs-body tr", (trs) => trs.map((tr) => ({ path: tr.getAttribute("data-path"), errors: Number(tr.querySelector("td.e")!.textContent) })));
    const initial = await rows();
    expect(initial.length).toBe(6);
    for (const f of readdirSync("corpus").filter((f) => f.endsWith(".txt"))) expect(initial.some((r) => r.path!.endsWith(f))).toBe(true);
    await page.click('th[data-key="errors"]');
    const asc = (await rows()).map((r) => r.errors);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(await page.getAttribute('th[data-key="errors"]', "aria-sort")).toBe("ascending");
    await page.click('th[data-key="errors"]');
    const desc = (await rows()).map((r) => r.errors);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await page.click('th[data-key="unit"]');
    const units = await page.$$eval("#docs-body tr td:nth-child(2) a", (as) => as.map((a) => a.textContent ?? ""));
    expect(units).toEqual([...units].sort((a, b) => a.localeCompare(b, "zh-Hans-CN")));
    await page.fill("#q", "西联镇");
    expect((await rows()).length).toBe(1);
    await page.fill("#q", "");
    await page.screenshot({ path: join(SHOTS, "dashboard.png"), fullPage: true });
    // Each row links to an existing review.
    const hrefs = await page.$$eval("#docs-body a", (as) => as.map((a) => a.getAttribute("href")!));
    for (const h of hrefs) expect(readdirSync(out)).toContain(decodeURIComponent(h));
    await page.close();
  });
});
