/**
 * End to end on the seeds through the compiled CLI, as a user runs it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportModel } from "../pipeline/model/finding.js";
import { normalize } from "../pipeline/stages/normalize.js";
import { assertFindingInvariants } from "./helpers/rule-tester.js";
import { CORPUS, ROOT, SEEDS, rawDoc, seedText } from "./helpers/pipeline.js";

const schema = JSON.parse(readFileSync(join(ROOT, "schema/report.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true }).compile(schema);

function cli(args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, "bin/report-qc.js"), ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
}

describe("report-qc check corpus --json", () => {
  let model: ReportModel;
  let status: number | null;
  beforeAll(() => {
    const r = cli(["check", "corpus", "--json"]);
    status = r.status;
    expect(r.stderr).toBe("");
    model = JSON.parse(r.stdout);
  });

  it("validates against the JSON Schema", () => {
    const ok = validate(model);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("reads every seed, exits 1 because error findings exist", () => {
    expect(model.errors).toEqual([]);
    expect(model.documents.map((d) => d.path).sort()).toEqual(SEEDS.map((s) => join("corpus", s)));
    expect(status).toBe(1);
  });

  it("every finding's text is the original slice, with the right line/column", () => {
    let n = 0;
    for (const d of model.documents) {
      const original = readFileSync(join(ROOT, d.path), "utf8");
      for (const f of d.findings) {
        assertFindingInvariants(f, original);
        n++;
      }
    }
    expect(n).toBeGreaterThan(0);
  });

  it("finds the XX placeholders of seed 003 in their contexts", () => {
    const d = model.documents.find((x) => x.path.includes("003_"))!;
    const original = seedText("003_8388e48a1664613c.txt");
    const contexts = d.findings.filter((f) => f.check === "placeholder").map((f) => original.slice(f.start, f.end + 8));
    for (const quote of ["XX 市", "XX 升格为地级市", "XX 化工综合体", "XXE 普法网络平台"]) {
      expect(contexts.some((c) => c.startsWith(quote)), quote).toBe(true);
    }
  });

  it("reports the exact repeated passages of seed 001, later occurrence pointing to the first", () => {
    const d = model.documents.find((x) => x.path.includes("001_"))!;
    const dups = d.findings.filter((f) => f.check === "duplicate-text");
    for (const quote of ["建立行政决策档案,对重大行政决策的制定和实施情况进行全程记录", "每周一召开领导班子联席会议"]) {
      const hit = dups.find((f) => f.text.includes(quote));
      expect(hit, quote).toBeDefined();
      expect(hit!.related![0]!.start).toBeLessThan(hit!.start);
      expect(hit!.related![0]!.text).toBe(hit!.text);
    }
  });

  it("reports nothing inside the web chrome of seeds 000, 002, 004", () => {
    for (const seed of ["000_c49e41131fdb983c.txt", "002_88355d0e2550c175.txt", "004_b7fad94994891559.txt"]) {
      const original = seedText(seed);
      const norm = normalize(rawDoc(original));
      const chrome = norm.noise.map((s) => norm.map.toOriginal(s.start, s.end));
      expect(chrome.length, `${seed} has chrome`).toBeGreaterThan(0);
      const d = model.documents.find((x) => x.path.endsWith(seed))!;
      for (const f of d.findings) {
        for (const [s, e] of chrome) expect(f.start < e && s < f.end, `${seed}: ${f.ruleId} ${f.text}`).toBe(false);
      }
    }
  });

  it("says which rule set each document used (province inferred from the unit)", () => {
    const bySeed = Object.fromEntries(model.documents.map((d) => [d.path.slice(7, 10), d.ruleset]));
    expect(bySeed).toMatchObject({ "000": "guangdong", "001": "guangdong", "002": "hubei", "004": "guangdong" });
  });
});

describe("npm start equivalent: writes reports-out", () => {
  it("writes one JSON per seed, index.json and summary.md; each JSON validates", () => {
    const out = mkdtempSync(join(tmpdir(), "rqc-out-"));
    const r = cli(["check", "corpus", "--out", out, "--quiet"]);
    expect(r.status).toBe(1);
    const files = readdirSync(out).sort();
    expect(files).toEqual([...SEEDS.flatMap((s) => [s.replace(".txt", ".json"), s.replace(".txt", ".html")]), "index.json", "index.html", "summary.md"].sort());
    for (const s of SEEDS) {
      const doc = JSON.parse(readFileSync(join(out, s.replace(".txt", ".json")), "utf8"));
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
    const index = JSON.parse(readFileSync(join(out, "index.json"), "utf8"));
    expect(index.documents).toHaveLength(5);
    expect(readFileSync(join(out, "summary.md"), "utf8")).toContain("XX市人民政府");
  });
});

export { CORPUS };
