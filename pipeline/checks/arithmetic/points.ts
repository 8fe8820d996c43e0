/**
 * @fileoverview Percentage points used for a level: `PM2.5平均浓度下降9.1个百分点` (lawtext 081). A
 * concentration, an emission amount or a count changes by a percentage of itself; only a rate, a share
 * or a ratio (…率, 比重, 比例, 占比, 增速) changes by percentage points.
 *
 * The level is the subject right before the change verb (`PM2.5平均浓度下降`), or, when the clause has
 * none (`平均浓度为35微克/立方米，同比下降12.5个百分点`), the subject of the figure just before it in
 * the same clause group. A percentage anywhere before the points in that group (`投资增长21.6%，回落0.5个
 * 百分点`: the growth rate fell) makes the points belong to it: silent. Only a closed list of level nouns
 * is read (浓度, 排放量, 数量, 人数, 件数, 起数 …); economic aggregates (收入, 产值, 总量, 成本) are not,
 * because reports write `收入提高2个百分点` for the growth rate of the income (社会物流成本 is even a
 * ratio to GDP).
 *
 * The reverse (`比例由80%提高到83%，提高3%`, points written as percent) is read in changes.ts, where both
 * levels are known.
 */
import type { ArithResult } from "./types.js";

/** Nouns of a level (an amount, a concentration, a count), never of a rate. */
const LEVEL_NOUN = /(?:浓度|排放量|排放总量|数量|人数|件数|案件数|起数|次数|发案数|立案数)$/u;
/** What may stand between the subject and the figure: averaging, comparison, the verb. */
const CHANGE_TAIL =
  /(?:(?:分别|同比|环比|比上年|较上年|比去年|较去年|比上年同期|较上年同期|与上年相比|与去年相比|比(?:19|20)\d{2}年|较(?:19|20)\d{2}年|比“十[一二三四五]五”末|较“十[一二三四五]五”末)[，,]?\s*)*(?:下降|降低|减少|上升|提高|增加|增长|升高|回落|减|降|升)了?\s*(?<run>(?:\d+(?:\.\d+)?\s*[和、与及]\s*)+)?$/u;
const POINTS = /(\d+(?:\.\d+)?)\s*个?百分点/gu;
/** A number or a percentage before the points in the clause group (`12.5和9.1个百分点` is one run). */
const PERCENT = /\d+(?:\.\d+)?\s*(?:[%％]|个?百分点)/u;

export function checkPoints(text: string): ArithResult[] {
  const out: ArithResult[] = [];
  for (const m of text.matchAll(POINTS)) {
    const at = m.index;
    // Clause group: back to the previous ；or the sentence start.
    const groupStart = Math.max(text.lastIndexOf("；", at), text.lastIndexOf(";", at)) + 1;
    const clauseStart = Math.max(...["，", ",", "：", ":", "；", ";", "。"].map((d) => text.lastIndexOf(d, at - 1))) + 1;
    const clause = text.slice(clauseStart, at);
    const tail = CHANGE_TAIL.exec(clause);
    if (!tail) continue;
    let subject = clause.slice(0, tail.index).trim();
    let from: "clause" | "previous" = "clause";
    if (!/\p{Script=Han}/u.test(subject)) {
      // Another percentage in the group before: the points are the change of that rate.
      if (PERCENT.test(text.slice(groupStart, clauseStart))) continue;
      // No subject in this clause: the figure of the clause before it names the level.
      const prevEnd = clauseStart - 1;
      if (prevEnd <= groupStart) continue;
      const prevStart = Math.max(...["，", ",", "：", ":", "；", ";", "。"].map((d) => text.lastIndexOf(d, prevEnd - 1))) + 1;
      const prev = text.slice(Math.max(prevStart, groupStart), prevEnd);
      const num = /(?<![A-Za-z\d.])\d+(?:\.\d+)?/u.exec(prev);
      if (!num) continue;
      subject = prev.slice(0, num.index).replace(/(?:为|是|达|达到|由|从|约|仅|只有)+\s*$/u, "").trim();
      from = "previous";
    }
    const noun = LEVEL_NOUN.exec(subject.replace(/(?:平均|年均|均)$/u, ""));
    if (!noun || /率|比重|比例|占比|份额|增速|增幅|指数|系数/u.test(subject.slice(-8))) continue;
    const run = tail.groups?.run;
    const start = run ? clauseStart + tail.index + tail[0].length - run.length : at;
    const end = at + m[0].length;
    const values = [...text.slice(start, end).matchAll(/\d+(?:\.\d+)?/gu)].map((x) => Number(x[0]));
    out.push({
      kind: "points",
      messageId: "points-for-level",
      span: [start, end],
      data: { subject: noun[0], stated: text.slice(start, end), percent: values.map((v) => `${v}%`).join("、") },
      evidence: { expression: `${noun[0]}：${text.slice(start, end)}`, stated: values.length === 1 ? values[0] : values, subject: subject.slice(-20), level: noun[0], subjectFrom: from, rule: "a level changes by percent; percentage points are the change of a rate or share" },
      operands: [],
    });
  }
  return out;
}
