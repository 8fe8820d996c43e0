/**
 * @fileoverview Heading and list numbering: 一、二、三 / （一）（二） / 1. 2. / （1）（2） / 一是 二是 /
 * 第一 第二. Reports skipped, repeated and out-of-order numbers, a sequence that does not start at
 * its first value, a level used under the wrong parent (（一） under 1.), and a restart at 1 with
 * no new parent heading in between.
 *
 * How it reads the document (document scope): the segmenter gives each heading/paragraph block its
 * leading marker (`Block.numbering`, both bracket and dot widths already folded). Markers are
 * walked in order with a stack of open sequences, one per style. A marker of a style already on the
 * stack closes the sequences opened after it (children end when the parent continues). Hierarchical
 * styles rank 一、 > （一） > 1. > （1）; run-in styles (一是, 第一) may sit under any parent and may
 * restart at 1 anywhere, because prose restarts them paragraph by paragraph. Run-in markers inside
 * a paragraph (…主要体现在：一是…。二是…) are read too.
 *
 * Decisions (docs/checks/numbering.md):
 * - An unnumbered heading-like line (a heading block, or a short paragraph without sentence-final
 *   punctuation) counts as a new parent: lower sequences may restart after it. This is what keeps a
 *   section whose own marker was deleted from raising a second, spurious finding.
 * - Markers inside noise (page numbers, numbers glued to years by PDF extraction) are skipped; they
 *   are extraction-noise findings, not numbering errors.
 * - A wrong parent is reported once per (parent style, child style) pair per document, so a report
 *   that consistently uses an unusual hierarchy gets one finding, not fifty.
 */
import { z } from "zod";
import type { Block, NumberingStyle } from "../model/document.js";
import { defineCheck, type CheckContext, type RawFinding } from "./define-check.js";
import { profileOf } from "../stages/profile.js";
import { chineseNumeralValue, findInlineShiMarkers, findRunInMarker, formatMarker, formatMarkerLike } from "./numbering/markers.js";

const STYLES = ["cn-dun", "cn-paren", "arabic-dot", "arabic-paren", "cn-shi", "cn-di"] as const;
const styleSchema = z.enum(STYLES);

interface Marker {
  style: NumberingStyle;
  value: number;
  raw: string;
  /** Absolute normalized offsets. */
  start: number;
  end: number;
  blockIndex: number;
  inline: boolean;
  /** Recovered from text the segmenter did not read as a marker (`20.2026年…`, `（\n三）`): used only when it is the expected next value. */
  tentative?: boolean;
}

interface Frame {
  style: NumberingStyle;
  last: number;
  lastRaw: string;
  /** A new-parent boundary (unnumbered heading) was seen since the last marker of this frame. */
  boundary: boolean;
  /** A lead-in sentence (…重点抓好以下工作：) was seen since the last marker of this frame. */
  leadIn: boolean;
  /** Absolute end offset of the last marker. */
  lastEnd: number;
  /** Opened by text that begins inside the document (an excerpt, a page opening at （三）): its parent lies before the text. */
  orphan?: boolean;
}

