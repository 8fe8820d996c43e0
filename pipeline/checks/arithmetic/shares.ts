/**
 * @fileoverview Shares of one whole that must not add up to more than 100%:
 * `分别占18.6%、47.3%和34.1%`. Each share may be rounded, so the sum may exceed 100 by half a unit
 * of the last written digit per share.
 */
import { usable, type Quantity } from "../../text/arith-numbers.js";
import { fmt, type ArithResult } from "./types.js";

export function checkShares(text: string, qs: readonly Quantity[]): ArithResult[] {
  const out: ArithResult[] = [];
  for (const m of text.matchAll(/分别占(?:比)?(?:为)?/gu)) {
    const from = m.index + m[0].length;
    // The subjects before 分别占 must be parts of one whole: a 、 list whose items end alike (第一产业、第二产业、第三产业).
    const subj = /([^，,。；;：:]*)$/u.exec(text.slice(0, m.index))![1]!.split("、").map((x) => x.trim());
    const tailChar = subj[0]?.[subj[0].length - 1];
    if (subj.length < 2 || !tailChar || !subj.slice(0, -1).every((x) => x.endsWith(tailChar)) || !subj[subj.length - 1]!.includes(tailChar)) continue;
    const list: Quantity[] = [];
    let prevEnd = from;
    for (const q of qs) {
      if (q.start < from) continue;
      const gap = text.slice(prevEnd, q.start);
      if (list.length && !/^\s*(?:[、,，]|和|及|与)\s*$/u.test(gap)) break;
      if (!list.length && gap.trim().length > 2) break;
      if (q.group !== "percent" || !usable(q)) break;
      list.push(q);
      prevEnd = q.end;
    }
    if (list.length < 2) continue;
    const sum = list.reduce((s, q) => s + q.value, 0);
    const slack = list.reduce((s, q) => s + 0.5 * 10 ** -q.decimals, 0);
    if (sum <= 100 + slack + 1e-9) continue;
    const expression = list.map((q) => `${fmt(q.value)}%`).join("+");
    out.push({
      kind: "shares",
      messageId: "shares-over",
      span: [list[0]!.start, list[list.length - 1]!.end],
      data: { expression, sum: fmt(sum) },
      evidence: { expression, expected: "≤100", stated: Number(fmt(sum)), tolerance: Number(fmt(slack)) },
      operands: list.map((q) => ({ q, label: "share" })),
    });
  }
  return out;
}
