/**
 * @fileoverview Text left by PDF or web extraction that is not part of the report: page numbers and
 * viewer counters (`第3页 / 共34页`), list numbers glued to years (`一、9 2019 年度`), stray letters
 * at a line start, mojibake, watermarks and running headers (short lines repeated on every page),
 * and lines broken in the middle of a sentence or word (`探索构\n\n 建分类快审机制`, which normalize
 * rejoins). One info finding each.
 *
 * Web-page chrome (选择语言, 扫一扫在手机打开当前页, 版权所有 …) is NOT reported here: normalize marks it
 * and no check sees it (issue 2: nothing is reported inside chrome). Noise that normalize already
 * marked (`NoiseSpan`, kind page-number) is reported once, from those spans.
 *
 * Kept out of the other checks: numbering skips markers in noise; the detectors live in
 * pipeline/text/extraction-noise-patterns.ts so normalize can mark the same spans.
 */
import { z } from "zod";
import { CompileError, defineCheck, type RawFinding } from "./define-check.js";
import { findGluedNumbers, findMojibake, findPageNumbers, findRepeatedLines, findSplitMarkers, findStrayChars, type NoiseHit } from "../text/extraction-noise-patterns.js";
import { userRegExp, regexErrorMessage } from "../text/safe-regex.js";

export default defineCheck({
  type: "extraction-noise",
  description: { zh: "提取残留：页码、与年份粘连的序号、乱码、水印、断行", en: "Extraction leftovers: page numbers, list numbers glued to years, mojibake, watermarks, broken lines" },
  defaultScope: "document",
  scopes: ["document"],
  options: z
    .object({
      pageNumbers: z.boolean().default(true),
      gluedNumbers: z.boolean().default(true),
      strayChars: z.boolean().default(true),
      mojibake: z.boolean().default(true),
      /** Short lines repeated at least this many times (0: off). */
      repeatedLines: z.number().int().min(0).default(3),
      repeatedLineMaxLength: z.number().int().min(2).default(30),
      /** Lines broken inside a sentence (rejoined by normalize). */
      brokenLines: z.boolean().default(true),
      /** Extra watermark patterns (regular expressions, flag u). */
      watermarks: z.array(z.string().min(1)).default([]),
    })
    .strict(),
  messages: {
    "page-number": { zh: "页码或页面计数残留：“{{text}}”，不属于报告正文", en: "Page number left by extraction: “{{text}}”" },
    "glued-number": { zh: "PDF 提取时序号“{{digit}}”与年份“{{year}}”粘连，应删除该数字", en: "List number “{{digit}}” glued to the year {{year}} by PDF extraction; delete the digit" },
    "stray-char": { zh: "行首残留孤立字符“{{char}}”（提取残留）", en: "Stray character “{{char}}” at a line start (extraction leftover)" },
    mojibake: { zh: "乱码或不可见字符：{{codePoints}}", en: "Mojibake or invisible characters: {{codePoints}}" },
    "repeated-line": { zh: "短行“{{text}}”重复出现{{count}}次，疑为水印或页眉页脚", en: "Short line “{{text}}” repeated {{count}} times: a watermark or running header" },
    watermark: { zh: "疑为水印：“{{text}}”", en: "Looks like a watermark: “{{text}}”" },
    "split-marker": { zh: "序号“{{marker}}”被换行断开（提取残留）", en: "Heading marker “{{marker}}” split over two lines (extraction leftover)" },
    "broken-line": { zh: "句子在“{{before}}|{{after}}”处被换行断开（PDF 分页或换行残留），已合并后检查", en: "Sentence broken across lines at “{{before}}|{{after}}” (page break left by extraction)" },
  },
  compile(options) {
    const watermarks = options.watermarks.map((w, i) => {
      try {
        return userRegExp(w, "gu");
      } catch (e) {
        throw new CompileError(regexErrorMessage(e), ["watermarks", i]);
      }
    });
    return { ...options, watermarkRes: watermarks };
  },
  run(unit, compiled, ctx) {
    const doc = ctx.doc;
    const text = unit.text;
    const hits: NoiseHit[] = [];
    const isChrome = (s: number, e: number) => doc.normalized.noise.some((n) => n.kind === "chrome" && n.start < unit.start + e && unit.start + s < n.end);
    // A PDF we read ourselves has page numbers as layout (marked noise, shown dimmed), not as text
    // left over by someone else's extraction, so they are only reported for text files.
    if (compiled.pageNumbers && doc.normalized.raw.format !== "pdf") {
      const marked = doc.normalized.noise.filter((n) => n.kind === "page-number" && n.start >= unit.start && n.end <= unit.end);
      for (const n of marked) hits.push({ start: n.start - unit.start, end: n.end - unit.start, kind: "page-number", detail: { text: doc.text.slice(n.start, n.end).trim() } });
      for (const h of findPageNumbers(text)) if (!hits.some((x) => x.start < h.end && h.start < x.end)) hits.push(h);
    }
    if (compiled.gluedNumbers) hits.push(...findGluedNumbers(text));
    if (compiled.strayChars) hits.push(...findStrayChars(text));
    if (compiled.brokenLines) hits.push(...findSplitMarkers(text));
    if (compiled.mojibake) hits.push(...findMojibake(text));
    if (compiled.repeatedLines > 0) {
      // Table rows are content: a figure or label repeated in cells is no watermark.
      const headingSpans = doc.blocks.filter((b) => b.kind === "heading" || b.kind === "title" || b.kind === "signature" || b.kind === "meta" || b.table).map((b) => [b.start - unit.start, b.end - unit.start] as const);
      hits.push(...findRepeatedLines(text, compiled.repeatedLines, compiled.repeatedLineMaxLength, (s, e) => isChrome(s, e) || headingSpans.some(([hs, he]) => hs <= s && e <= he)));
    }
    const out: RawFinding[] = [];
    for (const h of hits) {
      if (h.kind !== "page-number" && isChrome(h.start, h.end)) continue;
      out.push({ span: [h.start, h.end], messageId: h.kind, data: { text: text.slice(h.start, h.end), ...(h.detail ?? {}) }, evidence: { kind: h.kind, ...(h.detail ?? {}) } });
    }
    for (const re of compiled.watermarkRes) {
      re.lastIndex = 0;
      for (const m of text.matchAll(re)) {
        if (m[0].length === 0 || isChrome(m.index, m.index + m[0].length)) continue;
        out.push({ span: [m.index, m.index + m[0].length], messageId: "watermark", data: { text: m[0] }, evidence: { kind: "watermark" } });
      }
    }
    if (compiled.brokenLines) out.push(...brokenLines(unit.start, text, doc.normalized.raw.original, doc.normalized.map.sourceOffsets, isChrome));
    return out.sort((a, b) => a.span[0] - b.span[0]);
  },
});

