/**
 * Line-level helpers: sentences and clauses, numbering markers, metadata lines, chrome lines, and the
 * signature/date/unit line shapes.
 */
import { describe, expect, it } from "vitest";
import { clauseSpans, sentenceSpans } from "../pipeline/text/sentences.js";
import { parseNumbering } from "../pipeline/text/numbering.js";
import { parseMetaLine } from "../pipeline/text/meta.js";
import { detectChromeLines, strongChromeId } from "../pipeline/text/chrome.js";
import { isDateLine, isUnitLine, splitUnitDateLine } from "../pipeline/text/lines.js";

function sentences(text: string): string[] {
  return sentenceSpans(text, 0, text.length).map(([s, e]) => text.slice(s, e));
}
function clauses(text: string): string[] {
  return clauseSpans(text, 0, text.length).map(([s, e]) => text.slice(s, e));
}

describe("sentences and clauses", () => {
  it("split at 。！？!? and keep closing quotes and brackets", () => {
    expect(sentences("  他说：“要依法行政。”然后落实！真的吗？是的?好")).toEqual(["他说：“要依法行政。”", "然后落实！", "真的吗？", "是的?", "好"]);
    expect(sentences("审结54件(含上年结转10件)。共收到26件；其中")).toEqual(["审结54件(含上年结转10件)。", "共收到26件；其中"]);
    expect(sentences("。。")).toEqual(["。。"]);
    expect(sentences("   ")).toEqual([]);
  });

  it("split clauses at ，,；;：: but not at 、 or inside numbers", () => {
    expect(clauses("受理51件,不予受理10件；审结54件：完毕。")).toEqual(["受理51件", "不予受理10件", "审结54件", "完毕"]);
    expect(clauses("市场监管、文化市场、交通运输等9个领域")).toEqual(["市场监管、文化市场、交通运输等9个领域"]);
    expect(clauses("发布时间:2021-12-13 16:07:17,共1,234件。”")).toEqual(["发布时间", "2021-12-13 16:07:17", "共1,234件"]);
    expect(clauses("落实“三项制度”")).toEqual(["落实“三项制度”"]);
  });
});

describe("parseNumbering", () => {
  it.each([
    ["一、2021年度主要工作", "cn-dun", 1, "一、"],
    ["十二、其他", "cn-dun", 12, "十二、"],
    ["(一)深入学习", "cn-paren", 1, "(一)"],
    ["（三）推进", "cn-paren", 3, "（三）"],
    ["1. 把学习贯彻", "arabic-dot", 1, "1."],
    ["2.强化", "arabic-dot", 2, "2."],
    ["3、推进", "arabic-dot", 3, "3、"],
    ["4．推进", "arabic-dot", 4, "4．"],
    ["(1)推进", "arabic-paren", 1, "(1)"],
    ["（12）推进", "arabic-paren", 12, "（12）"],
    ["一是完善工作机制", "cn-shi", 1, "一是"],
    ["第二，坚持", "cn-di", 2, "第二"],
    ["一、9 2019年度法治政府建设情况", "cn-dun", 1, "一、"],
  ])("%s → %s %d", (line, style, value, raw) => {
    expect(parseNumbering(line, 5)).toEqual({ style, value, raw, start: 5, end: 5 + raw.length });
  });

  it.each(["2021年,我区坚持", "1.5万人次参加", "第一责任人", "统一是关键", "一是否", "XX市人民政府", "2021.3.15发布"])("no marker in %s", (line) => {
    expect(parseNumbering(line)).toBeNull();
  });
});

