/**
 * @fileoverview Reductions and growth where both values are given, with the stated change:
 * `由282个工作日大幅减少到99个工作日,压缩65%` ((282−99)/282 = 64.9% ≈ 65%),
 * `从7个环节压减为2个,减少5个`, `由42.28%提升至99.95%,提高57.67个百分点`.
 * For two percentages a stated `X%` may be percentage points or a relative change; either is accepted.
 * `压缩至5个工作日` is a level, not a rate, and is not checked.
 */
import { sameGroup, usable, type Quantity } from "../../text/arith-numbers.js";
import { agrees, displayScale, fmt, halfUnit, shown, type ArithResult, type Tolerance } from "./types.js";

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
    // 地区生产总值由3150.2亿元增加至4715.7亿元，增长13.3%: real growth, not the nominal ratio.
    if (s.group === "percent" && a.group === "money" && REAL_TERMS.test(text.slice(0, a.start))) continue;
    const diff = Math.abs(a.value - b.value);
    const sc = displayScale([a, b]);
    const candidates: { expected: number; expression: string }[] = [];
    if (s.group === "percent") {
      candidates.push({ expected: (diff / a.value) * 100, expression: down ? `(${sc.show(a.value)}−${sc.show(b.value)})/${sc.show(a.value)}×100%` : `(${sc.show(b.value)}−${sc.show(a.value)})/${sc.show(a.value)}×100%` });
      if (a.group === "percent") candidates.push({ expected: diff, expression: `${fmt(b.value)}−${fmt(a.value)} (个百分点)` });
    } else if (s.group === "pp" && a.group === "percent") {
      candidates.push({ expected: diff, expression: `${fmt(b.value)}−${fmt(a.value)}` });
    } else if (sameGroup(s, a)) {
      candidates.push({ expected: diff, expression: `${sc.show(Math.max(a.value, b.value))}−${sc.show(Math.min(a.value, b.value))}` });
    } else continue;
    const agreeing = candidates.filter((c) => agrees(c.expected, s.value, s.decimals, tol, s.group === "percent" || s.group === "pp" ? tol.percentPoints : 0));
    // `由80%提高到83%，提高3%`: only the points reading works, so `3%` stands for 3 percentage points.
    // The relative reading is taken as written only when it rounds to the stated value (3.75% is not
    // written 3% by truncation when the difference is exactly 3 points).
    const relativeRounds = candidates.length === 2 && agrees(candidates[0]!.expected, s.value, s.decimals, { ...tol, truncation: false }, tol.percentPoints);
    if (candidates.length === 2 && agreeing.includes(candidates[1]!) && !relativeRounds && s.group === "percent" && a.group === "percent" && diff > 0) {
      const relative = (diff / a.value) * 100;
      out.push({
        kind: "points",
        messageId: "percent-for-points",
        span: [s.start, s.end],
        data: { from: shown(a), to: shown(b), points: fmt(diff), relative: fmt(Math.round(relative * 100) / 100), stated: shown(s) },
        evidence: { expression: candidates[1]!.expression, expected: Number(fmt(diff)), stated: s.value, relative: Number(fmt(relative)), relativeExpression: candidates[0]!.expression, rule: "a change of a rate written as percent equals the difference in points, not the relative change" },
        operands: [{ q: a, label: "from" }, { q: b, label: "to" }, { q: s, label: "stated" }],
      });
      continue;
    }
    if (agreeing.length) continue;
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
/** A label ending in a change verb: the number is the amount of change (`比上年增加`, `比上年减少`). */
const DELTA_LABEL = /(?:增加|减少|增长|下降|上升|提高|降低|多|少|增|减)\s*了?\s*$/u;
/**
 * Output measures whose growth official statistics state at comparable prices (real growth), so it
 * cannot be computed from the nominal values written beside it.
 */
const REAL_TERMS = /生产总值|增加值|GDP|GNP|国民收入/u;
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
  // `比上年增加5256亿元` is the amount of change, not last year's level.
  const prev = counts.filter((q) => PREV_LABEL.test(q.label) && !DELTA_LABEL.test(q.label));
  if (prev.length !== 1) return [];
  const p = prev[0]!;
  const cur = counts.filter((q) => q !== p && sameGroup(q, p) && q.start < rate.start);
  if (cur.length !== 1 || p.value === 0) return [];
  const c = cur[0]!;
  // The rate measures the figure just before it (`数量由…1381家增加到1434家，市价总值89404亿元，比上年末增长175.7%`
  // is the growth of 市价总值), within one clause group (；starts another subject).
  const nearest = [...counts].reverse().find((q) => q.start < rate.start);
  if (nearest !== c && nearest !== p) return [];
  const first = Math.min(c.start, p.start);
  if (/[；;]/u.test(text.slice(first, rate.start)) || /[；;]/u.test(text.slice(rate.end, Math.max(c.end, p.end)))) return [];
  if (REAL_TERMS.test(text.slice(0, rate.start))) return [];
  const down = /下降|减少|降低/u.test(rate.label);
  if (down ? c.value >= p.value : c.value <= p.value) return [];
  const expected = (Math.abs(c.value - p.value) / p.value) * 100;
  if (agrees(expected, rate.value, rate.decimals, tol, tol.percentPoints)) return [];
  const sc = displayScale([c, p]);
  const expression = `|${sc.show(c.value)}−${sc.show(p.value)}|/${sc.show(p.value)}×100%`;
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