/**
 * Places where normalize rejoined a line broken inside a sentence: two adjacent normalized characters
 * whose original positions have a line break between them. The finding covers both characters, so its
 * original text shows the break (`构\n\n 建`).
 */
/** Longest line read as a run-in heading or lead line. */
const HEADING_LINE_MAX = 40;

function brokenLines(unitStart: number, text: string, original: string, sources: ArrayLike<number>, isChrome: (s: number, e: number) => boolean): RawFinding[] {
  const out: RawFinding[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const a = sources[unitStart + i]!;
    const b = sources[unitStart + i + 1]!;
    if (b - a <= 1) continue;
    const gap = original.slice(a + 1, b);
    if (!/[\r\n]/.test(gap)) continue;
    if (/[\r\n]/.test(text[i]!) || /[\r\n]/.test(text[i + 1]!)) continue;
    if (isChrome(i, i + 2)) continue;
    // A short whole line without a sentence end, ending on a full clause, before the break is a
    // run-in heading or lead line (——突出抓经济运行，稳增长取得新成效 / 第一，聚焦高质量发展抓转型图振兴)
    // followed by its paragraph, not a sentence cut in two. A long PDF line (a paragraph's first
    // line) or one ending on a comma is still a broken sentence.
    const line = original.slice(original.lastIndexOf("\n", a) + 1, a + 1).trim();
    if (line.length > 0 && line.length <= HEADING_LINE_MAX && !/[。！？!?；;]/u.test(line) && !/[，,、：:（(“《]$/u.test(line)) continue;
    out.push({
      span: [i, i + 2],
      messageId: "broken-line",
      data: { before: text.slice(Math.max(0, i - 5), i + 1), after: text.slice(i + 1, i + 6) },
      evidence: { kind: "broken-line", before: text.slice(Math.max(0, i - 10), i + 1), after: text.slice(i + 1, i + 11) },
    });
  }
  return out;
}
