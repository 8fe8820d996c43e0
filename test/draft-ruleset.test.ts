/**
 * The example draft rule set (rules/examples/draft.yaml) on a draft-like text: its overrides change
 * what is reported, through the real stages.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../pipeline/ruleset/load.js";
import { checkText } from "./helpers/rule-tester.js";
import { ROOT } from "./helpers/pipeline.js";

const TEXT = "广州市番禺区人民政府关于2021年度法治政府建设情况的报告\n\n2021年,我区坚持依法行政【修改:补充数据】，全年办理行政复议案件120件，请核实数据。\n";

function findingsWith(rules: string) {
  const r = loadRuleSet(rules);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return checkText(TEXT, r.ruleset);
}

describe("rules/examples/draft.yaml", () => {
  it("reports half-width punctuation and revision marks that the national set leaves alone", () => {
    const national = findingsWith("national");
    const draft = findingsWith(join(ROOT, "rules", "examples", "draft.yaml"));
    expect(national.filter((f) => f.ruleId === "draft.leftover-markers")).toEqual([]);
    expect(draft.filter((f) => f.ruleId === "draft.leftover-markers").map((f) => f.text)).toEqual(["【修改:补充数据】", "请核实数据"]);
    expect(national.some((f) => f.check === "punctuation" && f.text === ",")).toBe(false);
    expect(draft.some((f) => f.check === "punctuation" && f.text.includes(",") && f.severity === "warning")).toBe(true);
  });
});
