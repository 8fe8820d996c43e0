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
import { agrees, displayScale, fmt, halfUnit, shown, type ArithResult, type Tolerance } from "./types.js";

const RATE_RE = /([\u4e00-\u9fa5]{1,10}?)(率|比例|占比|比重)(?:为|达到|达|是|约为|提高到|提升至|提升到|保持)?\s*$/u;
const CHANGE = /同比|环比|增长|下降|提高|降低|上升|增幅|降幅|减少|增加|平均|年均/u;
/**
 * Rates whose denominator varies between units (domain-kb §4.1: 审结率 over 受理 + 结转, 纠错率 over
 * decisions on the merits, 出庭应诉率 over 开庭 or 应诉 cases): a mismatch is never more than `loose`.
 */
const VARIABLE_RATE = /审结|办结|结案|纠错|败诉|胜诉|出庭|应诉|复议|化解/u;
const GENERIC = new Set(["全市", "全区", "全省", "全县", "案件", "工作", "行政", "服务", "事项", "政务", "群众", "企业", "各类", "其中", "全年", "累计", "共计", "实际", "城镇", "城乡", "农村", "城市", "全国", "新增"]);
/** Words a label may end with that say nothing about what is counted (`共`, `为`, `达到`). */
const LABEL_TAIL = /(?:共计|合计|累计|共|为|达到|达|有|约|是|计)+$/u;

function windowsOf(s: string): string[] {
  const out: string[] = [];
  for (let k = 0; k + 2 <= s.length; k++) {
    const w = s.slice(k, k + 2);
    if (!GENERIC.has(w)) out.push(w);
  }
  return out;
}

/**
 * The count measures what the rate's name measures: the last word of its label (出庭, 成功, 抽检) is in
 * the last four characters of the name (出庭应诉, 调处成功, 食品处置). `城镇失业人员再就业` does not measure
 * 登记失业, `食品抽检` does not measure 食品处置.
 */
function measures(label: string, name: string): boolean {
  const core = label.replace(LABEL_TAIL, "");
  const last = core.slice(-2);
  return last.length === 2 && !GENERIC.has(last) && name.slice(-4).includes(last);
}

/**
 * A name with a subject before its measure (高校毕业生 + 就业) needs that subject in one of the counts:
 * `农村劳动力转移就业3.8万人` is not the 高校毕业生's.
 */
function sharesSubject(name: string, numLabel: string, counts: readonly Quantity[]): boolean {
  const subject = windowsOf(name.slice(0, Math.max(0, name.length - 4)).replace(/^(?:其中|的)+/u, ""));
  if (subject.length === 0) return true;
  return subject.some((w) => numLabel.includes(w) || counts.some((q) => q.label.includes(w)));
}

/** The noun a count is followed by (`69项测评指标已达标` → 测评指标已达标), up to the next number or delimiter. */
function nounAfter(text: string, q: Quantity): string {
  return /^[\u4e00-\u9fa5]{0,10}/u.exec(text.slice(q.end))![0];
}

/** A denominator names the rate's population, shares a word with the numerator, or is a marked total. */
function related(label: string, name: string, numLabel: string): boolean {
  if (/共|总|全部|合计|受理|收到|新收/u.test(label)) return true;
  const ws = windowsOf(label.replace(LABEL_TAIL, ""));
  return ws.some((w) => name.includes(w) || numLabel.includes(w));
}

export function checkRates(text: string, qs: readonly Quantity[], tol: Tolerance): ArithResult[] {
  const out: ArithResult[] = [];
  for (let i = 0; i < qs.length; i++) {
    const p = qs[i]!;
    if (p.group !== "percent" || !usable(p) || p.value > 100) continue;
    const rm = RATE_RE.exec(p.label);
    if (!rm || CHANGE.test(p.label)) continue;
    const stem = rm[1]!.replace(/^(?:其中|全[市区省县]|的)+/u, "");
    // `A占B比重`: the numerator is A's, the denominator B's; otherwise the stem is subject + measure
    // (高校毕业生 + 就业, 调处 + 成功).
    const share = /占/u.exec(stem);
    const numName = share ? stem.slice(0, share.index) : stem;
    const denName = share ? stem.slice(share.index + 1) : "";
    // Only counts of the rate's own clause group (；starts another subject).
    const groupStart = Math.max(text.lastIndexOf("；", p.start), text.lastIndexOf(";", p.start)) + 1;
    const counts = qs.slice(0, i).filter((q) => q.start >= groupStart && usable(q) && !q.chinese && q.group !== "percent" && q.group !== "pp" && q.group !== "money" && !CHANGE.test(q.label));
    // `其中城镇就业人员44247万人，占全国就业人员比重为57.1%`: the share of the figure just before it.
    const numerators = share && numName === "" ? counts.slice(-1) : counts.filter((q) => measures(q.label, numName) && sharesSubject(numName, q.label, counts));
    const num = numerators[numerators.length - 1];
    if (!num) continue;
    const peers = counts.filter((q) => sameGroup(q, num));
    // The denominator counts the population of the rate or of its numerator (`调处…共4370件` / 调处成功率).
    const dens = peers.filter((q) => q !== num && q.value >= num.value && q.start < num.start && (share ? measures(q.label, denName) : related(q.label + nounAfter(text, q), stem, num.label)));
    if (dens.length === 0 || num.value === 0) continue;
    // Any pair giving the stated rate → a definition we accept.
    // Rounded operands (44247万人 / 77471万人) move the quotient by up to its relative rounding error.
    const slackOf = (a: Quantity, b: Quantity) => tol.percentPoints + (a.value / b.value) * 100 * (halfUnit(a) / a.value + halfUnit(b) / b.value) * (a.decimals > 0 || b.decimals > 0 || halfUnit(a) > 0.5 || halfUnit(b) > 0.5 ? 1 : 0);
    const anyPair = peers.some((a) => peers.some((b) => a !== b && b.value > 0 && a.value > 0 && a.value <= b.value && agrees((a.value / b.value) * 100, p.value, p.decimals, tol, slackOf(a, b))));
    if (anyPair) continue;
    // `出庭应诉率100%` beside fewer appearances than new cases: 100% claims all of an implicit population
    // (cases that had to be attended), whose size the text does not give.
    if (VARIABLE_RATE.test(rm[1]!) && p.value === 100) continue;
    const den = dens.find((q) => /共|总|新收|受理|收到|全部/u.test(q.label)) ?? dens[0]!;
    const expected = (num.value / den.value) * 100;
    const sc = displayScale([num, den]);
    const expression = `${sc.show(num.value)}/${sc.show(den.value)}×100%`;
    out.push({
      kind: peers.length === 2 && !VARIABLE_RATE.test(rm[1]!) ? "rate" : "loose",
      messageId: "rate-mismatch",
      span: [p.start, p.end],
      data: { rate: shown(p), expression, expected: fmt(Math.round(expected * 100) / 100), name: `${rm[1]}${rm[2]}` },
      evidence: { expression, expected: Number(fmt(expected)), stated: p.value, tolerance: { decimals: p.decimals, rounding: tol.rounding, truncation: tol.truncation, percentPoints: tol.percentPoints }, numeratorLabel: num.label, denominatorLabel: den.label, candidates: peers.length },
      operands: [{ q: num, label: "numerator" }, { q: den, label: "denominator" }, { q: p, label: "stated" }],
    });
  }
  return out;
}
