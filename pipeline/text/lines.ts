/**
 * @fileoverview Line shapes shared by normalize (chrome, page-break rejoin) and segment (signature,
 * title): a date standing alone, an issuing unit's name, a signature line with both.
 */

/** Suffixes that end the name of an issuing unit (longest first). */
export const UNIT_SUFFIXES: readonly string[] = [
  "街道办事处",
  "人民政府",
  "办事处",
  "办公室",
  "委员会",
  "管委会",
  "工作组",
  "领导小组",
  "党工委",
  "党委",
  "党组",
  "政府",
  "中心",
  "街道",
  "区委",
  "市委",
  "县委",
  "局",
  "厅",
  "委",
  "院",
  "部",
  "室",
  "处",
  "所",
  "站",
  "镇",
  "乡",
];

const UNIT_SUFFIX_SOURCE = UNIT_SUFFIXES.join("|");
const CN_D = "[〇零一二三四五六七八九]";
const CN_N = "[一二三四五六七八九十]";
/** A complete date in any written form, nothing else. */
const DATE_SOURCE = `(?:\\d{4}[ ]?年[ ]?\\d{1,2}[ ]?月[ ]?\\d{1,2}[ ]?[日号]|${CN_D}{4}年${CN_N}{1,2}月${CN_N}{1,3}日|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2})`;
const DATE_LINE_RE = new RegExp(`^${DATE_SOURCE}$`, "u");
/** A unit name: 2–40 characters without punctuation or digits, ending in a unit suffix. */
const UNIT_LINE_RE = new RegExp(`^[^\\s\\d。，,；;：:！？!?、()（）“”"《》]{1,38}(?:${UNIT_SUFFIX_SOURCE})$`, "u");
/** Unit and date on one line (PDF extraction puts them side by side). */
const UNIT_DATE_LINE_RE = new RegExp(`^([^\\d。，,；;：:！？!?、()（）“”"《》]{1,38}(?:${UNIT_SUFFIX_SOURCE}))[ ]*(${DATE_SOURCE})$`, "u");

/** True when the trimmed line is one date and nothing else (`2021年12月15日`, `二〇二一年十二月十五日`). */
export function isDateLine(line: string): boolean {
  return line.length <= 20 && DATE_LINE_RE.test(line);
}

/** True when the trimmed line looks like the name of an issuing unit (`韶关市武江区西联镇人民政府`). */
export function isUnitLine(line: string): boolean {
  return line.length <= 40 && UNIT_LINE_RE.test(line.replace(/ /g, ""));
}

/**
 * Splits a `unit date` signature line (`XX 市人民政府2020年1月10日`) into its parts, or null.
 * The unit keeps its inner spaces (they are in the text).
 */
export function splitUnitDateLine(line: string): { unit: string; date: string; dateStart: number } | null {
  if (line.length > 60) return null;
  const m = UNIT_DATE_LINE_RE.exec(line);
  if (!m) return null;
  return { unit: m[1]!.trim(), date: m[2]!, dateStart: line.length - m[2]!.length };
}

/** True when the line has sentence or clause punctuation (it is prose, not a title or a label). */
export function hasProsePunctuation(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x3002 || c === 0xff0c || c === 44 || c === 0xff1b || c === 59 || c === 0xff01 || c === 0xff1f) return true;
  }
  return false;
}

/** True when the line contains sentence-final punctuation (。！？!?) or a semicolon. */
export function hasSentenceEnd(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 33 || c === 63 || c === 0xff1b || c === 59) return true;
  }
  return false;
}

/** A page number left by PDF extraction: `- 3 -`, `—12—`, `第3页`, `第 3 页 共 10 页`, `3/10`, `12`. */
const PAGE_NUMBER_RE = /^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|\d{1,3})$/u;

/** True when the trimmed line is only a page number. */
export function isPageNumberLine(line: string): boolean {
  return line.length <= 16 && PAGE_NUMBER_RE.test(line);
}
