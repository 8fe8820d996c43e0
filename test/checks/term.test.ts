import { ruleTester } from "../helpers/rule-tester.js";

ruleTester.run("term", {
  valid: [
    { name: "截止 not before a date", text: "严格落实申报截止日期，逾期不予受理。" },
    { name: "截止到 is acceptable", text: "截止到2021年11月30日，共受理案件435件。" },
    { name: "法制审核 / 法制机构 / 法制统一 keep 法制", text: "落实重大执法决定法制审核制度，区政府法制机构审查，维护国家法制统一。" },
    { name: "法制 never hits across words (学法制度, 执法制度)", text: "落实区政府常务会议学法制度，完善相关执法制度。" },
    { name: "瞎子 never hits inside 黑瞎子岛; 化装 never inside 文化装备", text: "推进黑瞎子岛联合保护开发，发展文化装备制造。" },
    { name: "法制宣传教育 in a report delivered before the 七五普法 plan renamed it (lawtext 包头 2015)", text: "2015年包头市政府工作报告\n推动开展以宪法为核心的全民法制宣传教育，切实增强公民法治观念。" },
    { name: "法制环境 / 法制意识 before the 四中全会 (2014-10) made 法治 the norm (lawtext 西藏 2014)", text: "2014年西藏自治区政府工作报告\n广大僧尼的国家意识、法制意识和公民意识不断增强，服务环境、法制环境均有待改善。" },
    { name: "a cited title keeps its wording (《…法制宣传教育…》 in 2019)", text: "2019年湖北省政府工作报告\n总结《关于在公民中开展法制宣传教育的第六个五年规划》实施经验，落实《其它有关规定》。\n2019年1月14日" },
    { name: "给力 is in official usage (国务院政府工作报告 2025)", text: "确保财政政策持续用力、更加给力。" },
    { name: "做 + 为… with a …的事 object is not 作为 (lawtext 淮南 2020)", text: "既做让老百姓看得见、摸得着、得实惠的好事，又做为长远发展作铺垫、打基础、增后劲的实事。" },
    { name: "accepted Guangdong platform names", text: "推广粤省事、粤商通、粤政易、粤执法平台应用。", options: { accept: ["粤执法", "粤省事", "粤政易", "粤商通"] } },
  ],
  invalid: [
    { name: "截止 before a date", text: "截止11月30日，区政府受理行政复议案件435件。", findings: [{ text: "截止", suggestion: "截至", messageIncludes: "应为“截至”" }] },
    { name: "截止目前", text: "截止目前，已办结全部案件。", findings: [{ text: "截止", suggestion: "截至" }] },
    { name: "法制 → 法治 in listed contexts", text: "加强法制宣传教育，增强法制意识，建设法制政府。", findings: [{ text: "法制", suggestion: "法治" }, { text: "法制", suggestion: "法治" }, { text: "法制", suggestion: "法治" }] },
    { name: "其它 → 其他 (seed 003)", text: "向省级法规规章、其它部门征求意见。", findings: [{ text: "其它", suggestion: "其他" }] },
    { name: "forbidden slur with a replacement", text: "为残废人提供法律援助。", findings: [{ text: "残废人", suggestion: "残疾人", messageIncludes: "不宜使用“残废人”" }] },
    { name: "forbidden internet slang", text: "这个平台真是神器。", findings: [{ text: "神器", messageIncludes: "网络用语" }] },
    { name: "法制宣传教育 after the 七五普法 plan (2016-04-28) renamed it (lawtext 湖北 2019)", text: "2019年湖北省政府工作报告\n健全矛盾纠纷多元化解机制。加强法制宣传教育。\n2019年1月14日", findings: [{ text: "法制", suggestion: "法治" }] },
    { name: "the same word outside the title is reported", text: "2019年湖北省政府工作报告\n落实《关于在公民中开展法制宣传教育的第六个五年规划》，加强法制宣传教育。\n2019年1月14日", findings: [{ text: "法制", suggestion: "法治" }] },
    { name: "法制政府 in 2014: 法治政府 is the norm since 2004 (lawtext 海北 2014)", text: "2014年海北州政府工作报告\n全面推进服务政府、责任政府、法制政府、廉洁政府建设。大力开展法制宣传教育。", findings: [{ text: "法制", suggestion: "法治" }] },
    { name: "做为 meaning 作为 (as)", text: "要把法治政府建设做为重点工作来抓。", findings: [{ text: "做为", suggestion: "作为" }] },
    { name: "a province's own substitution", text: "推广粤省市平台。", options: { substitute: [{ wrong: "粤省市", right: "粤省事" }] }, findings: [{ text: "粤省市", suggestion: "粤省事" }] },
    { name: "without the built-in list only inline items apply", text: "截止11月30日，共办理其它案件。", options: { listFile: "", forbid: [{ word: "案件" }] }, findings: [{ text: "案件" }] },
    { name: "English message", lang: "en", text: "其它部门", findings: [{ messageIncludes: "Non-standard word: “其它” should be “其他” (official documents use 其他)" }] },
  ],
});