export default defineCheck({
  type: "numbering",
  description: { zh: "标题与列表序号连续、不重复、层级正确", en: "Heading and list numbers are continuous, unique and correctly nested" },
  defaultScope: "document",
  scopes: ["document"],
  options: z
    .object({
      /** Hierarchical styles from the top level down. */
      hierarchy: z.array(styleSchema).default(["cn-dun", "cn-paren", "arabic-dot", "arabic-paren"]),
      /** Run-in styles: any parent, restart at 1 allowed anywhere. */
      runIn: z.array(styleSchema).default(["cn-shi", "cn-di"]),
      /** Also read 一是 二是 inside paragraphs. */
      inline: z.boolean().default(true),
      /** Report a level under the wrong parent (（一） under 1.). */
      wrongParent: z.boolean().default(true),
      /** Report a restart at 1 without a new parent. */
      restart: z.boolean().default(true),
      /** An unnumbered paragraph this short without final punctuation counts as a heading (new parent). */
      headingMaxLength: z.number().int().min(0).default(40),
    })
    .strict(),
  messages: {
    skipped: { zh: "序号不连续：“{{raw}}”之前缺少{{missing}}", en: "Numbering skips {{missing}} before “{{raw}}”" },
    repeated: { zh: "序号重复：“{{raw}}”与上一个同级序号“{{prev}}”相同", en: "Repeated number: “{{raw}}” repeats the previous sibling “{{prev}}”" },
    outOfOrder: { zh: "序号顺序颠倒：“{{raw}}”排在“{{prev}}”之后", en: "Numbers out of order: “{{raw}}” comes after “{{prev}}”" },
    badStart: { zh: "同级序号应从“{{first}}”开始，此处为“{{raw}}”", en: "A sequence should start at “{{first}}”, found “{{raw}}”" },
    wrongParent: {
      zh: "层级错误：“{{raw}}”不应直接置于“{{parent}}”级标题之下（层级应为 {{order}}）",
      en: "Wrong level: “{{raw}}” should not sit directly under a “{{parent}}” heading (order: {{order}})",
    },
    restart: {
      zh: "序号“{{raw}}”重新从头编号，但前面没有新的上级标题（上一个同级序号为“{{prev}}”）",
      en: "“{{raw}}” restarts the numbering without a new parent heading (previous sibling “{{prev}}”)",
    },
  },
  compile(options) {
    const rank = new Map<NumberingStyle, number>(options.hierarchy.map((s, i) => [s, i]));
    return { ...options, rank, runIn: new Set<NumberingStyle>(options.runIn) };
  },
  run(unit, compiled, ctx) {
    const markers = collectMarkers(ctx, compiled.inline, compiled.headingMaxLength);
    const findings: RawFinding[] = [];
    const stack: Frame[] = [];
    const wrongParentSeen = new Set<string>();
    // A number typed twice (二、 二、) whose sequence then goes on at the number after the next (四、): the
    // second one was meant as the missing number (三、), a mechanical fix.
    const repeatedIn = new Map<Frame, { finding: RawFinding; m: Marker }>();
    const rel = (m: Marker): [number, number] => [m.start - unit.start, m.end - unit.start];
    // The last value of the most recently closed sequence of each style: a list numbered through
    // its sections (notes 1–18 under 一、, 19–38 under 二、) continues it under the next parent.
    const closed = new Map<NumberingStyle, number>();
    const excerpt = profileOf(ctx.doc).completeness.some((c) => c.issue === "excerpt");
    const truncate = (n: number) => {
      for (const f of stack.splice(n)) closed.set(f.style, f.last);
    };
    // The values between two markers stand in the text as run-in items (…和庐山。12.“两声三乱”…):
    // the line break was lost, the number was not.
    const runInBetween = (style: NumberingStyle, from: number, to: number, first: number, last: number): boolean => {
      const text = ctx.doc.text.slice(from, to);
      // The items were left out on purpose: （略） / 此处省略 between the two markers.
      if (OMISSION.test(text)) return true;
      let at = 0;
      for (let v = first; v <= last; v++) {
        const i = findRunInMarker(text, style, v, at);
        if (i < 0) return false;
        at = i + 1;
      }
      return true;
    };

    // End of the previous marker of any style: a new sequence's earlier values may stand run-in
    // between it and the new marker (…以下几个方面工作:（一）着力推动… then （二） on its own line).
    let prevEnd = 0;
    let firstMarker = true;
    for (const item of markers) {
      if (item === "boundary") {
        for (const f of stack) f.boundary = true;
        continue;
      }
      if (item === "lead-in") {
        for (const f of stack) f.leadIn = true;
        continue;
      }
      if (item === "part") {
        // 附件 / 名词解释: a new part of the document numbers from scratch.
        stack.length = 0;
        closed.clear();
        continue;
      }
      const m = item;
      // The text opens inside a list when no sentence stands before its first marker (a page of a
      // longer report: `Page 8 - …年度报告 P. 8` then `四、…`); a report that opens with a title and a
      // sentence before `二、` has really lost its `一、`.
      const opensDocument = firstMarker && !SENTENCE_END.test(ctx.doc.text.slice(0, m.start));
      firstMarker = false;
      const isRunIn = compiled.runIn.has(m.style);
      const myRank = compiled.rank.get(m.style);
      if (!isRunIn && myRank === undefined) continue; // style not configured
      if (!isRunIn) {
        // A heading ends every run-in list (一是 二是) opened under the previous heading.
        while (stack.length && compiled.runIn.has(stack[stack.length - 1]!.style)) truncate(stack.length - 1);
      }
      // Run-in markers only continue run-in lists above the nearest heading sequence; hierarchical
      // markers find their sequence anywhere on the stack.
      let at = -1;
      for (let i = stack.length - 1; i >= 0; i--) {
        if (stack[i]!.style === m.style) {
          at = i;
          break;
        }
        if (isRunIn && !compiled.runIn.has(stack[i]!.style)) break;
      }
      // A list nested in a list of the same style (九个方面 一、…九、 inside 二、): a number the inner
      // list has passed (三、 after 九、) continues the outer sequence; a forward skip stays the inner's.
      if (at > 0 && !isRunIn && m.value <= stack[at]!.last) {
        for (let i = at - 1; i >= 0; i--) {
          if (stack[i]!.style === m.style && m.value === stack[i]!.last + 1) {
            at = i;
            break;
          }
        }
      }
      // A recovered marker counts only as the expected next number, or as the 1 that opens a sequence.
      if (m.tentative && (at < 0 ? m.value !== 1 : m.value !== stack[at]!.last + 1)) continue;
      const from = prevEnd;
      prevEnd = m.end;
      if (at >= 0 && m.value === 1 && !isRunIn && stack[at]!.leadIn && !stack[at]!.boundary && stack[at]!.last > 1) {
        // A list introduced by a lead-in sentence inside the current section: nested, the outer
        // sequence stays open.
        stack.push({ style: m.style, last: 1, lastRaw: m.raw, boundary: false, leadIn: false, lastEnd: m.end });
        continue;
      }
      if (at >= 0) {
        truncate(at + 1);
        const frame = stack[at]!;
        const prev = frame.lastRaw;
        const repeated = repeatedIn.get(frame);
        if (repeated) {
          repeatedIn.delete(frame);
          if (m.value === repeated.m.value + 2) repeated.finding.fix = { span: rel(repeated.m), replacement: formatMarkerLike(repeated.m.style, repeated.m.value + 1, repeated.m.raw) };
        }
        if (m.value === frame.last + 1) {
          // continues
        } else if (m.value === 1 && (isRunIn || frame.boundary)) {
          // restart at a new parent (or a run-in list starting again)
        } else if (m.value === frame.last) {
          const finding: RawFinding = { span: rel(m), messageId: "repeated", data: { raw: m.raw, prev }, evidence: { style: m.style, value: m.value, previous: frame.last } };
          findings.push(finding);
          repeatedIn.set(frame, { finding, m });
        } else if (m.value === 1) {
          if (compiled.restart) findings.push({ span: rel(m), messageId: "restart", data: { raw: m.raw, prev }, evidence: { style: m.style, value: 1, previous: frame.last } });
        } else if (m.value > frame.last + 1) {
          if (!runInBetween(m.style, frame.lastEnd, m.start, frame.last + 1, m.value - 1)) findings.push(skippedFinding(m, frame.last + 1, rel(m)));
        } else {
          findings.push({ span: rel(m), messageId: "outOfOrder", data: { raw: m.raw, prev }, evidence: { style: m.style, value: m.value, previous: frame.last } });
        }
        frame.last = m.value;
        frame.lastRaw = m.raw;
        frame.lastEnd = m.end;
        frame.boundary = false;
        frame.leadIn = false;
        continue;
      }
      // A new sequence: check its parent, then its first value.
      // The text began below this level (an excerpt opening at （三）, then 二、): the lower sequences
      // were children of an earlier, unseen part of this level; this marker closes them and may
      // continue that unseen sequence.
      let resumesAbove = false;
      if (!isRunIn) {
        const outer = stack.findIndex((f) => compiled.rank.has(f.style));
        const lowerOnly = stack.every((f) => !compiled.rank.has(f.style) || compiled.rank.get(f.style)! > myRank!);
        if (outer >= 0 && stack[outer]!.orphan && lowerOnly) {
          truncate(outer);
          resumesAbove = true;
        }
      }
      if (!isRunIn && compiled.wrongParent) {
        const parent = [...stack].reverse().find((f) => compiled.rank.has(f.style));
        const parentRank = parent ? compiled.rank.get(parent.style)! : -1;
        if (parent && parentRank > myRank!) {
          const key = `${parent.style}>${m.style}`;
          if (!wrongParentSeen.has(key)) {
            wrongParentSeen.add(key);
            findings.push({
              span: rel(m),
              messageId: "wrongParent",
              data: { raw: m.raw, parent: formatMarker(parent.style, 1), order: compiled.hierarchy.map((s) => formatMarker(s, 1)).join(" → ") },
              evidence: { style: m.style, parentStyle: parent.style },
            });
          }
        }
      }
      const beginsInside = (excerpt && !stack.some((f) => f.style === m.style) && !closed.has(m.style)) || opensDocument;
      const continues =
        // An excerpt (（节选）, 开头部分已省略) may begin in the middle of a list.
        beginsInside ||
        resumesAbove ||
        // 一是 run into the end of the heading line before (a page break or a lost line break:
        // （一）加强政务公开一是完善制度。), so it does not follow punctuation.
        (isRunIn && m.style === "cn-shi" && m.value === 2 && gluedFirstShi(ctx.doc.text.slice(lookbackStart(ctx, m), m.start))) ||
        (!isRunIn && m.value > 1 && (closed.get(m.style) === m.value - 1 || runInBetween(m.style, from, m.start, 1, m.value - 1))) ||
        // 首先，… 第二，… 第三，…: the first item was written 首先 (a mix of styles, not a missing number).
        (isRunIn && m.value === 2 && FIRST_WORD.test(ctx.doc.text.slice(from, m.start)));
      if (m.value !== 1 && !continues) findings.push(m.value > 1 ? skippedFinding(m, 1, rel(m)) : { span: rel(m), messageId: "badStart", data: { raw: m.raw, first: formatMarker(m.style, 1) }, evidence: { style: m.style, value: m.value } });
      // Only a hierarchical sequence the text opened inside, with no parent of its own on the stack, is an orphan.
      const orphan = !isRunIn && (beginsInside || resumesAbove) && (m.value > 1 || excerpt) && !stack.some((f) => compiled.rank.has(f.style));
      stack.push({ style: m.style, last: m.value, lastRaw: m.raw, boundary: false, leadIn: false, lastEnd: m.end, orphan });
    }
    return findings;
  },
});

