/**
 * Completeness (after ESLint's checkRuleFiles): every registered check type has tests, a decision note,
 * and is used by the national rule set; every type used in a built-in rule file is registered.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkRegistry } from "../pipeline/checks/index.js";
import { CHECK_TYPES } from "../pipeline/model/finding.js";
import { ROOT } from "./helpers/pipeline.js";

const ruleFiles = [join(ROOT, "rules", "national.yaml"), ...readdirSync(join(ROOT, "rules", "provinces")).map((f) => join(ROOT, "rules", "provinces", f))];
const typesUsed = (file: string): string[] =>
  Object.values((parse(readFileSync(file, "utf8")) as { rules?: Record<string, unknown> }).rules ?? {})
    .map((r) => (r && typeof r === "object" ? (r as { type?: string }).type : undefined))
    .filter((t): t is string => typeof t === "string");

describe("check registry completeness", () => {
  for (const type of checkRegistry.keys()) {
    it(`${type}: has tests, a decision note and a national rule`, () => {
      expect(CHECK_TYPES).toContain(type);
      expect(existsSync(join(ROOT, "test", "checks", `${type}.test.ts`)), "test file").toBe(true);
      expect(existsSync(join(ROOT, "docs", "checks", `${type}.md`)), "docs/checks note").toBe(true);
      expect(typesUsed(ruleFiles[0]!), "used in rules/national.yaml").toContain(type);
    });
  }

  it("every type used in a built-in rule file is registered", () => {
    for (const f of ruleFiles) for (const t of typesUsed(f)) expect(checkRegistry.has(t as never), `${f}: ${t}`).toBe(true);
  });

  it("every check's messages exist in both languages", () => {
    for (const check of checkRegistry.values()) {
      for (const [id, m] of Object.entries(check.messages)) {
        expect(m.zh, `${check.type}.${id} zh`).toMatch(/[\u4e00-\u9fff]/);
        expect(m.en, `${check.type}.${id} en`).toMatch(/[A-Za-z]/);
      }
    }
  });
});
