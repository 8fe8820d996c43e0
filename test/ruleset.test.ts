/**
 * Rule-set loading: every problem of every file in an extends chain at once, each as an exact
 * `file:line:column: message`; merge semantics of `extends`; built-in sets; regexString().
 * Expected positions are computed from the fixture text with `at()` (searching for the offending
 * node) and were also checked by hand where literal numbers appear.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CompileError, defineCheck, type CheckDefinition } from "../pipeline/checks/define-check.js";
import { checkRegistry } from "../pipeline/checks/index.js";
import { formatProblem, formatProblemWithExcerpt } from "../pipeline/ruleset/errors.js";
import { listBuiltinRuleSets, loadRuleSet, loadRuleSetFromString, validateRuleFiles, type LoadOptions } from "../pipeline/ruleset/load.js";
import { regexString } from "../pipeline/ruleset/schema-helpers.js";
import type { LoadResult, ResolvedRuleSet, RuleProblem } from "../pipeline/ruleset/types.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const FIX = join(ROOT, "test", "fixtures", "rulesets");
/** Paths as formatProblem prints them (relative to the cwd, which vitest sets to the repo root). */
const rel = (p: string) => relative(process.cwd(), p);
const fixture = (name: string) => join(FIX, name);

/**
 * `file:line:column` of the `nth` occurrence of `needle` in a fixture, moved `skip` characters right
 * (1-based, column in UTF-16 units).
 */
function at(name: string, needle: string, nth = 0, skip = 0): string {
  const text = readFileSync(fixture(name), "utf8");
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`${needle} not found in ${name}`);
  }
  const before = text.slice(0, i + skip).split("\n");
  return `${rel(fixture(name))}:${before.length}:${before[before.length - 1]!.length + 1}`;
}

function problemsOf(r: LoadResult): RuleProblem[] {
  if (r.ok) throw new Error(`expected problems, got rule set ${r.ruleset.id}`);
  return r.problems;
}

function lines(r: LoadResult, lang: "zh" | "en" = "zh"): string[] {
  return problemsOf(r).map((p) => formatProblem(p, lang));
}

function ok(r: LoadResult): ResolvedRuleSet {
  if (!r.ok) throw new Error(r.problems.map((p) => formatProblem(p, "en")).join("\n"));
  return r.ruleset;
}

const knownTypes = (registry: ReadonlyMap<string, CheckDefinition>) => [...registry.keys()].sort().join("、");
const builtins = listBuiltinRuleSets().join("、");

/** A stand-in check with a regexString option and a compile step that can fail on demand. */
const fakeTerm = defineCheck({
  type: "term",
  description: { zh: "测试用", en: "for tests" },
  defaultScope: "sentence",
  scopes: ["sentence", "block"],
  options: z
    .object({
      terms: z.array(regexString()).default([]),
      minCount: z.number().int().min(1).default(1),
      failCompile: z.string().optional(),
    })
    .strict(),
  messages: { found: { zh: "发现“{{term}}”", en: "Found “{{term}}”" } },
  compile(o) {
    if (o.failCompile) throw new CompileError(o.failCompile, ["failCompile"]);
    return o.terms.map((t) => new RegExp(t, "gu"));
  },
  run: () => [],
});
const fakeRegistry: ReadonlyMap<string, CheckDefinition> = new Map<string, CheckDefinition>([...checkRegistry, ["term", fakeTerm]]);
const withFake: LoadOptions = { registry: fakeRegistry };

