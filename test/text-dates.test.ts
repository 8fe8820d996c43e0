/**
 * Date mentions in every written form, including periods and the period whose dash was lost.
 */
import { describe, expect, it } from "vitest";
import { findDates, firstIsoDate, isoDate } from "../pipeline/text/dates.js";

function one(text: string) {
  const ds = findDates(text);
  expect(ds, text).toHaveLength(1);
  const d = ds[0]!;
  expect(text.slice(d.start, d.end)).toBe(d.text);
  return d;
}

describe("findDates", () => {
  it("2021年 and 2021年度 (fiscal)", () => {
    expect(one("2021年,我区坚持")).toMatchObject({ kind: "year", year: 2021, text: "2021年" });
    const f = one("关于2021年度法治政府建设");
    expect(f).toMatchObject({ kind: "year", year: 2021, fiscal: true, text: "2021年度" });
    expect(one("2021年以来").fiscal).toBeUndefined();
  });

  it("二〇二一年 / 二〇二一年十二月十五日 / 二〇二一年度", () => {
    expect(one("二〇二一年")).toMatchObject({ kind: "year", year: 2021 });
    expect(one("二〇二一年十二月十五日")).toMatchObject({ kind: "date", year: 2021, month: 12, day: 15, text: "二〇二一年十二月十五日" });
    expect(one("二〇二一年度")).toMatchObject({ kind: "year", year: 2021, fiscal: true });
  });

  it("2021年12月15日 and 2021年5月", () => {
    expect(one("2021年12月15日")).toMatchObject({ kind: "date", year: 2021, month: 12, day: 15 });
    expect(one("2021年5月,区政府")).toMatchObject({ kind: "year-month", year: 2021, month: 5, text: "2021年5月" });
  });

  it("numeric dates, with and without a time", () => {
    expect(one("发布时间:2021-12-13 16:07:17 阅读次数")).toMatchObject({ kind: "date", year: 2021, month: 12, day: 13, text: "2021-12-13 16:07:17" });
    expect(one("2021-02-18")).toMatchObject({ kind: "date", month: 2, day: 18 });
    expect(one("2021/03/29")).toMatchObject({ kind: "date", year: 2021, month: 3, day: 29 });
    expect(one("截至2021.3.15")).toMatchObject({ kind: "date", month: 3, day: 15 });
    expect(one("2021.3发布")).toMatchObject({ kind: "year-month", year: 2021, month: 3, text: "2021.3" });
  });

  it.each([
    ["《法治政府建设实施纲要(2021—2025年)》", "2021—2025年"],
    ["(2021-2025年)", "2021-2025年"],
    ["2021~2025年", "2021~2025年"],
    ["2016至2020年", "2016至2020年"],
    ["2016年至2020年", "2016年至2020年"],
    ["(2015——2020年)", "2015——2020年"],
  ])("period %s", (text, quote) => {
    const d = one(text);
    expect(d).toMatchObject({ kind: "period", text: quote });
    expect(d.endYear).toBeGreaterThan(d.year);
  });

  it("a period whose dash was lost in extraction: (20212025年)", () => {
    expect(one("《法治社会建设实施纲要(20212025年)》")).toMatchObject({ kind: "period", year: 2021, endYear: 2025, text: "20212025年" });
    // Not two plausible years in order: not a period.
    expect(findDates("(20252021年)")).toEqual([]);
    expect(findDates("编号12345678年")).toEqual([]);
  });

  it("rejects years outside 1949..2100 and impossible months", () => {
    expect(findDates("1900年")).toEqual([]);
    expect(findDates("2150年")).toEqual([]);
    expect(findDates("共3010人次")).toEqual([]);
    expect(one("2021年13月")).toMatchObject({ kind: "year", text: "2021年" });
    expect(findDates("2021-13-01")).toEqual([]);
    expect(findDates("98.99%")).toEqual([]);
    expect(findDates("调处4370件")).toEqual([]);
  });

  it("finds every date of a sentence in order with absolute offsets", () => {
    const ds = findDates("2019年共办理，2020年1月10日签发，对照(2015—2020年)纲要", 10);
    expect(ds.map((d) => d.text)).toEqual(["2019年", "2020年1月10日", "2015—2020年"]);
    expect(ds[0]!.start).toBe(10);
  });
});

describe("ISO helpers", () => {
  it("isoDate only for full dates; firstIsoDate reads metadata values and signatures", () => {
    expect(isoDate({ kind: "date", year: 2020, month: 1, day: 10 })).toBe("2020-01-10");
    expect(isoDate({ kind: "year-month", year: 2020, month: 1 })).toBeNull();
    expect(firstIsoDate("2021-12-13 16:07:17")).toBe("2021-12-13");
    expect(firstIsoDate("2021年2月18日")).toBe("2021-02-18");
    expect(firstIsoDate("二〇二一年十二月十五日")).toBe("2021-12-15");
    expect(firstIsoDate("2021年度")).toBeNull();
  });
});