function skippedFinding(m: Marker, expected: number, span: [number, number]): RawFinding {
  const missingValues: number[] = [];
  for (let v = expected; v < m.value && missingValues.length < 5; v++) missingValues.push(v);
  const missing = missingValues.map((v) => `“${formatMarkerLike(m.style, v, m.raw)}”`).join("") + (m.value - expected > 5 ? "…" : "");
  return {
    span,
    messageId: "skipped",
    data: { raw: m.raw, missing },
    evidence: { style: m.style, value: m.value, expected, missing: missingValues },
    suggestion: { zh: `检查是否遗漏或删除了${missing}，或将本序号改为“${formatMarkerLike(m.style, expected, m.raw)}”`, en: `Check whether ${missing} was left out, or renumber this as “${formatMarkerLike(m.style, expected, m.raw)}”` },
  };
}

/**
 * Where to look back for a glued 一是 before a 二是: the start of the block before the marker's block
 * (the heading line the 一是 was run into, possibly across a page break).
 */
function lookbackStart(ctx: CheckContext, m: Marker): number {
  const prev = ctx.doc.blocks[m.blockIndex - 1];
  return prev ? prev.start : (ctx.doc.blocks[m.blockIndex]?.start ?? 0);
}

/**
 * A 一是 glued to a heading: a heading marker, a short title without punctuation, then 一是
 * (`（一）加强政务公开和政府信息公开一是完善…`). 统一是 / 唯一是 / 第一是 are words, not markers.
 */
