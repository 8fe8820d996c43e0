import { describe, expect, it } from "vitest";
import { checkText, ruleSetFor, ruleTester } from "../helpers/rule-tester.js";
import { segmentText, seedText, SEEDS } from "../helpers/pipeline.js";
import { runChecks } from "../../pipeline/stages/check.js";
import { loadRuleSet } from "../../pipeline/ruleset/load.js";

const A = "建立行政决策档案，对重大行政决策的制定和实施情况进行全程记录。";
const B = "所有重大事项或工作举措全部按规定程序出台，杜绝违规决策相关事件。";
/** A sentence with facts (real text, 2026 上海 work report). */
const FACT = "地方一般公共预算收入达到8500亿元、增长1.5%，居民消费价格上涨0.1%，城镇调查失业率平均为4.2%。";
/** 38 characters of text, a passage that is not a whole sentence where it is repeated. */
const P = "对涉及到较大范围人民群众切身利益的决策在决策前坚持公开征求意见或举行听证";

/** n characters drawn from four words (a fixed pseudo-random sequence, no punctuation). */
function fewWords(n: number): string {
  const words = ["法治", "政府", "建设", "依法行政"];
  let seed = 7;
  let s = "";
  while (s.length < n) {
    seed = (seed * 48271) % 2147483647;
    s += words[seed % words.length];
  }
  return s.slice(0, n);
}

