/**
 * Project configuration, inline suppression and baselines (issue 12 item 4), through the CLI on a real
 * report (corpus seed 002, 洪山区2020年度法治政府建设工作报告) copied into temporary projects.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS, ROOT } from "./helpers/pipeline.js";
import { globRegex, isIgnored } from "../pipeline/config/config.js";
import { applySuppressions } from "../pipeline/config/suppress.js";
import { applyBaseline, buildBaseline } from "../pipeline/config/baseline.js";
import type { Finding } from "../pipeline/model/finding.js";

const SEED = readFileSync(join(CORPUS, "002_88355d0e2550c175.txt"), "utf8");
const PLACEHOLDER_SEED = readFileSync(join(CORPUS, "003_8388e48a1664613c.txt"), "utf8");

function cli(args: string[], cwd: string) {
  return spawnSync(process.execPath, [join(ROOT, "bin/report-qc.js"), ...args], { cwd, encoding: "utf8" });
}

interface Doc {
  path: string;
  ruleset: string;
  findings: Finding[];
}
const docs = (stdout: string): Doc[] => JSON.parse(stdout).documents;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "rqc-config-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe(".report-qc.yaml", () => {
  it("is found above the input: inline rule overrides, ignore globs and output defaults apply; --no-config and --config", () => {
    const dir = project({
      ".report-qc.yaml": "extends: national\nrules:\n  punctuation: off\nignore:\n  - old/\nlang: en\n",
      "drafts/a.txt": SEED,
      "drafts/old/b.txt": PLACEHOLDER_SEED,
    });
    const elsewhere = mkdtempSync(join(tmpdir(), "rqc-cwd-"));
    const withConfig = cli(["check", join(dir, "drafts"), "--json", "--no-corpus", "--exit-zero"], elsewhere);
    expect(withConfig.status, withConfig.stderr).toBe(0);
    const [a, ...rest] = docs(withConfig.stdout);
    expect(rest).toHaveLength(0); // old/b.txt ignored
    expect(withConfig.stderr).toContain("1 file(s) ignored by the config");
    expect(a!.ruleset).toBe("project");
    expect(a!.findings.some((f) => f.check === "punctuation")).toBe(false);
    expect(a!.findings.find((f) => f.ruleId === "national.arithmetic-remainder")!.message).toMatch(/^Total 68/); // lang: en

    const without = docs(cli(["check", join(dir, "drafts"), "--json", "--no-corpus", "--exit-zero", "--no-config"], elsewhere).stdout);
    expect(without.map((d) => d.path.replace(/\\/g, "/").split("/drafts/")[1])).toEqual(["a.txt", "old/b.txt"]);
    expect(without[0]!.findings.filter((f) => f.check === "punctuation").length).toBeGreaterThan(0);
    expect(without[0]!.findings.find((f) => f.ruleId === "national.arithmetic-remainder")!.message).toMatch(/^总数68件/);

    const other = project({ "strict.yaml": "rules: national\nlang: zh\n" });
    const named = docs(cli(["check", join(dir, "drafts", "a.txt"), "--json", "--no-corpus", "--exit-zero", "--config", join(other, "strict.yaml")], elsewhere).stdout);
    expect(named[0]!.ruleset).toBe("national");
  });

  it("check - finds the config from --stdin-filename, whose ignore globs apply to it", () => {
    const dir = project({ ".report-qc.yaml": "extends: national\nrules:\n  punctuation: off\nignore: [old/]\n" });
    const run = (name: string) => spawnSync(process.execPath, [join(ROOT, "bin/report-qc.js"), "check", "-", "--stdin-filename", name, "--json", "--no-corpus", "--exit-zero"], { cwd: dir, encoding: "utf8", input: SEED });
    const kept = docs(run("drafts/a.txt").stdout);
    expect(kept.map((d) => [d.path, d.ruleset])).toEqual([["drafts/a.txt", "project"]]);
    expect(docs(run("old/a.txt").stdout)).toHaveLength(0);
  });

  it("config mistakes are file:line:column problems and exit 2 before any document is read", () => {
    const dir = project({ ".report-qc.yaml": "extends: national\nrules:\n  punctuation: offf\nformat: json\n", "a.txt": SEED });
    const r = cli(["check", "a.txt", "--no-corpus"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(".report-qc.yaml:3:16:");
    const dir2 = project({ ".report-qc.yaml": "format: json\ncolour: red\nlang: fr\n", "a.txt": SEED });
    const r2 = cli(["check", "a.txt", "--no-corpus"], dir2);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/\.report-qc\.yaml:2:1: .*colour/);
    expect(r2.stderr).toMatch(/\.report-qc\.yaml:3:7: .*lang/);
  });

  it("ignore globs: anchored paths, names at any depth, folders, ** and {a,b}", () => {
    const config = { file: "/p/.report-qc.yaml", ignore: ["old/", "*.bak.txt", "drafts/2019/**", "**/{tmp,scratch}/*.md"] };
    expect(isIgnored(config, "/p/a/old/x.txt")).toBe(true);
    expect(isIgnored(config, "/p/old.txt")).toBe(false);
    expect(isIgnored(config, "/p/x/y.bak.txt")).toBe(true);
    expect(isIgnored(config, "/p/drafts/2019/q/a.txt")).toBe(true);
    expect(isIgnored(config, "/p/other/drafts/2019/a.txt")).toBe(false);
    expect(isIgnored(config, "/p/a/scratch/n.md")).toBe(true);
    expect(isIgnored(config, "/elsewhere/old/x.txt")).toBe(false);
    expect(globRegex("a,b.txt").test("a,b.txt")).toBe(true);
  });
});

describe("inline suppression", () => {
  const lines = SEED.split("\n");
  // Line 8 has two half-width punctuation findings; line 38 the 68件 remainder.
  const txt = [
    ...lines.slice(0, 7),
    "report-qc-disable-next-line punctuation",
    lines[7],
    ...lines.slice(8, 37),
    "report-qc-disable arithmetic, national.terms",
    lines[37],
    "report-qc-enable",
    ...lines.slice(38),
  ].join("\n");

  it("in a .txt: next-line and region directives silence the named rules only, and produce no findings themselves", () => {
    const dir = project({ "a.txt": txt, "plain.txt": SEED });
    const r = cli(["check", "a.txt", "plain.txt", "--json", "--no-corpus", "--exit-zero", "--rules", "national"], dir);
    const [a, plain] = docs(r.stdout);
    const key = (f: Finding) => `${f.ruleId}|${f.text}`;
    const gone = plain!.findings.filter((f) => !a!.findings.some((g) => key(g) === key(f)));
    expect(gone.map((f) => f.ruleId).sort()).toEqual(["national.arithmetic-remainder", "national.punctuation", "national.punctuation"]);
    // Other punctuation findings elsewhere in the text are kept.
    expect(a!.findings.length).toBe(plain!.findings.length - 3);
    for (const f of a!.findings) expect(f.text).not.toContain("report-qc");
    expect(r.stderr).toContain("report-qc-disable 注释屏蔽了 3 条问题");
  });

  it("in Markdown: HTML comment directives", () => {
    const md = ["# 洪山区2020年度法治政府建设工作报告", "", ...lines.slice(1, 7).flatMap((l) => [l, ""]), "<!-- report-qc-disable-next-line national.punctuation -->", lines[7], "", "<!-- report-qc-disable -->", "", ...lines.slice(8).flatMap((l) => [l, ""])].join("\n");
    const dir = project({ "a.md": md });
    const a = docs(cli(["check", "a.md", "--json", "--no-corpus", "--exit-zero", "--rules", "national"], dir).stdout)[0]!;
    // Everything after the open region is silenced; before it only the named rule on the next line.
    const regionStart = md.indexOf("<!-- report-qc-disable -->");
    expect(a.findings.every((f) => f.start < regionStart)).toBe(true);
    expect(a.findings.some((f) => f.check === "punctuation" && f.line === md.slice(0, md.indexOf(lines[7]!)).split("\n").length)).toBe(false);
    expect(a.findings.some((f) => f.check === "required-section")).toBe(true);
  });

  it("unit: a bare enable closes every region; rule key, rule id and check type all name a rule", () => {
    const text = "甲\nreport-qc-disable placeholder\n乙\n<!-- report-qc-enable -->\n丙\n";
    const f = (start: number, ruleId: string, check: Finding["check"]): Finding => ({ ruleId, check, severity: "error", start, end: start + 1, line: 1, column: 1, text: text[start]!, message: "", evidence: {} });
    const r = applySuppressions(text, [f(0, "national.placeholder", "placeholder"), f(text.indexOf("乙"), "national.placeholder", "placeholder"), f(text.indexOf("乙"), "national.terms", "term"), f(text.indexOf("丙"), "national.placeholder", "placeholder")]);
    expect(r.findings.map((x) => `${x.text}${x.ruleId}`)).toEqual(["甲national.placeholder", "乙national.terms", "丙national.placeholder"]);
  });
});

describe("baseline", () => {
  it("records accepted findings; after edits elsewhere only new findings show, duplicates counted", () => {
    // Seed 003 has 19 "XX" placeholders: a real count to exercise duplicates.
    const dir = project({ "drafts/b.txt": PLACEHOLDER_SEED });
    const w = cli(["baseline", "write", "drafts", "--baseline", "accepted.json", "--no-corpus", "--no-config"], dir);
    expect(w.status, w.stderr).toBe(0);
    const before = docs(cli(["check", "drafts", "--json", "--no-corpus", "--exit-zero", "--no-config"], dir).stdout)[0]!;
    const baseline = JSON.parse(readFileSync(join(dir, "accepted.json"), "utf8"));
    const recorded = baseline.documents["drafts/b.txt"] as { count: number }[];
    expect(recorded.reduce((n, e) => n + e.count, 0)).toBe(before.findings.length);

    // Edits elsewhere: a new first paragraph shifts every offset and line; one new placeholder and one new term.
    const edited = "各位代表：现将有关情况报告如下。\n\n" + PLACEHOLDER_SEED.replace("\n", "\n新增一段：XX街道其它工作。\n");
    writeFileSync(join(dir, "drafts/b.txt"), edited);
    const r = cli(["check", "drafts", "--json", "--no-corpus", "--exit-zero", "--no-config", "--baseline", "accepted.json"], dir);
    const after = docs(r.stdout)[0]!;
    expect(after.findings.map((f) => `${f.ruleId}|${f.text}`).sort()).toEqual(["national.placeholder|XX", "national.terms|其它"]);
    expect(after.findings.every((f) => edited.slice(f.start, f.end) === f.text && f.line === 4)).toBe(true);
    // Without the baseline, everything is there again (less what the edit itself removed: the new
    // opening paragraph changes the title and section findings): shown + baselined = all.
    const all = docs(cli(["check", "drafts", "--json", "--no-corpus", "--exit-zero", "--no-config"], dir).stdout)[0]!;
    expect(r.stderr).toContain(`基线中已有 ${all.findings.length - 2} 条问题`);
    expect(all.findings.length - 2).toBeGreaterThan(before.findings.length - 5);
  });

  it("the config's baseline: written there by default, used by check when present, rewritten whole", () => {
    const dir = project({ ".report-qc.yaml": "baseline: accepted.json\n", "drafts/a.txt": SEED });
    const first = docs(cli(["check", "drafts", "--json", "--no-corpus", "--exit-zero"], dir).stdout)[0]!;
    expect(first.findings.length).toBeGreaterThan(0); // no baseline file yet: nothing hidden
    expect(cli(["baseline", "write", "drafts", "--no-corpus"], dir).status).toBe(0);
    const recorded = () => Object.values(JSON.parse(readFileSync(join(dir, "accepted.json"), "utf8")).documents as Record<string, { count: number }[]>).flat().reduce((n, e) => n + e.count, 0);
    expect(recorded()).toBe(first.findings.length);
    const r = cli(["check", "drafts", "--json", "--no-corpus", "--exit-zero"], dir);
    expect(docs(r.stdout)[0]!.findings).toHaveLength(0);
    expect(r.stderr).toContain(`基线中已有 ${first.findings.length} 条问题`);
    // Writing again records every finding, not only those the old baseline did not hold.
    expect(cli(["baseline", "write", "drafts", "--no-corpus"], dir).status).toBe(0);
    expect(recorded()).toBe(first.findings.length);
  });

  it("a missing or broken baseline named on the command line is a usage error", () => {
    const dir = project({ "a.txt": SEED, "broken.json": "{" });
    expect(cli(["check", "a.txt", "--no-corpus", "--no-config", "--baseline", "nope.json"], dir).status).toBe(2);
    const r = cli(["check", "a.txt", "--no-corpus", "--no-config", "--baseline", "broken.json"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("baseline");
  });

  it("unit: the same finding in the same words twice more than recorded once shows once more; offsets do not matter", () => {
    const finding = (text: string, at: number): Finding => ({ ruleId: "national.placeholder", check: "placeholder", severity: "error", start: at, end: at + 2, line: 1, column: 1, text: "XX", message: "", evidence: {} });
    const model = (text: string) => ({ schemaVersion: 1 as const, tool: { name: "report-qc", version: "t" }, errors: [], documents: [{ path: "d.txt", findings: [...text.matchAll(/XX/g)].map((m) => finding(text, m.index!)) } as never] });
    const v1 = "前言。\n由XX街道负责。\n";
    const b = buildBaseline(model(v1), new Map([["d.txt", v1]]), "base.json");
    const v2 = "新的前言，长了许多。\n由XX街道负责。\n其他。\n由XX街道负责。\n";
    const m2 = model(v2);
    expect(applyBaseline(m2, new Map([["d.txt", v2]]), b, "base.json")).toBe(1);
    expect((m2.documents[0] as unknown as { findings: Finding[] }).findings).toHaveLength(1);
  });
});
