/**
 * One finding per wording problem: `term` (法制 → 法治) and `outdated-term` (法制宣传教育 superseded)
 * may both see the same words; the check stage keeps one (docs/checks/term.md, "Overlap with
 * outdated-term"). Texts written for this test in the shape of a 法治政府 report.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadRuleSetFromString } from "../../pipeline/ruleset/load.js";
import { checkText } from "../helpers/rule-tester.js";
import { ROOT } from "../helpers/pipeline.js";
import { mergeTerminology } from "../../pipeline/stages/check.js";
import type { Finding } from "../../pipeline/model/finding.js";

function ruleset(termSeverity = "warning", outdatedSeverity = "warning") {
  const yamlText = `id: t\nname: t\nrules:\n  terms:\n    type: term\n    severity: ${termSeverity}\n  outdated-term:\n    type: outdated-term\n    severity: ${outdatedSeverity}\n    kinds: [superseded]\n`;
  const r = loadRuleSetFromString(yamlText, join(ROOT, "test", "fixtures", "inline-rules.yaml"));
  if (!r.ok) throw new Error("ruleset");
  return r.ruleset;
}

const REPORT = "某镇2021年法治政府建设工作情况报告\n现将有关情况报告如下。\n重点宣传与群众生产生活密切相关的法律知识，开创了丰富生动的法制宣传教育新局面。\n某镇人民政府\n2021年12月20日";

describe("term / outdated-term overlap", () => {
  it("法制宣传教育 in a 2021 report: one finding (the whole phrase, outdated-term), naming the other rule", () => {
    const f = checkText(REPORT, ruleset());
    const words = f.filter((x) => x.check === "term" || x.check === "outdated-term");
    expect(words.map((x) => `${x.ruleId.replace(/^t\./, "")}:${x.text}`)).toEqual(["outdated-term:法制宣传教育"]);
    expect(words[0]!.evidence.alsoReportedBy).toEqual(["t.terms"]);
  });

  it("a different problem next to it is still reported by term (截止 before a date)", () => {
    const text = REPORT.replace("开创了", "截止11月底，开创了");
    const f = checkText(text, ruleset()).filter((x) => x.check === "term" || x.check === "outdated-term");
    expect(f.map((x) => `${x.ruleId.replace(/^t\./, "")}:${x.text}`)).toEqual(["terms:截止", "outdated-term:法制宣传教育"]);
  });

  it("a higher-severity term finding wins over the outdated-term warning", () => {
    const f = checkText(REPORT, ruleset("error", "warning")).filter((x) => x.check === "term" || x.check === "outdated-term");
    expect(f.map((x) => `${x.ruleId.replace(/^t\./, "")}:${x.text}:${x.severity}`)).toEqual(["terms:法制:error"]);
  });

  it("before the 七五普法 plan neither reports it (2015)", () => {
    const text = REPORT.replaceAll("2021", "2015");
    expect(checkText(text, ruleset()).filter((x) => x.check === "term" || x.check === "outdated-term")).toEqual([]);
  });

  it("same span, same severity: the outdated-term finding is kept; two findings of one rule are never merged", () => {
    const mk = (ruleId: string, check: string, start: number, end: number): Finding =>
      ({ ruleId, check, severity: "warning", start, end, line: 1, column: 1, text: "x", message: "m", evidence: {} }) as Finding;
    const a = mk("terms", "term", 0, 4);
    const b = mk("outdated-term", "outdated-term", 0, 4);
    expect(mergeTerminology([a, b])).toEqual([b]);
    const c = mk("terms", "term", 0, 2);
    const d = mk("terms", "term", 0, 4);
    expect(mergeTerminology([c, d])).toHaveLength(2);
  });
});
