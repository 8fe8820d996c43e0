/**
 * The rule tester (after ESLint's RuleTester and textlint-tester): runs a check type through the REAL
 * normalize → segment → check stages on real sentences, and asserts the invariants every finding
 * must keep (span inside the text, `text === original.slice(start, end)`, no `{{placeholder}}` left).
 *
 * Two kinds of cases:
 * - inline: `{ text, options?, findings? }` (valid cases have no findings);
 * - fixture folders: test/fixtures/checks/<type>/<case>/{input.txt or input.md, rules.yaml, expected.json}
 *   (an input.md is read by the Markdown reader, tables included).
 *   expected.json is `[{ ruleId, line, column, text, message }]`; written with UPDATE_SNAPSHOT=1 (a missing one is written and the case fails).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { Finding, Lang } from "../../pipeline/model/finding.js";
import { runChecks } from "../../pipeline/stages/check.js";
import { loadRuleSetFromString } from "../../pipeline/ruleset/load.js";
import { formatProblem } from "../../pipeline/ruleset/errors.js";
import type { ResolvedRuleSet } from "../../pipeline/ruleset/types.js";
import { ROOT, segmentText } from "./pipeline.js";
import { ingestBuffer } from "../../pipeline/stages/ingest.js";
import { normalize } from "../../pipeline/stages/normalize.js";
import { segment } from "../../pipeline/stages/segment.js";
import { createSegmenter } from "../../pipeline/segmenter/index.js";

/** Keys an expected finding may use. */
const EXPECTED_KEYS = new Set(["text", "messageIncludes", "evidence", "severity", "related", "line", "column", "suggestion", "ruleId"]);

export interface ExpectedFinding {
  text?: string;
  messageIncludes?: string;
  /** Subset of the evidence object that must match. */
  evidence?: Record<string, unknown>;
  severity?: Finding["severity"];
  /** Texts of the related locations, in order. */
  related?: string[];
  line?: number;
  column?: number;
  suggestion?: string;
  ruleId?: string;
}

export interface TestCase {
  name?: string;
  text: string;
  options?: Record<string, unknown>;
  lang?: Lang;
}

export interface InvalidCase extends TestCase {
  findings: ExpectedFinding[];
}

/** Builds a one-rule set for `type` with the given options. */
export function ruleSetFor(type: string, options: Record<string, unknown> = {}): ResolvedRuleSet {
  const yamlText = stringify({ id: "test", name: "test", rules: { [type]: { type, severity: "warning", ...options } } });
  const r = loadRuleSetFromString(yamlText, join(ROOT, "test", "fixtures", "inline-rules.yaml"));
  if (!r.ok) throw new Error(r.problems.map((p) => formatProblem(p, "en")).join("\n"));
  return r.ruleset;
}

/** Runs a rule set on a text through all stages and checks the finding invariants. */
export function checkText(text: string, ruleset: ResolvedRuleSet, lang: Lang = "zh"): Finding[] {
  const doc = segmentText(text);
  const { findings, errors } = runChecks(doc, ruleset, { lang });
  expect(errors, "no rule may crash").toEqual([]);
  for (const f of findings) assertFindingInvariants(f, text);
  return findings;
}

