/**
 * @fileoverview Number mentions with their unit: 401个, 98.99%, 1,234件, 73.5万余元, 1.5万人,
 * 一百二十三件, 两个, 十余次, 三千余人, 近百家. Years, dates, document numbers (〔2021〕3号), ordinals
 * (第八批), months (5月), list markers and fixed expressions (十九大, 七五普法, 十四五, 三项制度,
 * 双随机、一公开) are not number mentions; the data lists below say which.
 *
 * Chinese numerals count only before a measure word (一个, 六类) or with 余/多 after a magnitude
 * (十余, 三千余): bare Chinese numerals are mostly parts of words (统一, 一体化).
 */
import type { NumberMention, Span } from "../model/document.js";
import { MAX_YEAR, MIN_YEAR } from "./dates.js";
import { parseChineseNumber } from "./numerals.js";

/** Units and measure words that may follow a number. Longest match wins. */
export const NUMBER_UNITS: readonly string[] = [
  "个百分点",
  "个工作日",
  "万人次",
  "平方公里",
  "平方米",
  "万元",
  "亿元",
  "千元",
  "元",
  "人次",
  "庭次",
  "场次",
  "批次",
  "户次",
  "车次",
  "家次",
  "工作日",
  "个月",
  "小时",
  "公里",
  "千米",
  "公顷",
  "课时",
  "学时",
  "%",
  "‰",
  "件",
  "个",
  "人",
  "次",
  "宗",
  "户",
  "条",
  "项",
  "家",
  "名",
  "场",
  "期",
  "份",
  "篇",
  "本",
  "册",
  "批",
  "所",
  "座",
  "处",
  "起",
  "类",
  "种",
  "部",
  "支",
  "位",
  "单",
  "台",
  "套",
  "亩",
  "天",
  "日",
  "周",
  "年",
  "倍",
  "米",
  "吨",
  "辆",
  "张",
  "封",
  "例",
  "间",
  "栋",
  "块",
  "株",
  "节",
  "堂",
  "轮",
  "组",
  "队",
  "团",
  "枚",
  "段",
  "层",
  "首",
  "集",
  "幅",
  "瓶",
  "盒",
  "斤",
  "元/人",
];

/** Fixed expressions whose numerals are not quantities. */
export const NUMBER_EXCLUSIONS: readonly string[] = [
  "十六大",
  "十七大",
  "十八大",
  "十九大",
  "二十大",
  "十八届",
  "十九届",
  "二十届",
  "二中全会",
  "三中全会",
  "四中全会",
  "五中全会",
  "六中全会",
  "七中全会",
  "四五普法",
  "五五普法",
  "六五普法",
  "七五普法",
  "八五普法",
  "九五普法",
  "十一五",
  "十二五",
  "十三五",
  "十四五",
  "十五五",
  "一规划两纲要",
  "双随机、一公开",
  "双随机一公开",
  "三项制度",
  "四个意识",
  "四个自信",
  "四个全面",
  "两个维护",
  "两个确立",
  "两个一百年",
  "五位一体",
  "三位一体",
  "三重一大",
  "两学一做",
  "三会一课",
  "两法衔接",
  "一把手",
  "一站式",
  "一对一",
  "一网通办",
  "一网统管",
  "一网协同",
  "一件事",
  "跑一次",
  "一次性",
  "一揽子",
  "一张网",
  "一部分",
  "一方面",
  "一系列",
  "一体化",
  "一起",
  "一批次",
  "一号文件",
  "一村一法律顾问",
  "一村(居)一法律顾问",
  "一社区一法律顾问",
  "千家万户",
  "千方百计",
  "百姓",
  "万无一失",
  "一单位一",
  "一案一",
  "一企一",
  "一事一议",
  "八项规定",
  "最后一公里",
  // 一 inside ordinary words (统一部署 is not "1 部")
  "统一",
  "唯一",
  "同一",
  "逐一",
  "单一",
  "划一",
  "合一",
  "之一",
  "万一",
  "专一",
  "如一",
  "某一",
  "另一",
  "每一",
  "一一",
];

