/**
 * @fileoverview Reductions and growth where both values are given, with the stated change:
 * `由282个工作日大幅减少到99个工作日,压缩65%` ((282−99)/282 = 64.9% ≈ 65%),
 * `从7个环节压减为2个,减少5个`, `由42.28%提升至99.95%,提高57.67个百分点`.
 * For two percentages a stated `X%` may be percentage points or a relative change; either is accepted.
 * `压缩至5个工作日` is a level, not a rate, and is not checked.
 */
import { sameGroup, usable, type Quantity } from "../../text/arith-numbers.js";
import { agrees, fmt, shown, type ArithResult, type Tolerance } from "./types.js";

const FROM_RE = /(?:由|从)\s*$/u;
const VERB_TO = /(?:减少|压减|压缩|缩短|降低|下降|精简|减|降|提升|提高|增加|增长|上升|扩大|缩减|优化|提速)\s*(?:了)?\s*(?:到|至|为|成)\s*$/u;
const STATED_RE = /^(?:大幅|累计|共|分别)?(?:压缩|减少|下降|降低|缩短|提速|提高|提升|增长|增加|上升|精简|压减|缩减|节约|节省|减幅|降幅|增幅)\s*(?:了)?\s*(?:幅度|比例|率)?\s*(?:达到|达|为|超过|近|约)?\s*$/u;
const DOWN = /减少|压减|压缩|缩短|降低|下降|精简|减|降|缩减|优化|提速/u;

export function checkChanges(text: string, qs: readonly Quantity[], tol: Tolerance): ArithResult[] {
  const out: ArithResult[] = [];
  for (let i = 0; i + 2 < qs.length; i++) {
    const a = qs[i]!;
    const b = qs[i + 1]!;
    if (!usable(a) || !usable(b)) continue;
    const lead = text.slice(Math.max(0, a.start - 12), a.start);
    if (!FROM_RE.test(text.slice(Math.max(0, a.start - 2), a.start)) && !/(?:由|从)[^，,。；;]{0,10}$/u.test(lead)) continue;
    const mid = text.slice(a.end, b.start);
    if (/[，,。；;]/u.test(mid) || !VERB_TO.test(mid) || !(sameGroup(a, b) || (a.group === "percent" && b.group === "percent"))) continue;
    const down = DOWN.test(mid);
    if (down ? b.value >= a.value : b.value <= a.value) continue;
    const s = qs[i + 2]!;
    if (!usable(s) || /[。；;]/u.test(text.slice(b.end, s.start)) || s.start - b.end > 20 || !STATED_RE.test(s.label) || /年均|平均|每年/u.test(s.label)) continue;
    const diff = Math.abs(a.value - b.value);
    const candidates: { expected: number; expression: string }[] = [];
    if (s.group === "percent") {
      candidates.push({ expected: (diff / a.value) * 100, expression: `(${fmt(a.value)}−${fmt(b.value)})/${fmt(a.value)}×100%`.replace("−", down ? "−" : "−") });
      if (a.group === "percent") candidates.push({ expected: diff, expression: `${fmt(b.value)}−${fmt(a.value)} (个百分点)` });
    } else if (s.group === "pp" && a.group === "percent") {
      candidates.push({ expected: diff, expression: `${fmt(b.value)}−${fmt(a.value)}` });
    } else if (sameGroup(s, a)) {
      candidates.push({ expected: diff, expression: `${fmt(Math.max(a.value, b.value))}−${fmt(Math.min(a.value, b.value))}` });
    } else continue;
    if (candidates.some((c) => agrees(c.expected, s.value, s.decimals, tol, s.group === "percent" || s.group === "pp" ? tol.percentPoints : 0))) continue;
    const c = candidates[0]!;
    out.push({
      kind: "change",
      messageId: "change-mismatch",
      span: [s.start, s.end],
      data: { stated: shown(s), expression: c.expression, expected: fmt(Math.round(c.expected * 100) / 100) },
      evidence: { expression: c.expression, expected: Number(fmt(c.expected)), stated: s.value, tolerance: { decimals: s.decimals, rounding: tol.rounding, truncation: tol.truncation }, alternatives: candidates.slice(1).map((x) => x.expression) },
      operands: [{ q: a, label: "from" }, { q: b, label: "to" }, { q: s, label: "stated" }],
    });
  }
  return out;
}

const PREV_LABEL = /上年|去年|上一年|同期|(?:19|20)\d{2}\s*年/u;
const YOY_RATE = /(?:增长|增加|上升|提高|下降|减少|降低)\s*了?\s*$/u;

/**
 * Year-on-year change when the previous value is stated in the same sentence:
 * `新受理151件,同比增长128.78%(2023年66件)`, `办理85件,较上年的66件增长28.79%`.
 * Only one previous value, one current value of the same kind and one change rate may be in the
 * sentence; otherwise the pairing is a guess and nothing is said. Reported as `loose` (warning).
 */
export function checkYearOnYear(text: string, qs: readonly Quantity[], tol: Tolerance): ArithResult[] {
  const rates = qs.filter((q) => q.group === "percent" && usable(q) && YOY_RATE.test(q.label) && /同比|上年|去年|同期/u.test(text));
  if (rates.length !== 1) return [];
  const rate = rates[0]!;
  if (/年均|平均|每年/u.test(rate.label)) return [];
  const counts = qs.filter((q) => usable(q) && q.group !== "percent" && q.group !== "pp");
  const prev = counts.filter((q) => PREV_LABEL.test(q.label));
  if (prev.length !== 1) return [];
  const p = prev[0]!;
  const cur = counts.filter((q) => q !== p && sameGroup(q, p) && q.start < rate.start);
  if (cur.length !== 1 || p.value === 0) return [];
  const c = cur[0]!;
  const down = /下降|减少|降低/u.test(rate.label);
  if (down ? c.value >= p.value : c.value <= p.value) return [];
  const expected = (Math.abs(c.value - p.value) / p.value) * 100;
  if (agrees(expected, rate.value, rate.decimals, tol, tol.percentPoints)) return [];
  const expression = `|${fmt(c.value)}−${fmt(p.value)}|/${fmt(p.value)}×100%`;
  return [
    {
      kind: "loose",
      messageId: "change-mismatch",
      span: [rate.start, rate.end],
      data: { stated: shown(rate), expression, expected: fmt(Math.round(expected * 100) / 100) },
      evidence: { expression, expected: Number(fmt(expected)), stated: rate.value, tolerance: { decimals: rate.decimals, rounding: tol.rounding, truncation: tol.truncation }, structure: "year-on-year" },
      operands: [{ q: c, label: "current" }, { q: p, label: "previous" }, { q: rate, label: "stated" }],
    },
  ];
}
