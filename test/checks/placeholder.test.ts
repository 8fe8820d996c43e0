import { ruleTester } from "../helpers/rule-tester.js";

ruleTester.run("placeholder", {
  valid: [
    { name: "PM2.5 is not a placeholder", text: "全年PM2.5平均浓度下降至每立方米25微克。" },
    { name: "X inside a Latin word", text: "推进Xbox式的交互设计不是政府工作，XYZ公司依法注册，Linux系统上线。" },
    { name: "某 in 某些 / 某种 / 某项", text: "某些部门对某种情况、某项工作重视不够。" },
    { name: "single X not before a date unit", text: "购置X光机2台，配备X射线安检设备。" },
    { name: "allow-listed word", text: "采购XXL型号防护服。", options: { allow: ["XXL"] } },
    { name: "Chinese numerals 〇〇 are not blanks", text: "二〇二〇年十二月三十一日" },
    { name: "a case told with the surname kept (王某某, 李某某诉某区政府) is anonymisation", text: "典型案例：王某某不服区市场监管局行政处罚决定申请行政复议，复议机关依法维持。李某某诉某区政府信息公开一案，法院判决驳回。" },
    { name: "a web page's comment widget is chrome: no finding there", text: "全年办理行政复议案件35件。\n网友评论\nab****c 2021-03-05 10:20\n某某部门的工作值得肯定\n回复 点赞\n版权所有：XX市人民政府网站" },
    { name: "masked personal data (user name, surname, phone) is anonymisation, not a blank", text: "网友ab****c：建议加快老旧小区改造。举报人张**（电话138****5678）反映的问题已办结，李**同志参与调查。" },
  ],
  invalid: [
    { name: "XX before 市 (seed 003)", text: "市政府成立以市长为组长的 XX 市推进政府职能转变和“放管服”改革协调小组。", findings: [{ text: "XX", evidence: { kind: "anonymised-name" } }] },
    { name: "anonymised platform name XXE / XXe", text: "全面建成XXE 普法网络平台，“XXe 普法”平台共发布资讯3712条。", findings: [{ text: "XX" }, { text: "XX" }] },
    { name: "X XX: the stray X left by PDF extraction is not part of the placeholder", text: " X XX 市人民政府关于2019年度法治政府建设情况的报告", findings: [{ text: "XX" }] },
    { name: "X X: a spaced placeholder", text: "X X区人民政府召开会议", findings: [{ text: "X X" }] },
    { name: "×× and 某某", text: "××区人民政府于某某日召开会议。", findings: [{ text: "××" }, { text: "某某" }] },
    { name: "20xx年 and X月X日", text: "20xx年X月X日，我局召开会议。", findings: [{ text: "20xx", evidence: { kind: "year" } }, { text: "X", evidence: { kind: "date" } }, { text: "X", evidence: { kind: "date" } }] },
    { name: "某某 as a blank for a unit or a date beside an anonymised name", text: "王某某于某某日向某某部门提出申请。", findings: [{ text: "某某" }, { text: "某某" }] },
    { name: "masked numbers", text: "全年开展培训**次，办理案件*件。", findings: [{ text: "**" }, { text: "*" }] },
    { name: "a masked count, amount, rate or year beside masked personal data", text: "举报人张**反映的问题已办结，全年开展培训**次，收入**万元，完成率**%，20**年起实施。", findings: [{ text: "**" }, { text: "**" }, { text: "**" }, { text: "20**" }] },
    { name: "to-fill markers", text: "全年办理行政复议案件【待补充】件（此处填写具体数字）。", findings: [{ text: "【待补充】" }, { text: "（此处填写具体数字）" }] },
    { name: "extra pattern from a province file", text: "本单位○○科负责。", options: { extraPatterns: [{ kind: "circle", pattern: "○{2,}" }] }, findings: [{ text: "○○" }] },
    { name: "English message", text: "XX市人民政府", lang: "en", findings: [{ text: "XX", messageIncludes: "Placeholder" }] },
  ],
});
