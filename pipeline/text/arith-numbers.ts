/**
 * @fileoverview Finds the quantities in a sentence that arithmetic may use: a number with a unit or
 * measure word (`68件`, `4326 件`, `98.99%`, `282个工作日`, `1.2万人`, `六类`), with its label (the
 * words before it in its clause: `受理`, `其中院士`, `调处成功率为`) and the reasons it must not be
 * used as an operand.
 *
 * Never quantities (precision comes first): numbers without a unit (12345, 12348 hotlines, phone and
 * ICP numbers), ordinals (`第14次`, `第八批`, `前10名`), years and dates, document numbers
 * (`〔2024〕3号`), numbers inside 《》 titles or quoted slogans, and numbers joined by + or -
 * (`3+3+5`, `1+N`, `5+3`).
 *
 * NOTE: offsets are relative to the string given (a sentence or a paragraph).
 */

export type UnitGroup = "case" | "doc" | "item" | "person" | "person-time" | "org" | "household" | "time" | "event" | "money" | "day" | "hour" | "percent" | "pp" | "other";

export interface Quantity {
  start: number;
  end: number;
  /** The number as written, with its unit (example: `4326 件`). */
  text: string;
  /** Value in base units (万 and 亿 applied; money in 元). */
  value: number;
  /** Decimal places written (98.99% → 2). */
  decimals: number;
  /** The unit as written (example: `件`, `%`, `个工作日`). */
  unit: string;
  group: UnitGroup;
  /** 十余, 100多, 约, 近, 超过 … */
  approximate: boolean;
  chinese: boolean;
  /** Text between the previous delimiter and the number (example: `全年共收到行政复议申请`). */
  label: string;
  /** Index of the clause (split at ，,；;：:。 and brackets) the number is in. */
  clause: number;
  /** Bracket depth (()（）) at the number. */
  depth: number;
  /** Why it may not be an operand, if it may not. */
  excluded?: string;
}

const UNITS: [string, UnitGroup][] = [
  ["个百分点", "pp"], ["百分点", "pp"], ["个工作日", "day"], ["工作日", "day"], ["个自然日", "day"],
  ["万元", "money"], ["亿元", "money"], ["元", "money"],
  ["件次", "event"], ["人次", "person-time"], ["户次", "event"], ["场次", "event"], ["批次", "event"],
  ["件", "case"], ["宗", "case"], ["起", "case"], ["单", "case"],
  ["份", "doc"], ["篇", "doc"],
  ["个", "item"], ["项", "item"], ["条", "item"], ["类", "item"], ["种", "item"], ["处", "item"], ["套", "item"], ["台", "item"], ["部", "item"], ["支", "item"], ["批", "item"], ["所", "org"],
  ["人", "person"], ["名", "person"], ["位", "person"],
  ["家", "org"], ["户", "household"],
  ["次", "event"], ["场", "event"], ["期", "event"], ["轮", "event"],
  ["天", "day"], ["小时", "hour"],
  ["%", "percent"], ["％", "percent"],
];
UNITS.sort((a, b) => b[0].length - a[0].length);
const UNIT_ALT = UNITS.map(([u]) => u.replace(/%/g, "%")).join("|");

const NUM_RE = new RegExp(
  `(?<![\\dA-Za-z.．〔\\[［+＋\\-－/／:：])(\\d+(?:\\.\\d+)?)(?![\\d.])\\s*(余|多)?\\s*(万亿|亿|万|千)?\\s*(余|多)?\\s*(${UNIT_ALT})?`,
  "gu",
);
const CN_NUM_RE = new RegExp(`(?<![第前])([零〇两一二三四五六七八九十百千]+)(余|多)?(${UNIT_ALT})`, "gu");
const CN_D: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const DELIMS = "，,；;：:。！？!?\n";
const LABEL_STOPS = new Set(DELIMS + "、()（）");
const APPROX_BEFORE = /(?:约|近|超过|超|逾|达?近|不足|不到|以上|多达|上千|数)\s*$/u;

/** Parses a Chinese numeral below 十万 (十二 → 12, 一百二十三 → 123, 两千 → 2000). */
export function parseChineseNumber(s: string): number | null {
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in CN_D) {
      digit = CN_D[ch]!;
      continue;
    }
    const mul = ch === "十" ? 10 : ch === "百" ? 100 : ch === "千" ? 1000 : 0;
    if (!mul) return null;
    total += (digit < 0 ? 1 : digit) * mul;
    digit = -1;
  }
  if (digit >= 0) total += digit;
  return total;
}

