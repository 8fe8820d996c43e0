import { ruleTester } from "../helpers/rule-tester.js";

/** Puts a sentence in the body of a report (a lone first line would be read as the title). */
const body = (sentence: string) => `某区2021年法治政府建设年度报告\n一、主要工作\n${sentence}`;

ruleTester.run("arithmetic", {
  valid: [
    // Verified-correct statistics of seeds/README.md, as written (half-width punctuation, PDF spaces).
    { name: "seed 000: 401 = 3+7+341+21+4+25", text: body("全区共有调解组织401个,其中区级调解中心3个,镇街调解中心7个,村(社区)调委会341个,派出所调解室21个,驻法庭调解室4个,其他专业性调解组织25个。") },
    { name: "seed 000: 出庭应诉率 56.2% = 204/363", text: body("全区新收一审案件363件,应当出庭应诉案件117件,全区行政机关负责人实际出庭204件,出庭应诉率56.2%,超额完成市政府要求的工作任务。") },
    { name: "seed 002: 9+22 = 31 before 共计", text: body("执法机关录入行政处罚案件12558件,其中行政单位主动向公安机关移送涉嫌犯罪案件9件,检察机关建议移送涉嫌犯罪案件22件,公安机关共计受理移送案件31件。") },
    { name: "seed 002: 15 办结 includes 1 carried over", text: body("收到区政府作为赔偿义务机关的行政赔偿申请14件,已办结15件(含上年结转1件)。") },
    { name: "seed 003: 746 = 350+42+354 (PDF spaces)", text: body("开展规章和规范性文件清理,形成清理目录 746 件(保留 350 件、修改 42 件、宣布失效 354件)。") },
    { name: "seed 003: 480 份 = 456+5+19 件", text: body("委托第三方对市政府印发的 480 份政策文件进行审查评估,保留文件 456 件、修订 5 件、宣布失效 19 件。") },
    { name: "seed 003: 220 = 17+35+168", text: body("共审查各类法律事务 220 件(其中重大决策 17 件,重大政府合同 35 件,其他法律意见建议 168 件)。") },
    { name: "seed 003: 100 名 = 4+87+9 人", text: body("聘请 100 名专家,其中院士 4 人,正高职称专家 87 人,非正高职称(具有博士学位的专家)9 人。") },
    { name: "seed 003: (282−99)/282 = 64.9% ≈ 65%", text: body("社会投资项目从土地出让到开工建设的审批审查由282个工作日大幅减少到99个工作日,压缩 65%。") },
    { name: "seed 003: 4326/4370 = 98.99%", text: body("调处各类矛盾纠纷共 4370 件,调解成功 4326 件,调处成功率为 98.99%。") },
    { name: "seed 003: 5 names, 4 names", text: body("下设精简行政审批组、优化营商环境组、激励创业创新组、深化商事制度改革组、改善社会服务组 5个专题组和综合组、法治组、督查组、专家组 4 个保障组。") },
    { name: "seed 003: 9 领域 after 9 names", text: body("将市场监管、文化市场、交通运输、农业、城市管理、自然资源、劳动保障、水政资源、安全生产等 9 个领域的市级行政执法权全部下沉。") },
    { name: "seed 001: 6 items with a final 和", text: body("分六类规划,从矛盾邻里纠纷调处、环境卫生、消防安全、计划生育(流动人口管理)、便民服务和治安联防6项开展网格化工作。") },
    // Never arithmetic.
    { name: "slogans, hotlines and names", text: body("积极构建“3+3+5”服务格局,推行“1+N”模式,建成12345热线和12348热线平台,形成5+3工作机制。") },
    { name: "ordinals, dates and document numbers", text: body("2021年12月15日召开第14次常务会议,审议穗府〔2024〕3号文件,公布第八批名单共12个。") },
    { name: "rates of different bases in one sentence", text: body("行政机关负责人出庭应诉率为96.06%,其中,正职负责人出庭应诉率为29.13%。") },
    { name: "stages of a procedure are not parts of the total", text: body("全年共收到申请68件,受理51件,办结50件。") },
    { name: "其中 parts in the next sentence that add up", text: body("全年共办理行政复议案件100件。其中,维持60件,撤销10件,确认违法5件,其他处理25件。") },
    { name: "truncation accepted: (151−66)/66 = 128.788% written 128.78%", text: body("新受理行政复议案件由66件增长到151件,增长128.78%。") },
    // issue 10 class 4: numbers that do not belong together.
    { name: "a parts list ends at ；: 10 = 6+3+1, the 行政诉讼 figures are another subject", text: body("全年办理行政复议案件10宗，其中维持6宗、撤销3宗、调解结案1宗；办理行政诉讼案件5宗，主要负责人出庭应诉3宗。") },
    { name: "a rate whose label matches neither count", text: body("城镇新增就业12.5万人，城镇调查失业率5.2%，农村劳动力转移就业8万人。") },
    { name: "法人或其他组织 is a category, not the rest (1000+200 = 1200)", text: body("全年共受理政府信息公开申请1200件，其中自然人申请1000件，法人或其他组织申请200件；办结1150件，结转下年度50件。") },
    { name: "a complementary pair and 其他 close the total", text: body("共收到行政复议申请150件，受理130件，不予受理15件，其他5件。") },
    { name: "threshold categories overlap (女性 / 35岁以下)", text: body("新增执法人员200名（其中女性90名、35岁以下120名）。") },
    // issue 11: percentage points (real lines of lawtext communiqués and work reports).
    { name: "points after a growth rate: the rate fell (lawtext)", text: body("第三产业投资增长21.6%，回落0.5个百分点。") },
    { name: "points of a rate (lawtext)", text: body("城市污水处理率达到43.6%，提高1.2个百分点，建成区绿化覆盖率达到32.3%，比上年提高1.1个百分点。") },
    { name: "社会物流成本 is a ratio to GDP, an index changes in points (lawtext)", text: body("全社会物流成本下降0.4个百分点，环境质量综合指数改善9.7个百分点。") },
    { name: "a share of a total (lawtext)", text: body("市区经济总量占全市比重提升1.5个百分点。") },
    { name: "a relative change of a rate that rounds: 由40%降低到20%，降低50%", text: body("个人缴费比例由40%降低到20%，降低50%。") },
    // issue 11: status lists.
    { name: "a status list within its total", text: body("全年共受理投诉举报312件，已办结201件，正在办理71件，转交有关部门40件。") },
    { name: "carried-over cases may make 办结 exceed the new intake", text: body("共受理投诉举报312件，已办结280件（含上年结转30件），正在办理62件。") },
    { name: "stages of a procedure are not exclusive states", text: body("全年共受理信访件312件，办结300件，回访280件，群众满意290件。") },
    // issue 11: counts before their list.
    { name: "四个方面 with four run-in items", text: body("2024年重点抓好四个方面工作：一是完善制度；二是严格执法；三是强化监督；四是加强保障。") },
    { name: "an open list (主要有)", text: body("存在的问题主要有三个方面：一是制度不完善；二是执法不严格。") },
    { name: "inline （1）（2） items agreeing with 两项", text: body("明确两项要求：（1）依法决策；（2）公开透明。共计1.5万件。") },
    { name: "即 A、B和C with 等 is open", text: body("着力构建“四个体系”，即制度体系、执行体系、监督体系等。") },
    { name: "a final 和 may join two items", text: body("着力构建“四个体系”，即制度体系、执行体系、监督体系和保障体系。") },
    { name: "a count framed by a verb is a slogan, not the list", text: body("以“三个聚焦”为抓手：一是聚焦项目；二是聚焦招商。") },
  ],
  invalid: [
    {
      name: "seed 002: 68 received, 51 accepted + 10 rejected: 7 unaccounted",
      text: body("1.认真做好行政复议和行政诉讼应诉工作。全年共收到行政复议申请68件,受理51件,不予受理10件,审结54件(含上年结转10件)。"),
      findings: [
        {
          text: "68件",
          messageIncludes: "尚有7件未说明去向",
          evidence: { kind: "remainder", expression: "51+10", expected: 61, stated: 68, tolerance: 0, remainder: 7 },
          related: ["68件", "51件", "10件"],
        },
      ],
    },
    {
      name: "a complete list (其他) that does not add up",
      text: body("共审查各类法律事务 220 件(其中重大决策 17 件,重大政府合同 35 件,其他法律意见建议 178 件)。"),
      findings: [{ text: "220 件", evidence: { kind: "sum", expression: "17+35+178", expected: 230, stated: 220 }, related: ["220 件", "17 件", "35 件", "178 件"] }],
    },
    {
      name: "a rate that does not match its numerator and denominator",
      text: body("调处各类矛盾纠纷共 4370 件,调解成功 4026 件,调处成功率为 98.99%。"),
      findings: [{ text: "98.99%", messageIncludes: "4026/4370", evidence: { kind: "rate", stated: 98.99 }, related: ["4026 件", "4370 件", "98.99%"] }],
    },
    {
      name: "a stated reduction that does not match the two values",
      text: body("审批时间由282个工作日大幅减少到99个工作日,压缩 75%。"),
      findings: [{ text: "75%", evidence: { kind: "change", expression: "(282−99)/282×100%", stated: 75 }, related: ["282个工作日", "99个工作日", "75%"] }],
    },
    {
      name: "percentage points between two percentages",
      text: body("网上可办率由42.28%提升至99.95%,提高59.67个百分点。"),
      findings: [{ text: "59.67个百分点", evidence: { kind: "change", expected: 57.67, stated: 59.67 } }],
    },
    {
      name: "a count that does not match the names listed",
      text: body("成立综合组、法治组、督查组、专家组 5 个保障组,统筹推进改革。"),
      findings: [{ text: "5 个", evidence: { kind: "count", expected: 4, stated: 5 } }],
    },
    {
      name: "a total and its 其中 parts in the next sentence",
      text: body("全年共办理行政复议案件100件。其中,维持60件,撤销10件,确认违法5件,其他处理15件。"),
      findings: [{ text: "100件", evidence: { kind: "sum", expression: "60+10+5+15", expected: 90, stated: 100 } }],
    },
    {
      name: "a 其中 list above its total within its clause group (6+3+2 = 11 > 10)",
      text: body("全年办理行政复议案件10宗，其中维持6宗、撤销3宗、调解结案2宗；办理行政诉讼案件5宗，主要负责人出庭应诉3宗。"),
      findings: [{ text: "10宗", severity: "warning", evidence: { kind: "loose", expression: "6+3+2", expected: 11, stated: 10 } }],
    },
    {
      name: "a rate against its own numerator and denominator (高校毕业生 1.08万 / 1.2万 = 90%)",
      text: body("全年高校毕业生1.2万人，实现就业1.08万人，高校毕业生就业率达到95%。"),
      findings: [{ text: "95%", evidence: { kind: "rate", expression: "1.08/1.2×100%", stated: 95 }, related: ["1.08万人", "1.2万人", "95%"] }],
    },
    {
      name: "a complementary pair above its total (60+10 > 68)",
      text: body("全年共收到行政复议申请68件，受理60件，不予受理10件。"),
      findings: [{ text: "68件", evidence: { kind: "loose", expression: "60+10", expected: 70, stated: 68 } }],
    },
    {
      name: "issue 11: a concentration falls by percent, not by points (lawtext 081)",
      text: body("协同打好蓝天碧水净土保卫战，累计营造林448.64万亩，环境质量综合指数改善9.7个百分点，PM2.5平均浓度下降9.1个百分点，创建市级绿色矿山19个。"),
      findings: [{ text: "9.1个百分点", messageIncludes: "应以百分比表示（9.1%）", evidence: { kind: "points", level: "浓度" } }],
    },
    {
      name: "issue 11: the level named in the clause before (浓度为35微克/立方米，同比下降12.5个百分点)",
      text: body("全市PM2.5平均浓度为35微克/立方米，同比下降12.5个百分点。"),
      findings: [{ text: "12.5个百分点", evidence: { kind: "points", subjectFrom: "previous" } }],
    },
    {
      name: "issue 11: points written as percent when both levels are given",
      text: body("优良天数比例由80%提高到83%，提高3%。"),
      findings: [{ text: "3%", messageIncludes: "应写“3个百分点”", evidence: { kind: "points", expected: 3, relative: 3.75 }, related: ["80%", "83%", "3%"] }],
    },
    {
      name: "issue 11: exclusive case states above their total (205+71+40 = 316 > 312)",
      text: body("全年共受理投诉举报312件，已办结205件，正在办理71件，转交有关部门40件。"),
      findings: [{ text: "312件", messageIncludes: "205+71+40=316", evidence: { kind: "status", expression: "205+71+40", sum: 316, stated: 312, excess: 4 }, related: ["312件", "205件", "71件", "40件"] }],
    },
    {
      name: "issue 11: 四个方面 announced, three run-in items follow",
      text: body("2024年重点抓好四个方面工作：一是完善制度；二是严格执法；三是强化监督。"),
      findings: [{ text: "四个方面工作", messageIncludes: "随后列举了3项", evidence: { kind: "count", stated: 4, expected: 3, form: "run-in" }, related: ["一是", "二是", "三是"] }],
    },
    {
      name: "issue 11: “四个体系”，即 three 体系",
      text: body("着力构建“四个体系”，即制度体系、执行体系、监督体系。"),
      findings: [{ text: "四个体系", evidence: { kind: "count", stated: 4, expected: 3, form: "inline" }, related: ["制度体系", "执行体系", "监督体系"] }],
    },
    {
      name: "issue 11: 五项措施 followed by （一）…（四）",
      text: body("推出五项措施：\n（一）简化审批流程\n全面梳理审批事项。\n（二）压缩办理时限\n（三）优化窗口服务\n（四）强化事后监管\n二、存在的问题\n问题仍然存在。"),
      findings: [{ text: "五项措施", evidence: { kind: "count", stated: 5, expected: 4, form: "blocks" }, related: ["（一）", "（二）", "（三）", "（四）"] }],
    },
    {
      name: "issue 11: 以上三点 after four run-in items",
      text: body("一是制度不完善。二是执法不严格。三是监督不到位。四是保障不充分。\n以上三点问题需要在下一步工作中解决。"),
      findings: [{ text: "以上三点", messageIncludes: "前面列举了4项", evidence: { kind: "count", stated: 3, expected: 4, form: "back-reference" } }],
    },
    {
      name: "issue 11: inline 1. 2. items under 三项措施",
      text: body("推出三项措施：1.简化审批流程；2.压缩办理时限。"),
      findings: [{ text: "三项措施", evidence: { kind: "count", stated: 3, expected: 2, form: "run-in" }, related: ["1.", "2."] }],
    },
    {
      name: "issue 11: 首先/其次/最后 under 四个方面",
      text: body("做好四个方面工作：首先，完善制度；其次，严格执法；最后，强化监督。"),
      findings: [{ text: "四个方面工作", evidence: { kind: "count", stated: 4, expected: 3 } }],
    },
    {
      name: "English message",
      text: body("全年共收到行政复议申请68件,受理51件,不予受理10件。"),
      lang: "en",
      options: { kinds: ["remainder"] },
      findings: [{ messageIncludes: "unaccounted for" }],
    },
  ],
});
