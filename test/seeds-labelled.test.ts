/**
 * Every labelled seed case of ../shared/seeds/README.md for the year-consistency, outdated-term and
 * arithmetic checks, run with the built-in national rule set through the real stages: each real
 * defect is found (with its severity), and each verified-correct look-alike stays silent.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../pipeline/model/finding.js";
import { runChecks } from "../pipeline/stages/check.js";
import { loadRuleSet } from "../pipeline/ruleset/load.js";
import { assertFindingInvariants } from "./helpers/rule-tester.js";
import { segmentText, seedText } from "./helpers/pipeline.js";

const MINE = new Set(["year-consistency", "outdated-term", "arithmetic"]);

function findingsOf(seed: string): { text: string; findings: Finding[] } {
  const loaded = loadRuleSet("national");
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const text = seedText(seed);
  const { findings, errors } = runChecks(segmentText(text, seed), loaded.ruleset, { lang: "zh" });
  expect(errors).toEqual([]);
  const mine = findings.filter((f) => MINE.has(f.check));
  for (const f of mine) assertFindingInvariants(f, text);
  return { text, findings: mine };
}

/** Span of a quote given as fragments (the README's `…` elided parts), from the first to the last. */
function spanOf(text: string, fragments: string[], occurrence = 0): [number, number] {
  let start = -1;
  for (let k = 0; k <= occurrence; k++) start = text.indexOf(fragments[0]!, start + 1);
  expect(start, `quote not in seed: ${fragments[0]}`).toBeGreaterThanOrEqual(0);
  let end = start + fragments[0]!.length;
  for (const f of fragments.slice(1)) {
    const i = text.indexOf(f, end);
    expect(i, `quote fragment not in seed: ${f}`).toBeGreaterThanOrEqual(0);
    end = i + f.length;
  }
  return [start, end];
}

const overlaps = (f: Finding, [s, e]: [number, number]) => f.start < e && f.end > s;

describe("seeds/README.md: real defects are found", () => {
  it("003 year-consistency: a 2020年度 title over a body about 2019 (error)", () => {
    const { text, findings } = findingsOf("003_8388e48a1664613c.txt");
    const quote = spanOf(text, ["XX市人民政府对于2020年度法治政府建设情况报告"]);
    const hit = findings.filter((f) => f.check === "year-consistency" && overlaps(f, quote));
    expect(hit).toHaveLength(1);
    expect(hit[0]).toMatchObject({ severity: "error", text: "2020年度", line: 1, evidence: { titleYear: 2020, bodyYear: 2019 } });
    // Every piece of evidence is pointed to: the 2019 title line, opening, heading, plan and signature.
    expect(hit[0]!.related!.map((r) => r.text)).toEqual(expect.arrayContaining(["2019 年度", "2019 年", "2020 年", "2020 年 1 月 10 日"]));
  });

  it("001 outdated-term: signed 2021-12-15, cites only up to 十九届四中全会 (warning, expected clause suggested)", () => {
    const { text, findings } = findingsOf("001_fd56e537edcebdc8.txt");
    const quote = spanOf(text, ["全面贯彻党的十九大和十九届二中、三中、四中全会精神"]);
    const hit = findings.filter((f) => f.check === "outdated-term" && overlaps(f, quote));
    expect(hit).toHaveLength(1);
    expect(hit[0]).toMatchObject({ severity: "warning", evidence: { kind: "stale-clause", publicationDate: "2021-12-15" } });
    expect(hit[0]!.suggestion).toContain("六中全会");
    expect(hit[0]!.related!.map((r) => r.text)).toEqual(["2021年12月15日"]);
  });

  it("002 arithmetic: 68 received, 51 accepted + 10 rejected = 61, 7 unaccounted (warning)", () => {
    const { text, findings } = findingsOf("002_88355d0e2550c175.txt");
    const quote = spanOf(text, ["全年共收到行政复议申请68件,受理51件,不予受理10件"]);
    const hit = findings.filter((f) => f.check === "arithmetic" && overlaps(f, quote));
    expect(hit).toHaveLength(1);
    expect(hit[0]).toMatchObject({ severity: "warning", text: "68件", evidence: { expression: "51+10", expected: 61, stated: 68, remainder: 7 } });
    expect(hit[0]!.related!.map((r) => r.text)).toEqual(["68件", "51件", "10件"]);
  });
});

