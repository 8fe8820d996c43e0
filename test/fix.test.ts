/**
 * `report-qc fix` on real files: findings' mechanical fixes applied to a text (corrected file in its own
 * encoding + unified diff) and to a .docx as tracked changes (w:del/w:ins by report-qc, formatting kept),
 * checked again afterwards, and read back by LibreOffice.
 */
import { describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { applyPatch } from "diff";
import { fixFile } from "../pipeline/fix/run.js";
import { applyFixes, planFixes } from "../pipeline/fix/plan.js";
import { runPipeline } from "../pipeline/run.js";
import type { Finding } from "../pipeline/model/finding.js";
import { readBack } from "./helpers/docx-read.js";
import { styledDocx } from "./helpers/styled-docx.js";
import { canRunLibreOffice, convert, readOdt } from "./helpers/libreoffice.js";
import { ROOT } from "./helpers/pipeline.js";

const DRAFT = "test/fixtures/fix/draft.txt";
const DRAFT_RULES = "rules/examples/draft.yaml";
const tmp = () => mkdtempSync(join(tmpdir(), "rqc-fix-"));
const opts = { lang: "zh" as const, segmenter: "node-rs" as const, rules: DRAFT_RULES, date: new Date("2026-12-06T00:00:00Z") };

async function findingsOf(path: string, rules = DRAFT_RULES): Promise<Finding[]> {
  const { model } = await runPipeline([path], { lang: "zh", segmenter: "node-rs", concurrency: 1, corpus: false, rules });
  expect(model.errors).toEqual([]);
  return model.documents[0]!.findings;
}

const finding = (start: number, end: number, fix: Finding["fix"], text = "x".repeat(end - start)): Finding => ({
  ruleId: "t.r",
  check: "punctuation",
  severity: "info",
  start,
  end,
  line: 1,
  column: 1,
  text,
  message: "m",
  evidence: {},
  ...(fix ? { fix } : {}),
});

describe("which fixes apply", () => {
  test("the same correction twice applies once; overlapping corrections: the first applies, the rest are skipped; insertions at a boundary are not overlaps", () => {
    const a = finding(0, 3, { start: 0, end: 3, replacement: "abc" });
    const same = finding(0, 3, { start: 0, end: 3, replacement: "abc" });
    const clash = finding(2, 5, { start: 2, end: 5, replacement: "Z" });
    const insertAtEnd = finding(3, 3, { start: 3, end: 3, replacement: "+" });
    const plan = planFixes([a, same, clash, insertAtEnd, finding(7, 8, undefined)]);
    expect(plan.applied.map((p) => [p.start, p.end, p.replacement, p.findings.length])).toEqual([
      [0, 3, "abc", 2],
      [3, 3, "+", 1],
    ]);
    expect(plan.skipped.map((s) => [s.finding, s.reason, s.conflictsWith?.start])).toEqual([[clash, "overlap", 0]]);
  });

  test("a correction is split into character edits: 〈〉 around a title leave the title's own fixes free", () => {
    const text = "《关于<目录(2021-2022年)>的通知》";
    const lt = text.indexOf("<");
    const gt = text.indexOf(">");
    const title = finding(lt, gt + 1, { start: lt, end: gt + 1, replacement: `〈${text.slice(lt + 1, gt)}〉` }, text.slice(lt, gt + 1));
    const dash = text.indexOf("-");
    const range = finding(dash, dash + 1, { start: dash, end: dash + 1, replacement: "—" }, "-");
    const plan = planFixes([title, range]);
    expect(plan.skipped).toEqual([]);
    expect(plan.applied[0]!.edits).toEqual([
      { start: lt, end: lt + 1, replacement: "〈" },
      { start: gt, end: gt + 1, replacement: "〉" },
    ]);
    expect(applyFixes(text, plan.applied.flatMap((p) => p.edits))).toBe("《关于〈目录(2021—2022年)〉的通知》");
  });

  test("--rule keeps the fixes of the rules named (id, key or check type)", () => {
    const p = { ...finding(0, 1, { start: 0, end: 1, replacement: "（" }), ruleId: "national.punctuation" };
    const t = { ...finding(2, 4, { start: 3, end: 4, replacement: "他" }), ruleId: "national.terms", check: "term" as const };
    expect(planFixes([p, t], ["terms"]).applied.map((x) => x.replacement)).toEqual(["他"]);
    expect(planFixes([p, t], ["term"]).applied.map((x) => x.replacement)).toEqual(["他"]);
    expect(planFixes([p, t], ["national.punctuation"]).applied.map((x) => x.replacement)).toEqual(["（"]);
  });
});

describe("years are fixed only where the evidence is unambiguous", () => {
  const beijing = readFileSync("test/fixtures/checks/year-consistency/gwr2026-beijing-delivery-title/input.txt", "utf8");
  const yearFixes = async (text: string, rules = "national") => {
    const dir = tmp();
    writeFileSync(join(dir, "r.txt"), text);
    return (await findingsOf(join(dir, "r.txt"), rules)).filter((f) => f.check === "year-consistency").map((f) => [f.text, f.fix ? applyFixes(text, [f.fix]).slice(f.start, f.end + f.fix.replacement.length - (f.fix.end - f.fix.start)) : null]);
  };
  test("a 政府工作报告's title year against its own delivery date: fixed; a December congress (two possible years) or a title against the body alone: not", async () => {
    expect(await yearFixes(beijing.replace("2026年北京市政府工作报告", "2025年北京市政府工作报告"))).toEqual([["2025年", "2026年"]]);
    const december = beijing.replace("2026年北京市政府工作报告", "2024年北京市政府工作报告").replace("——2026年1月25日", "——2025年12月25日");
    const dec = await yearFixes(december);
    expect(dec.length).toBeGreaterThan(0);
    expect(dec.every(([, fixed]) => fixed === null)).toBe(true);
    const seed003 = readFileSync("test/fixtures/checks/year-consistency/seed-003-title-over-2019-body/input.txt", "utf8");
    expect(await yearFixes(seed003)).toEqual([["2020年度", null]]);
  });

  test("今年 in the review of a report dated the next year becomes the reviewed year", async () => {
    expect(await yearFixes(readFileSync(DRAFT, "utf8"), DRAFT_RULES)).toEqual([["今年", "2021年"]]);
  });
});

describe("numbering", () => {
  test("a number typed twice whose sequence goes on at the number after it is renumbered; a plain skip (a missing part?) is not", async () => {
    const draft = readFileSync(DRAFT, "utf8");
    const dir = tmp();
    const twice = draft.replace("三、下一步工作打算", "二、下一步工作打算").replace("西联镇人民政府\n2022年", "四、其他事项\n\n无。\n\n西联镇人民政府\n2022年");
    writeFileSync(join(dir, "twice.txt"), twice);
    const found = (await findingsOf(join(dir, "twice.txt"))).filter((f) => f.check === "numbering");
    expect(found.map((f) => [f.text, f.fix ? applyFixes(twice, [f.fix]).slice(f.start, f.end) : null])).toEqual([
      ["二、", "三、"],
      ["四、", null],
    ]);
    const skipped = draft.replace("三、下一步工作打算", "四、下一步工作打算");
    writeFileSync(join(dir, "skip.txt"), skipped);
    const skip = (await findingsOf(join(dir, "skip.txt"))).filter((f) => f.check === "numbering");
    expect(skip.map((f) => [f.text, f.fix ?? null])).toEqual([["四、", null]]);
  });
});

describe("fix on a text file", () => {
  test("the draft: corrected copy and unified diff beside it, input untouched; checked again, the fixed findings are gone", async () => {
    const dir = tmp();
    const input = join(dir, "draft.txt");
    copyFileSync(DRAFT, input);
    const before = await findingsOf(input);
    const fixable = before.filter((f) => f.fix);
    expect(fixable.length).toBeGreaterThanOrEqual(10);
    for (const f of fixable) expect(f.fix!.start >= f.start && f.fix!.end <= f.end).toBe(true);
    const r = await fixFile(input, opts);
    expect(r.output).toBe(join(dir, "draft.fixed.txt"));
    expect(r.skipped).toEqual([]);
    expect(readFileSync(input, "utf8")).toBe(readFileSync(DRAFT, "utf8"));
    const corrected = readFileSync(r.output!, "utf8");
    expect(corrected).toContain("《法治政府建设实施纲要（2021—2025年）》");
    expect(corrected).toContain("《关于印发〈西联镇重大行政决策目录（2021—2022年）〉的通知》");
    expect(corrected).toContain("其他规范性文件");
    expect(corrected).toContain("（武府办〔2021〕12号）");
    expect(corrected).toContain("完成目录公布，并报");
    expect(corrected).toContain("2021年全镇共开展执法检查36次");
    // The unified diff turns the input into the corrected copy.
    expect(applyPatch(readFileSync(input, "utf8"), readFileSync(r.diff!, "utf8"))).toBe(corrected);
    const after = await findingsOf(r.output!);
    expect(after.filter((f) => f.fix)).toEqual([]);
    expect(after.length).toBe(before.length - fixable.length);
  });

  test("a GBK file is written back in GBK", async () => {
    const dir = tmp();
    const input = join(dir, "gbk.txt");
    writeFileSync(input, iconv.encode(readFileSync(DRAFT, "utf8"), "gbk"));
    const r = await fixFile(input, opts);
    const bytes = readFileSync(r.output!);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(iconv.decode(bytes, "gb18030")).toContain("其他规范性文件审查15件");
  });

  test("CLI: --in-place rewrites the input; --out onto the input is refused (exit 2); --rule narrows", () => {
    const dir = tmp();
    const input = join(dir, "draft.txt");
    copyFileSync(DRAFT, input);
    const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, "bin/report-qc.js"), "fix", ...args, "--rules", join(ROOT, DRAFT_RULES)], { encoding: "utf8" });
    const refused = cli([input, "--out", input]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("--in-place");
    const narrow = cli([input, "--rule", "terms", "--out", join(dir, "terms.txt")]);
    expect(narrow.status).toBe(0);
    expect(narrow.stdout).toMatch(/其它: 「它」→「他」\s+national\.terms/);
    expect(readFileSync(join(dir, "terms.txt"), "utf8")).toBe(readFileSync(DRAFT, "utf8").replace("其它", "其他"));
    const inPlace = cli([input, "--in-place"]);
    expect(inPlace.status).toBe(0);
    expect(readFileSync(input, "utf8")).toContain("（武府办〔2021〕12号）");
    expect(readFileSync(`${input}.diff`, "utf8")).toMatch(/^-.*武府办\[2021\]12号/m);
  });
});