const GLUED_FIRST_SHI = /(?:^|\n|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)[^。；;，,：:！？!?\n（()）、]{2,40}?(?<![统唯第同单专逐万划归合不之均])一是(?!否)/u;

function gluedFirstShi(text: string): boolean {
  return GLUED_FIRST_SHI.test(text);
}

/** Items left out on purpose between two markers. */
const OMISSION = /[（(]\s*(?:略|此处略|下略|中略|内容略|以下略|后略)\s*[)）]|此处省略|(?:部分|内容|以下|中间)(?:已)?省略/u;

/** A sentence end: text before the first marker that holds one is the report's own opening, not a page header. */
const SENTENCE_END = /[。！？!?]/u;
/**
 * A table row flattened into a line (`四、结转下年度继续办理 0 0 0 0 0 0 0`, `一、本年新收申请数量 | 58 | 7 | 66`):
 * the 一、 of a row label in a statistics table is not a heading of the report.
 */
const TABLE_ROW_TAIL = /(?:[\s|｜]+[-−]?\d[\d.,]*[%‰]?){3,}[\s|｜]*$/u;

/** 首先 / 第一步 opening an item: the first of a 第二 / 二是 list written in words. */
const FIRST_WORD = /(?:^|[。；;：:！？!?\s”])(?:首先|其一|第一步)[，,、：:]?/u;

