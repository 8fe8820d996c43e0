/**
 * @fileoverview Chinese numerals: 一百二十三 → 123, 两千零五 → 2005, 一万二千 → 12000, 十五 → 15,
 * 二〇二一 → 2021 (digit by digit, the way years are written), 百 → 100.
 */

/** Digit characters (两 is 2 only before a measure word; the caller decides when to read it). */
export const CN_DIGITS: Readonly<Record<string, number>> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** Small magnitudes (inside a section of up to 9999). */
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
/** Section magnitudes. */
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };

/** Every character that can be part of a Chinese numeral. */
export const CN_NUMERAL_CHARS = "〇零一二两三四五六七八九十百千万亿";

/** True for a character of {@link CN_NUMERAL_CHARS}. */
export function isCnNumeralChar(ch: string): boolean {
  return CN_NUMERAL_CHARS.includes(ch);
}

/**
 * Value of a Chinese numeral, or null when the string is not a well-formed numeral.
 * A string of digit characters only (二〇二一) is read digit by digit.
 */
export function parseChineseNumber(s: string): number | null {
  if (s.length === 0) return null;
  let onlyDigits = true;
  for (const ch of s) {
    if (!(ch in CN_DIGITS)) {
      onlyDigits = false;
      break;
    }
  }
  if (onlyDigits) {
    if (s.length === 1) return CN_DIGITS[s]!;
    // 二〇二一 style; 两 never appears in such strings.
    if (s.includes("两")) return null;
    let v = 0;
    for (const ch of s) v = v * 10 + CN_DIGITS[ch]!;
    return v;
  }
  let total = 0; // completed 亿/万 sections
  let section = 0; // current section below 万
  let digit: number | null = null; // pending digit
  let lastSmall = 10000; // magnitudes inside a section must decrease
  let lastBig = Infinity;
  let sawZero = false;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      if (digit !== null) return null; // two digits in a row (一二) outside a digit string
      digit = CN_DIGITS[ch]!;
      if (digit === 0) {
        sawZero = true;
        digit = null;
      }
      continue;
    }
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      if (small >= lastSmall) return null;
      // 十 at the start of a section means 一十.
      section += (digit ?? (section === 0 && !sawZero ? 1 : NaN)) * small;
      if (Number.isNaN(section)) return null;
      lastSmall = small;
      digit = null;
      sawZero = false;
      continue;
    }
    const big = BIG_UNITS[ch];
    if (big !== undefined) {
      if (big >= lastBig) {
        // 万亿 is a compound magnitude; anything else repeating is malformed.
        if (!(big === 1e4 && lastBig === 1e4 && ch === "亿")) return null;
      }
      const value = section + (digit ?? 0);
      if (value === 0 && total === 0) {
        // 万 / 亿 alone means one of it.
        total = big;
      } else {
        total = (total + value) * big;
      }
      section = 0;
      digit = null;
      lastSmall = 10000;
      lastBig = big;
      sawZero = false;
      continue;
    }
    return null;
  }
  const last = digit ?? 0;
  // 一万二 / 三千五 (a trailing digit one magnitude below the last) is a colloquial form.
  if (digit !== null && !sawZero && lastSmall < 10000 && lastSmall >= 100 && section > 0) {
    return total + section + last * (lastSmall / 10);
  }
  if (digit !== null && !sawZero && lastSmall === 10000 && lastBig !== Infinity && section === 0 && total > 0) {
    return total + last * (lastBig / 10);
  }
  return total + section + last;
}
