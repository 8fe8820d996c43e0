/**
 * The bad-input suite, part 2 (issue 14 items 1–4): special files reached through a glob, a folder, a
 * named path or a rule file; rule files that point outside their folder; regular expressions that would
 * backtrack super-linearly; YAML that the parser rejects. Every case must end within 10 s with a clear
 * error naming the file or the rule line, and the rest of the batch must go on.
 */
import { spawnSync, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../pipeline/run.js";
import { ingest } from "../pipeline/stages/ingest.js";
import { FileTooLargeError, NotRegularFileError, readRegularFile, readRegularFileSync } from "../pipeline/files.js";
import { loadRuleSet, loadRuleSetFromString, validateRuleFiles } from "../pipeline/ruleset/load.js";
import { formatProblem } from "../pipeline/ruleset/errors.js";
import { backtrackBound, LinearRegExp, UnsafeRegexError, userRegExp } from "../pipeline/text/safe-regex.js";
import { ROOT } from "./helpers/pipeline.js";

const REPORT = "关于2021年度法治政府建设情况的报告\n\n2021年，我区坚持依法行政，全面推进法治政府建设，办理行政复议案件12件。\n";
/** Every case must end within this (the bar); the spawn timeout makes a hang a failure, not a stuck suite. */
const CASE_MS = 10_000;

function cli(args: string[], cwd = ROOT) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(ROOT, "bin/report-qc.js"), ...args], { cwd, encoding: "utf8", timeout: CASE_MS * 2 });
  return { ...r, ms: Date.now() - t0 };
}

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `rqc-bad14-${prefix}-`));
}

function fifo(path: string): void {
  execFileSync("mkfifo", [path]);
}

async function runIn(dir: string, inputs: string[]) {
  const { model } = await runPipeline(inputs, { lang: "en", segmenter: "node-rs", rules: "national", corpus: false });
  const name = (p: string) => relative(dir, p);
  return { docs: model.documents.map((d) => name(d.path)), errors: Object.fromEntries(model.errors.map((e) => [name(e.path), e])) };
}

