/**
 * @fileoverview Totals against their parts, in one sentence:
 *
 * - parenthesised parts: `形成清理目录746件(保留350件、修改42件、宣布失效354件)`;
 * - a 其中 list: `调解组织401个,其中区级调解中心3个,镇街调解中心7个,…`;
 * - a plain list after a marked total that contains a complementary pair (受理 / 不予受理):
 *   `全年共收到行政复议申请68件,受理51件,不予受理10件` — the list ends where the pair is complete;
 * - parts before a 共计/合计 total: `移送…9件,建议移送…22件,公安机关共计受理移送案件31件`.
 *
 * How sure the list is to be complete decides what a difference means (precision first):
 * a list with 其他/其余 or a parenthesised list without 其中 claims to be complete, so parts that add up
 * to more than the total are an error (`sum`); a plausible remainder (fewer than the total, in a
 * parenthesised list or a complementary pair) is a warning (`remainder`); a 其中 list whose parts
 * exceed the total may hold overlapping categories (`loose`, warning); a 其中 list that covers less
 * than the total is normal and stays silent.
 */
import { sameGroup, usable, type Quantity } from "../../text/arith-numbers.js";
import { agrees, displayScale, fmt, halfUnit, shown, type ArithResult, type Tolerance } from "./types.js";

const TOTAL_MARK = /共计|合计|总计|累计|总数|总量|共有|共|全年/u;
const TOTAL_MARK_STRICT = /共计|合计|总计|共$|总数为?$/u;
// 以上/以下 right after a number qualify it (`100件以上`); inside a noun they do not (规模以上工业企业).
// 增加值 (value added) is a noun, not a change.
const CHANGE_WORD = /同比|环比|增长|下降|增加(?!值)|减少|提高|提升|上升|降低|比上年|较上年|压缩|压减|缩短|超过|^以上|^以下|不足|至少|最多|平均|人均|每/u;
/**
 * A part that names the rest (其他处理, 其余5件, 诊所及其他): the word opens or ends the part's label.
 * Inside a noun it is a category like any other (`法人或其他组织申请`).
 */
const OTHER_WORD = /^(?:其中|[，,、\s])*(?:其他|其它|其余|剩余|另有|余下)|(?:其他|其它)(?:类|方面)?$/u;
const NEG_PREFIX = /^(?:不予|不|未|非|无)/u;
const LABEL_NOISE = /^(?:其中|已|共|还|另|并|均|全部|依法|予以|作出|共计)+/u;

/** Parts above this multiple of their total count along two dimensions (a person in two categories). */
const OVERLAP_RATIO = 1.25;

export interface SumOptions {
  /** The document is a statistical communiqué: its 其中 lists name some parts, often overlapping. */
  statistical?: boolean;
}

