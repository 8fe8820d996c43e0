import { ruleTester } from "../helpers/rule-tester.js";

ruleTester.run("extraction-noise", {
  valid: [
    { name: "ordinary report text", text: "一、2021年度主要工作和成效\n（一）深入学习贯彻习近平法治思想\n全年办理案件435件，同比上升165.24%。" },
    { name: "a speech address repeated is not a watermark", text: "各位代表！\n过去一年成绩来之不易。\n各位代表！\n新的一年任务艰巨。\n各位代表！\n让我们团结奋斗。" },
    { name: "a run-in heading line followed by its paragraph is not a broken sentence (lawtext 盘锦 2021)", text: "城镇登记失业率控制在3%以内。\n第一，聚焦高质量发展抓转型图振兴\n做大做强石化及精细化工产业，推进重大项目建设。\n——突出抓经济运行，稳增长取得新成效\n把稳工业作为稳增长的关键，采取一系列措施。" },
    { name: "accented Latin word is not mojibake", text: "引进Café连锁品牌。" },
    {
      name: "table unit notes and header rows repeat with every table of a communiqué (lawtext 统计公报 2010)",
      text: ["表1：2010年主要工业产品产量", "单位：亿元", "指标 单位 绝对数 比上年增长%", "原煤 亿吨 32.4 8.9", "原油 亿吨 2.03 6.9", "全年全部工业增加值比上年增长12.1%。", "表2：2010年房地产开发", "单位：亿元", "指标 单位 绝对数 比上年增长%", "投资完成额 亿元 48267 33.2", "其中：商品住宅 亿元 34038 32.9", "全年房地产开发投资增长33.2%。", "表3：2010年货物运输量", "单位：亿元", "指标 单位 绝对数 比上年增长%", "货物运输总量 亿吨 320.3 13.4", "铁路 亿吨 36.4 9.3"].join("\n"),
    },
  ],
  invalid: [
    {
      name: "list numbers glued to years (seed 003)",
      text: " X XX 市人民政府关于 9 2019 年度法治政府建设情况的报告\n\n 一、9 2019 年度法治政府建设情况\n\n 三、0 2020 年工作计划",
      findings: [{ text: "X", evidence: { kind: "stray-char" } }, { text: "9", evidence: { kind: "glued-number", year: 2019 } }, { text: "9", messageIncludes: "与年份“2019”粘连" }, { text: "0", evidence: { kind: "glued-number", year: 2020 } }],
    },
    { name: "page counter on its own line", text: "全面推进依法行政。\n第3页 / 共34页\n加强监督。", findings: [{ text: "第3页 / 共34页", evidence: { kind: "page-number" } }] },
    { name: "mojibake", text: "推进锟斤拷法治建设，完善\uFFFD\uFFFD制度。", findings: [{ text: "锟斤拷", evidence: { kind: "mojibake" } }, { text: "\uFFFD\uFFFD" }] },
    {
      name: "a running header repeated on every page",
      text: "XX市司法局内部资料\n第一段内容较长，说明工作开展情况。\n第二段。\n第三段。\n第四段。\n第五段。\nXX市司法局内部资料\n第六段。\n第七段。\n第八段。\n第九段。\n第十段。\nXX市司法局内部资料\n结束。",
      findings: [{ text: "XX市司法局内部资料", evidence: { kind: "repeated-line", count: 3 } }, { text: "XX市司法局内部资料" }, { text: "XX市司法局内部资料" }],
    },
    {
      name: "a running header repeated on every page above a table row is still a running header when prose follows elsewhere",
      text: "XX市统计局内部资料\n第一段内容较长，说明工作开展情况。\n第二段。\n第三段。\n第四段。\n第五段。\nXX市统计局内部资料\n第六段。\n第七段。\n第八段。\n第九段。\n第十段。\nXX市统计局内部资料\n原煤 亿吨 32.4 8.9",
      findings: [{ text: "XX市统计局内部资料", evidence: { kind: "repeated-line", count: 3 } }, { text: "XX市统计局内部资料" }, { text: "XX市统计局内部资料" }],
    },
    { name: "configured watermark", text: "全面推进依法行政。仅供内部参考\n加强监督。", options: { watermarks: ["仅供内部参考"] }, findings: [{ text: "仅供内部参考" }] },
    {
      name: "a sentence broken by a page break (seed 003), rejoined by normalize",
      text: "（一）依法全面履行政府职能。一是完善工作机制。深化行政审批制度改革，探索构\n\n 建分类快审机制，推行联合勘踏测绘验收工作机制。",
      findings: [{ text: "构\n\n 建", evidence: { kind: "broken-line" } }],
    },
    {
      name: "a long PDF line without a full stop broken mid-word is still a broken sentence (seed 003)",
      text: "2019 年我市法治政府建设工作虽然取得了一定成效,但对标对表国内一流地区,仍然存在一些薄弱环节和不足,主要体现在以下方面:一是全面落实党政主要负责人履行推进法治\n\n 建设第一责任人制度有待进一步深化。",
      findings: [{ text: "治\n\n 建", evidence: { kind: "broken-line" } }],
    },
    { name: "a heading marker split over two lines (gwr2026 云南)", text: "（二）产业发展提质增效。\n（\n三）改革开放持续深化、互促共进。", findings: [{ text: "（\n三）", evidence: { kind: "split-marker", marker: "（三）" } }] },
  ],
});
