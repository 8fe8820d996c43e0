/**
 * Normalize stage: invariants and the offset round trip on every seed, chrome on the web-page seeds,
 * page-break rejoins and dropped spaces on the PDF seed, and small synthetic cases.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { NormalizedDocument, RawDocument } from "../pipeline/model/document.js";
import { normalize, shouldRejoin } from "../pipeline/stages/normalize.js";
// Deterministic PRNG (mulberry32) so a failure can be replayed; the benchmark uses the same one.
import { rng } from "../bench/synthetic.js";

const CORPUS = new URL("../corpus/", import.meta.url);
const SEEDS = ["000_c49e41131fdb983c.txt", "001_fd56e537edcebdc8.txt", "002_88355d0e2550c175.txt", "003_8388e48a1664613c.txt", "004_b7fad94994891559.txt"];

function raw(original: string, path = "t.txt"): RawDocument {
  return { path, format: "txt", encoding: "utf-8", original, meta: {} };
}
function seed(name: string): string {
  return readFileSync(new URL(name, CORPUS), "utf8");
}
function norm(original: string): NormalizedDocument {
  return normalize(raw(original));
}

/** What normalization may change, undone: width folding, and every kind of whitespace removed. */
function comparable(s: string): string {
  return s
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u00a0\u3000\u200b-\u200d\ufeff]/gu, "");
}


function noiseTexts(doc: NormalizedDocument, kind = "chrome"): string[] {
  return doc.noise.filter((n) => n.kind === kind).map((n) => doc.text.slice(n.start, n.end));
}

function isNoise(doc: NormalizedDocument, start: number, end: number): boolean {
  return doc.noise.some((n) => n.start < end && start < n.end);
}

describe("normalize: invariants on every seed", () => {
  for (const name of SEEDS) {
    describe(name, () => {
      const original = seed(name);
      const doc = norm(original);

      it("keeps no CR, odd spaces or full-width digits/letters", () => {
        expect(doc.text).not.toMatch(/[\r\t\u00a0\u3000\u200b\ufeff]/u);
        expect(doc.text).not.toMatch(/[０-９Ａ-Ｚａ-ｚ]/u);
        expect(doc.map.normalizedLength).toBe(doc.text.length);
        expect(doc.raw).toBe(doc.raw);
      });

      it("maps every normalized code unit to the original unit it came from", () => {
        for (let i = 0; i < doc.text.length; i++) {
          const [s, e] = doc.map.toOriginal(i, i + 1);
          expect(e - s).toBe(1);
          const o = original[s]!;
          const n = doc.text[i]!;
          if (n === " ") expect(o).toMatch(/[ \t\u00a0\u3000\u2000-\u200a\u202f\u205f]/u);
          else if (n === "\n") expect(o).toMatch(/[\r\n]/u);
          else expect(comparable(o)).toBe(comparable(n));
        }
      });

      it("round-trips random spans: normalized slice ≡ folded original slice without whitespace", () => {
        const next = rng(name.charCodeAt(2) * 7919);
        const n = doc.text.length;
        for (let k = 0; k < 500; k++) {
          const s = Math.floor(next() * n);
          const e = Math.min(n, s + 1 + Math.floor(next() * 200));
          const [os, oe] = doc.map.toOriginal(s, e);
          expect(os).toBeLessThanOrEqual(oe);
          expect(comparable(original.slice(os, oe))).toBe(comparable(doc.text.slice(s, e)));
        }
        // The whole text too.
        const [os, oe] = doc.map.toOriginal(0, n);
        expect(comparable(original.slice(os, oe))).toBe(comparable(doc.text));
      });

      it("has sorted, disjoint, non-empty noise spans inside the text", () => {
        let prev = -1;
        for (const s of doc.noise) {
          expect(s.start).toBeGreaterThan(prev);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.end).toBeLessThanOrEqual(doc.text.length);
          expect(doc.text.slice(s.start, s.end)).not.toMatch(/\n/u);
          prev = s.end - 1;
        }
      });
    });
  }
});

