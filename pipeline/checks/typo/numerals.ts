/**
 * @fileoverview An Arabic zero, a Latin O or a circle sign written for the Chinese numeral zero 〇
 * inside a number spelled in Chinese numerals (二0三五年, 二O二三年, 二○二三年). 〇 (U+3007) is the
 * numeral; 0 and O are other scripts (strong), ○ (U+25CB, a geometric shape) only looks the same (weak).
 */

export interface ZeroAmongNumerals {
  start: number;
  end: number;
  observed: string;
  expected: string;
  char: string;
  weak: boolean;
}

const DIGITS = "一二三四五六七八九〇零";
const ZEROS = "0OoＯ○◯";
/** Four numeral places (a year) followed by 年, or a run with a Chinese numeral on both sides of the zero. */
const YEAR = new RegExp(`[${DIGITS}${ZEROS}]{4}(?=年)`, "gu");
const INSIDE = new RegExp(`(?<=[${DIGITS}])[${ZEROS}]+(?=[${DIGITS}])`, "gu");

export function findZeroAmongNumerals(text: string): ZeroAmongNumerals[] {
  const out: ZeroAmongNumerals[] = [];
  const add = (start: number, end: number) => {
    if (out.some((o) => o.start < end && start < o.end)) return;
    const observed = text.slice(start, end);
    const wrong = [...observed].filter((c) => ZEROS.includes(c));
    if (!wrong.length || ![...observed].some((c) => DIGITS.includes(c))) return;
    // Not inside a Latin word or an Arabic number (O2, 2022年).
    if (/[A-Za-z0-9]/u.test(text[start - 1] ?? "") || /[A-Za-z0-9]/u.test(text[end] ?? "")) return;
    const expected = [...observed].map((c) => (ZEROS.includes(c) ? "〇" : c)).join("");
    out.push({ start, end, observed, expected, char: wrong[0]!, weak: wrong.every((c) => c === "○" || c === "◯") });
  };
  for (const m of text.matchAll(YEAR)) add(m.index, m.index + m[0].length);
  for (const m of text.matchAll(INSIDE)) add(m.index - 1, m.index + m[0].length + 1);
  return out.sort((a, b) => a.start - b.start);
}
