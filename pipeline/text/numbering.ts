/**
 * @fileoverview Leading list and heading markers of a line: 一、 / （一）(一) / 1. 1、 1． / （1）(1) /
 * 一是 / 第一，. Markers are recognised in both bracket widths; `raw` keeps them as written.
 */
import type { Numbering, NumberingStyle } from "../model/document.js";
import { parseChineseNumber } from "./numerals.js";

const CN = "[一二三四五六七八九十]{1,3}";

interface MarkerPattern {
  style: NumberingStyle;
  /** Group 1 = the marker as reported (`raw`), group 2 = the number. */
  re: RegExp;
  chinese: boolean;
}

// NOTE: order matters: brackets first, then 一、 before 一是 (一、 is never 一是).
const PATTERNS: readonly MarkerPattern[] = [
  { style: "cn-paren", re: new RegExp(`^([(（][ ]?(${CN})[ ]?[)）])`, "u"), chinese: true },
  { style: "arabic-paren", re: /^([(（][ ]?(\d{1,2})[ ]?[)）])/u, chinese: false },
  { style: "cn-dun", re: new RegExp(`^((${CN})[ ]?[、．.])`, "u"), chinese: true },
  // 1. 1、 1． but not a decimal (1.5万) or a date (2021.3).
  { style: "arabic-dot", re: /^((\d{1,2})[ ]?(?:[.．](?!\d)|、))/u, chinese: false },
  { style: "cn-shi", re: new RegExp(`^((${CN})是)(?!否)`, "u"), chinese: true },
  // 第一，/ 第一, / 第一、 — the comma is required so 第一责任人 is not a marker.
  { style: "cn-di", re: new RegExp(`^(第(${CN}))(?=[，,、：:])`, "u"), chinese: true },
];

/** Heading level of each hierarchical style (一、 > （一） > 1. > （1）). */
export const STYLE_LEVEL: Readonly<Partial<Record<NumberingStyle, number>>> = {
  "cn-dun": 1,
  "cn-paren": 2,
  "arabic-dot": 3,
  "arabic-paren": 4,
};

/**
 * The marker a line starts with, or null.
 * @param line the line text, already trimmed
 * @param offset absolute offset of `line[0]`, added to the marker span
 */
export function parseNumbering(line: string, offset = 0): Numbering | null {
  const c0 = line.charCodeAt(0);
  // Enclosed numbers: ①–⑳ and ⑴–⒇ are the （1） level (a list of notes may run ①…⑩ then （11）),
  // ⒈–⒛ the 1. level.
  if (c0 >= 0x2460 && c0 <= 0x2487) return { style: "arabic-paren", value: c0 <= 0x2473 ? c0 - 0x2460 + 1 : c0 - 0x2474 + 1, raw: line[0]!, start: offset, end: offset + 1 };
  if (c0 >= 0x2488 && c0 <= 0x249b) return { style: "arabic-dot", value: c0 - 0x2488 + 1, raw: line[0]!, start: offset, end: offset + 1 };
  // Cheap pre-filter: every marker starts with a bracket, a digit, a Chinese numeral or 第.
  if (!(c0 === 40 || c0 === 0xff08 || (c0 >= 48 && c0 <= 57) || c0 >= 0x4e00)) return null;
  for (const p of PATTERNS) {
    const m = p.re.exec(line);
    if (!m) continue;
    const value = p.chinese ? parseChineseNumber(m[2]!) : Number(m[2]);
    if (value === null || value <= 0 || value > 99) continue;
    return { style: p.style, value, raw: m[1]!, start: offset, end: offset + m[1]!.length };
  }
  return null;
}

/** True for the styles that form the heading hierarchy (not the run-in 一是 / 第一). */
export function isHierarchical(style: NumberingStyle): boolean {
  return STYLE_LEVEL[style] !== undefined;
}