describe("normalize: web-page chrome (seeds 000, 002, 004)", () => {
  it("seed 000: navigation and QR/mini-program links are chrome; title, metadata and body are not", () => {
    const doc = norm(seed("000_c49e41131fdb983c.txt"));
    expect(noiseTexts(doc)).toEqual([
      "选择语言",
      "您当前所在位置: 首页 > 政务公开 > 法治政府建设 > 区本级",
      "字体大小:",
      "附件:",
      "扫一扫在手机打开当前页",
      "穗好办",
      "• 扫一扫",
      "添加",
      "“穗好办”",
      "小程序",
      "手机版",
      "智能问答",
      "微信",
      "• 番禺政府网",
      "关注 · 微信",
      "机构专页",
    ]);
    for (const body of ["广州市番禺区人民政府关于2021年度法治政府建设情况的报告", "来源:广州市番禺区人民政府 发布时间:2021-12-13 16:07:17 阅读次数:-", "一、2021年度主要工作和成效", "(七)搭建矛盾纠纷多元化解平台"]) {
      const at = doc.text.indexOf(body);
      expect(at, body).toBeGreaterThanOrEqual(0);
      expect(isNoise(doc, at, at + body.length), body).toBe(false);
    }
  });

  it("seed 002: layout bars and the site footer are chrome; metadata, body and signature are not", () => {
    const doc = norm(seed("002_88355d0e2550c175.txt"));
    const chrome = noiseTexts(doc);
    expect(chrome.slice(0, 3)).toEqual(["|", "|", "站点地图智能问答"]);
    expect(chrome).toHaveLength(6);
    expect(chrome[3]).toMatch(/^版权所有:武汉市洪山区人民政府 \| 鄂ICP备05009168/u);
    expect(chrome[4]).toMatch(/^主办单位:武汉市洪山区政府办公室/u);
    expect(chrome[5]).toMatch(/^政府各机构联系电话 \| 网站技术支持/u);
    for (const body of ["文 号:无 |", "成文日期:2021-02-18 16:35 |", "名 称:洪山区2020年度法治政府建设工作报告 |", "中共洪山区委全面依法治区委员会办公室\n2021年2月18日"]) {
      const at = doc.text.indexOf(body);
      expect(at, body).toBeGreaterThanOrEqual(0);
      expect(isNoise(doc, at, at + body.length), body).toBe(false);
    }
  });

  it("seed 004: breadcrumb, print/font bar and the QR prompt are chrome; the report is not", () => {
    const doc = norm(seed("004_b7fad94994891559.txt"));
    expect(noiseTexts(doc)).toEqual(["当前位置:首页 > 专题专栏 > 法治政府建设", "【打印】 【字体:", "扫一扫在手机打开当前页", "-"]);
    const title = "广州市荔湾区人民政府东漖街道办事处关于2024年度法治政府建设情况的报告";
    const meta = "发布时间: 2025-01-15 来源: 东漖街 浏览次数:-";
    for (const body of [title, meta, "五是提升法治建设质效"]) {
      const at = doc.text.indexOf(body);
      expect(at, body).toBeGreaterThanOrEqual(0);
      expect(isNoise(doc, at, at + body.length), body).toBe(false);
    }
  });

  it("seeds 001 and 003 (no web page) have no chrome", () => {
    expect(norm(seed("001_fd56e537edcebdc8.txt")).noise).toEqual([]);
    expect(norm(seed("003_8388e48a1664613c.txt")).noise).toEqual([]);
  });

  it("a stale page clock and footer lines are chrome wherever they are", () => {
    const doc = norm("今天是:2019年10月31日 星期三\n关于2020年度法治政府建设情况的报告\n正文第一段。\n网站标识码:4201110038\n责任编辑:张三");
    expect(noiseTexts(doc)).toEqual(["今天是:2019年10月31日 星期三", "网站标识码:4201110038", "责任编辑:张三"]);
  });
});

