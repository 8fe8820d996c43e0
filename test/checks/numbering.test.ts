import { ruleTester } from "../helpers/rule-tester.js";

ruleTester.run("numbering", {
  valid: [
    {
      name: "a well-formed outline (seed 000 shape)",
      text: "一、2021年度主要工作和成效\n（一）深入学习贯彻习近平法治思想\n1. 把学习贯彻习近平法治思想作为重要政治任务。区委召开专题学习会议。\n2. 党的领导是建设法治政府的根本保证。召开区委常委会会议。\n（二）加强对政策文件的审查清理工作\n1. 加大对规范性文件的审查清理力度。司法行政部门进行审查。\n二、存在问题及原因分析\n部分单位法治建设工作水平有待提高。\n三、下一步工作计划\n（一）形成法治建设工作合力。\n（二）加强疫情防控法治保障。",
    },
    { name: "both bracket widths and dot widths", text: "(一)完善工作机制\n1．精心谋划部署。区委组织召开会议。\n2、强化考核评价。将法治政府建设纳入考评。\n（二）深化改革\n(1)当好店小二。在全市率先开放大厅。\n（2）深化政务服务改革。推进审批制度改革。" },
    { name: "children restart under a new parent", text: "一、工作开展情况\n（一）完善工作机制\n（二）深化改革\n二、存在的问题与不足\n（一）法律意识不强\n（二）执法水平不高" },
    { name: "an unnumbered heading is a new parent", text: "（一）依法行政\n1.完善制度。加强规范性文件管理。\n2.严格执法。落实三项制度。\n推动依法科学民主决策\n1.健全决策制度。制定工作规则。\n（二）法治宣传" },
    { name: "run-in 一是 二是 三是 in one paragraph", text: "主要体现在：一是法治建设工作合力有待加强。二是政府服务效能有待提升。三是基层执法队伍有待整合。" },
    { name: "run-in lists restart paragraph by paragraph", text: "（一）政府职能\n一是深化权责清单制度。二是优化公共服务。\n（二）制度体系\n一是加强规范性文件管理。二是健全清理工作机制。" },
    { name: "run-in list continued in the next paragraph", text: "主要做法：一是完善工作机制。二是强化考核。\n三是加强监督。对重点领域开展检查。" },
    { name: "统一是 / 唯一是 are not markers", text: "思想统一是前提，唯一是标准，二者缺一不可。" },
    { name: "a list number glued to a year by PDF extraction (seed 003) is not a numbering error", text: "一、9 2019 年度法治政府建设情况\n（一）依法全面履行政府职能。一是完善工作机制。\n二、工作存在的不足\n三、0 2020 年工作计划" },
    { name: "a list number read as a decimal (20.2026年…, gwr2026 江西) continues the list", text: "1.“1+N”常态化帮扶政策体系：省委制定。\n2.2026年10件民生实事：加大就业支持力度。\n3.5+2就业之家：覆盖省市县。\n4.“百羽争锋”：以县为单元。" },
    { name: "a marker split over two lines by extraction (gwr2026 云南) continues the list", text: "（一）经济运行顶住压力、稳中有进。\n（二）产业发展提质增效、转型加快。\n（\n三）改革开放持续深化、互促共进。\n（四）城乡发展齐头并进、更趋协调。" },
    { name: "an inline 一是 list does not end the heading sequence it sits in (gwr2026 甘肃)", text: "（六）加快推进文旅强省建设\n加强文化遗产保护传承。\n（七）加大保障和改善民生力度\n持续办好为民实事。一是继续实施工程，二是实施计划。\n（八）更好统筹发展和安全\n提升防灾减灾能力。".replace("（六）", "（五）推动绿色转型\n（六）").replace(/^/, "（一）甲\n（二）乙\n（三）丙\n（四）丁\n") },
  ],
  invalid: [
    {
      name: "a deleted （三） is reported at （四）",
      text: "（一）深入学习贯彻习近平法治思想\n1. 把学习作为重要政治任务。\n（二）加强审查清理工作\n1. 加大审查力度。\n（四）持续深化商事制度改革\n1. 数字政府建设取得新突破。",
      findings: [{ text: "（四）", messageIncludes: "缺少“（三）”", evidence: { style: "cn-paren", value: 4, expected: 3 }, suggestion: "检查是否遗漏或删除了“（三）”，或将本序号改为“（三）”" }],
    },
    { name: "a repeated number", text: "一、工作开展情况\n二、存在的问题\n二、下一步工作计划", findings: [{ text: "二、", messageIncludes: "序号重复" }] },
    { name: "numbers out of order", text: "（一）完善机制\n（三）深化改革\n（二）加强监督", findings: [{ text: "（三）", messageIncludes: "缺少“（二）”" }, { text: "（二）", messageIncludes: "顺序颠倒" }] },
    { name: "a level under the wrong parent", text: "一、工作开展情况\n1.完善机制。加强领导。\n（一）深化改革\n（二）加强监督", findings: [{ text: "（一）", messageIncludes: "层级错误" }] },
    { name: "a restart without a new parent", text: "（一）完善机制。加强领导。\n（二）深化改革。推进审批。\n（一）加强监督。自觉接受监督。", findings: [{ text: "（一）", messageIncludes: "重新从头编号" }] },
    { name: "a skipped run-in marker", text: "存在的不足：一是法律意识不强。二是执法水平不高。四是宣传不够深入。", findings: [{ text: "四是", messageIncludes: "缺少“三是”" }] },
    { name: "a sequence that starts at 2", text: "一、主要工作\n（二）深化改革\n（三）加强监督", findings: [{ text: "（二）", messageIncludes: "缺少“（一）”" }] },
    { name: "English message", lang: "en", text: "一、工作\n三、计划", findings: [{ text: "三、", messageIncludes: "Numbering skips" }] },
  ],
});