/** Words before a number that make it approximate. */
export const APPROX_PREFIXES: readonly string[] = ["大约", "将近", "接近", "不少于", "不足", "不到", "超过", "约", "近", "超", "逾"];
/** Extra prefixes for Chinese numerals only (上千人, 数百件, 几十个). */
export const CN_APPROX_PREFIXES: readonly string[] = ["上", "数", "几"];
/** Words after the unit that make the number approximate (a bound or an estimate). */
export const APPROX_SUFFIXES: readonly string[] = ["左右", "以上", "以下", "上下"];

function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .join("|");
}

const UNIT_RE = new RegExp(`^(?:${alternation(NUMBER_UNITS)})`, "u");
const EXCLUSION_RE = new RegExp(alternation(NUMBER_EXCLUSIONS), "gu");
const APPROX_SUFFIX_RE = new RegExp(`^(?:${alternation(APPROX_SUFFIXES)})`, "u");
/** Arabic numbers, not inside identifiers (5G, ICP备…), decimals or document numbers (〔2021〕). */
const ARABIC_RE = /(?<![\dA-Za-z.:〔[［【\-])(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(\.\d+)?(?![A-Za-z])/gu;
/** Runs of Chinese numeral characters. */
const CHINESE_RE = /[〇零一二两三四五六七八九十百千万亿]+/gu;
const MAGNITUDE_RE = /[十百千万亿]/u;

/**
 * Number mentions in `text`.
 * @param offset absolute start of `text` (added to every span)
 * @param skip absolute spans that cannot hold a number mention (dates, list markers), sorted by start
 * @param out mentions are appended here, in text order
 */
export function findNumbers(text: string, offset = 0, skip: readonly Span[] = [], out: NumberMention[] = []): NumberMention[] {
  const excluded: Span[] = [];
  EXCLUSION_RE.lastIndex = 0;
  for (let m; (m = EXCLUSION_RE.exec(text)) !== null; ) excluded.push([m.index, m.index + m[0].length]);
  for (const [s, e] of skip) if (e > offset && s < offset + text.length) excluded.push([s - offset, e - offset]);

  const found: NumberMention[] = [];
  ARABIC_RE.lastIndex = 0;
  for (let m; (m = ARABIC_RE.exec(text)) !== null; ) {
    const mention = arabicMention(text, m.index, m[1]!, m[2]);
    if (mention && !overlaps(excluded, mention.start, mention.end)) found.push(shift(mention, offset));
  }
  CHINESE_RE.lastIndex = 0;
  for (let m; (m = CHINESE_RE.exec(text)) !== null; ) {
    const mention = chineseMention(text, m.index, m[0]);
    if (mention && !overlaps(excluded, mention.start, mention.end)) found.push(shift(mention, offset));
  }
  found.sort((a, b) => a.start - b.start);
  out.push(...found);
  return out;
}

function shift(m: NumberMention, offset: number): NumberMention {
  m.start += offset;
  m.end += offset;
  return m;
}

function overlaps(spans: readonly Span[], s: number, e: number): boolean {
  for (const [a, b] of spans) if (a < e && s < b) return true;
  return false;
}

function hasApproxPrefix(text: string, start: number, prefixes: readonly string[] = APPROX_PREFIXES): boolean {
  for (const p of prefixes) if (start >= p.length && text.startsWith(p, start - p.length)) return true;
  return false;
}

/** Context rules shared by both numeral kinds; returns false when the number is not a quantity. */
function isQuantityContext(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(end);
  if (before === 0x7b2c /* 第 */) return false; // ordinal
  if (after === 0x53f7 /* 号 */) return false; // document number, address
  if (after === 0x6708 /* 月 */) return false; // month (3个月 goes through the unit 个月)
  if ((after === 0x65e5 /* 日 */ || after === 0x53f7) && before === 0x6708) return false; // 11月30日
  if (after === 0x3015 /* 〕 */ || after === 93 || after === 0xff3d) return false; // 〔2021〕
  if ((after === 58 || after === 45) && text.charCodeAt(end + 1) >= 48 && text.charCodeAt(end + 1) <= 57) return false; // 16:07, 027-8767
  return true;
}

function arabicMention(text: string, start: number, intPart: string, frac: string | undefined): NumberMention | null {
  let end = start + intPart.length + (frac?.length ?? 0);
  if (!isQuantityContext(text, start, end)) return null;
  // 05009168: a code (record number, postcode part), not a quantity.
  if (intPart.length > 1 && intPart.charCodeAt(0) === 48 && frac === undefined) return null;
  let value = Number(intPart.replace(/,/g, "") + (frac ?? ""));
  let approximate = hasApproxPrefix(text, start);
  let unit: string | undefined;
  let rest = text.slice(end, end + 8);
  let u = UNIT_RE.exec(rest);
  if (u) {
    unit = u[0];
  } else {
    const mult = rest[0] === "万" ? 1e4 : rest[0] === "亿" ? 1e8 : 0;
    if (mult) {
      end += 1;
      rest = rest.slice(1);
      const a = /^[余多]/u.exec(rest);
      if (a) {
        approximate = true;
        end += 1;
        rest = rest.slice(1);
      }
      u = UNIT_RE.exec(rest);
      if (u && u[0] === "元") unit = (mult === 1e4 ? "万" : "亿") + "元";
      else {
        // toPrecision: 2.3 × 1e8 is 229999999.99999997 in binary floating point.
        value = Number((value * mult).toPrecision(12));
        if (u) unit = u[0];
      }
    } else {
      const a = /^[余多]/u.exec(rest);
      if (a) {
        approximate = true;
        end += 1;
        rest = rest.slice(1);
        u = UNIT_RE.exec(rest);
        if (u) unit = u[0];
      }
    }
  }
  if (u) end += u[0].length;
  if (APPROX_SUFFIX_RE.test(text.slice(end, end + 2))) {
    approximate = true;
  }
  if (!Number.isFinite(value)) return null;
  // A bare year (博览会2021) is a date written without 年, not a quantity.
  if (unit === undefined && frac === undefined && intPart.length === 4 && value >= MIN_YEAR && value <= MAX_YEAR) return null;
  const mention: NumberMention = { start, end, text: text.slice(start, end), value, approximate, chinese: false };
  if (unit !== undefined) mention.unit = unit;
  return mention;
}

function chineseMention(text: string, start: number, run: string): NumberMention | null {
  let end = start + run.length;
  if (!isQuantityContext(text, start, end)) return null;
  // 二〇二一 before 年 is a year (dates handle it).
  if (text.charCodeAt(end) === 0x5e74 /* 年 */ && run.length === 4 && !MAGNITUDE_RE.test(run)) return null;
  const value = parseChineseNumber(run);
  if (value === null || value === 0) return null;
  const prefixed = hasApproxPrefix(text, start) || hasApproxPrefix(text, start, CN_APPROX_PREFIXES);
  let approximate = prefixed;
  let rest = text.slice(end, end + 8);
  const a = /^[余多]/u.exec(rest);
  if (a) {
    approximate = true;
    end += 1;
    rest = rest.slice(1);
  }
  const u = UNIT_RE.exec(rest);
  const hasMagnitude = MAGNITUDE_RE.test(run);
  if (!u && !(a && hasMagnitude)) return null;
  // 万 / 百 / 千 alone (千家万户, 百家) is a quantity only after 近 / 上 / 数 (近百家, 上千人).
  if (run.length === 1 && /[百千万亿]/u.test(run) && !prefixed) return null;
  if (u) end += u[0].length;
  if (APPROX_SUFFIX_RE.test(text.slice(end, end + 2))) approximate = true;
  const mention: NumberMention = { start, end, text: text.slice(start, end), value, approximate, chinese: true };
  if (u) mention.unit = u[0];
  return mention;
}
