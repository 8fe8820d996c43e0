import { ruleTester } from "../helpers/rule-tester.js";

ruleTester.run("punctuation", {
  valid: [
    { name: "balanced pairs of both widths", text: "专题学习《法治中国建设规划（2020—2025年）》，推行“双随机、一公开”监管(含“互联网+监管”)。" },
    { name: "list markers 1） a) are not unmatched brackets", text: "主要措施：1）完善制度；2）加强监督；a)公开透明。" },
    { name: "multi-paragraph quotation opens each paragraph", text: "会议强调：“要提高政治站位。\n“要紧扣职能实际，推动落地落实。”" },
    { name: "half-width punctuation is fine by default (archives)", text: "2021年,番禺区委、区政府坚持以习近平法治思想为指导:一是学习(含专题学习)。" },
    { name: "numbers and times keep half-width marks", text: "会议于16:07开始，共1,000件，增长2.5%，详见www.gz.gov.cn。", options: { fullWidth: true } },
    { name: "document numbers with 〔〕; court case numbers are not document numbers", text: "印发《关于加强法治政府建设的意见》（穗府〔2024〕3号），审理(2021)粤0113民初123号案件。" },
    { name: "year ranges with the dash or ～", text: "《法治政府建设实施纲要（2021—2025年）》和2021～2025年规划。" },
    { name: "a pair split across lines by extraction", text: "【字号：\n加大\n】" },
    { name: "truncated extract at the end", text: "全面贯彻党的十九大和十九届二中、三中、四中全会精神，深入推进“放管服" },
    { name: "ellipsis and dash are not doubled punctuation", text: "主要包括……等方面——尤其是执法领域。" },
  ],
  invalid: [
    { name: "unclosed book title", text: "学习《法治政府建设实施纲要。会议要求落实。", findings: [{ text: "《", messageIncludes: "没有对应的“》”" }] },
    { name: "unopened closing quote", text: "推行双随机、一公开”监管模式。", findings: [{ text: "”", messageIncludes: "前面没有对应的““”" }] },
    { name: "wrongly nested", text: "学习“《民法典”》精神。", findings: [{ text: "”", messageIncludes: "嵌套错误", related: ["《"] }] },
    { name: "doubled and conflicting marks", text: "完善工作机制。。加强监督，。推进改革,。", findings: [{ text: "。。" }, { text: "，。" }, { text: ",。" }] },
    {
      name: "half-width marks in Chinese text when the rule set asks for full width",
      text: "2021年,番禺区坚持依法行政:一是学习(专题学习)。",
      options: { fullWidth: true },
      findings: [{ text: ",", suggestion: "，" }, { text: ":", suggestion: "：" }, { text: "(", suggestion: "（" }, { text: ")", suggestion: "）" }],
    },
    {
      name: "document numbers with [] or （）",
      text: "印发《通知》（穗府[2024]3号）和粤府办（2020）12号文件。",
      findings: [{ text: "[2024]3号", suggestion: "〔2024〕3号", evidence: { year: 2024, number: 3 } }, { text: "（2020）12号", suggestion: "〔2020〕12号" }],
    },
    {
      name: "year range with a hyphen (seed 001) and a lost dash",
      text: "专题学习《法治中国建设规划(2020-2025年)》和规划(20212025年)。",
      findings: [{ text: "2020-2025", suggestion: "2020—2025" }, { text: "20212025", messageIncludes: "缺少连接号", suggestion: "2021—2025" }],
    },
    { name: "a title inside a title uses 〈〉 (seed 002)", text: "以《洪山区贯彻落实<武汉市法治政府建设实施方案>的实施细则》为抓手。", findings: [{ text: "<武汉市法治政府建设实施方案>", suggestion: "〈武汉市法治政府建设实施方案〉" }] },
    { name: "English message", lang: "en", text: "完善机制。。", findings: [{ messageIncludes: "Doubled or conflicting punctuation" }] },
  ],
});
