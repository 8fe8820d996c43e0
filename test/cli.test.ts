/**
 * CLI behaviour: exit codes, rule-file errors, bad inputs in a batch, --lang en.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { CORPUS, ROOT } from "./helpers/pipeline.js";

function cli(args: string[], cwd = ROOT) {
  return spawnSync(process.execPath, [join(ROOT, "bin/report-qc.js"), ...args], { cwd, encoding: "utf8" });
}

describe("report-qc CLI", () => {
  it("--help lists the commands with examples", () => {
    const r = cli(["check", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--rules");
    expect(r.stdout).toContain("Examples:");
  });

  it("exit 0 for a clean text, 1 for error findings", () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-"));
    writeFileSync(join(dir, "clean.txt"), "关于2021年度法治政府建设情况的报告\n\n2021年，我区坚持依法行政，全面推进法治政府建设。\n");
    writeFileSync(join(dir, "dirty.txt"), "XX区人民政府关于2021年度法治政府建设情况的报告\n");
    expect(cli(["check", join(dir, "clean.txt"), "--json", "--rules", "national"]).status).toBe(0);
    expect(cli(["check", join(dir, "dirty.txt"), "--json", "--rules", "national"]).status).toBe(1);
  });

  it("a rule file with three mistakes prints three file:line:column errors and exits 2, before reading documents", () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-rules-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(
      file,
      [
        "id: bad",
        "name: 三处错误",
        "extends: national",
        "rules:",
        "  placeholder:",
        "    type: placeholder",
        "    severity: fatal", // line 7: unknown severity
        "    colour: red", // line 8: unknown option
        "  new-rule:",
        "    type: no-such-check", // line 10: unknown check type
        "",
      ].join("\n"),
    );
    const r = cli(["check", "does-not-exist.txt", "--rules", file]);
    expect(r.status).toBe(2);
    const lines = r.stderr.split("\n").filter((l) => l.includes("bad.yaml:"));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/bad\.yaml:7:15: /);
    expect(lines[1]).toMatch(/bad\.yaml:8:5: /);
    expect(lines[2]).toMatch(/bad\.yaml:10:11: /);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it("one broken file is reported in errors and the batch goes on", () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-batch-"));
    copyFileSync(join(CORPUS, "001_fd56e537edcebdc8.txt"), join(dir, "a.txt"));
    writeFileSync(join(dir, "b.txt"), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]));
    writeFileSync(join(dir, "c.txt"), iconv.encode("关于2021年度法治政府建设情况的报告\n2021年，我镇推进依法行政。\n", "gbk"));
    writeFileSync(join(dir, "d.txt"), "   \n");
    const r = cli(["check", dir, "--json", "--rules", "national"]);
    const model = JSON.parse(r.stdout);
    expect(model.documents.map((d: { path: string }) => d.path.split("/").pop())).toEqual(["a.txt", "c.txt"]);
    expect(model.errors.map((e: { path: string; code: string }) => [e.path.split("/").pop(), e.code])).toEqual([
      ["b.txt", "E_BINARY"],
      ["d.txt", "E_EMPTY"],
    ]);
  });

  it("document facts do not depend on where a file sits; index.tsv names provinces either way", () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-facts-"));
    copyFileSync(join(CORPUS, "002_88355d0e2550c175.txt"), join(dir, "hb.txt"));
    copyFileSync(join(CORPUS, "003_8388e48a1664613c.txt"), join(dir, "xx.txt"));
    writeFileSync(join(dir, "index.tsv"), "file\tprovince\tyear\tpublish_date\nxx.txt\t广东省\t2020\t2020-01-20\n");
    const docs = JSON.parse(cli(["check", dir, "--json", "--no-corpus"]).stdout).documents as { path: string; province: string; reportYear: number; publishedDate: string; ruleset: string }[];
    const by = Object.fromEntries(docs.map((d) => [d.path.split("/").pop(), d]));
    // 002's title has no title block (its title is a 名称: line); 003's title says 2020 but its body is about 2019.
    expect(by["hb.txt"]).toMatchObject({ province: "hubei", reportYear: 2020, ruleset: "hubei" });
    expect(by["xx.txt"]).toMatchObject({ province: "guangdong", reportYear: 2019, publishedDate: "2020-01-20", ruleset: "guangdong" });
  });

  it("--lang en gives English messages", () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-en-"));
    writeFileSync(join(dir, "x.txt"), "XX区人民政府关于2021年度法治政府建设情况的报告\n");
    const model = JSON.parse(cli(["check", join(dir, "x.txt"), "--json", "--lang", "en", "--rules", "national"]).stdout);
    expect(model.documents[0].findings[0].message).toMatch(/^Placeholder/);
  });

  it("rules list shows resolved rules; rules validate passes on the built-in sets", () => {
    const list = cli(["rules", "list", "--rules", "guangdong"]);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain("national.placeholder");
    const v = cli(["rules", "validate"]);
    expect(v.status).toBe(0);
  });

  it("a path that does not exist or a glob that matches nothing is a usage error (exit 2), the rest is still checked", () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-typo-"));
    writeFileSync(join(dir, "ok.txt"), "关于2021年度法治政府建设情况的报告\n2021年，我区推进依法行政。\n");
    const r = cli(["check", join(dir, "ok.txt"), join(dir, "typo.txt"), join(dir, "*.docx"), "--json", "--rules", "national"]);
    expect(r.status).toBe(2);
    const model = JSON.parse(r.stdout);
    expect(model.documents).toHaveLength(1);
    expect(model.errors.map((e: { code: string }) => e.code)).toEqual(["E_NOT_FOUND", "E_NO_MATCH"]);
  });

  it("unknown option or command is a usage error (exit 2)", () => {
    expect(cli(["check", "corpus", "--bogus"]).status).toBe(2);
    expect(cli(["frobnicate"]).status).toBe(2);
  });
});
