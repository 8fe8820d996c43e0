import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCorpus } from "../helpers/corpus.js";
import { ROOT } from "../helpers/pipeline.js";
import { seedText, SEEDS } from "../helpers/pipeline.js";
import { loadRuleSet } from "../../pipeline/ruleset/load.js";
import { namesLocalFact } from "../../pipeline/checks/cross-document-copy.js";

const S000 = seedText(SEEDS[0]);
const S004 = seedText(SEEDS[4]);
/** A real paragraph of seed 000 (206 characters, 营商环境). */
const PARA = S000.split("\n").find((l) => l.includes("营商环境发展构建新格局"))!;

/** Seed 004 with `para` inserted after its 5th long paragraph. */
function into004(para: string): string {
  const lines = S004.split("\n");
  const at = lines.findIndex((l, i) => l.length > 100 && lines.slice(0, i + 1).filter((x) => x.length > 100).length === 5);
  lines.splice(at + 1, 0, para);
  return lines.join("\n");
}

type CopyMetrics = { ratio: number; copiedChars: number; largestSource: { path: string; chars: number } | null; sections: { heading: string | null; copiedChars: number }[] };

describe("cross-document-copy", () => {
  it("finds a paragraph of seed 000 pasted into seed 004, in both documents, with source, span and similarity", () => {
    const copy = into004(PARA);
    const out = runCorpus("cross-document-copy", [
      { path: "a/000.txt", text: S000, unit: "番禺区人民政府" },
      { path: "b/004.txt", text: copy, unit: "东漖街道办事处" },
    ]);
    const f004 = out.byPath.get("b/004.txt")!;
    expect(f004).toHaveLength(1);
    expect(f004[0]!.text).toBe(PARA.trim().replace(/[”。；]+$/u, "")); // ends at the last character of text
    expect(f004[0]!.related![0]).toMatchObject({ path: "a/000.txt", label: "source" });
    expect(S000.slice(f004[0]!.related![0]!.start, f004[0]!.related![0]!.end)).toBe(f004[0]!.text);
    expect(f004[0]!.evidence).toMatchObject({ similarity: 1 });
    // Named as a reviewer knows it: the unit, with the file name.
    expect(f004[0]!.message).toContain("番禺区人民政府的报告（000.txt）");
    const f000 = out.byPath.get("a/000.txt")!;
    expect(f000.map((f) => f.related![0]!.path)).toEqual(["b/004.txt"]);

    const m = out.metrics[1]!.copy as CopyMetrics;
    expect(m.copiedChars).toBeGreaterThan(150);
    expect(m.ratio).toBeGreaterThan(0.04);
    expect(m.largestSource).toMatchObject({ path: "a/000.txt" });
    expect(m.sections.reduce((n, s) => n + s.copiedChars, 0)).toBe(m.copiedChars);
    const batch = out.batch["cross-document-copy"] as { copyPairs: { a: string; b: string; sharedChars: number }[]; clusters: string[][] };
    expect(batch.copyPairs).toEqual([expect.objectContaining({ a: "a/000.txt", b: "b/004.txt" })]);
    expect(batch.clusters).toEqual([["a/000.txt", "b/004.txt"]]);
  });

  it("bridges small edits (a changed place name) and reports the similarity", () => {
    const edited = PARA.replaceAll("番禺", "荔湾");
    const out = runCorpus("cross-document-copy", [
      { path: "a.txt", text: S000, unit: "A" },
      { path: "b.txt", text: into004(edited), unit: "B" },
    ]);
    const f = out.byPath.get("b.txt")!;
    expect(f).toHaveLength(1);
    expect((f[0]!.evidence as { similarity: number }).similarity).toBeLessThan(1);
    expect((f[0]!.evidence as { similarity: number }).similarity).toBeGreaterThan(0.9);
    expect(f[0]!.end - f[0]!.start).toBeGreaterThan(edited.length * 0.8);
  });

  it("never matches a document with itself: identical text, or the same unit's report for the same year", () => {
    const same = runCorpus("cross-document-copy", [
      { path: "corpus/000.txt", text: S000, unit: "X" },
      { path: "draft/000.txt", text: S000, unit: "Y" },
    ]);
    expect([...same.byPath.values()].flat()).toEqual([]);
    const draft = runCorpus("cross-document-copy", [
      { path: "v1.txt", text: S000, unit: "番禺区人民政府", year: 2021 },
      { path: "v2.txt", text: S000.replace("营商环境", "营商 环境"), unit: "番禺区人民政府", year: 2021 },
    ]);
    expect([...draft.byPath.values()].flat()).toEqual([]);
    // The same unit's report for another year is compared (copying last year's text is the point).
    const lastYear = runCorpus("cross-document-copy", [
      { path: "2020.txt", text: PARA + "\n" + S004, unit: "番禺区人民政府", year: 2020 },
      { path: "2021.txt", text: S000, unit: "番禺区人民政府", year: 2021 },
    ]);
    expect(lastYear.byPath.get("2021.txt")!).toHaveLength(1);
  });

  it("treats text that many units share as boilerplate: no copy finding, not in the copy ratio", () => {
    const shared = "各级领导干部要带头尊法学法守法用法，坚持依法决策、依法行政、依法办事，切实提高运用法治思维和法治方式深化改革、推动发展、化解矛盾、维护稳定、应对风险的能力。";
    const docs = SEEDS.map((s, i) => ({ path: `u${i}.txt`, text: `${shared}\n${seedText(s)}`, unit: `unit ${i}` }));
    const out = runCorpus("cross-document-copy", docs);
    for (const fs of out.byPath.values()) expect(fs.filter((f) => f.text.includes("尊法学法守法用法"))).toEqual([]);
    for (let i = 0; i < docs.length; i++) {
      const m = out.metrics[i]!.copy as CopyMetrics & { commonChars: number };
      expect(m.commonChars).toBeGreaterThan(40);
    }
  });

  it("reports for batch documents only; reference-archive documents are sources", () => {
    const out = runCorpus("cross-document-copy", [
      { path: "draft.txt", text: into004(PARA), unit: "B" },
      { path: "archive/000.txt", text: S000, unit: "A", reference: true },
    ]);
    expect(out.byPath.get("draft.txt")!.map((f) => f.related![0]!.path)).toEqual(["archive/000.txt"]);
    expect(out.byPath.get("archive/000.txt")).toEqual([]);
    expect(out.metrics[1]).toEqual({});
  });

  it("ignores shared passages shorter than minLength", () => {
    const short = "我镇积极完善会议制度，对班子会议的议事范围作出了明确规定。"; // 26 characters
    const out = runCorpus("cross-document-copy", [
      { path: "a.txt", text: short + "\n" + S000, unit: "A" },
      { path: "b.txt", text: short + "\n" + S004, unit: "B" },
    ]);
    expect([...out.byPath.values()].flat()).toEqual([]);
  });

  it("with the national rules (boilerplate runs too) and the same text twice, batch results stay at the top level", () => {
    const national = loadRuleSet("national");
    if (!national.ok) throw new Error("national does not load");
    const out = runCorpus(
      "cross-document-copy",
      [
        { path: "draft/000.txt", text: S000, unit: "draft/000.txt" },
        { path: "b/004.txt", text: into004(PARA), unit: "东漖街道办事处" },
        { path: "corpus/000.txt", text: S000, unit: "广州市番禺区人民政府", reference: true },
      ],
      {},
      national.ruleset,
    );
    // corpus/000 is draft/000 again: one writer, so the paragraph is shared by 2 units, not 3 (not common).
    expect(out.byPath.get("b/004.txt")!.filter((f) => f.check === "cross-document-copy")).toHaveLength(1);
    const batch = out.batch["cross-document-copy"] as { copyPairs: { a: string; b: string }[] };
    expect(batch.copyPairs.map((p) => [p.a, p.b])).toEqual([
      ["b/004.txt", "corpus/000.txt"],
      ["b/004.txt", "draft/000.txt"],
    ]);
  });
});