describe("parseMetaLine", () => {
  it("reads several pairs on one line and keys written with spaces", () => {
    expect(parseMetaLine("来源:广州市番禺区人民政府 发布时间:2021-12-13 16:07:17 阅读次数:-")).toEqual([
      { key: "来源", value: "广州市番禺区人民政府" },
      { key: "发布时间", value: "2021-12-13 16:07:17" },
      { key: "阅读次数", value: "-" },
    ]);
    expect(parseMetaLine("文 号:无 |")).toEqual([{ key: "文号", value: "无" }]);
    expect(parseMetaLine("名 称:洪山区2020年度法治政府建设工作报告 |")).toEqual([{ key: "名称", value: "洪山区2020年度法治政府建设工作报告" }]);
    expect(parseMetaLine("信息来源：市司法局　发布日期：2021年3月1日")).toEqual([
      { key: "信息来源", value: "市司法局" },
      { key: "发布日期", value: "2021年3月1日" },
    ]);
  });

  it("rejects prose and unknown keys", () => {
    expect(parseMetaLine("来源于群众的意见,我们认真办理。")).toBeNull();
    expect(parseMetaLine("主要体现在:一是")).toBeNull();
    expect(parseMetaLine("时间:2021年,地点:本区。")).toBeNull();
  });
});

describe("chrome lines", () => {
  it("knows the strong patterns", () => {
    expect(strongChromeId("选择语言")).toBe("language");
    expect(strongChromeId("您当前所在位置: 首页 > 政务公开")).toBe("breadcrumb");
    expect(strongChromeId("扫一扫在手机打开当前页")).toBe("qr-code");
    expect(strongChromeId("站点地图智能问答")).toBe("site-map");
    expect(strongChromeId("版权所有:武汉市洪山区人民政府")).toBe("copyright");
    expect(strongChromeId("粤ICP备12345678号")).toBe("icp");
    expect(strongChromeId("今天是:2019年10月31日 星期三")).toBe("clock");
    expect(strongChromeId("【打印】 【字体:")).toBe("font-size");
    expect(strongChromeId("阅读次数:1024")).toBe("counter");
    expect(strongChromeId("分享到:")).toBe("share");
    expect(strongChromeId("关注 · 微信")).toBe("nav");
    expect(strongChromeId("|")).toBe("symbols");
    // Metadata and prose are not chrome.
    expect(strongChromeId("来源:广州市番禺区人民政府 发布时间:2021-12-13 16:07:17 阅读次数:-")).toBeNull();
    expect(strongChromeId("我们关注群众诉求,认真办理微信留言。")).toBeNull();
    expect(strongChromeId("二、存在问题")).toBeNull();
  });

  it("takes weak lines only between strong chrome or the page edge", () => {
    const lines = ["扫一扫在手机打开当前页", "穗好办", "", "某某平台", "• 扫一扫"];
    expect(detectChromeLines(lines)).toEqual([true, true, false, true, true]);
    // The same short line inside the report stays.
    expect(detectChromeLines(["关于2021年度法治政府建设情况的报告", "某某平台", "正文。", "扫一扫在手机打开当前页"])).toEqual([false, false, false, true]);
    // A signature before the footer is not chrome.
    expect(detectChromeLines(["正文。", "韶关市武江区西联镇人民政府", "2021年12月15日", "站点地图"])).toEqual([false, false, false, true]);
  });

  it("takes an empty 附件: label only when chrome follows it to the end", () => {
    expect(detectChromeLines(["正文。", "附件:", "扫一扫在手机打开当前页"])).toEqual([false, true, true]);
    expect(detectChromeLines(["正文。", "附件:", "1.工作清单", "扫一扫在手机打开当前页"])).toEqual([false, false, false, true]);
  });
});

describe("signature line shapes", () => {
  it("recognises date lines, unit lines and unit+date lines", () => {
    expect(isDateLine("2021年12月15日")).toBe(true);
    expect(isDateLine("二〇二一年十二月十五日")).toBe(true);
    expect(isDateLine("2021年12月15日召开会议")).toBe(false);
    expect(isUnitLine("韶关市武江区西联镇人民政府")).toBe(true);
    expect(isUnitLine("中共洪山区委全面依法治区委员会办公室")).toBe(true);
    expect(isUnitLine("二、存在问题")).toBe(false);
    expect(isUnitLine("穗好办")).toBe(false);
    expect(splitUnitDateLine("XX 市人民政府2020年1月10日")).toEqual({ unit: "XX 市人民政府", date: "2020年1月10日", dateStart: 8 });
    expect(splitUnitDateLine("我市召开会议2020年1月10日")).toBeNull();
  });
});