/** Verified-correct look-alikes: [seed, check, quote fragments, occurrence]. */
const VERIFIED: [string, string, string[], number?][] = [
  ["000_c49e41131fdb983c.txt", "arithmetic", ["调解组织401个,其中区级调解中心3个", "专业性调解组织25个"]],
  ["000_c49e41131fdb983c.txt", "arithmetic", ["全区新收一审案件363件", "出庭应诉率56.2%"]],
  ["002_88355d0e2550c175.txt", "arithmetic", ["行政单位主动", "公安机关共计受理移送案件31件"]],
  ["002_88355d0e2550c175.txt", "arithmetic", ["行政赔偿申请14件,已办结15件(含上年结转1件)"]],
  ["003_8388e48a1664613c.txt", "arithmetic", ["形成清理目录 746 件(保留 350 件、修改 42 件、宣布失效 354件)"]],
  ["003_8388e48a1664613c.txt", "arithmetic", ["480 份政策文件", "宣布失效 19 件"]],
  ["003_8388e48a1664613c.txt", "arithmetic", ["共审查各类法律事务 220 件(其中重大决策 17 件,重大政府合同 35 件,其他法律意见建议 168 件)"]],
  ["003_8388e48a1664613c.txt", "arithmetic", ["聘请 100 名专家,其中院士 4 人", "9 人"]],
  ["003_8388e48a1664613c.txt", "arithmetic", ["由282个工作日大幅减少到99个工作日,压缩 65%"]],
  ["003_8388e48a1664613c.txt", "arithmetic", ["调处各类矛盾纠纷共 4370 件,调解成功 4326 件,调处成功率为 98.99%"]],
  ["003_8388e48a1664613c.txt", "arithmetic", ["精简行政审批组", "4 个保障组"]],
  ["003_8388e48a1664613c.txt", "arithmetic", ["市场监管、文化市场", "等 9 个领域"]],
  ["001_fd56e537edcebdc8.txt", "arithmetic", ["分六类规划,从矛盾邻里纠纷调处", "治安联防6项"]],
  ["003_8388e48a1664613c.txt", "outdated-term", ["全面贯彻党的十九大和十九届二中、三中、四中全会精神"]],
  ["004_b7fad94994891559.txt", "outdated-term", ["党的二十大和二十届二中、三中全会精神"], 0],
  ["004_b7fad94994891559.txt", "outdated-term", ["党的二十大和二十届二中、三中全会精神"], 1],
  ["002_88355d0e2550c175.txt", "year-consistency", ["2021年工作计划"]],
];

describe("seeds/README.md: verified-correct look-alikes stay silent", () => {
  for (const [seed, check, fragments, occurrence] of VERIFIED) {
    it(`${seed.slice(0, 3)} ${check}: ${fragments.join("…").slice(0, 40)}`, () => {
      const { text, findings } = findingsOf(seed);
      const span = spanOf(text, fragments, occurrence ?? 0);
      expect(findings.filter((f) => f.check === check && overlaps(f, span)).map((f) => `${f.text}: ${f.message}`)).toEqual([]);
    });
  }
});

describe("seeds: nothing else is raised by these checks above info", () => {
  const EXPECTED: Record<string, string[]> = {
    "000_c49e41131fdb983c.txt": [],
    "001_fd56e537edcebdc8.txt": ["outdated-term warning 党的十九大和十九届二中、三中、四中全会精神"],
    "002_88355d0e2550c175.txt": ["arithmetic warning 68件"],
    "003_8388e48a1664613c.txt": ["year-consistency error 2020年度"],
    "004_b7fad94994891559.txt": [],
  };
  for (const [seed, expected] of Object.entries(EXPECTED)) {
    it(seed, () => {
      const { findings } = findingsOf(seed);
      expect(findings.filter((f) => f.severity !== "info").map((f) => `${f.check} ${f.severity} ${f.text}`)).toEqual(expected);
    });
  }
});