/** `比上年增加5256亿元` / `较上年减少23次`: a change amount against last year. */
const DELTA_AMOUNT = /(?:比|较)(?:上年|去年|上一年|上年同期|去年同期|同期)[末底]?(?:同期)?\s*(增加|增长|多|减少|下降|少)\s*了?\s*$/u;
const DELTA_RATE = /^(?:增长|增加|上升|下降|减少|降低)\s*了?$/u;

/**
 * The growth rate written right after a level and its change against last year:
 * `税收收入25718亿元，比上年增加5256亿元，增长25.7%` — 5256/(25718−5256) = 25.69%. The three figures are
 * consecutive and in one clause group; every figure may be rounded, so any previous level within half
 * a unit of each written figure is accepted. Output measures stated at comparable prices (生产总值,
 * 增加值) are skipped. Reported as `loose` (warning).
 */
export function checkDeltaGrowth(text: string, qs: readonly Quantity[], tol: Tolerance): ArithResult[] {
  const out: ArithResult[] = [];
  for (let i = 0; i + 2 < qs.length; i++) {
    const cur = qs[i]!;
    const delta = qs[i + 1]!;
    const rate = qs[i + 2]!;
    if (!usable(cur) || !usable(delta) || !usable(rate) || rate.group !== "percent" || cur.group === "percent" || cur.group === "pp" || !sameGroup(cur, delta)) continue;
    const dm = DELTA_AMOUNT.exec(delta.label);
    // A bracketed note may follow the level (`25718亿元（不包括关税和农业税），比上年增加…`).
    if (!dm || !/^\s*(?:[（(][^（）()]*[）)])?\s*[，,]\s*$/u.test(text.slice(cur.end, delta.start - delta.label.length))) continue;
    if (!DELTA_RATE.test(rate.label) || !/^\s*[，,]\s*$/u.test(text.slice(delta.end, rate.start - rate.label.length))) continue;
    const up = /增加|增长|多/u.test(dm[1]!);
    if (up !== /增长|增加|上升/u.test(rate.label)) continue;
    if (REAL_TERMS.test(text.slice(0, cur.start)) || /年均|平均|每年/u.test(cur.label)) continue;
    // Interval of the rate over every level and change within half a written unit.
    const hc = halfUnit(cur);
    const hd = halfUnit(delta);
    const rates: number[] = [];
    for (const c of [cur.value - hc, cur.value + hc]) {
      for (const d of [delta.value - hd, delta.value + hd]) {
        const prev = up ? c - d : c + d;
        if (prev > 0 && d >= 0) rates.push((d / prev) * 100);
      }
    }
    if (rates.length === 0) continue;
    const lo = Math.min(...rates);
    const hi = Math.max(...rates);
    const h = 0.5 * 10 ** -rate.decimals + tol.percentPoints;
    if (rate.value >= lo - h - 1e-9 && rate.value <= hi + h + 1e-9) continue;
    const prevValue = up ? cur.value - delta.value : cur.value + delta.value;
    const expected = prevValue > 0 ? (delta.value / prevValue) * 100 : NaN;
    if (!Number.isFinite(expected)) continue;
    const sc = displayScale([cur, delta]);
    const expression = `${sc.show(delta.value)}/(${sc.show(cur.value)}${up ? "−" : "+"}${sc.show(delta.value)})×100%`;
    out.push({
      kind: "loose",
      messageId: "change-mismatch",
      span: [rate.start, rate.end],
      data: { stated: shown(rate), expression, expected: fmt(Math.round(expected * 100) / 100) },
      evidence: { expression, expected: Number(fmt(expected)), stated: rate.value, tolerance: { low: Number(fmt(lo)), high: Number(fmt(hi)), decimals: rate.decimals }, structure: "change-amount" },
      operands: [{ q: cur, label: "current" }, { q: delta, label: "change" }, { q: rate, label: "stated" }],
    });
  }
  return out;
}
