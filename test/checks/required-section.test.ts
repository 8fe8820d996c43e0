import { ruleTester } from "../helpers/rule-tester.js";

const TITLE = "广州市荔湾区人民政府东漖街道办事处关于2024年度法治政府建设情况的报告\n";
const FULL = [
  "一、2024年推进法治政府建设的主要工作情况",
  "（一）加强党对法治政府建设工作的领导",
  "一是深入学习领会习近平法治思想。持续深入学习贯彻党的二十大精神。",
  "二、党政主要负责人履行推进法治建设第一责任人职责情况",
  "街道党工委书记带头述法，研究部署法治建设工作。",
  "三、2024年度推进法治政府建设存在的不足和原因",
  "一是法治理论学习还不深入。",
  "四、2025年推进法治建设重点工作计划",
  "一是深入学习贯彻落实习近平法治思想。",
  "五、其他需要报告的情况",
  "无。",
].join("\n");

ruleTester.run("required-section", {
  valid: [
    { name: "all five parts", text: TITLE + FULL },
    { name: "another genre (政府工作报告) is not checked", text: "2026年广东省政府工作报告\n一、2025年工作回顾\n二、2026年工作安排\n" },
    { name: "no recognisable title: not checked", text: "一、工作开展情况\n二、下一步工作计划\n" },
    {
      name: "wording variants: 工作开展情况 / 存在的问题与不足 / 2021年工作计划; 第一责任人 in a numbered lead",
      text: "洪山区2020年度法治政府建设工作报告\n一、工作开展情况\n（一）完善工作机制\n1.落实党政主要负责人履行推进法治建设第一责任人职责。区委书记带头述法。\n二、存在的问题与不足\n三、2021年工作计划\n四、其他事项\n无。",
    },
    { name: "a rule that skips the 'other' part", text: TITLE + FULL.replace("五、其他需要报告的情况\n无。", ""), options: { skip: ["other"] } },
  ],
  invalid: [
    {
      name: "no 第一责任人 part (seed 004 shape): a mention inside a measures paragraph does not count",
      text: TITLE + FULL.replace("二、党政主要负责人履行推进法治建设第一责任人职责情况\n街道党工委书记带头述法，研究部署法治建设工作。\n", "（二）加强产业法治保障\n一是强化组织领导。履行推进法治政府建设第一责任人职责，确立分级走访机制。\n"),
      findings: [{ text: "广州市荔湾区人民政府东漖街道办事处关于2024年度法治政府建设情况的报告", messageIncludes: "第一责任人", evidence: { partId: "first-responsible" } }],
    },
    {
      name: "第一责任人 only in next year's plan does not count",
      text: "XX市人民政府关于2019年度法治政府建设情况的报告\n一、2019年度法治政府建设情况\n二、工作存在的不足\n三、2020年工作计划\n（一）加强统筹推进工作，落实法治建设第一责任人制度。\n四、其他需要报告的情况",
      findings: [{ evidence: { partId: "first-responsible" } }],
    },
    {
      name: "only some parts checked (only: [plans, shortcomings])",
      text: "西联镇2021年法治政府建设年度报告\n一、聚焦法治政府率先取得突破情况\n二、存在问题\n",
      options: { only: ["plans", "shortcomings"] },
      findings: [{ evidence: { partId: "plans" }, messageIncludes: "下一年度推进法治政府建设的主要安排" }],
    },
    {
      name: "a province adds a part",
      text: TITLE + FULL,
      options: { extraParts: [{ id: "digital", name: { zh: "数字法治政府建设情况", en: "digital government" }, headings: ["数字法治政府"] }] },
      findings: [{ evidence: { partId: "digital" } }],
    },
    { name: "English message", lang: "en", text: TITLE + FULL.replace("五、其他需要报告的情况\n无。", ""), findings: [{ messageIncludes: "Required part not found: “other matters to report”" }] },
  ],
});