ruleTester.run("duplicate-text", {
  valid: [
    { name: "different sentences", text: `${A}\n${B}` },
    { name: "short formula repeated", text: "坚持依法行政。其他工作。坚持依法行政。" },
    { name: "below a raised minimum", text: `${A}${A}`, options: { minLength: 40 } },
    { name: "allow-listed sentence", text: `${A}\n${A}`, options: { allow: [A] } },
    {
      name: "a short clause repeated far apart is a formula, not a paste",
      text: `推进民主科学决策，${A}\n${B}\n其他工作。\n完善制度，推进民主科学决策。`,
    },
    {
      name: "stock formula from kb/boilerplate.yaml repeated (以习近平新时代中国特色社会主义思想为指导…)",
      text: "2021年，我区坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届历次全会精神，推进法治建设。\n其他工作。\n2022年，我区将坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届历次全会精神，推动工作再上新台阶。",
    },
    {
      name: "the same sentence template with other figures is parallel wording",
      text: "地区生产总值增长5.2%，规模以上工业增加值增长7.5%，固定资产投资增长1.6%，社会消费品零售总额增长4.7%。\n其他工作。\n地区生产总值增长5%左右，规模以上工业增加值增长7%以上，固定资产投资增长3%左右，社会消费品零售总额增长5%左右。",
    },
    { name: "a numeric clause twice in one sentence (parallel statistics)", text: "全市生产总值增长5.5%，高于全国0.7个百分点，进出口增长8%，高于全国0.7个百分点。" },
    { name: "short near-duplicate sentences are parallelism", text: "促进平台经济高质量发展。促进民营经济高质量发展。" },
    { name: "a clause shorter than 8 written characters (推进依法行政 ×2)", text: "我们推进依法行政，推进依法行政，其他工作。" },
    { name: "parallel frames with other content (既要…又要…)", text: "对基层干部既要从严要求、又要松绑减压，我们既要加强学习，又要加强实践，既要加强学习，又要注重实效。" },
    { name: "a lead sentence restated by the detail after it", text: "持续深化“放管服”改革。深化“放管服”改革，抓好政务服务标准化建设。" },
    { name: "two parallel 、 lists ending with the same item (lawtext 183)", text: "县（区）一个行业一个行业调度分析、一户企业一户企业解决问题、一个目标一个目标落实，市县（区）部门一户企业一户企业分析、一个问题一个问题解决、一个目标一个目标落实。" },
    { name: "similarity below the threshold", text: `${A}\n其他工作。\n建立行政执法档案，对重大执法案件的调查和处理情况进行逐项登记。` },
  ],
  invalid: [
    // Issue 11 item 6: clauses of ≥ 8 written characters, adjacent or in one sentence.
    { name: "a short clause written twice in a row (深化“放管服”改革 ×2: 9 characters, 7 of text)", text: "深化“放管服”改革，深化“放管服”改革，抓好政务服务标准化建设。", findings: [{ text: "深化“放管服”改革", related: ["深化“放管服”改革"], evidence: { kind: "clause", tier: "major" }, column: 11 }] },
    { name: "a clause repeating the end of the one before it (我县深化…，深化…)", text: "2023年，我县持续深化“放管服”改革，深化“放管服”改革，持续优化营商环境。", findings: [{ text: "深化“放管服”改革", related: ["深化“放管服”改革"] }] },
    { name: "a 、 item written twice in a row", text: "全年统筹推进疫情防控和经济社会发展、统筹推进疫情防控和经济社会发展，经济运行稳中向好。", findings: [{ text: "统筹推进疫情防控和经济社会发展" }] },
    { name: "a short clause repeated inside one sentence", text: "加强执法队伍建设，严格规范公正文明执法，全面推行“三项制度”，严格规范公正文明执法。", findings: [{ text: "严格规范公正文明执法", evidence: { kind: "clause" } }] },
    {
      // Periodic runs used to make k-gram seeding quadratic (a 20,000-character run took minutes).
      name: "long periodic runs (a line of 好, a repeated word) are no repeat and do not stall the real one beside them",
      text: `${"好".repeat(20000)}。\n${"依法行政".repeat(3000)}\n${A}\n其他工作。\n${A}`,
      findings: [{ text: A.slice(0, -1), related: [A.slice(0, -1)] }],
    },
    {
      // A line of a few words over and over repeats every k-gram everywhere: comparison stops at its
      // work limit (it took 40 s) and says so; repeats before that point are still reported.
      name: "a 20,000-character line of four words stops at the work limit with a finding that says so",
      text: `${A}\n其他工作。\n${A}\n${fewWords(20000)}`,
      findings: [
        { text: A.slice(0, -1), related: [A.slice(0, -1)] },
        { messageIncludes: "超出比对上限", evidence: { limit: "work" } },
      ],
    },
    { name: "same sentence in two paragraphs", text: `${A}${B}\n其他工作。\n${A}`, findings: [{ text: A.slice(0, -1), related: [A.slice(0, -1)], evidence: { similarity: 1, kind: "sentence" }, line: 3, column: 1 }] },
    { name: "three times → two findings, both point to the first", text: `${A}\n${A}\n${A}`, findings: [{ related: [A.slice(0, -1)], line: 2 }, { related: [A.slice(0, -1)], line: 3 }] },
    { name: "ignores final punctuation and spacing", text: `${A}\n  ${A.replace("。", "；")}`, findings: [{ column: 3 }] },
    {
      name: "a clause written twice in one sentence (seed 003 落实领导约访接访制度)",
      text: "打造企业疑难事务快办平台,落实领导约访接访制度,开通解决企业困难“直通车”,落实领导约访接访制度。",
      findings: [{ text: "落实领导约访接访制度", related: ["落实领导约访接访制度"], evidence: { kind: "clause", length: 10, similarity: 1 }, column: 39 }],
    },
    {
      name: "two consecutive sentences open with the same long clause (seed 003)",
      text: "深入开展对各类矛盾纠纷的大排查大调处活动,有效防止矛盾纠纷的积累、反复、激化。深入开展对各类矛盾纠纷的大排查大调处活动,维护社会和谐稳定。",
      findings: [{ text: "深入开展对各类矛盾纠纷的大排查大调处活动", evidence: { kind: "clause", length: 20 } }],
    },
    {
      name: "a long substring repeated inside sentences that differ (minor: a restated formulation)",
      text: `一是完善制度，${P}，确保决策科学。\n其他工作。\n二是强化程序，${P}，并经集体讨论决定。`,
      options: { tier: "minor" },
      findings: [{ text: P, related: [P], evidence: { kind: "passage", length: P.length, similarity: 1, tier: "minor", why: "short" }, line: 3 }],
    },
    {
      // Real sentences (lawtext 212, 040, 067) with a clause written twice in a row: a slip even when the
      // clause is stock wording, carries a figure or runs over a sentence end.
      name: "a clause written twice in a row (stock wording) is major",
      text: "强化大气、水、土壤和重金属污染综合防治，加强减排治污重点工程建设，推进排污权有偿使用和交易试点，推进排污权有偿使用和交易试点，探索推行环境污染第三方治理模式和建立环境保护基金。",
      findings: [{ text: "推进排污权有偿使用和交易试点", evidence: { kind: "clause", tier: "major" } }],
    },
    {
      name: "a clause with a figure written twice in a row is major (the same clause elsewhere in the sentence is parallel statistics)",
      text: "各项经济指标逆势而上、稳中快进，全年地区生产总值增长10.2%，全年地区生产总值增长10.2%，增速连续12个季度保持全区第一；规模以上工业增加值增长23.4%，连续40个月实现两位数增长。",
      findings: [{ text: "全年地区生产总值增长10.2", evidence: { kind: "clause", tier: "major" } }],
    },
    {
      name: "text written twice in a row across a sentence end is major",
      text: "落实“非公十条”，做优民营经济。深入开展企业降成本行动，做优民营经济。深入开展企业降成本行动，坚决兑现“非公十条”，以政策“杠杆”撬动民营经济加速扩张。",
      findings: [{ text: "做优民营经济。深入开展企业降成本行动", evidence: { tier: "major" } }],
    },
    {
      name: "a passage pasted twice is one finding (overlapping sentence/clause/passage hits merged)",
      text: `${A}${B}\n其他工作。\n${A}${B}`,
      findings: [{ text: `${A}${B}`.slice(0, -1), evidence: { similarity: 1, kind: "sentence", length: 59 }, line: 3 }],
    },
    {
      name: "near duplicate with a changed name: similarity in evidence (minor: parallel sentences differing in one slot)",
      text: `番禺区司法局牵头建立行政决策档案，对重大行政决策的制定和实施情况进行全程记录。\n其他工作。\n荔湾区司法局牵头建立行政决策档案，对重大行政决策的制定和实施情况进行全程记录。`,
      options: { tier: "all" },
      findings: [{ messageIncludes: "相似度", line: 3, evidence: { kind: "sentence", tier: "minor", why: "near" } }],
    },
    {
      name: "near duplicate with edits spread over the sentence (3-gram blocking + Levenshtein; minor)",
      text: "区政府每季度召开常务会议专题研究法治政府建设重点任务推进情况。\n其他工作。\n区政府每半年召开常务会议专门研究法治政府建设重要任务落实情况。",
      options: { tier: "minor" },
      findings: [{ line: 3, evidence: { kind: "sentence", tier: "minor" } }],
    },
    {
      // Real text (2026 work report of 上海): a fact sentence pasted into a second section.
      name: "a sentence with its facts repeated verbatim in another section is major",
      text: `${FACT}${B}\n其他工作。\n二、下一步工作\n${FACT}`,
      findings: [{ text: FACT.slice(0, -2), evidence: { kind: "sentence", tier: "major", similarity: 1 }, line: 4 }],
    },

  ],
});

