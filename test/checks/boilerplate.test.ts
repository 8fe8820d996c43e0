import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCorpus } from "../helpers/corpus.js";
import { ROOT, seedText, SEEDS } from "../helpers/pipeline.js";
import { phraseRegExp } from "../../pipeline/checks/boilerplate.js";

const FACTS = "区委常委会会议专题研究法治建设4次，区政府常务会议审议规范性文件12件，制定《番禺区法治政府建设实施方案》，区司法局组织执法人员培训3期。";
const TEMPLATE =
  "深入学习贯彻习近平法治思想，坚持严格规范公正文明执法，推动尊法学法守法用法入脑入心、走深走实，高位推动，法治政府建设取得新成效，为经济社会发展提供有力法治保障。坚持科学立法、严格执法、公正司法、全民守法，把各项工作纳入法治化轨道，在法治轨道上推进国家治理体系和治理能力现代化。";

function report(section2: string): string {
  return [
    "某区2021年法治政府建设情况报告",
    "2021年，我区坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届历次全会精神。现将有关情况报告如下。",
    "一、主要举措和成效",
    "（一）加强党对法治政府建设的领导",
    FACTS,
    "（二）推进严格规范公正文明执法",
    section2,
    "二、存在的不足和原因",
    "行政执法队伍专业化水平有待提高，全区持证执法人员仅占在编人员的62%。",
  ].join("\n");
}

type Metrics = { ratio: number; bySignal: { phrases: number; corpus: number; tfidf: number | null }; sections: { heading: string | null; ratio: number }[] };

describe("boilerplate", () => {
  it("reports a section that is mostly template text and states no concrete fact", () => {
    const out = runCorpus("boilerplate", [{ path: "r.txt", text: report(TEMPLATE) }]);
    const fs = out.byPath.get("r.txt")!;
    expect(fs.map((f) => f.text)).toEqual(["（二）推进严格规范公正文明执法"]);
    expect(fs[0]!.message).toMatch(/套话/);
    expect((fs[0]!.evidence as { ratio: number }).ratio).toBeGreaterThanOrEqual(0.6);
  });

  it("does not report the same section once it states a number, a named measure or a named body", () => {
    for (const fact of ["全年办理行政复议案件35件。", "制定《行政执法公示办法》。", "区司法局牵头组织实施。"]) {
      const out = runCorpus("boilerplate", [{ path: "r.txt", text: report(TEMPLATE + fact) }]);
      expect(out.byPath.get("r.txt"), fact).toEqual([]);
    }
  });

  it("gives the boilerplate ratio per document and per top-level section, by signal", () => {
    const out = runCorpus("boilerplate", [{ path: "r.txt", text: report(TEMPLATE) }]);
    const m = out.metrics[0]!.boilerplate as Metrics;
    expect(m.ratio).toBeGreaterThan(0.3);
    expect(m.bySignal.phrases).toBeGreaterThan(0.3);
    expect(m.bySignal.tfidf).toBeNull(); // one document: IDF means nothing
    expect(m.sections.map((s) => s.heading)).toEqual([null, "一、主要举措和成效", "二、存在的不足和原因"]);
    expect(m.sections[1]!.ratio).toBeGreaterThan(m.sections[2]!.ratio);
  });

  it("marks text that reports of several units share (corpus frequency) and generic sentences (TF-IDF)", () => {
    const shared = "各级领导干部要带头尊重宪法法律权威，切实提高运用法治思维和法治方式推动工作的能力水平。";
    const docs = SEEDS.map((s, i) => ({ path: `u${i}.txt`, text: `${shared}\n${seedText(s)}`, unit: `unit ${i}` }));
    const out = runCorpus("boilerplate", docs);
    for (let i = 0; i < docs.length; i++) {
      const m = out.metrics[i]!.boilerplate as Metrics;
      expect(m.bySignal.corpus, docs[i]!.path).toBeGreaterThan(0);
      expect(m.bySignal.tfidf, docs[i]!.path).toBeGreaterThan(0);
      expect(m.ratio).toBeLessThan(0.6);
    }
  });

  it("phrases: … spans a sentence part, YYYY a year, XX a name; half- and full-width punctuation alike", () => {
    expect("现将2021年度法治政府建设情况报告如下").toMatch(phraseRegExp("现将…情况报告如下"));
    expect("现将有关情况。报告如下").not.toMatch(phraseRegExp("现将…报告如下"));
    expect("二〇二一年").toMatch(phraseRegExp("YYYY年"));
    expect("为番禺区提供有力法治保障").toMatch(phraseRegExp("为XX提供有力法治保障"));
    expect("亲自部署,亲自过问").toMatch(phraseRegExp("亲自部署、亲自过问"));
    expect("把(放管服)改革").toMatch(phraseRegExp("把（放管服）改革"));
  });

  it("a glossary entry (名词解释) is a definition, not the report's template prose; the same text as a section is reported", () => {
    const glossary = report("").replace("二、存在的不足和原因\n行政执法队伍专业化水平有待提高，全区持证执法人员仅占在编人员的62%。", "") + "\n附：名词解释\n1.严格规范公正文明执法\n" + TEMPLATE;
    expect(runCorpus("boilerplate", [{ path: "g.txt", text: glossary }]).byPath.get("g.txt")!.map((f) => f.text)).toEqual([]);
    const inBody = glossary.replace("附：名词解释\n", "");
    expect(runCorpus("boilerplate", [{ path: "b.txt", text: inBody }]).byPath.get("b.txt")!.map((f) => f.text)).toEqual(["1.严格规范公正文明执法"]);
  });

  it("knows from the background model what many units write, even in a batch of one (real text: 丹东市 2025 政府工作报告)", () => {
    const text = readFileSync(join(ROOT, "test/fixtures/checks/cross-document-copy/central-formulation-two-units/dandong-2025.txt"), "utf8");
    const withModel = runCorpus("boilerplate", [{ path: "d.txt", text }]).metrics[0]!.boilerplate as Metrics;
    const without = runCorpus("boilerplate", [{ path: "d.txt", text }], { backgroundFile: "" }).metrics[0]!.boilerplate as Metrics;
    expect(without.bySignal.corpus).toBe(0);
    expect(withModel.bySignal.corpus).toBeGreaterThan(0.2);
  });
});

