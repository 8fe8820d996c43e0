/**
 * @fileoverview Punctuation of official Chinese text (GB/T 15834-2011, GB/T 9704-2012):
 * - unbalanced or wrongly nested paired marks 《》 “” ‘’ （） 【】 〔〕 [] (both bracket widths are
 *   one family, so `(一）` is balanced; mixed widths are a half-width style matter);
 * - doubled or conflicting marks (`。。`, `，，`, `,。`, `；。`);
 * - half-width , ; : ? ! ( ) . inside Chinese text, only when the rule set asks for full width
 *   (`fullWidth: true`; default off because archives are half-width after extraction);
 * - a document number must use 〔〕 around the year (`穗府〔2024〕3号`, not `[2024]` or `(2024)`);
 * - a period range must use the dash (`2021—2025年`, not `2021-2025年`), and a range whose dash was
 *   lost in extraction (`20212025年`) is reported too.
 *
 * Decisions (docs/checks/punctuation.md): straight quotes " ' are ignored for balance (their
 * direction is unknown); a “ left open at the end of a paragraph is fine when the next paragraph
 * opens with “ (the multi-paragraph quotation convention); an opener left open in the last block
 * of a document that does not end like a sentence is a truncated extract and is not reported;
 * `1）` / `a)` list markers are not unmatched brackets.
 */
import { z } from "zod";
import type { Block } from "../model/document.js";
import { defineCheck, type CheckContext, type CheckUnit, type RawFinding } from "./define-check.js";

type Family = "book" | "dquote" | "squote" | "paren" | "lenticular" | "tortoise" | "square" | "angle";
const OPEN: Record<string, Family> = { "《": "book", "“": "dquote", "‘": "squote", "（": "paren", "(": "paren", "【": "lenticular", "〔": "tortoise", "[": "square", "［": "square", "〈": "angle" };
const CLOSE: Record<string, Family> = { "》": "book", "”": "dquote", "’": "squote", "）": "paren", ")": "paren", "】": "lenticular", "〕": "tortoise", "]": "square", "］": "square", "〉": "angle" };
/** Any opening or closing mark of OPEN / CLOSE (all in the BMP, one code unit each). */
const PAIR_MARKS = new RegExp(`[${[...Object.keys(OPEN), ...Object.keys(CLOSE)].map((c) => c.replace(/[\]\[()\\^-]/g, "\\$&")).join("")}]`);
const CLOSER_OF: Record<Family, string> = { book: "》", dquote: "”", squote: "’", paren: "）", lenticular: "】", tortoise: "〕", square: "］", angle: "〉" };
const OPENER_OF: Record<Family, string> = { book: "《", dquote: "“", squote: "‘", paren: "（", lenticular: "【", tortoise: "〔", square: "［", angle: "〈" };

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";
const HALF_TO_FULL: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。" };