export function checkSums(text: string, qs: readonly Quantity[], tol: Tolerance, opts: SumOptions = {}): ArithResult[] {
  const out: ArithResult[] = [];
  const used = new Set<Quantity>();
  for (let i = 0; i < qs.length; i++) {
    const total = qs[i]!;
    if (!usable(total) || total.chinese || total.group === "percent" || total.group === "pp" || CHANGE_WORD.test(total.label)) continue;
    const after = text.slice(total.end, total.end + 14);
    const paren = /^\s*[(（]/u.test(after);
    const qizhong = !paren && /^[^，,。；;()（）\d]{0,8}[，,：:]\s*其中/u.test(after);
    let mode: "paren" | "qizhong" | "plain" | null = paren ? "paren" : qizhong ? "qizhong" : TOTAL_MARK.test(total.label) ? "plain" : null;
    if (!mode) continue;
    let parts = collectParts(text, qs, i, mode);
    // A paren with a single part (`15件(含上年结转1件)`) says nothing; a marked total may still have a plain list.
    if ((parts === null || parts.list.length < 2) && mode === "paren" && TOTAL_MARK.test(total.label)) {
      mode = "plain";
      parts = collectParts(text, qs, i, mode);
    }
    // A single 其中 part with its share (`其中高新技术企业120家，占比24%`): the share is still part / total.
    if (parts !== null && parts.list.length === 1 && mode === "qizhong" && !parts.list[0]!.excluded) out.push(...partShares(text, qs, total, parts.list, tol));
    if (parts === null || parts.list.length < 2) continue;
    let list = parts.list;
    const innerQizhong = parts.qizhong;
    const hasOther = list.some((p) => OTHER_WORD.test(p.label));
    let dichotomy = complementaryPrefix(list);
    // A list that is a partition by its own words (分别为 after the total; 第一/第二/第三产业, 城镇/乡村, 男/女)
    // claims to be complete in every genre: parts above the total are a slip, not overlapping dimensions.
    const partition = partitionByWords(text, total, list);
    if (mode === "plain" && partition) {
      // checked below as a complete list
    } else if (mode === "plain") {
      if (dichotomy === null) continue;
      // `受理130件，不予受理15件，其他5件` closes 150 after the pair: silent as soon as a reading adds up.
      if (list.some((_, k) => k + 1 > dichotomy! && closeTo(total, list.slice(0, k + 1)))) continue;
      list = list.slice(0, dichotomy);
    } else if (dichotomy !== null && dichotomy < list.length && !hasOther) {
      dichotomy = null;
    }
    if (list.some((p) => p.value > total.value)) continue;
    // A total inside a larger total of its own clause (`承诺的37件民生实事有31件完成，其中…其余5件`):
    // the parts may belong to either, so no reading is certain.
    if (qs.some((q) => q.start < total.start && q.clause === total.clause && q.depth === total.depth && usable(q) && sameGroup(q, total) && q.value > total.value)) continue;
    list.forEach((p) => used.add(p));
    used.add(total);
    out.push(...partShares(text, qs, total, list, tol));
    if (closeTo(total, list)) continue;
    // `3000人（市级800人、县级1500人），乡镇700人`: the bracket may hold the first parts and the rest follow it.
    if (mode === "paren" && closesWithFollowing(text, qs, total, list)) continue;
    if (mode !== "paren") {
      const gapBefore = (k: number) => text.slice(k === 0 ? total.end : list[k - 1]!.end, list[k]!.start);
      // Once some of the parts account for the total and the list changes there (；, or a 、 run
      // ending at ，), the numbers after them count something else (`重点项目510个，其中新开工312个、续建198个，
      // 竣工256个`; `…调解结案1宗；办理行政诉讼案件5宗`), unless a 其他/其余 part is still to come.
      const boundary = (k: number) => /[；;]/u.test(gapBefore(k + 1)) || (/[，,]/u.test(gapBefore(k + 1)) && list.slice(1, k + 1).every((_, j) => /^[^，,；;]*、[^，,；;]*$/u.test(gapBefore(j + 1))));
      if (list.some((_, k) => k >= 1 && k + 1 < list.length && boundary(k) && closeTo(total, list.slice(0, k + 1)) && !list.slice(k + 1).some((p) => OTHER_WORD.test(p.label)))) continue;
      // A parts list belongs to its total within its clause group: ；/; starts another subject
      // (`…；办理行政诉讼案件5宗`, `…；移动电话用户达到14480万户`). Parts after it may only close the sum,
      // except parallel parts (`其中寿险业务给付1269亿元；健康险…赔款及给付281亿元；财产险业务赔款1576亿元`:
      // each names what the total or the first part names) when the group before ； holds a single part.
      const cut = list.findIndex((_, k) => /[；;]/u.test(gapBefore(k)));
      if (cut >= 0 && !(cut === 1 && list.slice(1).every((p) => parallelPart(p, list[0]!, total)))) list = list.slice(0, cut);
      // A 、 enumeration binds tighter than ，: `新开工312个、续建198个，竣工256个` lists 312、198 first.
      const run = list.findIndex((p, k) => k >= 1 && !/^[^，,]*、[^，,]*$/u.test(text.slice(list[k - 1]!.end, p.start)));
      if (run >= 2 && !list.slice(run).some((p) => OTHER_WORD.test(p.label))) list = list.slice(0, run);
      if (list.length < 2 || closeTo(total, list)) continue;
    }
    const sum = list.reduce((s, p) => s + p.value, 0);
    const slack = roundingSlack(total, list);
    const maxDecimals = Math.max(total.decimals, ...list.map((p) => p.decimals));
    const hasOtherNow = list.some((p) => OTHER_WORD.test(p.label));
    // Parts that exceed the total by a quarter or more count along two dimensions (因私出境 / 赴港澳台出境,
    // 党纪处分 / 政纪处分), not a slip in one list; a statistical communiqué's 其中 is partial and
    // overlapping by design. Lists that claim to be complete (其他, a bracketed breakdown) are still checked.
    const partialList = !hasOtherNow && !(mode === "paren" && !innerQizhong) && !partition;
    if (partialList && sum > total.value && (sum > total.value * OVERLAP_RATIO || opts.statistical)) continue;
    // Threshold categories (`35岁以下`, `10亿元以上项目`) nest or cut across the others: not a partition.
    if (partialList && sum > total.value && list.some((p) => /\d[^，,、；;]*?(?:以上|以下|以内)/u.test(p.label))) continue;
    const sc = displayScale([total, ...list]);
    const expression = list.map((p) => sc.show(p.value)).join("+");
    const base = {
      expression,
      expected: Number(fmt(sum)),
      stated: total.value,
      tolerance: maxDecimals === 0 && !scaled(total, list) ? 0 : Number(fmt(slack)),
      unit: total.unit,
      structure: mode,
    };
    const operands = [{ q: total, label: "total" }, ...list.map((p) => ({ q: p, label: "part" }))];
    const data = { total: shown(total), sum: sc.show(sum) + sc.suffix, expression, unit: total.unit, diff: sc.show(Math.abs(total.value - sum)) + sc.suffix };
    const complete = hasOtherNow || (mode === "paren" && !innerQizhong) || partition;
    if (sum > total.value) {
      if (complete) out.push({ kind: "sum", messageId: "sum-mismatch", span: [total.start, total.end], data, evidence: { ...base, complete: true }, operands });
      else if (mode === "qizhong" || mode === "paren") out.push({ kind: "loose", messageId: "sum-exceeds", span: [total.start, total.end], data, evidence: { ...base, complete: false }, operands });
      // A complementary pair (受理 / 不予受理) splits the total: more than it is a slip, unless a part
      // carries earlier items (`受理60件（含上年结转5件）`).
      else if (dichotomy !== null && !/结转|上年|以前年度/u.test(text.slice(total.end, list[list.length - 1]!.end + 12))) out.push({ kind: "loose", messageId: "sum-exceeds", span: [total.start, total.end], data, evidence: { ...base, complete: false }, operands });
    } else if (hasOtherNow || partition) {
      out.push({ kind: "sum", messageId: "sum-mismatch", span: [total.start, total.end], data, evidence: { ...base, complete: true }, operands });
    } else if ((mode === "paren" && !innerQizhong) || dichotomy !== null) {
      out.push({ kind: "remainder", messageId: "remainder", span: [total.start, total.end], data, evidence: { ...base, remainder: Number(fmt(total.value - sum)), complete: false }, operands });
    }
  }

  // Parts before a 共计/合计 total.
  for (let i = 0; i < qs.length; i++) {
    const total = qs[i]!;
    if (used.has(total) || !usable(total) || total.chinese || total.group === "percent" || total.group === "pp" || !TOTAL_MARK_STRICT.test(total.label.slice(-12))) continue;
    const before: Quantity[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const q = qs[j]!;
      if (q.depth !== total.depth) continue;
      if (!sameGroup(q, total)) {
        if (q.group === "percent" || q.group === "pp") continue;
        break;
      }
      if (!usable(q) || CHANGE_WORD.test(q.label) || used.has(q)) return out;
      before.unshift(q);
      if (/其中/u.test(q.label) || /其中/u.test(text.slice(qs[j - 1]?.end ?? 0, q.start))) break;
    }
    // The segment must be a list: no sentence break, and no other total inside.
    const first = before[0];
    if (!first || before.length < 2 || /[。；;]/u.test(text.slice(first.start, total.start))) continue;
    const sum = before.reduce((s, p) => s + p.value, 0);
    if (sum === total.value || before.some((p) => p.value > total.value)) continue;
    // Only a clean enumeration (、 between parts) is trusted enough to report.
    const between = before.slice(1).map((p, k) => text.slice(before[k]!.end, p.start));
    if (!between.every((b) => /^[^，,。；;]*、[^，,。；;]*$/u.test(b))) continue;
    const sc = displayScale([total, ...before]);
    const expression = before.map((p) => sc.show(p.value)).join("+");
    out.push({
      kind: "loose",
      messageId: "total-mismatch",
      span: [total.start, total.end],
      data: { total: shown(total), sum: sc.show(sum) + sc.suffix, expression, unit: total.unit, diff: sc.show(Math.abs(total.value - sum)) + sc.suffix },
      evidence: { expression, expected: sum, stated: total.value, tolerance: 0, unit: total.unit, structure: "parts-before" },
      operands: [...before.map((p) => ({ q: p, label: "part" })), { q: total, label: "total" }],
    });
  }
  return out;
}

/**
 * Shares written beside the parts of a total (`受理4955件(79.9%)`, `县政府部门140件,占92.71%`): each
 * must be part / total at its written precision. When two or more shares are given they may have
 * been forced to add up to 100, so 0.1 percentage point more is accepted (domain-kb §4.1).
 */
function partShares(text: string, qs: readonly Quantity[], total: Quantity, parts: readonly Quantity[], tol: Tolerance): ArithResult[] {
  const pairs: [Quantity, Quantity][] = [];
  for (const p of parts) {
    const q = qs[qs.indexOf(p) + 1];
    if (!q || q.group !== "percent" || !usable(q)) continue;
    if (!/^\s*(?:[(（]\s*(?:占|占比)?|[，,]?\s*(?:占|占比|占比为|比例为))\s*$/u.test(text.slice(p.end, q.start))) continue;
    pairs.push([p, q]);
  }
  const slack = Math.max(tol.percentPoints, pairs.length >= 2 ? 0.1 : 0);
  const out: ArithResult[] = [];
  for (const [p, q] of pairs) {
    if (total.value === 0) continue;
    const expected = (p.value / total.value) * 100;
    // Rounded counts (2.5万件 of 5.8万件) move the share by up to its relative rounding error.
    const rounded = scaled(total, [p]) || p.decimals > 0 || total.decimals > 0 ? expected * (halfUnit(p) / p.value + halfUnit(total) / total.value) : 0;
    if (p.value > 0 && agrees(expected, q.value, q.decimals, tol, slack + rounded)) continue;
    const expression = `${fmt(p.value)}/${fmt(total.value)}×100%`;
    out.push({
      kind: "shares",
      messageId: "share-mismatch",
      span: [q.start, q.end],
      data: { share: shown(q), expression, expected: fmt(Math.round(expected * 100) / 100) },
      evidence: { expression, expected: Number(fmt(expected)), stated: q.value, tolerance: { decimals: q.decimals, rounding: tol.rounding, truncation: tol.truncation, percentPoints: slack } },
      operands: [{ q: p, label: "part" }, { q: total, label: "total" }, { q, label: "stated" }],
    });
  }
  return out;
}

interface Parts {
  list: Quantity[];
  /** The list is introduced by 其中 (a selection, not necessarily complete). */
  qizhong: boolean;
}

/** The parts that belong to `qs[i]` in the given structure, or null when the structure is unclear. */
function collectParts(text: string, qs: readonly Quantity[], i: number, mode: "paren" | "qizhong" | "plain"): Parts | null {
  const total = qs[i]!;
  const list: Quantity[] = [];
  let qizhong = mode === "qizhong";
  if (mode === "paren") {
    const open = text.indexOf(text.slice(total.end).match(/[(（]/u)![0], total.end);
    const close = matchingClose(text, open);
    if (close < 0) return null;
    qizhong = /^[(（]\s*(?:其中|含|包括|包含)/u.test(text.slice(open, open + 4));
    for (const q of qs.slice(i + 1)) {
      if (q.start >= close) break;
      if (q.depth !== total.depth + 1) continue;
      if (!sameGroup(q, total)) {
        if (q.group === "percent" || q.group === "pp") continue;
        return null;
      }
      if (!usable(q) || CHANGE_WORD.test(q.label)) return null;
      list.push(q);
    }
    return { list, qizhong };
  }
  let prevEnd = total.end;
  for (const q of qs.slice(i + 1)) {
    const gap = text.slice(prevEnd, q.start);
    if (/[。]/u.test(gap)) break;
    if (q.depth > total.depth) continue;
    if (q.depth < total.depth) break;
    if (!sameGroup(q, total)) {
      if (q.group === "percent" || q.group === "pp") continue;
      break;
    }
    if (TOTAL_MARK_STRICT.test(q.label) || /共/u.test(q.label)) break;
    if (list.length > 0 && /其中/u.test(gap + q.label)) return null; // a sub-breakdown: unclear
    if (!usable(q)) return null;
    if (CHANGE_WORD.test(q.label)) break;
    // A 、 run is a list of its own unless the total announces it (`120件，分别为…50件、…40件`).
    if (mode === "plain" && list.length > 0 && /、/u.test(gap) && !/^[^，,。；;\d]{0,6}[，,：:]?\s*(?:分别|依次)[为是]/u.test(text.slice(total.end, list[0]!.start))) return null;
    list.push(q);
    prevEnd = q.end;
  }
  return { list, qizhong };
}

/** Category sets that split any whole completely (each part names one member, every member named once). */
const PARTITIONS: readonly (readonly RegExp[])[] = [
  [/第一产业/u, /第二产业/u, /第三产业/u],
  [/城镇/u, /乡村|农村/u],
  [/男/u, /女/u],
];

/**
 * True when the list is complete by its own words: 分别为/依次为 right after the total, or labels that
 * name every member of one category set exactly once (第一产业/第二产业/第三产业, 城镇/乡村, 男/女).
 */
function partitionByWords(text: string, total: Quantity, list: readonly Quantity[]): boolean {
  if (list.length < 2) return false;
  if (/^[^，,。；;\d]{0,6}[，,：:]?\s*(?:分别为|分别是|依次为|依次是)/u.test(text.slice(total.end, list[0]!.start))) return true;
  const labels = list.map((p) => p.label.replace(LABEL_NOISE, ""));
  return PARTITIONS.some((set) => set.length === labels.length && set.every((m) => labels.filter((l) => m.test(l)).length === 1) && labels.every((l) => set.filter((m) => m.test(l)).length === 1));
}

/**
 * Length of the shortest prefix of `parts` that holds a complementary pair of labels (受理 / 不予受理,
 * 同意 / 不同意, 办结 / 未办结), or null.
 */
function complementaryPrefix(parts: readonly Quantity[]): number | null {
  const cores = parts.map((p) => p.label.replace(LABEL_NOISE, ""));
  for (let j = 1; j < parts.length; j++) {
    const neg = cores[j]!;
    if (!NEG_PREFIX.test(neg)) continue;
    const positive = neg.replace(NEG_PREFIX, "");
    if (positive.length < 2) continue;
    for (let k = 0; k < j; k++) {
      const core = cores[k]!;
      if (core.length >= 2 && (core.endsWith(positive) || positive.endsWith(core))) return j + 1;
    }
  }
  return null;
}

function matchingClose(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    const ch = text[k];
    if (ch === "(" || ch === "（") depth++;
    else if (ch === ")" || ch === "）") {
      depth--;
      if (depth === 0) return k;
    } else if (ch === "。") return -1;
  }
  return -1;
}

/** True when the parts after the bracket, up to the end of the clause group, complete the sum. */
function closesWithFollowing(text: string, qs: readonly Quantity[], total: Quantity, list: readonly Quantity[]): boolean {
  const last = list[list.length - 1]!;
  const more: Quantity[] = [];
  for (const q of qs) {
    if (q.start <= last.end || q.depth !== total.depth) continue;
    if (/[；;。]/u.test(text.slice(last.end, q.start))) break;
    if (!sameGroup(q, total) || !usable(q)) continue;
    more.push(q);
    if (closeTo(total, [...list, ...more])) return true;
  }
  return false;
}

/** What a label names, without 其中 and trailing verbs of degree (`其中寿险业务给付` → 给付). */
function headOf(label: string): string {
  return label.replace(/(?:为|达到|达|共计|合计|共|约|有)+$/u, "").slice(-2);
}

/** A part after ； that names what the total or the first part names (赔款, 给付) continues the list. */
function parallelPart(p: Quantity, first: Quantity, total: Quantity): boolean {
  const head = headOf(p.label);
  return head.length === 2 && !TOTAL_MARK.test(p.label) && (total.label.includes(head) || first.label.includes(head));
}

/**
 * Slack for a sum of rounded figures: each written figure may be off by half a unit of its last digit
 * (official statistics round parts and total separately: 1269+281+1576 亿元 = 3126 written 3125).
 */
function roundingSlack(total: Quantity, parts: readonly Quantity[]): number {
  return parts.reduce((s, p) => s + 0.5 * 10 ** -p.decimals * scaleOf(p), 0.5 * 10 ** -total.decimals * scaleOf(total));
}

/** Integers without 万/亿 are exact counts (68件); decimals or a 万/亿 scale mean rounded figures. */
function scaled(total: Quantity, parts: readonly Quantity[]): boolean {
  return [total, ...parts].some((q) => scaleOf(q) > 1);
}

function closeTo(total: Quantity, parts: readonly Quantity[]): boolean {
  const sum = parts.reduce((s, p) => s + p.value, 0);
  const exact = Math.max(total.decimals, ...parts.map((p) => p.decimals)) === 0 && !scaled(total, parts);
  return exact ? sum === total.value : Math.abs(sum - total.value) <= roundingSlack(total, parts) + 1e-9;
}

function scaleOf(q: Quantity): number {
  const m = /(万亿|亿|万|千)/u.exec(q.text);
  const s = m ? (m[1] === "万亿" ? 1e12 : m[1] === "亿" ? 1e8 : m[1] === "万" ? 1e4 : 1e3) : 1;
  return q.unit === "万元" ? s * 1e4 : q.unit === "亿元" ? s * 1e8 : s;
}