describe("special files: only regular files are read, never more than the limit", () => {
  it("a glob matching a link to /dev/zero and a link to a FIFO: E_NOT_REGULAR each, the report is checked", async () => {
    const dir = tmp("glob");
    writeFileSync(join(dir, "a.txt"), REPORT);
    symlinkSync("/dev/zero", join(dir, "z.txt"));
    fifo(join(dir, "pipe"));
    symlinkSync("pipe", join(dir, "p.txt"));
    const t0 = Date.now();
    const single = await runIn(dir, [join(dir, "[z].txt")]);
    expect(single.docs).toEqual([]);
    expect(single.errors["z.txt"]?.code).toBe("E_NOT_REGULAR");
    expect(single.errors["z.txt"]?.message).toMatch(/z\.txt.*character device/);
    const all = await runIn(dir, [join(dir, "*.txt")]);
    expect(all.docs).toEqual(["a.txt"]);
    expect(all.errors["p.txt"]?.message).toMatch(/FIFO/);
    expect(all.errors["z.txt"]?.code).toBe("E_NOT_REGULAR");
    expect(Date.now() - t0).toBeLessThan(CASE_MS);
  });

  it("a folder scan reads a linked report, and names the FIFO, the device link and the broken link", async () => {
    const dir = tmp("walk");
    const inDir = join(dir, "in");
    mkdirSync(inDir);
    writeFileSync(join(inDir, "a.txt"), REPORT);
    writeFileSync(join(dir, "elsewhere.txt"), REPORT.replace("12件", "13件"));
    symlinkSync("../elsewhere.txt", join(inDir, "linked.txt"));
    fifo(join(inDir, "f.txt"));
    symlinkSync("/dev/zero", join(inDir, "z.md"));
    symlinkSync("missing.txt", join(inDir, "dangling.txt"));
    // A link to a folder is not entered (a link to / or a parent would scan the disk or loop).
    symlinkSync("..", join(inDir, "up"));
    const t0 = Date.now();
    const r = await runIn(dir, [inDir]);
    expect(r.docs).toEqual(["in/a.txt", "in/linked.txt"]);
    expect(r.errors["in/f.txt"]?.code).toBe("E_NOT_REGULAR");
    expect(r.errors["in/z.md"]?.code).toBe("E_NOT_REGULAR");
    expect(r.errors["in/dangling.txt"]?.message).toMatch(/broken symbolic link/);
    expect(Date.now() - t0).toBeLessThan(CASE_MS);
  });

  it("a device or FIFO named on the command line: a precise error (not “no such file”), exit 2, the other file is checked", () => {
    const dir = tmp("named");
    writeFileSync(join(dir, "a.txt"), REPORT);
    fifo(join(dir, "f.txt"));
    const r = cli(["check", "/dev/zero", join(dir, "f.txt"), join(dir, "a.txt"), "--json", "--no-corpus", "--rules", "national", "--lang", "en"]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.ms).toBeLessThan(CASE_MS);
    const out = JSON.parse(r.stdout) as { documents: { path: string }[]; errors: { path: string; code: string; message: string }[] };
    expect(out.documents.map((d) => d.path)).toEqual([join(dir, "a.txt")]);
    expect(out.errors.map((e) => [e.path, e.code])).toEqual([
      ["/dev/zero", "E_NOT_REGULAR"],
      [join(dir, "f.txt"), "E_NOT_REGULAR"],
    ]);
    expect(out.errors[0]!.message).toMatch(/character device/);
    expect(out.errors[1]!.message).not.toMatch(/no such file/);
  });

  it("ingest itself refuses a device and a FIFO (a file swapped after the scan) without blocking", async () => {
    const dir = tmp("ingest");
    fifo(join(dir, "f.txt"));
    await expect(ingest("/dev/zero")).rejects.toMatchObject({ code: "E_NOT_REGULAR" });
    await expect(ingest(join(dir, "f.txt"))).rejects.toMatchObject({ code: "E_NOT_REGULAR" });
    expect(() => readRegularFileSync(join(dir, "f.txt"), 100)).toThrow(NotRegularFileError);
  });

  it("the size limit is counted while reading, not taken from stat (/proc files report size 0)", async () => {
    // /proc/self/status is a regular file of several hundred bytes whose stat size is 0.
    await expect(readRegularFile("/proc/self/status", 50)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(() => readRegularFileSync("/proc/self/status", 50)).toThrow(FileTooLargeError);
    expect((await readRegularFile("/proc/self/status", 1 << 20)).toString("utf8")).toMatch(/^Name:/);
    const dir = tmp("limit");
    writeFileSync(join(dir, "big.txt"), REPORT.repeat(100));
    await expect(ingest(join(dir, "big.txt"), {}, 1000)).rejects.toMatchObject({ code: "E_TOO_LARGE" });
  });
});

describe("YAML the parser refuses is reported at its position, never dropped", () => {
  const aliasBomb = (n: number) =>
    ["id: bomb", "extends: national", "rules:", "  placeholder:", "    extraPatterns:", '      - &p {kind: mark, pattern: "【待定】"}', ...Array.from({ length: n }, () => "      - *p"), ""].join("\n");

  // yaml counts the anchored node itself: the 100th alias is the 101st expansion.
  it("more than 100 alias expansions: E_YAML_ALIASES at the alias that crosses the limit (the option is not silently lost)", () => {
    const r = loadRuleSetFromString(aliasBomb(120), join(tmp("alias"), "bomb.yaml"));
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([["E_YAML_ALIASES", 6 + 100, 9]]);
    expect(problems[0]!.localized?.en).toMatch(/more than 100/);
    // Under the limit the aliases are expanded as before.
    const ok = loadRuleSetFromString(aliasBomb(20), join(tmp("alias"), "ok.yaml"));
    expect(ok.ok).toBe(true);
    const placeholder = ok.ok ? ok.ruleset.rules.find((x) => x.key === "placeholder") : undefined;
    expect((placeholder?.options as { extraPatterns: unknown[] }).extraPatterns).toHaveLength(21);
  });

  it("rules validate and check exit 2 with file:line:column for the alias bomb and for an unknown tag", () => {
    const dir = tmp("alias-cli");
    writeFileSync(join(dir, "bomb.yaml"), aliasBomb(150));
    writeFileSync(join(dir, "tag.yaml"), "id: tag\nextends: national\nrules:\n  placeholder:\n    allow: !secret [甲]\n");
    const v = cli(["rules", "validate", join(dir, "bomb.yaml"), join(dir, "tag.yaml"), "--lang", "en"]);
    expect(v.status).toBe(2);
    expect(v.ms).toBeLessThan(CASE_MS);
    expect(v.stderr).toMatch(/bomb\.yaml:106:9: YAML aliases expand more than 100 times/);
    expect(v.stderr).toMatch(/tag\.yaml:5:12: YAML syntax error: Unresolved tag: !secret/);
    const c = cli(["check", join(dir, "nothing.txt"), "--rules", join(dir, "bomb.yaml")]);
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/bomb\.yaml:106:9: /);
  });
});