/** A block that starts a new part of the document: an attachment or a glossary of the report's terms. */
const PART_START = /^(?:附\s*件\s*[\d一二三四五六七八九十]*|附\s*录\s*[\d一二三四五六七八九十]*|附表\s*\d*|(?:有关)?名词(?:解释|注释|释义)|注\s*释|注\s*解|释\s*义|《[^》]{2,30}》(?:名词)?(?:释义|注释|解释))\s*[：:]?$/u;
/**
 * The last sentence of a paragraph announces a list: it ends with a colon, with 如下, or with 以下/下列
 * and what the items are (…做好以下九个方面的工作。); `控制在4.5%以下。` announces nothing.
 */
const LEAD_IN = /(?:[：:]|如下[。；]?|(?:以下|下列)[^。！？；]{0,20}?(?:工作|方面|几点|措施|任务|内容|要求|问题|重点|事项|目标|举措)[。；]?)$/u;

/**
 * Markers of the document in reading order, with "boundary" where an unnumbered heading-like line
 * stands, "lead-in" after a paragraph that announces a list, and "part" where an attachment or a
 * glossary begins.
 */
function collectMarkers(ctx: CheckContext, inline: boolean, headingMaxLength: number): (Marker | "boundary" | "lead-in" | "part")[] {
  const out: (Marker | "boundary" | "lead-in" | "part")[] = [];
  const blocks = ctx.doc.blocks;
  let skipBlock = -1;
  for (const b of blocks) {
    if (b.kind !== "heading" && b.kind !== "paragraph") continue;
    if (b.index === skipBlock) continue;
    if (ctx.isNoise(b.start, b.end) && isAllNoise(ctx, b)) continue;
    const n = b.numbering;
    if (n && TABLE_ROW_TAIL.test(b.text)) continue;
    let innerFrom = 0;
    if (!n) {
      const rec = recoverMarker(b, blocks[b.index + 1]);
      if (rec) {
        out.push(rec);
        if (rec.blockIndex !== b.index) skipBlock = rec.blockIndex;
        continue;
      }
    }
    if (n && !ctx.isNoise(n.start, n.end)) {
      out.push({ style: n.style, value: n.value, raw: n.raw, start: n.start, end: n.end, blockIndex: b.index, inline: false });
      innerFrom = n.end - b.start;
    } else if (!n && PART_START.test(b.text.trim())) {
      out.push("part");
    } else if (!n && isHeadingLike(b, headingMaxLength)) {
      out.push("boundary");
    } else if (!n && b.kind === "paragraph" && LEAD_IN.test(b.text.trim())) {
      out.push("lead-in");
    }
    if (!inline) continue;
    // Run-in 一是 二是 inside the paragraph (after its own marker).
    for (const im of findInlineShiMarkers(b.text)) {
      if (im.start < innerFrom) continue;
      const start = b.start + im.start;
      const end = b.start + im.end;
      if (ctx.isNoise(start, end)) continue;
      out.push({ style: "cn-shi", value: im.value, raw: im.raw, start, end, blockIndex: b.index, inline: true });
    }
  }
  return out;
}

