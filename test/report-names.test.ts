import { describe, expect, it } from "vitest";
import { outputStems } from "../pipeline/report/names.js";

describe("output names", () => {
  it("keeps base names, makes duplicates unique, never takes the batch files' names", () => {
    expect(outputStems(["a/report.txt", "b/report.txt", "index.txt", "INDEX.htm", "summary.docx", "x/index-2.txt", "报告 (1).txt", "../up.txt"])).toEqual([
      "report",
      "report-2",
      "index-2",
      "INDEX-3",
      "summary-2",
      "index-2-2",
      "报告_(1)",
      "up",
    ]);
  });
});
