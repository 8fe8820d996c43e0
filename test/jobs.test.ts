/**
 * `--jobs N`: the worker-thread pool (pipeline/pool/*) gives the same results as the in-process run.
 * The pool loads dist/pipeline/pool/worker.js, so these tests spawn the compiled CLI (build first:
 * `npx tsc -p tsconfig.json`), as test/cli.test.ts does.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS, ROOT } from "./helpers/pipeline.js";

function cli(args: string[], cwd = ROOT) {
  return spawnSync(process.execPath, [join(ROOT, "bin/report-qc.js"), ...args], { cwd, encoding: "utf8" });
}

describe("--jobs", () => {
  it("check corpus --json gives identical JSON with --jobs 1 and --jobs 2", () => {
    const one = cli(["check", "corpus", "--json", "--jobs", "1"]);
    const two = cli(["check", "corpus", "--json", "--jobs", "2"]);
    expect(two.stderr).toBe(one.stderr);
    expect(two.status).toBe(one.status);
    expect(JSON.parse(two.stdout).documents.length).toBeGreaterThan(1);
    expect(two.stdout).toBe(one.stdout);
  });

  it("cross-document copies (corpus step in the main thread on the workers' documents) are the same with --jobs 2", () => {
    // b.txt gets a 400-character passage of a.txt: the corpus step maps its findings through the
    // OffsetMap rebuilt from the worker's structured clone.
    const dir = mkdtempSync(join(tmpdir(), "rqc-jobs-copy-"));
    const a = readFileSync(join(CORPUS, "001_fd56e537edcebdc8.txt"), "utf8");
    const lines = readFileSync(join(CORPUS, "002_88355d0e2550c175.txt"), "utf8").split("\n");
    const mid = lines.length >> 1;
    writeFileSync(join(dir, "a.txt"), a);
    writeFileSync(join(dir, "b.txt"), [...lines.slice(0, mid), a.slice(a.length / 3, a.length / 3 + 400), ...lines.slice(mid)].join("\n"));
    const one = cli(["check", dir, "--json", "--no-corpus", "--jobs", "1"]);
    const two = cli(["check", dir, "--json", "--no-corpus", "--jobs", "2"]);
    const copies = JSON.parse(two.stdout).documents.flatMap((d: { findings: { ruleId: string; line: number }[] }) => d.findings.filter((f) => f.ruleId.endsWith("cross-document-copy")));
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.every((f: { line: number }) => f.line > 1)).toBe(true);
    expect(two.stdout).toBe(one.stdout);
  });

  it("a batch with a broken file still reports it in errors with --jobs 2, in input order", () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-jobs-"));
    const corpusFiles = readdirSync(CORPUS).filter((f) => f.endsWith(".txt")).slice(0, 3);
    corpusFiles.forEach((f, i) => copyFileSync(join(CORPUS, f), join(dir, `${"ace"[i]}.txt`)));
    writeFileSync(join(dir, "b.txt"), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]));
    writeFileSync(join(dir, "d.txt"), "   \n");
    const one = cli(["check", dir, "--json", "--rules", "national", "--jobs", "1"]);
    const two = cli(["check", dir, "--json", "--rules", "national", "--jobs", "2"]);
    const model = JSON.parse(two.stdout);
    expect(model.documents.map((d: { path: string }) => d.path.split("/").pop())).toEqual(["a.txt", "c.txt", "e.txt"]);
    expect(model.errors.map((e: { path: string; code: string }) => [e.path.split("/").pop(), e.code])).toEqual([
      ["b.txt", "E_BINARY"],
      ["d.txt", "E_EMPTY"],
    ]);
    expect(two.stdout).toBe(one.stdout);
    expect(two.status).toBe(one.status);
  });

  it("rule-file problems stop a --jobs 2 run before any document is read (exit 2)", () => {
    const dir = mkdtempSync(join(tmpdir(), "rqc-jobs-rules-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(file, "id: bad\nname: x\nextends: national\nrules:\n  new-rule:\n    type: no-such-check\n");
    const r = cli(["check", "corpus", "--rules", file, "--jobs", "2", "--json"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/bad\.yaml:6:11: /);
  });
});
