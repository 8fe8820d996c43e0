/**
 * Chinese numerals and number mentions: values, units, approximation, and what is not a quantity.
 */
import { describe, expect, it } from "vitest";
import { parseChineseNumber } from "../pipeline/text/numerals.js";
import { findNumbers } from "../pipeline/text/numbers.js";
import { findDates } from "../pipeline/text/dates.js";

describe("parseChineseNumber", () => {
  it.each([
    ["一", 1],
    ["两", 2],
    ["十", 10],
    ["十五", 15],
    ["二十", 20],
    ["一百二十三", 123],
    ["一百零五", 105],
    ["两千零五", 2005],
    ["三千", 3000],
    ["三千五", 3500],
    ["一万二千", 12000],
    ["一万二", 12000],
    ["三十万", 300000],
    ["一千二百万", 12000000],
    ["百", 100],
    ["二〇二一", 2021],
    ["〇", 0],
  ])("%s = %d", (s, v) => {
    expect(parseChineseNumber(s)).toBe(v);
  });

  it.each(["", "十十", "百十百", "abc", "一两"])("rejects %j", (s) => {
    expect(parseChineseNumber(s)).toBeNull();
  });
});

/** Mentions as `text=value/unit~` for compact assertions. */
function mentions(text: string): string[] {
  const dates = findDates(text).map((d) => [d.start, d.end] as const);
  return findNumbers(text, 0, dates).map((m) => `${m.text}=${m.value}${m.unit ? "/" + m.unit : ""}${m.approximate ? "~" : ""}${m.chinese ? "#" : ""}`);
}

describe("findNumbers", () => {
  it("reads Arabic numbers with units, separators, decimals and percentages", () => {
    expect(mentions("受理51件，不予受理10件，调处成功率为98.99%，共1,234件，由282个工作日减少到99个工作日")).toEqual([
      "51件=51/件",
      "10件=10/件",
      "98.99%=98.99/%",
      "1,234件=1234/件",
      "282个工作日=282/个工作日",
      "99个工作日=99/个工作日",
    ]);
  });

  it("reads Chinese numerals before a measure word", () => {
    expect(mentions("共受理一百二十三件，设立两个窗口，分六类规划")).toEqual(["一百二十三件=123/件#", "两个=2/个#", "六类=6/类#"]);
  });

  it("marks approximate numbers (十余, 二十多, 三千余, 近百, 100多, 约, 以上)", () => {
    expect(mentions("开展十余次，走访二十多家，服务三千余人，近百家企业")).toEqual(["十余次=10/次~#", "二十多家=20/家~#", "三千余人=3000/人~#", "百家=100/家~#"]);
    expect(mentions("培训100多人，约300人参加，配备5%以上")).toEqual(["100多人=100/人~", "300人=300/人~", "5%=5/%~"]);
    expect(mentions("三千余")).toEqual(["三千余=3000~#"]);
  });

  it("scales 万/亿 but keeps money in 万元/亿元", () => {
    expect(mentions("惠及1.5万人，投入2.3亿元，讨回报酬73.5万余元，受众470万人次")).toEqual([
      "1.5万人=15000/人",
      "2.3亿元=2.3/亿元",
      "73.5万余元=73.5/万元~",
      "470万人次=470/万人次",
    ]);
    expect(mentions("累计2.3亿")).toEqual(["2.3亿=230000000"]);
  });

  it("does not report years, dates, document numbers, ordinals, months, times or identifiers", () => {
    expect(mentions("2021年12月15日，二〇二一年，2021-12-13 16:07:17，(2021-2025年)")).toEqual([]);
    expect(mentions("粤府〔2021〕3号，国务院令第722号，第八批，5月，11月30日，5G，鄂ICP备05009168，中国博览会2021品牌")).toEqual([]);
  });

  it("does not read fixed expressions as numbers", () => {
    expect(
      mentions("全面贯彻党的十九大和十九届二中、三中、四中全会精神，二十大，七五普法，八五普法，十四五，一规划两纲要，双随机、一公开，三项制度，四个意识，两个维护，五位一体，统一部署，最后一公里，中央八项规定"),
    ).toEqual([]);
  });

  it("does not read list markers (一是, 第一，, 一、) as numbers", () => {
    expect(mentions("一是完善机制，二是加强监督。第一，坚持领导。")).toEqual([]);
  });

  it("gives absolute offsets with a block offset", () => {
    const [m] = findNumbers("共350件", 100);
    expect(m).toMatchObject({ start: 101, end: 105, text: "350件", value: 350, unit: "件", chinese: false, approximate: false });
  });
});
