/**
 * @fileoverview Status lists that exceed their total: `共受理投诉举报312件，已办结205件，正在办理71件，转交有关
 * 部门40件` (205+71+40 = 316 > 312). The parts are the states one case is in at the end of the period —
 * finished (办结), still in hand (正在办理), passed on (转交) — and a case is in one of them only, so they
 * cannot add up to more than the cases received.
 *
 * The list is read only when it is exactly that: a total received or handled (`共受理`, `收到`, `接到`,
 * `登记`, a marked total), followed in its clause group by two or more parts of the same kind whose
 * labels each name a different state, and nothing else of that kind in between. Silent: a part holding
 * cases carried over (`含上年结转`, any 结转/上年/往年 in the sentence: 办结 may then exceed the new intake),
 * a newly received total (`新受理`, `新收`: cases pending from before may be in hand), a sub-breakdown
 * (其中 after the first part), two parts in one state (`办结…按期办结`), and lists that fall short of the
 * total (other states may be unnamed).
 */
import { sameGroup, usable, type Quantity } from "../../text/arith-numbers.js";
import { displayScale, halfUnit, shown, type ArithResult } from "./types.js";

/** The total: cases received or handled in the period. */
const TOTAL_LABEL = /(?:受理|收到|接到|接收|登记|办理|处理|交办)[^，,；;]{0,30}$/u;
/** A total that is itself a state (`办结…260件`): its parts are not the states of the cases received. */
const FINISHED_TOTAL = /办结|结案|完成|化解|解决/u;
const NEW_INTAKE = /新受理|新收|新增|新立|新接/u;
const STATES: readonly { state: string; re: RegExp }[] = [
  { state: "finished", re: /^(?:已|均已|全部)?(?:办结|结案|办理完毕|处理完毕|处置完毕|审结|完成办理|办理完成)/u },
  { state: "in-hand", re: /^(?:正在|仍在|尚在|还在)(?:办理|处理|核查|调查|处置|调解|审查|审理)|^(?:办理中|处理中|在办|未办结|尚未办结|待办理|待处理)/u },
  { state: "passed-on", re: /^(?:已)?(?:转交|转办|移交|转送|移送|转至|转由|转给)/u },
];
const CARRIED_OVER = /结转|上年|往年|以前年度|历年|积案|存量/u;
const LABEL_NOISE = /^(?:其中|[，,、\s])+/u;

export function checkStatusLists(text: string, qs: readonly Quantity[]): ArithResult[] {
  const out: ArithResult[] = [];
  if (CARRIED_OVER.test(text)) return out;
  for (let i = 0; i < qs.length; i++) {
    const total = qs[i]!;
    if (!usable(total) || total.group === "percent" || total.group === "pp") continue;
    // The clause of the total (a 、 inside it does not end it: `办理省人大代表建议、批评和意见3106件`).
    const clause = text.slice(Math.max(...["，", ",", "；", ";", "。", "：", ":"].map((d) => text.lastIndexOf(d, total.start - 1))) + 1, total.start);
    if (!TOTAL_LABEL.test(clause) || NEW_INTAKE.test(clause) || FINISHED_TOTAL.test(clause)) continue;
    const parts: { q: Quantity; state: string }[] = [];
    let prevEnd = total.end;
    let broken = false;
    for (const q of qs.slice(i + 1)) {
      const gap = text.slice(prevEnd, q.start);
      if (/[。；;]/u.test(gap)) break;
      if (q.depth !== total.depth) continue;
      if (!sameGroup(q, total)) {
        if (q.group === "percent" || q.group === "pp") continue;
        break;
      }
      const label = q.label.replace(LABEL_NOISE, "");
      const state = STATES.find((s) => s.re.test(label))?.state;
      // A part of no state, or of a state already named, or a sub-breakdown: not one status list.
      if (!state || parts.some((p) => p.state === state) || (parts.length > 0 && /其中/u.test(gap + q.label)) || !usable(q)) {
        if (parts.length < 2) broken = true;
        break;
      }
      parts.push({ q, state });
      prevEnd = q.end;
    }
    if (broken || parts.length < 2) continue;
    const sum = parts.reduce((s, p) => s + p.q.value, 0);
    // Integers are exact counts; a rounded figure (1.2万件) may be off by half its last digit.
    const rounded = (q: Quantity) => (q.decimals > 0 || /[万亿千]/u.test(q.text) ? halfUnit(q) : 0);
    const slack = rounded(total) + parts.reduce((s, p) => s + rounded(p.q), 0);
    if (sum <= total.value + slack + 1e-9) continue;
    const sc = displayScale([total, ...parts.map((p) => p.q)]);
    const expression = parts.map((p) => sc.show(p.q.value)).join("+");
    out.push({
      kind: "status",
      messageId: "status-exceeds",
      span: [total.start, total.start + total.text.trimEnd().length],
      data: { expression, sum: `${sc.show(sum)}${sc.suffix}`, total: shown(total), states: parts.map((p) => p.q.label.replace(LABEL_NOISE, "")).join("、") },
      evidence: { expression, expected: `≤ ${total.value}`, stated: total.value, sum, excess: sum - total.value, tolerance: slack, states: parts.map((p) => p.state), structure: "exclusive case states" },
      operands: [{ q: total, label: "total" }, ...parts.map((p) => ({ q: p.q, label: p.state }))],
    });
    i += parts.length;
  }
  return out;
}