/**
 * Corpus fixture folders: test/fixtures/checks/cross-document-copy/<case>/{case.yaml, *.txt, expected.json}.
 * case.yaml lists the documents (file, unit, year, reference) and optional rule options; expected.json
 * holds every finding as {file, text, source} (written when missing or with UPDATE_SNAPSHOT=1).
 */
describe("cross-document-copy fixtures (real text)", () => {
  const dir = join(ROOT, "test", "fixtures", "checks", "cross-document-copy");
  for (const name of readdirSync(dir).sort()) {
    const caseDir = join(dir, name);
    if (!existsSync(join(caseDir, "case.yaml"))) continue;
    it(`fixture: ${name}`, () => {
      const spec = parse(readFileSync(join(caseDir, "case.yaml"), "utf8")) as {
        documents: { file: string; unit?: string; year?: number; reference?: boolean }[];
        options?: Record<string, unknown>;
      };
      const out = runCorpus(
        "cross-document-copy",
        spec.documents.map((d) => ({ path: d.file, text: readFileSync(join(caseDir, d.file), "utf8"), unit: d.unit, year: d.year, reference: d.reference })),
        spec.options ?? {},
      );
      const actual = spec.documents.flatMap((d) => (out.byPath.get(d.file) ?? []).map((f) => ({ file: d.file, text: f.text, source: f.related?.[0]?.path ?? null })));
      const expectedPath = join(caseDir, "expected.json");
      if (!existsSync(expectedPath) || process.env.UPDATE_SNAPSHOT === "1") writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + "\n");
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, "utf8")));
    });
  }

  it("the silent fixtures are silent because of the class, not by accident: without the background model / citation / genre they are reported", () => {
    const load = (name: string) => {
      const caseDir = join(dir, name);
      const spec = parse(readFileSync(join(caseDir, "case.yaml"), "utf8")) as { documents: { file: string; unit?: string; year?: number }[] };
      return spec.documents.map((d) => ({ path: d.file, text: readFileSync(join(caseDir, d.file), "utf8"), unit: d.unit, year: d.year }));
    };
    const count = (o: ReturnType<typeof runCorpus>) => [...o.byPath.values()].flat().length;
    // Shared formulations: only the background model knows that many units write them (a batch of two cannot);
    // it suffices alone (the superior-voice test would also silence 省委… here).
    const central = load("central-formulation-two-units");
    expect(count(runCorpus("cross-document-copy", central, { superiorEcho: false }))).toBe(0);
    expect(count(runCorpus("cross-document-copy", central, { superiorEcho: false, backgroundFile: "" }))).toBeGreaterThan(0);
    // Statistical frames of one writer: compared when every genre is compared with its own other years.
    expect(count(runCorpus("cross-document-copy", load("communique-frames-same-writer"), { sameUnitGenres: ["statistical-communique"] }))).toBeGreaterThan(0);
  });
});

describe("namesLocalFact: a proper name of the unit's own world is a fact, a category is not", () => {
  it.each([
    "石岗镇青山村获得第七批全国民主法治示范村称号",
    "，石岗镇成功创建全市法治示范镇",
    "将柳湾小区片旧城改造项目列为重大行政决策事项",
    "柳湾街道荣获服务保障全市经济社会发展先进单位称号",
    "打造青禾法律服务集聚区，落实政策扶持措施",
  ])("fact: %s", (t) => expect(namesLocalFact(t)).toBe(true));
  it.each([
    "推进乡镇街道综合行政执法改革，各镇街道社区全面推行",
    "加强城镇建设，小城镇建设，打造示范镇，推进重点项目建设",
    "积极争创全国法治政府建设示范市称号",
    "不断增强人民群众获得感、幸福感、安全感",
    "打造高端法律服务集聚区，建设数字文化产业园",
  ])("category: %s", (t) => expect(namesLocalFact(t)).toBe(false));
});
