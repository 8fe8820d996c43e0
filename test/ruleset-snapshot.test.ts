/**
 * The precompiled built-in rule sets (pipeline/ruleset/snapshot.ts) must be the YAML rule sets:
 * same rules, same options, same findings on the seeds — and a new key for any edit under rules/.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinSnapshot, snapshotKey } from "../pipeline/ruleset/snapshot.js";
import { defaultBuiltinDir, listBuiltinRuleSets } from "../pipeline/ruleset/builtin.js";
import { loadRuleSet } from "../pipeline/ruleset/load.js";
import { withSharedCompile } from "../pipeline/ruleset/resolve.js";
import { RuleSetProvider } from "../pipeline/ruleset-provider.js";
import { runChecks } from "../pipeline/stages/check.js";
import { LinearRegExp } from "../pipeline/text/safe-regex.js";
import type { ResolvedRuleSet } from "../pipeline/ruleset/types.js";
import { SEEDS, seedText, segmentText } from "./helpers/pipeline.js";

function fromYaml(): Map<string, ResolvedRuleSet> {
  const sets = new Map<string, ResolvedRuleSet>();
  withSharedCompile(() => {
    for (const name of listBuiltinRuleSets()) {
      const r = loadRuleSet(name);
      if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
      sets.set(name, r.ruleset);
    }
  });
  return sets;
}

describe("precompiled built-in rule sets", () => {
  const snap = builtinSnapshot();
  const yaml = fromYaml();

  it("holds every built-in set with the same rules, severities, scopes and options as the YAML", () => {
    expect(snap).not.toBeNull();
    expect([...snap!.sets.keys()]).toEqual([...yaml.keys()]);
    for (const [name, set] of yaml) {
      const s = snap!.sets.get(name)!;
      expect({ id: s.id, hash: s.hash, chain: s.chain, disabled: s.disabled, file: s.file, titles: s.appliesTo.titlePatterns.map(String) }).toEqual({
        id: set.id,
        hash: set.hash,
        chain: set.chain,
        disabled: set.disabled,
        file: set.file,
        titles: set.appliesTo.titlePatterns.map(String),
      });
      expect(s.rules.map((r) => [r.id, r.type, r.severity, r.scope, r.options, r.check === set.rules.find((x) => x.id === r.id)?.check])).toEqual(
        set.rules.map((r) => [r.id, r.type, r.severity, r.scope, r.options, true]),
      );
    }
  });

  it("revives rule-file regexes on the linear-time engine and the place index with its methods", () => {
    const national = snap!.sets.get("national")!;
    const placeholder = national.rules.find((r) => r.type === "placeholder")!.compiled as { patterns: { re: RegExp }[] };
    const yamlPlaceholder = yaml.get("national")!.rules.find((r) => r.type === "placeholder")!.compiled as { patterns: { re: RegExp }[] };
    expect(placeholder.patterns.map((p) => p.re instanceof LinearRegExp)).toEqual(yamlPlaceholder.patterns.map((p) => p.re instanceof LinearRegExp));
    expect(placeholder.patterns.some((p) => p.re instanceof LinearRegExp)).toBe(true);
    const entity = national.rules.find((r) => r.type === "entity-consistency")!.compiled as { index: { get(name: string): unknown } };
    expect(typeof entity.index.get).toBe("function");
  });

  it("gives the same findings as the YAML rule sets on every seed", () => {
    const provider = RuleSetProvider.create();
    for (const seed of SEEDS) {
      const doc = segmentText(seedText(seed), seed);
      const set = provider.forDocument(doc);
      const viaYaml = yaml.get(set.id === "national" || yaml.has(set.id) ? set.id : "national")!;
      expect(runChecks(doc, set, { lang: "zh" }).findings).toEqual(runChecks(doc, viaYaml, { lang: "zh" }).findings);
    }
  });

  it("is keyed by the content of every file under rules/: an edit anywhere gives a new key", () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-snap-"));
    try {
      const rules = join(dir, "rules");
      cpSync(defaultBuiltinDir(), rules, { recursive: true });
      const before = snapshotKey(rules);
      expect(snapshotKey(rules)).toBe(before);
      const kb = join(rules, "kb", "renamings.yaml");
      writeFileSync(kb, readFileSync(kb, "utf8") + "\n# edited\n");
      expect(snapshotKey(rules)).not.toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