describe("normalize: PDF extraction noise (seed 003)", () => {
  const original = seed("003_8388e48a1664613c.txt");
  const doc = norm(original);

  it("rejoins sentences broken by page breaks", () => {
    expect(original).toContain("探索构\n\n 建分类快审机制");
    expect(doc.text).toContain("探索构建分类快审机制");
    expect(doc.text).toContain("二是加强人民调解工作。坚持发展“枫桥经验”");
    expect(doc.text).toContain("履行推进法治建设第一责任人制度有待进一步深化");
    expect(doc.text).toContain("高标准开展我市示范创建工作,以示范创建促法治建设");
    expect(doc.text).toContain("深入推进社会信用体系建设,激活各类沉淀数据");
    // A bracket left open at the page end continues on the next page even though it starts with a digit.
    expect(doc.text).toContain("制定并公布《XX 市人民政府2019年度重大行政决策事项目录》");
  });

  it("does not join headings, titles or a new numbered item", () => {
    const lines = doc.text.split("\n").map((l) => l.trim()).filter(Boolean);
    expect(lines[0]).toBe("XX市人民政府对于2020年度法治政府建设情况报告");
    expect(lines).toContain("一、9 2019年度法治政府建设情况");
    expect(lines).toContain("二、工作存在的不足");
    expect(lines).toContain("三、0 2020年工作计划");
    // 活动, at a page end followed by （七）: a new item, not a continuation.
    expect(lines.some((l) => l.startsWith("(七)加强依法行政组织保障和机制落实"))).toBe(true);
    expect(lines.at(-1)).toBe("XX 市人民政府2020年1月10日");
  });

  it("drops spaces between numbers and their units, keeps spaces between two numbers", () => {
    expect(original).toContain("2019 年");
    expect(doc.text).toContain("2019年");
    expect(doc.text).not.toMatch(/\d [年月日件个项人%]/u);
    expect(doc.text).toContain("调处成功率为98.99%");
    expect(doc.text).toContain("形成清理目录746件(保留350件、修改42件、宣布失效354件)");
    expect(doc.text).toContain("聘请100名专家");
    expect(doc.text).toContain("9 2019年度");
    expect(doc.text).toContain("0 2020年工作计划");
    // Latin placeholders keep their spaces (the placeholder check quotes `XX 市`).
    expect(doc.text).toContain("XX 市推进政府职能转变");
  });
});

