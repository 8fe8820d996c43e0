/**
 * Interfaces of the ecosystem (issue 12 item 5): `check -` on standard input, `--format sarif` validated
 * against the SARIF 2.1.0 schema, and the programmatic API imported by the package's own name.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { CORPUS, ROOT } from "./helpers/pipeline.js";

const SEED = join(CORPUS, "002_88355d0e2550c175.txt");

function cli(args: string[], input?: string | Buffer) {
  return spawnSync(process.execPath, [join(ROOT, "bin/report-qc.js"), ...args], { cwd: ROOT, encoding: "utf8", ...(input !== undefined ? { input } : {}) });
}

/** The findings without their document path, to compare runs that name the document differently. */
const findingsOf = (json: string) => (JSON.parse(json) as { documents: { findings: unknown[] }[] }).documents[0]!.findings;

describe("check - (standard input)", () => {
  it("reads the document from stdin, names it by --stdin-filename and finds what the file gives", () => {
    const fromFile = cli(["check", SEED, "--json", "--no-corpus", "--exit-zero"]);
    const fromStdin = cli(["check", "-", "--stdin-filename", "草稿/区政府报告.txt", "--json", "--no-corpus", "--exit-zero"], readFileSync(SEED));
    expect(fromStdin.status).toBe(0);
    const doc = JSON.parse(fromStdin.stdout).documents[0];
    expect(doc.path).toBe("草稿/区政府报告.txt");
    expect(findingsOf(fromStdin.stdout)).toEqual(findingsOf(fromFile.stdout));
    expect(findingsOf(fromFile.stdout).length).toBeGreaterThan(0);
  });

  it("picks the reader from the --stdin-filename extension (Markdown headings are not prose)", () => {
    const md = readFileSync(join(ROOT, "test/fixtures/formats/markdown/lawtext-005-communique.md"), "utf8");
    const r = cli(["check", "-", "--stdin-filename", "gwr.md", "--json", "--no-corpus", "--exit-zero"], md);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout).documents[0];
    expect(doc.path).toBe("gwr.md");
    for (const f of doc.findings) expect(md.slice(f.start, f.end)).toBe(f.text);
    expect(doc.findings.every((f: { text: string }) => !f.text.startsWith("#"))).toBe(true);
  });
});

describe("--format sarif", () => {
  it("is a valid SARIF 2.1.0 log with one result per finding, exact regions and fixes", () => {
    const json = JSON.parse(cli(["check", SEED, "--json", "--no-corpus", "--exit-zero"]).stdout);
    const r = cli(["check", SEED, "--format", "sarif", "--no-corpus", "--exit-zero"]);
    expect(r.status).toBe(0);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(join(ROOT, "test/fixtures/sarif/sarif-schema-2.1.0.json"), "utf8"));
    // The official schema is draft-04: its `id` is draft-06+'s `$id`; formats (uri, date-time) are not asserted;
    // its language-tag pattern is not valid as a u-flag regex, so patterns are compiled without u.
    const { $schema: _draft04, id, ...body } = schema;
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false });
    const validate = ajv.compile({ ...body, $id: id });
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    // The validator is not vacuous: a result without a message is refused.
    const broken = structuredClone(log);
    delete broken.runs[0].results[0].message;
    expect(validate(broken)).toBe(false);

    const findings = json.documents[0].findings as { ruleId: string; line: number; column: number; text: string; fix?: { start: number; end: number; replacement: string } }[];
    const results = log.runs[0].results;
    expect(results).toHaveLength(findings.length);
    expect(findings.some((f) => f.fix)).toBe(true);
    const original = readFileSync(SEED, "utf8");
    results.forEach((res: any, i: number) => {
      const f = findings[i]!;
      const region = res.locations[0].physicalLocation.region;
      expect(res.ruleId).toBe(f.ruleId);
      expect([region.startLine, region.startColumn]).toEqual([f.line, f.column]);
      expect(original.slice(region.charOffset, region.charOffset + region.charLength)).toBe(f.text);
      expect(res.partialFingerprints["reportQc/v1"]).toMatch(/^[0-9a-f]{32}$/);
      if (f.fix) expect(res.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toBe(f.fix.replacement);
    });
    expect(log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id).sort()).toEqual([...new Set(findings.map((f) => f.ruleId))].sort());
  });

  it("reports unreadable inputs as tool notifications and writes no report files without --out", () => {
    const r = cli(["check", SEED, "no-such-draft.txt", "--format", "sarif", "--no-corpus", "--exit-zero"]);
    const log = JSON.parse(r.stdout);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toContain("E_NOT_FOUND");
    expect(r.stderr).not.toContain("index.html");
  });
});

describe("programmatic API", () => {
  it("package.json main, exports and types point at built files", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    for (const p of [pkg.main, pkg.types, pkg.exports["."].default, pkg.exports["."].types]) expect(existsSync(join(ROOT, p)), p).toBe(true);
    expect(readFileSync(join(ROOT, pkg.types), "utf8")).toMatch(/export declare function check\(input: CheckInput, options\?: CheckOptions\): Promise<CheckResult>/);
  });

  it('import("report-qc") by name: check(text) and check({path}) return the --json object', () => {
    const script = `
      const { check } = await import("report-qc");
      const fs = await import("node:fs");
      const text = fs.readFileSync(${JSON.stringify(SEED)}, "utf8");
      const a = await check(text, { filename: "draft.txt", corpus: false });
      const b = await check({ path: ${JSON.stringify(SEED)} }, { corpus: false });
      process.stdout.write(JSON.stringify({ a, b }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const { a, b } = JSON.parse(r.stdout);
    const cliJson = JSON.parse(cli(["check", SEED, "--json", "--no-corpus", "--exit-zero"]).stdout);
    expect(a.documents[0].path).toBe("draft.txt");
    expect(a.documents[0].findings).toEqual(cliJson.documents[0].findings);
    const { path: _p, ...bDoc } = b.documents[0];
    const { path: _q, ...cliDoc } = cliJson.documents[0];
    expect({ ...b, documents: [bDoc] }).toEqual({ ...cliJson, documents: [cliDoc] });
  });
});
