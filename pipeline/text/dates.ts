/**
 * @fileoverview Date mentions in every written form the reports use: 2021年, 2021年度 (fiscal),
 * 2021年12月15日, 二〇二一年十二月十五日, 2021-12-13 (with or without a time), 2021/03/29, 2021.3,
 * periods 2021—2025年 / (2021-2025年) / 2021~2025年 / 2016至2020年 / 2016年至2020年, and a period
 * whose dash PDF extraction lost: (20212025年). Years outside 1949..2100 are not dates.
 */
import type { DateMention } from "../model/document.js";
import { parseChineseNumber } from "./numerals.js";

export const MIN_YEAR = 1949;
export const MAX_YEAR = 2100;
/** Longest period accepted (the lost-dash form needs a bound to stay plausible). */
const MAX_PERIOD_YEARS = 30;

const CN_D = "[〇零一二三四五六七八九]";
const CN_N = "[一二三四五六七八九十]";
const DASH = "(?:——|[-—–~～至到])";

// One pass; the alternatives are tried left to right at each position, most specific first.
const DATE_RE = new RegExp(
  [
    // 1 lost dash: 20212025年
    `(?<lost>(?<![\\d.])(?<ly1>\\d{4})(?<ly2>\\d{4})年)`,
    // 2 period: 2021—2025年, 2016年至2020年, 2021-2025
    `(?<period>(?<![\\d.])(?<py1>\\d{4})(?:年度?)?[ ]?${DASH}[ ]?(?<py2>\\d{4})(?![\\d])(?:年度?)?)`,
    // 3 numeric date: 2021-12-13 16:07:17, 2021/03/29, 2021.3.15
    `(?<iso>(?<![\\d.])(?<iy>\\d{4})(?<sep>[-/.])(?<im>\\d{1,2})\\k<sep>(?<id>\\d{1,2})(?![\\d])(?:[ T](?<time>\\d{1,2}:\\d{2}(?::\\d{2})?)(?![\\d]))?)`,
    // 4 Chinese-character date: 2021年12月15日, 2021年5月, 2021年, 2021年度
    `(?<cjk>(?<![\\d.])(?<cy>\\d{4})年(?:(?<cfis>度)|(?<cm>\\d{1,2})月(?:(?<cd>\\d{1,2})[日号])?)?)`,
    // 5 dotted or slashed year-month: 2021.3, 2021/03
    `(?<ym>(?<![\\d.])(?<yy>\\d{4})[./-](?<ymm>\\d{1,2})(?![\\d./\\-万亿元%]))`,
    // 6 Chinese digits: 二〇二一年十二月十五日, 二〇二一年度
    `(?<han>(?<hy>${CN_D}{4})年(?:(?<hfis>度)|(?<hm>${CN_N}{1,2})月(?:(?<hd>${CN_N}{1,3})[日号])?)?)`,
  ].join("|"),
  "gu",
);

function validYear(y: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR;
}

function validMonth(m: number | undefined): m is number {
  return m !== undefined && m >= 1 && m <= 12;
}

function validDay(d: number | undefined): d is number {
  return d !== undefined && d >= 1 && d <= 31;
}

/**
 * Date mentions in `text`.
 * @param offset added to every span (the absolute start of `text`)
 * @param out mentions are appended here, in text order
 */
export function findDates(text: string, offset = 0, out: DateMention[] = []): DateMention[] {
  DATE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATE_RE.exec(text)) !== null) {
    const g = m.groups!;
    const mention = toMention(g, m[0]);
    if (mention) {
      // toMention may shorten the text (2021年13月 is only the year 2021年).
      mention.start = offset + m.index;
      mention.end = offset + m.index + mention.text.length;
      out.push(mention);
    } else {
      // Not a valid date here: let the other alternatives try from the next position.
      DATE_RE.lastIndex = m.index + 1;
    }
  }
  return out;
}

function toMention(g: Record<string, string | undefined>, text: string): DateMention | null {
  const base = { start: 0, end: 0, text };
  if (g.lost !== undefined) {
    const y1 = Number(g.ly1);
    const y2 = Number(g.ly2);
    if (!validYear(y1) || !validYear(y2) || y2 <= y1 || y2 - y1 > MAX_PERIOD_YEARS) return null;
    return { ...base, kind: "period", year: y1, endYear: y2 };
  }
  if (g.period !== undefined) {
    const y1 = Number(g.py1);
    const y2 = Number(g.py2);
    if (!validYear(y1) || !validYear(y2) || y2 <= y1 || y2 - y1 > MAX_PERIOD_YEARS) return null;
    return { ...base, kind: "period", year: y1, endYear: y2 };
  }
  if (g.iso !== undefined) {
    const y = Number(g.iy);
    const mo = Number(g.im);
    const d = Number(g.id);
    if (!validYear(y) || !validMonth(mo) || !validDay(d)) return null;
    return { ...base, kind: "date", year: y, month: mo, day: d };
  }
  if (g.cjk !== undefined) {
    const y = Number(g.cy);
    if (!validYear(y)) return null;
    if (g.cfis !== undefined) return { ...base, kind: "year", year: y, fiscal: true };
    const mo = g.cm === undefined ? undefined : Number(g.cm);
    const d = g.cd === undefined ? undefined : Number(g.cd);
    return dateParts(base, y, mo, d);
  }
  if (g.ym !== undefined) {
    const y = Number(g.yy);
    const mo = Number(g.ymm);
    if (!validYear(y) || !validMonth(mo)) return null;
    return { ...base, kind: "year-month", year: y, month: mo };
  }
  if (g.han !== undefined) {
    const y = parseChineseNumber(g.hy!);
    if (y === null || !validYear(y)) return null;
    if (g.hfis !== undefined) return { ...base, kind: "year", year: y, fiscal: true };
    const mo = g.hm === undefined ? undefined : (parseChineseNumber(g.hm) ?? undefined);
    const d = g.hd === undefined ? undefined : (parseChineseNumber(g.hd) ?? undefined);
    return dateParts(base, y, mo, d);
  }
  return null;
}

/** A year with optional month and day; an impossible month or day degrades to what is valid (and so does the span). */
function dateParts(base: { start: number; end: number; text: string }, y: number, mo: number | undefined, d: number | undefined): DateMention {
  if (!validMonth(mo)) return { ...base, text: base.text.slice(0, base.text.indexOf("年") + 1), kind: "year", year: y };
  if (!validDay(d)) return { ...base, text: base.text.slice(0, base.text.indexOf("月") + 1), kind: "year-month", year: y, month: mo };
  return { ...base, kind: "date", year: y, month: mo, day: d };
}

/** ISO yyyy-mm-dd of a full date mention, or null. */
export function isoDate(d: Pick<DateMention, "kind" | "year" | "month" | "day">): string | null {
  if (d.kind !== "date" || d.month === undefined || d.day === undefined) return null;
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/** ISO date of the first full date written in `text` (a metadata value, a signature line), or null. */
export function firstIsoDate(text: string): string | null {
  for (const d of findDates(text)) {
    const iso = isoDate(d);
    if (iso) return iso;
  }
  return null;
}
