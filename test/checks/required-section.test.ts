import { ruleTester } from "../helpers/rule-tester.js";

// The parts are checked on a complete report only (stages/profile.ts: a text of report length with a body).
const BODY =
  "2024年，街道在区委、区政府的正确领导下，深入学习贯彻习近平法治思想，认真落实《法治政府建设实施纲要（2021—2025年）》，围绕中心、服务大局，扎实推进依法行政各项工作，法治政府建设取得新成效。现将有关情况报告如下。\n" +
  "全年共组织领导干部学法活动12次，开展法治宣传活动36场，受众1.2万人次；办理行政复议答复3件，行政诉讼应诉2件，均依法按时办结，未发生因行政行为违法被纠错的情况。\n" +
  "街道坚持把法治建设作为一把手工程，主要负责人亲自部署、亲自协调、亲自督办，班子成员按照分工抓好分管领域的法治建设，形成了齐抓共管的工作格局。\n" +
  "深入推进严格规范公正文明执法，全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，组织执法人员参加业务培训4期，执法规范化水平进一步提升。\n";
/** A short outline made a complete report: the body paragraphs go after its first line. */
const withBody = (text: string) => text.replace("\n", "\n" + BODY);
const TITLE = "广州市荔湾区人民政府东漖街道办事处关于2024年度法治政府建设情况的报告\n" + BODY;
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
      text: withBody("洪山区2020年度法治政府建设工作报告\n一、工作开展情况\n（一）完善工作机制\n1.落实党政主要负责人履行推进法治建设第一责任人职责。区委书记带头述法。\n二、存在的问题与不足\n三、2021年工作计划\n四、其他事项\n无。"),
    },
    { name: "a rule that skips the 'other' part", text: TITLE + FULL.replace("五、其他需要报告的情况\n无。", ""), options: { skip: ["other"] } },
    // Genre and completeness (issue 10, class 2): the five parts are not asked of other documents.
    {
      name: "an excerpt of a report (（节选）) lacking parts is not checked",
      text: "广州市荔湾区人民政府东漖街道办事处关于2024年度法治政府建设情况的报告（节选）\n" + BODY + FULL.split("\n").slice(0, 3).join("\n"),
    },
    {
      name: "a report whose parts are left out (（略）) is not checked",
      text: TITLE + FULL.split("\n").slice(0, 3).join("\n") + "\n二、存在的不足和原因（略）\n",
    },
    {
      name: "a truncated text (ends mid-sentence) is not checked",
      text: TITLE + FULL.split("\n").slice(0, 3).join("\n") + "\n二是持续深化行政执法体制改革，推动执法力量下沉，进一步完善街道综合行政执法",
    },
    // Held-out web excerpts (issue 10): a page cut off inside running prose that opens with a year or an
    // item number, inside a figure, or right after a heading is an excerpt, not a report lacking parts.
    {
      name: "cut inside a numbered item that opens with a figure (3.推行…，对审批事项)",
      text: TITLE + FULL.split("\n").slice(0, 3).join("\n") + "\n3.推行行政审批制度改革。按照统一部署，将全街道12个科室的行政许可事项统一划入综合服务中心，同时，对审批事项",
    },
    {
      name: "cut inside a paragraph that opens with a year (2024年以来，…面向辖区企业)",
      text: TITLE + FULL.split("\n").slice(0, 3).join("\n") + "\n2024年以来，街道按照区委依法治区办的工作部署，利用各类宣传节点持续推进普法工作，面向辖区企业",
    },
    {
      name: "cut inside a figure (申请材料525)",
      text: TITLE + FULL.split("\n").slice(0, 3).join("\n") + "\n二是梳理各类事项清单，实行动态管理。街道保留政务服务事项215项，取消政务服务事项18项、申请材料525",
    },
    {
      name: "cut right after a heading (（二）)",
      text: TITLE + FULL.split("\n").slice(0, 3).join("\n") + "\n（二）",
    },
    {
      name: "a short item cut after a list comma (一是设立公开栏，公示…姓名、职务、)",
      text: TITLE + FULL.split("\n").slice(0, 3).join("\n") + "\n一是设立公开栏，公示工作人员姓名、职务、",
    },
    {
      name: "a short last line cut after a full stop (…推进机制。一是开展法治政府建设)",
      text: TITLE + FULL.split("\n").slice(0, 3).join("\n") + "\n不断强化推进机制。一是开展法治督察",
    },
    {
      name: "a news article about a report is not checked",
      text: "我区召开法治政府建设工作会议暨年度报告情况通报会\n本报讯（记者 李明）12月20日，区政府召开会议，通报2024年度法治政府建设情况。\n" + BODY,
    },
    {
      name: "a 解读 of a report is not checked",
      text: "图解：2024年度法治政府建设情况报告解读\n" + BODY,
    },
  ],
  invalid: [
    {
      name: "a complete report without the plan part is checked (same shape as the excerpt above, no excerpt mark)",
      text: TITLE + FULL.replace("四、2025年推进法治建设重点工作计划\n一是深入学习贯彻落实习近平法治思想。\n", ""),
      findings: [{ evidence: { partId: "plans" } }],
    },
    {
      name: "the same shapes ended properly are complete reports and are checked (last paragraph opens with a year / an item number)",
      text: TITLE + FULL.split("\n").slice(0, 3).join("\n") + "\n2024年以来，街道按照区委依法治区办的工作部署，利用各类宣传节点持续推进普法工作，面向辖区企业开展宣传12场。",
      findings: [{ evidence: { partId: "shortcomings" } }, { evidence: { partId: "first-responsible" } }, { evidence: { partId: "plans" } }, { evidence: { partId: "other" } }],
    },
    {
      name: "a complete report whose last line is a contact line ending in digits is checked",
      text: TITLE + FULL.replace("四、2025年推进法治建设重点工作计划\n一是深入学习贯彻落实习近平法治思想。\n", "") + "\n联系人：王某，联系电话：020-81234567",
      findings: [{ evidence: { partId: "plans" } }],
    },
    {
      name: "no 第一责任人 part (seed 004 shape): a mention inside a measures paragraph does not count",
      text: TITLE + FULL.replace("二、党政主要负责人履行推进法治建设第一责任人职责情况\n街道党工委书记带头述法，研究部署法治建设工作。\n", "（二）加强产业法治保障\n一是强化组织领导。履行推进法治政府建设第一责任人职责，确立分级走访机制。\n"),
      findings: [{ text: "广州市荔湾区人民政府东漖街道办事处关于2024年度法治政府建设情况的报告", messageIncludes: "第一责任人", evidence: { partId: "first-responsible" } }],
    },
    {
      name: "第一责任人 only in next year's plan does not count",
      text: withBody("XX市人民政府关于2019年度法治政府建设情况的报告\n一、2019年度法治政府建设情况\n二、工作存在的不足\n三、2020年工作计划\n（一）加强统筹推进工作，落实法治建设第一责任人制度。\n四、其他需要报告的情况"),
      findings: [{ evidence: { partId: "first-responsible" } }],
    },
    {
      name: "only some parts checked (only: [plans, shortcomings])",
      text: withBody("西联镇2021年法治政府建设年度报告\n一、聚焦法治政府率先取得突破情况\n二、存在问题\n"),
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
