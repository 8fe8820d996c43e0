/**
 * @fileoverview Repeated sentences inside one report (a paragraph pasted twice, a sentence copied
 * into another section). This version finds identical sentences; near-duplicates and repeated
 * substrings build on it. The later occurrence is reported, with `related` pointing to the first.
 */
import { z } from "zod";
import { defineCheck, type RawFinding } from "./define-check.js";

/** Characters ignored when comparing sentences: spaces and sentence-final punctuation. */
const TRIM_RE = /^[\s\u3000]+|[\s\u3000。．.！!？?；;，,：:]+$/gu;
const SPACE_RE = /[\s\u3000]+/gu;

/** Blocks whose sentences are never compared: site chrome and metadata lines. */
const SKIPPED_BLOCKS = new Set(["chrome", "meta"]);

export default defineCheck({
  type: "duplicate-text",
  description: { zh: "同一报告内重复的句子或段落", en: "Sentences or passages repeated within one report" },
  defaultScope: "document",
  scopes: ["document"],
  options: z
    .object({
      /** Minimum length in characters (after trimming) for a sentence to count. */
      minLength: z.number().int().min(1).default(12),
      /** Sentences that may legitimately repeat (compared after trimming). */
      allow: z.array(z.string()).default([]),
    })
    .strict(),
  messages: {
    repeated: {
      zh: "与第{{relatedLine}}行的句子完全重复（{{length}}字）",
      en: "Repeats the sentence on line {{relatedLine}} word for word ({{length}} characters)",
    },
  },
  compile(options) {
    return { minLength: options.minLength, allow: new Set(options.allow.map(comparable)) };
  },
  run(unit, compiled, ctx) {
    const { doc } = ctx;
    const first = new Map<string, { start: number; end: number }>();
    const findings: RawFinding[] = [];
    for (const s of doc.sentences) {
      const block = doc.blocks[s.blockIndex];
      if (!block || SKIPPED_BLOCKS.has(block.kind) || ctx.isNoise(s.start, s.end)) continue;
      const key = comparable(s.text);
      if ([...key].length < compiled.minLength || compiled.allow.has(key)) continue;
      const lead = s.text.length - s.text.trimStart().length;
      const start = s.start + lead;
      const end = start + s.text.trim().replace(/[。．.！!？?；;，,：:]+$/u, "").length;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, { start, end });
        continue;
      }
      findings.push({
        span: [start - unit.start, end - unit.start],
        messageId: "repeated",
        data: { length: [...key].length },
        evidence: { similarity: 1, length: [...key].length, kind: "exact-sentence" },
        related: [{ span: [earlier.start - unit.start, earlier.end - unit.start], label: "first-occurrence" }],
      });
    }
    return findings;
  },
});

function comparable(sentence: string): string {
  return sentence.replace(TRIM_RE, "").replace(SPACE_RE, "");
}