describe("normalize: synthetic cases", () => {
  it("folds full-width digits and letters one for one and keeps punctuation", () => {
    const doc = norm("２０２１年受理ＡＢＣ类案件１２件，占９８．５％。");
    expect(doc.text).toBe("2021年受理ABC类案件12件，占98.5%。");
    expect(doc.map.toOriginal(0, 4)).toEqual([0, 4]);
  });

  it("turns CRLF into LF and drops BOM and zero-width characters", () => {
    const doc = norm("\ufeff第一行。\r\n第二\u200b行。\r第三行");
    expect(doc.text).toBe("第一行。\n第二行。\n第三行");
    const at = doc.text.indexOf("第三行");
    expect(doc.map.toOriginal(at, at + 3)).toEqual([doc.raw.original.indexOf("第三行"), doc.raw.original.length]);
  });

  it("drops PDF spaces around numbers but not between fields or numbers", () => {
    expect(norm("共 350 件，增长 5 %，历时 5 个工作日，第 3 批").text).toBe("共350件，增长5%，历时5个工作日，第3批");
    expect(norm("2020 年 1 月 10 日").text).toBe("2020年1月10日");
    expect(norm("98 .5%").text).toBe("98.5%");
    expect(norm("关于 9 2019 年度").text).toBe("关于9 2019年度");
    expect(norm("发布时间:2021-12-13 16:07:17 阅读次数:-").text).toBe("发布时间:2021-12-13 16:07:17 阅读次数:-");
    expect(norm("1.\u00a0把学习\u3000贯彻").text).toBe("1. 把学习 贯彻");
  });

  it("rejoins across a page number and deletes it; a page number alone is noise", () => {
    const joined = norm("我市坚持依法行政，全面推进政务公开，探索构\n\n- 3 -\n\n建分类快审机制，推行联合验收。");
    expect(joined.text).toBe("我市坚持依法行政，全面推进政务公开，探索构建分类快审机制，推行联合验收。");
    expect(joined.noise).toEqual([]);
    const alone = norm("我市坚持依法行政，全面推进政务公开。\n\n12\n\n下一段落开始了，内容很长很长。");
    expect(alone.noise).toHaveLength(1);
    expect(alone.noise[0]!.kind).toBe("page-number");
    expect(alone.text.slice(alone.noise[0]!.start, alone.noise[0]!.end)).toBe("12");
  });

  it("shouldRejoin is conservative", () => {
    const prose = "我市坚持依法行政，全面推进政务公开工作，探索构";
    expect(shouldRejoin(prose, "建分类快审机制，推行联合验收。")).toBe(true);
    // The first line is finished.
    expect(shouldRejoin("我市坚持依法行政，全面推进政务公开工作。", "建立分类快审机制，推行联合验收。")).toBe(false);
    // A heading (marker, no sentence end) is never continued.
    expect(shouldRejoin("（一）加强组织领导，完善法治政府建设工作机制", "我们坚持把法治政府建设摆在重要位置，统筹推进。")).toBe(false);
    // A title has no prose punctuation.
    expect(shouldRejoin("广州市番禺区人民政府关于2021年度法治政府建设情况的报告", "2021年，番禺区委、区政府坚持以习近平法治思想为指导。")).toBe(false);
    // The next line starts a numbered item, a signature or a short label.
    expect(shouldRejoin(prose, "二是加强人民调解工作。")).toBe(false);
    expect(shouldRejoin(prose, "1.完善工作机制。")).toBe(false);
    expect(shouldRejoin(prose, "韶关市武江区西联镇人民政府")).toBe(false);
    expect(shouldRejoin(prose, "2021年12月15日")).toBe(false);
    expect(shouldRejoin(prose, "附件")).toBe(false);
    expect(shouldRejoin(prose, "XX 市人民政府")).toBe(false);
  });

  it("keeps the map exact on random messy input (fuzz)", () => {
    const alphabet = ["年", "件", "市", "法", "治", "，", "。", "、", "(", "一", "二", "1", "9", "０", "５", "Ａ", "ｂ", "％", "．", ".", "%", " ", "\u00a0", "\u3000", "\t", "\n", "\r\n", "\r", "\ufeff", "\u200b", "X"];
    const next = rng(42);
    for (let k = 0; k < 300; k++) {
      let original = "";
      const len = Math.floor(next() * 120);
      for (let i = 0; i < len; i++) original += alphabet[Math.floor(next() * alphabet.length)]!;
      const doc = norm(original);
      let prevSource = -1;
      for (let i = 0; i < doc.text.length; i++) {
        const [s] = doc.map.toOriginal(i, i + 1);
        expect(s).toBeGreaterThan(prevSource);
        prevSource = s;
        const o = original[s]!;
        const n = doc.text[i]!;
        if (n === " ") expect(o).toMatch(/[ \t\u00a0\u3000]/u);
        else if (n === "\n") expect(o).toMatch(/[\r\n]/u);
        else expect(comparable(o)).toBe(comparable(n));
      }
      expect(doc.map.toOriginal(0, doc.text.length)[1]).toBeLessThanOrEqual(original.length);
    }
  });

  it("does not join lines without a blank line between them (plain-text reports)", () => {
    const doc = norm("我市坚持依法行政，全面推进政务公开工作，探索构\n建分类快审机制，推行联合验收。");
    expect(doc.text).toContain("\n");
  });
});