/**
 * Markers the segmenter could not read: a list number followed by a digit (`20.2026年10件民生实事`
 * reads as a decimal), a bracket left alone on its line by extraction (`（` / `三）改革开放…`) and a
 * number that lost its opening bracket (`1)…` before `(2)…`).
 * They are tentative: the walk uses them only where they are the expected next number.
 */
function recoverMarker(b: Block, next: Block | undefined): Marker | undefined {
  const dec = /^(\d{1,2})[.．](?=\d)/u.exec(b.text);
  if (dec) return { style: "arabic-dot", value: Number(dec[1]), raw: dec[0], start: b.start, end: b.start + dec[0].length, blockIndex: b.index, inline: false, tentative: true };
  // `1)政府工作…` then `(2)推进…`: the opening bracket was lost (extraction, or typed once without it).
  const half = /^(\d{1,2})[)）](?=\D)/u.exec(b.text);
  if (half) return { style: "arabic-paren", value: Number(half[1]), raw: half[0], start: b.start, end: b.start + half[0].length, blockIndex: b.index, inline: false, tentative: true };
  if (/^[（(]$/u.test(b.text.trim()) && next) {
    const m = /^([一二三四五六七八九十]{1,3}|\d{1,2})[）)]/u.exec(next.text);
    if (m) {
      const value = /\d/.test(m[1]!) ? Number(m[1]) : chineseNumeralValue(m[1]!);
      if (value) return { style: /\d/.test(m[1]!) ? "arabic-paren" : "cn-paren", value, raw: b.text.trim() + m[0], start: b.start, end: next.start + m[0].length, blockIndex: next.index, inline: false, tentative: true };
    }
  }
  return undefined;
}

function isAllNoise(ctx: CheckContext, b: Block): boolean {
  // Cheap approximation: the first and last characters both lie in noise.
  return ctx.isNoise(b.start, b.start + 1) && ctx.isNoise(b.end - 1, b.end);
}

/** A heading block, or a short paragraph that does not end like a sentence. */
export function isHeadingLike(b: Block, maxLength: number): boolean {
  if (b.kind === "heading") return true;
  const t = b.text.trim();
  return t.length > 0 && t.length <= maxLength && !/[。！？!?；;：:，,…]$/u.test(t);
}
