/**
 * @fileoverview Small helpers for list and heading numbering markers: Chinese numeral values
 * (一 … 九十九), formatting a value back into a marker of a given style, and finding run-in markers
 * (一是 二是 三是) inside a paragraph.
 */
import type { NumberingStyle } from "../../model/document.js";

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const DIGIT_CHARS = "〇一二三四五六七八九";

/**
 * Value of a Chinese numeral from 一 to 九十九 (十, 十一, 二十, 二十三). Returns null for anything else.
 * @param s the numeral, without marker punctuation
 */
export function chineseNumeralValue(s: string): number | null {
  if (s.length === 0 || s.length > 3) return null;
  const i = s.indexOf("十");
  if (i < 0) return s.length === 1 && s in DIGITS ? DIGITS[s]! : null;
  const tens = i === 0 ? 1 : s.length >= 2 && i === 1 ? DIGITS[s[0]!] : undefined;
  if (tens === undefined || tens === 0) return null;
  const rest = s.slice(i + 1);
  if (rest === "") return tens * 10;
  const ones = rest.length === 1 ? DIGITS[rest] : undefined;
  return ones === undefined || ones === 0 ? null : tens * 10 + ones;
}

/** Chinese numeral for 1…99 (11 → 十一, 20 → 二十). */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGIT_CHARS[n] ?? String(n);
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? "" : DIGIT_CHARS[tens]!) + "十" + (ones ? DIGIT_CHARS[ones]! : "");
}

/**
 * The marker a value would have in a style, as a reader expects it written (full-width brackets).
 * @example formatMarker("cn-paren", 3) === "（三）"
 */
export function formatMarker(style: NumberingStyle, value: number): string {
  switch (style) {
    case "cn-dun":
      return `${chineseNumeral(value)}、`;
    case "cn-paren":
      return `（${chineseNumeral(value)}）`;
    case "arabic-dot":
      return `${value}.`;
    case "arabic-paren":
      return `（${value}）`;
    case "cn-shi":
      return `${chineseNumeral(value)}是`;
    case "cn-di":
      return `第${chineseNumeral(value)}`;
  }
}

/** Human-readable name of a style (for messages). */
export const STYLE_NAMES: Record<NumberingStyle, { zh: string; en: string }> = {
  "cn-dun": { zh: "一、", en: "一、" },
  "cn-paren": { zh: "（一）", en: "（一）" },
  "arabic-dot": { zh: "1.", en: "1." },
  "arabic-paren": { zh: "（1）", en: "（1）" },
  "cn-shi": { zh: "一是", en: "一是" },
  "cn-di": { zh: "第一", en: "第一" },
};

export interface InlineMarker {
  /** Offsets relative to the text given. */
  start: number;
  end: number;
  value: number;
  raw: string;
}

// NOTE: a run-in marker starts the text or follows sentence/clause punctuation (or a space or a
// closing bracket/quote, or a half-width full stop that is not a decimal point: 覆盖率提高至68%.三是);
// this keeps 统一是 / 唯一是 / 第一是 and the like out. 是否 is never a marker; 二是非煤产业 is.
const INLINE_SHI = /(?<=^|[。；;：:，,！？!?\s）)”】]|(?<!\d)\.)([一二三四五六七八九十]{1,3})是(?!否)/gu;

/**
 * Run-in markers 一是 二是 三是 … inside a text.
 * @param text paragraph text
 * @returns markers in order, offsets relative to `text`
 */
export function findInlineShiMarkers(text: string): InlineMarker[] {
  const out: InlineMarker[] = [];
  for (const m of text.matchAll(INLINE_SHI)) {
    const value = chineseNumeralValue(m[1]!);
    if (value === null || value === 0) continue;
    out.push({ start: m.index, end: m.index + m[0].length, value, raw: m[0] });
  }
  return out;
}

/**
 * The marker for `value` written the way `raw` is written (same bracket and dot widths):
 * formatMarkerLike("cn-paren", 3, "(四)") === "(三)". Falls back to formatMarker when raw has no number.
 */
export function formatMarkerLike(style: NumberingStyle, value: number, raw: string): string {
  const arabic = style === "arabic-dot" || style === "arabic-paren";
  const re = arabic ? /\d+/u : /[一二三四五六七八九十百零〇两]+/u;
  return re.test(raw) ? raw.trim().replace(re, arabic ? String(value) : chineseNumeral(value)) : formatMarker(style, value);
}

/**
 * Where the marker of `value` in `style` stands inside `text` as a run-in item (after sentence
 * punctuation or a space: `…和庐山。12.“两声三乱”…`), searching from `from`; -1 when it does not.
 */
export function findRunInMarker(text: string, style: NumberingStyle, value: number, from: number): number {
  const cn = chineseNumeral(value);
  const body =
    style === "cn-dun" ? `${cn}[、．.]` :
    style === "cn-paren" ? `[（(]${cn}[）)]` :
    style === "arabic-dot" ? `${value}(?:[.．](?!\\d)|、)` :
    style === "arabic-paren" ? `[（(]${value}[）)]` :
    style === "cn-shi" ? `${cn}是(?!否)` :
    `第${cn}(?=[，,、：:])`;
  const re = new RegExp(`(?<=^|[。；;！？!?：:\\s”）)])(?<![\\d一二三四五六七八九十])${body}`, "gu");
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : -1;
}
