/**
 * @fileoverview Shares of one whole that must not add up to more than 100%:
 * `分别占18.6%、47.3%和34.1%`. Each share may be rounded, so the sum may exceed 100 by half a unit
 * of the last written digit per share.
 */
import { usable, type Quantity } from "../../text/arith-numbers.js";
import { agrees, fmt, shown, type ArithResult, type Tolerance } from "./types.js";

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

/**
 * A count's share of a population named before it and again after 占: `在监测的557个城市中，有389个城市
 * 空气质量达到二级标准，占监测城市数的62.8%`. The denominator is the `在…N<unit><noun>中` total, the
 * numerator the first count of the same unit and noun after it; the noun after 占 must name that
 * population again (占监测城市数的, 占城市总数的), so a share of something else (占用水总量的) is never read.
 */
export function checkPopulationShares(text: string, qs: readonly Quantity[], tol: Tolerance): ArithResult[] {
  const out: ArithResult[] = [];
  const re = /(?:^|[，,；;。\s])在?([\u4e00-\u9fff]{0,8}?的)?([0-9][0-9,]*)(个|家|所|座|项|条|种)([\u4e00-\u9fff]{1,6}?)中[，,]\s*(?:有|共有)?([0-9][0-9,]*)\3\4?[^，,；;。]{0,60}[，,]\s*占([\u4e00-\u9fff]{0,8}?)(?:总数|数|总量)?的(?:比重|比例)?(?:为)?([0-9]+(?:\.[0-9]+)?)\s*%/gu;
  for (const m of text.matchAll(re)) {
    const noun = m[4]!;
    // The population is named again after 占 (监测城市数 names 城市).
    if (!m[6]!.includes(noun)) continue;
    const at = (needle: string, from: number) => {
      const i = text.indexOf(needle, from);
      return qs.find((q) => q.start === i && usable(q));
    };
    const totalAt = m.index + m[0].indexOf(m[2]!);
    const total = at(m[2]!, totalAt);
    const part = at(m[5]!, text.indexOf(m[5]!, totalAt + m[2]!.length + m[3]!.length + noun.length));
    const stated = qs.find((q) => q.group === "percent" && q.start >= m.index + m[0].length - m[7]!.length - 4 && q.end <= m.index + m[0].length + 1 && usable(q));
    if (!total || !part || !stated || total.value <= 0 || part.value > total.value || total.approximate || part.approximate) continue;
    const expected = (part.value / total.value) * 100;
    if (agrees(expected, stated.value, stated.decimals, tol, tol.percentPoints)) continue;
    const expression = `${fmt(part.value)}/${fmt(total.value)}×100%`;
    out.push({
      kind: "rate",
      messageId: "share-mismatch",
      span: [stated.start, stated.end],
      data: { share: shown(stated), expression, expected: fmt(Math.round(expected * 100) / 100) },
      evidence: { expression, expected: Number(fmt(expected)), stated: stated.value, tolerance: { decimals: stated.decimals, rounding: tol.rounding, truncation: tol.truncation, percentPoints: tol.percentPoints } },
      operands: [{ q: part, label: "part" }, { q: total, label: "total" }, { q: stated, label: "stated" }],
    });
  }
  return out;
}