export function assertFindingInvariants(f: Finding, original: string): void {
  expect(f.start, `start in range (${f.ruleId})`).toBeGreaterThanOrEqual(0);
  expect(f.end, `end after start (${f.ruleId})`).toBeGreaterThanOrEqual(f.start);
  expect(f.end, `end in range (${f.ruleId})`).toBeLessThanOrEqual(original.length);
  expect(f.text, "text is the original slice").toBe(original.slice(f.start, f.end));
  expect(f.message, "no unfilled placeholder").not.toMatch(/\{\{/);
  const before = original.slice(0, f.start).split(/\r\n|\r|\n/);
  expect({ line: f.line, column: f.column }).toEqual({ line: before.length, column: before[before.length - 1]!.length + 1 });
  for (const r of f.related ?? []) {
    if (r.path === undefined) expect(r.text).toBe(original.slice(r.start, r.end));
  }
}

function assertMatches(actual: Finding, expected: ExpectedFinding): void {
  for (const key of Object.keys(expected)) {
    if (!EXPECTED_KEYS.has(key)) throw new Error(`unknown key "${key}" in expected finding; allowed: ${[...EXPECTED_KEYS].join(", ")}`);
  }
  if (expected.text !== undefined) expect(actual.text).toBe(expected.text);
  if (expected.messageIncludes !== undefined) expect(actual.message).toContain(expected.messageIncludes);
  if (expected.evidence !== undefined) expect(actual.evidence).toMatchObject(expected.evidence);
  if (expected.severity !== undefined) expect(actual.severity).toBe(expected.severity);
  if (expected.related !== undefined) expect((actual.related ?? []).map((r) => r.text)).toEqual(expected.related);
  if (expected.line !== undefined) expect(actual.line).toBe(expected.line);
  if (expected.column !== undefined) expect(actual.column).toBe(expected.column);
  if (expected.suggestion !== undefined) expect(actual.suggestion).toBe(expected.suggestion);
  if (expected.ruleId !== undefined) expect(actual.ruleId).toBe(expected.ruleId);
}

export const ruleTester = {
  run(type: string, cases: { valid: TestCase[]; invalid: InvalidCase[] }): void {
    const seen = new Set<string>();
    const key = (c: TestCase) => JSON.stringify([c.text, c.options ?? {}]);
    describe(type, () => {
      for (const c of [...cases.valid, ...cases.invalid]) {
        if (seen.has(key(c))) throw new Error(`duplicate test case: ${c.name ?? c.text}`);
        seen.add(key(c));
      }
      for (const c of cases.valid) {
        it(`valid: ${c.name ?? c.text.slice(0, 40)}`, () => {
          const findings = checkText(c.text, ruleSetFor(type, c.options), c.lang);
          expect(findings.map((f) => `${f.text}: ${f.message}`)).toEqual([]);
        });
      }
      for (const c of cases.invalid) {
        it(`invalid: ${c.name ?? c.text.slice(0, 40)}`, () => {
          const findings = checkText(c.text, ruleSetFor(type, c.options), c.lang);
          expect(findings.length, findings.map((f) => `${f.text}: ${f.message}`).join("\n")).toBe(c.findings.length);
          c.findings.forEach((e, i) => assertMatches(findings[i]!, e));
        });
      }
      runFixtureFolders(type);
    });
  },
};

/** One test per folder under test/fixtures/checks/<type>/. */
export function runFixtureFolders(type: string): void {
  const dir = join(ROOT, "test", "fixtures", "checks", type);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const caseDir = join(dir, name);
    const markdown = existsSync(join(caseDir, "input.md"));
    if (!markdown && !existsSync(join(caseDir, "input.txt"))) continue;
    it(`fixture: ${name}`, async () => {
      const rulesPath = join(caseDir, "rules.yaml");
      const loaded = loadRuleSetFromString(readFileSync(rulesPath, "utf8"), rulesPath);
      if (!loaded.ok) throw new Error(loaded.problems.map((p) => formatProblem(p, "en")).join("\n"));
      const found = markdown ? await checkMarkdown(join(caseDir, "input.md"), loaded.ruleset) : checkText(readFileSync(join(caseDir, "input.txt"), "utf8"), loaded.ruleset);
      const actual = found.map((f) => ({ ruleId: f.ruleId, line: f.line, column: f.column, text: f.text, message: f.message }));
      const expectedPath = join(caseDir, "expected.json");
      // A missing expected.json is written for review but fails the case, so a fixture committed without
      // its expectation cannot pass vacuously on a clean checkout.
      const missing = !existsSync(expectedPath);
      if (missing || process.env.UPDATE_SNAPSHOT === "1") {
        writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + "\n");
      }
      if (missing && process.env.UPDATE_SNAPSHOT !== "1") throw new Error(`${expectedPath} was missing: written from this run; read it, then commit it`);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, "utf8")));
    });
  }
}

/** A Markdown fixture through the real reader (markup, tables), then all stages. */
async function checkMarkdown(path: string, ruleset: ResolvedRuleSet): Promise<Finding[]> {
  const raw = await ingestBuffer(readFileSync(path), path);
  const { findings, errors } = runChecks(segment(normalize(raw), createSegmenter("node-rs")), ruleset, { lang: "zh" });
  expect(errors, "no rule may crash").toEqual([]);
  for (const f of findings) assertFindingInvariants(f, raw.original);
  return findings;
}