describe("fix on a .docx: tracked changes", () => {
  test("each fix is a w:del + w:ins by report-qc; accepting gives the corrected text, rejecting the original; formatting kept", async () => {
    const dir = tmp();
    const input = join(dir, "draft.docx");
    const source = readFileSync(DRAFT, "utf8");
    writeFileSync(input, await styledDocx(source));
    const r = await fixFile(input, opts);
    expect(r.output).toBe(join(dir, "draft.fixed.docx"));
    expect(r.skipped).toEqual([]);
    const edits = r.applied.flatMap((p) => p.edits).sort((a, b) => a.start - b.start);
    expect(edits.length).toBeGreaterThanOrEqual(12);
    const before = await readBack(readFileSync(input));
    const rb = await readBack(readFileSync(r.output!));
    expect(rb.rejected).toBe(before.accepted);
    // Accepting every change gives the text with the corrections, paragraph by paragraph.
    const corrected = applyFixes(r.original, edits);
    expect(rb.accepted.split("\n").filter(Boolean)).toEqual(corrected.split("\n").map((l) => l.trim()).filter(Boolean));
    expect([...rb.insertions, ...rb.deletions].every((c) => c.author === "report-qc")).toBe(true);
    expect(rb.deletions.map((d) => d.text).join("")).toBe(edits.map((e) => r.original.slice(e.start, e.end)).join(""));
    // The original text keeps its formatting, and the inserted text carries the run properties of the text it
    // replaces (bold stays bold, red stays red).
    expect(rb.rejectedProps).toEqual(before.props);
    const pairs = rb.changes.flatMap((c, k) => (c.kind === "ins" && rb.changes[k - 1]?.kind === "del" ? [[rb.changes[k - 1]!.props, c.props]] : []));
    expect(pairs.length).toBeGreaterThan(5);
    expect(new Set(pairs.map(([d]) => d)).size).toBeGreaterThan(1); // bold, italic-red and plain runs among them
    for (const [d, i] of pairs) expect(i).toBe(d);
    // Checked again, the accepted document has no fixable finding left.
    const acceptedDocx = join(dir, "accepted.docx");
    writeFileSync(acceptedDocx, await styledDocx(corrected));
    expect((await findingsOf(acceptedDocx)).filter((f) => f.fix)).toEqual([]);
  });

  test.runIf(canRunLibreOffice)("LibreOffice reads the tracked changes: one deletion and one insertion per edit, by report-qc", async () => {
    const dir = tmp();
    const input = join(dir, "seed.docx");
    writeFileSync(input, await styledDocx(readFileSync(DRAFT, "utf8")));
    const r = await fixFile(input, opts);
    const edits = r.applied.flatMap((p) => p.edits).sort((a, b) => a.start - b.start);
    const [odt] = convert([r.output!], "odt");
    const content = await readOdt(odt!);
    const deletions = content.changes.filter((c) => c.kind === "deletion");
    const insertions = content.changes.filter((c) => c.kind === "insertion");
    expect(deletions.length).toBe(edits.filter((e) => e.end > e.start).length);
    expect(insertions.length).toBe(edits.filter((e) => e.replacement).length);
    expect(content.changes.every((c) => c.author === "report-qc")).toBe(true);
    expect(deletions.map((d) => d.text).sort()).toEqual(edits.filter((e) => e.end > e.start).map((e) => r.original.slice(e.start, e.end)).sort());
  });
});
