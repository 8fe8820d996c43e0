/**
 * @fileoverview Chooses the rule set for each document of a run: the one named by `--rules`, or the
 * built-in set of the province the document's unit belongs to (rules/regions.yaml), else national.
 * All candidate sets are loaded up front so a broken rule file stops the run before any document is read.
 */
import type { SegmentedDocument } from "./model/document.js";
import type { ResolvedRuleSet, RuleProblem } from "./ruleset/types.js";
import { listBuiltinRuleSets, loadRuleSet, loadRuleSetFromString } from "./ruleset/load.js";
import { configRuleText, isConfigFile } from "./config/inline-rules.js";
import { chooseRuleSet, inferProvince, loadRegions } from "./ruleset/regions.js";
import { withSharedCompile } from "./ruleset/resolve.js";
import { builtinSnapshot } from "./ruleset/snapshot.js";
import { isBuiltinRef } from "./ruleset/builtin.js";

const PROVINCE_ID = /^[a-z]+$/;
const isProvinceId = (id: string): boolean => PROVINCE_ID.test(id) && loadRegions().byId.has(id);

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
  /** @param allowRulePaths folders a `--rules` file may reference besides its own and rules/ */
  static create(rules?: string, allowRulePaths?: readonly string[]): RuleSetProvider {
    // Built-in sets come precompiled (ruleset/snapshot.ts); a user's rule file is read from YAML.
    const snapshot = !rules || isBuiltinRef(rules) ? builtinSnapshot() : null;
    if (snapshot) {
      if (!rules) return new RuleSetProvider(null, snapshot.sets);
      const set = snapshot.sets.get(rules);
      if (set) return new RuleSetProvider(set, new Map());
    }
    if (rules) {
      const opts = allowRulePaths?.length ? { allowRulePaths } : {};
      // A project config (.report-qc.yaml with extends + rules) is an inline rule set (config/inline-rules.ts).
      const r = isConfigFile(rules) ? loadRuleSetFromString(configRuleText(rules), rules, opts) : loadRuleSet(rules, opts);
      if (!r.ok) throw new RuleSetLoadError(r.problems);
      return new RuleSetProvider(r.ruleset, new Map());
    }
    const byName = new Map<string, ResolvedRuleSet>();
    const problems: RuleProblem[] = [];
    withSharedCompile(() => {
      for (const name of listBuiltinRuleSets()) {
        const r = loadRuleSet(name);
        if (r.ok) byName.set(name, r.ruleset);
        else problems.push(...r.problems);
      }
    });
    if (problems.length) throw new RuleSetLoadError(problems);
    return new RuleSetProvider(null, byName);
  }

  /** Every rule set this provider can choose from (the fixed one, or all built-in sets). */
  ruleSets(): ResolvedRuleSet[] {
    return this.fixed ? [this.fixed] : [...this.byName.values()];
  }

  forDocument(doc: SegmentedDocument): ResolvedRuleSet {
    if (this.fixed) return this.fixed;
    const meta = doc.normalized.raw.meta;
    const province = meta.province ? this.provinceOf(meta.province) : null;
    const named = province && this.byName.get(province);
    if (named) return named;
    const name = chooseRuleSet(meta.unit ?? doc.derived.unit ?? doc.derived.title ?? "");
    return this.byName.get(name) ?? this.byName.get("national")!;
  }

  /** Province id for a province id (`guangdong`), a name (`广东省`, `广东`) or any text naming a place in it. */
  provinceOf(text: string): string | null {
    const id = text.trim().toLowerCase();
    if (isProvinceId(id)) return id;
    return inferProvince(text)?.province ?? null;
  }
}
