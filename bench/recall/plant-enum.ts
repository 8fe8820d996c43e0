/**
 * @fileoverview Planted defects of issue 11 items 1, 3 and 9 (bench/recall.md), built from real report text:
 *
 * - `enum-count`: an announcement whose numbered list agrees with it in the original (`重点抓好八个方面工作：`
 *   + （一）…（八）, `把握好“三个必须”：` + 一是…三是) gets its count changed by one (`count`), or loses its
 *   last item with the item's text (`item`), as when a drafter drops a section and forgets the count;
 * - `status-exceeds`: a real total of cases received (`交办群众信访举报271件`) followed by exclusive states
 *   whose sum exceeds it by 2–8 % (`，已办结…件，正在办理…件，转交有关部门…件`);
 * - `points-level`: a level's real change in percent (`PM2.5平均浓度下降12.5%`, `发案起数下降4.5%`) written in
 *   percentage points;
 * - `last-year-base`: `比上年`/`较上年`/`上年同期` in the review of a 政府工作报告 delivered the year after it
 *   reviews, written with 去年.
 *
 * The list, the review part and the levels are read here on their own terms (not with the check's code), so
 * a miss is a miss of the check.
 */
import type { Block } from "../../pipeline/model/document.js";
import { findYearMentions } from "../../pipeline/text/year-mentions.js";
import { parseChineseNumber } from "../../pipeline/text/arith-numbers.js";
import { STYLE_LEVEL } from "../../pipeline/text/numbering.js";
import type { CheckType } from "../../pipeline/model/finding.js";
import type { DefectClass, Site } from "./plant.js";
import type { SourceDoc } from "./core.js";

// Small copies of plant.ts's helpers: plant.ts imports this file for its class list, so importing values
// back from it would make a cycle.
interface Line {
  block: Block;
  start: number;
  end: number;
}
function lines(doc: SourceDoc): Line[] {
  return doc.seg.blocks.filter((b) => b.kind === "paragraph").map((b) => {
    const [start, end] = doc.seg.normalized.map.toOriginal(b.start, b.end);
    return { block: b, start, end };
  });
}
function clean(doc: SourceDoc, expect: CheckType[], start: number, end: number): boolean {
  return !doc.findings.some((f) => expect.includes(f.check) && f.start < end && start < f.end);
}
function replace(text: string, start: number, end: number, by: string): { text: string; span: [number, number] } {
  return { text: text.slice(0, start) + by + text.slice(end), span: [start, start + by.length] };
}

const CN_DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
const orig = (doc: SourceDoc, s: number, e: number) => doc.seg.normalized.map.toOriginal(s, e);

// ---------------------------------------------------------------------------------------------
// Counts before their list

const ANNOUNCEMENT = /(?<![第一二三四五六七八九十两])(两|[二三四五六七八九]|十[一二]?)(个方面|方面|项|大|条|点|个)([^，,。；;：:、\d]{0,8})[：:]\s*$/u;

/** The numbered blocks after block `i`: items of the first block's style, up to a higher marker or a restart. */
function listAfter(blocks: readonly Block[], i: number): { items: Block[]; closedBy: Block | null } | null {
  const first = blocks.slice(i + 1).find((b) => b.kind !== "chrome");
  const style = first?.numbering?.style;
  if (!first || !style || first.numbering!.value !== 1 || style === "cn-di") return null;
  const level = STYLE_LEVEL[style] ?? 9;
  const items: Block[] = [];
  for (let k = first.index; k < blocks.length; k++) {
    const b = blocks[k]!;
    if (b.kind === "chrome") continue;
    if (b.kind !== "paragraph" && b.kind !== "heading") return { items, closedBy: b };
    const n = b.numbering;
    if (!n) continue;
    if (n.style === style) {
      if (n.value === 1 && items.length) return { items, closedBy: b };
      if (n.value !== items.length + 1) return null;
      // A run-in paragraph holding more markers (一是…二是…) is not one item per block.
      if (style === "cn-shi" && /[；。]\s*[二三四五六七八九十]是/u.test(b.text)) return null;
      items.push(b);
      continue;
    }
    if ((STYLE_LEVEL[n.style] ?? 9) < level || (level === 9 && (STYLE_LEVEL[n.style] ?? 9) < 9)) return { items, closedBy: b };
  }
  return { items, closedBy: null };
}