export default defineCheck({
  type: "punctuation",
  description: { zh: "标点符号：成对符号配对、重复或冲突标点、全半角、文号括号、时间段连接号", en: "Punctuation: paired marks, doubled marks, full/half width, document-number brackets, range dashes" },
  defaultScope: "block",
  scopes: ["block", "paragraph", "heading"],
  options: z
    .object({
      /** Unbalanced / wrongly nested paired marks. */
      pairs: z.boolean().default(true),
      /** Doubled or conflicting marks (。。 ，。). */
      doubled: z.boolean().default(true),
      /** Require full-width punctuation inside Chinese text (drafts: on; extracted archives: off). */
      fullWidth: z.boolean().default(false),
      /** Document numbers must bracket the year with 〔〕. */
      docNumber: z.boolean().default(true),
      /** Year ranges must use one of `rangeDashes`. */
      rangeDash: z.boolean().default(true),
      /** Accepted connectors in a year range; the first is suggested. */
      rangeDashes: z.array(z.string().min(1)).min(1).default(["—", "～", "至", "到"]),
    })
    .strict(),
  messages: {
    unclosed: { zh: "成对标点不完整：“{{mark}}”没有对应的“{{closer}}”", en: "Unbalanced punctuation: “{{mark}}” has no matching “{{closer}}”" },
    unopened: { zh: "成对标点不完整：“{{mark}}”前面没有对应的“{{opener}}”", en: "Unbalanced punctuation: “{{mark}}” has no matching “{{opener}}” before it" },
    nesting: { zh: "成对标点嵌套错误：“{{mark}}”出现在未关闭的“{{inner}}”之内", en: "Wrongly nested punctuation: “{{mark}}” closes while “{{inner}}” is still open" },
    innerTitle: { zh: "书名号内的书名应使用单书名号：“{{actual}}”应为“{{expected}}”", en: "A title inside a title uses 〈〉: “{{actual}}” should be “{{expected}}”" },
    doubled: { zh: "标点重复或冲突：“{{marks}}”", en: "Doubled or conflicting punctuation: “{{marks}}”" },
    halfWidth: { zh: "中文语句中使用了半角标点“{{mark}}”，应为全角“{{full}}”", en: "Half-width “{{mark}}” in Chinese text; use full-width “{{full}}”" },
    docNumber: { zh: "发文字号中的年份应使用六角括号〔〕：“{{actual}}”应为“{{expected}}”", en: "A document number brackets the year with 〔〕: “{{actual}}” should be “{{expected}}”" },
    rangeDash: { zh: "时间段“{{actual}}”的连接号不规范，应为“{{expected}}”", en: "Year range “{{actual}}” uses a wrong connector; write “{{expected}}”" },
    rangeDashLost: { zh: "时间段“{{actual}}”缺少连接号，应为“{{expected}}”", en: "Year range “{{actual}}” lost its dash; write “{{expected}}”" },
  },
  compile(options) {
    const dashes = options.rangeDashes.map(escapeRe).join("|");
    return {
      ...options,
      // A year, any connector that is not accepted, a year, then 年 or a closing bracket.
      rangeRe: new RegExp(`(?<!\\d)((?:19|20)\\d{2})(\\s*)(?!(?:${dashes})\\s*\\d)([-－‐‑‒–―~〜─]|—{2,}|─{2,})(\\s*)((?:19|20)\\d{2})(?=\\s*(?:年|[)）]))`, "gu"),
    };
  },
  run(unit, compiled, ctx) {
    const text = unit.text;
    const out: RawFinding[] = [];
    if (compiled.pairs) out.push(...checkPairs(unit, ctx));
    if (compiled.doubled) {
      for (const m of text.matchAll(/[，。、；：,;:]{2,}/gu)) {
        // The same mark typed twice (，，) keeps one; different marks (，。) need a reader to choose.
        const same = [...m[0]].every((c) => c === m[0][0]);
        out.push({ span: [m.index, m.index + m[0].length], messageId: "doubled", data: { marks: m[0] }, evidence: { marks: m[0] }, suggestion: { zh: `只保留一个标点`, en: "Keep one mark" }, ...(same ? { fix: { span: [m.index, m.index + m[0].length] as const, replacement: m[0][0]! } } : {}) });
      }
    }
    if (compiled.docNumber) {
      // An issuing-agency abbreviation (穗府, 粤府办) right before the bracket; the finding covers the
      // bracket, year and number (where the agency starts cannot be known without a list of them).
      const re = new RegExp(`(?<=[${CJK}])\\s*([\\[［【(（])\\s*((?:19|20)\\d{2})\\s*([\\]］】)）])\\s*(\\d{1,5})\\s*号`, "gu");
      for (const m of text.matchAll(re)) {
        const lead = m[0].length - m[0].trimStart().length;
        const start = m.index + lead;
        const actual = text.slice(start, m.index + m[0].length);
        const expected = `〔${m[2]}〕${m[4]}号`;
        const agency = /[\u3400-\u9fff]{1,6}$/u.exec(text.slice(0, m.index))?.[0] ?? "";
        out.push({ span: [start, m.index + m[0].length], messageId: "docNumber", data: { actual, expected }, evidence: { year: Number(m[2]), number: Number(m[4]), before: agency }, suggestion: expected, fix: { span: [start, m.index + m[0].length], replacement: expected } });
      }
    }
    if (compiled.rangeDash) {
      compiled.rangeRe.lastIndex = 0;
      for (const m of text.matchAll(compiled.rangeRe)) {
        if (Number(m[5]) <= Number(m[1])) continue;
        const expected = `${m[1]}${compiled.rangeDashes[0]}${m[5]}`;
        out.push({ span: [m.index, m.index + m[0].length], messageId: "rangeDash", data: { actual: m[0], expected }, evidence: { from: Number(m[1]), to: Number(m[5]), connector: m[3] }, suggestion: expected, fix: { span: [m.index, m.index + m[0].length], replacement: expected } });
      }
      for (const m of text.matchAll(/(?<!\d)((?:19|20)\d{2})((?:19|20)\d{2})(?=\s*年)/gu)) {
        const from = Number(m[1]);
        const to = Number(m[2]);
        if (to <= from || to - from > 30) continue;
        const expected = `${m[1]}${compiled.rangeDashes[0]}${m[2]}`;
        out.push({ span: [m.index, m.index + m[0].length], messageId: "rangeDashLost", data: { actual: m[0], expected }, evidence: { from, to }, suggestion: expected, fix: { span: [m.index, m.index + m[0].length], replacement: expected } });
      }
    }
    if (compiled.pairs) {
      // A title inside a title uses 〈〉 (GB/T 15834 4.15), not half-width < >.
      for (const m of text.matchAll(/《[^《》\n]*?(<([^<>《》\n]{1,60})>)[^《》\n]*?》/gu)) {
        const at = m.index + m[0].indexOf(m[1]!);
        const expected = `〈${m[2]}〉`;
        out.push({ span: [at, at + m[1]!.length], messageId: "innerTitle", data: { actual: m[1]!, expected }, evidence: { actual: m[1]! }, suggestion: expected, fix: { span: [at, at + m[1]!.length], replacement: expected } });
      }
    }
    if (compiled.fullWidth) out.push(...checkHalfWidth(text));
    return out.filter((f) => !ctx.isNoise(unit.start + f.span[0], unit.start + f.span[1])).sort((a, b) => a.span[0] - b.span[0]);
  },
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `1）`, `a)`, `2)` used as list markers at the start of a clause. */
function isListMarkerClose(text: string, i: number): boolean {
  const before = text.slice(Math.max(0, i - 3), i);
  return /(?:^|[\s。；;：:，,、])[0-9a-zA-Z一二三四五六七八九十]{1,2}$/u.test(before) || (i <= 2 && /^[0-9a-zA-Z一二三四五六七八九十]{1,2}$/u.test(text.slice(0, i)));
}

function checkPairs(unit: CheckUnit, ctx: CheckContext): RawFinding[] {
  const text = unit.text;
  const out: RawFinding[] = [];
  const stack: { family: Family; at: number; mark: string }[] = [];
  // Only paired marks matter: jump from one to the next instead of visiting every character.
  const marks = new RegExp(PAIR_MARKS.source, "g");
  for (let hit = marks.exec(text); hit; hit = marks.exec(text)) {
    const i = hit.index;
    const ch = text[i]!;
    // 》》 / 《《 are arrows (》》点击图片进入专题《《), never title marks: a title inside a title uses 〈〉.
    if ((ch === "《" || ch === "》") && (text[i - 1] === ch || text[i + 1] === ch)) continue;
    const open = OPEN[ch];
    if (open) {
      stack.push({ family: open, at: i, mark: ch });
      continue;
    }
    const close = CLOSE[ch];
    if (!close) continue;
    const top = stack[stack.length - 1];
    if (top?.family === close) {
      stack.pop();
      continue;
    }
    const deeper = stack.map((s) => s.family).lastIndexOf(close);
    if (deeper >= 0) {
      const inner = stack[stack.length - 1]!;
      out.push({ span: [i, i + 1], messageId: "nesting", data: { mark: ch, inner: inner.mark }, evidence: { mark: ch, openAt: stack[deeper]!.at, innerAt: inner.at }, related: [{ span: [inner.at, inner.at + 1], label: "unclosed" }] });
      stack.splice(deeper, 1); // crossing pairs (“《…”》): the inner mark stays open for its own closer
      continue;
    }
    if ((close === "paren" || close === "square") && isListMarkerClose(text, i)) continue;
    // Opened in the previous block: a pair split by a line break (extraction, 【字号：\n…\n】).
    if (stack.length === 0 && prevOpen(ctx, unit, close)) continue;
    out.push({ span: [i, i + 1], messageId: "unopened", data: { mark: ch, opener: OPENER_OF[close] }, evidence: { mark: ch } });
  }
  if (stack.length === 0) return out;
  const blocks = ctx.doc.blocks;
  const block = unit.block;
  const next = block ? nextContentBlock(blocks, block.index) : undefined;
  const truncated = block !== undefined && next === undefined && !/[。！？!?；;…”’）)】》]\s*$/u.test(text);
  for (const s of stack) {
    if (truncated) continue;
    if (s.family === "dquote" && next && /^\s*“/u.test(next.text)) continue;
    if (closedSoon(blocks, block, s.family)) continue; // closed a few lines on (a pair split by extraction)
    out.push({ span: [s.at, s.at + 1], messageId: "unclosed", data: { mark: s.mark, closer: CLOSER_OF[s.family] }, evidence: { mark: s.mark } });
  }
  return out.sort((a, b) => a.span[0] - b.span[0]);
}

function nextContentBlock(blocks: readonly Block[], index: number): Block | undefined {
  for (let j = index + 1; j < blocks.length; j++) {
    const b = blocks[j]!;
    if (b.kind === "chrome") return undefined; // footer chrome: the content ended here
    if (b.kind === "heading" || b.kind === "paragraph" || b.kind === "signature") return b;
  }
  return undefined;
}

function checkHalfWidth(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  const cjk = new RegExp(`[${CJK}“”‘’《》（）]`, "u");
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const full = HALF_TO_FULL[ch];
    if (!full) continue;
    const prev = text[i - 1] ?? "";
    const nextCh = text[i + 1] ?? "";
    // Numbers (1,000 / 16:07 / 2.5), URLs and Latin text keep half-width marks.
    if (/\d/.test(prev) && /\d/.test(nextCh)) continue;
    if (/[A-Za-z0-9/]/.test(prev) && /[A-Za-z0-9/]/.test(nextCh)) continue;
    if (ch === "." && !cjk.test(prev)) continue; // 1. list markers, decimals
    if (ch === "(" || ch === ")") {
      // Brackets count as Chinese when they hold or touch Chinese text.
      const inside = ch === "(" ? nextCh : prev;
      const outside = ch === "(" ? prev : nextCh;
      if (!cjk.test(inside) && !cjk.test(outside)) continue;
    } else if (!cjk.test(prev) && !cjk.test(nextCh)) continue;
    out.push({ span: [i, i + 1], messageId: "halfWidth", data: { mark: ch, full }, evidence: { mark: ch }, suggestion: full, fix: { span: [i, i + 1], replacement: full } });
  }
  return out;
}