/** All quantities in `text`, in order. */
export function findQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  const skip = protectedRanges(text);
  const inSkip = (i: number) => skip.some(([s, e]) => i >= s && i < e);
  // Clause index and bracket depth per offset.
  const clauseAt: number[] = new Array(text.length + 1);
  const depthAt: number[] = new Array(text.length + 1);
  let clause = 0;
  let depth = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === "(" || ch === "（") {
      depth++;
      clause++;
    }
    clauseAt[i] = clause;
    depthAt[i] = depth;
    if (ch === ")" || ch === "）") {
      depth = Math.max(0, depth - 1);
      clause++;
    } else if (DELIMS.includes(ch)) clause++;
  }

  for (const m of text.matchAll(NUM_RE)) {
    const unit = m[5];
    if (!unit) continue;
    const start = m.index;
    const end = start + m[0].length;
    const after = text.slice(end, end + 2);
    const num = m[1]!;
    const scale = m[3] === "万亿" ? 1e12 : m[3] === "亿" ? 1e8 : m[3] === "万" ? 1e4 : m[3] === "千" ? 1e3 : 1;
    let value = Number(num) * scale;
    const group = UNITS.find(([u]) => u === unit)![1];
    if (unit === "万元") value = Number(num) * scale * 1e4;
    if (unit === "亿元") value = Number(num) * scale * 1e8;
    const q: Quantity = {
      start,
      end,
      text: m[0],
      value,
      decimals: num.includes(".") ? num.split(".")[1]!.length : 0,
      unit,
      group,
      approximate: Boolean(m[2] || m[4]) || APPROX_BEFORE.test(text.slice(Math.max(0, start - 4), start)),
      chinese: false,
      label: labelBefore(text, start),
      clause: clauseAt[start]!,
      depth: depthAt[start]!,
    };
    const excluded = exclusion(text, start, end, unit, inSkip(start), after);
    if (excluded) q.excluded = excluded;
    out.push(q);
  }
  for (const m of text.matchAll(CN_NUM_RE)) {
    const value = parseChineseNumber(m[1]!);
    if (value === null || value === 0) continue;
    const start = m.index;
    const end = start + m[0].length;
    const unit = m[3]!;
    const group = UNITS.find(([u]) => u === unit)![1];
    const q: Quantity = {
      start, end, text: m[0], value, decimals: 0, unit, group,
      approximate: Boolean(m[2]) || /[几数]/u.test(m[1]!), chinese: true,
      label: labelBefore(text, start), clause: clauseAt[start]!, depth: depthAt[start]!,
    };
    // 一是, 一批, 一次性, 一体化 … : a lone 一 is rarely a count.
    if (value === 1) q.excluded = "idiom";
    const excluded = exclusion(text, start, end, unit, inSkip(start), text.slice(end, end + 2));
    if (excluded) q.excluded = excluded;
    out.push(q);
  }
  out.sort((a, b) => a.start - b.start);
  // A label never reaches back past the previous quantity (`由282个工作日减少到` → `减少到`).
  for (let k = 1; k < out.length; k++) {
    const prev = out[k - 1]!;
    const q = out[k]!;
    if (prev.end > q.start - q.label.length && prev.end <= q.start) q.label = text.slice(prev.end, q.start).trim();
  }
  return out;
}

function exclusion(text: string, start: number, end: number, unit: string, protectedText: boolean, after: string): string | undefined {
  const before = text.slice(Math.max(0, start - 3), start);
  if (protectedText) return "title-or-quote";
  if (/第\s*$|前\s*$|排名\s*$|[Tt][Oo][Pp]\s*$|No\.?\s*$|编号\s*$|号\s*$/u.test(before)) return "ordinal";
  if (/^[+＋\-－×*/／]/u.test(after) || /[+＋×*]\s*$/u.test(before)) return "slogan";
  if (/^[A-Za-z]/u.test(after) && unit !== "%" && unit !== "％") return "code";
  if (unit === "次" && /^[会全方]/u.test(after)) return "ordinal";
  if (/^(?:年|月|号|届|级|版|层|楼|路)/u.test(after) && !/^年[间内来]/u.test(after)) return undefined;
  return undefined;
}

/** Text from the previous delimiter (or bracket, or 、) up to `start`. */
function labelBefore(text: string, start: number): string {
  let i = start;
  while (i > 0 && !LABEL_STOPS.has(text[i - 1]!)) i--;
  return text.slice(i, start).trim();
}

/** 《…》 titles, quoted names “…” / "…" / ‘…’ shorter than 30 characters, and 〔2024〕 numbers. */
function protectedRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/《[^《》\n]{0,80}》|“[^“”\n]{0,30}”|"[^"\n]{0,30}"|‘[^‘’\n]{0,30}’|[〔\[［][^〔〕\[\]［］\n]{1,8}[〕\]］][^，,。；;\s]{0,8}号/gu)) {
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/** True when two quantities count the same kind of thing and can be added or compared. */
export function sameGroup(a: Quantity, b: Quantity): boolean {
  if (a.group !== b.group) return false;
  if (a.group === "money") return true;
  if (a.group === "item" || a.group === "event") return a.unit === b.unit || (isGe(a.unit) && isGe(b.unit));
  return true;
}

function isGe(u: string): boolean {
  return u === "个" || u === "项";
}

/** Usable as an operand: not excluded, not approximate. */
export function usable(q: Quantity): boolean {
  return !q.excluded && !q.approximate;
}
