/**
 * @fileoverview Chooses the rule set for each document of a run: the one named by `--rules`, or the
 * built-in set of the province the document's unit belongs to (rules/regions.yaml), else national.
 * All candidate sets are loaded up front so a broken rule file stops the run before any document is read.
 */
import type { SegmentedDocument } from "./model/document.js";
import type { ResolvedRuleSet, RuleProblem } from "./ruleset/types.js";
import { listBuiltinRuleSets, loadRuleSet } from "./ruleset/load.js";
import { chooseRuleSet, inferProvince } from "./ruleset/regions.js";

/** Rule-file problems found while preparing a run (the CLI prints them and exits 2). */
export class RuleSetLoadError extends Error {
  constructor(readonly problems: RuleProblem[]) {
    super(`${problems.length} problem(s) in rule files`);
    this.name = "RuleSetLoadError";
  }
}

export class RuleSetProvider {
  private constructor(
    private readonly fixed: ResolvedRuleSet | null,
    private readonly byName: Map<string, ResolvedRuleSet>,
  ) {}

  /** @throws RuleSetLoadError */
  static create(rules?: string): RuleSetProvider {
    if (rules) {
      const r = loadRuleSet(rules);
      if (!r.ok) throw new RuleSetLoadError(r.problems);
      return new RuleSetProvider(r.ruleset, new Map());
    }
    const byName = new Map<string, ResolvedRuleSet>();
    const problems: RuleProblem[] = [];
    for (const name of listBuiltinRuleSets()) {
      const r = loadRuleSet(name);
      if (r.ok) byName.set(name, r.ruleset);
      else problems.push(...r.problems);
    }
    if (problems.length) throw new RuleSetLoadError(problems);
    return new RuleSetProvider(null, byName);
  }

  forDocument(doc: SegmentedDocument): ResolvedRuleSet {
    if (this.fixed) return this.fixed;
    const meta = doc.normalized.raw.meta;
    const named = meta.province && this.byName.get(meta.province);
    if (named) return named;
    const name = chooseRuleSet(meta.unit ?? doc.derived.unit ?? doc.derived.title ?? "");
    return this.byName.get(name) ?? this.byName.get("national")!;
  }

  provinceOf(text: string): string | null {
    return inferProvince(text)?.province ?? null;
  }
}