/** Opens minus closes of a family in a text, stopping at the first point where closes exceed opens (returns that negative value). */
function balance(text: string, family: Family): number {
  let n = 0;
  for (const ch of text) {
    if (OPEN[ch] === family) n++;
    else if (CLOSE[ch] === family && --n < 0) return n;
  }
  return n;
}

/** How many blocks away a split pair may be closed (【字号：\n加大\n还原\n减小\n】). */
const SPLIT_PAIR_BLOCKS = 5;

/** One of the next few blocks closes a mark of this family before opening one. */
function closedSoon(blocks: readonly Block[], block: Block | undefined, family: Family): boolean {
  if (!block) return false;
  for (let j = block.index + 1, seen = 0; j < blocks.length && seen < SPLIT_PAIR_BLOCKS; j++, seen++) {
    const n = balance(blocks[j]!.text, family);
    if (n < 0) return true;
    if (n > 0) return false;
  }
  return false;
}

/** One of the previous few blocks leaves a mark of this family open. */
function prevOpen(ctx: CheckContext, unit: CheckUnit, family: Family): boolean {
  const block = unit.block;
  if (!block) return false;
  for (let j = block.index - 1, seen = 0; j >= 0 && seen < SPLIT_PAIR_BLOCKS; j--, seen++) {
    const n = balance(ctx.doc.blocks[j]!.text, family);
    if (n > 0) return true;
    if (n < 0) return false;
  }
  return false;
}
