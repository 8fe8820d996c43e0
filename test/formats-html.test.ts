import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { declaredCharset, extractPage, htmlReader, isHtml, normalizeDate } from "../pipeline/formats/html.js";
import { ingestBuffer } from "../pipeline/stages/ingest.js";

const seed = readFileSync("corpus/004_b7fad94994891559.txt", "utf8");
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** Seed 004's report body (from its title on, before the page footer). */
const body = seed.split(/\n/).map((l) => l.trim()).filter(Boolean);
const titleAt = body.findIndex((l) => /关于.*报告/.test(l));
const title = body[titleAt]!;
const prose = body.slice(titleAt + 1).filter((l) => !/扫一扫|^-$|打印|发布时间/.test(l));

/** A government portal page as saved by a browser: navigation, breadcrumb, article, share bar, footer. */
function govPage(charset: string): string {
  return `<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<title>${esc(title)}_广州市荔湾区人民政府门户网站</title>
<meta name="SiteName" content="广州市荔湾区人民政府门户网站">
<meta name="ArticleTitle" content="${esc(title)}">
<meta name="PubDate" content="2025-03-28 10:21">
<meta name="ContentSource" content="广州市荔湾区人民政府东漖街道办事处">
<style>.nav a{margin:0 1em}</style><script>var tracker = 1;</script>
</head><body>
<div class="header"><a href="#">选择语言</a> <a href="#">无障碍浏览</a> 今天是：2025年3月28日 星期五</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hdjl">互动交流</a></li></ul>
<div class="location">您当前所在位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<div class="article">
  <h1>${esc(title)}</h1>
  <div class="info">来源：东漖街道办事处 发布时间：2025-03-28 10:21 字体大小：大 中 小</div>
  <div class="content" id="zoom">
${prose.map((p) => `    <p style="text-indent:2em">${esc(p)}</p>`).join("\n")}
  </div>
  <div class="share">分享到：微信 微博 扫一扫在手机打开当前页</div>
</div>
<div class="footer">网站地图 | 联系我们 | 版权所有：广州市荔湾区人民政府 粤ICP备05008883号 粤公网安备 44010302000111号</div>
</body></html>`;
}

describe("saved web pages (.html/.htm)", () => {
  test("a GBK page is decoded per its meta charset; the article is extracted without navigation and footer", async () => {
    const buf = iconv.encode(govPage("gb2312"), "gbk");
    expect(declaredCharset(buf)).toBe("gb2312");
    expect(isHtml(buf)).toBe(true);
    const raw = await ingestBuffer(buf, "page.htm");
    expect(raw.format).toBe("html");
    expect(raw.encoding).toBe("gb18030");
    expect(raw.meta.title).toBe(title);
    expect(raw.meta.publishedDate).toBe("2025-03-28");
    expect(raw.meta.sourceForm).toBe("web page");
    const lines = raw.original.split(/\n/).filter(Boolean);
    expect(lines[0]).toBe(title);
    for (const p of prose) expect(lines).toContain(p);
    for (const chrome of ["选择语言", "政务公开", "版权所有", "ICP备", "分享到", "var tracker"]) expect(raw.original).not.toContain(chrome);
  });

  test("a UTF-8 page with a different extension is detected by content", async () => {
    const raw = await ingestBuffer(Buffer.from(govPage("utf-8")), "saved-page.txt");
    expect(raw.format).toBe("html");
    expect(raw.encoding).toBe("utf-8");
    expect(raw.original).toContain(prose[0]!);
  });

  test("a short page without an article falls back to the body heuristic; <br> separates lines", () => {
    const page = extractPage(`<html><head><title>通知 - 某局</title></head><body><nav>首页 新闻</nav><div>第一行<br>第二行</div><footer>版权所有</footer></body></html>`);
    expect(page.title).toBe("通知");
    expect(page.lines).toEqual(["通知", "第一行", "第二行"]);
  });

  test("dates from metadata in the usual shapes", () => {
    expect(normalizeDate("2021-12-13 16:07:17")).toBe("2021-12-13");
    expect(normalizeDate("2021/3/9")).toBe("2021-03-09");
    expect(normalizeDate("20211213160717")).toBe("2021-12-13");
    expect(normalizeDate("2021年12月13日")).toBe("2021-12-13");
    expect(normalizeDate("2021-12-13T08:00:00+08:00")).toBe("2021-12-13");
    expect(normalizeDate("soon")).toBeNull();
  });

  test("plain text that merely mentions <html> later is not taken for a page", () => {
    expect(isHtml(Buffer.from("报告正文，其中提到 <html> 标签。"))).toBe(false);
    expect(htmlReader.extensions).toContain(".htm");
  });

  test("the metadata block Readability leaves out (来源/发布时间/文号 …) is kept before the body", () => {
    const para = "2020年，我区以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党中央关于全面依法治国的决策部署，法治政府建设取得积极成效。".repeat(3);
    const page = extractPage(`<html><head><title>洪山区2020年度法治政府建设工作报告</title></head><body>
<table class="xxgk"><tr><td>文 号:无</td><td>发文机构:中共洪山区委全面依法治区委员会办公室</td></tr><tr><td>成文日期:2021-02-18</td><td>名 称:洪山区2020年度法治政府建设工作报告</td></tr></table>
<div id="zoom"><p>${para}</p><p>${para}</p><p>一、工作开展情况</p><p>${para}</p></div><div class="footer">版权所有</div></body></html>`);
    expect(page.method).toBe("readability");
    // The title is already there (名称 line), so it is not added again.
    expect(page.lines.slice(0, 4)).toEqual(["文 号:无", "发文机构:中共洪山区委全面依法治区委员会办公室", "成文日期:2021-02-18", "名 称:洪山区2020年度法治政府建设工作报告"]);
    expect(page.lines[4]).toMatch(/^2020年，我区/);
    expect(page.lines).not.toContain("版权所有");
  });
});