const enumCount: DefectClass = {
  id: "enum-count",
  title: "count announced before its list changed, or the list's last item dropped",
  expect: ["arithmetic"],
  sites(doc) {
    const out: Site[] = [];
    const blocks = doc.seg.blocks;
    for (const l of lines(doc)) {
      const b = l.block;
      const m = ANNOUNCEMENT.exec(b.text);
      if (!m || /等|主要|其中|以|为|按照|围绕/u.test(m[3]!)) continue;
      const n = parseChineseNumber(m[1]!);
      const list = listAfter(blocks, b.index);
      if (n === null || n < 2 || !list || list.items.length !== n) continue;
      const [cs, ce] = orig(doc, b.start + m.index, b.start + m.index + m[1]!.length + m[2]!.length);
      if (!clean(doc, this.expect, cs, ce)) continue;
      const style = list.items[0]!.numbering!.style;
      // The count one more or one less (never below 2).
      const by = CN_DIGITS[n >= 3 && (b.index + n) % 2 === 0 ? n - 1 : n + 1]!;
      const numeralEnd = cs + m[1]!.length;
      const r1 = replace(doc.original, cs, numeralEnd, by);
      out.push({ variant: `${style} count`, text: r1.text, span: [cs, ce + (by.length - m[1]!.length)], note: `${m[0].trim()} → ${by}${m[2]}: ${n} items follow` });
      // The last item dropped with its text, up to what closes the list (not at the end of the text).
      if (list.closedBy) {
        const last = list.items[n - 1]!;
        const [ls] = orig(doc, last.start, last.end);
        const [bs] = orig(doc, list.closedBy.start, list.closedBy.end);
        const lineStart = doc.original.lastIndexOf("\n", ls - 1) + 1;
        const closeLine = doc.original.lastIndexOf("\n", bs - 1) + 1;
        if (closeLine > lineStart) {
          const r2 = replace(doc.original, lineStart, closeLine, "");
          out.push({ variant: `${style} item`, text: r2.text, span: [cs, ce], note: `${m[0].trim()}: item ${last.numbering!.raw} dropped (${closeLine - lineStart} chars), ${n - 1} left` });
        }
      }
    }
    // Inline lists: `“六个美丽”即美丽生态、美丽城市、…、美丽人文。` with as many 、 items as the count: the
    // last item dropped.
    for (const l of lines(doc)) {
      const t = doc.original.slice(l.start, l.end);
      for (const m of t.matchAll(INLINE)) {
        const n = parseChineseNumber(m[1]!);
        const items = m[5]!.split("、");
        const last = items[items.length - 1]!;
        if (n === null || n < 3 || items.length !== n || items.some((x) => x.trim().length === 0 || x.length > 20 || /\d|等/u.test(x)) || /和|及|与|并/u.test(last)) continue;
        const cs = l.start + m.index;
        const ce = cs + m[1]!.length + m[2]!.length;
        if (!clean(doc, this.expect, cs, ce)) continue;
        const listEnd = cs + m[0].length - 1;
        const r = replace(doc.original, listEnd - last.length - 1, listEnd, "");
        out.push({ variant: "inline item", text: r.text, span: [cs, ce], note: `${m[1]}${m[2]}${m[3]}${m[4]}…: item ${last} dropped, ${n - 1} left` });
      }
    }
    return out;
  },
};