describe("problems: positions and messages", () => {
  it("a file with three different mistakes gives exactly three problems, in file order", () => {
    const f = "three-mistakes.yaml";
    const placeholderKeys = ["type", "severity", "scope", "message", "description", ...Object.keys((checkRegistry.get("placeholder")!.options as z.ZodObject).shape)];
    expect(lines(loadRuleSet(fixture(f)))).toEqual([
      `${at(f, "fatal")}: 未知的严重级别“fatal”；可用：error、warning、info、off`,
      `${at(f, "colour")}: 规则“placeholder”（placeholder）不支持选项“colour”；可用的键：${placeholderKeys.join("、")}`,
      `${at(f, "no-such-check")}: 规则“new-rule”的检查类型“no-such-check”未知；已注册的类型：${knownTypes(checkRegistry)}`,
    ]);
    // Checked by hand: value node of severity, key node of the unknown option, value node of type.
    expect(problemsOf(loadRuleSet(fixture(f))).map((p) => `${p.line}:${p.column}`)).toEqual(["7:15", "8:5", "10:11"]);
  });

  it("English messages, codes and key paths", () => {
    const r = loadRuleSet(fixture("three-mistakes.yaml"));
    expect(lines(r, "en")[0]).toBe(`${at("three-mistakes.yaml", "fatal")}: unknown severity “fatal”; expected one of: error, warning, info, off`);
    expect(problemsOf(r).map((p) => [p.code, p.keyPath])).toEqual([
      ["E_SEVERITY", "rules.placeholder.severity"],
      ["E_UNKNOWN_OPTION", "rules.placeholder.colour"],
      ["E_CHECK_TYPE", "rules.new-rule.type"],
    ]);
  });

  it("prints a numbered excerpt with a caret under the column", () => {
    const [p] = problemsOf(loadRuleSet(fixture("three-mistakes.yaml")));
    expect(formatProblemWithExcerpt(p!, "zh")).toBe(
      [
        `${rel(fixture("three-mistakes.yaml"))}:7:15: 未知的严重级别“fatal”；可用：error、warning、info、off`,
        "  6 |   placeholder:",
        "> 7 |     severity: fatal",
        "    |               ^",
        "  8 |     colour: red",
      ].join("\n"),
    );
  });

  it("a YAML syntax error is reported at yaml's own position, and nothing else from that file", () => {
    const f = "syntax-error.yaml";
    expect(lines(loadRuleSet(fixture(f)))).toEqual([
      `${at(f, "duplicate-sentence")}: YAML 语法错误：Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
    expect(at(f, "duplicate-sentence")).toMatch(/:6:3$/);
  });

  it("reports every kind of mistake in one file at once", () => {
    const f = "many-problems.yaml";
    expect(lines(loadRuleSet(fixture(f), withFake))).toEqual([
      `${at(f, "Many_Problems")}: 规则集 id“Many_Problems”应为小写拼音（a-z、数字、连字符），如 guangdong`,
      `${at(f, "colour")}: 未知的键“colour”；可用的键：id、name、description、extends、appliesTo、rules`,
      `${at(f, '"法治政府建设(报告"')}: 无效的正则表达式：/法治政府建设(报告/u: Unterminated group`,
      `${at(f, "severity: 3", 0, "severity: ".length)}: “rules.bad-severity-type.severity”应为严重级别（error、warning、info、off），实际为数字`,
      `${at(f, "paragraph")}: 规则“bad-scope”的范围“paragraph”不适用于检查类型 term；可用：sentence、block`,
      `${at(f, '"粤(政易"')}: 无效的正则表达式：/粤(政易/u: Unterminated group`,
      `${at(f, "粤省事", 1)}: “rules.bad-option-type.terms”应为列表，实际为字符串`,
      `${at(f, "minCount: 0", 0, "minCount: ".length)}: 选项“rules.bad-min.minCount”无效：数值过小：期望 number >=1`,
      `${at(f, "nosuch")}: 检查类型 term 没有消息 id“nosuch”；可用：found`,
      `${at(f, "编译失败")}: 规则“compile-fails”（term）无法编译：编译失败`,
      `${at(f, "orphan-override")}: 上级规则集中没有规则“orphan-override”，不能只改严重级别；新规则须写成带 type 的映射`,
      `${at(f, "orphan-object")}: 上级规则集中没有规则“orphan-object”，新规则必须写明 type`,
      `${at(f, "duplicated", 1)}: 键“duplicated”重复出现`,
    ]);
  });

  it("missing required keys point at the enclosing mapping", () => {
    const f = "missing-keys.yaml";
    expect(lines(loadRuleSet(fixture(f)))).toEqual([`${rel(fixture(f))}:1:1: 缺少必填的键“id”`, `${rel(fixture(f))}:1:1: 缺少必填的键“rules”`]);
  });

  it("a province file must be named after its id and extend a parent", () => {
    const f = "provinces/wrong-id.yaml";
    expect(lines(loadRuleSet(fixture(f)))).toEqual([
      `${rel(fixture(f))}:1:1: 省级规则文件必须用 extends 指定上级规则集（如 extends: national）`,
      `${at(f, "guangdong")}: 省级规则文件的 id“guangdong”应与文件名“wrong-id”一致`,
    ]);
  });

  it("wrong option types and values are mapped to their node, also inside lists", () => {
    const yamlText = ["id: inline", "rules:", "  dup:", "    type: duplicate-text", "    minLength: 十二", "    allow: [甲乙丙, 7]", ""].join("\n");
    const r = loadRuleSetFromString(yamlText, join(FIX, "inline.yaml"));
    expect(lines(r)).toEqual([
      `${rel(join(FIX, "inline.yaml"))}:5:16: “rules.dup.minLength”应为数字，实际为字符串`,
      `${rel(join(FIX, "inline.yaml"))}:6:18: “rules.dup.allow.1”应为字符串，实际为数字`,
    ]);
  });

  it("a CompileError from a real check points at the option path it names", () => {
    const yamlText = ["id: inline", "rules:", "  ph:", "    type: placeholder", "    extraPatterns:", "      - kind: test", '        pattern: "("', ""].join("\n");
    const [p] = problemsOf(loadRuleSetFromString(yamlText, join(FIX, "inline.yaml")));
    expect([p!.code, p!.line, p!.column, p!.keyPath]).toEqual(["E_COMPILE", 7, 18, "rules.ph.extraPatterns.0.pattern"]);
  });

  it("a rule set that does not exist has no position", () => {
    expect(lines(loadRuleSet("no-such-province"))).toEqual([`no-such-province: 找不到规则集“no-such-province”：既不是内置规则集（${builtins}），也不是存在的文件`]);
  });

  it("never throws, whatever the text", () => {
    for (const t of ["", "- a\n- b\n", "id: x\nrules: [1]\n", "id: 3\nrules:\n  a: [1]\n", "id: x\nrules:\n  a:\n    type: [placeholder]\n", ": :\n", "id: x\nrules:\n  a: *nope\n"]) {
      const r = loadRuleSetFromString(t, join(FIX, "fuzz.yaml"));
      expect(r.ok, t).toBe(false);
      for (const p of problemsOf(r)) expect(p.line, t).toBeGreaterThan(0);
    }
  });
});

describe("extends chain", () => {
  it("merges: severity override, off, shallow option merge, added rule, origin, appliesTo", () => {
    const rs = ok(loadRuleSet(fixture("chain/child.yaml")));
    expect(rs.id).toBe("chain-child");
    expect(rs.name).toBe("下级规则集");
    expect(rs.chain).toEqual(["chain-child", "chain-parent", "national"]);
    expect(rs.disabled).toEqual(["national.placeholder"]);
    // national grows as checks are added; look only at the rules this chain touches.
    const touched = rs.rules.filter((r) => ["duplicate-sentence", "long-duplicates", "placeholder"].includes(r.key));
    expect(touched.map((r) => [r.id, r.type, r.severity])).toEqual([
      ["national.duplicate-sentence", "duplicate-text", "warning"],
      ["chain-child.long-duplicates", "duplicate-text", "info"],
    ]);
    const dup = touched[0]!;
    // Shallow: minLength from the parent survives; the child's allow list replaces the parent's.
    expect(dup.options).toMatchObject({ minLength: 20, allow: ["深入学习贯彻习近平法治思想"] });
    expect(dup.origin.map((o) => `${rel(o.file)}:${o.line}:${o.column}`)).toEqual([
      `${rel(join(ROOT, "rules", "national.yaml"))}:${lineOf(join(ROOT, "rules", "national.yaml"), "  duplicate-sentence:")}:3`,
      `${at("chain/parent.yaml", "duplicate-sentence")}`,
      `${at("chain/child.yaml", "duplicate-sentence")}`,
    ]);
    const added = touched[1]!;
    expect(added.description).toBe("只看较长的重复句");
    expect(added.message).toEqual({ "*": { zh: "与前文重复（{{length}}字）", en: "" } });
    expect(added.options).toMatchObject({ minLength: 30 });
    expect(added.scope).toBe("document");
    expect(rs.appliesTo.titlePatterns.map(String)).toEqual(["/法治政府建设.*报告/u"]);
  });

  it("a severity override keeps the parent's severity-independent options; re-enabling after off works", () => {
    const parent = ok(loadRuleSet(fixture("chain/parent.yaml")));
    expect(parent.rules.find((r) => r.key === "placeholder")?.severity).toBe("warning");
    const grandchild = ok(loadRuleSetFromString("id: grandchild\nextends: ./child.yaml\nrules:\n  placeholder: error\n", fixture("chain/grandchild.yaml")));
    const ph = grandchild.rules.find((r) => r.key === "placeholder")!;
    expect([ph.id, ph.severity]).toEqual(["national.placeholder", "error"]);
    expect(ph.origin).toHaveLength(4);
    expect(grandchild.disabled).toEqual([]);
  });

  it("a different type replaces the rule wholesale and the rule then belongs to the child", () => {
    const rs = ok(loadRuleSetFromString("id: swap\nextends: ./parent.yaml\nrules:\n  duplicate-sentence:\n    type: placeholder\n", fixture("chain/swap.yaml")));
    const r = rs.rules.find((x) => x.key === "duplicate-sentence")!;
    expect([r.id, r.type, r.severity, r.origin.length]).toEqual(["swap.duplicate-sentence", "placeholder", "warning", 1]);
  });

  it("problems in a parent are reported at the parent's node", () => {
    const f = "dedupe/parent.yaml";
    expect(lines(loadRuleSet(fixture("dedupe/one.yaml")))).toEqual([`${at(f, "零")}: “rules.duplicate-sentence.minLength”应为数字，实际为字符串`]);
  });

  it("validateRuleFiles reports a problem shared through extends once", () => {
    const problems = validateRuleFiles([fixture("dedupe/one.yaml"), fixture("dedupe/two.yaml"), fixture("dedupe/parent.yaml")]);
    expect(problems.map((p) => formatProblem(p))).toEqual([`${at("dedupe/parent.yaml", "零")}: “rules.duplicate-sentence.minLength”应为数字，实际为字符串`]);
  });

  it("reports an extends cycle with the cycle spelled out", () => {
    expect(lines(loadRuleSet(fixture("cycle/a.yaml")))).toEqual([`${at("cycle/b.yaml", "./a.yaml")}: extends 形成循环：cycle-a → cycle-b → cycle-a`]);
    expect(lines(loadRuleSetFromString("id: self\nextends: ./self.yaml\nrules: {}\n", fixture("self.yaml")))).toEqual([
      `${rel(fixture("self.yaml"))}:2:10: extends 形成循环：self → self`,
    ]);
  });

  it("reports a missing parent once, without follow-up problems about its rules", () => {
    const f = "missing-parent.yaml";
    expect(lines(loadRuleSet(fixture(f)))).toEqual([
      `${at(f, "./no-such-parent.yaml")}: 找不到上级规则集“./no-such-parent.yaml”：既不是内置规则集（${builtins}），也不是存在的文件（${rel(fixture("no-such-parent.yaml"))}）`,
    ]);
  });

  it("extends the built-in national set by a relative path from a directory outside the repo", () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-ruleset-"));
    const national = join(ROOT, "rules", "national.yaml");
    const file = join(dir, "outside.yaml");
    writeFileSync(file, `id: outside\nextends: ${relative(dir, national)}\nrules:\n  placeholder: info\n`);
    const rs = ok(loadRuleSet(file));
    expect(rs.chain).toEqual(["outside", "national"]);
    expect(rs.rules.find((r) => r.key === "placeholder")?.severity).toBe("info");
    // By name works from anywhere too.
    writeFileSync(file, "id: outside\nextends: national\nrules: {}\n");
    expect(ok(loadRuleSet(file)).chain).toEqual(["outside", "national"]);
  });

  it("hash covers every file of the chain", () => {
    const a = ok(loadRuleSet("guangdong"));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(ok(loadRuleSet("guangdong")).hash).toBe(a.hash);
    expect(ok(loadRuleSet("national")).hash).not.toBe(a.hash);
    const dir = mkdtempSync(join(tmpdir(), "rqc-hash-"));
    // The whole rules/ tree: rules read their knowledge bases (kb/) relative to it.
    cpSync(join(ROOT, "rules"), dir, { recursive: true });
    const nationalText = readFileSync(join(ROOT, "rules", "national.yaml"), "utf8");
    const copy = ok(loadRuleSet("guangdong", { builtinDir: dir }));
    expect(copy.hash).toBe(a.hash);
    writeFileSync(join(dir, "national.yaml"), nationalText + "# edited\n");
    expect(ok(loadRuleSet("guangdong", { builtinDir: dir })).hash).not.toBe(a.hash);
  });
});

describe("built-in rule sets", () => {
  it("lists national first, then the provinces", () => {
    expect(listBuiltinRuleSets()).toEqual(["national", "guangdong", "hubei", "tianjin"]);
  });

  it.each(listBuiltinRuleSets())("%s loads without problems", (name) => {
    const rs = ok(loadRuleSet(name));
    expect(rs.id).toBe(name);
    if (name !== "national") {
      expect(basename(rs.file, ".yaml")).toBe(name);
      expect(rs.chain.at(-1)).toBe("national");
    }
  });

  it("national has the placeholder (error) and duplicate-sentence (warning) rules", () => {
    const rs = ok(loadRuleSet("national"));
    expect(rs.name).toBe("全国通用规则");
    const byId = new Map(rs.rules.map((r) => [r.id, [r.type, r.severity]]));
    expect(byId.get("national.placeholder")).toEqual(["placeholder", "error"]);
    expect(byId.get("national.duplicate-sentence")).toEqual(["duplicate-text", "warning"]);
    expect(new Set(rs.rules.map((r) => r.id)).size).toBe(rs.rules.length);
  });

  it("provinces show each override mechanism", () => {
    const sev = (name: string, key: string) => ok(loadRuleSet(name)).rules.find((r) => r.key === key)?.severity;
    // Provinces only add what is really theirs (Guangdong platform names); the draft example shows the mechanisms.
    expect(ok(loadRuleSet("guangdong")).rules.find((r) => r.key === "terms")?.options).toMatchObject({ accept: ["粤执法", "粤省事", "粤政易", "粤商通"] });
    const draftFile = join(ROOT, "rules", "examples", "draft.yaml");
    const draft = ok(loadRuleSet(draftFile));
    expect(draft.chain).toEqual(["draft", "guangdong", "national"]);
    expect(draft.rules.find((r) => r.key === "punctuation")).toMatchObject({ id: "national.punctuation", severity: "warning", options: { fullWidth: true } });
    expect(sev(draftFile, "boilerplate")).toBe("warning");
    expect(draft.disabled).toEqual(["national.year-publication-early"]);
    expect(draft.rules.find((r) => r.key === "leftover-markers")).toMatchObject({ id: "draft.leftover-markers", type: "placeholder", severity: "error" });
    expect(sev("hubei", "duplicate-sentence")).toBe("warning");
  });

  it("validateRuleFiles passes on every built-in file", () => {
    expect(validateRuleFiles(listBuiltinRuleSets())).toEqual([]);
    const files = [join(ROOT, "rules", "national.yaml"), ...listBuiltinRuleSets().slice(1).map((n) => join(ROOT, "rules", "provinces", `${n}.yaml`))];
    expect(validateRuleFiles(files)).toEqual([]);
  });

  it("builtinDir points the loader at another rules directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-builtin-"));
    mkdirSync(join(dir, "provinces"));
    writeFileSync(join(dir, "national.yaml"), "id: national\nrules:\n  ph:\n    type: placeholder\n");
    writeFileSync(join(dir, "provinces", "gansu.yaml"), "id: gansu\nextends: national\nrules:\n  ph: info\n");
    expect(listBuiltinRuleSets(dir)).toEqual(["national", "gansu"]);
    const rs = ok(loadRuleSet("gansu", { builtinDir: dir }));
    expect(rs.rules.map((r) => [r.id, r.severity])).toEqual([["national.ph", "info"]]);
    expect(dirname(rs.file)).toBe(join(dir, "provinces"));
  });
});

describe("regexString()", () => {
  const schema = regexString();
  it("accepts valid patterns, with the u flag", () => {
    expect(schema.safeParse("\\p{Script=Han}+").success).toBe(true);
  });
  it("rejects invalid ones with the JavaScript error text", () => {
    const r = schema.safeParse("(");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("invalid regular expression: /(/u: Unterminated group");
  });
});

function lineOf(file: string, needle: string): number {
  const text = readFileSync(file, "utf8");
  return text.slice(0, text.indexOf(needle)).split("\n").length;
}
