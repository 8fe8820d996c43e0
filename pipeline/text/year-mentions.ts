/**
 * @fileoverview Finds year mentions in a piece of (normalized) report text and classifies them:
 * a plain year (`2019年`, `二〇一九年`), a fiscal year (`2019年度`), a date (`2021年12月15日`,
 * `2021-12-13`, `2021/03/29`, `2021.3`), or a period (`2021—2025年`, `2016-2020年`, `(20212025年)`
 * with a lost dash). Periods are never report years; years inside document numbers (`〔2024〕`),
 * book titles (`《…(2019年修订)》`) and quoted names are marked so callers can skip them.
 *
 * NOTE: spans are relative to the string given. Spaces between digits and 年 (PDF extraction:
 * `2019 年`) are tolerated even when normalization has not removed them.
 */

export type YearMentionKind = "year" | "fiscal" | "date" | "year-month" | "period";

export interface YearMention {
  start: number;
  end: number;
  text: string;
  kind: YearMentionKind;
  year: number;
  month?: number;
  day?: number;
  /** Last year of a period. */
  endYear?: number;
  /** Inside 《》 (a law or document title) or a document number 〔2024〕. */
  inTitle: boolean;
}

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, "○": 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

const DASH = "[—–\\-~～至到－―]{1,2}";
// A period: 2021—2025年, 2016-2020年, 2021年—2025年, (20212025年) with the dash lost.
const PERIOD_RE = new RegExp(`(?<![\\d.])((?:19|20)\\d{2})\\s*年?\\s*${DASH}\\s*((?:19|20)\\d{2})\\s*年?|(?<=[(（])((?:19|20)\\d{2})((?:19|20)\\d{2})\\s*年`, "gu");
// Dates with separators: 2021-12-13, 2021/03/29, 2021.3 (month only), 2021年12月15日.
const DATE_RE = /(?<![\d.])((?:19|20)\d{2})\s*(?:[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?(?![\d])|年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)/gu;
// Plain year or fiscal year: 2019年, 2019 年度.
const YEAR_RE = /(?<![\d.])((?:19|20)\d{2})\s*(年度|年)/gu;
// Chinese numeral years: 二〇一九年, 二零二一年度.
const CN_YEAR_RE = /([一二][〇零○O一二三四五六七八九]{3})\s*(年度|年)(?:([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?)?/gu;

/** All year mentions in `text`, sorted by start, non-overlapping (longest wins). */
export function findYearMentions(text: string): YearMention[] {
  const found: YearMention[] = [];
  const push = (m: Omit<YearMention, "inTitle" | "text">) => found.push({ ...m, text: text.slice(m.start, m.end), inTitle: false });
  for (const m of text.matchAll(PERIOD_RE)) {
    const a = Number(m[1] ?? m[3]);
    const b = Number(m[2] ?? m[4]);
    if (b <= a || b - a > 30) continue;
    push({ start: m.index, end: m.index + m[0].length, kind: "period", year: a, endYear: b });
  }
  for (const m of text.matchAll(DATE_RE)) {
    const year = Number(m[1]);
    const month = Number(m[2] ?? m[4]);
    const dayRaw = m[3] ?? m[5];
    if (!(month >= 1 && month <= 12)) continue;
    const day = dayRaw === undefined ? undefined : Number(dayRaw);
    if (day !== undefined && !(day >= 1 && day <= 31)) continue;
    // `2021.3` without 月 is a date only when it is not a decimal number in a statistic (2021.3万元).
    if (m[2] !== undefined && m[3] === undefined && /^[万亿元%个件人]/u.test(text.slice(m.index + m[0].length))) continue;
    push({ start: m.index, end: m.index + m[0].length, kind: day === undefined ? "year-month" : "date", year, month, ...(day === undefined ? {} : { day }) });
  }
  for (const m of text.matchAll(YEAR_RE)) {
    push({ start: m.index, end: m.index + m[0].length, kind: m[2] === "年度" ? "fiscal" : "year", year: Number(m[1]) });
  }
  for (const m of text.matchAll(CN_YEAR_RE)) {
    const year = Number([...m[1]!].map((c) => CN_DIGIT[c] ?? 0).join(""));
    if (year < 1949 || year > 2100) continue;
    const month = m[3] ? cnSmall(m[3]) : undefined;
    const day = m[4] ? cnSmall(m[4]) : undefined;
    const kind: YearMentionKind = day !== undefined ? "date" : month !== undefined ? "year-month" : m[2] === "年度" ? "fiscal" : "year";
    push({ start: m.index, end: m.index + m[0].length, kind, year, ...(month ? { month } : {}), ...(day ? { day } : {}) });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: YearMention[] = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (last && f.start < last.end) continue;
    kept.push(f);
  }
  const titles = bracketRanges(text);
  for (const k of kept) k.inTitle = titles.some(([s, e]) => k.start >= s && k.end <= e);
  return kept;
}

/** Value of a small Chinese numeral (一 … 三十一). */
function cnSmall(s: string): number {
  if (s === "十") return 10;
  const i = s.indexOf("十");
  if (i < 0) return CN_DIGIT[s] ?? 0;
  const tens = i === 0 ? 1 : (CN_DIGIT[s[0]!] ?? 0);
  const ones = i === s.length - 1 ? 0 : (CN_DIGIT[s[i + 1]!] ?? 0);
  return tens * 10 + ones;
}

/** Ranges inside 《…》 and 〔…〕/[…] (document numbers), which hold names, not statements. */
export function bracketRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /《[^《》\n]{0,80}》|[〔\[［][^〔〕\[\]［］\n]{1,8}[〕\]］]/gu;
  for (const m of text.matchAll(re)) out.push([m.index, m.index + m[0].length]);
  return out;
}
