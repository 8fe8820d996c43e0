/**
 * @fileoverview Percentages beside their numerator and denominator, in one sentence:
 * `新收一审案件363件,…实际出庭204件,出庭应诉率56.2%` (204/363 = 56.20%),
 * `调处…共4370件,调解成功4326件,调处成功率为98.99%`.
 *
 * The numerator is the count whose label shares a word with the rate's name (出庭 / 出庭应诉率,
 * 成功 / 调处成功率); the denominator is a larger count of the same kind before it. Definitions
 * vary (审结率 over 受理 + 结转, 纠错率 over decisions on the merits), so the sentence is silent as
 * soon as ANY pair of its counts gives the stated rate; a mismatch is `rate` (error) only when the
 * sentence has exactly two counts of that kind, otherwise `loose` (warning).
 */
import { sameGroup, usable, type Quantity } from "../../text/arith-numbers.js";
import { agrees, fmt, shown, type ArithResult, type Tolerance } from "./types.js";

const RATE_RE = /([\u4e00-\u9fa5]{1,10}?)(?:率|比例|占比|比重)(?:为|达到|达|是|约为|提高到|提升至|提升到|保持)?\s*$/u;
const CHANGE = /同比|环比|增长|下降|提高|降低|上升|增幅|降幅|减少|增加|平均|年均/u;
/**
 * Rates whose denominator varies between units (domain-kb §4.1: 审结率 over 受理 + 结转, 纠错率 over
 * decisions on the merits, 出庭应诉率 over 开庭 or 应诉 cases): a mismatch is never more than `loose`.
 */
const VARIABLE_RATE = /审结|办结|结案|纠错|败诉|胜诉|出庭|应诉|复议|化解/u;
const GENERIC = new Set(["全市", "全区", "全省", "全县", "案件", "工作", "行政", "服务", "事项", "政务", "群众", "企业", "各类", "其中", "全年", "累计", "共计", "实际"]);

export function checkRates(text: string, qs: readonly Quantity[], tol: Tolerance): ArithResult[] {
  const out: ArithResult[] = [];
  for (let i = 0; i < qs.length; i++) {
    const p = qs[i]!;
    if (p.group !== "percent" || !usable(p) || p.value > 100) continue;
    const rm = RATE_RE.exec(p.label);
    if (!rm || CHANGE.test(p.label)) continue;
    const stem = rm[1]!.replace(/^(?:其中|全[市区省县]|的)+/u, "");
    const windows = new Set<string>();
    for (let k = 0; k + 2 <= stem.length; k++) {
      const w = stem.slice(k, k + 2);
      if (!GENERIC.has(w)) windows.add(w);
    }
    const counts = qs.slice(0, i).filter((q) => usable(q) && !q.chinese && q.group !== "percent" && q.group !== "pp" && q.group !== "money" && !CHANGE.test(q.label));
    const numerators = counts.filter((q) => [...windows].some((w) => q.label.includes(w)));
    const num = numerators[numerators.length - 1];
    if (!num) continue;
    const peers = counts.filter((q) => sameGroup(q, num));
    const dens = peers.filter((q) => q !== num && q.value >= num.value && q.start < num.start);
    if (dens.length === 0 || num.value === 0) continue;
    // Any pair giving the stated rate → a definition we accept.
    const anyPair = peers.some((a) => peers.some((b) => a !== b && b.value > 0 && a.value <= b.value && agrees((a.value / b.value) * 100, p.value, p.decimals, tol, tol.percentPoints)));
    if (anyPair) continue;
    const den = dens.find((q) => /共|总|新收|受理|收到|全部/u.test(q.label)) ?? dens[0]!;
    const expected = (num.value / den.value) * 100;
    const expression = `${fmt(num.value)}/${fmt(den.value)}×100%`;
    out.push({
      kind: peers.length === 2 && !VARIABLE_RATE.test(rm[1]!) ? "rate" : "loose",
      messageId: "rate-mismatch",
      span: [p.start, p.end],
      data: { rate: shown(p), expression, expected: fmt(Math.round(expected * 100) / 100), name: `${rm[1]}率` },
      evidence: { expression, expected: Number(fmt(expected)), stated: p.value, tolerance: { decimals: p.decimals, rounding: tol.rounding, truncation: tol.truncation, percentPoints: tol.percentPoints }, numeratorLabel: num.label, denominatorLabel: den.label, candidates: peers.length },
      operands: [{ q: num, label: "numerator" }, { q: den, label: "denominator" }, { q: p, label: "stated" }],
    });
  }
  return out;
}
