/**
 * @fileoverview A count that sums up the list before it: `精简行政审批组、…、改善社会服务组 5个专题组`,
 * `市场监管、文化市场、…安全生产等 9 个领域`, `从矛盾邻里纠纷调处、…、便民服务和治安联防6项`.
 *
 * The list runs from the start of the clause (or from the connector after the previous count:
 * `5个专题组和综合组、法治组…4个保障组`) to the count, split at top-level 、; a final 和/及/与 may join
 * two items. With 等 a list may be shorter than the count (等 = and others). The list is trusted only
 * when its items share the counted noun's last character (…组 / 保障组), or it is introduced by a
 * listing verb (从, 包括, 涵盖, 分为, 下设 …), or it ends with 等.
 */
import type { Quantity } from "../../text/arith-numbers.js";
import type { ArithResult } from "./types.js";

const COUNT_UNITS = new Set(["个", "项", "类", "种", "条", "支", "家", "所", "批", "大"]);
const LIST_VERB = /^(?:从|包括|包含|涵盖|涉及|分为|即|下设|分别是|分别为|组建)/u;
/** The last item ends with a verb: the count belongs to what the verb makes, not to the list. */
const VERB_END = /(?:提出|出台|建立|实施|推进|开展|完成|制定|形成|打造|建成|设立|印发|发布|组织|举办|培育|实现|达到|新增|累计|办理|落实|部署|明确|确定|推出|争取|创建)$/u;
const NUMERAL_ITEM = /[一二三四五六七八九十两\d]+[级类项个种大批]/u;
const CONNECTOR = /(?:以及|和|及|与)/u;

export function checkCounts(text: string, qs: readonly Quantity[]): ArithResult[] {
  const out: ArithResult[] = [];
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i]!;
    if (q.excluded || q.approximate || !COUNT_UNITS.has(q.unit) || q.value < 2 || q.value > 20 || q.decimals) continue;
    // The counted noun (专题组, 领域); a bare count (`…和治安联防6项。`) has none.
    const noun = /^[\u4e00-\u9fa5]{1,6}/u.exec(text.slice(q.end))?.[0] ?? "";
    if (noun.startsWith("的") || (!noun && !/^\s*[，,。；;）)]/u.test(text.slice(q.end)))) continue;
    let pre = text.slice(0, q.start).replace(/\s+$/u, "");
    let deng = false;
    const tail = /(?:等|共|这|这些|此)+$/u.exec(pre);
    if (tail) {
      deng = tail[0].includes("等");
      pre = pre.slice(0, pre.length - tail[0].length).replace(/\s+$/u, "");
    }
    if (!/[\u4e00-\u9fa5)）”」]$/u.test(pre)) continue;
    let start = Math.max(...["，", ",", "；", ";", "：", ":", "。", "！", "？", "\n"].map((d) => pre.lastIndexOf(d))) + 1;
    const prev = qs[i - 1];
    if (prev && prev.end > start && prev.end <= pre.length) {
      const rest = pre.slice(prev.end);
      const conn = CONNECTOR.exec(rest);
      if (!conn) continue;
      start = prev.end + conn.index + conn[0].length;
    }
    let segment = pre.slice(start);
    // A modifier ending in 的 opens the list (`打造白、红…并进发展、特色突出的南丹、罗城…等5个`): the items
    // are what follows it.
    const de = lastTopLevel(segment, "的");
    if (de >= 0) segment = segment.slice(de + 1);
    const items = splitTopLevel(segment);
    if (items.length < 2 || items.some((it) => it.trim().length === 0 || it.length > 25 || /\d/u.test(it) || NUMERAL_ITEM.test(it))) continue;
    if (VERB_END.test(items[items.length - 1]!.trim())) continue;
    const k = items.length;
    const last = items[k - 1]!;
    const joined = CONNECTOR.test(last.replace(/[(（][^)）]*[)）]/gu, ""));
    const n = q.value;
    if (n === k || (joined && n === k + 1)) continue;
    if (deng && n > k) continue;
    const suffix = noun[noun.length - 1];
    const shared = suffix !== undefined && items.every((it) => it.trim().endsWith(suffix));
    if (!shared && !deng && !LIST_VERB.test(segment.trim())) continue;
    const expected = joined ? `${k}或${k + 1}` : String(k);
    out.push({
      kind: "count",
      messageId: "count-mismatch",
      span: [q.start, q.end],
      data: { stated: q.text.replace(/\s+/g, ""), listed: expected, noun },
      evidence: { expression: `count(${items.map((it) => it.trim()).join("、")})`, expected: joined ? [k, k + 1] : k, stated: n, tolerance: 0, items: items.map((it) => it.trim()), withDeng: deng },
      operands: [{ q, label: "stated" }],
    });
  }
  return out;
}

/** Offset of the last `ch` outside brackets and quotes, or -1. */
function lastTopLevel(s: string, ch: string): number {
  let depth = 0;
  let at = -1;
  for (let k = 0; k < s.length; k++) {
    const c = s[k]!;
    if ("(（“《「【[".includes(c)) depth++;
    else if (")）”》」】]".includes(c)) depth = Math.max(0, depth - 1);
    else if (c === ch && depth === 0) at = k;
  }
  return at;
}

/** Splits at 、 outside brackets and quotes. */
export function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if ("(（“《「【[".includes(ch)) depth++;
    else if (")）”》」】]".includes(ch)) depth = Math.max(0, depth - 1);
    if (ch === "、" && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
