import { describe, expect, it } from "vitest";
import { checkText, ruleSetFor, ruleTester } from "../helpers/rule-tester.js";
import { findZeroAmongNumerals } from "../../pipeline/checks/typo/numerals.js";
import { decodeTypoData, encodeTypoData, loadTypoData, lookalikesOf, wordAt, wordCount } from "../../pipeline/checks/typo/data.js";

ruleTester.run("typo", {
  valid: [
    { name: "the fixed words written right", text: "认真贯彻落实党中央决策部署，持续优化营商环境，严格规范公正文明执法，深入开展扫黑除恶专项斗争。" },
    { name: "a particle before a fixed word is not its first character (lawtext 011: 最高20%的收入群体)", text: "处于最高20%的收入群体为高收入组，依此类推。" },
    { name: "a wrong first character is only a weak candidate (lawtext 202: 绝不允许)", text: "坚决反对和遏制“台独”分裂活动，绝不允许任何人以任何形式把台湾从祖国分裂出去。" },
    { name: "names of three characters stay silent (lawtext 043: 南通博物苑)", text: "传承通商文化，协同打造南通博物苑、唐闸工业遗存等文旅品牌。" },
    { name: "quoted names and slogans are not read (“书香六安·悦读人生”)", text: "开展“书香六安·悦读人生”全民阅读活动，打造“菜蓝子”品牌。" },
    { name: "a sequence the document writes twice without the expected word is deliberate", text: "加快奋力拼博进取工程建设。奋力拼博进取工程二期开工。" },
    { name: "words the term list corrects are left to it (决策部暑)", text: "认真落实党中央决策部暑。" },
    { name: "a variant character in a name that is not a common word (石碁镇)", text: "石碁镇荣获全省法治示范镇称号。" },
    { name: "the Chinese numeral zero written right", text: "到二〇三五年基本实现社会主义现代化。" },
    { name: "a weak candidate is silent under strength strong (○ among numerals)", text: "为二○三五年基本实现社会主义现代化奠定基础。" },
  ],
  invalid: [
    {
      name: "same reading inside a fixed expression (营商环竟)",
      text: "持续优化营商环竟，激发市场主体活力。",
      findings: [{ text: "优化营商环竟", suggestion: "优化营商环境", messageIncludes: "“竟”与“境”同音", evidence: { kind: "fixed-word", relation: "same-reading", wrongChar: "竟", rightChar: "境", strength: "strong" } }],
    },
    { name: "an idiom (按步就班)", text: "不能按步就班地推进改革。", findings: [{ text: "按步就班", suggestion: "按部就班", evidence: { expectedWord: { source: "idiom" } } }] },
    { name: "an expression of the archive (社会治里)", text: "加强基层社会治里，推进平安建设。", findings: [{ text: "社会治里", suggestion: "社会治理" }] },
    {
      name: "a look-alike outside the 通用规范汉字表 (lawtext 148: 排査)",
      text: "加强市政公用设施风险排査和隐患治理。",
      findings: [{ text: "排査", suggestion: "排查", messageIncludes: "不在《通用规范汉字表》中", evidence: { relation: "variant-shape", wrongChar: "査", rightChar: "查" } }],
    },
    { name: "a zero in a cited title is reported too (lawtext 159: 《…二O三五年远景目标纲要（草案）》)", text: "提请审议《许昌市国民经济和社会发展第十四个五年规划和二O三五年远景目标纲要（草案）》。", findings: [{ text: "二O三五", suggestion: "二〇三五" }] },
    { name: "an Arabic zero among Chinese numerals (lawtext 147)", text: "到二0三五年，基本实现社会主义现代化。", findings: [{ text: "二0三五", suggestion: "二〇三五", evidence: { kind: "numeral-zero", codePoint: "U+0030" } }] },
    { name: "a letter O among Chinese numerals", text: "二O三五年远景目标。", findings: [{ text: "二O三五", suggestion: "二〇三五" }] },
    { name: "○ among numerals is a weak candidate", text: "为二○三五年基本实现社会主义现代化奠定基础。", options: { strength: ["weak"] }, findings: [{ text: "二○三五", suggestion: "二〇三五" }] },
    { name: "a wrong first character is found as a weak candidate", text: "坚决反对和遏制“台独”分裂活动，绝不允许任何人以任何形式把台湾从祖国分裂出去。", options: { strength: ["weak"] }, findings: [{ text: "绝不允许", suggestion: "决不允许", evidence: { strength: "weak" } }] },
    { name: "English message", lang: "en", text: "奋力拼博进取，交出合格答卷。", findings: [{ text: "奋力拼博", messageIncludes: "looks like a typo for “奋力拼搏”: “博” and “搏” share the reading bo" }] },
    { name: "only the numeral kind", text: "持续优化营商环竟。到二0三五年基本实现现代化。", options: { kinds: ["numeral-zero"] }, findings: [{ text: "二0三五" }] },
  ],
});

describe("typo data and numerals", () => {
  it("the shipped data round-trips and holds the 通用规范汉字表 levels (3500/3000/1605)", () => {
    const d = loadTypoData();
    expect(d.header.levels.map((l) => [...l].length)).toEqual([3500, 3000, 1605]);
    expect(wordCount(d)).toBe(d.freqs.length);
    expect(d.maskedHashes.length).toBe(d.maskedWords.length);
    const again = decodeTypoData(encodeTypoData(d));
    expect(again.wordText).toBe(d.wordText);
    expect(wordAt(again, 0)).toBe(wordAt(d, 0));
    expect([...again.lmHashes.slice(0, 100)]).toEqual([...d.lmHashes.slice(0, 100)]);
    expect(lookalikesOf(again, "査")).toContain("查");
    expect(lookalikesOf(again, "一")).toBe("");
  });

  it("a strong finding carries the fix, a weak one does not", () => {
    const strong = checkText("持续优化营商环竟，激发市场主体活力。", ruleSetFor("typo"));
    // The check stage trims a fix to the characters that change.
    expect(strong.map((f) => f.fix)).toEqual([{ start: 7, end: 8, replacement: "境" }]);
    const weak = checkText("坚决反对和遏制“台独”分裂活动，绝不允许任何人分裂国家。", ruleSetFor("typo", { strength: ["weak"] }));
    expect(weak.length).toBe(1);
    expect(weak[0]!.fix).toBeUndefined();
  });

  it("zero among numerals: not inside Arabic numbers or Latin words", () => {
    expect(findZeroAmongNumerals("2020年、二〇二〇年、CO2、O型")).toEqual([]);
    expect(findZeroAmongNumerals("二00五年").map((z) => z.expected)).toEqual(["二〇〇五"]);
  });
});