describe("duplicate-text on the seeds", () => {
  const rules = loadRuleSet("national");
  if (!rules.ok) throw new Error("national rule set does not load");
  const run = (name: string) => {
    const text = seedText(name);
    const doc = segmentText(text, name);
    return { text, doc, findings: runChecks(doc, rules.ruleset, { lang: "zh" }).findings.filter((f) => f.check === "duplicate-text") };
  };

  it("seed 001: the five passages of 一(六) repeated in 二(三) are each found once, later occurrence → earlier", () => {
    const { findings } = run(SEEDS[1]);
    const quotes = ["我镇积极完善《西联镇会议制度》", "每周一召开领导班子联席会议", "对涉及到较大范围人民群众切身利益的决策", "建立行政决策档案,对重大行政决策的制定和实施情况进行全程记录", "所有重大事项或工作举措全部按规定程序出台,杜绝"];
    for (const q of quotes) {
      const hits = findings.filter((f) => f.text.includes(q));
      expect(hits, q).toHaveLength(1);
      expect(hits[0]!.related![0]!.text, q).toContain(q);
      expect(hits[0]!.related![0]!.start).toBeLessThan(hits[0]!.start);
    }
    expect(findings).toHaveLength(3); // 每周一… + 对涉及到… + 建立行政决策档案… are one contiguous passage (209 characters)
  });

  it("seed 003: 落实领导约访接访制度 and 深入开展对各类矛盾纠纷的大排查大调处活动, once each", () => {
    const { findings } = run(SEEDS[3]);
    expect(findings.map((f) => f.text)).toEqual(["落实领导约访接访制度", "深入开展对各类矛盾纠纷的大排查大调处活动"]);
  });

  it("nothing inside chrome, metadata or headings on any seed", () => {
    for (const name of SEEDS) {
      const { doc, findings, text } = run(name);
      for (const f of findings) {
        const inside = doc.blocks.filter((b) => b.kind !== "paragraph").some((b) => {
          const [s, e] = doc.normalized.map.toOriginal(b.start, b.end);
          return f.start >= s && f.end <= e;
        });
        expect(inside, `${name}: ${text.slice(f.start, f.end)}`).toBe(false);
      }
      if (name !== SEEDS[1] && name !== SEEDS[3]) expect(findings, name).toEqual([]);
    }
  });

  it("a block pasted ~100 times in a row (20,000 characters on one line) is reported in a few findings, in bounded time", () => {
    // Each seed of a cut periodic run used to re-measure the whole run: minutes on such a line.
    const block = A + B + FACT;
    const text = block.repeat(Math.ceil(20000 / block.length));
    const t = performance.now();
    const findings = checkText(text, ruleSetFor("duplicate-text"));
    expect(performance.now() - t).toBeLessThan(5000);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.length).toBeLessThanOrEqual(3);
    expect(findings[0]!.start).toBeGreaterThanOrEqual(block.length - 2);
  });

  it("options are validated (unknown keys are rule-file errors)", () => {
    expect(() => ruleSetFor("duplicate-text", { minLenght: 12 })).toThrow(/minLenght/);
    expect(checkText(`${A}\n${A}`, ruleSetFor("duplicate-text", { minLength: 12, passageMinLength: 40 }))).toHaveLength(1);
  });
});