const INLINE = /(?<![第一二三四五六七八九十两])(两|[二三四五六七八九]|十[一二]?)(个|项|大|条|种|类)([^，,。；;：:、\d即]{0,8}?)[”"]?[，,]?(即|分别为|分别是)[：:]?([^。；;，,：:]+)[。；;]/gu;

// ---------------------------------------------------------------------------------------------
// Exclusive states above their total

const RECEIVED = /(共受理|共收到|共接到|共办理|受理|收到|接到|交办|登记)([^，,。；;\d]{0,16}?)(\d{2,5})件(?![次])/gu;

const statusExceeds: DefectClass = {
  id: "status-exceeds",
  title: "exclusive case states (已办结/正在办理/转交) adding up to more than the cases received",
  expect: ["arithmetic"],
  sites(doc) {
    const out: Site[] = [];
    for (const l of lines(doc)) {
      const t = doc.original.slice(l.start, l.end);
      if (/结转|上年|往年|新受理|新收/u.test(t)) continue;
      for (const m of t.matchAll(RECEIVED)) {
        const total = Number(m[3]);
        const clauseStart = Math.max(...["，", ",", "；", ";", "。", "：", ":"].map((d) => t.lastIndexOf(d, m.index))) + 1;
        if (total < 20 || /新/u.test(m[2]!) || /办结|完成|解决/u.test(t.slice(clauseStart, m.index + m[0].length))) continue;
        const at = l.start + m.index + m[0].length;
        // What follows the total in its clause: nothing, or the count of 已办结 cases (kept as the first state).
        const rest = /^(?:[，,]\s*(?:已|均已)?办结(\d+)件)?/u.exec(doc.original.slice(at))!;
        const done = rest[1] ? Number(rest[1]) : Math.round(total * 0.62);
        const excess = Math.max(2, Math.round(total * (0.02 + (total % 7) / 100)));
        if (done >= total) continue;
        const left = total - done + excess;
        const three = (l.block.index + total) % 2 === 0 && left >= 4;
        const pending = three ? Math.round(left * 0.6) : left;
        const states = three ? `，已办结${done}件，正在办理${pending}件，转交有关部门${left - pending}件` : `，已办结${done}件，正在办理${pending}件`;
        const start = l.start + m.index;
        if (!clean(doc, this.expect, start, at + rest[0].length)) continue;
        const r = replace(doc.original, at, at + rest[0].length, states);
        out.push({ variant: three ? "three states" : "two states", text: r.text, span: [start, r.span[1]], note: `${m[0]}${states}: ${done}+${three ? `${pending}+${left - pending}` : pending} = ${total + excess}` });
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Percentage points for a level

const LEVEL_CHANGE = /(浓度|排放量|排放总量|数量|人数|件数|起数|次数)((?:平均|年均|均|分别|同比|比上年|较上年)*)(下降|降低|减少|上升|提高|增加|增长)(\d+(?:\.\d+)?)([%％])/gu;

const pointsLevel: DefectClass = {
  id: "points-level",
  title: "a level's change (浓度下降12.5%) written in percentage points",
  expect: ["arithmetic"],
  sites(doc) {
    const out: Site[] = [];
    for (const l of lines(doc)) {
      const t = doc.original.slice(l.start, l.end);
      for (const m of t.matchAll(LEVEL_CHANGE)) {
        // A rate's noun right before (达标率数量?) or a subject that is a share: not a level.
        const before = t.slice(Math.max(0, m.index - 6), m.index);
        if (/率|比|占/u.test(before)) continue;
        const pct = l.start + m.index + m[0].length - 1;
        const numStart = pct - m[4]!.length;
        if (!clean(doc, this.expect, numStart, pct + 1)) continue;
        const r = replace(doc.original, pct, pct + 1, "个百分点");
        const kind = m[1] === "浓度" ? "concentration" : /排放/u.test(m[1]!) ? "emission" : "count";
        out.push({ variant: kind, text: r.text, span: [numStart, r.span[1]], note: `${m[0]} → ${m[4]}个百分点` });
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// 去年 as a comparison base in a 政府工作报告's review

/** 比上年 / 较上年 / 与上年 / 上年同期, and 同比 before a change verb (written 比去年 as drafters do). */
const BASE = /(比|较|与)上年(同期)?|上年同期|同比(?=增长|下降|提高|降低|增加|减少|上升)/gu;

const lastYearBase: DefectClass = {
  id: "last-year-base",
  title: "比上年/较上年 in the review of a 政府工作报告 delivered the next year written as 比去年",
  expect: ["year-consistency"],
  sites(doc) {
    const out: Site[] = [];
    const p = doc.profile;
    if (!p || p.genre !== "gov-work-report" || !p.date || p.dateSource !== "delivery" || p.reportYear === null) return out;
    const delivered = Number(p.date.slice(0, 4));
    const y = p.reportYear;
    if (delivered !== y + 1 || (p.reviewPeriod && p.reviewPeriod[0] !== p.reviewPeriod[1])) return out;
    // The review: from the delivery line to the first block naming the year of delivery or 今年.
    let started = false;
    for (const b of doc.seg.blocks) {
      if (b.kind !== "paragraph" && b.kind !== "heading") continue;
      const years = findYearMentions(b.text);
      if (!started) {
        started = /代表大会/u.test(b.text) && years.some((x) => x.year === delivered);
        continue;
      }
      if (/今年|明年/u.test(b.text) || years.some((x) => x.year >= delivered)) break;
      if (b.kind !== "paragraph") continue;
      for (const m of b.text.matchAll(BASE)) {
        const sStart = Math.max(...["。", "；", "！", "？"].map((d) => b.text.lastIndexOf(d, m.index))) + 1;
        const ends = ["。", "；", "！", "？"].map((d) => b.text.indexOf(d, m.index)).filter((x) => x >= 0);
        const sentence = b.text.slice(sStart, ends.length ? Math.min(...ends) : b.text.length);
        if (findYearMentions(sentence).some((x) => x.year !== y) || /当前|目前/u.test(sentence)) continue;
        const tongbi = m[0] === "同比";
        const at = b.start + m.index + (tongbi ? 0 : m[0].indexOf("上年"));
        const [s, e] = orig(doc, at, at + 2);
        if (doc.original.slice(s, e) !== (tongbi ? "同比" : "上年") || !clean(doc, this.expect, s, e)) continue;
        const r = replace(doc.original, s, e, tongbi ? "比去年" : "去年");
        const span: [number, number] = tongbi ? [s + 1, s + 3] : r.span;
        out.push({ variant: tongbi ? "同比" : m[0].startsWith("上年") ? "上年同期" : `${m[1]}上年`, text: r.text, span, note: `${m[0]} → ${tongbi ? "比去年" : m[0].replace("上年", "去年")} in the review of ${y} (delivered ${p.date})` });
      }
    }
    return out;
  },
};

export const ISSUE11_CLASSES: DefectClass[] = [enumCount, statusExceeds, pointsLevel, lastYearBase];
