/**
 * Province inference from unit names and titles (rules/regions.yaml), and the rule set chosen from it.
 */
import { describe, expect, it } from "vitest";
import { chooseRuleSet, inferProvince, loadRegions, parseRegions, type RegionNode } from "../pipeline/ruleset/regions.js";

describe("inferProvince", () => {
  it.each([
    ["广州市番禺区人民政府", "guangdong"],
    ["韶关市武江区西联镇人民政府", "guangdong"],
    ["中共洪山区委全面依法治区委员会办公室", "hubei"],
    ["广州市荔湾区人民政府东漖街道办事处", "guangdong"],
    ["天津市静海区人民政府", "tianjin"],
    ["北京市", "beijing"],
    ["西联镇2021年法治政府建设年度报告", "guangdong"],
    ["恩施州司法局关于2022年法治政府建设情况的报告", "hubei"],
    ["新疆维吾尔自治区人民政府", "xinjiang"],
  ])("%s → %s", (text, province) => {
    expect(inferProvince(text)?.province).toBe(province);
  });

  it("says which name matched; the longest name wins", () => {
    expect(inferProvince("广州市荔湾区人民政府东漖街道办事处")).toEqual({ province: "guangdong", matched: "东漖街道" });
    // 河北区 (a district of Tianjin) beats the province short name 河北 inside it.
    expect(inferProvince("河北区人民政府")).toEqual({ province: "tianjin", matched: "河北区" });
    expect(inferProvince("河北省司法厅")).toEqual({ province: "hebei", matched: "河北省" });
  });

  it("returns null when no place is named", () => {
    expect(inferProvince("XX市人民政府")).toBeNull();
    expect(inferProvince("关于2021年度法治政府建设情况的报告")).toBeNull();
    expect(inferProvince("")).toBeNull();
  });
});

describe("chooseRuleSet", () => {
  it("uses the province's built-in set when there is one, else national", () => {
    expect(chooseRuleSet("广州市番禺区人民政府")).toBe("guangdong");
    expect(chooseRuleSet("中共洪山区委全面依法治区委员会办公室")).toBe("hubei");
    expect(chooseRuleSet("天津市静海区人民政府")).toBe("tianjin");
    expect(chooseRuleSet("北京市")).toBe("national");
    expect(chooseRuleSet("XX市人民政府")).toBe("national");
  });
});

describe("regions tree", () => {
  const regions = loadRegions();
  const names = (nodes: RegionNode[]) => nodes.map((n) => n.name);

  it("has all 31 province-level units, each with its capital", () => {
    expect(regions.provinces).toHaveLength(31);
    for (const p of regions.provinces) {
      expect(p.id).toMatch(/^[a-z]+$/);
      if (!p.municipality) expect(names(p.children), p.name).toContain(p.capital);
    }
    expect(regions.provinces.filter((p) => p.municipality).map((p) => p.short)).toEqual(["北京", "天津", "上海", "重庆"]);
  });

  it("has every prefecture-level city of Guangdong and Hubei, and the 16 districts of Tianjin", () => {
    const gd = regions.byId.get("guangdong")!;
    expect(gd.children.filter((c) => c.level === "prefecture")).toHaveLength(21);
    const hb = regions.byId.get("hubei")!;
    // 12 cities + 恩施州, and 4 places administered directly by the province.
    expect(hb.children).toHaveLength(17);
    const tj = regions.byId.get("tianjin")!;
    expect(tj.children).toHaveLength(16);
    expect(tj.children.every((c) => c.level === "county")).toBe(true);
    expect(names(tj.children)).toContain("静海区");
  });

  it("records level, province and path for each place", () => {
    const [dongjiao] = regions.byName.get("东漖街道")!;
    expect(dongjiao).toMatchObject({ level: "township", province: "guangdong", path: ["广东省", "广州市", "荔湾区"] });
    const [panyu] = regions.byName.get("番禺区")!;
    expect(panyu).toMatchObject({ level: "county", path: ["广东省", "广州市"] });
    expect(regions.byName.get("广州")?.[0]?.name).toBe("广州市");
    // Districts and towns get no short name.
    expect(regions.byName.has("番禺")).toBe(false);
  });

  it("no name points to two different provinces", () => {
    const clashes = [...regions.byName].filter(([, nodes]) => new Set(nodes.map((n) => n.province)).size > 1).map(([n]) => n);
    expect(clashes).toEqual([]);
  });

  it("a malformed regions file fails with a position", () => {
    expect(() => parseRegions("provinces:\n  x:\n    name: 某省\n    short: 某\n    capital: 某市\n    places: 3\n", "r.yaml")).toThrow(/^r\.yaml:6:13: /);
  });
});
