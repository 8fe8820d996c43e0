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
    { name: "a glossary item run into the previous line (lawtext 九江 2014) is not missing", text: "名词解释\n1.“五个一”：一条主线。\n2.“四县一山”：九江县、星子县、湖口县、瑞昌市和庐山。3.“两声三乱”：麻将声、鞭炮声，乱停、乱放、乱摆。\n4.“三清七改五普及”：清污泥、清垃圾、清路障。" },
    { name: "notes numbered through the sections they annotate (lawtext 四平 2015)", text: "《政府工作报告》释义\n一、2014年工作回顾\n1.“五并重、一加强”：是市委六届四次全会确定的工作思路。\n2.“问政于民、职责公开”：市政府决定开展的活动。\n二、2015年工作安排\n3.经济发展新常态：新常态之“新”，意味着不同以往。\n4.“四化融合”：安全监管新模式。\n三、加强法治政府建设\n5.“五权”工作：“五权”是指改革限权、依法确权。" },
    { name: "projects numbered through their groups (lawtext 株洲 2014 民生100工程)", text: "（一）就业增收工程\n1、新增城镇就业5.2万人。\n2、发展农民专业合作社150家。\n（二）社会保障工程\n3、建设就业创业保障平台50个。\n4、新增企业养老保险参保人数3万人。" },
    { name: "一是…二是… after a half-width full stop (lawtext 鹰潭 2019: 68%.三是)", text: "办好民生十件实事。一是完成市区项目建设。二是公办幼儿园覆盖率提高至68%.三是完成38家乡镇卫生院标准化建设。四是新建20个以上乡镇文体广场示范点。" },
    { name: "二是非煤产业 is a marker (是非 is not 是否; lawtext 淮南 2020)", text: "前进的道路上还面临不少困难挑战。一是城市转型阵痛凸显。二是非煤产业发展滞后。三是区域发展差距仍然较大。" },
  ],
  invalid: [
    { name: "a glossary gap with no run-in item between (1. 2. 4.)", text: "名词解释\n1.“五个一”：一条主线。\n2.“四县一山”：九江县、星子县、湖口县、瑞昌市和庐山。\n4.“三清七改五普及”：清污泥、清垃圾、清路障。", findings: [{ text: "4.", messageIncludes: "缺少“3.”" }] },
    { name: "a glossary number used twice (lawtext 恩施 2016: （18）（18）)", text: "（16）四个全覆盖：覆盖全部。\n（17）三权分置：所有权、承包权、经营权。\n（18）八个到村到户：精准识别佐证到村到户。\n（18）两山两河：凤凰山、五峰山，清江河、龙洞河。\n（19）“三权”分置制度：在原有集体所有权基础上。".replace(/^/, "（1）甲：乙。\n（2）丙：丁。\n（3）戊：己。\n（4）庚。\n（5）辛。\n（6）壬。\n（7）癸。\n（8）子。\n（9）丑。\n（10）寅。\n（11）卯。\n（12）辰。\n（13）巳。\n（14）午。\n（15）未。\n"), findings: [{ text: "（18）", messageIncludes: "序号重复" }] },
    { name: "a group that continues at the wrong number (1. under 一、, 3. under 二、)", text: "一、工作回顾\n1.完善工作机制。加强领导。\n二、工作安排\n3.加强监督。自觉接受监督。", findings: [{ text: "3.", messageIncludes: "缺少“1.”“2.”" }] },
    { name: "a run-in 三是 that is really missing", text: "困难挑战：一是城市转型阵痛凸显。二是非煤产业发展滞后。四是民生领域还存在短板。", findings: [{ text: "四是", messageIncludes: "缺少“三是”" }] },
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