describe("rule files reference only their own folder and the built-in rules (trust boundary)", () => {
  /** A rule set in <base>/rules/, a secret file in <base>/secret/, a word list in <base>/shared/. */
  function layout() {
    const base = tmp("trust");
    for (const d of ["rules", "secret", "shared"]) mkdirSync(join(base, d));
    writeFileSync(join(base, "secret", "shadow"), "root:$6$SECRETHASH:19000:0:99999:7:::\n");
    writeFileSync(join(base, "shared", "list.yaml"), "substitute:\n  - {wrong: 法制政府, right: 法治政府}\n");
    writeFileSync(join(base, "rules", "list.yaml"), "substitute:\n  - {wrong: 法制政府, right: 法治政府}\n");
    const ruleFile = (body: string) => {
      const f = join(base, "rules", "set.yaml");
      writeFileSync(f, `id: set\n${body}\n`);
      return f;
    };
    const termRule = (listFile: string) => `extends: national\nrules:\n  t:\n    type: term\n    listFile: ${listFile}`;
    return { base, ruleFile, termRule };
  }

  it("extends: ../secret/shadow is refused at the extends line without reading or quoting the file", () => {
    const { ruleFile } = layout();
    const f = ruleFile("extends: ../secret/shadow\nrules: {}");
    const r = cli(["rules", "validate", f, "--lang", "en"]);
    expect(r.status).toBe(2);
    expect(r.ms).toBeLessThan(CASE_MS);
    expect(r.stderr).toMatch(/set\.yaml:2:10: “\.\.\/secret\/shadow” is outside the rule set's folder/);
    expect(r.stderr).toMatch(/--allow-rule-paths/);
    expect(r.stderr).not.toMatch(/SECRETHASH|root:/);
    // Same for an absolute path and for check.
    const abs = ruleFile(`extends: ${join(tmpdir(), "..", "etc", "passwd")}\nrules: {}`);
    const c = cli(["check", "nothing.txt", "--rules", abs]);
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/set\.yaml:2:10: /);
    expect(c.stderr).not.toMatch(/root:/);
  });

  it("listFile outside the folder, a link out of it, /dev/zero and a FIFO: each an error at the listFile line within 10 s", () => {
    const { base, ruleFile, termRule } = layout();
    fifo(join(base, "rules", "pipe.yaml"));
    symlinkSync("../secret/shadow", join(base, "rules", "innocent.yaml"));
    const cases: [string, RegExp][] = [
      ["../shared/list.yaml", /“\.\.\/shared\/list\.yaml” is outside/],
      ["/dev/zero", /“\/dev\/zero” is outside/],
      ["./innocent.yaml", /“\.\/innocent\.yaml” is outside/],
      ["./pipe.yaml", /cannot read word list .*pipe\.yaml: not a regular file \(FIFO/],
    ];
    for (const [listFile, message] of cases) {
      const f = ruleFile(termRule(listFile));
      const t0 = Date.now();
      const problems = validateRuleFiles([f]).map((p) => formatProblem(p, "en"));
      expect(Date.now() - t0, listFile).toBeLessThan(CASE_MS);
      expect(problems, listFile).toHaveLength(1);
      expect(problems[0], listFile).toMatch(new RegExp(`set\\.yaml:6:15: .*${message.source}`));
      expect(problems[0]).not.toMatch(/SECRETHASH/);
    }
    // The command line says the same and exits 2.
    const r = cli(["rules", "validate", ruleFile(termRule("/dev/zero")), "--lang", "en"]);
    expect(r.status).toBe(2);
    expect(r.ms).toBeLessThan(CASE_MS);
    expect(r.stderr).toMatch(/set\.yaml:6:15: “\/dev\/zero” is outside/);
  });

  it("--allow-rule-paths lets a rule set use a shared folder; files under its own folder need nothing", () => {
    const { base, ruleFile, termRule } = layout();
    expect(validateRuleFiles([ruleFile(termRule("./list.yaml"))])).toEqual([]);
    const shared = ruleFile(termRule("../shared/list.yaml"));
    expect(validateRuleFiles([shared]).map((p) => p.code)).toEqual(["E_PATH_OUTSIDE"]);
    expect(validateRuleFiles([shared], { allowRulePaths: [join(base, "shared")] })).toEqual([]);
    const allowed = cli(["rules", "validate", shared, "--allow-rule-paths", join(base, "shared")]);
    expect(allowed.status, allowed.stderr).toBe(0);
    // A FIFO given as the rule set itself: said to be one, not "not found", and not opened.
    fifo(join(base, "rules", "pipe.yaml"));
    const named = loadRuleSet(join(base, "rules", "pipe.yaml"));
    expect(named).toMatchObject({ ok: false, problems: [{ code: "E_READ" }] });
    expect(named.ok ? "" : named.problems[0]!.localized?.en).toMatch(/not a regular file \(FIFO/);
    // The secret folder stays closed when another folder is allowed.
    const secret = ruleFile("extends: ../secret/shadow\nrules: {}");
    expect(loadRuleSet(secret, { allowRulePaths: [join(base, "shared")] })).toMatchObject({ ok: false, problems: [{ code: "E_PATH_OUTSIDE", line: 2 }] });
  });
});

describe("regular expressions: linear time or refused at the pattern's line", () => {
  const line = (n: number) => "a".repeat(n) + "!";

  it("(a*)\\1x: a backreference with unbounded repetition is refused by rules validate at the pattern (exit 2)", () => {
    const dir = tmp("backref");
    const f = join(dir, "backref.yaml");
    writeFileSync(f, ["id: backref", "extends: national", "rules:", "  placeholder:", "    extraPatterns:", '      - {kind: echo, pattern: "(a*)\\\\1x"}', ""].join("\n"));
    const problems = validateRuleFiles([f]);
    // Line 6, column 31: the pattern's value node.
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([["E_COMPILE", 6, 31]]);
    expect(problems[0]!.localized?.en).toMatch(/backreference .* unbounded repetition/);
    const r = cli(["rules", "validate", f, "--lang", "en"]);
    expect(r.status).toBe(2);
    expect(r.ms).toBeLessThan(CASE_MS);
    expect(r.stderr).toMatch(/backref\.yaml:6:31: .*invalid regular expression: a backreference/);
    expect(() => userRegExp("(a*)\\1x", "u")).toThrow(UnsafeRegexError);
    expect(() => userRegExp("(?<w>[甲乙]+)的\\k<w>", "u")).toThrow(/backreference/);
  });

  it("a backreference with short bounded repetition still runs natively, in linear time", () => {
    const re = userRegExp("([甲乙丙a]{1,4})\\1x", "gu");
    expect(re).not.toBeInstanceOf(LinearRegExp);
    expect([..."甲乙甲乙x".matchAll(re)].map((m) => m[0])).toEqual(["甲乙甲乙x"]);
    const t0 = Date.now();
    expect(re.test(line(20_000))).toBe(false);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it("bounded repetition that backtracks exponentially or polynomially goes to the linear engine (natively > 20 s on 2,000 characters)", () => {
    expect(backtrackBound("a{0,100}a{0,100}a{0,100}x")).toBe(101 ** 3);
    expect(backtrackBound("[^。]{0,20}(?:更名|改为)")).toBe(42);
    for (const src of ["a{0,100}a{0,100}a{0,100}x", "(?:a|a){0,30}x", "(?:a{0,10}){0,10}x"]) {
      const re = userRegExp(src, "u");
      expect(re, src).toBeInstanceOf(LinearRegExp);
      const t0 = Date.now();
      expect(re.test(line(20_000)), src).toBe(false);
      expect(Date.now() - t0, src).toBeLessThan(2_000);
      expect(re.exec("aaax")?.[0] ?? null, src).toBe(new RegExp(src, "u").exec("aaax")?.[0] ?? null);
    }
    // When the linear engine cannot run it (lookaround; nested counts over RE2's 1000): refused, saying why.
    expect(() => userRegExp("(?<!b)a{0,100}a{0,100}a{0,100}x", "u")).toThrow(/more than 1000 ways/);
    expect(() => userRegExp("(a{0,100}){0,100}$", "u")).toThrow(/more than 1000 ways/);
  });
});
